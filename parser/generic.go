package parser

import "io"

// FormatGeneric is the name of the reader for CSV files with a recognisable header.
const FormatGeneric = "generic"

// genericColumns lists, per column kind, the header cells (folded) that name
// it in files of no known format. Earlier names win when a file has several
// columns of one kind.
var genericColumns = map[column][]string{
	colPostDate:     {"posting date", "post date", "posted date", "booking date", "clearing date", "buchungstag", "計上日"},
	colDate:         {"date", "日付", "取引日", "年月日", "datum"},
	colUseDate:      {"transaction date", "trans. date", "trans date", "利用日", "ご利用日", "ご利用年月日", "利用年月日", "利用日/キャンセル日", "belegdatum"},
	colDescription:  {"description", "payee", "merchant", "name", "transaction description", "narrative", "利用店名・商品名", "利用店名", "ご利用店名", "ご利用先", "ご利用先など", "ご利用店名及び商品名", "ご利用箇所", "ご利用場所", "利用内容", "摘要", "お取り扱い内容", "取引内容", "入出金内容", "内容", "beschreibung", "buchungstext"},
	colAmount:       {"amount", "transaction amount", "利用金額", "ご利用金額", "ご利用額", "金額", "入出金", "betrag"},
	colDebit:        {"debit", "debit amount", "withdrawal", "withdrawals", "money out", "paid out", "支払い金額", "出金金額", "お引出し", "払出金額", "お支払金額"},
	colCredit:       {"credit", "credit amount", "deposit", "deposits", "money in", "paid in", "預かり金額", "入金金額", "お預入れ", "受入金額", "払戻額"},
	colCurrency:     {"currency", "通貨", "währung"},
	colOrigAmount:   {"original amount", "local amount", "foreign amount", "amount (foreign currency)", "現地通貨額"},
	colOrigCurrency: {"original currency", "local currency", "foreign currency", "通貨略称"},
	colAccount:      {"card no.", "card number", "card", "account", "account number", "account #", "カード番号"},
}

// genericDelimiters are the separators tried on files of no known format.
var genericDelimiters = []rune{',', ';', '\t'}

func genericSpec(delim rune) *TableSpec {
	return &TableSpec{Delimiter: delim, Columns: genericColumns, Signs: SignsInfer}
}

// genericFormat reads any CSV whose header names a date, a description and
// an amount or debit/credit columns, inferring the sign convention.
var genericFormat = &Format{
	Name:    FormatGeneric,
	Issuer:  "any CSV with a header naming a date, a description and an amount",
	Example: "Date,Description,Amount",
	Sniff: func(head []byte) bool {
		_, ok := genericDelimiter(head)
		return ok
	},
	Read: func(name string, text io.Reader, enc string, opts ReadOptions) (*Statement, error) {
		br, head, err := peekDecoded(text)
		if err != nil {
			return nil, &Error{File: name, Err: err}
		}
		delim, ok := genericDelimiter(head)
		if !ok {
			delim = ','
		}
		return readTable(genericSpec(delim), FormatGeneric, name, br, enc, opts)
	},
}

// genericDelimiter finds the separator under which head has a generic header.
func genericDelimiter(head []byte) (rune, bool) {
	for _, d := range genericDelimiters {
		if genericSpec(d).detect(head) {
			return d, true
		}
	}
	return 0, false
}
