package matcher

import (
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
)

// bridgedGap is the most days between two files of an account that are
// taken as days without activity rather than a missing export.
const bridgedGap = 7

// coverages returns, per account, the days its statements show up to asOf
// (SPEC §3.1): each file covers the days from its first to its last posting
// day up to asOf, for every account it holds, a quiet card of a family
// export as much as the busy one; an account's files are joined, and gaps
// of at most a week between them bridged. Rows of files that name no
// account make up one account, "".
func coverages(stmts []*parser.Statement, asOf civil.Date) []Coverage {
	spans := map[string][]Span{}
	currency := map[string]string{}
	for _, s := range stmts {
		for i := range s.Txns.Len() {
			if c := s.Txns.Currency(i); c != "" && currency[s.Txns.Account(i)] == "" {
				currency[s.Txns.Account(i)] = c
			}
		}
		var from, to civil.Date
		var accounts []string
		for d, acct := range s.Days() {
			if d.After(asOf) {
				continue
			}
			if !from.Valid() || d.Before(from) {
				from = d
			}
			if !to.Valid() || d.After(to) {
				to = d
			}
			if !slices.Contains(accounts, acct) {
				accounts = append(accounts, acct)
			}
		}
		if !from.Valid() {
			continue
		}
		for _, acct := range accounts {
			spans[acct] = append(spans[acct], Span{from, to})
		}
	}
	out := make([]Coverage, 0, len(spans))
	for acct, ss := range spans {
		c := coverageOf(acct, joinSpans(ss))
		c.Currency = currency[acct]
		out = append(out, c)
	}
	slices.SortFunc(out, func(x, y Coverage) int { return strings.Compare(x.Account, y.Account) })
	return out
}

func coverageOf(account string, spans []Span) Coverage {
	c := Coverage{Account: account, Spans: spans}
	if len(spans) > 0 {
		c.From, c.To = spans[0].From, spans[len(spans)-1].To
	}
	return c
}

// joinSpans merges spans that overlap, touch or lie at most bridgedGap
// days apart.
func joinSpans(ss []Span) []Span {
	ss = slices.Clone(ss)
	slices.SortFunc(ss, func(x, y Span) int { return x.From.Sub(y.From) })
	var out []Span
	for _, s := range ss {
		if n := len(out); n > 0 && s.From.Sub(out[n-1].To)-1 <= bridgedGap {
			out[n-1].To = civil.Max(out[n-1].To, s.To)
			continue
		}
		out = append(out, s)
	}
	return out
}

// intersect is the days both a and b cover.
func intersect(a, b []Span) []Span {
	var out []Span
	for i, j := 0, 0; i < len(a) && j < len(b); {
		from, to := civil.Max(a[i].From, b[j].From), civil.Min(a[i].To, b[j].To)
		if !from.After(to) {
			out = append(out, Span{from, to})
		}
		if a[i].To.Before(b[j].To) {
			i++
		} else {
			j++
		}
	}
	return out
}

// coverageFor chooses the coverage an order is judged on (SPEC §3.1): its
// card's account where the dispute names one (files that name no account
// count for it only where no named file holds that card); else the account
// holding its charges; else the days every account read covers, naming the
// accounts that lack days of the order's month.
//
// The coverage of one account is covs' own, shared by every order judged on
// it: a copy of its 88 bytes in each of tens of thousands of results was 7
// MB of a large run.
func coverageFor(o *order, covs []Coverage) *Coverage {
	if card := o.card; card != "" { // the order's copy: its dispute is seldom in the cache
		var spans [][]Span
		var names []string
		for _, c := range covs {
			if c.Account != "" && CardMatches(card, c.Account) {
				spans, names = append(spans, c.Spans), append(names, c.Account)
			}
		}
		if len(spans) == 0 {
			for i := range covs {
				if covs[i].Account == "" {
					return &covs[i]
				}
			}
			return &Coverage{Account: card}
		}
		cov := coverageOf(strings.Join(names, ", "), joinSpans(slices.Concat(spans...)))
		return &cov
	}
	var held []string
	for _, t := range o.res.Charges {
		if !slices.Contains(held, t.Account) {
			held = append(held, t.Account)
		}
	}
	if len(held) > 0 {
		return everyAccount(covs, func(c Coverage) bool { return slices.Contains(held, c.Account) }, o)
	}
	return everyAccount(covs, func(Coverage) bool { return true }, o)
}

// everyAccount is the coverage of the days every account that in chooses
// covers, naming those that lack days of order o's D … D+30.
func everyAccount(covs []Coverage, in func(Coverage) bool, o *order) *Coverage {
	var room [2]*Coverage // most statements are of one or two accounts: picked stays on the stack
	picked := room[:0]
	for i := range covs {
		if in(covs[i]) {
			picked = append(picked, &covs[i])
		}
	}
	switch len(picked) {
	case 0:
		return &Coverage{}
	case 1:
		return picked[0]
	}
	spans := picked[0].Spans
	var names, lacking []string
	to := o.d.AddDays(daysAfterOrder)
	for i, c := range picked {
		if i > 0 {
			spans = intersect(spans, c.Spans)
		}
		names = append(names, c.Account)
		if !c.Covers(o.d, to) {
			lacking = append(lacking, accountName(c.Account))
		}
	}
	cov := coverageOf(strings.Join(names, ", "), spans)
	cov.Lacking = lacking
	return &cov
}

// accountName is how a reason names an account: files that name none are
// "files without an account".
func accountName(acct string) string {
	if acct == "" {
		return "files without an account"
	}
	return acct
}

// CardMatches reports whether a statement account can be the card a
// dispute names (SPEC §3.2). Digits given alone are the card's last digits,
// compared at the end of the account's number (4567 agrees with
// 4980-0379-3988-4*** and with ****-****-****-4567); a number written with
// separators or masks is compared digit by digit, aligned at the end,
// wherever both show a digit; other text matches an account whose name
// contains it. Rows of files that name no account may be of any card.
func CardMatches(card, account string) bool {
	if card == "" || account == "" {
		return true
	}
	c, a := textenc.Normalize(card), textenc.Normalize(account)
	if cn, ok := cardNumber(c); ok {
		an, _ := cardNumber(lastNumber(a))
		if len(an) == 0 {
			return false
		}
		if isDigits(c) && len(an) < len(cn) {
			return false
		}
		for i, j := len(cn)-1, len(an)-1; i >= 0 && j >= 0; i, j = i-1, j-1 {
			if isDigit(cn[i]) && isDigit(an[j]) && cn[i] != an[j] {
				return false
			}
		}
		return true
	}
	return strings.Contains(a, c)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// cardNumber reads s as a card number, written whole or masked: digits and
// mask characters (* X x •), joined by spaces or hyphens. It returns the
// digits and masks alone, and whether s is such a number with a digit.
func cardNumber(s string) (string, bool) {
	var b strings.Builder
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digit = true
		case r == '*' || r == 'X' || r == 'x' || r == '•':
			b.WriteByte('*')
		case r == '-' || r == ' ':
		default:
			return "", false
		}
	}
	return b.String(), digit
}

// lastNumber is the last run of s made of card-number characters: the
// number in an account such as "VISA ****-****-****-4567".
func lastNumber(s string) string {
	end := len(s)
	for end > 0 && strings.ContainsRune(" -", rune(s[end-1])) {
		end--
	}
	start := end
	for start > 0 {
		c := s[start-1]
		if !(isDigit(c) || strings.IndexByte("*Xx- ", c) >= 0) {
			break
		}
		start--
	}
	// The run starts at its first digit or star: a letter or space before
	// it belongs to the name.
	for start < end && !isDigit(s[start]) && s[start] != '*' {
		start++
	}
	return strings.TrimSpace(s[start:end])
}

// CheckCards reports the disputes whose card matches no account of the
// statements, where every file names its account (SPEC §3.2): a mistyped
// card would otherwise leave its order unmatched. The error names the
// accounts read.
func CheckCards(disputes []parser.Dispute, stmts []*parser.Statement) error {
	if !slices.ContainsFunc(disputes, func(d parser.Dispute) bool { return d.Card != "" }) {
		return nil
	}
	var accounts []string
	for _, s := range stmts {
		for _, acct := range s.Days() {
			if acct == "" {
				return nil
			}
			if !slices.Contains(accounts, acct) {
				accounts = append(accounts, acct)
			}
		}
	}
	if len(accounts) == 0 {
		return nil
	}
	slices.Sort(accounts)
	var errs parser.ErrorList
	for _, d := range disputes {
		if d.Card == "" || slices.ContainsFunc(accounts, func(a string) bool { return CardMatches(d.Card, a) }) {
			continue
		}
		errs = append(errs, &parser.Error{File: d.File, Line: d.Line,
			Err: msg.Msgf("card %q matches no account of the statements (accounts read: %s)", d.Card, strings.Join(accounts, ", "))})
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}
