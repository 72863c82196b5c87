package render

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/cmd/internal/report"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// The JSON report is written field by field, as encoding/json's Encoder
// writes it with SetIndent("", "  ") and SetEscapeHTML(false): a report
// of a decade of statements lists a hundred thousand rows, and going
// through reflection for each, then once more over the whole text to
// indent it, took longer than reading the statements. The types in
// render.go stay the contract; TestJSONWriterAgreesWithEncodingJSON holds
// the two encodings together.

// jsonWriter writes indented JSON to w, a container at a time.
type jsonWriter struct {
	w   io.Writer
	b   []byte
	err error
	// empty tells, for each open container, whether nothing was written in it yet.
	empty []bool
	// rowKeys are the members' starts of the rows written at each depth
	// (rowKeysAt); file and account hold the text last written for a row's
	// file and account, which most rows of a report share.
	rowKeys []*rowKeys
	file    lastText
	account lastText
	// orderTexts hold the text last written for those members of an
	// order that most orders share with the one before (cachedStr).
	orderTexts [6]lastText
	// orderKeys are the members' starts of the orders (orderKeysAt), which
	// all stand at one depth.
	orderKeys *orderKeys
	// dates are the texts of the dates written (dateTexts).
	dates *dateTexts
	// whole are the runs of lines of b that the masking leaves whole: the
	// statement rows, and the orders' members from their id to what is
	// outstanding, their reason's line and the lines from the note to
	// their brace, whose every value it does (jsonTxn.write,
	// jsonOrder.write), joined with the lines between them that it does
	// too (extendWhole).
	whole []mask.Lines
	// wholeGap is the text between two runs that extendWhole last found
	// left whole.
	wholeGap []byte
	// marks counts the values keep marked, flushes the times b was
	// written out.
	marks, flushes int
}

// rowKeys are what stands before each member of a statement row written at
// one depth: the comma after the member before (none before the first), the
// line break and indentation, the key and its colon. A row's members are
// always these, in this order: each is written in one append, not asked,
// member by member, whether it is the first and how deep it stands.
type rowKeys struct {
	date, amount, currency, description, account, file, line, origAmount, origCurrency string
	// end closes the row: the line break and indentation of its brace.
	end string
}

// rowKeysAt returns the rowKeys of the rows whose members stand at depth.
func (j *jsonWriter) rowKeysAt(depth int) *rowKeys {
	for len(j.rowKeys) <= depth {
		j.rowKeys = append(j.rowKeys, nil)
	}
	if k := j.rowKeys[depth]; k != nil {
		return k
	}
	in := "\n" + strings.Repeat("  ", depth)
	member := func(key string) string { return "," + in + `"` + key + `": ` }
	k := &rowKeys{
		date: in + `"date": `, amount: member("amount"), currency: member("currency"),
		description: member("description"), account: member("account"), file: member("file"),
		line: member("line"), origAmount: member("original_amount"), origCurrency: member("original_currency"),
		end: "\n" + strings.Repeat("  ", depth-1) + "}",
	}
	j.rowKeys[depth] = k
	return k
}

// orderKeys are what stands before each member of an order, as rowKeys
// are a statement row's: an order has these members, in this order, but
// for tieOutstanding, which is the last when it is there. Asked member by
// member whether it was the first and how deep it stood (key), an order's
// 28 keys were a sixteenth of what writing the report took.
type orderKeys struct {
	depth                                                   int
	orderID, verdict, severity, orderDate, amount, currency string
	card, confirmedOn, confirmationKind, confirmationSource string
	confirmationFile, confirmationLine, confirmationSubject string
	watchUntil, closed, coverageTo                          string
	charged, credited, outstanding                          string
	charges, credits, candidates, reason, note              string
	cardAmount, interchangeableWith, tiedWith               string
	candidateCharges, tieOutstanding                        string
}

// orderKeysAt returns the orderKeys of the orders whose members stand at depth.
func (j *jsonWriter) orderKeysAt(depth int) *orderKeys {
	if k := j.orderKeys; k != nil && k.depth == depth {
		return k
	}
	in := "\n" + strings.Repeat("  ", depth)
	member := func(key string) string { return "," + in + `"` + key + `": ` }
	j.orderKeys = &orderKeys{
		depth:   depth,
		orderID: in + `"order_id": `, verdict: member("verdict"), severity: member("severity"),
		orderDate: member("order_date"), amount: member("amount"), currency: member("currency"),
		card: member("card"), confirmedOn: member("confirmed_on"), confirmationKind: member("confirmation_kind"),
		confirmationSource: member("confirmation_source"), confirmationFile: member("confirmation_file"),
		confirmationLine: member("confirmation_line"), confirmationSubject: member("confirmation_subject"),
		watchUntil: member("watch_until"), closed: member("closed"), coverageTo: member("coverage_to"),
		charged: member("charged"), credited: member("credited"), outstanding: member("outstanding"),
		charges: member("charges"), credits: member("credits"), candidates: member("candidates"),
		reason: member("reason"), note: member("note"), cardAmount: member("card_amount"),
		interchangeableWith: member("interchangeable_with"), tiedWith: member("tied_with"),
		candidateCharges: member("candidate_charges"), tieOutstanding: member("tie_outstanding"),
	}
	return j.orderKeys
}

// lastText is the text a value was last written as: the same value is
// written the same, whatever its depth (keep asks the masking's quick test
// of the value's line, which finds nothing in its indentation).
type lastText struct {
	value string
	text  []byte
	// whole tells that the masking leaves text whole (mask.LeftWhole),
	// and that it holds no mark of keep's.
	whole bool
}

// cached appends what write appended for value the last time, writing it
// afresh (and keeping what it appended) when value differs.
func (j *jsonWriter) cached(c *lastText, value string, write func(string)) {
	if c.text != nil && c.value == value {
		j.b = append(j.b, c.text...)
		return
	}
	start := len(j.b)
	write(value)
	c.value, c.text = value, append(c.text[:0], j.b[start:]...)
	c.whole = mask.LeftWhole(c.text)
}

// jsonFlushAt is how much text the writer holds before writing it out.
const jsonFlushAt = 64 << 10

func (j *jsonWriter) flush() {
	if j.err == nil && len(j.b) > 0 {
		if w, ok := j.w.(checkedWriter); ok && len(j.whole) > 0 {
			_, j.err = w.WriteChecked(j.b, j.whole)
		} else {
			_, j.err = j.w.Write(j.b)
		}
	}
	j.b, j.whole = j.b[:0], j.whole[:0]
	j.flushes++
}

// addWhole adds the lines b[from:to] to the runs the masking leaves whole
// (whole), as part of the run before where the lines between the two are
// left whole too (extendWhole). The rows of a long list are then one run,
// not one each with a gap between them (the brace that closes one row,
// the comma and the brace that opens the next) that the masking writer
// looked through on its own for every row, most of what writing a list of
// unknown charges cost it.
func (j *jsonWriter) addWhole(from, to int) {
	if j.extendWhole(from) {
		j.whole[len(j.whole)-1].To = to
		return
	}
	j.whole = append(j.whole, mask.Lines{From: from, To: to})
}

// extendWhole makes the last run the masking leaves whole reach to at, the
// start of a line, where the masking leaves the lines between whole on its
// quick test (mask.LeftWhole): the brackets and commas between a list's
// rows, a list's key, an empty list. It reports whether it did. LeftWhole
// asked of several lines at once passes them only where it would pass each
// of them alone: it counts their digits together, and their capitals
// before digits are the same. Lines longer than maxWholeGap in all are
// not asked: they are most often a value's that the masking must look
// through (an order's reason), and LeftWhole reads the whole of them.
func (j *jsonWriter) extendWhole(at int) bool {
	n := len(j.whole)
	if n == 0 {
		return false
	}
	last := &j.whole[n-1]
	if last.To > at || at-last.To > maxWholeGap {
		return false
	}
	// Most gaps are the same few bytes as the one before (a row's brace,
	// the comma and the next row's brace), which passed: LeftWhole, a
	// function of the bytes alone, is asked only of a gap that differs.
	// An empty gap (an order's reason's line, or its note's, right after
	// its run) is joined without asking, and leaves the gap remembered as
	// it was.
	if gap := j.b[last.To:at]; len(gap) > 0 && !bytes.Equal(gap, j.wholeGap) {
		if !mask.LeftWhole(gap) {
			return false
		}
		j.wholeGap = append(j.wholeGap[:0], gap...)
	}
	last.To = at
	return true
}

// maxWholeGap is the most text extendWhole asks LeftWhole of: the lines
// between two rows of a list, or after an order's last row to its reason.
const maxWholeGap = 160

// leftWhole reports whether the masking leaves whole the line of the value
// written from j.b[start:] on, which is the line's only text that could
// hold a card number (see keep).
func (j *jsonWriter) leftWhole(start int) bool { return mask.LeftWhole(j.b[start:]) }

// dateWhole is leftWhole for a date written from j.b[start:] (or null): a
// date's text is digits and dashes, fewer than twelve digits in eleven
// characters or fewer, quotes aside, as every civil.Date's is (its year
// has seven digits at most); leftWhole is asked of any longer.
func (j *jsonWriter) dateWhole(start int) bool { return len(j.b)-start <= 13 || j.leftWhole(start) }

// strLeftWhole, dateLeftWhole and dateOrNullLeftWhole write a value as
// str, date and dateOrNull do, and report whether the masking leaves it
// whole. The value is written first, whatever is asked after: joined as
// `whole = j.strLeftWhole(v) && whole`, no value is left unwritten.
func (j *jsonWriter) strLeftWhole(s string) bool {
	if s == "" { // most rows' currency, most orders' confirmation subject: two quotes
		j.b = append(j.b, `""`...)
		return true
	}
	at := len(j.b)
	j.str(s)
	return j.leftWhole(at)
}

// cachedStr is strLeftWhole for the member m of an order (orderVerdict
// and the others below), whose text and whether the masking leaves it
// whole are those of the order before where the value is the same, as
// it most often is: orders are listed by severity, then by date.
func (j *jsonWriter) cachedStr(m int, s string) bool {
	c := &j.orderTexts[m]
	j.cached(c, s, j.str)
	return c.whole
}

// The members of an order written by cachedStr.
const (
	orderVerdict = iota
	orderSeverity
	orderCurrency
	orderCard
	orderConfirmationKind
	orderConfirmationFile
)

func (j *jsonWriter) dateLeftWhole(d civil.Date) bool {
	at := len(j.b)
	j.date(d)
	return j.dateWhole(at)
}

func (j *jsonWriter) dateOrNullLeftWhole(d *civil.Date) bool {
	at := len(j.b)
	j.dateOrNull(d)
	return j.dateWhole(at)
}

// next starts a member of the open container: the comma after the one
// before, and the line and indentation of the new one.
func (j *jsonWriter) next() {
	if len(j.empty) == 0 {
		return
	}
	if !j.empty[len(j.empty)-1] {
		j.b = append(j.b, ',')
	}
	j.empty[len(j.empty)-1] = false
	j.newline(len(j.empty))
}

func (j *jsonWriter) newline(depth int) {
	if n := 1 + 2*depth; n <= len(lineIndents) {
		j.b = append(j.b, lineIndents[:n]...)
	} else {
		j.b = append(j.b, lineIndents...)
		for range depth - len(lineIndents)/2 {
			j.b = append(j.b, "  "...)
		}
	}
	if len(j.b) >= jsonFlushAt {
		j.flush()
	}
}

// lineIndents is a line break and the indentation of the deepest lines a
// report has, and more: newline appends as much of it as a line needs.
var lineIndents = "\n" + strings.Repeat("  ", 16)

func (j *jsonWriter) open(c byte) {
	j.b = append(j.b, c)
	j.empty = append(j.empty, true)
}

func (j *jsonWriter) close(c byte) {
	empty := j.empty[len(j.empty)-1]
	j.empty = j.empty[:len(j.empty)-1]
	if !empty {
		j.newline(len(j.empty))
	}
	j.b = append(j.b, c)
}

// key starts the member name of an object. Names are the report's own,
// plain ASCII: they need no escaping.
func (j *jsonWriter) key(name string) {
	j.next()
	j.b = append(j.b, '"')
	j.b = append(j.b, name...)
	j.b = append(j.b, `": `...)
}

func (j *jsonWriter) str(s string)   { j.b = appendJSONString(j.b, s) }
func (j *jsonWriter) num(n int)      { j.b = strconv.AppendInt(j.b, int64(n), 10) }
func (j *jsonWriter) boolean(v bool) { j.b = strconv.AppendBool(j.b, v) }

// dateTexts are the texts of the dates a report wrote, quotes included,
// each in the place of its day's number modulo their count, where the
// next date of that place takes it. A date's text costs divisions to
// make, and a report writes few dates many times: an order's are days
// apart and most often those of the order before (the orders are listed
// by date within each severity), the statements' last day is written for
// each order, and the rows are listed in date order. The 1,024 places
// hold nearly three years.
type dateTexts [1024]struct {
	date civil.Date
	n    uint8 // the text's length; 0 for a place not yet taken
	text [15]byte
}

// date and amount write the text of a date or an amount, in quotes. The
// text is plain ASCII (digits, hyphens, a point, a minus): it needs no
// escaping.
func (j *jsonWriter) date(d civil.Date) {
	if j.dates == nil {
		j.dates = new(dateTexts)
	}
	t := &j.dates[uint32(d.Number())%uint32(len(j.dates))]
	if t.n == 0 || t.date != d {
		var room [32]byte
		text, _ := d.AppendText(append(room[:0], '"'))
		text = append(text, '"')
		if len(text) > len(t.text) { // a year beyond 9999
			j.b = append(j.b, text...)
			return
		}
		t.date, t.n = d, uint8(copy(t.text[:], text))
	}
	j.b = append(j.b, t.text[:t.n]...)
}

// amount writes an amount, kept whole by the masking (keep): an amount is
// no card number, however many digits it has. Its text is ASCII digits,
// a minus and a point, no capital letter: one shorter than 12 bytes, as
// nearly all are, has fewer digits than masking looks for, and keep,
// which would find it so (mask.LeftWhole), is not asked.
func (j *jsonWriter) amount(a jsonAmount) {
	j.b = append(j.b, '"')
	start := len(j.b)
	j.b, _ = a.AppendText(j.b)
	if markEveryValue || len(j.b)-start >= 12 {
		j.keep(start)
	}
	j.b = append(j.b, '"')
}

// kept writes a string the masking keeps whole (keep): a file's path.
func (j *jsonWriter) kept(s string) {
	start := len(j.b) + 1 // after the opening quote
	j.b = appendJSONString(j.b, mask.PathText(s))
	j.b = j.b[:len(j.b)-1] // the closing quote, put back after the marks
	j.keep(start)
	j.b = append(j.b, '"')
}

// markEveryValue makes keep mark every value, as it did before it asked
// mask.LeftWhole: a variable, for a test to compare the two.
var markEveryValue = false

// keep marks j.b[start:], the text of a value just written, as one the
// masking keeps whole (mask.KeepOpen), unless the masking leaves its line
// whole anyway (mask.LeftWhole), as it does most amounts and file names.
// The line is the value's key and the value: the rest of it, written
// after, is a quote and a comma at most, and what began it before j.b was
// last flushed, at a line break, its indentation. LeftWhole is asked of
// the value alone, which it answers as it would of the line: the rest is
// ASCII with no digit and no capital letter (the report's keys are
// lower-case words, which TestJSONWriterAgreesOnScenarios checks), and
// the value's quote stands between the key and the value. Looking back for the line's start was a third of the cost of
// writing an amount.
func (j *jsonWriter) keep(start int) {
	if !markEveryValue && mask.LeftWhole(j.b[start:]) {
		return
	}
	j.marks++
	var room [64]byte
	text := append(room[:0], j.b[start:]...)
	j.b = utf8.AppendRune(j.b[:start], mask.KeepOpen)
	j.b = append(j.b, text...)
	j.b = utf8.AppendRune(j.b, mask.KeepClose)
}

func (j *jsonWriter) dateOrNull(d *civil.Date) {
	if d == nil {
		j.b = append(j.b, "null"...)
		return
	}
	j.date(*d)
}

// reason writes an order's reason. An English one is appended as it is
// made, and escaped in place where it needs to be, which is seldom: its
// sentences are refundwatch's own, with dates, amounts and order ids.
func (j *jsonWriter) reason(r jsonReason) {
	if r.sentences == nil || r.loc.Japanese() {
		j.str(r.String())
		return
	}
	start := len(j.b)
	j.b = msg.AppendJoin(append(j.b, '"'), r.sentences)
	j.quoted(start)
}

// quoted ends a string whose quote is j.b[start] and whose text, appended
// as it was made, follows it: escaped in place where it needs to be.
func (j *jsonWriter) quoted(start int) {
	if text := j.b[start+1:]; plainPrefix(text) < len(text) {
		j.b = appendJSONString(j.b[:start], string(text))
		return
	}
	j.b = append(j.b, '"')
}

// value writes v through encoding/json, indented where it stands: for the
// parts of the report that are few (statements, summary).
func (j *jsonWriter) value(v any) {
	var compact, indented bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		j.err = err
		return
	}
	prefix := make([]byte, 2*len(j.empty))
	for i := range prefix {
		prefix[i] = ' '
	}
	if err := json.Indent(&indented, bytes.TrimSuffix(compact.Bytes(), []byte("\n")), string(prefix), "  "); err != nil {
		j.err = err
		return
	}
	j.b = append(j.b, keepFiles(appendEscapedMore(nil, indented.Bytes()))...)
}

// keepFiles marks the value of each "file" key in JSON text as a path the
// masking keeps whole (mask.KeepOpen), and shows the value of each "account"
// key as mask.AccountShown does. The quotes of a key are never escaped, and
// those inside a string always are: the keys cannot be forged.
func keepFiles(text []byte) []byte {
	const file, account = `"file": "`, `"account": "`
	if !bytes.Contains(text, []byte(file)) && !bytes.Contains(text, []byte(account)) {
		return text
	}
	var out []byte
	for {
		i, key := bytes.Index(text, []byte(file)), file
		if a := bytes.Index(text, []byte(account)); a >= 0 && (i < 0 || a < i) {
			i, key = a, account
		}
		if i < 0 {
			return append(out, text...)
		}
		out = append(out, text[:i+len(key)-1]...)
		text = text[i+len(key)-1:] // from the value's opening quote
		end := 1
		for end < len(text) && text[end] != '"' {
			if text[end] == '\\' {
				end++
			}
			end++
		}
		end = min(end+1, len(text)) // past the closing quote
		value := text[:end]
		text = text[end:]
		var s string
		if err := json.Unmarshal(value, &s); err != nil {
			out = append(out, value...)
			continue
		}
		if key == account {
			out = appendJSONString(out, mask.AccountShown(s))
			continue
		}
		out = append(out, '"')
		out = utf8.AppendRune(out, mask.KeepOpen)
		out = append(out, value[1:len(value)-1]...)
		out = utf8.AppendRune(out, mask.KeepClose)
		out = append(out, '"')
	}
}

// appendEscapedMore appends JSON text that encoding/json wrote, escaping
// what appendJSONString escapes beyond it. encoding/json writes such
// characters only inside strings, where the escape stands for the same
// character.
func appendEscapedMore(b, text []byte) []byte {
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		if r == 0x7f || mask.MustShow(r) || r == mask.KeepOpen || r == mask.KeepClose {
			b = append(b, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		} else {
			b = append(b, text[:size]...)
		}
		text = text[size:]
	}
	return b
}

// list writes the n elements of a list, each by item, or null for a nil list.
func (j *jsonWriter) list(n int, isNil bool, item func(i int)) {
	if isNil {
		j.b = append(j.b, "null"...)
		return
	}
	j.open('[')
	for i := range n {
		j.next()
		item(i)
	}
	j.close(']')
}

// strs writes a list of strings, or null for a nil list, as value would:
// the orders of a tie, a list for each order, written without going
// through encoding/json. Quoted by appendJSONString, a string is as
// value writes it (appendEscapedMore escapes the same characters), and a
// string alone holds no key for keepFiles to mark.
func (j *jsonWriter) strs(ss []string) {
	j.list(len(ss), ss == nil, func(i int) { j.str(ss[i]) })
}

// write writes the report, then a line break, as Encoder.Encode does.
func (r *JSONReport) write(w io.Writer) error {
	j := &jsonWriter{w: w, b: make([]byte, 0, jsonFlushAt+4096)}
	j.open('{')
	j.key("as_of")
	j.str(r.AsOf)
	j.key("grace_days")
	j.num(r.Grace)
	j.key("watch_days")
	j.num(r.Watch)
	r.writeInputs(j)
	j.key("statements")
	j.value(r.Statements)
	j.key("coverage")
	j.value(r.Coverage)
	r.writeFindings(j)
	r.writeAccounting(j)
	j.close('}')
	j.b = append(j.b, '\n')
	j.flush()
	return j.err
}

// writeInputs writes the paths the person named, kept whole by the
// masking: a file's name is no card number.
func (r *JSONReport) writeInputs(j *jsonWriter) {
	j.key("inputs")
	j.open('{')
	j.key("disputes")
	j.kept(r.Inputs.Disputes)
	for _, l := range []struct {
		name  string
		paths []string
	}{{"confirmations", r.Inputs.Confirmations}, {"orders", r.Inputs.Orders}} {
		j.key(l.name)
		j.list(len(l.paths), l.paths == nil, func(i int) { j.kept(l.paths[i]) })
	}
	j.key("mine")
	if r.Inputs.Mine == nil {
		j.b = append(j.b, "null"...)
	} else {
		j.kept(*r.Inputs.Mine)
	}
	j.close('}')
}

// writeFindings writes the orders and the unknown charges, the long
// lists of a report: made one item at a time when the report is being
// written as it is built (order, unknown), else from the lists read.
func (r *JSONReport) writeFindings(j *jsonWriter) {
	j.key("orders")
	// Each list is written in two plain branches: through a generic helper
	// taking the item's address, every item of a long report escaped to
	// the heap, and the 100,000-row check took 10 ms longer.
	if r.order != nil {
		j.list(r.nOrders, false, func(i int) {
			o := r.order(i)
			o.write(j)
		})
	} else {
		j.list(len(r.Orders), r.Orders == nil, func(i int) { r.Orders[i].write(j) })
	}
	j.key("unknown_charges")
	if r.unknown != nil {
		j.list(r.nUnknown, false, func(i int) {
			t := r.unknown(i)
			t.write(j)
		})
	} else {
		writeTxns(j, r.UnknownCharges)
	}
	if r.UnknownReason != "" {
		j.key("unknown_charges_reason")
		j.str(r.UnknownReason)
	}
}

// writeAccounting writes what the report accounts for besides the
// findings: the rows that could not be read, the summary, Amazon's files
// and the ignored ones, the person's own charges, the credits of no order
// and the notes. The optional keys are left out when empty, as
// encoding/json's omitempty would.
func (r *JSONReport) writeAccounting(j *jsonWriter) {
	j.key("invalid_rows")
	j.value(r.InvalidRows)
	j.key("summary")
	j.value(r.Summary)
	if len(r.AmazonFiles) > 0 {
		j.key("amazon_files")
		j.value(r.AmazonFiles)
	}
	if r.OwnCharges != 0 {
		j.key("own_order_charges")
		j.num(r.OwnCharges)
	}
	if len(r.IgnoredFiles) > 0 {
		j.key("ignored_files")
		j.value(r.IgnoredFiles)
	}
	j.key("own_charges")
	j.num(r.OwnChargesCount)
	j.key("unassigned_credits")
	writeTxns(j, r.UnassignedCredits)
	j.key("notes")
	j.value(r.Notes)
}

// write writes one order, its keys in the order of jsonOrder's fields, as
// encoding/json would. The keys come whole from orderKeysAt; the order's
// lists are written by the generic writer, which open tells the order
// holds members already.
//
// Where the masking leaves each value of the order's first members whole,
// from its id to what is outstanding, their lines are a run the masking
// need not look through again, as a row's are (jsonTxn.write); so are its
// reason's line and the lines after it where the masking leaves them
// whole on its quick tests. The orders of a report are then most often
// one run.
func (o *jsonOrder) write(j *jsonWriter) {
	k := j.orderKeysAt(len(j.empty) + 1)
	j.open('{')
	j.empty[len(j.empty)-1] = false
	from, marks := len(j.b)+1, j.marks // the id's line, after the line break k.orderID starts with
	j.b = append(j.b, k.orderID...)
	at := len(j.b)
	j.str(o.OrderID)
	whole := mask.LeftAsIs(j.b[at:]) // an order id is kept
	j.b = append(j.b, k.verdict...)
	whole = j.cachedStr(orderVerdict, o.Verdict) && whole
	j.b = append(j.b, k.severity...)
	whole = j.cachedStr(orderSeverity, o.Severity) && whole
	j.b = append(j.b, k.orderDate...)
	whole = j.dateLeftWhole(o.OrderDate) && whole
	j.b = append(j.b, k.amount...)
	j.amount(o.Amount)
	j.b = append(j.b, k.currency...)
	whole = j.cachedStr(orderCurrency, o.Currency) && whole
	j.b = append(j.b, k.card...)
	whole = j.cachedStr(orderCard, o.Card) && whole
	whole = o.writeConfirmation(j, k) && whole
	j.b = append(j.b, k.watchUntil...)
	whole = j.dateOrNullLeftWhole(o.WatchUntil) && whole
	j.b = append(j.b, k.closed...)
	j.boolean(o.Closed)
	j.b = append(j.b, k.coverageTo...)
	whole = j.dateOrNullLeftWhole(o.CoverageTo) && whole
	j.b = append(j.b, k.charged...)
	j.amount(o.Charged)
	j.b = append(j.b, k.credited...)
	j.amount(o.Credited)
	j.b = append(j.b, k.outstanding...)
	j.amount(o.Outstanding)
	if whole && j.marks == marks && !checkEveryRow {
		// To the line break after the comma k.charges starts with.
		j.addWhole(from, len(j.b)+2)
	}
	o.writeLists(j, k)
	j.b = append(j.b, k.reason...)
	line := len(j.b) - len(k.reason) + 2 // the reason's line, after the line break k.reason starts with
	if !checkEveryRow {
		// The lists' lines after their last row that is a run, to the
		// reason's line.
		j.extendWhole(line)
	}
	j.reason(o.Reason)
	// The lines after the reason, from the note's, after the line break
	// k.note starts with: most often a note, lists and a card amount that
	// are empty, which the masking leaves whole. They are a run where none
	// of their own (a candidate charge's) was added, and j.b was not
	// written out meanwhile.
	tail, flushes := len(j.b)+2, j.flushes
	j.b = append(j.b, k.note...)
	if !checkEveryRow && mask.LeftAsIs(j.b[line:tail]) {
		// The reason's line, to the comma and line break that end it: its
		// sentences are refundwatch's own, and hold a dozen digits or more
		// (dates, amounts), too many for LeftWhole, but none so close
		// together that masking would look at them, as it asks first of
		// every line (LeftAsIs). Asked here, the line joins the order's
		// runs before and after it, and the orders of a report are one
		// run: the masking need not find its lines again, one by one.
		j.addWhole(line, tail)
	}
	runs := len(j.whole)
	j.str(o.Note)
	o.writeTies(j, k)
	if !checkEveryRow && j.flushes == flushes && len(j.whole) == runs && (o.emptyTail() || mask.LeftWhole(j.b[tail:])) {
		j.addWhole(tail, len(j.b)+1) // to the line break close starts with
	}
	j.close('}')
}

// emptyTail reports whether the order's members after its reason are
// empty, as most orders' are: their lines are then keys, punctuation and
// null, which the masking leaves whole without being asked
// (TestEmptyOrderTailLeftWhole).
func (o *jsonOrder) emptyTail() bool {
	return o.Note == "" && o.CardAmount == nil && len(o.InterchangeableWith) == 0 && len(o.TiedWith) == 0 &&
		len(o.CandidateCharges) == 0 && o.TieOutstanding == nil
}

// writeConfirmation writes Amazon's confirmation of the order: when, what,
// and where it was read (a file's line, or a mail's subject). It reports
// whether the masking leaves each of these values whole.
func (o *jsonOrder) writeConfirmation(j *jsonWriter, k *orderKeys) bool {
	j.b = append(j.b, k.confirmedOn...)
	whole := j.dateOrNullLeftWhole(o.ConfirmedOn)
	j.b = append(j.b, k.confirmationKind...)
	whole = j.cachedStr(orderConfirmationKind, o.ConfirmationKind) && whole
	j.b = append(j.b, k.confirmationSource...)
	at := len(j.b)
	if c := o.confirmation; c != nil {
		j.b = report.AppendConfirmationSource(append(j.b, '"'), c)
		j.quoted(at)
	} else {
		j.str(o.ConfirmationSource)
	}
	whole = j.leftWhole(at) && whole
	j.b = append(j.b, k.confirmationFile...)
	whole = j.cachedStr(orderConfirmationFile, o.ConfirmationFile) && whole
	j.b = append(j.b, k.confirmationLine...)
	if o.ConfirmationLine != nil {
		j.num(*o.ConfirmationLine)
		whole = whole && uint64(*o.ConfirmationLine) < 1e11 // eleven digits or fewer
	} else {
		j.b = append(j.b, "null"...)
	}
	j.b = append(j.b, k.confirmationSubject...)
	return j.strLeftWhole(o.ConfirmationSubject) && whole
}

// writeLists writes the statement rows the order's amounts were found in.
func (o *jsonOrder) writeLists(j *jsonWriter, k *orderKeys) {
	j.b = append(j.b, k.charges...)
	writeTxns(j, o.Charges)
	j.b = append(j.b, k.credits...)
	writeTxns(j, o.Credits)
	j.b = append(j.b, k.candidates...)
	writeTxns(j, o.Candidates)
}

// writeTies writes the amount the card was billed, and the orders whose
// charges this order's could be: interchangeable, or tied with it, and
// what is missing whichever order each charge belongs to.
func (o *jsonOrder) writeTies(j *jsonWriter, k *orderKeys) {
	j.b = append(j.b, k.cardAmount...)
	if o.CardAmount != nil {
		j.amount(*o.CardAmount)
	} else {
		j.b = append(j.b, "null"...)
	}
	j.b = append(j.b, k.interchangeableWith...)
	j.strs(o.InterchangeableWith)
	j.b = append(j.b, k.tiedWith...)
	j.strs(o.TiedWith)
	j.b = append(j.b, k.candidateCharges...)
	writeTxns(j, o.CandidateCharges)
	if o.TieOutstanding != nil {
		j.b = append(j.b, k.tieOutstanding...)
		j.amount(*o.TieOutstanding)
	}
}

func writeTxns(j *jsonWriter, ts []jsonTxn) {
	j.list(len(ts), ts == nil, func(i int) { ts[i].write(j) })
}

// write writes the row as the generic writer would (open, key, close):
// the keys and their indentation come whole from rowKeysAt, and the text
// of the file and of the account from the row before where they are the
// same. What is written flushes once the row is whole.
//
// Where the masking leaves every value of the row whole (mask.LeftWhole),
// the lines from the date to the last member are a run the masking need
// not look through again (j.whole): the keys are lower-case words, which
// TestJSONWriterAgreesOnScenarios checks, and each line holds one value.
func (t *jsonTxn) write(j *jsonWriter) {
	k := j.rowKeysAt(len(j.empty) + 1)
	j.b = append(j.b, '{')
	from := len(j.b) + 1 // the date's line, after the line break k.date starts with
	j.b = append(j.b, k.date...)
	whole := j.dateLeftWhole(t.Date)
	j.b = append(j.b, k.amount...)
	marks := j.marks
	j.amount(t.Amount)
	whole = whole && j.marks == marks // marked by keep where it is not left whole
	j.b = append(j.b, k.currency...)
	whole = j.strLeftWhole(t.Currency) && whole
	j.b = append(j.b, k.description...)
	whole = j.strLeftWhole(t.Description) && whole
	j.b = append(j.b, k.account...)
	j.cached(&j.account, t.Account, func(a string) { j.str(mask.AccountShown(a)) })
	j.b = append(j.b, k.file...)
	j.cached(&j.file, t.File, j.kept)
	whole = whole && j.account.whole && j.file.whole
	j.b = append(j.b, k.line...)
	j.num(t.Line)
	whole = whole && uint64(t.Line) < 1e11 // eleven digits or fewer
	if t.OriginalAmount != "" {
		j.b = append(j.b, k.origAmount...)
		whole = j.strLeftWhole(t.OriginalAmount) && whole
	}
	if t.OriginalCurrency != "" {
		j.b = append(j.b, k.origCurrency...)
		whole = j.strLeftWhole(t.OriginalCurrency) && whole
	}
	if whole && !checkEveryRow {
		j.addWhole(from, len(j.b)+1) // to the line break k.end starts with
	}
	j.b = append(j.b, k.end...)
	if len(j.b) >= jsonFlushAt {
		j.flush()
	}
}

// checkEveryRow makes the masking look through every statement row and
// order, as it did before jsonTxn.write and jsonOrder.write told it which
// it need not: a variable, for a test to compare the two.
var checkEveryRow = false

const hexDigits = "0123456789abcdef"

// jsonPlain are the bytes a JSON string holds as they are: printable ASCII
// but the quote and the backslash.
var jsonPlain = func() (plain [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		plain[c] = c != '"' && c != '\\'
	}
	return plain
}()

// plainPrefix is the length of the start of s that is jsonPlain: all of
// it, for nearly every string of a report. It looks at eight bytes at a
// time (plain8), the last eight of a string of eight or more at once: the
// reasons, descriptions and order ids of a report are hundreds of bytes
// an order.
func plainPrefix[T string | []byte](s T) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !plain8(textenc.Word(s[i:])) {
			break
		}
	}
	if i+8 > len(s) && i < len(s) && len(s) >= 8 && plain8(textenc.Word(s[len(s)-8:])) {
		return len(s)
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	return i
}

// plain8 reports whether the eight bytes of w are all jsonPlain, as
// mask.asciiDigits tells digits: for ASCII bytes, adding 0x60 to each sets
// its top bit from a space (0x20) up, and adding 1 from DEL (0x7f); adding
// 0x7f to a byte xored with the quote, or the backslash, sets it but for
// the quote, or the backslash. None carries into the next byte.
func plain8(w uint64) bool {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	return w&high == 0 && (w+0x60*ones)&^(w+ones)&(w^'"'*ones+0x7f*ones)&(w^'\\'*ones+0x7f*ones)&high == high
}

// appendJSONString appends s quoted as encoding/json quotes it without
// HTML escaping: control characters, quotes and backslashes escaped, bytes
// that are not UTF-8 as \ufffd, and U+2028 and U+2029 escaped. It also
// escapes what encoding/json leaves as it is but mask.Visible shows in the
// other reports: DEL, the C1 controls and the bidirectional controls, so
// that the JSON report read on a terminal is as safe, and the marks of
// the report's own values (mask.KeepOpen), so that an input cannot forge them.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	i := 0
	if len(s) >= 8 { // shorter ones, often empty, are told fastest a byte at a time
		i = plainPrefix(s)
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	if i == len(s) { // most strings of a report: dates, amounts, file names
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0 // s[start:i] is plain, not yet appended
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if jsonPlain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if mask.MustShow(r) || r == mask.KeepOpen || r == mask.KeepClose {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
