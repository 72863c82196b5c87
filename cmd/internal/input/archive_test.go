package input

import (
	"archive/zip"
	"fmt"
	"os"
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
