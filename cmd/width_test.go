package cmd

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"golang.org/x/term"
)

// checkWidth fails for each line of out wider than width columns.
func checkWidth(t *testing.T, name, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := layout.TextWidth(line); w > width {
			t.Errorf("%s: line %d is %d columns wide, more than %d:\n%s", name, i+1, w, width, line)
		}
	}
}

// TestTableFitsWidth renders the example's report, in English and in
// Japanese, for terminals 60, 80 and 100 columns wide: no line is wider.
func TestTableFitsWidth(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	for _, width := range []int{60, 80, 100} {
		for _, lang := range []string{"en", "ja"} {
			out, stderr, code := runCmdEnv(t, env{width: width}, "check", "--as-of", "2026-05-01", "--lang", lang)
			if code != 1 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			checkWidth(t, lang, out, width)
			if testing.Verbose() {
				t.Logf("%s %d:\n%s", lang, width, out)
			}
		}
	}
}

// runInTerminal runs args with stdout on a pseudo-terminal of the given
// width, as Main sets it up, and returns what the terminal received.
func runInTerminal(t *testing.T, width int, environ map[string]string, args ...string) (string, int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(width), Rows: 24}); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(ptmx)
		got <- b
	}()
	var stderr bytes.Buffer
	e := env{
		stdout: tty, stderr: &stderr, now: func() time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) },
		getenv:         func(k string) string { return environ[k] },
		stdoutTerminal: term.IsTerminal(int(tty.Fd())), width: terminalWidth(tty),
	}
	code := run(args, e)
	tty.Close()
	out := <-got
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	// The terminal ends its lines with \r\n.
	return strings.ReplaceAll(string(out), "\r\n", "\n"), code
}

// ansi matches the terminal's colour sequences.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestTerminal80 runs check, formats, detect and init on a terminal 80 columns
// wide: no line is wider (colour sequences take no room), severities are in
// colour, and not with NO_COLOR or TERM=dumb.
func TestTerminal80(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	for _, tc := range []struct {
		name    string
		environ map[string]string
		args    []string
		code    int
		color   bool
	}{
		{"check", map[string]string{"TERM": "xterm"}, []string{"check", "--as-of", "2026-05-01"}, 1, true},
		{"check ja", map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"check", "--as-of", "2026-05-01"}, 1, true},
		{"check NO_COLOR", map[string]string{"NO_COLOR": "1"}, []string{"check", "--as-of", "2026-05-01"}, 1, false},
		{"check TERM=dumb", map[string]string{"TERM": "dumb"}, []string{"check", "--as-of", "2026-05-01", "--lang", "ja"}, 1, false},
		{"formats", nil, []string{"formats"}, 0, false},
		{"formats ja", nil, []string{"formats", "--lang", "ja"}, 0, false},
		{"detect", nil, []string{"detect", "statements"}, 0, false},
		{"detect ja", map[string]string{"LANG": "ja_JP.UTF-8"}, []string{"detect", "statements"}, 0, false},
		{"init", nil, []string{"init", filepath.Join(t.TempDir(), "amazon-incident")}, 0, false},
		{"init ja", nil, []string{"init", "--lang", "ja", filepath.Join(t.TempDir(), "amazon-incident")}, 0, false},
	} {
		out, code := runInTerminal(t, 80, tc.environ, tc.args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d", tc.name, code, tc.code)
		}
		if colored := ansi.MatchString(out); colored != tc.color {
			t.Errorf("%s: colour %v, want %v", tc.name, colored, tc.color)
		}
		checkWidth(t, tc.name, ansi.ReplaceAllString(out, ""), 80)
	}
}
