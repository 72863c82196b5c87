package parser

import (
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// maxSeed is the largest file used as a seed: the fuzzer's minimizing of a
// large input costs many execs.
const maxSeed = 16 << 10

// seedFiles returns the files under the given testdata folders (and their
// subfolders) small enough to seed a fuzz target, leaving out expected
// outputs and notes.
func seedFiles(dirs ...string) map[string][]byte {
	out := map[string][]byte{}
	for _, dir := range dirs {
		root := filepath.Join("..", "testdata", dir)
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(path) {
			case ".want", ".err", ".md", ".args":
				return nil
			}
			if data, err := os.ReadFile(path); err == nil && len(data) <= maxSeed {
				out[path] = data
			}
			return nil
		})
	}
	return out
}

// addFiles adds every seed file to f.
func addFiles(f *testing.F, dirs ...string) {
	for _, data := range seedFiles(dirs...) {
		f.Add(data)
	}
}

// addCases adds the inputs of a table test to f.
func addCases(f *testing.F, cases []struct{ name, in, want string }) {
	for _, c := range cases {
		if len(c.in) <= maxSeed {
			f.Add([]byte(c.in))
		}
	}
}

// positioned reports whether err is made of *Errors only, each naming the file.
func positioned(err error, file string) bool {
	l, ok := AsList(err)
	if !ok || len(l) == 0 {
		return false
	}
	for _, e := range l {
		if e.File != file || e.Line < 0 || e.Column < 0 || e.Err == nil {
			return false
		}
	}
	return true
}

// lineCount is the number of lines of data, a last line without newline included.
func lineCount(data []byte) int {
	return bytes.Count(data, []byte("\n")) + 1
}

// records are the CSV records of a small input file after its header, as
// the disputes and confirmations readers read them (comment lines left out).
func records(t *testing.T, data []byte) int {
	t.Helper()
	text, _, err := textenc.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(text)
	r.FieldsPerRecord, r.Comment = -1, '#'
	n := 0
	for {
		_, err := r.Read()
		if err == io.EOF {
			return max(n-1, 0)
		}
		if err != nil {
			t.Fatalf("read without error, but the file has a CSV error: %v", err)
		}
		n++
	}
}

// checkDisputes checks that every record after the header became an order
// with an id, a date and an amount above zero, each id once.
func checkDisputes(t *testing.T, data []byte, ds []Dispute, err error) {
	t.Helper()
	if err != nil {
		if !positioned(err, "d.csv") {
			t.Fatalf("error without the file's position: %v", err)
		}
		return
	}
	if n := records(t, data); n != len(ds) {
		t.Fatalf("%d records after the header, %d orders read", n, len(ds))
	}
	seen := map[string]bool{}
	for _, d := range ds {
		if !orderIDPattern.MatchString(d.OrderID) || seen[d.OrderID] || !d.OrderDate.Valid() || d.Amount.Sign() <= 0 ||
			d.File != "d.csv" || d.Line < 1 || d.Line > lineCount(data) {
			t.Fatalf("incomplete or repeated dispute %+v", d)
		}
		seen[d.OrderID] = true
	}
}

func FuzzReadDisputes(f *testing.F) {
	addFiles(f, "example", "userformat", "bad/disputes")
	addCases(f, disputeErrorCases)
	f.Add([]byte("order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDisputes("d.csv", bytes.NewReader(data))
		checkDisputes(t, data, ds, err)
	})
}

// FuzzReadDisputesWithOrders reads disputes that Amazon's order exports
// complete: an order the exports know needs only its id.
func FuzzReadDisputesWithOrders(f *testing.F) {
	known := map[string]KnownOrder{
		"250-1234567-1234567": {Date: civil.MustDate("2026-03-02"), Total: decimal.RequireFromString("12800"), Currency: "JPY",
			Shipments: []Shipment{{Date: civil.MustDate("2026-03-03"), Amount: decimal.RequireFromString("12800")}}},
		"D01-1234567-1234567": {Date: civil.MustDate("2026-03-05"), Total: decimal.RequireFromString("9.99"), Currency: "USD"},
	}
	lookup := func(id string) (KnownOrder, bool) { o, ok := known[id]; return o, ok }
	addFiles(f, "example", "bad/disputes")
	addCases(f, disputeErrorCases)
	f.Add([]byte("order_id\n250-1234567-1234567\nD01-1234567-1234567\n"))
	f.Add([]byte("order_id,order_date,amount,currency\n250-1234567-1234567,,,\nD01-1234567-1234567,,9.99,EUR\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDisputesWith("d.csv", bytes.NewReader(data), lookup)
		checkDisputes(t, data, ds, err)
	})
}

// FuzzReadConfirmations: every record after the header became a
// confirmation with an id, a date and a known kind.
func FuzzReadConfirmations(f *testing.F) {
	addFiles(f, "bad/confirmations")
	addCases(f, confirmationErrorCases)
	f.Add([]byte("order_id,confirmed_on,kind,amount,note\n250-1234567-1234567,2026-03-10,refund,,\n"))
	f.Add([]byte("order_id,confirmed_on,kind\n250-1234567-1234567,2026/3/10,Cancel\n"))
	if data, err := os.ReadFile(filepath.Join("..", "testdata", "example", "confirmations.csv")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ReadConfirmations("c.csv", bytes.NewReader(data))
		if err != nil {
			if !positioned(err, "c.csv") {
				t.Fatalf("error without the file's position: %v", err)
			}
			return
		}
		if n := records(t, data); n != len(cs) {
			t.Fatalf("%d records after the header, %d confirmations read", n, len(cs))
		}
		for _, c := range cs {
			if !orderIDPattern.MatchString(c.OrderID) || !c.ConfirmedOn.Valid() || (c.Kind != KindRefund && c.Kind != KindCancel) ||
				c.Amount.Sign() < 0 || c.File != "c.csv" || c.Line < 1 || c.Line > lineCount(data) {
				t.Fatalf("incomplete confirmation %+v", c)
			}
		}
	})
}
