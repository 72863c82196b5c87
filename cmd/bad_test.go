package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// badCommands says how refundwatch is given each folder of testdata/bad:
// the command line, NAME standing for the file. The other inputs are the
// bundled example's, which are good.
var badCommands = map[string][]string{
	"statements":    {"detect", "NAME"},
	"disputes":      {"check", "--disputes", "NAME", "../../example/statements"},
	"confirmations": {"check", "--disputes", "../../example/disputes.csv", "--confirmations", "NAME", "../../example/statements"},
	"orders":        {"check", "--disputes", "../../example/disputes.csv", "--orders", "NAME", "../../example/statements"},
	"formats":       {"detect", "--formats", "NAME", "../../example/statements/2026-03.csv"},
	"ofx":           {"detect", "NAME"},
}

// cardRun is a run of digits as long as a card number.
var cardRun = regexp.MustCompile(`[0-9]{12,}`)

// TestBadInputs runs refundwatch on each malformed file of testdata/bad and
// checks that it exits 2, prints nothing on stdout, and prints exactly the
// lines of the file's NAME.err on stderr (NAME.ja.err with --lang ja, where
// there is one). go test ./cmd -update rewrites the .err files from what
// refundwatch prints; review the diff.
func TestBadInputs(t *testing.T) {
	root := filepath.Join(repoRoot(t), "testdata", "bad")
	kinds, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range kinds {
		if !kind.IsDir() {
			continue
		}
		command, ok := badCommands[kind.Name()]
		if !ok {
			t.Errorf("testdata/bad/%s: no command line for this folder in badCommands", kind.Name())
			continue
		}
		dir := filepath.Join(root, kind.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, e := range entries {
			names[e.Name()] = true
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasSuffix(name, ".err") {
				input := strings.TrimSuffix(strings.TrimSuffix(name, ".err"), ".ja")
				if !names[input] {
					t.Errorf("testdata/bad/%s/%s: no input file %s beside it", kind.Name(), name, input)
				}
				continue
			}
			for _, lang := range []string{"en", "ja"} {
				want := filepath.Join(dir, name+".err")
				if lang == "ja" {
					want = filepath.Join(dir, name+".ja.err")
					if !names[name+".ja.err"] {
						continue
					}
				}
				t.Run(kind.Name()+"/"+name+"/"+lang, func(t *testing.T) {
					args := []string{"--lang", lang}
					for _, a := range command {
						args = append(args, strings.ReplaceAll(a, "NAME", name))
					}
					t.Chdir(dir)
					out, stderr, code := runCmd(t, args...)
					if *update {
						if err := os.WriteFile(want, []byte(stderr), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					expected, err := os.ReadFile(want)
					if err != nil {
						t.Fatalf("%v (go test ./cmd -update writes it from what refundwatch prints)", err)
					}
					if code != 2 || out != "" || stderr != string(expected) {
						t.Errorf("refundwatch %s: exit %d, stdout %q, stderr:\n%s\nwant exit 2, no stdout, stderr:\n%s", strings.Join(args, " "), code, out, stderr, expected)
					}
					for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
						if !strings.HasPrefix(line, name+":") && !strings.HasPrefix(line, "../../example/") {
							t.Errorf("line does not start with the file's name: %s", line)
						}
						if cardRun.MatchString(line) {
							t.Errorf("a run of 12 or more digits is printed in full: %s", line)
						}
					}
				})
			}
		}
	}
}

// TestBadInputsTooLargeToKeep checks, like TestBadInputs, inputs made here
// because they are too large to keep in testdata: a row longer than the
// readers accept, a quote left open over a large file, and a file that
// changes encoding after the part its encoding is told from.
func TestBadInputsTooLargeToKeep(t *testing.T) {
	const head = "Date,Description,Debit\n"
	// UTF-8 in the first 64 KiB (Café), CP932 after them.
	latin := "Date,Description,Debit\n2026-03-01,Café,300\n" + strings.Repeat("2026-03-01,AMAZON.CO.JP MARKETPLACE ORDER,1200\n", 1500) +
		"2026-03-02,\x83A\x83}\x83]\x83\x93,500\n"
	tests := []struct {
		name, file, content string
		args                []string
		want                string
	}{
		{"one huge line", "huge.csv", head + "2026-03-01,LAWSON,100\n2026-03-02," + strings.Repeat("AMAZON ", 300000) + ",5\n",
			[]string{"detect", "huge.csv"},
			"huge.csv:3: row is longer than 1 MiB; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed\n"},
		{"a quote never closed", "open.csv", head + "2026-03-01,LAWSON,100\n2026-03-02,\"AMAZON" + strings.Repeat("2026-03-03,AMAZON.CO.JP,1200\n", 50000),
			[]string{"detect", "open.csv"},
			"open.csv:3: row is longer than 1 MiB; statement rows are a few hundred characters: the file is damaged, or a quote opened on this row is never closed\n"},
		{"encoding changes after 64 KiB", "mixed.csv", latin,
			[]string{"detect", "mixed.csv"},
			"mixed.csv:1503: description is not valid utf-8 text; the file changes encoding after its first 64 KiB\n"},
		{"a long line in a formats file", "long.rules", "format a\nissuer " + strings.Repeat("x", 70000) + "\n",
			[]string{"detect", "--formats", "long.rules", "x.csv"},
			"long.rules:2: line is longer than 64 KiB; a formats file has one short directive a line\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, map[string]string{tt.file: tt.content, "x.csv": head + "2026-03-01,LAWSON,100\n"})
			out, stderr, code := runCmd(t, tt.args...)
			if code != 2 || out != "" || stderr != tt.want {
				t.Errorf("exit %d, stdout %.200q\nstderr %q\nwant   %q", code, out, stderr, tt.want)
			}
		})
	}
}

// TestBrokenDisputeRowKeepsItsConfirmation checks that the confirmation of
// an order whose disputes row cannot be read is not also called an order
// missing from the disputes file.
func TestBrokenDisputeRowKeepsItsConfirmation(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv":  "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,12800\n",
		"disputes.csv":      "order_id,order_date,amount\n250-1234567-1234567,2026-02-30,12800\n250-7654321-7654321,2026-03-02,500\n",
		"confirmations.csv": "order_id,confirmed_on,kind\n250-1234567-1234567,2026-03-10,refund\n",
	})
	out, stderr, code := runCmd(t, "check")
	want := "disputes.csv:2: order_date: \"2026-02-30\" is not a day of the calendar\n"
	if code != 2 || out != "" || stderr != want {
		t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, stderr, want)
	}
}

// TestBadCommandsCoverEveryFolder keeps badCommands and testdata/bad in step.
func TestBadCommandsCoverEveryFolder(t *testing.T) {
	for kind := range badCommands {
		if _, err := os.Stat(filepath.Join(repoRoot(t), "testdata", "bad", kind)); err != nil {
			t.Errorf("badCommands names %s, which testdata/bad does not have", kind)
		}
	}
	if !slices.Contains(badCommands["statements"], "NAME") {
		t.Error("the statements command does not name the file")
	}
}
