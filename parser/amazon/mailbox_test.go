package amazon

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/refundwatch/refundwatch/parser"
)

// mboxMail is one mail of an mbox as Gmail's Takeout writes it: the
// "From " line, then the mail, then a blank line.
func mboxMail(date, from, subject, body string) string {
	return "From 1760384937591638016@xxx Tue Mar 10 05:12:44 +0000 2026\n" +
		"X-GM-THRID: 1760384937591638016\nX-Gmail-Labels: Inbox,Opened\n" +
		"Date: " + date + "\nFrom: " + from + "\nTo: pat@example.com\nSubject: " + subject + "\n" +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n\n"
}

// TestReadMbox reads a mailbox as it is exported whole: only the refund and
// cancellation notices are confirmations; the order and shipping
// confirmations, the sign-in alert and the other mails are left out and
// counted, and a mail dated outside the years read is named.
func TestReadMbox(t *testing.T) {
	mbox := mboxMail("Wed, 11 Mar 2026 05:12:44 +0000", "return@amazon.com", "Your refund for Noise Cancelling Headphones....",
		"Hello Pat, Your refund was issued.\nOrder #113-5520917-3384120\nTotal refund $48.60\n>From the returns team\n") + // line 1
		mboxMail("Mon, 02 Mar 2026 09:00:00 +0000", "auto-confirm@amazon.com", "Your Amazon.com order #113-7712345-1234567",
			"Thank you for shopping with us. If you want to cancel this order, visit Your Orders.\nOrder #113-7712345-1234567\n") + // line 17
		mboxMail("Tue, 03 Mar 2026 09:00:00 +0000", "shipment-tracking@amazon.com", "Shipped: \"Noise Cancelling...\"",
			"Your package was shipped. Order #113-5520917-3384120\n") + // line 31
		mboxMail("Tue, 03 Mar 2026 10:00:00 +0000", "account-update@amazon.com", "amazon.com: Sign-in attempt",
			"Someone signed in to your account.\n") + // line 44
		mboxMail("Thu, 05 Mar 2026 16:30:00 +0900", "order-update@amazon.co.jp", "Amazon.co.jp ご注文のキャンセル",
			"ご注文番号: 250-4418372-2290415\n") + // line 57
		mboxMail("Thu, 05 Mar 2026 16:30:00 +0000", "news@example.com", "Our spring sale",
			"From now on, everything is cheaper.\n") + // line 70
		mboxMail("Thu, 05 Mar 1989 16:30:00 +0000", "order-update@amazon.co.jp", "ご注文のキャンセル",
			"ご注文番号: 250-1111111-2222222\n") + // line 83
		mboxMail("Fri, 06 Mar 2026 08:00:00 +0900", "pat@example.com", "Please refund order 250-4418372-2290415",
			"Please refund this order.\n") + // line 96, the person's own sent mail
		mboxMail("Fri, 06 Mar 2026 09:00:00 +0900", "Amazon.co.jp <pat@amazon.co.jp.example.net>", "ご返金のお知らせ",
			"注文番号: 250-4418372-2290415\n") + // line 109, not Amazon's domain
		mboxMail("Sat, 07 Mar 2026 09:00:00 +0000", "return@amazon.com", "Your return request for Noise Cancelling Headphones",
			"We'll issue a refund once we receive your return. Order #113-5520917-3384120\n") + // line 122
		mboxMail("Sat, 07 Mar 2026 10:00:00 +0000", "return@amazon.com", "Return started",
			"Your refund of $48.60 will be issued when we receive the item. Order #113-5520917-3384120\n") + // line 135
		mboxMail("Sun, 08 Mar 2026 10:00:00 +0000", "Amazon Payments <no-reply@payments.amazon.com>", "Order #113-8812345-1234567",
			"A refund of $5.00 was issued for order #113-8812345-1234567.\n") // line 148, a subdomain of Amazon's
	f, err := ReadMbox("mail.mbox", strings.NewReader(mbox))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range f.Confirmations {
		got = append(got, fmt.Sprintf("%s line %d", confirmationLine(c), c.Line))
	}
	want := []string{
		"113-5520917-3384120 2026-03-10 refund 48.6 mail.mbox:1 (Your refund for Noise Cancelling Headphones....) line 1",
		"250-4418372-2290415 2026-03-05 cancel 0 mail.mbox:57 (Amazon.co.jp ご注文のキャンセル) line 57",
		"113-8812345-1234567 2026-03-08 refund 5 mail.mbox:148 (Order #113-8812345-1234567) line 148",
	}
	if !slices.Equal(got, want) {
		t.Errorf("confirmations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Rows != 12 || !maps.Equal(f.LeftOut, map[string]int{leftOutNotNotice: 2, leftOutNoOrder: 1, leftOutNotAmazon: 3, leftOutReturn: 2}) {
		t.Errorf("%d mails, left out %v", f.Rows, f.LeftOut)
	}
	wantNote := `mail.mbox:83: the mail "ご注文のキャンセル" is dated Thu, 05 Mar 1989 16:30:00 +0000, outside the years 1990 to 2100: left out`
	if len(f.Notes) != 1 || f.Notes[0].String() != wantNote {
		t.Errorf("notes %v, want %s", f.Notes, wantNote)
	}
	if Detect([]byte(mbox)) != Mbox {
		t.Errorf("Detect = %q, want mbox", Detect([]byte(mbox)))
	}
}

// TestMailKind checks that a mail is a confirmation only when it is a
// refund or cancellation notice, told by its subject before its body.
func TestMailKind(t *testing.T) {
	tests := []struct{ subject, body, want string }{
		{"Your refund for Noise Cancelling Headphones", "", "refund"},
		{"Your Amazon.com order #113-7712345-1234567 has been canceled", "", "cancel"},
		{"Item cancelled successfully", "", "cancel"},
		{"Shipped: \"Noise Cancelling Headphones\"", "", ""},
		{"ご返金のお知らせ", "", "refund"},
		{"Amazon.co.jp ご注文の確認", "キャンセルはこちら", ""},
		{"Amazon.co.jp 発送のお知らせ", "", ""},
		{"Your Amazon.com order of \"Gift Card\"", "If you want to cancel, visit Your Orders.", ""},
		{"Bestellbestätigung", "", ""},
		{"Fwd: order", "order 113-5520917-3384120 cancelled", "cancel"},
		{"Fwd: order", "a refund of $5 was issued", "refund"},
		{"Hello", "Thanks for shopping.", ""},
		{"Your return request for Noise Cancelling Headphones", "We'll issue a refund once we receive your return.", ""},
		{"Return started", "Your refund will be issued when we receive the item.", ""},
		{"Your Amazon.com order", "We'll issue a refund once we receive your return.", ""},
		{"Amazon.co.jp 返品リクエストを受け付けました", "返品商品の到着後に返金いたします。", ""},
		{"Amazon.co.jp", "返品商品を受領後、返金いたします。", ""},
		{"Your refund for Noise Cancelling Headphones", "We have received your return and issued a refund.", "refund"},
	}
	for _, tt := range tests {
		kind, reason := mailKind(tt.subject, tt.body)
		if string(kind) != tt.want || (reason == "") != (tt.want != "") {
			t.Errorf("mailKind(%q, %q) = %q, %q; want %q", tt.subject, tt.body, kind, reason, tt.want)
		}
	}
}

// nestedMail is a mail of depth multipart levels, one in another.
func nestedMail(depth int) string {
	var b strings.Builder
	b.WriteString("Date: Wed, 11 Mar 2026 05:12:44 +0000\r\nFrom: return@amazon.com\r\nSubject: Your refund\r\nMIME-Version: 1.0\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nrefund of order 113-5520917-3384120\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

// manyParts is a mail of n parts side by side.
func manyParts(n int) string {
	var b strings.Builder
	b.WriteString("Date: Wed, 11 Mar 2026 05:12:44 +0000\r\nFrom: return@amazon.com\r\nSubject: Your refund\r\nMIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n")
	for range n {
		b.WriteString("--b\r\nContent-Type: text/plain\r\n\r\nrefund of order 113-5520917-3384120\r\n")
	}
	b.WriteString("--b--\r\n")
	return b.String()
}

// TestMailLimits checks that a mail nested too deeply or of too many parts
// is refused naming the limit, before it is parsed: a mail nested 100,000
// levels deep takes no longer to refuse than one of 101.
func TestMailLimits(t *testing.T) {
	tests := []struct {
		name, mail, want string
	}{
		{"100 levels", nestedMail(100), ""},
		{"101 levels", nestedMail(101), "f: the mail is nested deeper than 100 levels, the most a mail may be"},
		{"100,000 levels", nestedMail(100000), "f: the mail is nested deeper than 100 levels, the most a mail may be"},
		{"10,000 parts", manyParts(10000), ""},
		{"10,001 parts", manyParts(10001), "f: the mail has more than 10000 parts, the most a mail may have"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			f, err := Read("f", strings.NewReader(tt.mail))
			if tt.want == "" {
				if err != nil || len(f.Confirmations) != 1 {
					t.Errorf("error %v, confirmations %v", err, f.Confirmations)
				}
				return
			}
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
			// In an mbox, the mail is named by its line.
			_, err = ReadMbox("m", strings.NewReader("From x@y Tue Mar 10 05:12:44 +0000 2026\n"+tt.mail))
			if want := strings.Replace(tt.want, "f:", "m:1:", 1); err == nil || err.Error() != want {
				t.Errorf("in an mbox: error %v, want %s", err, want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("refused after %v", d)
			}
		})
	}
}

// TestReadMaildirMail checks that a mail of a maildir that names no order,
// or has no date, is left out and counted rather than refused.
func TestReadMaildirMail(t *testing.T) {
	f, err := ReadMaildirMail("cur/1", []byte("Date: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: store-news@amazon.com\r\nSubject: Hello\r\n\r\nno order\r\n"))
	if err != nil || len(f.Confirmations) != 0 || f.LeftOut[leftOutNoOrder] != 1 {
		t.Errorf("%+v, %v", f, err)
	}
	f, err = ReadMaildirMail("cur/2", []byte("From: news@example.com\r\nSubject: Hello\r\n\r\nno date\r\n"))
	if err != nil || f.LeftOut[leftOutBadDate] != 1 {
		t.Errorf("%+v, %v", f, err)
	}
	_ = parser.KindRefund
}
