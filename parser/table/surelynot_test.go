package table

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
)

// keepAmazonNames chooses the rows whose normalised description names
// Amazon; surelyNotAmazonNames is its quick test, exact for ASCII text,
// whose normal form only upper-cases letters and gathers white space, so
// that a name without white space stands in the one as in the other.
func keepAmazonNames(normalized string) bool {
	return strings.Contains(normalized, "AMAZON") || strings.Contains(normalized, "AMZN")
}

func surelyNotAmazonNames(description string) bool {
	for i := 0; i < len(description); i++ {
		if description[i] >= 0x80 {
			return false
		}
	}
	up := strings.ToUpper(description)
	return !strings.Contains(up, "AMAZON") && !strings.Contains(up, "AMZN")
}

// TestSurelyNotKeptChangesNothing reads generic files once with Keep's
// quick test (ReadOptions.SurelyNotKept) and once without: the statements,
// and the problems, must be the same. The rows the quick test passes are
// normalised only where they are folded (every day, or none), where their
// day waits for the file's day order (year-last dates), and where the
// file names more accounts than a posting can and keeps the rest in full.
// Their descriptions are in every case, with runs of spaces and tabs,
// full-width letters and bytes that are not UTF-8.
func TestSurelyNotKeptChangesNothing(t *testing.T) {
	rnd := rand.New(rand.NewPCG(91, 92))
	descs := []string{"AMAZON.CO.JP", "amzn mktp us*2K4RT5Q31", "Amazon  Marketplace", "SEVEN-ELEVEN 00989",
		"starbucks   #6657", "Lawson\tShibuya", "ＡＭＡＺＯＮ．ＣＯ．ＪＰ", "ｾﾌﾞﾝｲﾚﾌﾞﾝ", "AMA ZON", "am\xffzn", "", "  Tesco Stores 3297 "}
	dates := []string{"2026-03-%02d", "%02d/03/2026"} // the second waits for the day order
	// Folding every day (nil), on odd days, or on none.
	folds := []func(civil.Date) bool{nil, func(d civil.Date) bool { return d.Number()%2 == 1 }, func(civil.Date) bool { return false }}
	tried, kept, briefs := 0, 0, 0
	for n := range 300 {
		withAccount := n%5 == 0
		header := "Date,Description,Amount"
		if withAccount {
			header += ",Account"
		}
		layout := dates[rnd.IntN(2)]
		lines := []string{header}
		for i := range 20 + rnd.IntN(30) {
			row := fmt.Sprintf(layout, 1+i%28) + "," + descs[rnd.IntN(len(descs))] + "," + fmt.Sprintf("%d.%02d", 1+rnd.IntN(900), rnd.IntN(100))
			if withAccount {
				row += fmt.Sprintf(",*%04d", rnd.IntN(3))
			}
			lines = append(lines, row)
		}
		text := strings.Join(lines, "\n") + "\n"
		read := func(quick bool) (*parser.Statement, string) {
			opts := parser.ReadOptions{Keep: keepAmazonNames, SkipInvalid: n%2 == 0, Fold: folds[n%len(folds)]}
			if quick {
				opts.SurelyNotKept = surelyNotAmazonNames
			}
			st, err := Generic.Read("statement.csv", strings.NewReader(text), "utf-8", opts)
			if err != nil {
				return nil, err.Error()
			}
			return st, ""
		}
		got, gotErr := read(true)
		want, wantErr := read(false)
		if gotErr != wantErr || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s\nread with SurelyNotKept: %+v %v\nwithout: %+v %v", text, got, gotErr, want, wantErr)
		}
		if got != nil {
			tried++
			kept += got.Txns.Len()
			briefs += got.Brief.Postings.Len()
		}
	}
	if tried < 100 || kept == 0 || briefs == 0 {
		t.Fatalf("%d files read, %d rows kept in full, %d postings: the test tests too little", tried, kept, briefs)
	}
}

// TestSurelyNotKeptPastTheAccounts reads a file that names more accounts
// than a posting can, whose last rows are kept in full though Keep would
// refuse them: they are normalised then, as without the quick test.
func TestSurelyNotKeptPastTheAccounts(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date,Description,Amount,Account\n")
	// Only the rows kept in brief name their account: one in ten is Amazon's.
	for i := range 65536*10/9 + 60 {
		desc := []string{"Seven-Eleven  Shinjuku", "tesco\tstores"}[i%2]
		if i%10 == 0 {
			desc = "AMAZON.CO.JP"
		}
		fmt.Fprintf(&b, "2026-03-%02d,%s,%d.00,ACCT%06d\n", 1+i%28, desc, 1+i%90, i)
	}
	read := func(quick bool) *parser.Statement {
		opts := parser.ReadOptions{Keep: keepAmazonNames}
		if quick {
			opts.SurelyNotKept = surelyNotAmazonNames
		}
		st, err := Generic.Read("statement.csv", strings.NewReader(b.String()), "utf-8", opts)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	got, want := read(true), read(false)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read with SurelyNotKept: %d kept, without: %d", got.Txns.Len(), want.Txns.Len())
	}
	// Past the accounts, every row is kept, Amazon's or not.
	if n := got.Txns.Len(); n < 40 || got.Txns.Normalized(n-1) != "SEVEN-ELEVEN SHINJUKU" || got.Txns.Normalized(n-2) != "TESCO STORES" {
		t.Fatalf("%d rows kept in full; the last two are %q and %q", n, got.Txns.Normalized(n-2), got.Txns.Normalized(n-1))
	}
}
