package parser

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// TestReadCSV reads small files under each of CSVRules' rules, with and
// without it: each row as line:cells (the cells of cols, joined by |), and
// every problem, in the order found.
func TestReadCSV(t *testing.T) {
	person := personCSV([]string{"order_id", "amount"})
	tests := []struct {
		name  string
		rules CSVRules
		in    string
		cols  []string
		rows  []string
		err   string
	}{
		{"plain", CSVRules{}, "a,b\n1,2\n3,4\n", []string{"a", "b"},
			[]string{"2:1|2", "3:3|4"}, ""},
		{"a quoted field over two lines, each row at its first line", CSVRules{}, "a,b\n\"x\ny\",2\n3,4\n", []string{"a", "b"},
			[]string{"2:x\ny|2", "4:3|4"}, ""},
		{"columns in another order than the row's fields", CSVRules{}, "b,c,a\n2,3,1\n", []string{"a", "b", "c"},
			[]string{"2:1|2|3"}, ""},
		{"a row short of the header", CSVRules{}, "a,b,c\n1\n", []string{"a", "b", "c"},
			[]string{"2:1||"}, ""},

		// Comments
		{"comments: before the header and among the rows", CSVRules{Comments: true}, "# order_id: Amazon's, like 250-…\na,b\n# a, b, c\n1,2\n", []string{"a", "b"},
			[]string{"4:1|2"}, ""},
		{"comments: a commented order is refused, the rows read", CSVRules{Comments: true}, "a,b\n#250-1234567-1234567,2026-03-02\n# 249-2311057-4823860 too\n1,2\n", []string{"a", "b"},
			[]string{"4:1|2"}, "f.csv:2: line starts with # and would be skipped as a comment, but it holds order 250-1234567-1234567: remove the #\n" +
				"f.csv:3: line starts with # and would be skipped as a comment, but it holds order 249-2311057-4823860: remove the #"},
		{"no comments: a line starting with # is a row", CSVRules{}, "a,b\n#250-1234567-1234567,2\n", []string{"a", "b"},
			[]string{"2:#250-1234567-1234567|2"}, ""},

		// FoldHeader
		{"folded header: width and case", CSVRules{FoldHeader: true}, " Ｏｒｄｅｒ_ID ,AMOUNT\n250-1234567-1234567, 12 \n", []string{"order_id", "amount"},
			[]string{"2:250-1234567-1234567| 12 "}, ""},
		{"a name with a zero-width character names no column", CSVRules{FoldHeader: true}, "order_id,no\ufeffte,am\u200bount\n1,x,2\n", []string{"order_id", "note", "amount"},
			[]string{"2:1||"}, ""},
		{"header as written: only trimmed", CSVRules{}, " Order ID ,Ｔｏｔａｌ\n250-1234567-1234567,12\n", []string{"Order ID", "order id", "Ｔｏｔａｌ", "total"},
			[]string{"2:250-1234567-1234567||12|"}, ""},

		// RefuseRepeatedColumn
		{"a column twice, refused", CSVRules{RefuseRepeatedColumn: true}, "a,b,a,a\n1,2,3,4\n", []string{"a"},
			nil, "f.csv:1: column a is in the header twice (cells 1 and 3); keep one\n" +
				"f.csv:1: column a is in the header twice (cells 1 and 4); keep one"},
		{"a column twice once folded, refused", CSVRules{FoldHeader: true, RefuseRepeatedColumn: true}, "Note,amount,ＮＯＴＥ\n1,2,3\n", []string{"note"},
			nil, "f.csv:1: column note is in the header twice (cells 1 and 3); keep one"},
		{"unnamed columns twice, not refused", CSVRules{RefuseRepeatedColumn: true}, ",a,\n1,2,3\n", []string{"a"},
			[]string{"2:2"}, ""},
		{"a column twice, the first read", CSVRules{}, "a,b,a\n1,2,3\n", []string{"a", "b"},
			[]string{"2:1|2"}, ""},

		// Required
		{"required columns missing", CSVRules{Required: []string{"a", "b", "c"}}, "b\n1\n", []string{"b"},
			nil, "f.csv:1: missing column a, c; the header needs a,b,c"},
		{"required columns missing, the header after comments", CSVRules{Comments: true, Required: []string{"a"}}, "# template\nb\n1\n", []string{"b"},
			nil, "f.csv:2: missing column a; the header needs a"},
		{"a column twice is told before the missing ones", CSVRules{RefuseRepeatedColumn: true, Required: []string{"c"}}, "a,a\n1,2\n", []string{"a"},
			nil, "f.csv:1: column a is in the header twice (cells 1 and 2); keep one"},

		// The empty file
		{"empty, columns required", CSVRules{Required: []string{"order_id", "kind"}}, "", nil,
			nil, "f.csv: file is empty; it needs a header line: order_id,kind"},
		{"only comments and blank lines, columns required", CSVRules{Comments: true, Required: []string{"pattern"}}, "# pattern: a text\n\n", nil,
			nil, "f.csv: file is empty; it needs a header line: pattern"},
		{"empty, none required", CSVRules{}, "\n\n", nil,
			nil, "f.csv: file is empty"},
		{"a header whose quoting is wrong", CSVRules{}, "a,\"b\n1,2\n", nil,
			nil, `f.csv:1: a quoted field of the row starting here is not closed as expected (read on to line 2, column 5); expected a closing " followed by the delimiter or the end of the line, and "" for a quote inside the field`},

		// RefuseOverfull
		{"cells beyond the header, refused", CSVRules{RefuseOverfull: true}, "a,b\n1,12,800\n3,4, ,\n", []string{"a", "b"},
			[]string{"3:3|4"}, "f.csv:2: row has 3 fields, but the header on line 1 has 2 (an unquoted comma in a field?)"},
		{"cells beyond the header, ignored", CSVRules{}, "a,b\n1,12,800\n", []string{"a", "b"},
			[]string{"2:1|12"}, ""},

		// SkipBlankRows
		{"blank rows skipped", CSVRules{SkipBlankRows: true}, "a,b\n , \n1,2\n,\n", []string{"a", "b"},
			[]string{"3:1|2"}, ""},
		{"blank rows handed on", CSVRules{}, "a,b\n , \n1,2\n", []string{"a", "b"},
			[]string{"2: | ", "3:1|2"}, ""},
		{"empty lines are no rows under any rules", CSVRules{}, "a,b\n\n1,2\n", []string{"a", "b"},
			[]string{"3:1|2"}, ""},

		// TrimCells
		{"cells trimmed", CSVRules{TrimCells: true}, "a,b\n 1 ,\"2\t\"\n", []string{"a", "b"},
			[]string{"2:1|2"}, ""},

		// Quoting errors: reported at their line, the reader going on.
		{"a bare quote, the next rows read", CSVRules{}, "a,b\n1,x\"y\n3,4\n", []string{"a", "b"},
			[]string{"3:3|4"}, `f.csv:2:4: a " stands inside a field that does not start with one; expected the whole field in quotes, with the " written twice ("")`},

		// The person's files, all rules at once.
		{"person's file", person, "\ufeff# order_id,amount\nOrder_ID,Amount\n250-1234567-1234567,12,800\n,,\n249-2311057-4823860,1584\n", []string{"order_id", "amount"},
			[]string{"4:|", "5:249-2311057-4823860|1584"}, "f.csv:3: row has 3 fields, but the header on line 2 has 2 (an unquoted comma in a field?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewProblems("f.csv")
			var rows []string
			n, err := ReadCSV("f.csv", []byte(tt.in), tt.rules, p, func(rec CSVRecord[testRow]) {
				rows = append(rows, rowText(rec, tt.cols))
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows, "\n") != strings.Join(tt.rows, "\n") {
				t.Errorf("rows:\n%q\nwant:\n%q", rows, tt.rows)
			}
			if n != len(rows) {
				t.Errorf("ReadCSV says %d rows, handed on %d", n, len(rows))
			}
			if got := errText(p.Err()); got != tt.err {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.err)
			}
		})
	}
}

// TestReadCSVProblemsInLineOrder checks that what the conversion reports of
// a row and what ReadCSV reports of the file fall in line order.
func TestReadCSVProblemsInLineOrder(t *testing.T) {
	in := "order_id,amount\nbad,1\n250-1234567-1234567,1,2\nbad,2\n"
	p := NewProblems("disputes.csv")
	_, err := ReadCSV("disputes.csv", []byte(in), personCSV([]string{"order_id"}), p, func(rec CSVRecord[testRow]) {
		if _, err := ParseOrderID(rec.Row.OrderID); err != nil {
			p.Add(rec.Line, "%v", err)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `disputes.csv:2: "bad" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567` + "\n" +
		"disputes.csv:3: row has 3 fields, but the header on line 1 has 2 (an unquoted comma in a field?)\n" +
		`disputes.csv:4: "bad" is not an Amazon order id like 250-1234567-1234567 or D01-1234567-1234567`
	if got := errText(p.Err()); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestReadCSVInBatches reads a file of some batches of rows (csvBatch):
// every row is handed on once, in order, at its line, with no cell of the
// row read over it in the batch before (the rows of a batch are made over
// the last batch's), and the problems fall in line order among the rows,
// those met at a batch's end too.
func TestReadCSVInBatches(t *testing.T) {
	var in strings.Builder
	var want, wantErr []string
	in.WriteString("a,b,c\n")
	line := 1
	for i := range 2*csvBatch + 7 {
		line++
		switch {
		case i == csvBatch-1 || i == csvBatch || i == csvBatch+csvBatch/2:
			// Refused on both sides of the first batch's end, and within
			// the second batch.
			fmt.Fprintf(&in, "%d,x,y,z\n", i)
			wantErr = append(wantErr, fmt.Sprintf("f.csv:%d: row has 4 fields, but the header on line 1 has 3 (an unquoted comma in a field?)", line))
			want = append(want, fmt.Sprintf("problem %d", line))
			continue
		case i == 2*csvBatch-1:
			// A quoted field over two lines, across the second batch's end.
			fmt.Fprintf(&in, "\"%d\nmore\",b%d,c%d\n", i, i, i)
			want = append(want, fmt.Sprintf("%d:%d\nmore|b%d|c%d", line, i, i, i))
			line++
			continue
		case i >= csvBatch:
			// Rows shorter than those they are read over.
			fmt.Fprintf(&in, "%d\n", i)
			want = append(want, fmt.Sprintf("%d:%d||", line, i))
			continue
		}
		fmt.Fprintf(&in, "%d,b%d,c%d\n", i, i, i)
		want = append(want, fmt.Sprintf("%d:%d|b%d|c%d", line, i, i, i))
	}
	// gocsv is handed a batch at a time, the header first in each.
	r := newCSVRows("f.csv", []byte(in.String()), CSVRules{})
	if _, ok := r.readHeader(NewProblems("f.csv")); !ok {
		t.Fatal("no header")
	}
	var batches []int
	for r.more {
		all, err := r.ReadAll()
		if err != nil || len(all) == 0 || strings.Join(all[0], ",") != "a,b,c" {
			t.Fatalf("ReadAll = %d records, header %q, %v", len(all), all[0], err)
		}
		batches = append(batches, len(all)-1)
	}
	if want := []int{csvBatch, csvBatch, 7}; !reflect.DeepEqual(batches, want) {
		t.Errorf("batches of %v rows, want %v", batches, want)
	}
	p := NewProblems("f.csv")
	var got []string
	reported := 0
	n, err := ReadCSV("f.csv", []byte(in.String()), CSVRules{RefuseOverfull: true}, p, func(rec CSVRecord[testRow]) {
		// A problem reported since the last row stands before this one.
		for ; reported < len(p.errs); reported++ {
			got = append(got, "problem "+strconv.Itoa(p.errs[reported].Line))
		}
		got = append(got, rowText(rec, []string{"a", "b", "c"}))
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2*csvBatch+4 {
		t.Errorf("ReadCSV says %d rows, want %d", n, 2*csvBatch+4)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("item %d: got %q, want %q (%d items, want %d)", i, got[i], want[i], len(got), len(want))
			}
		}
		t.Fatalf("got %d items, want %d", len(got), len(want))
	}
	if got := errText(p.Err()); got != strings.Join(wantErr, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(wantErr, "\n"))
	}
}

// TestReadCSVBatchesShareRoom checks that the batches after the second
// take their cells from the room the second made, for rows as wide as the
// header and for rows wider (a trailing comma): the room made for the
// first was sized by the header, and one made for what a batch had left
// to read was too small for the next.
func TestReadCSVBatchesShareRoom(t *testing.T) {
	for _, row := range []string{"1,2,3\n", "1,2,3,\n"} {
		r := newCSVRows("f.csv", []byte("a,b,c\n"+strings.Repeat(row, 6*csvBatch)), CSVRules{})
		if _, ok := r.readHeader(NewProblems("f.csv")); !ok {
			t.Fatal("no header")
		}
		var first *string
		for b := 0; r.more; b++ {
			if _, err := r.ReadAll(); err != nil {
				t.Fatal(err)
			}
			switch {
			case b == 1:
				first = &r.block[0]
			case b > 1 && (&r.block[0] != first || len(r.room)+r.used != len(r.block)):
				t.Errorf("%q: batch %d made room of its own", row, b+1)
			}
		}
	}
}

// TestReadCSVWideHeader checks that the room made for rows' cells follows
// the rows, not the header: a header with 200,000 empty columns after its
// names, over a row of two cells and a thousand comment lines, is read in
// a few megabytes, where room for a thousand rows of the header's width
// was 3.2 GB.
func TestReadCSVWideHeader(t *testing.T) {
	in := "order_id,amount" + strings.Repeat(",", 200_000) + "\n250-1234567-1234567,1\n" + strings.Repeat("# note\n", 1000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p := NewProblems("disputes.csv")
	n, err := ReadCSV("disputes.csv", []byte(in), personCSV([]string{"order_id"}), p, func(CSVRecord[testRow]) {})
	runtime.ReadMemStats(&after)
	if err != nil || n != 1 {
		t.Fatalf("ReadCSV = %d, %v; want 1 row", n, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("reading %d bytes allocated %d MB", len(in), alloc>>20)
	}
}

// TestReadCSVDecodes checks that a file in CP932, as Excel in Japan saves
// it, is read as text.
func TestReadCSVDecodes(t *testing.T) {
	raw, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte("注文番号,商品名\n250-1234567-1234567,（注文全体）\n"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	p := NewProblems("f.csv")
	if _, err := ReadCSV("f.csv", raw, CSVRules{}, p, func(rec CSVRecord[testRow]) {
		rows = append(rows, rowText(rec, []string{"注文番号", "商品名"}))
	}); err != nil || p.Err() != nil {
		t.Fatal(err, p.Err())
	}
	if want := "2:250-1234567-1234567|（注文全体）"; len(rows) != 1 || rows[0] != want {
		t.Errorf("rows = %q, want %q", rows, want)
	}
}

// TestReadCSVNoTags checks that a row type gocsv cannot fill is an error
// of the file, not a panic.
func TestReadCSVNoTags(t *testing.T) {
	p := NewProblems("f.csv")
	_, err := ReadCSV("f.csv", []byte("a,b\n1,2\n"), CSVRules{}, p, func(CSVRecord[struct{}]) {
		t.Error("a row handed on")
	})
	if want := "f.csv: no csv struct tags found"; errText(err) != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

// TestCSVRecord reads a row by names, where an export renamed a column:
// Which tells the field to read, Has whether the header names a column,
// and TrimCells trims the cells.
func TestCSVRecord(t *testing.T) {
	in := []byte("Order ID,Total Amount,Website\n250-1234567-1234567, 1,280 ,\n")
	var rec, trimmed CSVRecord[testRow]
	_, _ = ReadCSV("f.csv", in, CSVRules{}, NewProblems("f.csv"), func(r CSVRecord[testRow]) { rec = r })
	_, _ = ReadCSV("f.csv", in, CSVRules{TrimCells: true}, NewProblems("f.csv"), func(r CSVRecord[testRow]) { trimmed = r })
	tests := []struct {
		names            []string
		get, which, cell string
		has              bool
	}{
		{[]string{"Total Owed", "Total Amount"}, "1", "Total Amount", "", false},
		{[]string{"Total Amount", "Total Owed"}, "1", "Total Amount", " 1", true},
		{[]string{"Ship Date"}, "", "Ship Date", "", false},
		{[]string{"Website"}, "280", "Website", "280 ", true},
	}
	for _, tt := range tests {
		if got := testCell(trimmed.Row, trimmed.Which(tt.names...)); got != tt.get {
			t.Errorf("trimmed cell of Which(%q) = %q, want %q", tt.names, got, tt.get)
		}
		if got := rec.Which(tt.names...); got != tt.which {
			t.Errorf("Which(%q) = %q, want %q", tt.names, got, tt.which)
		}
		if got := testCell(rec.Row, tt.names[0]); got != tt.cell {
			t.Errorf("cell %q = %q, want %q", tt.names[0], got, tt.cell)
		}
		if got := rec.Has(tt.names[0]); got != tt.has {
			t.Errorf("Has(%q) = %v, want %v", tt.names[0], got, tt.has)
		}
	}
	if rec.Line != 2 {
		t.Errorf("Line = %d, want 2", rec.Line)
	}
}

// testRow has a field for each column the tests name.
type testRow struct {
	A            string `csv:"a"`
	B            string `csv:"b"`
	C            string `csv:"c"`
	OrderID      string `csv:"order_id"`
	Amount       string `csv:"amount"`
	Note         string `csv:"note"`
	OrderIDAsIs  string `csv:"Order ID"`
	OrderIDLower string `csv:"order id"`
	TotalWide    string `csv:"Ｔｏｔａｌ"`
	Total        string `csv:"total"`
	TotalOwed    string `csv:"Total Owed"`
	TotalAmount  string `csv:"Total Amount"`
	ShipDate     string `csv:"Ship Date"`
	Website      string `csv:"Website"`
	JPOrderID    string `csv:"注文番号"`
	JPItem       string `csv:"商品名"`
}

// testCell returns the field of row tagged name.
func testCell(row testRow, name string) string {
	v := reflect.ValueOf(row)
	for i := range v.NumField() {
		if v.Type().Field(i).Tag.Get("csv") == name {
			return v.Field(i).String()
		}
	}
	panic("testRow has no column " + name)
}

func rowText(rec CSVRecord[testRow], cols []string) string {
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = testCell(rec.Row, c)
	}
	return strconv.Itoa(rec.Line) + ":" + strings.Join(cells, "|")
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// FuzzReadCSV feeds any bytes to ReadCSV under the person's rules and
// Amazon's: no panic; every problem an *Error of the file; the rows handed
// on in line order, below the header, as many as ReadCSV counts.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "# c\norder_id,amount\n250-1234567-1234567,12,800\n,,\n", "a,\"b\n1,2\n", "a,a\n1,x\"y\n"} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, raw []byte, person bool) {
		rules := CSVRules{SkipBlankRows: true, TrimCells: true}
		if person {
			rules = personCSV([]string{"order_id"})
		}
		p := NewProblems("f.csv")
		last, handed := 1, 0
		n, err := ReadCSV("f.csv", raw, rules, p, func(rec CSVRecord[testRow]) {
			if rec.Line <= last {
				t.Errorf("row at line %d after line %d", rec.Line, last)
			}
			last = rec.Line
			handed++
		})
		if n != handed {
			t.Errorf("ReadCSV says %d rows, handed on %d", n, handed)
		}
		for _, err := range []error{err, p.Err()} {
			if err == nil {
				continue
			}
			l, ok := AsList(err)
			if !ok {
				t.Fatalf("not made of *Errors: %v", err)
			}
			for _, e := range l {
				if e.File != "f.csv" {
					t.Errorf("problem of %q: %v", e.File, e)
				}
			}
		}
	})
}

// TestRowsSetEveryTag holds the row types that gocsv fills through
// UnmarshalCSVWithFields to their tags: each tag sets its own field and no
// other, and a name that is no tag sets nothing. A field added with a tag
// and left out of the switch would otherwise read as empty in every row.
func TestRowsSetEveryTag(t *testing.T) {
	type withFields interface {
		UnmarshalCSVWithFields(key, value string) error
	}
	for _, row := range []withFields{&disputeRow{}, &confirmationRow{}} {
		typ := reflect.TypeOf(row).Elem()
		for i := range typ.NumField() {
			tag := typ.Field(i).Tag.Get("csv")
			if tag == "" {
				t.Errorf("%s.%s has no csv tag", typ.Name(), typ.Field(i).Name)
				continue
			}
			r := reflect.New(typ)
			if err := r.Interface().(withFields).UnmarshalCSVWithFields(tag, "v:"+tag); err != nil {
				t.Errorf("%s: %s: %v", typ.Name(), tag, err)
			}
			for j := range typ.NumField() {
				got, want := r.Elem().Field(j).String(), ""
				if j == i {
					want = "v:" + tag
				}
				if got != want {
					t.Errorf("%s: key %q: field %s = %q, want %q", typ.Name(), tag, typ.Field(j).Name, got, want)
				}
			}
		}
		r := reflect.New(typ)
		for _, key := range []string{"", "Order_ID", " order_id", "unknown"} {
			_ = r.Interface().(withFields).UnmarshalCSVWithFields(key, "x")
		}
		if !r.Elem().IsZero() {
			t.Errorf("%s: names that are no tag set %+v", typ.Name(), r.Elem().Interface())
		}
	}
}

// csvRecords lists the records of data as encoding/csv reads them (with
// # comments or without), each with the line it starts on, and its errors.
func csvRecords(data string, comments bool) []string {
	cr := csv.NewReader(strings.NewReader(data))
	cr.FieldsPerRecord = -1
	if comments {
		cr.Comment = '#'
	}
	var out []string
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		line, _ := cr.FieldPos(0)
		out = append(out, fmt.Sprintf("%d:%q", line, cells))
	}
}

// csvRowsRecords lists the records of data as csvRows reads them under
// rules, as csvRecords does.
func csvRowsRecords(data string, rules CSVRules) []string {
	r := newCSVRows("f.csv", []byte(data), rules)
	r.width = 2 // as a header would set it
	var out []string
	for {
		cells, line, err := r.record()
		if err == io.EOF {
			return out
		}
		if err != nil {
			out = append(out, err.Error())
			continue
		}
		out = append(out, fmt.Sprintf("%d:%q", line, cells))
	}
}

// FuzzCSVRows checks that csvRows reads the records encoding/csv reads, at
// the same lines, with the same errors: it splits the lines without a
// quote itself, cutting their cells from strings of many lines under
// CellsCopied, and hands the rest from the first quote on to encoding/csv.
func FuzzCSVRows(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n\n\r\n1,2", "a,b\n1,2\r", "a,b\n1\r\r\n2\r3\n",
		"#c\na,b\n#\"\n1,\"x\ny\",2\n3,4\n", "a\n1,\"x\n", "a\n1,x\"y\n2\n", "\n\n", "", ",\n,,\n",
		"a\n\"x\"y\n#c\n3\n", "a\n1\n2,\"\n\"\n\"3\"\n",
		"a,b\n" + strings.Repeat("12345,678\r\n", cellsText/7) + strings.Repeat("x", cellsText) + "\n1,2",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, comments bool) {
		want := csvRecords(data, comments)
		for _, copied := range []bool{false, true} {
			if got := csvRowsRecords(data, CSVRules{Comments: comments, CellsCopied: copied}); !reflect.DeepEqual(got, want) {
				t.Errorf("%q (comments %v, cells copied %v):\ngot  %q\nwant %q", data, comments, copied, got, want)
			}
		}
	})
}
