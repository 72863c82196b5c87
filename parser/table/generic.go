package table

import (
	"bytes"
	"encoding/csv"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// genericColumns lists, per column kind, the header cells (folded) that name
// it in files of no known format, in English, Japanese, German, French,
// Dutch, Italian, Spanish, Portuguese, Czech and Polish. Earlier names win
// when a file has several columns of one kind. The text columns are in
// genericTexts.
var genericColumns = map[Column][]string{
	ColPostDate: {"posting date", "post date", "posted date", "posted transactions date", "booking date", "clearing date", "date processed", "processed date", "settlement date",
		"計上日", "buchungstag", "buchungsdatum", "boekdatum", "boekingsdatum", "date comptable", "date de comptabilisation", "data contabile",
		"data registrazione", "fecha contable", "data contábil", "data de lançamento", "datum zaúčtování", "data księgowania"},
	ColDate: {"date", "日付", "取引日", "年月日", "datum", "date opération", "date de l'opération", "date d'opération", "data", "data operazione",
		"data movimento", "fecha", "fecha operación", "fecha de operación", "data da operação", "data do movimento", "transactiedatum",
		"datum provedení", "datum transakce", "data operacji", "data transakcji", "abschlussdatum", "uitvoeringsdatum"},
	ColUseDate: {"transaction date", "trans. date", "trans date", "利用日", "ご利用日", "ご利用年月日", "利用年月日", "利用日/キャンセル日", "belegdatum", "umsatzdatum"},
	ColAmount: {"amount", "transaction amount", "利用金額", "ご利用金額", "ご利用額", "金額", "入出金", "betrag", "umsatz", "bedrag", "montant", "importo",
		"importe", "valor", "monto", "částka", "zaúčtovaná částka", "objem", "kwota", "kwota operacji", "einzelbetrag"},
	ColDebit: {"debit", "debits", "debit amount", "withdrawal", "withdrawals", "withdrawal amount", "money out", "paid out", "支払い金額", "出金金額",
		"お引出し", "払出金額", "お支払金額", "soll", "belastung", "ausgang", "débit", "debet", "af", "addebiti", "addebito", "uscite", "cargo",
		"cargos", "débito", "výdaj", "obciążenia", "wypłata"},
	ColCredit: {"credit", "credits", "credit amount", "deposit", "deposits", "deposit amount", "money in", "paid in", "預かり金額", "入金金額",
		"お預入れ", "受入金額", "払戻額", "haben", "gutschrift", "eingang", "crédit", "bij", "accrediti", "accredito", "entrate", "abono",
		"abonos", "crédito", "příjem", "uznania", "wpłata"},
	ColCurrency:     {"currency", "通貨", "währung", "whg", "munt", "valutacode", "devise", "divisa", "moeda", "měna", "měna účtu", "waluta"},
	ColOrigAmount:   {"original amount", "local amount", "foreign amount", "amount (foreign currency)", "現地通貨額", "oorspr bedrag"},
	ColOrigCurrency: {"original currency", "local currency", "foreign currency", "通貨略称", "oorspr munt"},
	ColAccount: {"card no.", "card number", "card", "account", "account number", "account #", "カード番号", "iban/bban", "rekeningnummer",
		"rekening", "kontonummer", "číslo účtu", "numer rachunku"},
	ColStatus: {"status", "state", "transaction status", "stav", "estado", "statut", "stato"},
}

// genericTexts are the header cells (folded) of columns that name the
// counterparty or the purpose of a row: all of them are kept, joined, in
// this order (the counterparty first), so that Amazon is recognised in any.
var genericTexts = []string{
	// The counterparty.
	"payee", "merchant", "merchant name", "counterparty", "counter party", "beneficiary", "recipient", "payer", "název obchodníka",
	"auftraggeber / empfänger", "auftraggeber/empfänger", "beguenstigter/zahlungspflichtiger", "begünstigter/zahlungspflichtiger",
	"zahlungsempfänger", "empfänger", "auftraggeber", "name zahlungsbeteiligter", "naam / omschrijving", "naam tegenpartij",
	"tegenrekeninghouder", "naam van de tegenpartij", "tegenpartij", "name", "naam", "contrepartie", "bénéficiaire", "beneficiario", "controparte",
	"název protiúčtu", "protistrana", "nadawca / odbiorca", "nadawca/odbiorca", "odbiorca", "nazwa odbiorcy", "nazwa nadawcy",
	"利用店名・商品名", "利用店名", "ご利用店名", "ご利用先", "ご利用先など", "ご利用店名及び商品名", "ご利用箇所", "ご利用場所",
	// The description.
	"description", "transaction description", "details", "desc", "narrative", "particulars", "description1", "description2",
	"description3", "description 1", "description 2", "description 3", "beschreibung", "beschreibung1",
	"beschreibung2", "beschreibung3", "omschrijving", "omschrijving-1", "omschrijving-2", "omschrijving-3", "libellé", "libelle",
	"libellé de l'opération", "descrizione", "descripción", "concepto", "descrição", "histórico", "popis", "opis", "opis operacji",
	"opis transakcji", "transaction ref1", "transaction ref2", "transaction ref3", "利用内容", "摘要", "お取り扱い内容", "取引内容",
	"入出金内容", "内容",
	// The purpose.
	"memo", "notes", "purpose", "verwendungszweck", "zahlungszweck", "mededelingen", "mededeling", "vrije mededeling", "communication",
	"causale", "zpráva", "zpráva pro příjemce", "poznámka", "tytułem", "tytuł",
	// What kind of booking it is, last: it says least of the counterparty.
	"booking text", "buchungstext", "transaction type description",
}

// genericDirections are the header cells (folded) of columns that may say
// whether a row is a debit or a credit: such a column is one when all its
// cells are direction words (genericDebit, genericCredit).
var genericDirections = []string{
	"type", "transaction type", "details", "debit/credit", "credit/debit", "debit or credit", "dr/cr", "cr/dr", "d/c", "c/d", "cd",
	"af bij", "af/bij", "creditdebet", "credit/debet", "debet/credit", "soll/haben", "s/h", "indicator", "typ", "tipo", "sens",
	"typ transakce", "typ operacji",
}

// genericDebit and genericCredit are the direction words (folded, lower case).
var (
	genericDebit  = []string{"debit", "dr", "d", "s", "soll", "af", "debet", "lastschrift", "belastung", "withdrawal", "check", "cheque", "débit", "cargo", "addebito", "débito", "odchozí", "obciążenie"}
	genericCredit = []string{"credit", "cr", "c", "h", "haben", "bij", "gutschrift", "deposit", "dslip", "crédit", "abono", "accredito", "crédito", "příchozí", "uznanie"}
)

// genericSkipStatus are the status cells (folded, lower case) of rows that
// did not move money, or not yet: they are skipped under their status.
var genericSkipStatus = []string{"pending", "reverted", "declined", "failed", "cancelled", "canceled", "rejected", "refused",
	"vorgemerkt", "in bearbeitung", "abgelehnt", "storniert", "en attente", "rejeté", "refusé", "annulé", "in afwachting", "geweigerd",
	"geannuleerd", "pendiente", "rechazado", "rechazada", "pendente", "recusado", "recusada", "in attesa", "rifiutato", "odmítnuto",
	"čeká na zpracování", "oczekująca", "odrzucona"}

// genericDelimiters are the separators tried on files of no known format.
var genericDelimiters = []rune{',', ';', '\t'}

// GenericSpec is the generic layout under a delimiter, before its plan.
func GenericSpec(delim rune) *TableSpec {
	return &TableSpec{Delimiter: delim, Columns: genericColumns, Signs: SignsInfer}
}

// Generic reads any CSV whose columns can be told: by header words,
// or by what the cells hold.
var Generic = &parser.Format{
	Name:    parser.FormatGeneric,
	Issuer:  "any CSV whose columns can be told: a date, a description and an amount (or debit and credit)",
	Example: "Date,Description,Amount",
	Sniff: func(head []byte) bool {
		// A file whose dates and texts show a statement, but whose amount
		// columns cannot be told apart, is taken, to be refused saying so.
		plan, err := planGeneric(head)
		return plan != nil || err.line > 0
	},
	Read: func(name string, text io.Reader, enc string, opts parser.ReadOptions) (*parser.Statement, error) {
		br, head, err := peekDecoded(text)
		if err != nil {
			return nil, &parser.Error{File: name, Err: err}
		}
		plan, perr := planGeneric(head)
		if perr != nil {
			return nil, &parser.Error{File: name, Line: perr.line, Err: perr.msg}
		}
		spec := GenericSpec(plan.delim)
		spec.generic, spec.Skip = plan, plan.skip
		return readTable(spec, parser.FormatGeneric, name, br, enc, opts)
	},
}

// GenericDelimiter finds the separator under which head has columns that can be told.
func GenericDelimiter(head []byte) (rune, bool) {
	plan, err := planGeneric(head)
	if err != nil {
		return 0, false
	}
	return plan.delim, true
}

// genericPlan is how a file of no known format is read, decided once from
// its first 64 KiB: where its header is (if it has one), which column holds
// what, and how its rows say debit or credit.
type genericPlan struct {
	delim rune
	// skip is how many records come before the header (or, without one,
	// before the first row); header is false for a file without header.
	skip   int
	header bool
	layout layout
	// texts are the columns (index + 1) joined to the description, in order.
	texts        []int
	continuation bool   // rows may go on on the next line (a merchant on a line of its own)
	dateKind     Column // the kind of the date column rows are dated by
	headerCells  []string
	reading      []*msg.Message
}

// planError is why a file's columns cannot be told.
type planError struct {
	line int
	msg  *msg.Message
}

// planGeneric decides how to read head's file: by header words under the
// first delimiter that has them, else by the cells' content.
func planGeneric(head []byte) (*genericPlan, *planError) {
	var firstErr *planError
	for _, d := range genericDelimiters {
		recs := headRecords(head, d)
		plan, err := planByHeader(recs, d)
		if plan != nil {
			return plan, nil
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	for _, d := range genericDelimiters {
		recs := headRecords(head, d)
		plan, err := planByContent(recs, d)
		if plan != nil {
			return plan, nil
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr == nil {
		firstErr = &planError{msg: msg.Msgf("not a statement refundwatch can read: no known format matches, and no header naming a date, a description and an amount (or debit and credit) in its first %d rows", headerSearchRows)}
	}
	return nil, firstErr
}

// headRecord is a record of the start of a file, with its line.
type headRecord struct {
	cells []string
	line  int
}

// sampleRecords is how many records of a file's start its columns are told from.
const sampleRecords = 200

// headRecords parses the records of head, leaving out the last one when
// head was cut short of the file's end.
func headRecords(head []byte, delim rune) []headRecord {
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = delim, -1, true
	var recs []headRecord
	for len(recs) < sampleRecords {
		rec, err := r.Read()
		if err != nil {
			break
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, headRecord{rec, line})
	}
	if len(head) >= textenc.SniffSize && len(recs) > 0 && len(recs) < sampleRecords {
		recs = recs[:len(recs)-1]
	}
	return recs
}

// planByHeader finds a header among the first records whose words name a
// date, a text and an amount (or debit/credit) column.
func planByHeader(recs []headRecord, delim rune) (*genericPlan, *planError) {
	spec := GenericSpec(delim)
	for i := 0; i < len(recs) && i < headerSearchRows; i++ {
		if len(recs[i].cells) > maxColumns {
			continue
		}
		folded := make([]string, len(recs[i].cells))
		for j, c := range recs[i].cells {
			folded[j] = FoldHeader(c)
		}
		rows := recs[i+1:]
		dir := directionColumn(folded, rows)
		if dir >= 0 {
			folded[dir] = "" // not a text column, whatever its name
		}
		texts := textColumns(folded)
		if len(texts) == 0 {
			continue
		}
		// A text the same on every row (the account holder's own name)
		// says nothing of the counterparty.
		texts = slices.DeleteFunc(texts, func(c int) bool { return c != texts[0] && sameOnEveryRow(rows, c-1, len(folded)) })
		l, _ := spec.matchHeader(headerWithout(recs[i].cells, dir))
		if l.dateColumn() == ColNone || !(l.has(ColAmount) || l.has(ColDebit) || l.has(ColCredit)) {
			continue
		}
		l.col[ColDescription] = texts[0]
		if dir >= 0 {
			l.col[ColDirection] = dir + 1
		}
		for _, c := range l.col {
			l.width = max(l.width, c)
		}
		for _, c := range texts {
			l.width = max(l.width, c)
		}
		l.header = strings.Join(folded, "|")
		plan := &genericPlan{delim: delim, skip: i, header: true, layout: l, texts: texts[1:], headerCells: recs[i].cells}
		plan.continuation = hasContinuations(rows, &plan.layout)
		plan.dateKind = plan.layout.dateColumn()
		plan.describe(false)
		return plan, nil
	}
	return nil, nil
}

// sameOnEveryRow reports whether column j holds one text on at least 3
// rows of the given width, and nothing else.
func sameOnEveryRow(rows []headRecord, j, width int) bool {
	first, n := "", 0
	for _, r := range rows {
		if len(r.cells) != width {
			continue
		}
		c := strings.TrimSpace(r.cells[j])
		if n == 0 {
			first = c
		} else if c != first {
			return false
		}
		n++
	}
	return n >= 3 && first != ""
}

// headerWithout is the header with the direction column's cell blanked,
// so that matchHeader does not take it for another kind.
func headerWithout(cells []string, dir int) []string {
	if dir < 0 {
		return cells
	}
	out := slices.Clone(cells)
	out[dir] = ""
	return out
}

// textColumns are the columns (index + 1) whose header names a counterparty
// or a purpose, in genericTexts' order.
func textColumns(folded []string) []int {
	var cols []int
	for j, f := range folded {
		if _, ok := genericTextRank[f]; ok {
			cols = append(cols, j+1)
		}
	}
	slices.SortStableFunc(cols, func(a, b int) int { return genericTextRank[folded[a-1]] - genericTextRank[folded[b-1]] })
	return cols
}

// genericTextRank is each of genericTexts with its place in the list.
var genericTextRank = func() map[string]int {
	m := map[string]int{}
	for i, name := range genericTexts {
		if _, dup := m[name]; !dup {
			m[name] = i
		}
	}
	return m
}()

// maxColumns is the most columns a statement is planned with: a record
// of more is no statement's header or row.
const maxColumns = 200

// directionColumn is the column (index) whose header may say the
// direction and whose cells, in the rows below, are all direction words;
// -1 when there is none.
func directionColumn(folded []string, rows []headRecord) int {
	for j, f := range folded {
		if !slices.Contains(genericDirections, f) {
			continue
		}
		seen := 0
		all := true
		for _, r := range rows {
			if len(r.cells) != len(folded) {
				continue
			}
			v := strings.TrimSpace(r.cells[j])
			if v == "" {
				continue
			}
			if direction(v) == 0 {
				all = false
				break
			}
			seen++
		}
		if all && seen > 0 {
			return j
		}
	}
	return -1
}

// direction tells a direction cell: 1 a debit, -1 a credit, 0 neither.
func direction(cell string) int {
	v := strings.ToLower(textenc.Fold(cell))
	switch {
	case slices.Contains(genericDebit, v):
		return 1
	case slices.Contains(genericCredit, v):
		return -1
	}
	return 0
}

// hasContinuations reports whether, among the sample rows, a row with
// neither date nor amount, only text, follows a row: a merchant name
// written on a line of its own.
func hasContinuations(rows []headRecord, l *layout) bool {
	after := false
	for _, r := range rows {
		switch {
		case parser.IsBlank(r.cells):
			after = false
		case isDateText(l.cell(r.cells, l.dateColumn())):
			after = true
		case after && isContinuation(r.cells, l):
			return true
		default:
			after = false
		}
	}
	return false
}

// isContinuation reports whether rec, a record without date, is text only:
// no amount, no total, no section marker.
func isContinuation(rec []string, l *layout) bool {
	if l.cell(rec, ColAmount)+l.cell(rec, ColDebit)+l.cell(rec, ColCredit) != "" || isTotalRow(rec) || sectionOf(rec) != "" {
		return false
	}
	for _, c := range rec {
		if hasLetter(c) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool { return civil.HasLetterBefore(s, 0) }

// sectionMarkers are the words of lines inside a table that name the
// section of rows after them, with the section they start.
var sectionMarkers = []struct{ words, section string }{
	{"pending", "pending"}, {"vorgemerkt", "pending"}, {"en attente", "pending"}, {"in afwachting", "pending"}, {"pendiente", "pending"},
	{"authorisations", "pending"}, {"authorizations", "pending"},
	{"posted", "posted"}, {"cleared", "posted"}, {"gebucht", "posted"}, {"booked", "posted"}, {"comptabilisé", "posted"},
}

// sectionOf returns the section a record names when it is a section
// marker (one cell of text: "Pending Transactions"), else "".
func sectionOf(rec []string) string {
	text := ""
	for _, c := range rec {
		if c = strings.TrimSpace(c); c != "" {
			if text != "" {
				return ""
			}
			text = c
		}
	}
	if len(text) > 40 {
		return ""
	}
	t := strings.ToLower(textenc.Fold(text))
	for _, m := range sectionMarkers {
		if strings.Contains(t, m.words) {
			return m.section
		}
	}
	return ""
}

// describe says which columns the plan reads, for detect.
func (p *genericPlan) describe(byContent bool) {
	name := func(col int) string {
		if p.header && col-1 < len(p.headerCells) {
			return strings.TrimSpace(p.headerCells[col-1])
		}
		return ""
	}
	// Each part is a message, and the parts are joined by nesting, so that
	// detect says them in the reader's language; the kinds are column roles,
	// words the catalogue knows (jaWords).
	var parts *msg.Message
	part := func(kind string, col int) {
		if col == 0 {
			return
		}
		var m *msg.Message
		if n := name(col); n != "" {
			m = msg.Msgf("%s %q (column %d)", kind, strings.ReplaceAll(n, "\n", " "), col)
		} else {
			m = msg.Msgf("%s column %d", kind, col)
		}
		if parts == nil {
			parts = m
		} else {
			parts = msg.Msgf("%s, %s", parts, m)
		}
	}
	l := &p.layout
	part("date", l.col[l.dateColumn()])
	if l.dateColumn() != ColUseDate {
		part("usage date", l.col[ColUseDate])
	}
	part("description", l.col[ColDescription])
	for _, c := range p.texts {
		part("+", c)
	}
	part("amount", l.col[ColAmount])
	part("debit", l.col[ColDebit])
	part("credit", l.col[ColCredit])
	part("direction", l.col[ColDirection])
	part("status", l.col[ColStatus])
	if byContent {
		p.reading = append(p.reading, msg.Msgf("columns told by their content: %s", parts))
	} else {
		p.reading = append(p.reading, msg.Msgf("columns told by header words: %s", parts))
	}
	if p.continuation {
		p.reading = append(p.reading, msg.Msgf("a line of text under a row continues its description"))
	}
}

func colNumber(n int) string {
	return decimal.NewFromInt(int64(n)).String()
}

// planByContent tells the columns of a file whose header is unknown or
// absent by what the cells hold: the column whose cells are all dates,
// the column (or debit/credit pair) whose cells are all amounts, and the
// text columns.
func planByContent(recs []headRecord, delim rune) (*genericPlan, *planError) {
	width := modalWidth(recs)
	if width < 3 || width > maxColumns {
		return nil, nil
	}
	c, ok := contentRows(recs, width)
	if !ok {
		return nil, nil
	}
	var folded []string
	if c.header {
		for _, cell := range c.wide[0].cells {
			folded = append(folded, FoldHeader(cell))
		}
		if namesOrders(folded) {
			return nil, nil
		}
	}
	var l layout
	l.col[ColDate] = c.dateCol + 1
	l.fields = width
	amounts, dir, texts := contentColumns(c.rows, width, c.dateCol, &l)
	if len(texts) == 0 {
		return nil, nil
	}
	pairByRows, found, err := contentAmounts(c.rows, amounts, folded, &l)
	if !found {
		return nil, err
	}
	if dir >= 0 {
		l.col[ColDirection] = dir + 1
	}
	l.col[ColDescription] = texts[0]
	for _, col := range l.col {
		l.width = max(l.width, col)
	}
	for _, col := range texts {
		l.width = max(l.width, col)
	}
	plan := contentPlan(recs, delim, &c, folded, l, texts)
	if pairByRows != nil {
		plan.reading = append(plan.reading, pairByRows)
	}
	return plan, nil
}

// contentRecords is what planByContent learns from the dates alone: the
// records of the modal width, the first column of dates, whether the first
// record is a header (its cell in that column is no date), and the rows
// whose cell in that column is a date.
type contentRecords struct {
	wide    []headRecord
	data    []headRecord
	rows    []headRecord
	dateCol int
	header  bool
}

// contentRows finds the first column of dates among the records of the
// modal width: the rule "the first column of dates" tells the date column
// and, by its first cell, whether the file has a header. It reports false
// where no column is all dates or no row has a date.
func contentRows(recs []headRecord, width int) (contentRecords, bool) {
	var c contentRecords
	for _, r := range recs {
		if len(r.cells) == width && !parser.IsBlank(r.cells) {
			c.wide = append(c.wide, r)
		}
	}
	if len(c.wide) == 0 {
		return c, false
	}
	c.dateCol = -1
	for j := 0; j < width && c.dateCol < 0; j++ {
		if allCells(c.wide[1:], j, isDateText) && (isDateText(c.wide[0].cells[j]) || len(c.wide) > 1) {
			c.dateCol = j
		}
	}
	if c.dateCol < 0 {
		return c, false
	}
	c.header = !isDateText(c.wide[0].cells[c.dateCol])
	c.data = c.wide
	if c.header {
		c.data = c.wide[1:]
	}
	for _, r := range c.data {
		if isDateText(r.cells[c.dateCol]) {
			c.rows = append(c.rows, r)
		}
	}
	return c, len(c.rows) > 0
}

// contentColumns sorts the columns other than the date column by what
// their cells hold: a second column of dates is the value date, columns of
// amounts (some looking like money) are amount candidates, the first column
// of direction words is the direction, and text columns are kept (1-based)
// in their order. dir is -1 where no column holds directions.
func contentColumns(rows []headRecord, width, dateCol int, l *layout) (amounts []int, dir int, texts []int) {
	dir = -1
	for j := 0; j < width; j++ {
		if j == dateCol {
			continue
		}
		switch {
		case allCells(rows, j, isDateText):
			if l.col[ColUseDate] == 0 {
				l.col[ColUseDate] = j + 1
			}
		case allCells(rows, j, isAmountCell) && anyCell(rows, j, looksLikeMoney):
			amounts = append(amounts, j)
		case dir < 0 && allCells(rows, j, func(s string) bool { return direction(s) != 0 }):
			dir = j
		case isTextColumn(rows, j):
			texts = append(texts, j+1)
		}
	}
	return amounts, dir, texts
}

// contentAmounts places the money among the amount candidates: two columns
// of which each row fills one are debit and credit (by header words, else
// by their rows, which is noted in the returned message); otherwise the one
// column of amounts that is not the running balance of another. found is
// false, with no error, where there are no amounts at all (content cannot
// tell this file); where several columns could be the amount, or the pair
// cannot be told apart, it refuses the file naming --formats.
func contentAmounts(rows []headRecord, amounts []int, folded []string, l *layout) (pairByRows *msg.Message, found bool, err *planError) {
	line := rows[0].line
	if pair, ok := debitCreditPair(rows, amounts); ok {
		debit, credit, byRows, err := pairSides(rows, pair, folded)
		if err != nil {
			err.line = line
			return nil, false, err
		}
		l.col[ColDebit], l.col[ColCredit] = debit+1, credit+1
		if byRows {
			pairByRows = msg.Msgf("debit and credit columns told apart by their rows: most rows are charges, and column %d has them", debit+1)
		}
		return pairByRows, true, nil
	}
	singles := amountColumns(rows, amounts)
	if len(singles) != 1 {
		if len(amounts) == 0 {
			return nil, false, nil
		}
		return nil, false, &planError{line: line, msg: msg.Msgf("cannot tell which column is the amount: columns %s all hold amounts; describe the file with --formats", joinColumns(singles, amounts))}
	}
	l.col[ColAmount] = singles[0] + 1
	return nil, true, nil
}

// contentPlan builds the plan from the columns told by content: rows start
// at the first data record, after the header where there is one (its
// folded words are the layout's header key, else the key names the width
// of a headerless file), and continuation lines are looked for below it.
func contentPlan(recs []headRecord, delim rune, c *contentRecords, folded []string, l layout, texts []int) *genericPlan {
	skip := slices.IndexFunc(recs, func(r headRecord) bool { return r.line == c.data[0].line })
	plan := &genericPlan{delim: delim, skip: skip, header: c.header, layout: l, texts: texts[1:]}
	if c.header {
		plan.skip--
		plan.headerCells = c.wide[0].cells
		plan.layout.header = strings.Join(folded, "|")
	} else {
		plan.layout.header = "headerless:" + colNumber(len(c.wide[0].cells))
	}
	plan.continuation = hasContinuations(recs[skip:], &plan.layout)
	plan.dateKind = plan.layout.dateColumn()
	plan.describe(true)
	return plan
}

// namesOrders reports whether a header names order ids: Amazon's own
// exports, never a statement.
func namesOrders(folded []string) bool {
	for _, h := range folded {
		for _, w := range []string{"orderid", "order id", "order_id", "order number", "order date", "order_date", "reversalid", "注文番号"} {
			if strings.Contains(h, w) {
				return true
			}
		}
	}
	return false
}

// modalWidth is the number of fields most records have.
func modalWidth(recs []headRecord) int {
	count := map[int]int{}
	best := 0
	for _, r := range recs {
		if parser.IsBlank(r.cells) {
			continue
		}
		n := len(r.cells)
		count[n]++
		if count[n] > count[best] || (count[n] == count[best] && n > best) {
			best = n
		}
	}
	return best
}

func allCells(rows []headRecord, j int, ok func(string) bool) bool {
	seen := false
	for _, r := range rows {
		c := strings.TrimSpace(r.cells[j])
		if c == "" {
			continue
		}
		if !ok(c) {
			return false
		}
		seen = true
	}
	return seen
}

func anyCell(rows []headRecord, j int, ok func(string) bool) bool {
	for _, r := range rows {
		if ok(strings.TrimSpace(r.cells[j])) {
			return true
		}
	}
	return false
}

func isDateText(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || textenc.AllDigits(s) && len(s) != 8 {
		return false
	}
	p, ok := civil.ScanDate(s)
	if !ok {
		return false
	}
	if p.YearFirst {
		_, ok = p.Date(civil.OrderUnknown)
		return ok
	}
	_, dmy := p.Date(civil.OrderDMY)
	_, mdy := p.Date(civil.OrderMDY)
	return dmy || mdy
}

func isAmountCell(s string) bool {
	if isDateText(s) {
		return false
	}
	_, _, _, err := money.ParseMarked(s, false)
	if err != nil {
		_, _, _, err = money.ParseMarked(s, true)
	}
	return err == nil
}

// looksLikeMoney tells an amount from a number that is no amount (a
// sequence number, a reference): it has cents, a sign, a currency or a mark.
func looksLikeMoney(s string) bool {
	if s == "" || !isAmountCell(s) {
		return false
	}
	return strings.ContainsAny(s, ".,-+()$€£¥") || hasLetter(s)
}

var ibanLike = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{8,32}$`)

// isTextColumn reports whether column j holds text that may name the
// counterparty or the purpose: letters, not codes of a few characters, not
// account numbers, not one value repeated.
func isTextColumn(rows []headRecord, j int) bool {
	letters, long, wordy := false, false, false
	first, same := "", true
	for i, r := range rows {
		c := strings.TrimSpace(r.cells[j])
		if i == 0 {
			first = c
		} else if c != first {
			same = false
		}
		if c == "" {
			continue
		}
		if ibanLike.MatchString(c) {
			return false
		}
		if hasLetter(c) {
			letters = true
		}
		if countLetters(c) >= countDigits(c) {
			wordy = true // not an identifier such as an order number
		}
		if len([]rune(c)) > 4 {
			long = true
		}
	}
	return letters && long && wordy && (!same || len(rows) < 3)
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 {
			n++
		}
	}
	return n
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// debitCreditPair finds two amount columns of which each row fills
// exactly one.
func debitCreditPair(rows []headRecord, amounts []int) ([2]int, bool) {
	for a := 0; a < len(amounts); a++ {
		for b := a + 1; b < len(amounts); b++ {
			ok := true
			for _, r := range rows {
				x, y := strings.TrimSpace(r.cells[amounts[a]]) != "", strings.TrimSpace(r.cells[amounts[b]]) != ""
				if x == y {
					ok = false
					break
				}
			}
			if ok {
				return [2]int{amounts[a], amounts[b]}, true
			}
		}
	}
	return [2]int{}, false
}

// pairSides tells the debit column of a pair from the credit one: by their
// header words, else by the rows (most rows are charges), with at least 5
// rows and twice as many in one as in the other.
func pairSides(rows []headRecord, pair [2]int, folded []string) (debit, credit int, byRows bool, err *planError) {
	if len(folded) > 0 {
		a, b := foldedKind(folded[pair[0]]), foldedKind(folded[pair[1]])
		switch {
		case a == ColDebit || b == ColCredit:
			return pair[0], pair[1], false, nil
		case a == ColCredit || b == ColDebit:
			return pair[1], pair[0], false, nil
		}
	}
	n := [2]int{}
	for _, r := range rows {
		for k := range pair {
			if strings.TrimSpace(r.cells[pair[k]]) != "" {
				n[k]++
			}
		}
	}
	switch {
	case n[0]+n[1] >= 5 && n[0] >= 2*n[1]:
		return pair[0], pair[1], true, nil
	case n[0]+n[1] >= 5 && n[1] >= 2*n[0]:
		return pair[1], pair[0], true, nil
	}
	return 0, 0, false, &planError{msg: msg.Msgf("cannot tell debits from credits: columns %d and %d hold amounts in turn (%d and %d rows), and no header says which is which; describe the file with --formats", pair[0]+1, pair[1]+1, n[0], n[1])}
}

// foldedKind is the kind of column a folded header cell names, among
// debit and credit ("debit chf" too).
func foldedKind(h string) Column {
	for _, kind := range []Column{ColDebit, ColCredit} {
		if slices.Contains(genericColumns[kind], h) {
			return kind
		}
	}
	return ColNone
}

// amountColumns leaves out, of the columns holding amounts in every row,
// those that are the running balance of another.
func amountColumns(rows []headRecord, amounts []int) []int {
	var full []int
	for _, j := range amounts {
		if allFilled(rows, j) {
			full = append(full, j)
		}
	}
	var out []int
	for _, j := range full {
		balance := false
		for _, k := range full {
			if k != j && isBalanceOf(rows, j, k) {
				balance = true
			}
		}
		if !balance {
			out = append(out, j)
		}
	}
	return out
}

func allFilled(rows []headRecord, j int) bool {
	for _, r := range rows {
		if strings.TrimSpace(r.cells[j]) == "" {
			return false
		}
	}
	return true
}

// isBalanceOf reports whether column bal is the running balance of the
// amounts of column amt: each step of bal between two rows is the amount
// of one of them, either way round (files list newest or oldest first).
func isBalanceOf(rows []headRecord, bal, amt int) bool {
	if len(rows) < 2 {
		return false
	}
	value := func(r headRecord, j int) (decimal.Decimal, bool) {
		d, _, _, err := money.ParseMarked(r.cells[j], false)
		if err != nil {
			d, _, _, err = money.ParseMarked(r.cells[j], true)
		}
		return d, err == nil
	}
	for i := 1; i < len(rows); i++ {
		b0, ok0 := value(rows[i-1], bal)
		b1, ok1 := value(rows[i], bal)
		a0, ok2 := value(rows[i-1], amt)
		a1, ok3 := value(rows[i], amt)
		if !ok0 || !ok1 || !ok2 || !ok3 {
			return false
		}
		step := b1.Sub(b0).Abs()
		if !step.Equal(a0.Abs()) && !step.Equal(a1.Abs()) {
			return false
		}
	}
	return true
}

func joinColumns(singles, amounts []int) string {
	cols := singles
	if len(cols) == 0 {
		cols = amounts
	}
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = colNumber(c + 1)
	}
	return strings.Join(parts, ", ")
}
