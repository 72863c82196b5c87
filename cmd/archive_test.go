package cmd

import (
	"archive/zip"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// zipEntry is a member of an archive made by a test.
type zipEntry struct{ name, content string }

// writeZip writes an archive holding entries, in their order.
func writeZip(t *testing.T, path string, entries []zipEntry) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.content)); err != nil {
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

// folderEntries returns the files below dir as archive entries, their names
// under top ("" for none), as a download would hold them.
func folderEntries(t *testing.T, dir, top string) []zipEntry {
	t.Helper()
	var entries []zipEntry
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		entries = append(entries, zipEntry{top + filepath.ToSlash(rel), string(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// auditReport is what TestOneOffAuditFromArchives compares of a report.
type auditReport struct {
	Orders []struct {
		OrderID            string `json:"order_id"`
		Verdict            string `json:"verdict"`
		Outstanding        string `json:"outstanding"`
		ConfirmationSource string `json:"confirmation_source"`
	} `json:"orders"`
	Unknown []struct {
		Date, Amount, File string
		Line               int
	} `json:"unknown_charges"`
	Statements  []struct{ File string } `json:"statements"`
	AmazonFiles []struct {
		File, Format, Ignored string
		Orders, Confirmations int
	} `json:"amazon_files"`
	IgnoredFiles []struct{ File, Reason string } `json:"ignored_files"`
	OwnCharges   int                             `json:"own_order_charges"`
}

// TestOneOffAuditFromArchives runs the audit of TestOneOffAudit with every
// input given as the archive it is downloaded as: "Your Orders.zip" without
// a top folder, a bank's zip of CSVs with one (and the files macOS adds),
// the mails in a zip. The verdicts are the same; members are named
// archive.zip:inner/path.
func TestOneOffAuditFromArchives(t *testing.T) {
	root := repoRoot(t)
	amazonDir := filepath.Join(root, "testdata", "amazon")
	dir := t.TempDir()
	t.Chdir(dir)
	writeZip(t, "Your Orders.zip", folderEntries(t, filepath.Join(amazonDir, "Your Orders"), ""))
	bank := append(folderEntries(t, filepath.Join(amazonDir, "audit", "statements"), "statements/"),
		zipEntry{"statements/.DS_Store", "\x00\x00\x00\x01Bud1"},
		zipEntry{"__MACOSX/statements/._2026-03.csv", "\x00\x05\x16\x07"},
		zipEntry{"statements/scan.PNG", "\x89PNG\r\n"})
	writeZip(t, "bank.zip", bank)
	mail, err := os.ReadFile(filepath.Join(amazonDir, "mail", "cancel-ja.eml"))
	if err != nil {
		t.Fatal(err)
	}
	writeZip(t, "mails.zip", []zipEntry{{"cancel-ja.eml", string(mail)}})

	out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", "bank.zip",
		"--disputes", filepath.Join(amazonDir, "audit", "disputes.csv"), "--orders", "Your Orders.zip", "--confirmations", "mails.zip")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 (an alert)", code, stderr)
	}
	var rep auditReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var got []string
	for _, o := range rep.Orders {
		got = append(got, o.OrderID+" "+o.Verdict+" "+o.Outstanding+" "+o.ConfirmationSource)
	}
	for _, u := range rep.Unknown {
		got = append(got, "unknown "+u.Date+" "+u.Amount+" "+u.File)
	}
	for _, s := range rep.Statements {
		got = append(got, "statement "+s.File)
	}
	for _, f := range rep.AmazonFiles {
		got = append(got, "amazon "+f.File+" "+f.Format+" "+f.Ignored)
	}
	for _, f := range rep.IgnoredFiles {
		got = append(got, "ignored "+f.File+" "+f.Reason)
	}
	want := []string{
		"250-4418372-2290415 still-charged 30000 mails.zip:cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
		"503-7720194-5581630 refunded 0 Your Orders.zip:Your Returns & Refunds/Refund Details.csv:2",
		"249-1056673-9038214 not-charged 0 mails.zip:cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
		"unknown 2026-03-08 15000 bank.zip:statements/2026-03.csv",
		"statement bank.zip:statements/2026-03.csv",
		"statement bank.zip:statements/2026-04.csv",
		"amazon Your Orders.zip:Additional Data/Retail.TransactionalInvoicing.1/Retail.TransactionalInvoicing.1.pdf  a PDF; only CSV and OFX exports and mails are read",
		"amazon Your Orders.zip:Your Amazon Orders/Cart History.csv  is not an Amazon order-history export (Retail.OrderHistory, Order History.csv, Digital Items.csv, アマゾン注文履歴フィルタ)",
		"amazon Your Orders.zip:Your Amazon Orders/Order History.csv amazon-order-history-2025 ",
		"amazon Your Orders.zip:Your Returns & Refunds/Refund Details.csv amazon-refund-details ",
		"amazon mails.zip:cancel-ja.eml mail ",
		"ignored bank.zip:__MACOSX/statements/._2026-03.csv a file the system keeps beside others, not an export",
		"ignored bank.zip:statements/.DS_Store a file the system keeps beside others, not an export",
		"ignored bank.zip:statements/scan.PNG an image; only CSV and OFX exports and mails are read",
	}
	if !slices.Equal(got, want) {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.OwnCharges != 2 {
		t.Errorf("own-order charges %d, want 2", rep.OwnCharges)
	}
	table, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", "bank.zip",
		"--disputes", filepath.Join(amazonDir, "audit", "disputes.csv"), "--orders", "Your Orders.zip", "--confirmations", "mails.zip")
	if !strings.Contains(table, "ignored: bank.zip:statements/scan.PNG: an image; only CSV and OFX exports and mails are read") {
		t.Errorf("the table does not list the image as ignored:\n%s", table)
	}
}

// TestArchiveProblems checks that what is wrong inside an archive is said at
// the member's file:line, and that an archive that would fill the memory is
// refused naming the limit.
func TestArchiveProblems(t *testing.T) {
	const disputes = "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n"
	tests := []struct {
		name  string
		zips  map[string][]zipEntry
		files map[string]string
		args  []string
		want  string
	}{
		{"a bad row in a member",
			map[string][]zipEntry{"bank.zip": {{"export/2026-03.csv", "Date,Description,Amount\n2026-03-02,AMAZON.CO.JP,12800\n2026-03-05,LAWSON,twelve\n"}}},
			map[string]string{"disputes.csv": disputes}, []string{"bank.zip"},
			"bank.zip:export/2026-03.csv:3: amount: \"twelve\" is not an amount\n"},
		{"an archive with only system files",
			map[string][]zipEntry{"bank.zip": {{"__MACOSX/._a.csv", "x"}, {".DS_Store", "x"}}},
			map[string]string{"disputes.csv": disputes}, []string{"bank.zip"},
			"bank.zip: folder holds no statement file\n"},
		{"not a zip archive",
			nil, map[string]string{"disputes.csv": disputes, "bank.zip": "Date,Description,Amount\n"}, []string{"bank.zip"},
			"bank.zip: is not a zip archive that can be read (zip: not a valid zip file)\n"},
		{"a confirmations member with a bad kind",
			map[string][]zipEntry{"c.zip": {{"c/confirmations.csv", "order_id,confirmed_on,kind\n250-4418372-2290415,2026-03-10,returned\n"}}},
			map[string]string{"disputes.csv": disputes, "statements/a.csv": "Date,Description,Debit,Credit\n2026-03-02,AMAZON.CO.JP,12800,\n"},
			[]string{"--confirmations", "c.zip"},
			"c.zip:c/confirmations.csv:2: kind \"returned\" is not refund (返金) or cancel (キャンセル)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, tt.files)
			for name, entries := range tt.zips {
				writeZip(t, name, entries)
			}
			out, stderr, code := runCmd(t, append([]string{"check", "--as-of", "2026-05-01"}, tt.args...)...)
			if code != 2 || stderr != tt.want || out != "" {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, stderr, tt.want)
			}
		})
	}
}

// TestArchiveMemberOverLimit checks that a member that would be read whole
// is refused above 64 MiB, as its archive states it (a zip bomb states it
// truthfully; one that lies is cut at the limit while it is read).
func TestArchiveMemberOverLimit(t *testing.T) {
	writeFiles(t, map[string]string{
		"disputes.csv":     "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n",
		"statements/a.csv": "Date,Description,Debit,Credit\n2026-03-02,AMAZON.CO.JP,12800,\n",
	})
	f, err := os.Create("orders.zip")
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	head := "\ufeffASIN,Currency,Order Date,Order ID,Payment Method Type,Ship Date,Shipment Item Subtotal,Total Amount,Website\r\n"
	// The member is stored as it is, its header stating 65 MiB: only its
	// first bytes are ever read.
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "Order History.csv", Method: zip.Store, UncompressedSize64: 65 << 20, CompressedSize64: uint64(len(head))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(head)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", "--orders", "orders.zip")
	want := "orders.zip:Order History.csv: is larger than 64 MiB, the most a member of an archive may hold when it is read whole; unzip it, or give the file itself\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q\nwant %q", code, stderr, want)
	}
}

// TestIgnoredFilesInAFolder checks that PDFs, images and the files macOS
// leaves in a folder of statements are listed as ignored, by check and by
// detect, and the statements read.
func TestIgnoredFilesInAFolder(t *testing.T) {
	writeFiles(t, map[string]string{
		"disputes.csv":                 "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n",
		"statements/2026-03.csv":       "Date,Description,Debit,Credit\n2026-03-02,AMAZON.CO.JP,12800,\n",
		"statements/._2026-03.csv":     "\x00\x05\x16\x07",
		"statements/.DS_Store":         "\x00\x00\x00\x01Bud1",
		"statements/2026-03.pdf":       "%PDF-1.7\n",
		"statements/scan.jpeg":         "\xff\xd8\xff",
		"statements/.hidden/other.csv": "not read",
	})
	out, stderr, code := runCmd(t, "detect", "statements")
	wantIgnored := "ignored: statements/.DS_Store: a file the system keeps beside others, not an export\n" +
		"ignored: statements/._2026-03.csv: a file the system keeps beside others, not an export\n" +
		"ignored: statements/2026-03.pdf: a PDF; only CSV and OFX exports and mails are read\n" +
		"ignored: statements/scan.jpeg: an image; only CSV and OFX exports and mails are read\n"
	if code != 0 || stderr != "" || !strings.HasPrefix(out, "statements/2026-03.csv\n") || !strings.HasSuffix(out, wantIgnored) {
		t.Errorf("detect: exit %d, stderr %q, stdout:\n%s\nwant it to end with:\n%s", code, stderr, out, wantIgnored)
	}
	out, stderr, code = runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01")
	var rep auditReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q, %v", code, stderr, err)
	}
	var got []string
	for _, f := range rep.IgnoredFiles {
		got = append(got, f.File)
	}
	want := []string{"statements/.DS_Store", "statements/._2026-03.csv", "statements/2026-03.pdf", "statements/scan.jpeg"}
	if !slices.Equal(got, want) || len(rep.Statements) != 1 {
		t.Errorf("ignored %q, want %q; statements %v", got, want, rep.Statements)
	}
}

// writeZipHeaders writes an archive of members with the headers given.
func writeZipHeaders(t *testing.T, path string, headers []*zip.FileHeader, contents []string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i, h := range headers {
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(contents[i])); err != nil {
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

// TestArchiveMembersRefused checks that an archive whose members cannot be
// read as files is refused naming the member: two members of one name
// (reading either would drop the other in silence), a symbolic link (read,
// it is its target's path), a member protected by a password (read, it is
// noise).
func TestArchiveMembersRefused(t *testing.T) {
	const statement = "Date,Description,Amount\n2026-03-02,AMAZON.CO.JP,12800\n"
	link := &zip.FileHeader{Name: "export/link.csv", Method: zip.Store}
	link.SetMode(fs.ModeSymlink | 0o777)
	tests := []struct {
		name     string
		headers  []*zip.FileHeader
		contents []string
		want     string
	}{
		{"two members of one name",
			[]*zip.FileHeader{{Name: "export/2026-03.csv", Method: zip.Deflate}, {Name: "export/2026-03.csv", Method: zip.Deflate}},
			[]string{statement, "Date,Description,Amount\n2026-03-09,AMAZON.CO.JP,-12800\n"},
			"bank.zip: holds two members named \"export/2026-03.csv\": unzip it and keep the one to read\n"},
		{"a symbolic link",
			[]*zip.FileHeader{{Name: "export/2026-03.csv", Method: zip.Deflate}, link},
			[]string{statement, "../../secret.csv"},
			"bank.zip:export/link.csv: is a symbolic link, not a regular file: give the file it points to\n"},
		{"a member protected by a password",
			[]*zip.FileHeader{{Name: "export/2026-03.csv", Method: zip.Deflate, Flags: 0x1}},
			[]string{"\x8a\x13\xfe\x01\x77\x42\x90\x3c\x11\xde\xad\xbe\xef"},
			"bank.zip:export/2026-03.csv: is protected by a password: unzip it with the password, and give the file itself\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, map[string]string{"disputes.csv": "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n"})
			writeZipHeaders(t, "bank.zip", tt.headers, tt.contents)
			out, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", "bank.zip")
			if code != 2 || stderr != tt.want || out != "" {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, stderr, tt.want)
			}
		})
	}
}

// TestArchivePathsAsWritten checks that members under ./ or ../ are read,
// named as the archive writes them, and that hidden members are listed as
// ignored rather than left out in silence.
func TestArchivePathsAsWritten(t *testing.T) {
	writeFiles(t, map[string]string{"disputes.csv": "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n"})
	writeZip(t, "bank.zip", []zipEntry{
		{"./export/2026-03.csv", "Date,Description,Debit,Credit\n2026-03-02,AMAZON.CO.JP,12800,\n"},
		{"../2026-04.csv", "Date,Description,Debit,Credit\n2026-04-09,AMAZON.CO.JP,,12800\n"},
		{".backup/2026-03.csv", "Date,Description,Amount\n2026-03-02,AMAZON.CO.JP,12800\n"},
		{"export/.~lock.2026-03.csv#", "x"},
	})
	out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", "bank.zip")
	if code == 2 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep auditReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var got []string
	for _, s := range rep.Statements {
		got = append(got, "statement "+s.File)
	}
	for _, f := range rep.IgnoredFiles {
		got = append(got, "ignored "+f.File+" "+f.Reason)
	}
	for _, o := range rep.Orders {
		got = append(got, o.OrderID+" "+o.Verdict)
	}
	want := []string{
		"statement bank.zip:../2026-04.csv",
		"statement bank.zip:./export/2026-03.csv",
		"ignored bank.zip:.backup/2026-03.csv a hidden file or in a hidden folder",
		"ignored bank.zip:export/.~lock.2026-03.csv# a hidden file or in a hidden folder",
		"250-4418372-2290415 refunded",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
