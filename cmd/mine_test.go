package cmd

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// mineStatement is a card statement with the person's own recurring Amazon
// charges (Prime, AWS, one of them written in mixed case), a shop whose
// descriptor does not say Amazon, and the intruder's order.
const mineStatement = "Date,Description,Amount\n" +
	"2026-03-01,AMAZON PRIME*AB12CD,-14.99\n" +
	"2026-03-02,AMZN Mktp US*2K4RT,-89.99\n" +
	"2026-03-03,AMAZON WEB SERVICES AWS.AMAZON.CO,-23.40\n" +
	"2026-03-04,MY SHOP ON AMZ TOKYO,-5.00\n" +
	"2026-03-05,Amazon Prime*XY34ZZ,-29.98\n" +
	"2026-04-01,AMAZON PRIME*EF56GH,-14.99\n" +
	"2026-04-03,AMAZON WEB SERVICES AWS.AMAZON.CO,-19.10\n" +
	"2026-04-05,Amazon Web  Services aws.amazon.co,-7.00\n"

// unknownOf runs check with args and returns its unknown charges as
// "date amount" and its count of own charges.
func unknownOf(t *testing.T, args ...string) ([]string, int) {
	t.Helper()
	out, stderr, code := runCmd(t, append([]string{"check", "-o", "json", "--as-of", "2026-05-01", "--fail-on", "never"}, args...)...)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep struct {
		Unknown []struct{ Date, Amount string } `json:"unknown_charges"`
		Own     int                             `json:"own_order_charges"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range rep.Unknown {
		got = append(got, u.Date+" "+u.Amount)
	}
	return got, rep.Own
}

// TestMine checks that the charges of mine.csv's rows are the person's own,
// never unknown, read from ./mine.csv or --mine, and counted; and that a
// row with an amount explains only charges of that amount.
func TestMine(t *testing.T) {
	const disputes = "order_id,order_date,amount,currency\n111-2345678-3456789,2026-03-02,$89.99,USD\n"
	const mine = "\ufeff# your own recurring Amazon charges\npattern,amount,note\nPRIME,14.99,Prime membership\namazon web services,,my AWS bill\n"
	tests := []struct {
		name    string
		files   map[string]string
		args    []string
		want    []string
		wantOwn int
	}{
		{"without mine.csv", map[string]string{"disputes.csv": disputes, "statements/card.csv": mineStatement}, nil,
			[]string{"2026-03-01 14.99", "2026-03-03 23.40", "2026-03-05 29.98", "2026-04-01 14.99", "2026-04-03 19.10", "2026-04-05 7.00"}, 0},
		{"./mine.csv", map[string]string{"disputes.csv": disputes, "statements/card.csv": mineStatement, "mine.csv": mine}, nil,
			[]string{"2026-03-05 29.98"}, 5},
		{"--mine", map[string]string{"disputes.csv": disputes, "statements/card.csv": mineStatement, "own/recurring.csv": mine}, []string{"--mine", "own/recurring.csv"},
			[]string{"2026-03-05 29.98"}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, tt.files)
			got, own := unknownOf(t, tt.args...)
			if !slices.Equal(got, tt.want) || own != tt.wantOwn {
				t.Errorf("unknown %q, own %d; want %q, %d", got, own, tt.want, tt.wantOwn)
			}
		})
	}
	writeFiles(t, map[string]string{"disputes.csv": disputes, "statements/card.csv": mineStatement, "mine.csv": mine})
	table, _, _ := runCmd(t, "check", "--as-of", "2026-05-01")
	if !strings.Contains(table, "5 more are your own charges (--orders, mine.csv) and are not listed") {
		t.Errorf("the table does not count the own charges:\n%s", table)
	}
}

// TestMineIsNamed checks that the report names the mine.csv it read, in its
// Read: line and in JSON's inputs.mine (null when none was read), as it
// names the other files it was made from.
func TestMineIsNamed(t *testing.T) {
	const disputes = "order_id,order_date,amount,currency\n111-2345678-3456789,2026-03-02,$89.99,USD\n"
	writeFiles(t, map[string]string{"disputes.csv": disputes, "statements/card.csv": mineStatement, "own/recurring.csv": "pattern,amount,note\nPRIME,14.99,Prime\n"})
	table, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", "--mine", "own/recurring.csv")
	if want := "Read: disputes.csv (disputed orders), own/recurring.csv (your own recurring charges)"; !strings.Contains(strings.ReplaceAll(table, "\n", " "), want) {
		t.Errorf("the table does not say %q:\n%s", want, table)
	}
	ja, _, _ := runCmd(t, "check", "--lang", "ja", "--as-of", "2026-05-01", "--mine", "own/recurring.csv")
	if want := "own/recurring.csv（ご自身の毎月の請求）"; !strings.Contains(ja, want) {
		t.Errorf("the Japanese table does not say %q:\n%s", want, ja)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--mine", "own/recurring.csv"}, "own/recurring.csv"},
		{nil, ""},
	} {
		out, _, _ := runCmd(t, append([]string{"check", "-o", "json", "--as-of", "2026-05-01"}, tt.args...)...)
		var rep struct {
			Inputs struct {
				Mine *string `json:"mine"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if got := rep.Inputs.Mine; (got == nil) != (tt.want == "") || got != nil && *got != tt.want {
			t.Errorf("%v: inputs.mine = %v, want %q", tt.args, got, tt.want)
		}
	}
}

// TestAmazonPatterns checks --amazon and --not-amazon: plain text or
// regular expressions, matched regardless of case against the normalised
// description, repeatable.
func TestAmazonPatterns(t *testing.T) {
	writeFiles(t, map[string]string{
		"disputes.csv":        "order_id,order_date,amount,currency\n111-2345678-3456789,2026-03-02,$89.99,USD\n",
		"statements/card.csv": mineStatement,
	})
	got, _ := unknownOf(t, "--amazon", "my shop", "--not-amazon", "AMAZON WEB SERVICES", "--not-amazon", `prime\*(AB|EF)`)
	want := []string{"2026-03-04 5.00", "2026-03-05 29.98"}
	if !slices.Equal(got, want) {
		t.Errorf("unknown %q, want %q", got, want)
	}
	got, _ = unknownOf(t, "--amazon", `ON AMZ\b`, "--not-amazon", "aws")
	want = []string{"2026-03-01 14.99", "2026-03-04 5.00", "2026-03-05 29.98", "2026-04-01 14.99"}
	if !slices.Equal(got, want) {
		t.Errorf("unknown %q, want %q", got, want)
	}
}

// TestNotAmazonIsCounted checks that the report says how many rows naming
// Amazon --not-amazon took from Amazon's: a pattern too wide must not hide
// Amazon's charges in silence.
func TestNotAmazonIsCounted(t *testing.T) {
	writeFiles(t, map[string]string{
		"disputes.csv":        "order_id,order_date,amount,currency\n111-2345678-3456789,2026-03-02,$89.99,USD\n",
		"statements/card.csv": mineStatement,
	})
	out, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", "--not-amazon", "AMAZON WEB SERVICES")
	if want := "3 statement rows that name Amazon were not counted as Amazon's, as --not-amazon asks"; !strings.Contains(out, want) {
		t.Errorf("the report does not say %q:\n%s", want, out)
	}
	ja, _, _ := runCmd(t, "check", "--lang", "ja", "--as-of", "2026-05-01", "--not-amazon", "AMAZON WEB SERVICES")
	if want := "Amazonの名がある明細の3行を、--not-amazon の指定どおりAmazonのものとして扱いませんでした"; !strings.Contains(ja, want) {
		t.Errorf("the Japanese report does not say %q:\n%s", want, ja)
	}
	out, _, _ = runCmd(t, "check", "--as-of", "2026-05-01")
	if strings.Contains(out, "--not-amazon") {
		t.Errorf("a note of --not-amazon without it:\n%s", out)
	}
}

func TestMineAndPatternErrors(t *testing.T) {
	files := map[string]string{
		"disputes.csv":        "order_id,order_date,amount,currency\n111-2345678-3456789,2026-03-02,$89.99,USD\n",
		"statements/card.csv": mineStatement,
	}
	tests := []struct {
		name string
		mine string
		args []string
		want string
	}{
		{"bad rows", "pattern,amount\nPRIME,lots\n,5\nAWS,0\n", nil,
			"mine.csv:2: amount: \"lots\" is not an amount\n" +
				"mine.csv:3: pattern is empty; give a text the statement's description holds, such as AMAZON PRIME\n" +
				"mine.csv:4: amount 0 is no charge; leave it empty for any amount\n"},
		{"no pattern column", "amount,note\n600,Prime\n", nil, "mine.csv:1: missing column pattern; the header needs pattern\n"},
		{"--mine missing", "", []string{"--mine", "nowhere.csv"}, "nowhere.csv: no such file or folder\n"},
		{"bad --amazon", "", []string{"--amazon", "AMZ("}, "--amazon \"AMZ(\" is not a pattern that can be used: missing closing ): `AMZ(`\n"},
		{"empty --not-amazon", "", []string{"--not-amazon", ""}, "--not-amazon \"\" is not a pattern that can be used: it matches every description\n"},
		{"--not-amazon with an empty branch", "", []string{"--not-amazon", "AWS|"}, "--not-amazon \"AWS|\" is not a pattern that can be used: it matches every description\n"},
		{"--not-amazon of anything", "", []string{"--not-amazon", "x*"}, "--not-amazon \"x*\" is not a pattern that can be used: it matches every description\n"},
		{"--amazon of anything", "", []string{"--amazon", "^"}, "--amazon \"^\" is not a pattern that can be used: it matches every description\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, files)
			if tt.mine != "" {
				writeFiles(t, map[string]string{"disputes.csv": files["disputes.csv"], "statements/card.csv": mineStatement, "mine.csv": tt.mine})
			}
			out, stderr, code := runCmd(t, append([]string{"check", "--as-of", "2026-05-01"}, tt.args...)...)
			if code != 2 || out != "" || !strings.HasSuffix(stderr, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stderr ending %q", code, out, stderr, tt.want)
			}
		})
	}
}
