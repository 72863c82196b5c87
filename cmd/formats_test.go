package cmd

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFormatsFile reads a bank export no built-in format knows, with
// the formats file that describes it.
func TestCheckFormatsFile(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "userformat"))
	base := []string{"check", "--disputes", "disputes.csv", "hanse-giro.csv"}

	out, stderr, code := runCmd(t, append(base, "--formats", "hanse.rules")...)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"2026-03-02  2026-03-20  9     5             4        0       hanse-giro  hanse-giro.csv (Girokonto)",
		"OK        refunded         305-1234567-1234567",
		"charge  2026-03-20  1,249.00  hanse-giro.csv:9  AMAZON EU S.A R.L. / AMZN Mktp DE 305-7654321-7654321",
		"credit  2026-03-16  -89.99  hanse-giro.csv:8  AMAZON EU S.A R.L. / Erstattung 305-1234567-1234567",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}

	// --format picks the user format by name, too.
	if _, stderr, code := runCmd(t, append(base, "--formats", "hanse.rules", "--format", "hanse-giro")...); code != 0 {
		t.Errorf("--format hanse-giro: exit %d, stderr %q", code, stderr)
	}

	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"an unknown format", []string{"--format", "hanse"}, `--format "hanse": no such format (known: aeon-bank, aeon-card, amex, `},
		{"a formats file with a mistake", []string{"--formats", "disputes.csv"}, `disputes.csv:1: "order_id,order_date,amount,currency,card,reported_on,note" before any "format NAME" line`},
		{"a missing formats file", []string{"--formats", "none.rules"}, "none.rules: no such file or folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, stderr, code := runCmd(t, append(base, tt.args...)...)
			if code != 2 || out != "" || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, stderr, tt.want)
			}
		})
	}
}

// TestFormatsFileInDetectAndFormats shows how a statement is read in a
// format of the user's own, and lists that format, before check uses it.
func TestFormatsFileInDetectAndFormats(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "userformat"))

	out, stderr, code := runCmd(t, "detect", "--formats", "hanse.rules", "hanse-giro.csv")
	want := `hanse-giro.csv
  format        hanse-giro (Hansebank (Girokonto))
  account       Girokonto
  encoding      cp1252
  dates         2026-03-02 to 2026-03-20
  rows read     9
  transactions  5 (4 charges, 1 credit)
  skipped       4 (preamble 3, header 1)
  folded        0
`
	if code != 0 || stderr != "" || out != want {
		t.Errorf("detect: exit %d, stderr %q, output:\n%s\nwant:\n%s", code, stderr, out, want)
	}

	out, stderr, code = runCmd(t, "formats", "--formats", "hanse.rules")
	if code != 0 || stderr != "" {
		t.Fatalf("formats: exit %d, stderr %q", code, stderr)
	}
	for _, line := range []string{
		"\nhanse-giro         DE       Hansebank (Girokonto)\n",
		"Buchungstag;Wertstellung;Empfänger;Verwendungszweck;Umsatz;Soll/Haben\n",
		"\nrakuten-card ",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("formats --formats does not list %q:\n%s", line, out)
		}
	}

	for _, args := range [][]string{
		{"detect", "--formats", "none.rules", "hanse-giro.csv"},
		{"formats", "--formats", "none.rules"},
	} {
		out, stderr, code := runCmd(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(stderr, "none.rules: no such file or folder") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and the missing file", args, code, out, stderr)
		}
	}
	// Without the file, the generic reader reads the export by its header
	// words: Soll/Haben says each row's direction.
	if out, stderr, code := runCmd(t, "detect", "hanse-giro.csv"); code != 0 || !strings.Contains(out, "format        generic") || !strings.Contains(out, "transactions  5 (4 charges, 1 credit)") {
		t.Errorf("detect without --formats: exit %d, stderr %q:\n%s", code, stderr, out)
	}
}
