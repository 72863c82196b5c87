//go:build unix

package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/input"
)

const okStatement = "Date,Description,Debit\n2026-03-01,LAWSON,1\n2026-03-18,AMAZON.CO.JP,12800\n2026-04-30,LAWSON,1\n"

// runWithin runs a command and fails the test when it does not end within
// a few seconds: reading a pipe nobody writes to would wait forever.
func runWithin(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	type result struct {
		out, err string
		code     int
	}
	done := make(chan result, 1)
	go func() {
		out, errs, code := runCmd(t, args...)
		done <- result{out, errs, code}
	}()
	select {
	case r := <-done:
		return r.out, r.err, r.code
	case <-time.After(20 * time.Second):
		t.Fatalf("%q did not end", args)
	}
	return "", "", 0
}

func TestFoldersHoldOnlyFiles(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": okStatement,
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	if err := syscall.Mkfifo("statements/b.csv", 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, args := range [][]string{{"check"}, {"detect", "statements"}} {
		out, stderr, code := runWithin(t, args...)
		if want := "statements/b.csv: is not a file but a named pipe, a device or a socket; only files are read from a folder\n"; code != 2 || strings.Contains(out, "b.csv") || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want %q", args, code, out, stderr, want)
		}
	}
}

// A pipe given by name is read, within the limits of what it is given for.
func TestPipeGivenByName(t *testing.T) {
	writeFiles(t, map[string]string{"statements/a.csv": okStatement})
	if err := syscall.Mkfifo("disputes.pipe", 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	go func() {
		f, err := os.OpenFile("disputes.pipe", os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		_, _ = f.WriteString("order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n")
	}()
	out, stderr, code := runWithin(t, "check", "--disputes", "disputes.pipe", "--as-of", "2026-05-01")
	if code != 0 || !strings.Contains(out, "unanswered  250-1234567-1234567") {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
}

// Files read whole are refused past 64 MiB, whether or not they tell
// their size: /dev/zero never ends.
func TestFilesReadWholeAreBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	writeFiles(t, map[string]string{"statements/a.csv": okStatement})
	big, err := os.Create("big.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = big.WriteString("order_id,order_date,amount,note\n250-1234567-1234567,2026-03-02,12800,")
	if err := big.Truncate(input.MemberLimit + 100); err != nil {
		t.Fatal(err)
	}
	big.Close()
	for _, args := range [][]string{{"--disputes", "/dev/zero"}, {"--disputes", "big.csv"}, {"--mine", "/dev/zero", "--disputes", "big.csv"}} {
		_, stderr, code := runWithin(t, append([]string{"check"}, args...)...)
		if want := args[1] + ": file is larger than 64 MiB, the most refundwatch reads of such a file; is it the right file?\n"; code != 2 || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", args, code, stderr, want)
		}
	}
	// Statements are streamed: no such bound.
	_, stderr, _ := runWithin(t, "check", "--disputes", "/dev/null", "big.csv")
	if strings.Contains(stderr, "MiB") {
		t.Errorf("a statement is refused for its size: %s", stderr)
	}
}

// A folder that cannot be read is named; a linked folder is read; a link
// that loops is said to.
func TestFolderProblemsNameTheFolder(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/2026/a.csv":   okStatement,
		"elsewhere/march/b.csv":   strings.Replace(okStatement, "12800", "500", 1),
		"statements/locked/.keep": "",
		"disputes.csv":            "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	if err := os.Symlink(filepath.Join("..", "elsewhere", "march"), filepath.Join("statements", "march")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out, stderr, code := runWithin(t, "check", "--as-of", "2026-05-01", "-o", "json")
	if code == 2 || !strings.Contains(out, `"file": "statements/march/b.csv"`) {
		t.Errorf("a linked folder: exit %d, stderr %q:\n%s", code, stderr, out)
	}

	if err := os.Symlink("..", filepath.Join("statements", "2026", "loop")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runWithin(t, "check")
	if want := "statements/2026/loop: is a link to a folder that holds it; remove the link\n"; code != 2 || stderr != want {
		t.Errorf("a loop: exit %d, stderr %q; want %q", code, stderr, want)
	}
	os.Remove(filepath.Join("statements", "2026", "loop"))

	if os.Getuid() == 0 {
		t.Skip("root reads any folder")
	}
	if err := os.Chmod(filepath.Join("statements", "locked"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join("statements", "locked"), 0o755)
	_, stderr, code = runWithin(t, "check")
	if want := "statements/locked: permission denied\n"; code != 2 || stderr != want {
		t.Errorf("an unreadable folder: exit %d, stderr %q; want %q", code, stderr, want)
	}
}

// A file name that is not UTF-8 is shown the same way in reports and in
// messages: its bytes as \xe9.
func TestFileNameNotUTF8(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/caf\xe9.csv": okStatement,
		"disputes.csv":           "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	out, _, _ := runWithin(t, "check", "--as-of", "2026-05-01")
	if !strings.Contains(out, `statements/caf\xe9.csv:3`) {
		t.Errorf("the table does not show the name escaped:\n%s", out)
	}
	out, _, _ = runWithin(t, "check", "--as-of", "2026-05-01", "-o", "markdown")
	if !strings.Contains(out, `statements/caf\\xe9.csv:3`) {
		t.Errorf("markdown does not show the name escaped:\n%s", out)
	}
	writeFiles(t, map[string]string{
		"statements/caf\xe9.csv": okStatement + "2026-05-01,LAWSON,x\n",
		"disputes.csv":           "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	_, stderr, _ := runWithin(t, "check", "--as-of", "2026-05-01")
	if want := `statements/caf\xe9.csv:5: `; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr %q, want it to start with %q", stderr, want)
	}
	for _, o := range []string{"json", "csv"} {
		out, _, _ = runWithin(t, "check", "--as-of", "2026-05-01", "--skip-invalid", "-o", o)
		want := `statements/caf\xe9.csv`
		if o == "json" {
			want = `"file": "statements/caf\\xe9.csv"`
		}
		if !strings.Contains(out, want) || strings.Contains(out, `\ufffd`) || strings.ContainsRune(out, utf8.RuneError) {
			t.Errorf("%s does not name the file as %s:\n%s", o, want, out)
		}
	}
}

// A statement given as a pipe is read once, whole, and folds with the
// export it overlaps.
func TestStatementFromAPipeFolds(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": okStatement,
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	if err := syscall.Mkfifo("again.csv", 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	go func() {
		f, err := os.OpenFile("again.csv", os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		_, _ = f.WriteString(okStatement)
	}()
	out, stderr, code := runWithin(t, "check", "--as-of", "2026-05-01", "-o", "json", "statements/a.csv", "again.csv")
	if code == 2 || !strings.Contains(out, `"folded": 3`) || strings.Count(out, `"description": "AMAZON.CO.JP"`) != 1 {
		t.Errorf("exit %d, stderr %q:\n%s", code, stderr, out)
	}
}
