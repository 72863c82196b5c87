package formats

import (
	"regexp"
	"strings"
	"time"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/table"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// United Kingdom and European Union banks and card issuers.
var euFormats = []*parser.Format{
	monzo, monzo2018, barclaycard, revolut,
	n26, n26German2017, n26English2017,
	dkb, dkbVisa, dkbOld, dkbVisaOld,
	sparkasseCAMT, sparkasseMT940, sparkasseCard,
	ingDE, ingNL, commerzbank, postbank,
}

// Monzo's export since about 2019: DD/MM/YYYY dates with the time apart,
// Amount signed (money out negative) in the account's currency, Local
// amount and currency as spent. Name is Monzo's cleaned merchant name
// ("Amazon"); Description the card scheme's text, joined after it.
var monzo = &parser.Format{
	Name:    "monzo",
	Issuer:  "Monzo",
	Country: "GB",
	Example: "Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In",
	Table: &table.TableSpec{
		Header: []string{"transaction id", "date", "time", "name", "emoji", "amount", "currency", "local amount", "local currency"},
		Columns: map[table.Column][]string{
			table.ColDate:         {"date"},
			table.ColDescription:  {"name"},
			table.ColMemo:         {"description"},
			table.ColAmount:       {"amount"},
			table.ColCurrency:     {"currency"},
			table.ColOrigAmount:   {"local amount"},
			table.ColOrigCurrency: {"local currency"},
		},
		DateOrder: civil.OrderDMY,
		Signs:     table.ChargesNegative,
		Currency:  "GBP",
	},
}

// monzo2018 is Monzo's first export layout: "2018-02-25 12:34:56 +0000"
// timestamps, amount signed (money out negative).
var monzo2018 = &parser.Format{
	Name:    "monzo-2018",
	Issuer:  "Monzo (2018 export)",
	Country: "GB",
	Example: "id,created,amount,currency,local_amount,local_currency,category,emoji,description,address,notes,receipt",
	Table: &table.TableSpec{
		Header: []string{"id", "created", "amount", "currency", "local_amount", "local_currency", "emoji", "description"},
		Columns: map[table.Column][]string{
			table.ColDate:         {"created"},
			table.ColDescription:  {"description"},
			table.ColAmount:       {"amount"},
			table.ColCurrency:     {"currency"},
			table.ColOrigAmount:   {"local_amount"},
			table.ColOrigCurrency: {"local_currency"},
		},
		Signs:    table.ChargesNegative,
		Currency: "GBP",
	},
}

// barclaycardDate matches Barclaycard's "10 Feb 18".
var barclaycardDate = regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} \d{2}$`)

// parseBarclaycardDate reads "10 Feb 18".
func parseBarclaycardDate(s string) (civil.Date, bool) {
	s = strings.TrimSpace(s)
	if !barclaycardDate.MatchString(s) {
		return civil.Date{}, false
	}
	t, err := time.Parse("2 Jan 06", s)
	if err != nil {
		return civil.Date{}, false
	}
	return civil.NewDate(t.Year(), int(t.Month()), t.Day())
}

// barclaycard is Barclaycard's card export: no header, seven columns
// date, description, card scheme, cardholder, category, then two amount
// columns. In the published sample a purchase of 20.59 (its description
// repeats "20.59 POUND STERLING") stands in the seventh column with the
// sixth empty, so the seventh is read as the amount, charges positive (a
// minus there is a credit); a row with only the sixth column filled is a
// credit.
var barclaycard = &parser.Format{
	Name:    "barclaycard",
	Issuer:  "Barclaycard",
	Country: "GB",
	Example: `10 Feb 18," Shop Name, AnyTown20.59 POUND STERLING GREAT BRITAIN ",Visa,MR A SURNAME,Household,,20.59`,
	Table: &table.TableSpec{
		Headerless: true,
		Positions:  map[table.Column]int{table.ColDate: 1, table.ColDescription: 2, table.ColCredit: 6, table.ColAmount: 7},
		DataRow: func(rec []string) bool {
			if len(rec) != 7 {
				return false
			}
			if _, ok := parseBarclaycardDate(rec[0]); !ok {
				return false
			}
			amounts := 0
			for _, c := range rec[5:7] {
				if strings.TrimSpace(c) == "" {
					continue
				}
				if _, _, err := money.ParseAmount(c); err != nil {
					return false
				}
				amounts++
			}
			return amounts == 1
		},
		ParseDate: parseBarclaycardDate,
		Signs:     table.ChargesPositive,
		Currency:  "GBP",
	},
}

// revolut is Revolut's account statement CSV. Only COMPLETED rows count;
// PENDING, REVERTED (and DECLINED) rows are skipped under their state.
// Amount is signed (money out negative) and excludes Fee, Revolut's own
// charge (weekend exchange, ATM): the amount is what the merchant took, so
// it is what an Amazon order matches, and the fee is not added to it.
var revolut = &parser.Format{
	Name:    "revolut",
	Issuer:  "Revolut",
	Country: "GB",
	Example: "Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance",
	Table: &table.TableSpec{
		Header: []string{"type", "product", "started date", "completed date", "description", "amount", "fee", "currency", "state"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"completed date"},
			table.ColUseDate:     {"started date"},
			table.ColDescription: {"description"},
			table.ColAmount:      {"amount"},
			table.ColCurrency:    {"currency"},
			table.ColStatus:      {"state"},
		},
		Booked: []string{"COMPLETED"},
		Signs:  table.ChargesNegative,
	},
}

// n26 is N26's current export (English headers, whatever the app
// language): ISO dates, amounts with a decimal point, money out negative.
// Account Name is the N26 space the row belongs to.
var n26 = &parser.Format{
	Name:    "n26",
	Issuer:  "N26",
	Country: "DE",
	Example: `"Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate"`,
	Table: &table.TableSpec{
		Header: []string{"booking date", "value date", "partner name", "partner iban", "payment reference", "account name", "amount", "original amount"},
		Columns: map[table.Column][]string{
			table.ColPostDate:     {"booking date"},
			table.ColDescription:  {"partner name"},
			table.ColMemo:         {"payment reference"},
			table.ColAmount:       {"amount"},
			table.ColOrigAmount:   {"original amount"},
			table.ColOrigCurrency: {"original currency"},
			table.ColAccount:      {"account name"},
		},
		Signs:    table.ChargesNegative,
		Currency: "EUR",
	},
}

// n26German2017 is N26's older export with German headers.
var n26German2017 = &parser.Format{
	Name:    "n26-de-2017",
	Issuer:  "N26 (older German export)",
	Country: "DE",
	Example: "Datum,Empfänger,Kontonummer,Transaktionstyp,Verwendungszweck,Kategorie,Betrag (EUR),Betrag (Fremdwährung),Fremdwährung,Wechselkurs",
	Table: &table.TableSpec{
		Header: []string{"datum", "empfänger", "kontonummer", "transaktionstyp", "verwendungszweck", "kategorie", "betrag", "betrag (fremdwährung)"},
		Columns: map[table.Column][]string{
			table.ColDate:         {"datum"},
			table.ColDescription:  {"empfänger"},
			table.ColMemo:         {"verwendungszweck"},
			table.ColAmount:       {"betrag"},
			table.ColOrigAmount:   {"betrag (fremdwährung)"},
			table.ColOrigCurrency: {"fremdwährung"},
		},
		Signs:    table.ChargesNegative,
		Currency: "EUR",
	},
}

// n26English2017 is N26's older export with English headers.
var n26English2017 = &parser.Format{
	Name:    "n26-en-2017",
	Issuer:  "N26 (older English export)",
	Country: "DE",
	Example: `"Date","Payee","Account number","Transaction type","Payment reference","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"`,
	Table: &table.TableSpec{
		Header: []string{"date", "payee", "account number", "transaction type", "payment reference", "amount", "amount (foreign currency)", "type foreign currency"},
		Columns: map[table.Column][]string{
			table.ColDate:         {"date"},
			table.ColDescription:  {"payee"},
			table.ColMemo:         {"payment reference"},
			table.ColAmount:       {"amount"},
			table.ColOrigAmount:   {"amount (foreign currency)"},
			table.ColOrigCurrency: {"type foreign currency"},
		},
		Signs:    table.ChargesNegative,
		Currency: "EUR",
	},
}

// germanBank is the layout German banks share: semicolons, day-first dates
// with dots, decimal comma, money out negative, euros.
func germanBank(spec table.TableSpec) *table.TableSpec {
	spec.Delimiter = ';'
	spec.DateOrder = civil.OrderDMY
	spec.DecimalComma = true
	if spec.Signs == table.SignsInfer {
		spec.Signs = table.ChargesNegative
	}
	if spec.Currency == "" {
		spec.Currency = "EUR"
	}
	return &spec
}

// ibanLine finds an account number in a preamble record "<label>;<IBAN>",
// optionally followed by " / <account name>".
func ibanLine(label string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + label + `);\s*([A-Z]{2}\d{2}(?: ?[0-9A-Z]{1,4}){3,9}|\d{6,10})\s*(?:/[^;]*)?(?:;\s*)*$`)
}

// dkb is DKB's export since 2023: UTF-8 (with a BOM since 2025), every
// field quoted, a preamble naming the account ("Girokonto";"DE…"), dates
// 08.12.25, amounts "-62,3", "200" or "-1.234,56 €". Only Gebucht rows
// count; Vorgemerkt ones are skipped. The payee column names the other
// party of money out, the payer column that of money in.
var dkb = &parser.Format{
	Name:    "dkb",
	Issuer:  "DKB (Girokonto, Tagesgeld)",
	Country: "DE",
	Example: `"Buchungsdatum";"Wertstellung";"Status";"Zahlungspflichtige*r";"Zahlungsempfänger*in";"Verwendungszweck";"Umsatztyp";"IBAN";"Betrag (€)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz"`,
	Table: germanBank(table.TableSpec{
		Header: []string{"buchungsdatum", "wertstellung", "status", "zahlungspflichtige*r", "zahlungsempfänger*in", "verwendungszweck", "umsatztyp", "betrag"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"buchungsdatum"},
			table.ColDescription: {"zahlungsempfänger*in"},
			table.ColPayer:       {"zahlungspflichtige*r"},
			table.ColMemo:        {"verwendungszweck"},
			table.ColAmount:      {"betrag"},
			table.ColStatus:      {"status"},
		},
		Booked:      []string{"Gebucht"},
		AccountLine: ibanLine(`[^;]*`),
		LazyQuotes:  true,
	}),
}

// foreignAmount reads a foreign amount written with its currency code
// ("12,34 USD", "USD 12,34").
var foreignAmount = regexp.MustCompile(`^(?:([A-Z]{3})\s*)?(-?[0-9.]*[0-9](?:,[0-9]+)?)(?:\s*([A-Z]{3}))?$`)

// enrichForeign sets the foreign amount from a cell like "12,34 USD".
func enrichForeign(col int) func(x *parser.Transaction, rec []string) {
	return func(x *parser.Transaction, rec []string) {
		if col >= len(rec) {
			return
		}
		m := foreignAmount.FindStringSubmatch(textenc.Fold(rec[col]))
		if m == nil || (m[1] == "") == (m[3] == "") {
			return
		}
		amt, _, err := money.ParseDecimalComma(m[2])
		if err != nil {
			return
		}
		x.OrigAmount, x.OrigCurrency = amt.Abs(), m[1]+m[3]
		if x.OrigCurrency == x.Currency {
			x.OrigAmount, x.OrigCurrency = decimal.Decimal{}, ""
		}
	}
}

// dkbVisa is DKB's credit card export since 2023: a preamble naming the
// card ("Karte";"Visa 1234 •••• •••• 9876"), spending negative, credits
// (Gutschrift, the monthly settlement) positive.
var dkbVisa = &parser.Format{
	Name:    "dkb-visa",
	Issuer:  "DKB (Visa)",
	Country: "DE",
	Example: `"Belegdatum";"Wertstellung";"Status";"Beschreibung";"Umsatztyp";"Betrag";"Fremdwährungsbetrag"`,
	Table: germanBank(table.TableSpec{
		Header: []string{"belegdatum", "wertstellung", "status", "beschreibung", "umsatztyp", "betrag", "fremdwährungsbetrag"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"wertstellung"},
			table.ColUseDate:     {"belegdatum"},
			table.ColDescription: {"beschreibung"},
			table.ColAmount:      {"betrag"},
			table.ColStatus:      {"status"},
		},
		Booked:      []string{"Gebucht"},
		AccountLine: regexp.MustCompile(`^Karte;[^;]*?([0-9•*]{4} [0-9•*]{4} [0-9•*]{4} [0-9•*]{4})\s*;*$`),
		Enrich:      enrichForeign(6),
		LazyQuotes:  true,
	}),
}

// dkbOld is DKB's giro export until 2023: CP1252, a preamble with
// "Kontonummer:";"DE… / Girokonto", dates 19.10.2018, a trailing ";".
var dkbOld = &parser.Format{
	Name:    "dkb-old",
	Issuer:  "DKB (Girokonto, export until 2023)",
	Country: "DE",
	Example: `"Buchungstag";"Wertstellung";"Buchungstext";"Auftraggeber / Begünstigter";"Verwendungszweck";"Kontonummer";"BLZ";"Betrag (EUR)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz"`,
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"buchungstag", "wertstellung", "buchungstext", "auftraggeber / begünstigter", "verwendungszweck", "kontonummer", "blz", "betrag"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"buchungstag"},
			table.ColDescription: {"auftraggeber / begünstigter"},
			table.ColMemo:        {"verwendungszweck"},
			table.ColAmount:      {"betrag"},
		},
		AccountLine: ibanLine(`Kontonummer:`),
	}),
}

// dkbVisaOld is DKB's credit card export until 2023: CP1252, a preamble
// with "Kreditkarte:";"1234********5678 Kreditkarte". The first column
// says whether the row is settled; both kinds are charges made.
var dkbVisaOld = &parser.Format{
	Name:    "dkb-visa-old",
	Issuer:  "DKB (Visa, export until 2023)",
	Country: "DE",
	Example: `"Umsatz abgerechnet und nicht im Saldo enthalten";"Wertstellung";"Belegdatum";"Beschreibung";"Betrag (EUR)";"Ursprünglicher Betrag";`,
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"wertstellung", "belegdatum", "betrag", "ursprünglicher betrag"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"wertstellung"},
			table.ColUseDate:     {"belegdatum"},
			table.ColDescription: {"beschreibung", "umsatzbeschreibung"},
			table.ColAmount:      {"betrag"},
		},
		AccountLine: regexp.MustCompile(`^Kreditkarte:;\s*([0-9*]{12,19})\b`),
		Enrich:      enrichForeign(5),
	}),
}

// sparkasseColumns are the columns both Sparkasse CSV exports share: the
// account (Auftragskonto) on every row, and Info, which is "Umsatz
// gebucht" for booked rows and "Umsatz vorgemerkt" for pending ones.
var sparkasseColumns = map[table.Column][]string{
	table.ColPostDate:    {"buchungstag"},
	table.ColDescription: {"beguenstigter/zahlungspflichtiger"},
	table.ColMemo:        {"verwendungszweck"},
	table.ColAmount:      {"betrag"},
	table.ColCurrency:    {"waehrung"},
	table.ColAccount:     {"auftragskonto"},
	table.ColStatus:      {"info"},
}

// sparkasseCAMT is the Sparkassen's "CSV-CAMT" export (17 columns, CP1252,
// every field quoted, dates 05.12.25, amounts -1143,41).
var sparkasseCAMT = &parser.Format{
	Name:    "sparkasse-camt",
	Issuer:  "Sparkasse (CSV-CAMT)",
	Country: "DE",
	Example: `"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"`,
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"auftragskonto", "buchungstag", "valutadatum", "buchungstext", "verwendungszweck", "glaeubiger id", "beguenstigter/zahlungspflichtiger", "kontonummer/iban", "betrag", "waehrung", "info"},
		Columns:  sparkasseColumns,
		Booked:   []string{"Umsatz gebucht"},
	}),
}

// sparkasseMT940 is the Sparkassen's "CSV-MT940" export (11 columns; the
// purpose carries SEPA tags EREF+ MREF+ CRED+ SVWZ+).
var sparkasseMT940 = &parser.Format{
	Name:    "sparkasse-mt940",
	Issuer:  "Sparkasse (CSV-MT940)",
	Country: "DE",
	Example: `"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Beguenstigter/Zahlungspflichtiger";"Kontonummer";"BLZ";"Betrag";"Waehrung";"Info"`,
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"auftragskonto", "buchungstag", "valutadatum", "buchungstext", "verwendungszweck", "beguenstigter/zahlungspflichtiger", "kontonummer", "blz", "betrag", "waehrung", "info"},
		Columns:  sparkasseColumns,
		Booked:   []string{"Umsatz gebucht"},
	}),
}

// sparkasseCard is the Sparkassen's credit card export (CP1252): the card
// on every row, spending negative, the amount as spent beside it.
var sparkasseCard = &parser.Format{
	Name:    "sparkasse-card",
	Issuer:  "Sparkasse (Kreditkarte)",
	Country: "DE",
	Example: `"Umsatz getätigt von";"Belegdatum";"Buchungsdatum";"Originalbetrag";"Originalwährung";"Umrechnungskurs";"Buchungsbetrag";"Buchungswährung";"Transaktionsbeschreibung";"Transaktionsbeschreibung Zusatz";"Buchungsreferenz";"Gebührenschlüssel";"Länderkennzeichen";"BAR-Entgelt+Buchungsreferenz";"AEE+Buchungsreferenz";"Abrechnungskennzeichen"`,
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"umsatz getätigt von", "belegdatum", "buchungsdatum", "originalbetrag", "originalwährung", "buchungsbetrag", "buchungswährung", "transaktionsbeschreibung"},
		Columns: map[table.Column][]string{
			table.ColPostDate:     {"buchungsdatum"},
			table.ColUseDate:      {"belegdatum"},
			table.ColDescription:  {"transaktionsbeschreibung"},
			table.ColMemo:         {"transaktionsbeschreibung zusatz"},
			table.ColAmount:       {"buchungsbetrag"},
			table.ColCurrency:     {"buchungswährung"},
			table.ColOrigAmount:   {"originalbetrag"},
			table.ColOrigCurrency: {"originalwährung"},
			table.ColAccount:      {"umsatz getätigt von"},
		},
	}),
}

// ingDE is ING Germany's export: CP1252, a preamble with "IBAN;DE…",
// dates 09.12.2025. Since 2025 the header is Buchung;Wertstellungsdatum;
// …;Betrag;Währung; older files have Valuta and a Saldo;Währung pair
// before Betrag;Währung.
var ingDE = &parser.Format{
	Name:    "ing-de",
	Issuer:  "ING (Deutschland)",
	Country: "DE",
	Example: "Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung",
	Table: germanBank(table.TableSpec{
		Encoding: textenc.EncCP1252,
		Header:   []string{"buchung", "auftraggeber/empfänger", "buchungstext", "verwendungszweck", "betrag", "währung"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"buchung"},
			table.ColDescription: {"auftraggeber/empfänger"},
			table.ColMemo:        {"verwendungszweck"},
			table.ColAmount:      {"betrag"},
		},
		AccountLine: ibanLine(`IBAN`),
		Hook:        ingShortRow,
	}),
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

// ingShortRow realigns a 2025 layout row that lacks one text field
// (published exports show "Rente;<purpose>;2.647,74;EUR" without
// Buchungstext): its amount and currency still close it, so the missing
// field is taken to be Buchungstext.
func ingShortRow(_ *table.RowState, rec []string) ([]string, string) {
	if len(rec) != 6 || !currencyCode.MatchString(strings.TrimSpace(rec[5])) {
		return nil, ""
	}
	if _, _, err := money.ParseDecimalComma(rec[4]); err != nil {
		return nil, ""
	}
	return []string{rec[0], rec[1], rec[2], "", rec[3], rec[4], rec[5]}, ""
}

// ingNL is ING Netherlands' export: comma separated, YYYYMMDD dates, an
// unsigned amount with a decimal comma whose sign "Af Bij" gives (Af money
// out, Bij money in), the own account in Rekening.
var ingNL = &parser.Format{
	Name:    "ing-nl",
	Issuer:  "ING (Nederland)",
	Country: "NL",
	Example: `Datum,"Naam / Omschrijving","Rekening","Tegenrekening","Code","Af Bij","Bedrag (EUR)","MutatieSoort","Mededelingen"`,
	Table: &table.TableSpec{
		Header: []string{"datum", "naam / omschrijving", "rekening", "tegenrekening", "af bij", "bedrag", "mutatiesoort"},
		Columns: map[table.Column][]string{
			table.ColDate:        {"datum"},
			table.ColDescription: {"naam / omschrijving"},
			table.ColMemo:        {"mededelingen"},
			table.ColAmount:      {"bedrag"},
			table.ColDirection:   {"af bij"},
			table.ColAccount:     {"rekening"},
		},
		Credit:       []string{"Bij"},
		DecimalComma: true,
		Signs:        table.ChargesPositive,
		Currency:     "EUR",
	},
}

// commerzbank is Commerzbank's export: UTF-8 with BOM, CRLF, the own IBAN
// on every row, payee and purpose together in Buchungstext. Rows with a
// zero amount are notices (account statements closed, terms changed).
var commerzbank = &parser.Format{
	Name:    "commerzbank",
	Issuer:  "Commerzbank",
	Country: "DE",
	Example: "Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;IBAN Kontoinhaber;Kategorie",
	Table: germanBank(table.TableSpec{
		Header: []string{"buchungstag", "wertstellung", "umsatzart", "buchungstext", "betrag", "währung", "iban kontoinhaber"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"buchungstag"},
			table.ColDescription: {"buchungstext"},
			table.ColAmount:      {"betrag"},
			table.ColCurrency:    {"währung"},
			table.ColAccount:     {"iban kontoinhaber"},
		},
		Hook: func(_ *table.RowState, rec []string) ([]string, string) {
			if len(rec) > 4 {
				if amt, _, err := money.ParseDecimalComma(rec[4]); err == nil && amt.IsZero() {
					return nil, parser.SkipNote
				}
			}
			return nil, ""
		},
	}),
}

// postbank is the export Postbank and Deutsche Bank share since 2023:
// UTF-8 with BOM, a preamble (with "IBAN;DE…" in Deutsche Bank's), dates
// 2.1.2026, money out in Soll (negative), money in in Haben, and a
// closing "Kontostand" row.
var postbank = &parser.Format{
	Name:    "postbank",
	Issuer:  "Postbank / Deutsche Bank",
	Country: "DE",
	Example: "Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN / Kontonummer;BIC;Kundenreferenz;Mandatsreferenz;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung",
	Table: germanBank(table.TableSpec{
		Header: []string{"buchungstag", "wert", "umsatzart", "begünstigter / auftraggeber", "verwendungszweck", "soll", "haben", "währung"},
		Columns: map[table.Column][]string{
			table.ColPostDate:    {"buchungstag"},
			table.ColDescription: {"begünstigter / auftraggeber"},
			table.ColMemo:        {"verwendungszweck"},
			table.ColDebit:       {"soll"},
			table.ColCredit:      {"haben"},
			table.ColCurrency:    {"währung"},
		},
		AccountLine: ibanLine(`IBAN`),
		Hook: func(_ *table.RowState, rec []string) ([]string, string) {
			if strings.EqualFold(strings.TrimSpace(rec[0]), "Kontostand") {
				return nil, parser.SkipTotal
			}
			return nil, ""
		},
	}),
}
