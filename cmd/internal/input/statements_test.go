package input

import (
	"archive/zip"
	"os"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/formats"
)

// writeZip writes the archive path holding the members named in files,
// with their text.
func writeZip(t *testing.T, path string, files map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, text := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// Statements are read from files and members of archives alike; a file
// that belongs to another flag is refused naming it, unless a format is
// forced; an overlapping file or member read twice is the same both times.
func TestReadStatementFiles(t *testing.T) {
	t.Chdir(t.TempDir())
	defer CloseArchives()
	const march = "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-19,SEVEN-ELEVEN,540\n"
	const later = "Date,Description,Debit\n2026-03-19,SEVEN-ELEVEN,540\n2026-04-02,AMAZON.CO.JP,1280\n"
	const confs = "order_id,confirmed_on,kind\n503-1234567-7654321,2026-03-20,refund\n"
	if err := os.WriteFile("march.csv", []byte(march), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("confirmations.csv", []byte(confs), 0o600); err != nil {
		t.Fatal(err)
	}
	writeZip(t, "exports.zip", map[string]string{"later.csv": later, "confirmations.csv": confs})
	reg := formats.NewRegistry()
	files := []string{"march.csv", "exports.zip:later.csv", "confirmations.csv", "exports.zip:confirmations.csv"}
	stmts, errs := ReadStatements(files, reg, nil, parser.ReadOptions{})
	wantErrs := []string{"", "",
		"confirmations.csv: this is a confirmations CSV (order_id, confirmed_on, kind); give it with --confirmations",
		"exports.zip:confirmations.csv: this is a confirmations CSV (order_id, confirmed_on, kind); give it with --confirmations"}
	for i, want := range wantErrs {
		got := ""
		if errs[i] != nil {
			got = errs[i].Error()
		}
		if got != want || (want == "") != (stmts[i] != nil) {
			t.Errorf("%s: error %q, want %q", files[i], got, want)
		}
	}
	if stmts[0] == nil || stmts[1] == nil {
		t.Fatal("the statements were not read")
	}
	if got := stmts[0].Folded + stmts[1].Folded; got != 1 {
		t.Errorf("folded %d rows, want the SEVEN-ELEVEN both list", got)
	}

	generic, _ := reg.Lookup("generic")
	const forced = "confirmations.csv: not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first 30 rows"
	if _, errs := ReadStatements(files[2:3], reg, generic, parser.ReadOptions{}); errs[0] == nil || errs[0].Error() != forced {
		t.Errorf("with a format forced, the file is read as that format: %v, want %s", errs[0], forced)
	}
}

// A member of an archive is described by its archive: what tells whether
// it changed between two reads.
func TestStatementFileStat(t *testing.T) {
	t.Chdir(t.TempDir())
	defer CloseArchives()
	writeZip(t, "exports.zip", map[string]string{"later.csv": "Date,Description,Debit\n"})
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes("exports.zip", at, at); err != nil {
		t.Fatal(err)
	}
	archive, err := os.Stat("exports.zip")
	if err != nil {
		t.Fatal(err)
	}
	info, err := statementFile{name: "exports.zip:later.csv"}.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() != archive.Size() || !info.ModTime().Equal(at) || !info.Mode().IsRegular() {
		t.Errorf("member described as %d bytes, %v, %v; want its archive's %d bytes, %v", info.Size(), info.ModTime(), info.Mode(), archive.Size(), at)
	}
}
