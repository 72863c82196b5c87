package cmd

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestOneOffAudit is the audit of the README: a year of statements, the
// unzipped "Your Orders" folder and Amazon's cancellation mail, with a
// disputes file that gives only order ids where the export knows the order.
func TestOneOffAudit(t *testing.T) {
	t.Chdir(repoRoot(t))
	out, stderr, code := runCmd(t, "check", "-o", "json", "--as-of", "2026-05-01", "testdata/amazon/audit/statements",
		"--disputes", "testdata/amazon/audit/disputes.csv", "--orders", "testdata/amazon/Your Orders",
		"--confirmations", "testdata/amazon/mail/cancel-ja.eml")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 (an alert)", code, stderr)
	}
	var rep struct {
		Orders []struct {
			OrderID            string  `json:"order_id"`
			Verdict            string  `json:"verdict"`
			OrderDate          string  `json:"order_date"`
			Amount             string  `json:"amount"`
			Currency           string  `json:"currency"`
			ConfirmedOn        *string `json:"confirmed_on"`
			ConfirmationKind   string  `json:"confirmation_kind"`
			ConfirmationSource string  `json:"confirmation_source"`
		} `json:"orders"`
		Unknown []struct {
			Date, Amount string
		} `json:"unknown_charges"`
		AmazonFiles []struct {
			File, Format, Ignored string
			Orders, Confirmations int
			NotDisputed           int            `json:"confirmations_not_disputed"`
			SkippedBy             map[string]int `json:"skipped_by_reason"`
		} `json:"amazon_files"`
		OwnCharges int `json:"own_order_charges"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var orders []string
	for _, o := range rep.Orders {
		orders = append(orders, strings.Join([]string{o.OrderID, o.Verdict, o.OrderDate, o.Amount, o.Currency, *o.ConfirmedOn, o.ConfirmationKind, o.ConfirmationSource}, " | "))
	}
	want := []string{
		"250-4418372-2290415 | still-charged | 2026-03-02 | 30000 | JPY | 2026-03-06 | cancel | testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
		"503-7720194-5581630 | refunded | 2026-03-03 | 8480 | JPY | 2026-03-13 | refund | testdata/amazon/Your Orders/Your Returns & Refunds/Refund Details.csv:2",
		"249-1056673-9038214 | not-charged | 2026-03-05 | 12980 | JPY | 2026-03-06 | cancel | testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル)",
	}
	if !slices.Equal(orders, want) {
		t.Errorf("orders:\n%s\nwant:\n%s", strings.Join(orders, "\n"), strings.Join(want, "\n"))
	}
	// The own orders' charges (1,280 and 3,300 yen) are not unknown; the
	// 15,000 yen charge of no order is.
	if len(rep.Unknown) != 1 || rep.Unknown[0].Date != "2026-03-08" || rep.Unknown[0].Amount != "15000" || rep.OwnCharges != 2 {
		t.Errorf("unknown charges %+v, own-order charges %d", rep.Unknown, rep.OwnCharges)
	}
	var files []string
	for _, f := range rep.AmazonFiles {
		files = append(files, strings.TrimPrefix(f.File, "testdata/amazon/")+" "+f.Format+" "+f.Ignored)
	}
	wantFiles := []string{
		"Your Orders/Additional Data/Retail.TransactionalInvoicing.1/Retail.TransactionalInvoicing.1.pdf  a PDF; only CSV and OFX exports and mails are read",
		"Your Orders/Your Amazon Orders/Cart History.csv  is not an Amazon order-history export (Retail.OrderHistory, Order History.csv, Digital Items.csv, アマゾン注文履歴フィルタ)",
		"Your Orders/Your Amazon Orders/Order History.csv amazon-order-history-2025 ",
		"Your Orders/Your Returns & Refunds/Refund Details.csv amazon-refund-details ",
		"mail/cancel-ja.eml mail ",
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("amazon files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	refunds := rep.AmazonFiles[3]
	if refunds.Confirmations != 2 || refunds.NotDisputed != 1 || refunds.SkippedBy["refund not completed"] != 1 {
		t.Errorf("Refund Details.csv: %+v", refunds)
	}
}

func TestAmazonInputErrors(t *testing.T) {
	const (
		stmt   = "Date,Description,Debit\n2026-03-18,AMAZON.CO.JP,12800\n"
		orders = "\ufeffASIN,Currency,Order Date,Order ID,Payment Method Type,Ship Date,Shipment Item Subtotal,Total Amount,Website\r\n" +
			"B0JPGIFT01,JPY,2026-03-02T03:15:00Z,250-4418372-2290415,Visa - 5821,2026-03-02T03:16:00Z,\"12,800\",\"12,800\",Amazon.co.jp\r\n"
		mail = "Date: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: order-update@amazon.co.jp\r\nSubject: cancel\r\n\r\n250-4418372-2290415\r\n"
	)
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  string
	}{
		{"an order id neither the disputes nor the exports know",
			map[string]string{"statements/a.csv": stmt, "o/Order History.csv": orders, "disputes.csv": "order_id\n250-4418372-2290415\n250-1111111-2222222\n"},
			[]string{"--orders", "o"},
			"disputes.csv:3: order_date is empty, and the order-history exports do not list order 250-1111111-2222222\n" +
				"disputes.csv:3: amount is empty, and the order-history exports do not list order 250-1111111-2222222; give the order total as on Amazon\n"},
		{"without --orders, order_date and amount are required",
			map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id\n250-4418372-2290415\n"}, nil,
			"disputes.csv:1: missing column order_date, amount; the header needs order_id,order_date,amount\n"},
		{"a file given to --orders must be an order-history export",
			map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id\n250-4418372-2290415\n", "notes.txt": "my orders\n"},
			[]string{"--orders", "notes.txt"},
			"notes.txt: is not an Amazon order-history export (Retail.OrderHistory, Order History.csv, Digital Items.csv, アマゾン注文履歴フィルタ)\n" +
				"disputes.csv:2: order_date is empty, and the order-history exports do not list order 250-4418372-2290415\n" +
				"disputes.csv:2: amount is empty, and the order-history exports do not list order 250-4418372-2290415; give the order total as on Amazon\n"},
		{"a mail given to --orders",
			map[string]string{"statements/a.csv": stmt, "o.csv": orders, "disputes.csv": "order_id\n250-4418372-2290415\n", "m.eml": mail},
			[]string{"--orders", "o.csv", "--orders", "m.eml"},
			"m.eml: is a confirmation, not an order-history export; give it with --confirmations\n"},
		{"an export given to --confirmations",
			map[string]string{"statements/a.csv": stmt, "o.csv": orders, "disputes.csv": "order_id\n250-4418372-2290415\n"},
			[]string{"--orders", "o.csv", "--confirmations", "o.csv"},
			"o.csv: is an Amazon order-history export; give it with --orders\n"},
		{"a statement given to --confirmations",
			map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n"},
			[]string{"--confirmations", "statements/a.csv"},
			"statements/a.csv: is not a confirmations CSV, an Amazon mail (.eml, .mbox, a maildir), or an Amazon refund export\n"},
		{"a mail naming no order",
			map[string]string{"statements/a.csv": stmt, "disputes.csv": "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n",
				"mails/a.eml": "Date: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: order-update@amazon.co.jp\r\nSubject: hello\r\n\r\nno order here\r\n"},
			[]string{"--confirmations", "mails"},
			"mails/a.eml: the mail \"hello\" names no Amazon order id\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFiles(t, tt.files)
			out, stderr, code := runCmd(t, append([]string{"check"}, tt.args...)...)
			if code != 2 || stderr != tt.want || out != "" {
				t.Errorf("exit %d, stdout %q\nstderr %q\nwant   %q", code, out, stderr, tt.want)
			}
		})
	}
}

// TestMailOfAnOwnOrderIsLeftOut checks that a refund mail about an order that
// is not disputed (the person's own return) is no error, and is counted.
func TestMailOfAnOwnOrderIsLeftOut(t *testing.T) {
	writeFiles(t, map[string]string{
		"statements/a.csv": "Date,Description,Debit\n2026-02-20,LAWSON,1\n2026-04-30,LAWSON,1\n",
		"disputes.csv":     "order_id,order_date,amount\n250-4418372-2290415,2026-03-02,12800\n",
		"mails/own.eml":    "Date: Thu, 05 Mar 2026 16:30:00 +0000\r\nFrom: return@amazon.co.jp\r\nSubject: refund\r\n\r\nrefund of 249-3301845-6627190\r\n",
	})
	out, stderr, code := runCmd(t, "check", "--confirmations", "mails")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(out, "note: mails/own.eml: confirmations of orders not disputed (your own returns), left out: 1\n") ||
		!strings.Contains(out, "not-charged  250-4418372-2290415") {
		t.Errorf("report:\n%s", out)
	}
}

// TestEvidenceNamesTheMail checks that what to tell the card issuer says which
// mail Amazon confirmed in, by its subject, in every report for people.
func TestEvidenceNamesTheMail(t *testing.T) {
	t.Chdir(repoRoot(t))
	for _, format := range []string{"table", "markdown", "html"} {
		out, stderr, code := runCmd(t, "check", "-o", format, "--as-of", "2026-05-01", "testdata/amazon/audit/statements",
			"--disputes", "testdata/amazon/audit/disputes.csv", "--orders", "testdata/amazon/Your Orders",
			"--confirmations", "testdata/amazon/mail/cancel-ja.eml")
		if code != 1 || stderr != "" {
			t.Fatalf("-o %s: exit %d, stderr %q; want 1 (an alert)", format, code, stderr)
		}
		if strings.Contains(out, "cancel-ja.eml:0") {
			t.Errorf("-o %s: the evidence cites the mail as line 0:\n%s", format, out)
		}
		if !strings.Contains(out, "cancel on 2026-03-06 (testdata/amazon/mail/cancel-ja.eml (Amazon.co.jp ご注文のキャンセル))") {
			t.Errorf("-o %s: the evidence does not name the mail by its subject:\n%s", format, out)
		}
	}
}

// TestAmazonRecordsInJapanese checks that the table's part on Amazon's
// records, its notes and the errors about a file's kind speak Japanese.
func TestAmazonRecordsInJapanese(t *testing.T) {
	t.Chdir(repoRoot(t))
	out, stderr, code := runCmd(t, "check", "--lang", "ja", "--as-of", "2026-05-01", "testdata/amazon/audit/statements",
		"--disputes", "testdata/amazon/audit/disputes.csv", "--orders", "testdata/amazon/Your Orders",
		"--confirmations", "testdata/amazon/mail/cancel-ja.eml")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 1 (an alert)", code, stderr)
	}
	for _, want := range []string{
		"Amazonの記録\n  注文  連絡  読み飛ばし  形式",
		"読まなかったファイル: testdata/amazon/Your Orders/Your Amazon Orders/Cart History.csv: Amazonの注文履歴（",
		"読み飛ばした行（返金が完了していない）: 1行",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	for _, english := range []string{"Amazon's records", "ignored:", "note:", "refund not completed"} {
		if strings.Contains(out, english) {
			t.Errorf("Japanese report says %q:\n%s", english, out)
		}
	}
	_, stderr, code = runCmd(t, "check", "--lang", "ja", "testdata/amazon/audit/statements",
		"--disputes", "testdata/amazon/audit/disputes.csv", "--orders", "testdata/amazon/Your Orders",
		"--confirmations", "testdata/amazon/audit/statements/2026-03.csv")
	if want := "testdata/amazon/audit/statements/2026-03.csv: confirmations.csv、Amazonのメール（.eml、.mbox、maildir）、Amazonの返金データのどれでもありません\n"; code != 2 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, want)
	}
}
