package amazon

import (
	"bytes"
	"flag"
	"mime"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

var update = flag.Bool("update", false, "rewrite the mail fixtures in testdata/amazon/mail")

// The mail fixtures are written by the functions below, so that they are
// real MIME (encoded words, quoted-printable with soft line breaks,
// ISO-2022-JP) rather than hand-typed approximations. go test
// ./parser/amazon -update rewrites them; otherwise the test checks that the
// files are what the functions write.
var mailFixtures = map[string]func() []byte{
	"refund-en.eml": englishRefundMail,
	"cancel-ja.eml": japaneseCancelMail,
}

func TestMailFixtures(t *testing.T) {
	for name, write := range mailFixtures {
		path := filepath.Join("..", "..", "testdata", "amazon", "mail", name)
		got := write()
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./parser/amazon -update writes it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the fixture writer makes; run go test ./parser/amazon -update and review the diff", path)
		}
	}
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func qp(s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	_, _ = w.Write([]byte(crlf(s)))
	_ = w.Close()
	return b.String()
}

// englishRefundMail is an Amazon.com refund notice in the shape of the real
// ones: multipart/alternative, UTF-8, quoted-printable, with the order id only
// inside the links (which quoted-printable breaks across lines).
func englishRefundMail() []byte {
	link := "https://www.amazon.com/spr/returns/prep?contractId=00000000-1111-2222-3333-444444444444&rmaId=Dxk9QmZ1RMA&orderId=113-5520917-3384120&ingress=prep_email&ref_=E_PREPRefundConfirmation_PREP_Status_sonar_prep_rse"
	text := "Hello Pat, Your refund was issued. We have issued your refund. * $48.60 will be credited to your Visa by Mar 18.\n" +
		"View refund summary (" + link + ")\n" +
		"Return summary\nRefund subtotal  $45.00\nTax refund  $3.60\nTotal refund  $48.60^\n" +
		"$48.60 refunded to your Visa ending in 4417\n" +
		"Item to be returned: 1\n[Noise Cancelling Headphones](https://www.amazon.com/gp/product/B0EXAMPLE3?ref_=E_RefundConfirmation_Asin_Title)\nQuantity: 1\n"
	html := "<html><body><p>Hello Pat, Your refund was issued.</p>" +
		"<p><a href=\"" + strings.ReplaceAll(link, "&", "&amp;") + "\">View refund summary</a></p>" +
		"<table><tr><td>Total refund</td><td>$48.60</td></tr></table>" +
		"<p>$48.60 refunded to your Visa ending in 4417</p></body></html>\n"
	boundary := "----=_Part_1048576_2026031105.1773205964000"
	return []byte(crlf("Return-Path: <return@amazon.com>\n"+
		"Date: Wed, 11 Mar 2026 05:12:44 +0000 (UTC)\n"+
		"From: \"return@amazon.com\" <return@amazon.com>\n"+
		"To: pat@example.com\n"+
		"Message-ID: <0100019cd3a1b2c3-example@email.amazonses.com>\n"+
		"Subject: Your refund for Noise Cancelling Headphones....\n"+
		"MIME-Version: 1.0\n"+
		"Content-Type: multipart/alternative; boundary=\""+boundary+"\"\n"+
		"X-AMAZON-MAIL-RELAY-TYPE: notification\n\n"+
		"--"+boundary+"\n"+
		"Content-Type: text/plain; charset=utf-8\n"+
		"Content-Transfer-Encoding: quoted-printable\n\n") +
		qp(text) + crlf("\n--"+boundary+"\n"+
		"Content-Type: text/html; charset=utf-8\n"+
		"Content-Transfer-Encoding: quoted-printable\n\n") +
		qp(html) + crlf("\n--"+boundary+"--\n"))
}

// japaneseCancelMail is an Amazon.co.jp cancellation notice for two orders,
// in ISO-2022-JP, with its subject as an encoded word.
func japaneseCancelMail() []byte {
	enc := japanese.ISO2022JP.NewEncoder()
	subject, _ := enc.String("Amazon.co.jp ご注文のキャンセル")
	body, _ := enc.String("山田 花子 様\n\n" +
		"Amazon.co.jpをご利用いただき、ありがとうございます。\n" +
		"お客様のご依頼により、以下のご注文(注文番号:#249-1056673-9038214、#250-4418372-2290415)のキャンセルを承りました。\n" +
		"クレジットカードでのお支払いの場合、クレジットカードへの請求は、ご注文商品の出荷準備完了時においてなされますので、今回ご注文いただいた下記商品の金額および配送料は請求されません。\n\n" +
		"キャンセルされたご注文内容は以下のとおりです。\n\n" +
		"ご注文内容\n注文番号： ２４９－１０５６６７３－９０３８２１４\n商品名: 見本のロボット掃除機\n数量: 1\n価格: ￥12,980\n\n" +
		"注文番号： 250-4418372-2290415\n商品名: Amazonギフトカード (Eメールタイプ)\n数量: 1\n価格: ￥30,000\n\n" +
		"ご注文の詳細: https://www.amazon.co.jp/gp/css/summary/edit.html?orderID=249-1056673-9038214\n")
	return []byte(crlf("Date: Thu, 05 Mar 2026 16:30:00 +0000\n"+
		"From: \"Amazon.co.jp\" <order-update@amazon.co.jp>\n"+
		"To: hanako@example.jp\n"+
		"Message-ID: <0100019cbe00aa11-example@email.amazonses.com>\n"+
		"Subject: "+mime.BEncoding.Encode("ISO-2022-JP", subject)+"\n"+
		"MIME-Version: 1.0\n"+
		"Content-Type: text/plain; charset=ISO-2022-JP\n"+
		"Content-Transfer-Encoding: 7bit\n\n") + crlf(body))
}
