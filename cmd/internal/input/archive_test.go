package input

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// writeMails writes the archive path holding n mails, mail/000.eml …,
// each reading "x".
func writeMails(t *testing.T, path string, n int) []string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("mail/%03d.eml", i)
		w, err := zw.Create(names[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return names
}

// TestArchiveOpenedOnce checks that an archive is opened, and its directory
// read, once for all its members, and closed when the command ends.
func TestArchiveOpenedOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	entries := writeMails(t, "mails.zip", 300)
	members, _, err := listArchive("mails.zip")
	if err != nil || len(members) != len(entries) {
		t.Fatalf("%d members, %v", len(members), err)
	}
	first, _ := openArchive("mails.zip")
	for _, m := range members {
		b, err := readWhole(m)
		if err != nil || string(b) != "x" {
			t.Fatalf("%s: %q, %v", m, b, err)
		}
	}
	if again, _ := openArchive("mails.zip"); again != first || len(openArchives.byPath) != 1 {
		t.Errorf("the archive was opened again: %d open", len(openArchives.byPath))
	}
	CloseArchives()
	if len(openArchives.byPath) != 0 {
		t.Errorf("%d archives left open", len(openArchives.byPath))
	}
}

// TestReadUpTo checks that readUpTo reads a file whole into one buffer of
// its size, stops at its limit, and reads a stream that tells no size.
func TestReadUpTo(t *testing.T) {
	text := bytes.Repeat([]byte("250-1234567-1234567,2026-03-02,12800,JPY\n"), 5000)
	path := filepath.Join(t.TempDir(), "disputes.csv")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := readUpTo(f, int64(len(text))+1)
	if err != nil || !bytes.Equal(got, text) {
		t.Fatalf("readUpTo read %d bytes, %v; want the file's %d", len(got), err, len(text))
	}
	if cap(got) > len(text)+bytes.MinRead {
		t.Errorf("read into %d bytes of room for a file of %d: the buffer grew", cap(got), len(text))
	}
	if got, err := readUpTo(bytes.NewReader(text), 100); err != nil || !bytes.Equal(got, text[:100]) {
		t.Errorf("readUpTo with a limit of 100 read %d bytes, %v", len(got), err)
	}
	// A file over the limit is not given room for all of it.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if got, err := readUpTo(f, 100); err != nil || !bytes.Equal(got, text[:100]) || cap(got) >= len(text) {
		t.Errorf("readUpTo of a file of %d bytes with a limit of 100 read %d bytes into %d, %v", len(text), len(got), cap(got), err)
	}
	stream := io.MultiReader(bytes.NewReader(text[:7]), bytes.NewReader(text[7:]))
	if got, err := readUpTo(stream, int64(len(text))+1); err != nil || !bytes.Equal(got, text) {
		t.Errorf("readUpTo of a stream read %d bytes, %v; want %d", len(got), err, len(text))
	}
}
