package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// takeoutMail is a mail as Gmail's Takeout writes it into an mbox.
func takeoutMail(date, from, subject, body string) string {
	return "From 1760384937591638016@xxx Tue Mar 10 05:12:44 +0000 2026\n" +
		"X-GM-THRID: 1760384937591638016\nX-Gmail-Labels: Inbox,Category Updates\n" +
		"Date: " + date + "\nFrom: " + from + "\nSubject: " + subject + "\n" +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n\n"
}

// maildirMail is a mail as Thunderbird or mbsync keeps it in a maildir.
func maildirMail(date, from, subject, body string) string {
	return "Return-Path: <" + from + ">\r\nDate: " + date + "\r\nFrom: " + from + "\r\nSubject: " + subject + "\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n"
}

// TestMailboxes runs check on the bundled example's statements and orders
// with Amazon's confirmations as they sit in a whole mailbox exported from
// Gmail (.mbox) and in a maildir: only the refund and cancellation notices
// confirm; order and shipping confirmations, a sign-in alert and other mail
// are left out and counted, and a refund of the person's own order too.
func TestMailboxes(t *testing.T) {
	example := filepath.Join(repoRoot(t), "testdata", "example")
	disputes, err := os.ReadFile(filepath.Join(example, "disputes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	mbox := takeoutMail("Mon, 02 Mar 2026 10:00:00 +0900", "auto-confirm@amazon.co.jp", "Amazon.co.jp ご注文の確認",
		"ご注文ありがとうございます。注文番号: 250-4418372-2290415\nキャンセルをご希望の場合は、注文履歴から手続きできます。") +
		takeoutMail("Tue, 10 Mar 2026 10:00:00 +0900", "order-update@amazon.co.jp", "Amazon.co.jp ご注文のキャンセル",
			"注文番号 250-4418372-2290415 のご注文をキャンセルいたしました。\n>From the Amazon.co.jp team") +
		takeoutMail("Wed, 04 Mar 2026 10:00:00 +0900", "shipment-tracking@amazon.co.jp", "Amazon.co.jp 発送のお知らせ",
			"注文番号: 503-7720194-5581630") +
		takeoutMail("Thu, 12 Mar 2026 10:00:00 +0900", "return@amazon.co.jp", "ご返金のお知らせ",
			"注文番号：503-7720194-5581630\n返金額：￥8,480") +
		takeoutMail("Thu, 12 Mar 2026 11:00:00 +0900", "return@amazon.co.jp", "ご返金のお知らせ",
			"注文番号：249-3301845-6627190\n返金額：￥1,280") +
		takeoutMail("Fri, 13 Mar 2026 11:00:00 +0900", "account-update@amazon.co.jp", "Amazon サインイン",
			"新しい端末からサインインがありました。") +
		takeoutMail("Fri, 13 Mar 2026 12:00:00 +0900", "news@example.com", "Spring sale", "From today, everything is cheaper.")
	writeFiles(t, map[string]string{
		"disputes.csv": string(disputes),
		"Takeout/Mail/All mail Including Spam and Trash.mbox": mbox,
		"Maildir/cur/1773100000.M1P1.host:2,S": maildirMail("Fri, 06 Mar 2026 09:00:00 +0900", "order-update@amazon.co.jp",
			"Amazon.co.jp ご注文のキャンセル", "注文番号 249-1056673-9038214 のご注文をキャンセルいたしました。"),
		"Maildir/new/1773200000.M2P1.host": maildirMail("Sat, 25 Apr 2026 09:00:00 +0900", "return@amazon.co.jp",
			"ご返金のお知らせ", "注文番号：250-6632018-4471509"),
		"Maildir/new/1773300000.M3P1.host": maildirMail("Sat, 25 Apr 2026 10:00:00 +0900", "friend@example.com", "lunch?", "see you"),
		"Maildir/tmp/.keep":                "",
	})
	out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", filepath.Join(example, "statements"),
		"--confirmations", "Takeout/Mail/All mail Including Spam and Trash.mbox", "--confirmations", "Maildir")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var rep struct {
		Orders []struct {
			OrderID            string  `json:"order_id"`
			ConfirmedOn        *string `json:"confirmed_on"`
			ConfirmationKind   string  `json:"confirmation_kind"`
			ConfirmationSource string  `json:"confirmation_source"`
		} `json:"orders"`
		AmazonFiles []struct {
			File          string         `json:"file"`
			Format        string         `json:"format"`
			Confirmations int            `json:"confirmations"`
			NotDisputed   int            `json:"confirmations_not_disputed"`
			LeftOut       map[string]int `json:"mails_left_out"`
		} `json:"amazon_files"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range rep.Orders {
		got = append(got, o.OrderID+" "+*o.ConfirmedOn+" "+o.ConfirmationKind+" "+o.ConfirmationSource)
	}
	slices.Sort(got)
	mboxName := "Takeout/Mail/All mail Including Spam and Trash.mbox"
	want := []string{
		"249-1056673-9038214 2026-03-06 cancel Maildir/cur/1773100000.M1P1.host:2,S (Amazon.co.jp ご注文のキャンセル)",
		"250-4418372-2290415 2026-03-10 cancel " + mboxName + ":13 (Amazon.co.jp ご注文のキャンセル)",
		"250-6632018-4471509 2026-04-25 refund Maildir/new/1773200000.M2P1.host (ご返金のお知らせ)",
		"503-7720194-5581630 2026-03-12 refund " + mboxName + ":36 (ご返金のお知らせ)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("orders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var files []string
	for _, f := range rep.AmazonFiles {
		line := f.File + " " + f.Format
		for _, reason := range []string{"not a refund or cancellation notice", "names no Amazon order", "not sent by Amazon"} {
			if n := f.LeftOut[reason]; n > 0 {
				line += " | " + reason + " " + string(rune('0'+n))
			}
		}
		if f.NotDisputed > 0 {
			line += " | not disputed " + string(rune('0'+f.NotDisputed))
		}
		files = append(files, line)
	}
	wantFiles := []string{
		mboxName + " mbox | not a refund or cancellation notice 2 | names no Amazon order 1 | not sent by Amazon 1 | not disputed 1",
		"Maildir/cur/1773100000.M1P1.host:2,S mail",
		"Maildir/new/1773200000.M2P1.host mail",
		"Maildir/new/1773300000.M3P1.host mail | not sent by Amazon 1",
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("amazon files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	table, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", filepath.Join(example, "statements"),
		"--confirmations", mboxName, "--confirmations", "Maildir")
	for _, line := range []string{
		"note: " + mboxName + ": mails left out, not a refund or cancellation notice: 2",
		"note: " + mboxName + ": confirmations of orders not disputed (your own returns), left out: 1",
	} {
		if !strings.Contains(table, line) {
			t.Errorf("the table does not say %q:\n%s", line, table)
		}
	}
}

// TestOwnMailIsNoConfirmation checks that mail the person sent (Gmail's
// Takeout holds Sent mail) and Amazon's return requests, which promise a
// refund on the item's return, confirm nothing: they are left out and
// counted in the notes, in an mbox and given as a mail of its own.
func TestOwnMailIsNoConfirmation(t *testing.T) {
	example := filepath.Join(repoRoot(t), "testdata", "example")
	disputes, err := os.ReadFile(filepath.Join(example, "disputes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	sent := "Date: Mon, 09 Mar 2026 10:00:00 +0900\r\nFrom: Pat <pat@example.com>\r\nTo: cs@amazon.co.jp\r\n" +
		"Subject: Please refund order 250-4418372-2290415\r\n\r\nThe item never came. Please refund it.\r\n"
	writeFiles(t, map[string]string{
		"disputes.csv": string(disputes),
		"All mail.mbox": takeoutMail("Mon, 09 Mar 2026 10:00:00 +0900", "Pat <pat@example.com>",
			"Please refund order 250-4418372-2290415", "The item never came. Please refund it.") +
			takeoutMail("Tue, 10 Mar 2026 10:00:00 +0900", "return@amazon.co.jp", "Amazon.co.jp 返品リクエストを受け付けました",
				"注文番号: 503-7720194-5581630\n返品商品の到着後に返金いたします。"),
		"sent.eml": sent,
	})
	for _, conf := range []string{"All mail.mbox", "sent.eml"} {
		out, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", filepath.Join(example, "statements"), "--confirmations", conf)
		if code == 2 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", conf, code, stderr)
		}
		if strings.Contains(out, "Amazon confirmed") {
			t.Errorf("%s: a mail not from Amazon confirms:\n%s", conf, out)
		}
		want := "note: " + conf + ": mails left out, not sent by Amazon: 1"
		if !strings.Contains(out, want) {
			t.Errorf("%s: the report does not say %q:\n%s", conf, want, out)
		}
	}
	out, _, _ := runCmd(t, "check", "--as-of", "2026-05-01", filepath.Join(example, "statements"), "--confirmations", "All mail.mbox")
	if want := "note: All mail.mbox: mails left out, a return request, not a refund: 1"; !strings.Contains(out, want) {
		t.Errorf("the report does not say %q:\n%s", want, out)
	}
	ja, _, _ := runCmd(t, "check", "--lang", "ja", "--as-of", "2026-05-01", filepath.Join(example, "statements"), "--confirmations", "All mail.mbox")
	for _, want := range []string{"確認として読まなかったメール（Amazonから送られたものではない）: 1通", "確認として読まなかったメール（返品の受付で、返金ではない）: 1通"} {
		if !strings.Contains(ja, want) {
			t.Errorf("the Japanese report does not say %q:\n%s", want, ja)
		}
	}
}

// TestMailLimitsInCheck checks that check refuses a mail nested too deeply,
// naming the limit, and ends at once.
func TestMailLimitsInCheck(t *testing.T) {
	var b strings.Builder
	b.WriteString("Date: Tue, 10 Mar 2026 10:00:00 +0900\r\nFrom: order-update@amazon.co.jp\r\nSubject: キャンセル\r\nMIME-Version: 1.0\r\n")
	for i := range 10000 {
		b.WriteString("Content-Type: multipart/mixed; boundary=\"b" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "\"\r\n\r\n--b" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "\r\n")
	}
	b.WriteString("Content-Type: text/plain\r\n\r\n250-4418372-2290415\r\n")
	example := filepath.Join(repoRoot(t), "testdata", "example")
	disputes, _ := os.ReadFile(filepath.Join(example, "disputes.csv"))
	writeFiles(t, map[string]string{"disputes.csv": string(disputes), "deep.eml": b.String()})
	_, stderr, code := runCmd(t, "check", "--as-of", "2026-05-01", filepath.Join(example, "statements"), "--confirmations", "deep.eml")
	want := "deep.eml: the mail is nested deeper than 100 levels, the most a mail may be\n"
	if code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}

// TestMailboxesInAnArchive reads an mbox (written with a BOM) and a maildir
// from the .zip they were downloaded in: the maildir's mail that names no
// order is counted, not refused.
func TestMailboxesInAnArchive(t *testing.T) {
	example := filepath.Join(repoRoot(t), "testdata", "example")
	disputes, err := os.ReadFile(filepath.Join(example, "disputes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, map[string]string{"disputes.csv": string(disputes)})
	writeZip(t, "takeout.zip", []zipEntry{
		{"Takeout/Mail/Amazon.mbox", "\ufeff" + takeoutMail("Tue, 10 Mar 2026 10:00:00 +0900", "order-update@amazon.co.jp",
			"Amazon.co.jp ご注文のキャンセル", "注文番号 250-4418372-2290415 のご注文をキャンセルいたしました。")},
		{"Maildir/cur/1773300000.M3P1.host:2,S", maildirMail("Sat, 25 Apr 2026 10:00:00 +0900", "friend@example.com", "lunch?", "see you")},
		{"Maildir/new/1773200000.M2P1.host", maildirMail("Sat, 25 Apr 2026 09:00:00 +0900", "return@amazon.co.jp",
			"ご返金のお知らせ", "注文番号：250-6632018-4471509")},
	})
	out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", filepath.Join(example, "statements"), "--confirmations", "takeout.zip")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, part := range []string{
		`"confirmation_source": "takeout.zip:Takeout/Mail/Amazon.mbox:1 (Amazon.co.jp ご注文のキャンセル)"`,
		`"confirmation_source": "takeout.zip:Maildir/new/1773200000.M2P1.host (ご返金のお知らせ)"`,
		`"not sent by Amazon": 1`,
	} {
		if !strings.Contains(out, part) {
			t.Errorf("no %s in\n%s", part, out)
		}
	}
}
