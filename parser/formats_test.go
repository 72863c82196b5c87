package parser

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .want files of testdata/formats")

// describe writes what a statement was read as, one transaction a line, for
// comparison with a fixture's .want file.
func describe(st *Statement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "format: %s\nencoding: %s\naccount: %s\nrange: %s..%s\n", st.Format, st.Encoding, st.Account, st.From, st.To)
	var reasons []string
	for r, n := range st.Skipped {
		reasons = append(reasons, fmt.Sprintf("%s=%d", r, n))
	}
	slices.Sort(reasons)
	fmt.Fprintf(&b, "rows: %d transactions: %d skipped: %s\n", st.Rows, len(st.Txns), strings.Join(reasons, " "))
	for _, n := range st.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, t := range st.Txns {
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
	files, err := filepath.Glob(filepath.Join("..", "testdata", "formats", "*"))
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
			st, err := ReadStatement(filepath.Base(path), f, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			seen[st.Format] = true
			if st.Rows != len(st.Txns)+st.SkippedTotal()+st.Folded {
				t.Errorf("row accounting: %d rows != %d transactions + %d skipped", st.Rows, len(st.Txns), st.SkippedTotal())
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

// sampleFormats names the format each real export in ../shared/formats/samples
// must be detected as, by region (see the formats_*_test.go files). Files not
// listed are not statements (Amazon exports, e-mails).
var sampleFormats = []map[string]string{jpCardSamples, jpBankSamples, usSamples, euSamples, ofxSamples}

// TestRealSamples detects the format of every real statement export in the
// shared samples folder, when it is there (it is not part of the project).
func TestRealSamples(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "formats", "samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no shared samples folder")
	}
	for file, format := range mergeMaps(sampleFormats) {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			st, err := ReadStatement(file, f, ReadOptions{})
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if st.Format != format {
				t.Errorf("read as %s, want %s", st.Format, format)
			}
			if len(st.Txns) == 0 {
				t.Error("no transactions")
			}
		})
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
