package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/parser"
)

// A statement read twice must be the same file both times; a file
// rewritten in between, even to the same size and rows, or deleted, is not.
func TestUnchangedBetweenReads(t *testing.T) {
	const text = "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,30000\n2026-03-19,SEVEN-ELEVEN,540\n"
	path := filepath.Join(t.TempDir(), "2026-03.csv")
	written := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	write := func(s string, at time.Time) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			t.Fatal(err)
		}
	}
	read := func() (os.FileInfo, *parser.Statement) {
		t.Helper()
		s, err := readStatement(path, parser.NewRegistry(), nil, parser.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(path)
		return info, s
	}
	write(text, written)
	before, _ := os.Stat(path)
	_, first := read()

	if after, second := read(); !unchanged(before, after, first, second) {
		t.Errorf("the same file read twice counts as changed")
	}
	write(text+"2026-03-20,AMAZON.CO.JP,1280\n", written)
	if after, second := read(); unchanged(before, after, first, second) {
		t.Errorf("a file with a row more counts as unchanged")
	}
	write(strings.Replace(text, "30000", "30001", 1), written.Add(time.Second))
	if after, second := read(); unchanged(before, after, first, second) {
		t.Errorf("a file rewritten to the same size and rows, later, counts as unchanged")
	}
	write(text, written)
	_, second := read()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if unchanged(before, nil, first, second) {
		t.Errorf("a file gone after the second read counts as unchanged")
	}
}
