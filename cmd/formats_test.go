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
		{"without the formats file", nil, "hanse-giro.csv: not a statement refundwatch can read"},
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
