package cmd

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// runCmd runs one command line with a fixed clock and returns what it printed
// and its exit status.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCmdEnv(t, env{}, args...)
}

// runCmdEnv is runCmd with the locale variables and terminal of e (none and
// no terminal when e leaves them out).
func runCmdEnv(t *testing.T, e env, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e.stdout, e.stderr = &out, &errb
	e.now = func() time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) }
	if e.getenv == nil {
		e.getenv = func(string) string { return "" }
	}
	code = run(args, e)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output (go test ./cmd -update rewrites it; review the diff):\n%s", name, got)
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if dir == filepath.Dir(dir) {
			t.Fatal("go.mod not found")
		}
	}
}

// TestExampleMonthlyRoutine runs check with no arguments but the output and
// the language in the bundled example folder, as the monthly routine does,
// and compares every output format in both languages with its golden file.
// --as-of is pinned, since the days elapsed depend on it.
func TestExampleMonthlyRoutine(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	for _, lang := range []string{"en", "ja"} {
		for _, tt := range []struct{ output, ext string }{
			{"table", "table"},
			{"json", "json"},
			{"markdown", "md"},
			{"csv", "csv"},
			{"html", "html"},
		} {
			name := "example." + tt.ext
			if lang == "ja" {
				name = "example.ja." + tt.ext
			}
			t.Run(name, func(t *testing.T) {
				out, errs, code := runCmd(t, "check", "--as-of", "2026-05-01", "--lang", lang, "-o", tt.output)
				if code != 1 || errs != "" {
					t.Fatalf("exit %d, stderr %q; want 1 (an alert) and no error", code, errs)
				}
				golden(t, name, out)
			})
		}
	}
}

func TestExampleJSONShape(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	out, _, _ := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01")
	var rep struct {
		AsOf       string `json:"as_of"`
		Statements []struct {
			File, Format, From, To     string
			Rows, Transactions, Folded int
		} `json:"statements"`
		Orders []struct {
			OrderID     string  `json:"order_id"`
			Verdict     string  `json:"verdict"`
			Severity    string  `json:"severity"`
			Amount      string  `json:"amount"`
			ConfirmedOn *string `json:"confirmed_on"`
			WatchUntil  *string `json:"watch_until"`
			Charged     string  `json:"charged"`
			Outstanding string  `json:"outstanding"`
			Charges     []struct {
				Date, Amount, Description, File string
				Line                            int
			} `json:"charges"`
		} `json:"orders"`
		Unknown []struct {
			Date, Amount, File string
			Line               int
		} `json:"unknown_charges"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.AsOf != "2026-05-01" || len(rep.Statements) != 2 || rep.Statements[0].File != "statements/2026-03.csv" {
		t.Errorf("as_of %s, statements %+v", rep.AsOf, rep.Statements)
	}
	first := rep.Orders[0]
	if first.OrderID != "250-4418372-2290415" || first.Verdict != "still-charged" || first.Severity != "alert" ||
		first.Amount != "30000" || first.Charged != "30000" || first.Outstanding != "30000" ||
		*first.ConfirmedOn != "2026-03-10" || *first.WatchUntil != "2026-05-09" {
		t.Errorf("first order %+v", first)
	}
	if len(first.Charges) != 1 || first.Charges[0].File != "statements/2026-03.csv" || first.Charges[0].Line != 8 ||
		first.Charges[0].Description != "ＡＭＡＺＯＮ．ＣＯ．ＪＰ" || first.Charges[0].Date != "2026-03-18" {
		t.Errorf("charges %+v", first.Charges)
	}
	if len(rep.Unknown) != 1 || rep.Unknown[0].Amount != "15000" || rep.Unknown[0].Line != 5 {
		t.Errorf("unknown charges %+v", rep.Unknown)
	}
	if rep.Summary["alert"] != 1 || rep.Summary["review"] != 1 || rep.Summary["watch"] != 1 || rep.Summary["ok"] != 2 {
		t.Errorf("summary %v", rep.Summary)
	}
}

func TestExitStatus(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"alert found", []string{"check"}, 1},
		{"alerts ignored with --fail-on never", []string{"check", "--fail-on", "never"}, 0},
		{"review counts with --fail-on review", []string{"check", "--fail-on", "review", "--as-of", "2026-03-09"}, 1},
		{"nothing at or above alert before the charge", []string{"check", "--as-of", "2026-03-09"}, 0},
		{"bad flag", []string{"check", "--no-such-flag"}, 2},
		{"bad --fail-on", []string{"check", "--fail-on", "watch"}, 2},
		{"bad --output", []string{"check", "-o", "xml"}, 2},
		{"bad --as-of", []string{"check", "--as-of", "tomorrow"}, 2},
		{"negative --grace", []string{"check", "--grace", "-1"}, 2},
		{"--grace past the int32 range", []string{"check", "--grace", "4294967296"}, 2},
		{"--watch of a lifetime", []string{"check", "--watch", "2147483647"}, 2},
		{"--grace and --watch of ten years", []string{"check", "--grace", "3650", "--watch", "3650", "--fail-on", "never"}, 0},
		{"missing statements", []string{"check", "nowhere/"}, 2},
		{"unknown command", []string{"chekc"}, 2},
		{"version", []string{"version"}, 0},
		{"completion", []string{"completion", "bash"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCmd(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.want, stderr)
			}
			if (code == 2) != (stderr != "") {
				t.Errorf("exit %d with stderr %q: errors, and only errors, go to stderr", code, stderr)
			}
		})
	}
}

// TestDaysFlagsRange names the flag, its value and the range.
func TestDaysFlagsRange(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--grace", "4294967296"}, "--grace 4294967296: expected a number of days from 0 to 3650\n"},
		{[]string{"check", "--watch", "2147483647"}, "--watch 2147483647: expected a number of days from 0 to 3650\n"},
		{[]string{"check", "--watch", "-1"}, "--watch -1: expected a number of days from 0 to 3650\n"},
		{[]string{"check", "--lang", "ja", "--grace", "3651"}, "--grace 3651: 0から3650までの日数を指定してください\n"},
	} {
		out, stderr, code := runCmd(t, tt.args...)
		if code != 2 || out != "" || stderr != tt.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", tt.args, code, out, stderr, tt.want)
		}
	}
}

// TestDaysFlagsReadInBase10 checks that --grace and --watch are read as a
// person writes days, in base 10: 010 is ten days, not eight, and 0x10, 1e3
// or a number past 64 bits is no whole number.
func TestDaysFlagsReadInBase10(t *testing.T) {
	t.Chdir(filepath.Join(repoRoot(t), "testdata", "example"))
	out, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", "-o", "json", "--fail-on", "never", "--grace", "010", "--watch", "+045")
	var rep struct {
		Grace int `json:"grace_days"`
		Watch int `json:"watch_days"`
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Grace != 10 || rep.Watch != 45 {
		t.Errorf("--grace 010 --watch +045: grace %d, watch %d days; want 10 and 45", rep.Grace, rep.Watch)
	}
	for _, v := range []string{"0x10", "1e3", "0b11", "10.5", ""} {
		_, stderr, code := runCmd(t, "check", "--grace", v)
		if want := "--grace " + v + ": expected a whole number (see refundwatch check --help)\n"; code != 2 || stderr != want {
			t.Errorf("--grace %q: exit %d, stderr %q; want 2, %q", v, code, stderr, want)
		}
	}
	// A whole number past 64 bits is one: what is wrong is its size.
	for _, v := range []string{"99999999999999999999", "-99999999999999999999"} {
		_, stderr, code := runCmd(t, "check", "--watch", v)
		if want := "--watch " + v + ": expected a number of days from 0 to 3650 (see refundwatch check --help)\n"; code != 2 || stderr != want {
			t.Errorf("--watch %q: exit %d, stderr %q; want 2, %q", v, code, stderr, want)
		}
	}
}

// TestNoFlagIsCutOn32Bits checks that no flag of any command is read as
// an int or a uint, which pflag cuts to 32 bits on a 32-bit build without
// a word (--grace 4294967296 was a grace of 0 days there): a number of a
// flag is a daysFlag, or of a type as wide on every build.
func TestNoFlagIsCutOn32Bits(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.LocalFlags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				switch f.Value.Type() {
				case "int", "uint", "intSlice", "uintSlice":
					t.Errorf("%s --%s is read as %s: cut to 32 bits on a 32-bit build", c.CommandPath(), f.Name, f.Value.Type())
				}
			})
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(env{}, &globals{}))
}

// writeFiles lays out files in a new temporary folder and makes it the
// working folder.
func writeFiles(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

func TestInputErrors(t *testing.T) {
	const (
		stmt  = "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,12800\n"
		disp  = "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n"
		confs = "order_id,confirmed_on,kind\n250-1234567-1234567,2026-03-10,refund\n"
	)
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"no disputes file", map[string]string{"statements/a.csv": stmt}, nil,
			"disputes.csv: no such file or folder\n"},
		{"no statements folder", map[string]string{"disputes.csv": disp}, nil,
			"statements: no such file or folder\n"},
		{"empty statements folder", map[string]string{"disputes.csv": disp, "statements/.keep": ""}, nil,
			"statements: folder holds no statement file\n"},
		{"disputes without amount column", map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id,order_date\n250-1234567-1234567,2026-03-02\n"}, nil,
			"disputes.csv:1: missing column amount; the header needs order_id,order_date,amount\n"},
		{"unparsable amount in a statement", map[string]string{"statements/a.csv": stmt + "2026-03-19,LAWSON,1,200.5.0\n", "disputes.csv": disp}, nil,
			"statements/a.csv:3: row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)\n"},
		{"unparsable date in a statement", map[string]string{"statements/a.csv": stmt + "2026-13-19,LAWSON,100\n", "disputes.csv": disp}, nil,
			"statements/a.csv:3: \"2026-13-19\" is not a day of the calendar\n"},
		{"duplicate order id", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp + "250-1234567-1234567,2026-03-03,500\n"}, nil,
			"disputes.csv:3: order 250-1234567-1234567 is listed twice (first on line 2)\n"},
		{"confirmation of an order not disputed", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp,
			"confirmations.csv": confs + "250-1234567-7654321,2026-03-11,cancel\n"}, nil,
			"confirmations.csv:3: order 250-1234567-7654321 is not in disputes.csv; check the order id\n"},
		{"problems of every file are listed at once", map[string]string{"statements/a.csv": "nothing here\n", "disputes.csv": "order_id\n"}, nil,
			"statements/a.csv: not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first 30 rows\n" +
				"disputes.csv:1: missing column order_date, amount; the header needs order_id,order_date,amount\n"},
		{"an order history among the statements", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp,
			"statements/Retail.OrderHistory.1.csv": "\ufeff\"Website\",\"Order ID\",\"Order Date\",\"Currency\",\"Total Owed\",\"Shipment Item Subtotal\",\"Ship Date\"\n"}, nil,
			"statements/Retail.OrderHistory.1.csv: this is an Amazon order history; give it with --orders\n"},
		{"a refund export among the statements", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp,
			"statements/Refund Details.csv": "Creation Date,Currency,Order ID,Refund Amount,Refund Date,Reversal Status,Website\n"}, nil,
			"statements/Refund Details.csv: this is an Amazon refund export; give it with --confirmations\n"},
		{"a mail among the statements", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp,
			"statements/refund.eml": "From: Amazon.co.jp <no-reply@amazon.co.jp>\r\nDate: Tue, 10 Mar 2026 09:00:00 +0900\r\nSubject: x\r\n\r\nbody\r\n"}, nil,
			"statements/refund.eml: this is a mail; give it with --confirmations\n"},
		{"an empty statement", map[string]string{"statements/a.csv": "", "disputes.csv": disp}, nil,
			"statements/a.csv: file is empty\n"},
		{"a card that matches no account, every file naming its account", map[string]string{
			"statements/a.csv": "Date,Card No.,Description,Debit,Credit\n2026-03-18,1111,AMAZON.CO.JP,12800,\n2026-03-19,2222,LAWSON,300,\n",
			"disputes.csv":     "order_id,order_date,amount,card\n250-1234567-1234567,2026-03-02,12800,9999\n"}, nil,
			"disputes.csv:2: card \"9999\" matches no account of the statements (accounts read: 1111, 2222)\n"},
		{"an order date past 2100", map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id,order_date,amount\n250-1234567-1234567,2200-11-01,12800\n"}, nil,
			"disputes.csv:2: order_date: \"2200-11-01\" is outside the years 1990 to 2100\n"},
		{"a confirmation past 2100", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp,
			"confirmations.csv": "order_id,confirmed_on,kind\n250-1234567-1234567,2201-03-10,refund\n"}, nil,
			"confirmations.csv:2: confirmed_on: \"2201-03-10\" is not a day of the calendar\n"},
		{"--grace beyond ten years", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp}, []string{"--grace", "70000"},
			"--grace 70000: expected a number of days from 0 to 3650\n"},
		{"--as-of before 1990", map[string]string{"statements/a.csv": stmt, "disputes.csv": disp}, []string{"--as-of", "1989-12-31"},
			"--as-of 1989-12-31 is outside 1990-01-01 … 2100-12-31\n"},
		{"a card number in an error is masked", map[string]string{"statements/a.csv": stmt + "2026-03-19,4980037939884123,x\n", "disputes.csv": disp}, nil,
			"statements/a.csv:3: debit: \"x\" is not an amount\n"},
		{"a card number in a bad amount is masked", map[string]string{"statements/a.csv": stmt + "2026-03-19,LAWSON,4980 0379 3988 4123x\n", "disputes.csv": disp}, nil,
			"statements/a.csv:3: debit: \"**** **** **** 4123x\" is not an amount\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, tt.files)
			out, stderr, code := runCmd(t, append([]string{"check"}, tt.args...)...)
			if code != 2 || stderr != tt.want || out != "" {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, stderr, tt.want)
			}
		})
	}
}

func TestSkipInvalidListsRows(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv":  "Date,Description,Debit\n2026-02-20,LAWSON,1\n2026-03-18,AMAZON.CO.JP,12800\n2026-03-19,AMAZON.CO.JP,12.800.1\n2026-04-30,LAWSON,1\n",
		"disputes.csv":      "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
		"confirmations.csv": "order_id,confirmed_on,kind\n250-1234567-1234567,2026-03-10,refund\n",
	})
	out, stderr, code := runCmd(t, "check", "--skip-invalid")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(out, "Rows that could not be read (--skip-invalid)\n  statements/a.csv:4: debit: \"12.800.1\" is not an amount") {
		t.Errorf("the invalid row is not listed:\n%s", out)
	}
	out, _, _ = runCmd(t, "check", "--skip-invalid", "-o", "json")
	if !strings.Contains(out, `"line": 4,`) || !strings.Contains(out, `"invalid": 1`) {
		t.Errorf("the JSON report does not list the invalid row:\n%s", out)
	}
}

func TestOutputNeverShowsFullCardNumbers(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Card No.,Description,Debit\n2026-02-20,4980037939884123,LAWSON,1\n2026-03-18,4980037939884123,AMAZON.CO.JP 4980-0379-3988-4123,12800\n2026-04-30,4980037939884123,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n",
	})
	for _, o := range []string{"table", "json"} {
		out, _, _ := runCmd(t, "check", "-o", o)
		if strings.Contains(out, "4980037939884123") || strings.Contains(out, "4980-0379-3988") {
			t.Errorf("%s output shows a full card number:\n%s", o, out)
		}
		if !strings.Contains(out, "************4123") {
			t.Errorf("%s output should keep the last four digits:\n%s", o, out)
		}
		if !strings.Contains(out, "250-1234567-1234567") {
			t.Errorf("%s output must keep order ids whole", o)
		}
	}
}

// TestOverlappingExportsGiveTheSameVerdicts gives the example's statements
// once, then with one of them twice and with a third export that overlaps
// both months: the verdicts and unknown charges must not change.
func TestOverlappingExportsGiveTheSameVerdicts(t *testing.T) {
	ex := filepath.Join(repoRoot(t), "testdata", "example")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(ex, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	march, april := read("statements/2026-03.csv"), read("statements/2026-04.csv")
	// A mid-month download: the second half of March and the first of April, in UTF-8.
	overlap := "利用日,利用店名・商品名,利用金額,支払区分,備考\n" +
		"2026/03/15,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,-8480,１回,返品\n" +
		"2026/03/18,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,30000,１回,\n" +
		"2026/03/21,東京電力エナジーパートナー,7820,１回,\n" +
		"2026/04/03,ファミリーマート　新宿三丁目店,356,１回,\n" +
		"2026/04/10,東京ガス,4210,１回,\n"
	verdicts := func(statements map[string]string) string {
		files := map[string]string{"disputes.csv": read("disputes.csv"), "confirmations.csv": read("confirmations.csv")}
		for name, content := range statements {
			files["statements/"+name] = content
		}
		writeFiles(t, files)
		out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01")
		if code != 1 || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		var rep struct {
			Raw []map[string]any `json:"orders"`
			Unk []map[string]any `json:"unknown_charges"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, o := range rep.Raw {
			fmt.Fprintf(&b, "%v %v charged=%v credited=%v\n", o["order_id"], o["verdict"], o["charged"], o["credited"])
		}
		for _, u := range rep.Unk {
			fmt.Fprintf(&b, "unknown %v %v\n", u["date"], u["amount"])
		}
		return b.String()
	}
	once := verdicts(map[string]string{"2026-03.csv": march, "2026-04.csv": april})
	twice := verdicts(map[string]string{"2026-03.csv": march, "2026-03-again.csv": march, "2026-04.csv": april})
	overlapping := verdicts(map[string]string{"2026-03.csv": march, "mid.csv": overlap, "2026-04.csv": april})
	if twice != once || overlapping != once {
		t.Errorf("verdicts changed:\nonce:\n%s\ntwice:\n%s\noverlapping:\n%s", once, twice, overlapping)
	}
	if !strings.Contains(once, "250-4418372-2290415 still-charged charged=30000") {
		t.Errorf("unexpected verdicts:\n%s", once)
	}
}
