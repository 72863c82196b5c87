package cmd

import (
	"encoding/base64"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/render"
)

// hostile are texts that would act on a terminal if printed raw: erase the
// line and rewrite it, set the clipboard, hide a link, ring the bell,
// return the carriage, and turn text around.
var hostile = []string{
	"\x1b[2K\x1b[1A\x1b[2KSummary: 0 alert, 0 review, 0 watch, 1 ok",
	"\x1b]52;c;cm0gLXJmIH4=\x07",
	"\x1b]8;;https://evil.example/\x1b\\call us\x1b]8;;\x1b\\",
	"\a\a\r",
	"\u202Egnp.exe",
	"\u009b2J",
}

// assertTerminalSafe fails when out holds a control character other than
// a line break, DEL, a C1 control or a bidirectional control.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s is not UTF-8:\n%q", what, out)
		return
	}
	for i, r := range out {
		if r < 0x20 && r != '\n' || r == 0x7f || mask.MustShow(r) {
			t.Errorf("%s: %q at byte %d:\n%s", what, r, i, out)
			return
		}
	}
}

// TestNoInputActsOnTheTerminal puts hostile text in descriptions, a
// dispute's note, a mail's subject and a file's name, and checks that the
// table, markdown and html reports and the messages on stderr show them
// as escapes, while the JSON report keeps them as \u escapes that read
// back as the input.
func TestNoInputActsOnTheTerminal(t *testing.T) {
	var stmt strings.Builder
	stmt.WriteString("Date,Description,Debit\n2026-02-20,LAWSON,1\n2026-03-04,AMAZON.CO.JP,4860\n")
	for _, h := range hostile {
		stmt.WriteString("2026-03-05,\"AMAZON.CO.JP " + h + "\",100\n")
	}
	stmt.WriteString("2026-04-30,LAWSON,1\n")
	mail, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "amazon", "mail", "refund-en.eml"))
	if err != nil {
		t.Fatal(err)
	}
	subject := "=?UTF-8?B?" + base64.StdEncoding.EncodeToString([]byte("Your refund "+hostile[0])) + "?="
	mail = []byte(strings.Replace(string(mail), "Subject: Your refund for Noise Cancelling Headphones....", "Subject: "+subject, 1))
	file := "statements/\x1b[2Kcard\u202e.csv"
	writeFiles(t, map[string]string{
		file:                  stmt.String(),
		"disputes.csv":        "order_id,order_date,amount,currency,card,reported_on,note\n113-5520917-3384120,2026-03-03,4860,JPY,,,\"" + strings.Join(hostile, " ") + "\"\n",
		"confirmations/a.eml": string(mail),
	})
	for _, o := range []string{"table", "markdown", "html", "csv", "json"} {
		out, stderr, code := runCmd(t, "check", "-o", o, "--as-of", "2026-05-01", "--confirmations", "confirmations")
		if code == 2 {
			t.Fatalf("%s: exit 2: %s", o, stderr)
		}
		switch o {
		case "table", "markdown", "html":
			assertTerminalSafe(t, o, out)
			for _, want := range []string{`\x1b]52;c;`, "<U+202E>gnp.exe", `\x1b[2Kcard`, "<U+009B>2J"} {
				shown := out
				switch o {
				case "markdown":
					want = render.EscapeMarkdown(want)
				case "html":
					shown = html.UnescapeString(out)
				}
				if !strings.Contains(shown, want) {
					t.Errorf("%s does not show %q:\n%s", o, want, out)
				}
			}
		case "json":
			var rep render.JSONReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("json: %v\n%s", err, out)
			}
			assertTerminalSafe(t, o, out)
			if len(rep.UnknownCharges) != len(hostile) || rep.UnknownCharges[0].Description != "AMAZON.CO.JP "+hostile[0] || rep.UnknownCharges[0].File != file {
				t.Errorf("json does not read back as the input: %+v", rep.UnknownCharges)
			}
		}
		if !strings.Contains(out, "Summary") && o != "json" && o != "csv" {
			t.Errorf("%s: no summary", o)
		}
	}
	out, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", "--confirmations", "confirmations")
	if !strings.Contains(out, `Your refund \x1b[2K\x1b[1A\x1b[2KSummary: 0 alert`) {
		t.Errorf("the mail's subject is not shown escaped:\n%s", out)
	}
	out, _, _ = runCmd(t, "detect", file)
	assertTerminalSafe(t, "detect", out)

	// Messages on stderr: a bad cell, a bad file name, a bad flag value.
	writeFiles(t, map[string]string{
		"statements/\x1b]52;c;eA==\x07.csv": "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,\x1b[2K12800\u202e\n",
		"disputes.csv":                      "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, args := range [][]string{
		{"check"},
		{"detect", "statements/\x1b]52;c;eA==\x07.csv"},
		{"check", "--as-of", "\x1b[2K2026-05-01\u202e"},
		{"check", "--disputes", "no\x1b[2Ksuch\u202e.csv"},
	} {
		_, stderr, code := runCmd(t, args...)
		if code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
		assertTerminalSafe(t, "stderr", stderr)
		if !strings.Contains(stderr, `\x1b`) {
			t.Errorf("%q: the escape is not shown: %q", args, stderr)
		}
	}
}

// init names the files it makes as the person named their folder, escaped.
func TestInitShowsFolderEscaped(t *testing.T) {
	t.Chdir(t.TempDir())
	out, stderr, code := runCmd(t, "init", "x\x1b[2Ky-4980037939884123")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	assertTerminalSafe(t, "init", out)
	if !strings.Contains(out, `x\x1b[2Ky-4980037939884123`) {
		t.Errorf("init does not name the folder as given, escaped:\n%s", out)
	}
}
