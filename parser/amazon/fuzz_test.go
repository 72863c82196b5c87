package amazon

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// The fuzz targets feed any bytes to Read (detection and every format) and
// to each reader with its format forced. The property: no panic, and either
// an error made of *parser.Errors naming the file, or a file whose rows are
// each an order's, a confirmation or skipped, with every order and
// confirmation complete.

// maxSeed is the largest file used as a seed.
const maxSeed = 16 << 10

// seeds returns the files under the given testdata folders small enough to
// seed a fuzz target.
func seeds(dirs ...string) [][]byte {
	var out [][]byte
	for _, dir := range dirs {
		_ = filepath.WalkDir(filepath.Join("..", "..", "testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) == ".err" || filepath.Ext(path) == ".md" {
				return nil
			}
			if data, err := os.ReadFile(path); err == nil && len(data) <= maxSeed {
				out = append(out, data)
			}
			return nil
		})
	}
	for _, c := range readErrorCases {
		out = append(out, []byte(c.in))
	}
	return out
}

var orderID = regexp.MustCompile(`^[0-9A-Z]{3}-[0-9]{7}-[0-9]{7}$`)

// checkFile checks what reading data as format gave.
func checkFile(t *testing.T, data []byte, got *File, err error) {
	t.Helper()
	if err != nil {
		l, ok := parser.AsList(err)
		if !ok || len(l) == 0 {
			t.Fatalf("error without a position: %v", err)
		}
		for _, e := range l {
			if e.File != "f" || e.Line < 0 {
				t.Fatalf("error not naming the file: %v", e)
			}
		}
		return
	}
	lines := bytes.Count(data, []byte("\n")) + 1
	switch f := got.Format; {
	case f.Orders():
		if len(got.Orders) > got.Rows-got.SkippedTotal() {
			t.Fatalf("%d orders from %d rows, %d of them skipped", len(got.Orders), got.Rows, got.SkippedTotal())
		}
		if got.Rows-got.SkippedTotal() > 0 && len(got.Orders) == 0 {
			t.Fatalf("%d rows neither skipped nor an order's", got.Rows-got.SkippedTotal())
		}
		for _, o := range got.Orders {
			if !orderID.MatchString(o.ID) || !o.Date.Valid() || o.File != "f" || o.Line < 2 || o.Line > lines {
				t.Fatalf("incomplete order %+v", o)
			}
			for _, s := range o.Shipments {
				if !s.Date.Valid() {
					t.Fatalf("shipment without a date in %+v", o)
				}
			}
		}
	case f == Mail || f == Mbox:
		// Each mail gives confirmations or is left out, counted or named.
		left := len(got.Notes)
		for _, n := range got.LeftOut {
			left += n
		}
		if (f == Mail && got.Rows != 1) || left > got.Rows || (left < got.Rows) != (len(got.Confirmations) > 0) {
			t.Fatalf("%d mails read as %d confirmations, %d left out", got.Rows, len(got.Confirmations), left)
		}
	case f == RefundPayments || f == RefundDetails || f == RefundReport:
		if got.Rows != len(got.Confirmations)+got.SkippedTotal() {
			t.Fatalf("%d rows, but %d confirmations and %d skipped", got.Rows, len(got.Confirmations), got.SkippedTotal())
		}
	case f == ConfirmationsCSV:
		if got.Rows != len(got.Confirmations) {
			t.Fatalf("%d rows, %d confirmations", got.Rows, len(got.Confirmations))
		}
	default:
		t.Fatalf("read without error as format %q", f)
	}
	for _, c := range got.Confirmations {
		if !orderID.MatchString(c.OrderID) || !c.ConfirmedOn.Valid() || (c.Kind != parser.KindRefund && c.Kind != parser.KindCancel) ||
			c.Amount.Sign() < 0 || c.File != "f" || c.Line < 0 || c.Line > lines {
			t.Fatalf("incomplete confirmation %+v", c)
		}
	}
}

// FuzzRead reads any input as Read does, finding its format from the content.
func FuzzRead(f *testing.F) {
	for _, data := range seeds("amazon", "bad/orders", "bad/confirmations") {
		f.Add(data)
	}
	f.Add([]byte("order_id,confirmed_on,kind\n249-1056673-9038214,2026-03-06,cancel\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Read("f", bytes.NewReader(data))
		if err == nil && got.Format == Unknown {
			t.Fatal("an unknown format read without error")
		}
		checkFile(t, data, got, err)
	})
}

// fuzzReaders is the body of a target reading its input in one of formats,
// forced: the first byte picks the format.
func fuzzReaders(f *testing.F, formats []Format, dirs ...string) {
	for i, data := range seeds(dirs...) {
		format := Detect(data)
		pick := i % len(formats)
		for j, ft := range formats {
			if ft == format {
				pick = j
			}
		}
		f.Add(byte(pick), data)
	}
	f.Fuzz(func(t *testing.T, pick byte, data []byte) {
		got := &File{Name: "f", Format: formats[int(pick)%len(formats)]}
		err := readers[got.Format](got, data)
		checkFile(t, data, got, err)
	})
}

// FuzzReadOrderExport reads its input as each order-history export.
func FuzzReadOrderExport(f *testing.F) {
	fuzzReaders(f, []Format{OrderHistoryLegacy, OrderHistory2025, DigitalItems, OrderFilterJP, OrderReport},
		"amazon/Retail.OrderHistory.1", "amazon/Your Orders", "amazon/Digital-Ordering.1", "amazon/order-filter", "amazon/order-report", "bad/orders")
}

// FuzzReadRefundExport reads its input as each refund export.
func FuzzReadRefundExport(f *testing.F) {
	fuzzReaders(f, []Format{RefundPayments, RefundDetails, RefundReport},
		"amazon/Retail.OrdersReturned.Payments.1", "amazon/Your Orders/Your Returns & Refunds", "bad/confirmations")
}

// FuzzReadMail reads its input as an Amazon mail.
func FuzzReadMail(f *testing.F) {
	fuzzReaders(f, []Format{Mail, Mbox}, "amazon/mail", "bad/confirmations")
}
