package cmd

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScenarios runs check in every folder of testdata/scenarios, each a
// story a real user could have: statements/, disputes.csv, confirmations.csv,
// the flags in args, and expected.csv (order_id,verdict,closed) and
// unknown.csv (date,amount of the Amazon charges no disputed order takes;
// none when absent; "count,N" to check only how many).
func TestScenarios(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "scenarios", "*"))
	if err != nil || len(dirs) < 40 {
		t.Fatalf("%d scenarios (%v); want at least 40", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Chdir(dir)
			args := []string{"check", "-o", "json", "--fail-on", "never"}
			if b, err := os.ReadFile("args"); err == nil {
				args = append(args, strings.Fields(string(b))...)
			}
			out, stderr, code := runCmd(t, args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			var rep struct {
				Orders []struct {
					OrderID string `json:"order_id"`
					Verdict string `json:"verdict"`
					Closed  bool   `json:"closed"`
					Reason  string `json:"reason"`
				} `json:"orders"`
				Unknown []struct{ Date, Amount string } `json:"unknown_charges"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range rep.Orders {
				got = append(got, fmt.Sprintf("%s,%s,%v", o.OrderID, o.Verdict, o.Closed))
			}
			want := readRows(t, "expected.csv")
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("verdicts:\n%s\nwant:\n%s\nreasons: %+v", strings.Join(got, "\n"), strings.Join(want, "\n"), rep.Orders)
			}
			var unknown []string
			for _, u := range rep.Unknown {
				unknown = append(unknown, u.Date+","+u.Amount)
			}
			wantUnknown := []string{}
			if _, err := os.Stat("unknown.csv"); err == nil {
				wantUnknown = readRows(t, "unknown.csv")
			}
			if len(wantUnknown) == 1 && strings.HasPrefix(wantUnknown[0], "count,") {
				if n := fmt.Sprintf("count,%d", len(unknown)); n != wantUnknown[0] {
					t.Errorf("unknown charges: %s, want %s", n, wantUnknown[0])
				}
				return
			}
			if strings.Join(unknown, " ") != strings.Join(wantUnknown, " ") {
				t.Errorf("unknown charges %v, want %v", unknown, wantUnknown)
			}
		})
	}
}

// readRows reads a small CSV with a header and returns its rows joined by commas.
func readRows(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range recs[1:] {
		rows = append(rows, strings.Join(r, ","))
	}
	return rows
}
