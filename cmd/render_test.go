package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/cmd/internal/render"
	"github.com/refundwatch/refundwatch/parser/formats"
)

// TestCSVKeepsNegativeAmountsNumbers runs check -o csv on statements whose
// descriptions look like formulas: text cells are neutralised, while the
// credit's negative amount stays a number.
func TestCSVKeepsNegativeAmountsNumbers(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Description,Debit,Credit\n2026-02-20,LAWSON,1,\n2026-03-04,=AMAZON.CO.JP,12800,\n2026-03-08,-AMAZON.CO.JP,,12800\n2026-04-30,LAWSON,1,\n",
		"disputes.csv":     "order_id,order_date,amount,currency,card,reported_on,note\n250-1234567-1234567,2026-03-02,12800,JPY,,,+not mine\n",
	})
	out, stderr, code := runCmd(t, "check", "-o", "csv", "--as-of", "2026-05-01")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	reason := `"charged 12,800 JPY on 2026-03-04, credited 12,800 JPY on 2026-03-08; nothing is missing now; ` +
		`no confirmation from Amazon yet: keep checking new statements, and add Amazon's confirmation when it comes, to know until when to watch"`
	want := "\uFEFF" + strings.Join(render.CSVHeader, ",") + "\n" +
		"order,250-1234567-1234567,refunded,ok,2026-03-02,12800,JPY,,,,false,12800,12800,0,charge,2026-03-04,12800,'=AMAZON.CO.JP,,statements/a.csv,3," + reason + ",'+not mine\n" +
		"order,250-1234567-1234567,refunded,ok,2026-03-02,12800,JPY,,,,false,12800,12800,0,credit,2026-03-08,-12800,'-AMAZON.CO.JP,,statements/a.csv,4," + reason + ",'+not mine\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestTableColour colours severities only in a table on a terminal, and
// never with NO_COLOR.
func TestTableColour(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	noColor := func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}
	tests := []struct {
		name   string
		e      env
		output string
		want   bool
	}{
		{"terminal", env{stdoutTerminal: true}, "table", true},
		{"terminal with NO_COLOR", env{stdoutTerminal: true, getenv: noColor}, "table", false},
		{"pipe", env{}, "table", false},
		{"markdown on a terminal", env{stdoutTerminal: true}, "markdown", false},
		{"json on a terminal", env{stdoutTerminal: true}, "json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, _ := runCmdEnv(t, tt.e, "check", "--as-of", "2026-05-01", "-o", tt.output)
			if got := strings.Contains(out, "\x1b["); got != tt.want {
				t.Errorf("colour %v, want %v:\n%s", got, tt.want, out)
			}
			if tt.want && !strings.Contains(out, "  \x1b[31mALERT\x1b[0m     still-charged    250-4418372-2290415") {
				t.Errorf("the alert is not red, or the columns moved:\n%s", out)
			}
		})
	}
}

// TestHTMLIsSelfContained checks the structure of the HTML report: one page
// with no external asset and no script, an SVG timeline and a section per
// order, and text escaped.
func TestHTMLIsSelfContained(t *testing.T) {
	for _, name := range []string{"example.html", "example.ja.html"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "golden", name))
			if err != nil {
				t.Fatal(err)
			}
			page := string(data)
			for _, banned := range []string{"<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "https://"} {
				if strings.Contains(page, banned) {
					t.Errorf("page holds %q: it must need nothing from outside", banned)
				}
			}
			if n := len(regexp.MustCompile(`http://`).FindAllString(page, -1)); n != strings.Count(page, "<svg ") {
				t.Errorf("%d http:// references; only the SVG namespace (one per picture) may appear", n)
			}
			for _, want := range []struct {
				what string
				n    int
			}{{"<svg ", 4}, {`<section class="order `, 4}, {`<div class="evidence">`, 1}, {`<circle class="charge"`, 3}, {`<circle class="credit"`, 1}, {`<rect class="grace"`, 4}, {`<rect class="watch"`, 4}, {`<line class="coverage"`, 4}} {
				if got := strings.Count(page, want.what); got != want.n {
					t.Errorf("%d × %q, want %d", got, want.what, want.n)
				}
			}
		})
	}
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Description,Debit\n2026-02-20,LAWSON,1\n2026-03-04,AMAZON <script>alert(1)</script>,12800\n2026-04-30,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	out, _, _ := runCmd(t, "check", "-o", "html")
	if strings.Contains(out, "<script>") || !strings.Contains(out, "AMAZON &lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("a description is not escaped:\n%s", out)
	}
}

func TestJapaneseErrors(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,12800\n2026-13-19,LAWSON,1\n2026-03-20,LAWSON,x\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n250-1234567-1234567,2026-03-03,\n",
	})
	ja := env{getenv: func(k string) string {
		if k == "LANG" {
			return "ja_JP.UTF-8"
		}
		return ""
	}}
	want := "statements/a.csv:3: 「2026-13-19」は暦にない日付です\n" +
		"statements/a.csv:4: 出金額: 「x」は金額として読めません\n" +
		"disputes.csv:3: 注文 250-1234567-1234567 が2回書かれています（最初は2行目）\n" +
		"disputes.csv:3: amount（金額）が空です。Amazonに表示された注文の合計金額を書いてください\n"
	_, stderr, code := runCmdEnv(t, ja, "check")
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	_, stderr, _ = runCmdEnv(t, ja, "check", "--lang", "en")
	if !strings.HasPrefix(stderr, "statements/a.csv:3: \"2026-13-19\" is not a day of the calendar\n") {
		t.Errorf("--lang en does not win over LANG:\n%s", stderr)
	}
	_, stderr, code = runCmdEnv(t, ja, "check", "--lang", "fr")
	if code != 2 || stderr != "--lang「fr」: ja か en を指定してください\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestCompletion asks cobra for the completions the shell scripts ask for.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "check", "--output", ""}, "table\njson\ncsv\nmarkdown\nhtml\n:4\n"},
		{[]string{"__complete", "check", "--fail-on", ""}, "alert\nreview\nnever\n:4\n"},
		{[]string{"__complete", "check", "--lang", ""}, "ja\nen\n:4\n"},
		{[]string{"__complete", "init", "--lang", ""}, "ja\nen\n:4\n"},
		// Files are completed as files (directive 0: the shell's default).
		{[]string{"__complete", "check", "--disputes", ""}, ":0\n"},
	}
	for _, tt := range tests {
		out, _, code := runCmd(t, tt.args...)
		if code != 0 || !strings.HasPrefix(out, tt.want) {
			t.Errorf("%v: exit %d, got %q, want %q", tt.args, code, out, tt.want)
		}
	}
}

// TestCompletionDescriptions checks that the shell is given the flags'
// usages as the help shows them: FORMAT, not the backquoted `FORMAT` that
// tells pflag the name of a flag's value.
func TestCompletionDescriptions(t *testing.T) {
	for _, args := range [][]string{{"__complete", "check", "--"}, {"__complete", "init", "--"}, {"__complete", "--"}} {
		out, _, code := runCmd(t, args...)
		if code != 0 || strings.Contains(out, "`") {
			t.Errorf("%v: exit %d, backquotes in %q", args, code, out)
		}
	}
	out, _, _ := runCmd(t, "__complete", "check", "--out")
	if want := "--output\treport FORMAT: table, json"; !strings.Contains(out, want) {
		t.Errorf("__complete check --out: %q, want it to hold %q", out, want)
	}
	// The help still names the value.
	help, _, _ := runCmd(t, "check", "--help")
	if !strings.Contains(help, "--output FORMAT") {
		t.Errorf("check --help lost the value's name:\n%s", help)
	}
}

// TestCompletionOfFormatNames checks that --format completes to every
// statement format, built-in, by name, and nothing but names.
func TestCompletionOfFormatNames(t *testing.T) {
	out, _, code := runCmd(t, "__complete", "check", "--format", "")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != ":4" {
		t.Errorf("directive %q, want :4 (no file completion)", last)
	}
	got := lines[:len(lines)-1]
	if !slices.Equal(got, formats.FormatNames()) {
		t.Errorf("--format completes to %q, want the format names %q", got, formats.FormatNames())
	}
	for _, name := range []string{"smbc-vpass", "rakuten-card", "chase-card", "ofx"} {
		if !slices.Contains(got, name) {
			t.Errorf("--format does not complete to %s", name)
		}
	}
}

// TestCoveragePerAccount checks that the reports say, for each account, the
// days its statements show, since each order is judged on its own account's.
func TestCoveragePerAccount(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "scenarios", "two-cards"))
	out, _, code := runCmd(t, "check", "--as-of", "2026-12-31", "-o", "json")
	if code == 2 {
		t.Fatalf("exit 2")
	}
	var rep struct {
		Coverage []struct{ Account, From, To string } `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(rep.Coverage)
	if want := "[{1111 2026-02-20 2026-04-30} {2222 2026-02-20 2026-03-20}]"; got != want {
		t.Errorf("coverage %s, want %s", got, want)
	}
	out, _, _ = runCmd(t, "check", "--as-of", "2026-12-31")
	for _, want := range []string{"  coverage of 1111: 2026-02-20 to 2026-04-30\n", "  coverage of 2222: 2026-02-20 to 2026-03-20\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
