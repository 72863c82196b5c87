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
// the flags in args, and expected.csv (order_id,verdict,closed, and where the
// story is about money also charged,credited,outstanding as JSON prints them,
// and reason, a phrase the reason must contain; severity; named, the orders
// it is interchangeable or tied with, by spaces; tie_outstanding; an empty
// cell is not checked, and "none" is a value the order must not have), unknown.csv (date,amount of the Amazon charges no
// disputed order takes; none when absent; "count,N" to check only how many),
// unassigned.csv (date,amount of the credits that serve no order; none when
// absent), own_charges (how many charges are the person's own), notes
// (phrases, one a line, that the report's notes must hold) and says and
// says.ja (phrases, one a line, that the table report must hold, in English
// and in Japanese; says.html and says.csv, that the HTML and CSV reports
// must hold; not-says and not-says.ja, phrases they must not).
func TestScenarios(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(repoRoot(t), "testdata", "scenarios", "*"))
	if err != nil || len(dirs) < 40 {
		t.Fatalf("%d scenarios (%v); want at least 40", len(dirs), err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Chdir(dir)
			args := scenarioArgs(t)
			out, stderr, code := runCmd(t, args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			var rep struct {
				Orders     []scenarioOrder                 `json:"orders"`
				Unknown    []struct{ Date, Amount string } `json:"unknown_charges"`
				Unassigned []struct{ Date, Amount string } `json:"unassigned_credits"`
				Notes      []string                        `json:"notes"`
				OwnCharges int                             `json:"own_charges"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			var got, want []string
			expected := readExpected(t, "expected.csv")
			for _, o := range rep.Orders {
				got = append(got, fmt.Sprintf("%s,%s,%v", o.OrderID, o.Verdict, o.Closed))
				if e, ok := expected[o.OrderID]; ok {
					e.checkMoney(t, o)
				}
			}
			for id, e := range expected {
				want = append(want, id+","+e.verdict+","+e.closed)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("verdicts:\n%s\nwant:\n%s\nreasons: %+v", strings.Join(got, "\n"), strings.Join(want, "\n"), rep.Orders)
			}
			var unassigned []string
			for _, u := range rep.Unassigned {
				unassigned = append(unassigned, u.Date+","+u.Amount)
			}
			wantUnassigned := []string{}
			if _, err := os.Stat("unassigned.csv"); err == nil {
				wantUnassigned = readRows(t, "unassigned.csv")
			}
			if strings.Join(unassigned, " ") != strings.Join(wantUnassigned, " ") {
				t.Errorf("unassigned credits %v, want %v", unassigned, wantUnassigned)
			}
			if want := phrases(t, "own_charges"); len(want) == 1 && want[0] != fmt.Sprint(rep.OwnCharges) {
				t.Errorf("own_charges %d, want %s", rep.OwnCharges, want[0])
			}
			for _, phrase := range phrases(t, "notes") {
				if !slices.ContainsFunc(rep.Notes, func(n string) bool { return strings.Contains(n, phrase) }) {
					t.Errorf("notes %q do not say %q", rep.Notes, phrase)
				}
			}
			for file, how := range map[string][2]string{"says": {"en", "table"}, "says.ja": {"ja", "table"}, "says.html": {"en", "html"}, "says.csv": {"en", "csv"}} {
				want, unwanted := phrases(t, file), phrases(t, "not-"+file)
				if len(want)+len(unwanted) == 0 {
					continue
				}
				table, _, _ := runCmd(t, append(scenarioArgs(t), "-o", how[1], "--lang", how[0])...)
				flat := strings.Join(strings.Fields(table), " ")
				for _, phrase := range want {
					if !strings.Contains(flat, strings.Join(strings.Fields(phrase), " ")) {
						t.Errorf("%s: the table report does not say %q:\n%s", file, phrase, table)
					}
				}
				for _, phrase := range unwanted {
					if strings.Contains(flat, strings.Join(strings.Fields(phrase), " ")) {
						t.Errorf("not-%s: the table report says %q:\n%s", file, phrase, table)
					}
				}
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

// phrases reads the lines of a scenario's file of phrases; none when absent.
func phrases(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// scenarioArgs is the command line that checks the scenario in the current
// folder: check with JSON output, and the flags of its args file, if any.
func scenarioArgs(t *testing.T) []string {
	t.Helper()
	args := []string{"check", "-o", "json", "--fail-on", "never"}
	if b, err := os.ReadFile("args"); err == nil {
		args = append(args, strings.Fields(string(b))...)
	} else if !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return args
}

// readCSV reads a small CSV file whole.
func readCSV(t *testing.T, name string) [][]string {
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
	return recs
}

// readRows reads a small CSV with a header and returns its rows joined by commas.
func readRows(t *testing.T, name string) []string {
	t.Helper()
	recs := readCSV(t, name)
	var rows []string
	for _, r := range recs[1:] {
		rows = append(rows, strings.Join(r, ","))
	}
	return rows
}

// scenarioOrder is what a scenario checks of an order in the JSON report.
type scenarioOrder struct {
	OrderID     string `json:"order_id"`
	Verdict     string `json:"verdict"`
	Closed      bool   `json:"closed"`
	Charged     string `json:"charged"`
	Credited    string `json:"credited"`
	Outstanding string `json:"outstanding"`
	Reason      string `json:"reason"`
	Severity    string `json:"severity"`
	// Interchangeable and Tied name the orders of a tie.
	Interchangeable []string `json:"interchangeable_with"`
	Tied            []string `json:"tied_with"`
	TieOutstanding  string   `json:"tie_outstanding"`
}

// expectation is one row of a scenario's expected.csv.
type expectation struct {
	verdict, closed                 string
	charged, credited, outstanding  string
	reason                          string
	severity, named, tieOutstanding string
}

// checkMoney compares the amounts and the reason of o with those the row
// gives; an empty cell is not checked, and "none" wants no value (a tie's
// missing total is given on its first order only).
func (e expectation) checkMoney(t *testing.T, o scenarioOrder) {
	t.Helper()
	for _, c := range []struct{ name, want, got string }{
		{"charged", e.charged, o.Charged}, {"credited", e.credited, o.Credited}, {"outstanding", e.outstanding, o.Outstanding},
		{"severity", e.severity, o.Severity}, {"named", e.named, strings.Join(append(o.Interchangeable, o.Tied...), " ")},
		{"tie_outstanding", e.tieOutstanding, o.TieOutstanding},
	} {
		if c.want == "none" {
			if c.got != "" {
				t.Errorf("%s: %s %s, want none (%s)", o.OrderID, c.name, c.got, o.Reason)
			}
			continue
		}
		if c.want != "" && c.got != c.want {
			t.Errorf("%s: %s %s, want %s (%s)", o.OrderID, c.name, c.got, c.want, o.Reason)
		}
	}
	if e.reason != "" && !strings.Contains(o.Reason, e.reason) {
		t.Errorf("%s: reason %q does not say %q", o.OrderID, o.Reason, e.reason)
	}
}

// readExpected reads expected.csv: order_id,verdict,closed and the optional
// columns charged,credited,outstanding,reason, in any order after the first three.
func readExpected(t *testing.T, name string) map[string]expectation {
	t.Helper()
	recs := readCSV(t, name)
	head := recs[0]
	if len(head) < 3 || head[0] != "order_id" || head[1] != "verdict" || head[2] != "closed" {
		t.Fatalf("%s: header %v, want order_id,verdict,closed first", name, head)
	}
	out := map[string]expectation{}
	for _, r := range recs[1:] {
		e := expectation{verdict: r[1], closed: r[2]}
		for i, col := range head[3:] {
			v := r[3+i]
			switch col {
			case "charged":
				e.charged = v
			case "credited":
				e.credited = v
			case "outstanding":
				e.outstanding = v
			case "reason":
				e.reason = v
			case "severity":
				e.severity = v
			case "named":
				e.named = v
			case "tie_outstanding":
				e.tieOutstanding = v
			default:
				t.Fatalf("%s: unknown column %q", name, col)
			}
		}
		if _, dup := out[r[0]]; dup {
			t.Fatalf("%s: order %s twice", name, r[0])
		}
		out[r[0]] = e
	}
	return out
}
