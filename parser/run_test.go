package parser_test

import (
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// memInput is a statement file held in memory, in a file system of its
// own. It counts the times it is opened; changed, when set, is called
// after each opening (the first is 1), to change the file between reads.
type memInput struct {
	fsys    fstest.MapFS
	name    string
	opens   int
	changed func(fsys fstest.MapFS, opens int)
}

// regular is a regular file, which can be read twice.
func regular(name, text string) *memInput {
	return &memInput{name: name, fsys: fstest.MapFS{name: {Data: []byte(text), ModTime: written}}}
}

// pipe is a named pipe, read once: a second opening finds it empty.
func pipe(name, text string) *memInput {
	in := &memInput{name: name, fsys: fstest.MapFS{path(name): {Data: []byte(text), Mode: fs.ModeNamedPipe}}}
	in.changed = func(fsys fstest.MapFS, _ int) { fsys[path(name)] = &fstest.MapFile{Mode: fs.ModeNamedPipe} }
	return in
}

// path is where a file named name is in its file system, which has no root.
func path(name string) string { return strings.TrimPrefix(name, "/") }

var written = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

func (in *memInput) Name() string { return in.name }

func (in *memInput) Open() (io.ReadCloser, error) {
	f, err := in.fsys.Open(path(in.name))
	in.opens++
	if in.changed != nil {
		in.changed(in.fsys, in.opens)
	}
	return f, err
}

func (in *memInput) Stat() (fs.FileInfo, error) { return in.fsys.Stat(path(in.name)) }

// keepAmazon keeps Amazon's rows in full, the others in brief, as check
// reads statements.
func keepAmazon(normalized string) bool { return strings.Contains(normalized, "AMAZON") }

// Two exports of one account that overlap, March's and one from mid-March:
// both list the SEVEN-ELEVEN of March 19, a row kept in brief.
const (
	marchText = "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-19,SEVEN-ELEVEN,54000\n"
	laterText = "Date,Description,Debit\n2026-03-19,SEVEN-ELEVEN,54000\n2026-04-02,AMAZON.CO.JP,1280\n"
	otherText = "Date,Description,Debit\n2025-01-06,LAWSON,200\n"
)

// readAll reads inputs as check does, and returns each one's error text
// ("" for none).
func readAll(t *testing.T, inputs ...*memInput) ([]*parser.Statement, []string) {
	t.Helper()
	in := make([]parser.Input, len(inputs))
	for i, m := range inputs {
		in[i] = m
	}
	stmts, errs := parser.ReadStatements(in, formats.NewRegistry(), nil, parser.ReadOptions{Keep: keepAmazon})
	texts := make([]string, len(errs))
	for i, err := range errs {
		if err != nil {
			texts[i] = err.Error()
		}
		if (err == nil) == (stmts[i] == nil) {
			t.Errorf("%s: statement %v with error %v", inputs[i].name, stmts[i], err)
		}
	}
	return stmts, texts
}

// The files that overlap another export of their account are read a
// second time, for the rows kept in brief on the days they share; the
// others once. A pipe is read once, whole.
func TestReadStatementsPasses(t *testing.T) {
	tests := []struct {
		name   string
		inputs func() []*memInput
		opens  []int
	}{
		{"files", func() []*memInput {
			return []*memInput{regular("march.csv", marchText), regular("later.csv", laterText), regular("2025.csv", otherText)}
		}, []int{2, 2, 1}},
		{"a pipe", func() []*memInput {
			return []*memInput{regular("march.csv", marchText), pipe("/dev/fd/63", laterText), regular("2025.csv", otherText)}
		}, []int{2, 1, 1}},
		{"pipes", func() []*memInput {
			return []*memInput{pipe("/dev/fd/62", marchText), pipe("/dev/fd/63", laterText)}
		}, []int{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs := tt.inputs()
			stmts, errs := readAll(t, inputs...)
			for i, in := range inputs {
				if errs[i] != "" || in.opens != tt.opens[i] {
					t.Errorf("%s: opened %d times (%s), want %d", in.name, in.opens, errs[i], tt.opens[i])
				}
			}
			if stmts[0] == nil || stmts[1] == nil {
				t.Fatal("not read")
			}
			if stmts[0].File != inputs[0].name || stmts[1].File != inputs[1].name {
				t.Errorf("read as %s and %s", stmts[0].File, stmts[1].File)
			}
			if stmts[0].Folded != 0 || stmts[1].Folded != 1 {
				t.Errorf("folded %d and %d rows, want the later export's SEVEN-ELEVEN", stmts[0].Folded, stmts[1].Folded)
			}
		})
	}
}

// A file read twice must be the same file both times: one rewritten in
// between, even to the same size and rows, or deleted, is refused; the
// other files are read all the same.
func TestReadStatementsFileChanged(t *testing.T) {
	const refused = "march.csv: file changed while it was being read; read it again"
	sameSizeOtherRows := strings.Replace(marchText, "2026-03-19,SEVEN-ELEVEN,54000\n", "2026-03-19,A,1\n2026-03-19,B,2\n", 1)
	if len(sameSizeOtherRows) != len(marchText) {
		t.Fatal("the rewritten file must be of the same size")
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"unchanged", func(fstest.MapFS) {}, ""},
		{"a row more", func(fsys fstest.MapFS) {
			fsys["march.csv"] = &fstest.MapFile{Data: []byte(marchText + "2026-03-20,AMAZON.CO.JP,1280\n"), ModTime: written}
		}, refused},
		{"same size and rows, later", func(fsys fstest.MapFS) {
			fsys["march.csv"] = &fstest.MapFile{Data: []byte(strings.Replace(marchText, "30000", "30001", 1)), ModTime: written.Add(time.Second)}
		}, refused},
		{"same size and time, other rows", func(fsys fstest.MapFS) {
			fsys["march.csv"] = &fstest.MapFile{Data: []byte(sameSizeOtherRows), ModTime: written}
		}, refused},
		{"gone", func(fsys fstest.MapFS) { delete(fsys, "march.csv") }, refused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			march := regular("march.csv", marchText)
			march.changed = func(fsys fstest.MapFS, opens int) {
				// The first read is of the file as it was; "gone" goes
				// once the second read has opened it.
				if opens == 1 && tt.name != "gone" || opens == 2 && tt.name == "gone" {
					tt.change(fsys)
				}
			}
			later := regular("later.csv", laterText)
			stmts, errs := readAll(t, march, later)
			if errs[0] != tt.want || errs[1] != "" {
				t.Errorf("errors %q, want %q and none", errs, tt.want)
			}
			if march.opens != 2 {
				t.Errorf("march.csv opened %d times, want 2", march.opens)
			}
			if stmts[1] != nil && stmts[1].Folded != 1-len(tt.want)/len(refused) {
				t.Errorf("later.csv folded %d rows", stmts[1].Folded)
			}
		})
	}
}

// A file whose dates cannot tell day from month takes the day order of
// another file of the same shape whose dates do, wherever it is in the
// run; files whose dates tell nothing and no other file tells are
// refused, and so is a pipe, which cannot be read again in another's
// order. A file that cannot be opened is named.
func TestReadStatementsDayOrder(t *testing.T) {
	const head = "Date,Description,Debit,Credit\n"
	april := regular("april.csv", head+"02/04/2026,AMAZON.CO.UK,12.99,\n")
	march := regular("march.csv", head+"02/03/2026,AMAZON.CO.UK,12.99,\n14/03/2026,TESCO,1.00,\n")
	alone := regular("alone.csv", "Date,Description,Amount\n02/04/2026,AMAZON.CO.UK,12.99\n")
	missing := &memInput{name: "missing.csv", fsys: fstest.MapFS{}}
	piped := pipe("/dev/fd/63", head+"02/05/2026,AMAZON.CO.UK,12.99,\n")
	stmts, errs := readAll(t, april, march, alone, missing, piped)
	want := []string{"", "",
		`alone.csv:2: "02/04/2026" could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy`,
		"missing.csv: open missing.csv: file does not exist",
		`/dev/fd/63:2: "02/05/2026" could be day/month/year or month/day/year, and no date in the file has a day above 12 to tell which; say which with --date-order dmy or --date-order mdy`}
	for i, in := range []*memInput{april, march, alone, missing, piped} {
		if errs[i] != want[i] {
			t.Errorf("%s: error %q, want %q", in.name, errs[i], want[i])
		}
	}
	if stmts[0] == nil {
		t.Fatal("april.csv not read")
	}
	if got := stmts[0].Txns.At(0).Date.String(); got != "2026-04-02" {
		t.Errorf("april.csv's row dated %s, want 2026-04-02", got)
	}
	if !hasMessage(stmts[0].Reading, "day order day/month/year, as in march.csv: no date here has a day above 12") {
		t.Errorf("april.csv read %q", stmts[0].Reading)
	}
	if april.opens != 2 || march.opens != 1 || alone.opens != 1 || piped.opens != 1 {
		t.Errorf("opened %d, %d, %d and %d times, want april.csv again in march.csv's day order, the pipe once", april.opens, march.opens, alone.opens, piped.opens)
	}
}

func hasMessage(ms []*msg.Message, want string) bool {
	for _, m := range ms {
		if m.String() == want {
			return true
		}
	}
	return false
}
