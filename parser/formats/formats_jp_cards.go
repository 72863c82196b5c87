package formats

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// Japanese card issuers. Unless said otherwise they write CP932, integer
// yen, charges positive and refunds negative.
var jpCardFormats = []*parser.Format{
	rakutenCard, vpassStatement, vpassDetail,
	myJCB, saisonCard, eposCard, aeonCard, payPayCard, viewCard, nicosCard, lifeCard,
}

// SkipBlock counts the per-card block lines of issuers that group rows by
// card, and the cardholder lines of those that group them by person.
const SkipBlock = "block"

// SkipSummary counts the rows of the tables some issuers put after the
// transactions (instalment plans, revolving balance). They are taken to
// break down or sum up what is billed: a purchase paid in instalments is a
// transaction of the statement of the month it was made in.
const SkipSummary = "summary"

// SkipInstalment counts rows that bill a later instalment of an earlier
// purchase: no new amount was charged (the purchase was listed when made).
const SkipInstalment = "instalment"

// rakutenCard is 楽天カード's e-NAVI export: UTF-8 with BOM, every field
// quoted, one header row whose later columns change with the month
// ("10月支払金額"). Rows after the "■ご利用キャンセルなど" marker are
// cancellations and refunds: credits whatever their sign (issuers' own
// importers disagree on the sign written there).
var rakutenCard = &parser.Format{
	Name:    "rakuten-card",
	Issuer:  "楽天カード (e-NAVI)",
	Country: "JP",
	Example: `"利用日","利用店名・商品名","利用者","支払方法","利用金額","支払手数料","支払総額","10月支払金額","11月繰越残高","新規サイン"`,
	Table: &table.TableSpec{
		Header: []string{"利用日", "利用店名・商品名", "利用者", "支払方法", "利用金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"利用日"},
			table.ColDescription: {"利用店名・商品名"},
			table.ColAmount:      {"利用金額"},
		},
		Signs:       table.ChargesPositive,
		Currency:    "JPY",
		ForeignNote: rakutenForeignNote,
		Hook: func(s *table.RowState, rec []string) ([]string, string) {
			if strings.HasPrefix(strings.TrimSpace(rec[0]), "■") {
				s.Credits = strings.Contains(rec[0], "キャンセル")
				return nil, parser.SkipSection
			}
			return nil, ""
		},
	},
}

// rakutenLocalAmount is the note 楽天カード writes under a purchase made in
// another currency, in the merchant column of a row of its own:
// "現地利用額　20.99　USD　変換レート　151.034円".
var rakutenLocalAmount = regexp.MustCompile(`^現地利用額\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Z]{3})\b`)

// rakutenForeignNote reads a 現地利用額 note: a row without a date whose
// merchant column states the purchase's own amount and currency.
func rakutenForeignNote(rec []string) (amount, currency string, ok bool) {
	if len(rec) < 2 || strings.TrimSpace(rec[0]) != "" {
		return "", "", false
	}
	m := rakutenLocalAmount.FindStringSubmatch(textenc.Fold(strings.TrimSpace(rec[1])))
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// vpassBlockLine is the line 三井住友カード's Vpass writes before each card's
// rows: "<name>　様,<masked card number>,<card name>".
var vpassBlockLine = regexp.MustCompile(`^[0-9*]{4}-[0-9*]{4}-[0-9*]{4}-[0-9*]{4}$`)

func isVpassBlock(rec []string) bool {
	return len(rec) >= 3 && strings.HasSuffix(strings.TrimSpace(rec[0]), "様") && vpassBlockLine.MatchString(strings.TrimSpace(rec[1]))
}

// vpassHook keeps the card of each block and joins merchant names that an
// unquoted comma split ("GITHUB, INC. (HTTPSGITHUB.C)").
func vpassHook(width int) func(s *table.RowState, rec []string) ([]string, string) {
	return func(s *table.RowState, rec []string) ([]string, string) {
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
	p, ok := civil.ScanDate(s)
	return ok && p.YearFirst
}

// vpassForeign reads the foreign amount Vpass writes in its memo column:
// "0.60　USD　110.712　07 03" (amount, currency, rate, date).
var vpassForeign = regexp.MustCompile(`^([0-9][0-9,]*(?:\.[0-9]+)?)\s+([A-Z]{3})\b`)

// vpassStatement is 三井住友カード's confirmed statement (Vpass; also Olive,
// ゴールドポイントカード・プラス and cards issued by 三井住友カード): CP932,
// no header, seven columns 利用日,利用店名,利用金額,支払区分,今回回数,
// お支払金額,備考, a block line before each card's rows, trailer lines with
// an empty first field. Refunds are negative.
var vpassStatement = &parser.Format{
	Name:    "smbc-vpass",
	Issuer:  "三井住友カード (Vpass, ご利用明細)",
	Country: "JP",
	Example: "山田　太郎　様,1234-56**-****-7890,三井住友カード　ＶＩＳＡ",
	Table: &table.TableSpec{
		Encoding:   textenc.EncCP932,
		Headerless: true,
		Positions:  map[table.Column]int{table.ColUseDate: 1, table.ColDescription: 2, table.ColAmount: 3},
		DataRow:    isVpassBlock,
		Signs:      table.ChargesPositive,
		Currency:   "JPY",
		Hook:       vpassHook(7),
		Enrich: func(x *parser.Transaction, rec []string) {
			if len(rec) < 7 {
				return
			}
			if m := vpassForeign.FindStringSubmatch(textenc.Fold(rec[6])); m != nil {
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
var vpassDetail = &parser.Format{
	Name:    "smbc-vpass-detail",
	Issuer:  "三井住友カード (Vpass, 未確定のご利用明細)",
	Country: "JP",
	Example: "2026/9/18,ＯＶＥＲＳＥＡＳ  ＳＨＯＰ,ご本人,リボ払い,,'26/10,2000,,,12.34,USD,162.07,09/18",
	Table: &table.TableSpec{
		Encoding:   textenc.EncCP932,
		Headerless: true,
		Positions: map[table.Column]int{table.ColUseDate: 1, table.ColDescription: 2, table.ColAmount: 7,
			table.ColOrigAmount: 10, table.ColOrigCurrency: 11},
		DataRow: func(rec []string) bool {
			return len(rec) == 13 && isDateCell(rec[0]) && strings.HasPrefix(strings.TrimSpace(rec[2]), "ご")
		},
		Signs:    table.ChargesPositive,
		Currency: "JPY",
		Hook:     vpassHook(13),
	},
}

// jpCard is a Japanese card issuer's format.
func jpCard(name, issuer, example string, table *table.TableSpec) *parser.Format {
	return &parser.Format{Name: name, Issuer: issuer, Country: "JP", Example: example, Table: table}
}

// maskedCard is a card number as Japanese issuers mask it at the start of a
// cell, after folding: ****-****-****-1234, 4980-12**-****-3456.
var maskedCard = regexp.MustCompile(`^[0-9*]{4}-[0-9*]{4}-[0-9*]{4}-[0-9*]{1,4}`)

// cardNumber returns the masked card number cell starts with, or "".
func cardNumber(cell string) string {
	return maskedCard.FindString(textenc.Fold(cell))
}

// titleRow returns the text of a record that holds one cell of text only
// (a table's title), and whether it is one.
func titleRow(rec []string) (string, bool) {
	if len(rec) == 0 || strings.TrimSpace(rec[0]) == "" || !parser.IsBlank(rec[1:]) {
		return "", false
	}
	return strings.TrimSpace(rec[0]), true
}

// trailingSection is the RowState.Section of the rows after the transactions.
const trailingSection = "trailing tables"

// trailingTables skips, from the first title row isTitle accepts, the
// tables an issuer puts after the transactions: their titles as sections,
// every other row as summary. It reports whether it dealt with rec.
func trailingTables(s *table.RowState, rec []string, isTitle func(string) bool) (string, bool) {
	if title, ok := titleRow(rec); ok && isTitle(title) {
		s.Section = trailingSection
		return parser.SkipSection, true
	}
	if s.Section == trailingSection {
		return SkipSummary, true
	}
	return "", false
}

// myJCB is JCB's MyJCB ご利用明細, also that of セブンカード and the other
// cards run on MyJCB: every field quoted; four summary lines and the title
// 【ご利用明細】 before the header. ご利用者 names the card on each row
// ("****-****-****-1234　セブンカードＶｉｓａ　<氏名>　様"), so that a family
// card's rows keep their own number; the masked number is the account.
// Dates have a leading space (" 2018/01/16"), amounts thousands commas. No
// export with a refund was seen: refunds are taken to be negative, and a
// row with a 訂正サイン (correction mark) is read at the sign it has.
var myJCB = jpCard("myjcb", "JCB (MyJCB; also セブンカード)",
	`"ご利用者","カテゴリ","ご利用日","ご利用先など","ご利用金額(￥)","支払区分","今回回数","訂正サイン","お支払い金額(￥)","国内／海外","摘要","備考"`,
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"ご利用者", "カテゴリ", "ご利用日", "ご利用先など", "ご利用金額", "訂正サイン", "お支払い金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"ご利用日"},
			table.ColDescription: {"ご利用先など"},
			table.ColAmount:      {"ご利用金額"},
			table.ColAccount:     {"ご利用者"},
		},
		Signs:    table.ChargesPositive,
		Currency: "JPY",
		Enrich: func(x *parser.Transaction, _ []string) {
			if n := cardNumber(x.Account); n != "" {
				x.Account = n
			}
		},
	})

// saisonForeign is the foreign amount セゾン writes in 備考: "現地通貨額:11.51 USD".
var saisonForeign = regexp.MustCompile(`現地通貨額:?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*([A-Z]{3})\b`)

// saisonCard is クレディセゾン's Netアンサー ご利用明細 (セゾンカード, Saison
// AMEX, 出光カード): three lines (カード名称, お支払日, 今回ご請求額) and a
// blank one before the header; the card name is the account. Each
// cardholder's rows follow a line ",ご利用者名:<氏名> 様,…" and end with
// 【小計】, the file with 【合計】. A foreign purchase carries its amount in
// 備考 and may be followed by a line with neither date nor amount. Amounts
// are plain integers; one written with an unquoted thousands comma, or a
// merchant's name with an unquoted comma, is joined back (saisonRepair).
var saisonCard = jpCard("saison-card", "クレディセゾン (セゾンカード, Netアンサー; also 出光カード)",
	"利用日,ご利用店名及び商品名,本人・家族区分,支払区分名称,締前入金区分,利用金額,備考",
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"利用日", "ご利用店名及び商品名", "本人・家族区分", "支払区分名称", "締前入金区分", "利用金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"利用日"},
			table.ColDescription: {"ご利用店名及び商品名"},
			table.ColAmount:      {"利用金額"},
		},
		Signs:       table.ChargesPositive,
		Currency:    "JPY",
		AccountLine: regexp.MustCompile(`^カード名称,([^,]+)`),
		Hook: func(_ *table.RowState, rec []string) ([]string, string) {
			if len(rec) > 1 && strings.TrimSpace(rec[0]) == "" && strings.HasPrefix(textenc.Fold(rec[1]), "ご利用者名") {
				return nil, SkipBlock
			}
			return saisonRepair(rec), ""
		},
		Enrich: func(x *parser.Transaction, rec []string) {
			if len(rec) < 7 {
				return
			}
			if m := saisonForeign.FindStringSubmatch(textenc.Fold(rec[6])); m != nil {
				if amt, err := decimal.NewFromString(strings.ReplaceAll(m[1], ",", "")); err == nil {
					x.OrigAmount, x.OrigCurrency = amt, m[2]
				}
			}
		},
	})

// Parts of an amount whose thousands comma split it into cells: "1" and "000".
var (
	leadingDigits = regexp.MustCompile(`^-?[0-9]{1,3}$`)
	digitGroup    = regexp.MustCompile(`^[0-9]{3}$`)
)

// saisonRepair joins back a row of セゾン's seven columns that an unquoted
// comma split: in 利用金額 ("1,000" as 1 and 000), or else in the merchant's
// name, when joining it leaves a number in 本人・家族区分 and in 利用金額.
// Other rows are left as they are, for the reader to refuse. nil means rec
// is fine.
func saisonRepair(rec []string) []string {
	const width, amount = 7, 5
	extra := len(rec) - width
	if extra <= 0 || !isDateCell(rec[0]) {
		return nil
	}
	split := leadingDigits.MatchString(strings.TrimSpace(rec[amount]))
	for _, c := range rec[amount+1 : amount+1+extra] {
		split = split && digitGroup.MatchString(strings.TrimSpace(c))
	}
	if split {
		joined := strings.Join(rec[amount:amount+1+extra], ",")
		return slices.Concat(rec[:amount], []string{joined}, rec[amount+1+extra:])
	}
	// The name's cell is followed by 本人・家族区分, a number (1, 2).
	joined := slices.Concat(rec[:1], []string{strings.Join(rec[1:2+extra], ",")}, rec[2+extra:])
	if _, _, err := money.ParseAmount(joined[amount]); err == nil && textenc.AllDigits(strings.TrimSpace(joined[2])) && strings.TrimSpace(joined[2]) != "" {
		return joined
	}
	return nil
}

// eposCard is エポスカード's 月別ご利用明細: a title line
// ("月別ご利用明細　<氏名>　様　株式会社エポスカード") before the header, dates
// 2026年1月1日, and after the rows a total per kind (ショッピング合計) and notes
// (※…). The file names no card.
var eposCard = jpCard("epos-card", "エポスカード",
	"種別（ショッピング、キャッシング、その他）,ご利用年月日,ご利用場所,ご利用内容,ご利用金額（キャッシングでは元金になります）,支払区分,お支払開始月,備考",
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"種別", "ご利用年月日", "ご利用場所", "ご利用内容", "ご利用金額", "支払区分", "お支払開始月"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"ご利用年月日"},
			table.ColDescription: {"ご利用場所"},
			table.ColAmount:      {"ご利用金額"},
		},
		Signs:    table.ChargesPositive,
		Currency: "JPY",
	})

// aeonCard is イオンカード's ご利用明細 (暮らしのマネーサイト): lines naming the
// card (ご利用カード, the account), the amount billed, the payment day and
// sometimes the bank account, then "ご利用明細" and the header. Dates are
// YYMMDD (241130). A 会員値引 (member's discount) row has no date and a
// negative amount: it is a credit on the day of the purchase above it. The
// table 分割・ボーナス払い明細 (instalment plans) follows the transactions.
var aeonCard = jpCard("aeon-card", "イオンカード (暮らしのマネーサイト)",
	"ご利用日,利用者区分,ご利用先,支払方法,,,ご利用金額,備考,",
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"ご利用日", "利用者区分", "ご利用先", "支払方法", "ご利用金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"ご利用日"},
			table.ColDescription: {"ご利用先"},
			table.ColAmount:      {"ご利用金額"},
		},
		ParseDate:   aeonDate,
		Signs:       table.ChargesPositive,
		Currency:    "JPY",
		AccountLine: regexp.MustCompile(`^ご利用カード,([^,]+)`),
		Hook:        aeonHook,
	})

func aeonHook(s *table.RowState, rec []string) ([]string, string) {
	if reason, ok := trailingTables(s, rec, func(t string) bool { return strings.HasSuffix(t, "明細") }); ok {
		return nil, reason
	}
	if d := strings.TrimSpace(rec[0]); d != "" {
		s.LastDate = d
		return nil, ""
	}
	if s.LastDate != "" && len(rec) > 2 && strings.Contains(textenc.Fold(rec[2]), "値引") {
		out := slices.Clone(rec)
		out[0] = s.LastDate
		return out, ""
	}
	return nil, ""
}

// aeonDate reads イオンカード's YYMMDD dates (241130), and year-first ones.
func aeonDate(text string) (civil.Date, bool) {
	s := textenc.Fold(text)
	if len(s) == 6 && textenc.AllDigits(s) {
		y, _ := strconv.Atoi(s[:2])
		m, _ := strconv.Atoi(s[2:4])
		d, _ := strconv.Atoi(s[4:])
		return civil.NewDate(2000+y, m, d)
	}
	d, err := civil.ParseDate(s)
	return d, err == nil
}

// payPayCard is PayPayカード's ご利用明細: UTF-8 in the files seen, every field
// quoted, one header row; newer files add 決済方法 after 利用者, and the
// Yahoo! JAPANカード export before it has 利用日 for 利用日/キャンセル日 and
// stops at 翌月以降繰越金額. A cancellation is dated the day it was made and
// written negative. The file names no card.
var payPayCard = jpCard("paypay-card", "PayPayカード (also Yahoo! JAPANカード)",
	`"利用日/キャンセル日","利用店名・商品名","利用者","支払区分","利用金額","手数料","支払総額","当月支払金額","翌月以降繰越金額","調整額","当月お支払日"`,
	&table.TableSpec{
		Header: []string{"利用店名・商品名", "利用者", "支払区分", "利用金額", "支払総額", "当月支払金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"利用日/キャンセル日", "利用日"},
			table.ColDescription: {"利用店名・商品名"},
			table.ColAmount:      {"利用金額"},
		},
		Signs:    table.ChargesPositive,
		Currency: "JPY",
	})

// viewCard is ビューカード's ご利用明細 (JR東日本): lines for 会員番号 (the
// masked card number, the account), 対象カード, お支払日 and 今回お支払金額, a
// blank line, the header, then for each card a line with its masked number
// and holder ("****-****-****-1234 <氏名>") before its rows. Charges are in
// ご利用額 and refunds in their own column, 払戻額, both unsigned; 現地通貨額
// and 通貨略称 give the foreign amount.
var viewCard = jpCard("view-card", "ビューカード (JR東日本)",
	"ご利用年月日,ご利用箇所,ご利用額,払戻額,ご請求額（うち手数料・利息）,支払区分（回数）,今回回数,今回ご請求額・弁済金（うち手数料・利息）,現地通貨額,通貨略称,換算レート",
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"ご利用年月日", "ご利用箇所", "ご利用額", "払戻額", "ご請求額", "今回回数"},
		Columns: map[table.Column][]string{
			table.ColUseDate:      {"ご利用年月日"},
			table.ColDescription:  {"ご利用箇所"},
			table.ColDebit:        {"ご利用額"},
			table.ColCredit:       {"払戻額"},
			table.ColOrigAmount:   {"現地通貨額"},
			table.ColOrigCurrency: {"通貨略称"},
		},
		Signs:       table.ChargesPositive,
		Currency:    "JPY",
		AccountLine: regexp.MustCompile(`^会員番号,([0-9*＊-]+)`),
		Hook: func(s *table.RowState, rec []string) ([]string, string) {
			if text, ok := titleRow(rec); ok {
				if n := cardNumber(text); n != "" && (len(textenc.Fold(text)) == len(n) || textenc.Fold(text)[len(n)] == ' ') {
					s.Account = n
					return nil, SkipBlock
				}
			}
			return nil, ""
		},
	})

// nicosCard is 三菱UFJニコス's ご利用明細 (MUFGカード, DCカード, NICOSカード):
// every field quoted, one header row. 新規利用額 is what a purchase cost, and
// 今回請求額 what is billed of it this time: a row with 新規利用額 0 bills a
// later instalment of an earlier purchase. The older 三菱東京UFJ-VISA export
// writes 通貨 and 為替相場 for 通貨略称 and 換算レート. The file names no card.
var nicosCard = jpCard("mufg-nicos", "三菱UFJニコス (MUFGカード, DCカード, NICOSカード)",
	`"利用日","利用者","利用区分","利用内容","新規利用額","今回請求額","支払回数","現地通貨額","通貨略称","換算レート","備考"`,
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"利用日", "利用者", "利用区分", "利用内容", "新規利用額", "今回請求額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:      {"利用日"},
			table.ColDescription:  {"利用内容"},
			table.ColAmount:       {"新規利用額"},
			table.ColOrigAmount:   {"現地通貨額"},
			table.ColOrigCurrency: {"通貨略称", "通貨"},
		},
		Signs:    table.ChargesPositive,
		Currency: "JPY",
		Hook: func(_ *table.RowState, rec []string) ([]string, string) {
			if len(rec) > 5 && isZero(rec[4]) && strings.TrimSpace(rec[5]) != "" && !isZero(rec[5]) {
				return nil, SkipInstalment
			}
			return nil, ""
		},
	})

// isZero reports whether cell is an amount of zero.
func isZero(cell string) bool {
	amt, _, err := money.ParseAmount(cell)
	return err == nil && amt.IsZero()
}

// lifeCard is ライフカード's ご利用明細: a long preamble (支払日, 会員氏名,
// カード名 — the account —, the amounts billed and the credit lines), the
// header, the rows, and then tables titled "…内訳表" (instalments, revolving
// balance) that are not transactions.
var lifeCard = jpCard("life-card", "ライフカード",
	"明細No.,契約,回数,利用日,利用先,利用金額,ATM利用料,手数料,支払総額,支払回数/何回目,当月支払金額,支払残高",
	&table.TableSpec{
		Encoding: textenc.EncCP932,
		Header:   []string{"明細no.", "契約", "利用日", "利用先", "利用金額", "支払総額", "当月支払金額"},
		Columns: map[table.Column][]string{
			table.ColUseDate:     {"利用日"},
			table.ColDescription: {"利用先"},
			table.ColAmount:      {"利用金額"},
		},
		Signs:       table.ChargesPositive,
		Currency:    "JPY",
		AccountLine: regexp.MustCompile(`^カード名,([^,]+)`),
		Hook: func(s *table.RowState, rec []string) ([]string, string) {
			reason, _ := trailingTables(s, rec, func(t string) bool { return strings.HasSuffix(t, "内訳表") })
			return nil, reason
		},
	})
