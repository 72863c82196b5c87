package parser

import (
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// Japanese card issuers. Unless said otherwise they write CP932, integer
// yen, charges positive and refunds negative.
var jpCardFormats = []*Format{rakutenCard, vpassStatement, vpassDetail}

// SkipBlock counts the per-card block lines of issuers that group rows by card.
const SkipBlock = "block"

// SkipSection counts section marker rows.
const SkipSection = "section"

// rakutenCard is 楽天カード's e-NAVI export: UTF-8 with BOM, every field
// quoted, one header row whose later columns change with the month
// ("10月支払金額"). Rows after the "■ご利用キャンセルなど" marker are
// cancellations and refunds: credits whatever their sign (issuers' own
// importers disagree on the sign written there).
var rakutenCard = &Format{
	Name:    "rakuten-card",
	Issuer:  "楽天カード (e-NAVI)",
	Country: "JP",
	Example: `"利用日","利用店名・商品名","利用者","支払方法","利用金額","支払手数料","支払総額","10月支払金額","11月繰越残高","新規サイン"`,
	Table: &TableSpec{
		Header: []string{"利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額"},
		Columns: map[column][]string{
			colUseDate:     {"利用日"},
			colDescription: {"利用店名・商品名"},
			colAmount:      {"利用金額"},
		},
		Signs:    ChargesPositive,
		Currency: "JPY",
		Hook: func(s *RowState, rec []string) ([]string, string) {
			if strings.HasPrefix(strings.TrimSpace(rec[0]), "■") {
				s.Credits = strings.Contains(rec[0], "キャンセル")
				return nil, SkipSection
			}
			return nil, ""
		},
	},
}

// vpassBlockLine is the line 三井住友カード's Vpass writes before each card's
// rows: "<name>　様,<masked card number>,<card name>".
var vpassBlockLine = regexp.MustCompile(`^[0-9*]{4}-[0-9*]{4}-[0-9*]{4}-[0-9*]{4}$`)

func isVpassBlock(rec []string) bool {
	return len(rec) >= 3 && strings.HasSuffix(strings.TrimSpace(rec[0]), "様") && vpassBlockLine.MatchString(strings.TrimSpace(rec[1]))
}

// vpassHook keeps the card of each block and joins merchant names that an
// unquoted comma split ("GITHUB, INC. (HTTPSGITHUB.C)").
func vpassHook(width int) func(s *RowState, rec []string) ([]string, string) {
	return func(s *RowState, rec []string) ([]string, string) {
		if isVpassBlock(rec) {
			s.Account = strings.TrimSpace(rec[1])
			return nil, SkipBlock
		}
		if len(rec) > width && isDateCell(rec[0]) {
			extra := len(rec) - width
			joined := append([]string{rec[0], strings.Join(rec[1:2+extra], ",")}, rec[2+extra:]...)
			return joined, ""
		}
		return nil, ""
	}
}

func isDateCell(s string) bool {
	p, ok := scanDate(s)
	return ok && p.yearFirst
}

// vpassForeign reads the foreign amount Vpass writes in its memo column:
// "0.60　USD　110.712　07 03" (amount, currency, rate, date).
var vpassForeign = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9]+)?)\s+([A-Z]{3})\b`)

// vpassStatement is 三井住友カード's confirmed statement (Vpass; also Olive,
// ゴールドポイントカード・プラス and cards issued by 三井住友カード): CP932,
// no header, seven columns 利用日,利用店名,利用金額,支払区分,今回回数,
// お支払金額,備考, a block line before each card's rows, trailer lines with
// an empty first field. Refunds are negative.
var vpassStatement = &Format{
	Name:    "smbc-vpass",
	Issuer:  "三井住友カード (Vpass, ご利用明細)",
	Country: "JP",
	Example: "山田　太郎　様,1234-56**-****-7890,三井住友カード　ＶＩＳＡ",
	Table: &TableSpec{
		Encoding:   EncCP932,
		Headerless: true,
		Positions:  map[column]int{colUseDate: 1, colDescription: 2, colAmount: 3},
		DataRow:    isVpassBlock,
		Signs:      ChargesPositive,
		Currency:   "JPY",
		Hook:       vpassHook(7),
		Enrich: func(x *Transaction, rec []string) {
			if len(rec) < 7 {
				return
			}
			if m := vpassForeign.FindStringSubmatch(Fold(rec[6])); m != nil {
				if amt, err := decimal.NewFromString(strings.ReplaceAll(m[1], ",", "")); err == nil {
					x.OrigAmount, x.OrigCurrency = amt, m[2]
				}
			}
		},
	},
}

// vpassDetail is Vpass's list of recent, not yet confirmed use (13 columns:
// 利用日,利用店名,利用者,支払区分,(空),支払月,利用金額,支払金額,…,現地通貨額,
// 通貨,換算レート,換算日), with or without block lines.
var vpassDetail = &Format{
	Name:    "smbc-vpass-detail",
	Issuer:  "三井住友カード (Vpass, 未確定のご利用明細)",
	Country: "JP",
	Example: "2026/9/18,ＯＶＥＲＳＥＡＳ  ＳＨＯＰ,ご本人,リボ払い,,'26/10,2000,,,12.34,USD,162.07,09/18",
	Table: &TableSpec{
		Encoding:   EncCP932,
		Headerless: true,
		Positions: map[column]int{colUseDate: 1, colDescription: 2, colAmount: 7,
			colOrigAmount: 10, colOrigCurrency: 11},
		DataRow: func(rec []string) bool {
			return len(rec) == 13 && isDateCell(rec[0]) && strings.HasPrefix(strings.TrimSpace(rec[2]), "ご")
		},
		Signs:    ChargesPositive,
		Currency: "JPY",
		Hook:     vpassHook(13),
	},
}
