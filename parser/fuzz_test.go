package parser

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds every file of the given testdata folders to a fuzz corpus.
func seedFiles(f *testing.F, dirs ...string) {
	for _, dir := range dirs {
		paths, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*"))
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 && !strings.HasSuffix(p, ".want") && !strings.HasSuffix(p, ".err") {
				f.Add(data)
			}
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
		if e.File != file {
			return false
		}
	}
	return true
}

// FuzzReadStatement feeds any bytes to the statement reader (every built-in
// format and the generic one): it must never panic, and either fail with
// positioned errors or account for every record it read.
func FuzzReadStatement(f *testing.F) {
	seedFiles(f, "formats", "bad", "example/statements")
	f.Add([]byte("Date,Description,Amount\n2026-03-01,AMAZON.CO.JP,1200\n"))
	f.Add([]byte("Date;Beschreibung;Betrag\n01.03.2026;Amazon.de;-12,34 €\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, skip := range []bool{false, true} {
			st, err := ReadStatement("f.csv", bytes.NewReader(data), ReadOptions{SkipInvalid: skip})
			if err != nil {
				if !positioned(err, "f.csv") {
					t.Fatalf("error without the file's position: %v", err)
				}
				continue
			}
			if st.Rows != len(st.Txns)+st.SkippedTotal() {
				t.Fatalf("%d records, but %d transactions and %d skipped", st.Rows, len(st.Txns), st.SkippedTotal())
			}
			for _, x := range st.Txns {
				if !x.Date.Valid() || x.Line < 1 {
					t.Fatalf("transaction without a date or line: %+v", x)
				}
			}
		}
	})
}

// FuzzReadDisputes: never a panic; errors are positioned; every order read
// has an id, a date and an amount above zero.
func FuzzReadDisputes(f *testing.F) {
	seedFiles(f, "example")
	f.Add([]byte("order_id,order_date,amount\n250-1234567-1234567,2026-03-02,12800\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDisputes("d.csv", bytes.NewReader(data))
		if err != nil {
			if !positioned(err, "d.csv") {
				t.Fatalf("error without the file's position: %v", err)
			}
			return
		}
		for _, d := range ds {
			if d.OrderID == "" || !d.OrderDate.Valid() || d.Amount.Sign() <= 0 || d.Line < 2 {
				t.Fatalf("incomplete dispute %+v", d)
			}
		}
	})
}

// FuzzReadConfirmations: never a panic; errors are positioned; every
// confirmation read has an id, a date and a known kind.
func FuzzReadConfirmations(f *testing.F) {
	f.Add([]byte("order_id,confirmed_on,kind,amount,note\n250-1234567-1234567,2026-03-10,refund,,\n"))
	f.Add([]byte("order_id,confirmed_on,kind\n250-1234567-1234567,2026/3/10,Cancel\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := ReadConfirmations("c.csv", bytes.NewReader(data))
		if err != nil {
			if !positioned(err, "c.csv") {
				t.Fatalf("error without the file's position: %v", err)
			}
			return
		}
		for _, c := range cs {
			if c.OrderID == "" || !c.ConfirmedOn.Valid() || (c.Kind != KindRefund && c.Kind != KindCancel) {
				t.Fatalf("incomplete confirmation %+v", c)
			}
		}
	})
}

// FuzzParseAmount: never a panic, and an amount read prints back to text
// that reads as the same amount.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12800", "-1.234,56 €", "￥12,800", "(34.51)", "89,99", "$-16.99", "▲500", "1 234,56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseAmount(s)
		if err != nil {
			var m *Message
			if !errors.As(err, &m) {
				t.Fatalf("error is not a message: %v", err)
			}
			return
		}
		back, _, err := ParseAmount(FormatAmount(d, "", false))
		if err != nil || !back.Equal(d) {
			t.Fatalf("%q read as %s, printed as %q, read back as %s (%v)", s, d, FormatAmount(d, "", false), back, err)
		}
	})
}

// FuzzParseDate: never a panic, and a date read prints as ISO that reads back the same.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-02", "2026/3/2", "20260302", "2026年3月2日", "2023-05-31T13:00:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q read as %s, which reads back as %s (%v)", s, d, back, err)
		}
	})
}
