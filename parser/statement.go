package parser

import (
	"iter"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/shopspring/decimal"
)

// Transaction is one statement row that moved money: a charge (positive
// Amount) or a credit (negative Amount), whatever sign the export used.
type Transaction struct {
	// Date is the posting date, or the only date the export gives.
	Date civil.Date
	// UsedOn is the usage date where the export gives it next to the posting date.
	UsedOn civil.Date
	// Description is the merchant text as the export wrote it.
	Description string
	// Normalized is Description after NFKC, upper case and space folding.
	Normalized string
	// Amount is positive for a charge and negative for a credit.
	Amount decimal.Decimal
	// Currency is the ISO code the row or file names, or "" when it names none.
	Currency string
	// OrigAmount and OrigCurrency are the foreign amount where the export gives one.
	OrigAmount   decimal.Decimal
	OrigCurrency string
	// Account is the card or account the row belongs to where the file says, else "".
	Account string
	// File and Line are where the row stands.
	File string
	Line int
}

// IsCharge reports whether t takes money (a positive amount).
func (t *Transaction) IsCharge() bool { return t.Amount.Sign() > 0 }

// IsCredit reports whether t gives money back (a negative amount).
func (t *Transaction) IsCredit() bool { return t.Amount.Sign() < 0 }

// Skip reasons: the kinds of rows that are read but are not transactions.
const (
	SkipPreamble = "preamble"
	SkipHeader   = "header"
	SkipBlank    = "blank"
	SkipTotal    = "total"
	SkipNote     = "note"
	SkipInvalid  = "invalid"
	// SkipContinuation is a line that continues the row above it (a
	// merchant name on a line of its own); its text joins that row.
	SkipContinuation = "continuation"
)

// Statement is one statement file as read: which format it was read as, the
// account it belongs to, the days it covers, its transactions, and an account
// of every row.
type Statement struct {
	File     string
	Format   string
	Encoding string
	// Account is the card or account the whole file belongs to, or "" when the
	// file does not say (or holds several; then each Transaction says).
	Account string
	// From and To are the first and last posting dates of its transactions.
	From, To civil.Date
	// Rows counts the CSV records read (blank lines are not records).
	Rows int
	// Skipped counts the records that are not transactions, by reason.
	Skipped map[string]int
	// skipKeys are Skipped's keys, each its own copy (see skipKey).
	skipKeys map[string]string
	// Folded counts transactions dropped because an overlapping export of the
	// same account holds them too (see FoldOverlaps).
	Folded int
	// Notes are what the reader inferred and the user should know, such as
	// the sign convention.
	Notes []*msg.Message
	// Reading says how the file was read where that was inferred: the
	// columns a generic file was read by, the basis of its signs, and how its
	// day order was settled. detect shows it.
	Reading []*msg.Message
	// DayOrder is how the file's year-last dates order day and month ("dmy",
	// "mdy"), or "" when it has none that need it; DayOrderOwn says its own
	// dates told it.
	DayOrder    string
	DayOrderOwn bool
	// Shape names the layout of the file: its format, and for the generic
	// reader its header too; files of one shape write dates alike.
	Shape string
	// Invalid are the rows that could not be read, kept only when the reader
	// was asked to skip them.
	Invalid []*Error
	// Txns are the transactions, in file order: all of them, or, when read
	// with ReadOptions.Keep, those kept in full; in a compact form (see
	// KeptRows), At giving each back as a Transaction. KeptRows.Chosen
	// tells those Keep chose.
	Txns KeptRows
	// KeptBy is the ReadOptions.KeepBy the file was read with: what the
	// rows Txns.Chosen tells were chosen by.
	KeptBy any
	// Brief is what is kept of the transactions Keep did not choose.
	Brief brief.Rows
}

// Transactions returns how many transactions s holds, in Txns or in brief.
func (s *Statement) Transactions() int { return s.Txns.Len() + s.Brief.N }

// BriefBefore keeps in brief the transactions of Txns dated before d, as a
// reader told d from the start (ReadOptions.KeepFrom) keeps them: counted,
// their days set per account; but for those of an account the brief rows
// have no room for (brief.MaxAccounts), kept in full as the readers keep
// them. A reader learns d while it reads, and keeps in full, before, rows
// it would keep in brief; after the statement is read and folded, this
// makes what it keeps the same however soon it learnt the day.
func (s *Statement) BriefBefore(d civil.Date) {
	var accounts brief.AccountIndex
	b := &s.Brief
	s.Txns.Filter(func(i int) bool {
		day := s.Txns.Date(i)
		if !day.Before(d) {
			return true
		}
		acct, ok := accounts.Of(b, s.Txns.Account(i))
		if !ok {
			return true
		}
		b.Count(s.Txns.Sign(i), 1)
		b.Days[acct].Add(day)
		return false
	})
}

// RowsAfter counts s's transactions dated after d, kept in full or only
// in brief, and gives the line of the first of them kept in full (0 when
// none is): what a report made as of d leaves out. Of the rows kept in
// brief, only the days are known on most days: exact is false when n
// counts such a day as one row.
func (s *Statement) RowsAfter(d civil.Date) (n, firstLine int, exact bool) {
	for i := range s.Txns.Len() {
		if s.Txns.Date(i).After(d) {
			n++
			if line := s.Txns.Line(i); firstLine == 0 || line < firstLine {
				firstLine = line
			}
		}
	}
	posted, days := 0, 0
	for p := range s.Brief.Postings.All() {
		if p.Date.After(d) {
			posted++
		}
	}
	for i := range s.Brief.Days {
		for day := range s.Brief.Days[i].All() {
			if day.After(d) {
				days++
			}
		}
	}
	return n + max(posted, days), firstLine, days == 0 || posted >= days
}

// ChargesAndCredits counts the charges and the credits among all of s's
// transactions.
func (s *Statement) ChargesAndCredits() (charges, credits int) {
	charges, credits = s.Brief.Charges, s.Brief.Credits
	for i := range s.Txns.Len() {
		switch sign := s.Txns.Sign(i); {
		case sign > 0:
			charges++
		case sign < 0:
			credits++
		}
	}
	return charges, credits
}

// Days yields the days of s's transactions with their account, whether
// kept in Txns or only in brief: what the days a statement covers are made
// of. Each day an account's rows fall on comes at least once; a day of rows
// kept in full, once for each.
func (s *Statement) Days() iter.Seq2[civil.Date, string] {
	return func(yield func(civil.Date, string) bool) {
		for i := range s.Txns.Len() {
			if !yield(s.Txns.Date(i), s.Txns.Account(i)) {
				return
			}
		}
		for i := range s.Brief.Days {
			for d := range s.Brief.Days[i].All() {
				if !yield(d, s.Brief.Accounts[i]) {
					return
				}
			}
		}
	}
}

// SkippedTotal returns how many records were not transactions.
func (s *Statement) SkippedTotal() int {
	n := 0
	for _, c := range s.Skipped {
		n += c
	}
	return n
}

func (s *Statement) Skip(reason string) {
	if s.Skipped == nil {
		s.Skipped = map[string]int{}
	}
	s.Skipped[s.skipKey(reason)]++
}

// skipKey is reason as a text of s's own. A reason may be a row's status,
// whose text is the reader's buffer, good only while the row is read; and
// a map's assignment stores the key it is given, even over an equal one.
func (s *Statement) skipKey(reason string) string {
	if k, ok := s.skipKeys[reason]; ok {
		return k
	}
	if s.skipKeys == nil {
		s.skipKeys = map[string]string{}
	}
	k := strings.Clone(reason)
	s.skipKeys[k] = k
	return k
}

// Cover widens the days s covers to take in d.
func (s *Statement) Cover(d civil.Date) {
	if !s.From.Valid() || d.Before(s.From) {
		s.From = d
	}
	if d.After(s.To) {
		s.To = d
	}
}

// AppendGrowing appends v to s. A full slice makes room for as many more
// as more tells are still to come, with a tenth more for the guess to be
// short, but for at least a quarter of what it holds; when more cannot tell
// (-1), for as many again, where append grows a large slice by a quarter.
// The transactions of a file of a million rows are then copied about once
// as they grow, rather than four times, each time into memory the process
// has not touched yet.
func AppendGrowing[T any](s []T, v T, more func() int) []T {
	if len(s) == cap(s) {
		room := max(len(s), 64)
		if n := more(); n >= 0 {
			room = max(n+n/10, len(s)/4, 64)
		}
		s = slices.Grow(s, room)
	}
	return append(s, v)
}

// ReadOptions change how statements are read.
type ReadOptions struct {
	// Size is the Size in bytes of the file being read, -1 or 0 when
	// unknown: Registry.Read learns it from its reader.
	Size int
	// SkipInvalid keeps going past rows that cannot be read, listing them in
	// Statement.Invalid instead of failing.
	SkipInvalid bool
	// Keep, when set, chooses by their normalised description the
	// transactions that must be kept in full in Statement.Txns (Amazon's,
	// for check). The table readers keep the others only in brief: counted
	// by sign, their days set per account, and, on the days Fold asks for,
	// a fingerprint for folding; which is all coverage, folding and row
	// accounting need of them. Nil keeps every transaction in full. Keep
	// must not hold on to the string it is given: its bytes are the
	// reader's, used again for the next row.
	Keep func(normalized string) bool
	// SurelyNotKept, when set with Keep, is Keep's quick test, asked of a
	// row's description as written, before it is normalised: true only
	// where Keep would surely refuse the description's normal form, and
	// only for ASCII text (which normalises without fail). A table reader
	// keeps the rows it answers true for in brief without normalising
	// their descriptions or asking Keep, unless it must keep them in full
	// or fold them, when it normalises them then. Check's is the Amazon
	// recognizer's SurelyNot.
	SurelyNotKept func(description string) bool
	// KeepBy names what Keep asks of a row (check's Amazon recognizer),
	// and is handed on as Statement.KeptBy: a reader that would ask the
	// same of each row kept need not ask it of those KeptRows.Chosen tells
	// Keep chose. It must name exactly Keep's question, asked of the
	// normalised description the row keeps: the matcher takes a row its
	// recognizer chose as Amazon's without asking again. Nil names nothing.
	KeepBy any
	// KeepFrom, when set, keeps in brief the rows Keep chooses that are
	// dated before its day: what check never looks at, in a file of
	// decades. The day may be set while the statement is read; rows read
	// before it is are kept in full.
	KeepFrom *civil.Cutoff
	// DateOrder ("dmy", "mdy" or "ymd"; see ParseDateOrder) settles the day
	// order of files whose own dates cannot tell it: --date-order.
	DateOrder string
	// RunDateOrder, when set, is the day order another file of the same
	// shape or account told (RunDateOrderFrom names it); it comes before
	// DateOrder. SettleDayOrder finds it.
	RunDateOrder, RunDateOrderFrom string
	// Fold, when set, chooses the days on which rows kept in brief keep
	// what FoldOverlaps compares; on other days they are only counted and
	// dated, in memory that does not grow with the rows. Nil keeps it for
	// every row. FoldDays tells the days a statement needs.
	Fold func(civil.Date) bool
}

// IsBlank reports whether every cell of rec is empty or white space.
func IsBlank(rec []string) bool {
	for _, c := range rec {
		if textenc.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// WithMemo appends memo to a description, after " / ", when it adds
// something: memo columns often repeat the description, or hold all of it
// where the description was cut short.
func WithMemo(desc, memo string) string {
	desc, memo = strings.TrimSpace(desc), strings.TrimSpace(memo)
	switch {
	case memo == "" || strings.Contains(desc, memo):
		return desc
	case desc == "" || strings.HasPrefix(memo, desc):
		return memo
	}
	return desc + " / " + memo
}

// SkipSection counts section marker rows, and the titles of the tables
// that follow the transactions.
const SkipSection = "section"

// HeaderSearchRows is how many records at the start of a file are searched
// for its header.
const HeaderSearchRows = 30
