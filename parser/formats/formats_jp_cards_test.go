package formats

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
)

// jpCardSamples: real Japanese card exports in the shared samples folder.
var jpCardSamples = map[string]string{
	"beancount-multitool_rakuten_card_test.csv":                  "rakuten-card",
	"jp_meisaicsv_MitsuiSumitomoCard.csv":                        "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus_201912_202007.csv": "smbc-vpass",
	"jp_zaimcsvconverter_gold_point_card_plus201807.csv":         "smbc-vpass-detail",
	"jp_meisaicsv_SevenCard.csv":                                 "myjcb",
	"jp_meisaicsv_LifeCard.csv":                                  "life-card",
	"jp_zaimcsvconverter_view_card202005.csv":                    "view-card",
	"jp_zaimcsvconverter_pay_pay_card_202208.csv":                "paypay-card",
}

func readFixture(t *testing.T, name string) *parser.Statement {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := ReadStatement(name, f, parser.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A Vpass file with two cards keeps each row on the card of its block
// line, and so names no single account for the file.
func TestVpassKeepsCardsApart(t *testing.T) {
	st := readFixture(t, "smbc-vpass-two-cards.csv")
	if st.Account != "" {
		t.Errorf("file account %q, want none: the file holds two cards", st.Account)
	}
	const a, b = "4980-12**-****-3456", "5334-98**-****-7712"
	want := []struct {
		line    int
		amount  string
		account string
	}{{2, "12800", a}, {3, "540", a}, {5, "540", b}, {6, "-12800", b}}
	if st.Txns.Len() != len(want) {
		t.Fatalf("%d transactions, want %d", st.Txns.Len(), len(want))
	}
	for i, w := range want {
		x := st.Txns.At(i)
		if x.Line != w.line || x.Amount.String() != w.amount || x.Account != w.account {
			t.Errorf("transaction %d: line %d %s on %q, want line %d %s on %q", i, x.Line, x.Amount, x.Account, w.line, w.amount, w.account)
		}
	}
}

// 楽天カード's later headers add 手数料/利息, 当月請求額, 支払月 and
// "N月以降請求額": the amount is still 利用金額 (not 支払総額 with the fee,
// nor what is billed this month), and a row after ■ご利用キャンセルなど is a
// credit whichever sign it is written with.
func TestRakutenCardLaterHeaders(t *testing.T) {
	tests := []struct {
		file   string
		want   map[int]string // line → amount
		header string
	}{
		{"rakuten-card-2023.csv", map[int]string{2: "12800", 3: "1200", 4: "30000", 6: "-12800"}, "当月請求額"},
		{"rakuten-card-2024.csv", map[int]string{2: "4980", 3: "3150", 5: "3278", 7: "-4980"}, "支払月"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			st := readFixture(t, tt.file)
			if st.Format != "rakuten-card" {
				t.Fatalf("read as %s", st.Format)
			}
			if st.Txns.Len() != len(tt.want) {
				t.Fatalf("%d transactions, want %d", st.Txns.Len(), len(tt.want))
			}
			for _, x := range st.Txns.All() {
				if got, ok := tt.want[x.Line]; !ok || x.Amount.String() != got {
					t.Errorf("line %d: amount %s, want %s", x.Line, x.Amount, got)
				}
			}
		})
	}
}

// The variants of the new card formats, and the rows they refuse.
func TestJPCardVariants(t *testing.T) {
	tests := []struct {
		name, text string
		sjis       bool
		want       string // format, then each transaction as line:date amount [account]
	}{
		{"paypay with 決済方法", `"利用日/キャンセル日","利用店名・商品名","利用者","決済方法","支払区分","利用金額","手数料","支払総額","当月支払金額","翌月以降繰越金額","調整額","当月お支払日"` + "\n" +
			`"2026/3/2","ＡＭＡＺＯＮ．ＣＯ．ＪＰ","本人","カード","1回","4800","0","4800","4800","0","0","2026/4/27"` + "\n", false,
			"paypay-card 2:2026-03-02 4800"},
		{"yahoo japan card", `"利用日","利用店名・商品名","利用者","支払区分","利用金額","手数料","支払総額","当月支払金額","翌月以降繰越金額"` + "\n" +
			`"2026/3/2","ＡＭＡＺＯＮ．ＣＯ．ＪＰ","本人","1回","-4800","0","-4800","-4800","0"` + "\n", false,
			"paypay-card 2:2026-03-02 -4800"},
		{"nicos with 通貨 and 為替相場", `"利用日","利用者","利用区分","利用内容","新規利用額","今回請求額","支払回数","現地通貨額","通貨","為替相場","備考"` + "\n" +
			`"2026/3/2","本人","ショッピング","ＡＭＡＺＯＮ．ＣＯＭ","1500","1500","1回","10.00","USD","150.00",""` + "\n", true,
			"mufg-nicos 2:2026-03-02 1500 orig 10 USD"},
		{"view card with two cards", "会員番号,****-****-****-1111\nご利用年月日,ご利用箇所,ご利用額,払戻額,ご請求額（うち手数料・利息）,支払区分（回数）,今回回数,今回ご請求額・弁済金（うち手数料・利息）,現地通貨額,通貨略称,換算レート\n" +
			"****-****-****-1111 鈴木　一郎\n2026/03/02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,\"4,800\",,\"4,800\",１回払,,\"4,800\",,,\n" +
			"****-****-****-2222 鈴木　花子\n2026/03/03,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,,\"4,800\",\"-4,800\",１回払,,\"-4,800\",,,\n", true,
			"view-card 4:2026-03-02 4800 ****-****-****-1111 6:2026-03-03 -4800 ****-****-****-2222"},
		{"saison amounts and names with unquoted commas", "利用日,ご利用店名及び商品名,本人・家族区分,支払区分名称,締前入金区分,利用金額,備考\n" +
			"2026/03/02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,1,1回,,12,800,\n2026/03/03,GITHUB, INC.,1,1回,,1515,\n2026/03/04,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,1,1回,,-1,234,567,\n", true,
			"saison-card 2:2026-03-02 12800 3:2026-03-03 1515 4:2026-03-04 -1234567"},
		{"jcb family card", "\"ご利用者\",\"カテゴリ\",\"ご利用日\",\"ご利用先など\",\"ご利用金額(￥)\",\"支払区分\",\"今回回数\",\"訂正サイン\",\"お支払い金額(￥)\",\"国内／海外\",\"摘要\",\"備考\"\n" +
			"\"****-****-****-1234　ＪＣＢカード　山田　一郎　様\",\"≪ショッピング≫\",\" 2026/03/02\",\"ＡＭＡＺＯＮ．ＣＯ．ＪＰ\",\"4,800\",\"１回\",\"\",\"\",\"4,800\",\"国内\",\"\",\"\"\n", true,
			"myjcb 2:2026-03-02 4800 ****-****-****-1234"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var st *parser.Statement
			var err error
			if tt.sjis {
				st, err = readSJIS(t, "s.csv", tt.text)
			} else {
				st, err = ReadStatement("s.csv", strings.NewReader(tt.text), parser.ReadOptions{})
			}
			if err != nil {
				t.Fatal(err)
			}
			parts := []string{st.Format}
			for _, x := range st.Txns.All() {
				parts = append(parts, cardRow(x))
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("read as\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// cardRow writes a transaction as line:date amount, then its foreign amount
// and its account where it has them.
func cardRow(x parser.Transaction) string {
	s := fmt.Sprintf("%d:%s %s", x.Line, x.Date, x.Amount)
	if x.OrigCurrency != "" {
		s += fmt.Sprintf(" orig %s %s", x.OrigAmount, x.OrigCurrency)
	}
	if x.Account != "" {
		s += " " + x.Account
	}
	return s
}

// Rows of the new card formats that cannot be read stop with file:line.
func TestJPCardInvalidRows(t *testing.T) {
	const aeonHeader = "ご利用カード,イオンカード,,,,,,,\nご利用明細,,,,,,,,\nご利用日,利用者区分,ご利用先,支払方法,,,ご利用金額,備考,\n"
	const saisonHeader = "利用日,ご利用店名及び商品名,本人・家族区分,支払区分名称,締前入金区分,利用金額,備考\n"
	const lifeHeader = "カード名,ライフカード\n明細No.,契約,回数,利用日,利用先,利用金額,ATM利用料,手数料,支払総額,支払回数/何回目,当月支払金額,支払残高\n"
	tests := []struct{ name, text, want string }{
		// A discount with no purchase above it has no day to go on.
		{"aeon.csv", aeonHeader + ",本人,会員値引,,,,-210,,\n", "aeon.csv:4: row has an amount but no date"},
		{"aeon.csv", aeonHeader + "261301,本人,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,１回,,,4800,,\n", `aeon.csv:4: "261301" is not a date as this format writes them`},
		// A dateless row with an amount that is no discount is not guessed at.
		{"aeon.csv", aeonHeader + "260302,本人,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,１回,,,4800,,\n,本人,調整,,,,-100,,\n", "aeon.csv:5: row has an amount but no date"},
		// Only the titles of the tables after the rows start them.
		{"life.csv", lifeHeader + "ご注意\n", "life.csv:3: row has 1 fields, but the header on line 2 needs 6"},
		{"view.csv", "ご利用年月日,ご利用箇所,ご利用額,払戻額,ご請求額,支払区分,今回回数\n2026/03/02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,,,,１回払,\n", "view.csv:2: row has no amount"},
		// Two unquoted commas, one in the name and one in the amount, cannot be told apart.
		{"saison.csv", saisonHeader + "2026/03/02,AMAZON, INC.,1,1回,,1,515,\n", "saison.csv:2: row has 9 fields, but the header on line 1 has 7 (an unquoted comma in a field?)"},
	}
	for _, tt := range tests {
		_, err := readSJIS(t, tt.name, tt.text)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to start with %q", tt.name, err, tt.want)
		}
	}
}

// Each new card format leaves the headers of the others alone: the files
// they were built from are read as their own format only.
func TestJPCardDetectionIsSpecific(t *testing.T) {
	for _, f := range jpCardFormats {
		st := readFixture(t, f.Name+".csv")
		if st.Format != f.Name {
			t.Errorf("%s.csv read as %s", f.Name, st.Format)
		}
	}
	// A header with 利用日, 利用店名・商品名 and 利用金額 but neither 楽天カード's
	// 支払方法 nor PayPayカード's 支払区分 and 支払総額 is left to the generic reader.
	st := readString(t, "other.csv", "利用日,利用店名・商品名,利用者,利用金額\n"+strings.Repeat("2026/03/02,ＡＭＡＺＯＮ．ＣＯ．ＪＰ,本人,4800\n", 5), parser.ReadOptions{})
	if st.Format != parser.FormatGeneric {
		t.Errorf("read as %s, want %s", st.Format, parser.FormatGeneric)
	}
}
