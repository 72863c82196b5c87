package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// The fuzz targets feed any bytes to every reader of this package. Each
// checks the same property: no panic, and either an error made of *Errors
// naming the file, or a result that accounts for every record of the input.
// Statement targets read one format family each, with the format forced, so
// that an exec costs one reader and not the detection of every format; only
// FuzzReadStatement goes through detection.

// fixtureFormat is the format a fixture of testdata/formats is read as,
// from its .want file, or "".
func fixtureFormat(path string) string {
	want, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".want")
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(string(want), "\n")
	return strings.TrimPrefix(name, "format: ")
}

// csvRecords counts the records of a table file as an independent reader
// sees them: the statement reader must account for each of them.
func csvRecords(data []byte, enc string, comma rune, lazy bool) (int, error) {
	text, _, err := textenc.DecodeWith(bytes.NewReader(data), enc)
	if err != nil {
		return 0, err
	}
	r := csv.NewReader(text)
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = comma, -1, lazy, true
	n := 0
	for {
		if _, err := r.Read(); err == io.EOF {
			return n, nil
		} else if err != nil {
			return n, err
		}
		n++
	}
}

// tableOf is the layout a statement was read by, when it was read as a table.
func tableOf(f *parser.Format, data []byte, enc string) *table.TableSpec {
	switch {
	case f == table.Generic:
		text, _, err := textenc.DecodeWith(bytes.NewReader(data), enc)
		if err != nil {
			return nil
		}
		head, _ := bufio.NewReaderSize(text, textenc.SniffSize).Peek(textenc.SniffSize)
		delim, ok := table.GenericDelimiter(head)
		if !ok {
			delim = ','
		}
		return table.GenericSpec(delim)
	case f != nil:
		spec, _ := f.Table.(*table.TableSpec)
		return spec
	}
	return nil
}

// checkStatement checks what reading data gave: an error naming the file,
// or a statement whose rows are each a transaction or a skipped row, whose
// transactions stand on lines of the file in order, and which (for a table
// format) read every CSV record of the file.
func checkStatement(t *testing.T, reg *parser.Registry, data []byte, st *parser.Statement, err error, opts parser.ReadOptions) {
	t.Helper()
	if err != nil {
		if !positioned(err, "f.csv") {
			t.Fatalf("error without the file's position: %v", err)
		}
		if st != nil {
			t.Fatalf("a statement and an error: %v", err)
		}
		return
	}
	if st.File != "f.csv" || st.Format == "" {
		t.Fatalf("statement of file %q, format %q", st.File, st.Format)
	}
	if st.Rows != st.Txns.Len()+st.SkippedTotal() {
		t.Fatalf("%d rows, but %d transactions and %d skipped (%v)", st.Rows, st.Txns.Len(), st.SkippedTotal(), st.Skipped)
	}
	if st.Skipped[parser.SkipInvalid] != len(st.Invalid) || (!opts.SkipInvalid && len(st.Invalid) > 0) {
		t.Fatalf("%d rows skipped as invalid, %d listed, SkipInvalid %v", st.Skipped[parser.SkipInvalid], len(st.Invalid), opts.SkipInvalid)
	}
	for _, e := range st.Invalid {
		if e.File != "f.csv" || e.Line < 1 {
			t.Fatalf("invalid row without its place: %v", e)
		}
	}
	lines, prev := lineCount(data), 0
	for _, x := range st.Txns.All() {
		if !x.Date.Valid() || x.File != "f.csv" || x.Line < 1 || x.Line > lines || x.Line < prev {
			t.Fatalf("transaction out of place (previous on line %d, %d lines): %+v", prev, lines, x)
		}
		if st.From.After(x.Date) || x.Date.After(st.To) {
			t.Fatalf("transaction of %s outside the statement's %s..%s", x.Date, st.From, st.To)
		}
		prev = x.Line
	}
	f, _ := reg.Lookup(st.Format)
	if spec := tableOf(f, data, st.Encoding); spec != nil {
		n, err := csvRecords(data, st.Encoding, spec.Separator(), spec.LazyQuotes)
		if err != nil {
			t.Fatalf("read without error, but the file has a CSV error: %v", err)
		}
		if n != st.Rows {
			t.Fatalf("the file has %d CSV records, the statement accounts for %d", n, st.Rows)
		}
	}
}

// fuzzFormats is the body of a target that reads its input in one format of
// formats, forced: the first byte picks the format and, with its high bit,
// whether invalid rows are skipped.
func fuzzFormats(f *testing.F, reg *parser.Registry, formats []*parser.Format, seeds map[string][]byte) {
	index := map[string]int{}
	for i, ft := range formats {
		index[ft.Name] = i
	}
	for path, data := range seeds {
		i, ok := index[fixtureFormat(path)]
		if !ok {
			i = len(path) % len(formats)
		}
		f.Add(byte(i), data)
	}
	f.Fuzz(func(t *testing.T, pick byte, data []byte) {
		format := formats[int(pick&0x7f)%len(formats)]
		opts := parser.ReadOptions{SkipInvalid: pick&0x80 != 0}
		st, err := reg.Read("f.csv", bytes.NewReader(data), format, opts)
		checkStatement(t, reg, data, st, err, opts)
	})
}

// familySeeds are the fixtures of testdata/formats read as one of formats,
// the malformed files of testdata/bad, and the generic reader's cases.
func familySeeds(formats []*parser.Format) map[string][]byte {
	names := map[string]bool{}
	for _, ft := range formats {
		names[ft.Name] = true
	}
	seeds := seedFiles("bad/statements")
	for path, data := range seedFiles("formats") {
		if names[fixtureFormat(path)] {
			seeds[path] = data
		}
	}
	for _, c := range genericErrorCases {
		if len(c.in) <= maxSeed {
			seeds["case:"+c.name] = []byte(c.in)
		}
	}
	return seeds
}

func FuzzStatementJPCards(f *testing.F) {
	fuzzFormats(f, defaultRegistry, jpCardFormats, familySeeds(jpCardFormats))
}

func FuzzStatementJPBanks(f *testing.F) {
	fuzzFormats(f, defaultRegistry, jpBankFormats, familySeeds(jpBankFormats))
}

func FuzzStatementUS(f *testing.F) {
	fuzzFormats(f, defaultRegistry, usFormats, familySeeds(usFormats))
}

func FuzzStatementEU(f *testing.F) {
	fuzzFormats(f, defaultRegistry, euFormats, familySeeds(euFormats))
}

func FuzzStatementGeneric(f *testing.F) {
	seeds := familySeeds(nil)
	for path, data := range seedFiles("example/statements", "amazon/audit/statements") {
		seeds[path] = data
	}
	fuzzFormats(f, defaultRegistry, []*parser.Format{table.Generic}, seeds)
}

// userFormatsText describes two user formats: one with a header, one without.
const userFormatsText = `format fuzz-header
header Date,Text,Amount,Type
date Date
description Text
amount Amount
credit-when Type CR,Gutschrift
date-format dmy
decimal-mark ,
delimiter ;

format fuzz-headerless
no-header
match ^\d\d/\d\d/\d{4}\|
delimiter |
skip 1
date 1
description 3
amount 2
signs charges-negative
date-format 02/01/2006
currency GBP
`

// FuzzStatementUserFormat reads its input in formats a person described:
// the bundled rules file's and two written here.
func FuzzStatementUserFormat(f *testing.F) {
	rules, err := os.ReadFile(filepath.Join("..", "..", "testdata", "userformat", "hanse.rules"))
	if err != nil {
		f.Fatal(err)
	}
	formats, err := ReadFormatsFile("user.rules", strings.NewReader(string(rules)+"\n"+userFormatsText))
	if err != nil {
		f.Fatal(err)
	}
	seeds := seedFiles("userformat", "bad/statements")
	seeds["semicolons"] = []byte("Date;Text;Amount;Type\n18.03.2026;AMAZON.DE;12,99;DR\n19.03.2026;AMAZON.DE;12,99;CR\n")
	seeds["headerless"] = []byte("TINY BANK EXPORT\n18/03/2026|-12.00|AMAZON.CO.UK\n19/03/2026|250.00|SALARY\n")
	fuzzFormats(f, NewRegistry(formats...), formats, seeds)
}

// FuzzReadStatement reads its input as refundwatch does, detecting the
// encoding and the format among all built-in ones.
func FuzzReadStatement(f *testing.F) {
	addFiles(f, "formats", "bad/statements", "example/statements")
	addCases(f, genericErrorCases)
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := parser.ReadOptions{SkipInvalid: len(data)%2 == 1}
		st, err := ReadStatement("f.csv", bytes.NewReader(data), opts)
		checkStatement(t, defaultRegistry, data, st, err, opts)
	})
}

// FuzzStatementOFX reads its input with each format that is not a CSV
// table (OFX and QFX), forced, through the registry alone.
func FuzzStatementOFX(f *testing.F) {
	var formats []*parser.Format
	for _, ft := range defaultRegistry.Formats() {
		if ft.Table == nil && ft.Name != parser.FormatGeneric {
			formats = append(formats, ft)
		}
	}
	if len(formats) == 0 {
		f.Skip("no format other than CSV tables")
	}
	seeds := seedFiles("bad/ofx")
	for path, data := range seedFiles("formats") {
		if ext := filepath.Ext(path); ext == ".ofx" || ext == ".qfx" {
			seeds[path] = data
		}
	}
	fuzzFormats(f, defaultRegistry, formats, seeds)
}

// formatsSeparator splits a FuzzReadFormatsFile input into a formats file
// and a statement to read with its formats.
const formatsSeparator = "\n%%\n"

// FuzzReadFormatsFile reads a formats file, then a statement in each format
// it describes: neither may panic, and both fail with positioned errors or
// account for what they read.
func FuzzReadFormatsFile(f *testing.F) {
	statement := "Date;Text;Amount;Type\n18.03.2026;AMAZON.DE;12,99;DR\n19.03.2026;AMAZON.DE;12,99;CR\n"
	f.Add([]byte(userFormatsText + formatsSeparator + statement))
	f.Add([]byte(userFormatsText + formatsSeparator + "TINY BANK EXPORT\n18/03/2026|-12.00|AMAZON.CO.UK\n"))
	for _, data := range seedFiles("userformat", "bad/formats") {
		f.Add(append(append(data, formatsSeparator...), statement...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, stmt, _ := bytes.Cut(data, []byte(formatsSeparator))
		formats, err := ReadFormatsFile("f.rules", bytes.NewReader(rules))
		if err != nil {
			if !positioned(err, "f.rules") {
				t.Fatalf("error without the file's position: %v", err)
			}
			return
		}
		reg := NewRegistry(formats...)
		for _, ft := range formats {
			if ft.Name == "" || ft.Table == nil {
				t.Fatalf("format without name or table: %+v", ft)
			}
			st, err := reg.Read("f.csv", bytes.NewReader(stmt), ft, parser.ReadOptions{})
			checkStatement(t, reg, stmt, st, err, parser.ReadOptions{})
		}
	})
}

// maxSeed is the largest file used as a seed: the fuzzer's minimizing of a
// large input costs many execs.
const maxSeed = 16 << 10

// seedFiles returns the files under the given testdata folders (and their
// subfolders) small enough to seed a fuzz target, leaving out expected
// outputs and notes.
func seedFiles(dirs ...string) map[string][]byte {
	out := map[string][]byte{}
	for _, dir := range dirs {
		root := filepath.Join("..", "..", "testdata", dir)
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
	l, ok := parser.AsList(err)
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
