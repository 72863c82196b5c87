package formats

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata/formats")

// describe writes what a statement was read as, one transaction a line, for
// comparison with a fixture's .want file.
func describe(st *parser.Statement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\nencoding: %s\naccount: %s\nrange: %s..%s\n", st.Format, st.Encoding, st.Account, st.From, st.To)
	var reasons []string
	for r, n := range st.Skipped {
		reasons = append(reasons, fmt.Sprintf("%s=%d", r, n))
	}
	slices.Sort(reasons)
	fmt.Fprintf(&b, "rows: %d transactions: %d skipped: %s\n", st.Rows, st.Txns.Len(), strings.Join(reasons, " "))
	for _, n := range st.Reading {
		fmt.Fprintf(&b, "read: %s\n", n)
	}
	for _, n := range st.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, t := range st.Txns.All() {
		fmt.Fprintf(&b, "%d: %s", t.Line, t.Date)
		if t.UsedOn.Valid() && t.UsedOn != t.Date {
			fmt.Fprintf(&b, " (used %s)", t.UsedOn)
		}
		fmt.Fprintf(&b, " %s %s [%s]", t.Amount, t.Currency, t.Description)
		if t.OrigCurrency != "" {
			fmt.Fprintf(&b, " orig %s %s", t.OrigAmount, t.OrigCurrency)
		}
		if t.Account != "" && t.Account != st.Account {
			fmt.Fprintf(&b, " account %s", t.Account)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestFormatFixtures reads every statement under testdata/formats and
// compares what it was read as with the .want file beside it: the format
// detected from the content, the encoding, the account, the row accounting,
// and each transaction's date, signed amount, currency and description.
func TestFormatFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", "*"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := ReadStatement(filepath.Base(path), f, parser.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			seen[st.Format] = true
			if st.Rows != st.Txns.Len()+st.SkippedTotal()+st.Folded {
				t.Errorf("row accounting: %d rows != %d transactions + %d skipped", st.Rows, st.Txns.Len(), st.SkippedTotal())
			}
			got := describe(st)
			want := strings.TrimSuffix(path, filepath.Ext(path)) + ".want"
			if *update {
				if err := os.WriteFile(want, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (go test ./parser -run TestFormatFixtures -update writes it; check it by hand)", err)
			}
			if got != string(w) {
				t.Errorf("read as:\n%s\nwant:\n%s", got, w)
			}
		})
	}
	// Every built-in format has a fixture.
	for _, f := range builtinFormats {
		if !seen[f.Name] && !*update {
			t.Errorf("format %s has no fixture in testdata/formats", f.Name)
		}
	}
}

// sampleFormats names the format each real statement export in
// ../shared/formats/samples must be detected as, by region (see the
// formats_*_test.go files).
var sampleFormats = []map[string]string{jpCardSamples, jpBankSamples, usSamples, euSamples, ofxSamples}

// notStatementSamples are the files of the samples folder that are no
// statement, with what they are: Amazon's own exports and mails (the tests
// of parser/amazon read them) and the folder's README. Each must be refused
// by the statement reader.
var notStatementSamples = map[string]string{
	"README.md": "the folder's list of sources",
	"amazon_gdpr_demo_Digital_Items_head.csv":               "Amazon data request: Digital Items.csv",
	"amazon_gdpr_demo_Retail.OrderHistory.1_head.csv":       "Amazon data request: Retail.OrderHistory.1.csv",
	"amazon_gdpr_demo_Retail.OrdersReturned.Payments.1.csv": "Amazon data request: refunds paid",
	"amazon_order_history_reporter_ext_csv2ofx_amazon.csv":  "Amazon Order History Reporter (browser extension) export",
	"amazon_us_refund_email_textplain_anonymised.txt":       "Amazon.com refund mail, text part",
	"jp_zaimcsvconverter_amazon_201911_202012.csv":          "アマゾン注文履歴フィルタ (browser extension) export",
}

// TestRealSamples reads every file of the shared samples folder, when it
// is there (it is not part of the project): each statement export must be
// detected as the format sampleFormats names, and a file that is neither
// named there nor listed in notStatementSamples fails the test, so that a
// sample added to the folder is not left untested.
func TestRealSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "formats", "samples")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("no shared samples folder")
	}
	formats := mergeMaps(sampleFormats)
	present := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		file := e.Name()
		present[file] = true
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := ReadStatement(file, f, parser.ReadOptions{})
			if what, ok := notStatementSamples[file]; ok {
				if err == nil {
					t.Errorf("%s (%s) was read as a %s statement", file, what, st.Format)
				}
				return
			}
			format, ok := formats[file]
			if !ok {
				t.Fatalf("sample not named in the tests: add it to a samples map of its region (or, if it is no statement, to notStatementSamples)")
			}
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if st.Format != format {
				t.Errorf("read as %s, want %s", st.Format, format)
			}
			if st.Txns.Len() == 0 {
				t.Error("no transactions")
			}
			if st.Rows != st.Txns.Len()+st.SkippedTotal() {
				t.Errorf("row accounting: %d rows != %d transactions + %d skipped", st.Rows, st.Txns.Len(), st.SkippedTotal())
			}
		})
	}
	for file := range formats {
		if !present[file] {
			t.Errorf("%s is named in the samples maps but is not in %s", file, dir)
		}
	}
}

func mergeMaps(ms []map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
