package formats

import (
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/table"
)

// United States card issuers and banks. They write UTF-8 or ASCII, dates
// month first (04/26/2024) and US dollars; each issuer has its own sign
// convention, which the formats below state instead of inferring it.
//
// American Express's short export ("Date,Description,Amount") has nothing
// that tells it from any other bank's file, so it is left to the generic
// reader, which infers its signs.
var usFormats = []*parser.Format{
	chaseCard, chaseChecking, amex, amexUK, capitalOne, citi, discover,
	bofaCard, bofaChecking, wellsFargo, appleCard, usBank, mint,
}

// usTable is the layout most US exports share: a header, month-first dates,
// US dollars.
func usTable(header []string, cols map[table.Column][]string, signs table.Signs) *table.TableSpec {
	return &table.TableSpec{Header: header, Columns: cols, DateOrder: civil.OrderMDY, Signs: signs, Currency: "USD"}
}

// chaseCard is Chase's credit card activity export. Purchases (Type "Sale")
// are negative, payments and returns positive. Data rows often end with an
// empty Memo, and the column order varies between downloads.
var chaseCard = &parser.Format{
	Name:    "chase-card",
	Issuer:  "Chase (credit cards)",
	Country: "US",
	Example: "Transaction Date,Post Date,Description,Category,Type,Amount,Memo",
	Table: usTable(
		[]string{"transaction date", "post date", "description", "category", "type", "amount", "memo"},
		map[table.Column][]string{
			table.ColPostDate:    {"post date"},
			table.ColUseDate:     {"transaction date"},
			table.ColDescription: {"description"},
			table.ColAmount:      {"amount"},
		}, table.ChargesNegative),
}

// chaseChecking is Chase's checking and savings activity export: signed
// amounts, money out negative, Details DEBIT/CREDIT/CHECK/DSLIP. Each data
// row ends with one more (empty) field than the header has.
var chaseChecking = &parser.Format{
	Name:    "chase-checking",
	Issuer:  "Chase (checking and savings)",
	Country: "US",
	Example: "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #",
	Table: usTable(
		[]string{"details", "posting date", "description", "amount", "type", "balance", "check or slip #"},
		map[table.Column][]string{
			table.ColPostDate:    {"posting date"},
			table.ColDescription: {"description"},
			table.ColAmount:      {"amount"},
		}, table.ChargesNegative),
}

// amexColumns are the columns of American Express's long export, in the US
// and the UK alike; "Account #" is the card as the file masks it ("-11016"),
// one per card member.
var amexColumns = map[table.Column][]string{
	table.ColDate:        {"date"},
	table.ColDescription: {"description"},
	table.ColAmount:      {"amount"},
	table.ColAccount:     {"account #"},
}

// amex is American Express's long export (US), with or without the extended
// details that follow Amount (multi-line quoted cells). Charges positive,
// payments and credits negative.
var amex = &parser.Format{
	Name:    "amex",
	Issuer:  "American Express (US)",
	Country: "US",
	Example: "Date,Description,Card Member,Account #,Amount",
	Table: usTable(
		[]string{"date", "description", "card member", "account #", "amount"},
		amexColumns, table.ChargesPositive),
}

// amexUK is American Express's long export from the UK: the same columns
// with Town/City and Postcode, dates day first, pounds sterling. A UK export
// without the extended columns cannot be told from a US one: it is read as
// amex, month first, where a day above 12 stops it as an invalid date.
var amexUK = &parser.Format{
	Name:    "amex-uk",
	Issuer:  "American Express (UK)",
	Country: "GB",
	Example: "Date,Description,Card Member,Account #,Amount,Extended Details,Appears On Your Statement As,Address,Town/City,Postcode,Country,Reference,Category",
	Table: &table.TableSpec{
		Header:    []string{"date", "description", "card member", "account #", "amount", "town/city", "postcode"},
		Columns:   amexColumns,
		DateOrder: civil.OrderDMY,
		Signs:     table.ChargesPositive,
		Currency:  "GBP",
	},
}

// capitalOne is Capital One's card export: ISO dates, the card's last four
// digits, and separate Debit and Credit columns, both written positive.
var capitalOne = &parser.Format{
	Name:    "capital-one",
	Issuer:  "Capital One (credit cards)",
	Country: "US",
	Example: "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit",
	Table: usTable(
		[]string{"transaction date", "posted date", "card no.", "description", "category", "debit", "credit"},
		map[table.Column][]string{
			table.ColPostDate:    {"posted date"},
			table.ColUseDate:     {"transaction date"},
			table.ColAccount:     {"card no."},
			table.ColDescription: {"description"},
			table.ColDebit:       {"debit"},
			table.ColCredit:      {"credit"},
		}, table.ChargesPositive),
}

// citi is Citi's card export: Debit positive, credits written negative in
// the Credit column, an optional Member Name. Only "Cleared" rows count;
// pending ones are skipped and counted.
var citi = &parser.Format{
	Name:    "citi",
	Issuer:  "Citi (credit cards)",
	Country: "US",
	Example: "Status,Date,Description,Debit,Credit",
	Table: func() *table.TableSpec {
		spec := usTable(
			[]string{"status", "date", "description", "debit", "credit"},
			map[table.Column][]string{
				table.ColStatus:      {"status"},
				table.ColDate:        {"date"},
				table.ColDescription: {"description"},
				table.ColDebit:       {"debit"},
				table.ColCredit:      {"credit"},
			}, table.ChargesPositive)
		spec.Booked = []string{"cleared"}
		return spec
	}(),
}

// discover is Discover's card export: purchases positive, payments and
// credits negative.
var discover = &parser.Format{
	Name:    "discover",
	Issuer:  "Discover (credit cards)",
	Country: "US",
	Example: "Trans. Date,Post Date,Description,Amount,Category",
	Table: usTable(
		[]string{"trans. date", "post date", "description", "amount", "category"},
		map[table.Column][]string{
			table.ColPostDate:    {"post date"},
			table.ColUseDate:     {"trans. date"},
			table.ColDescription: {"description"},
			table.ColAmount:      {"amount"},
		}, table.ChargesPositive),
}

// bofaCard is Bank of America's credit card export: purchases negative,
// payments and credits positive.
var bofaCard = &parser.Format{
	Name:    "bofa-card",
	Issuer:  "Bank of America (credit cards)",
	Country: "US",
	Example: "Posted Date,Reference Number,Payee,Address,Amount",
	Table: usTable(
		[]string{"posted date", "reference number", "payee", "address", "amount"},
		map[table.Column][]string{
			table.ColPostDate:    {"posted date"},
			table.ColDescription: {"payee"},
			table.ColAmount:      {"amount"},
		}, table.ChargesNegative),
}

// bofaChecking is Bank of America's checking and savings export: a summary
// (beginning and ending balance, total credits and debits) before the
// header, then a "Beginning balance as of …" row with a running balance but
// no amount, then signed rows, money out negative.
var bofaChecking = &parser.Format{
	Name:    "bofa-checking",
	Issuer:  "Bank of America (checking and savings)",
	Country: "US",
	Example: "Date,Description,Amount,Running Bal.",
	Table: func() *table.TableSpec {
		spec := usTable(
			[]string{"date", "description", "amount", "running bal."},
			map[table.Column][]string{
				table.ColDate:        {"date"},
				table.ColDescription: {"description"},
				table.ColAmount:      {"amount"},
			}, table.ChargesNegative)
		spec.Hook = func(_ *table.RowState, rec []string) ([]string, string) {
			if len(rec) > 1 && strings.HasPrefix(strings.ToLower(strings.TrimSpace(rec[1])), "beginning balance as of") {
				return nil, parser.SkipTotal
			}
			return nil, ""
		}
		return spec
	}(),
}

// wellsFargo is Wells Fargo's account activity export: no header, five
// quoted fields — date, signed amount (money out negative), "*", check
// number, description.
var wellsFargo = &parser.Format{
	Name:    "wells-fargo",
	Issuer:  "Wells Fargo",
	Country: "US",
	Example: `"12/04/2009","-12.07","*","","CHECK CRD PURCHASE 12/02 …"`,
	Table: &table.TableSpec{
		Headerless: true,
		Positions:  map[table.Column]int{table.ColDate: 1, table.ColAmount: 2, table.ColDescription: 5},
		DataRow:    isWellsFargoRow,
		DateOrder:  civil.OrderMDY,
		Signs:      table.ChargesNegative,
		Currency:   "USD",
	},
}

// isWellsFargoRow reports whether rec is a Wells Fargo row: five fields, a
// month-first date, an amount, and "*" in the third.
func isWellsFargoRow(rec []string) bool {
	if len(rec) != 5 || strings.TrimSpace(rec[2]) != "*" {
		return false
	}
	p, ok := civil.ScanDate(rec[0])
	if !ok || p.YearFirst || p.Dots {
		return false
	}
	_, _, err := money.ParseAmount(rec[1])
	return err == nil
}

// appleCard is Apple Card's export (Goldman Sachs): purchases positive,
// payments and credits negative; the clearing date is the posting date.
var appleCard = &parser.Format{
	Name:    "apple-card",
	Issuer:  "Apple Card (Goldman Sachs)",
	Country: "US",
	Example: "Transaction Date,Clearing Date,Description,Merchant,Category,Type,Amount (USD),Purchased By",
	Table: usTable(
		[]string{"transaction date", "clearing date", "description", "merchant", "category", "type", "amount", "purchased by"},
		map[table.Column][]string{
			table.ColPostDate:    {"clearing date"},
			table.ColUseDate:     {"transaction date"},
			table.ColDescription: {"description"},
			table.ColAmount:      {"amount"},
		}, table.ChargesPositive),
}

// usBank is the export of U.S. Bank and Elan cards (and other banks on the
// same online banking): signed amounts, debits negative; the Transaction
// column says DEBIT or CREDIT.
var usBank = &parser.Format{
	Name:    "us-bank",
	Issuer:  "U.S. Bank, Elan",
	Country: "US",
	Example: "Date,Transaction,Name,Memo,Amount",
	Table: usTable(
		[]string{"date", "transaction", "name", "memo", "amount"},
		map[table.Column][]string{
			table.ColDate:        {"date"},
			table.ColDescription: {"name"},
			table.ColAmount:      {"amount"},
		}, table.ChargesNegative),
}

// mint is the transaction export of Mint (an aggregator, closed in 2024):
// unsigned amounts with Transaction Type debit or credit, and the account
// each row belongs to. The description read is the bank's own text
// (Original Description), not Mint's cleaned-up merchant name.
var mint = &parser.Format{
	Name:    "mint",
	Issuer:  "Mint (aggregator export)",
	Country: "US",
	Example: `"Date","Description","Original Description","Amount","Transaction Type","Category","Account Name","Labels","Notes"`,
	Table: func() *table.TableSpec {
		spec := usTable(
			[]string{"date", "description", "original description", "amount", "transaction type", "category", "account name", "labels", "notes"},
			map[table.Column][]string{
				table.ColDate:        {"date"},
				table.ColDescription: {"original description", "description"},
				table.ColAmount:      {"amount"},
				table.ColDirection:   {"transaction type"},
				table.ColAccount:     {"account name"},
			}, table.ChargesPositive)
		spec.Credit = []string{"credit"}
		return spec
	}(),
}
