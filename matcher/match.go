package matcher

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/shopspring/decimal"
)

// Days around an order's date and confirmation that the rules look at.
const (
	daysBeforeOrder   = 3  // a charge may post up to 3 days before the order date
	daysAfterOrder    = 30 // the charge window runs at least 30 days after it
	subsetDaysAfter   = 14 // split charges post within 14 days of the order
	unknownDaysBefore = 7  // unknown charges are looked for from 7 days before the first order
)

// order is the matcher's working state for one disputed order.
type order struct {
	res *OrderResult
	// card, currency and cardCur are the dispute's card, currency and
	// card currency, kept with the order: fits reads them for every
	// charge it tries.
	card, currency, cardCur string
	d                       civil.Date // order date
	a                       decimal.Decimal
	key                     amountKey  // keyOf(a), made once: credits and rebills look it up
	hash                    amountHash // a's money.Value.AbsHash, made with key
	num                     int32      // key's number in the amounts charges are looked up by (wantedAmounts)
	h                       civil.Date // first confirmation, may be unknown
	cancelAt                civil.Date // first cancel confirmation, may be unknown
	cardAmount              bool       // a is the dispute's card_amount
	attributes              bool       // a confirmation of it attributes a credit (rule 1): attributedCredits reads the confirmations only then
	windowEnd               civil.Date
	ambiguous               bool
	searchCut               bool            // the split-charge search ran out of budget
	byShipment              bool            // charges were matched shipment by shipment
	shipments               bool            // the dispute lists shipments: wantedAmounts reads the dispute only then
	shipsCharged            int             // how many shipments were
	owed                    money.Value     // what is still out, while credits are given
	creditRound             int             // the last look back of a credit that met the order
	advice                  []*msg.Message  // the end of the reason: what to do
	adviceRoom              [3]*msg.Message // room for most advice: an ok order closed has three
	// rare is what only an order in a tie, or split over several charges,
	// needs: nil until one is written (more).
	rare *orderRare
}

// orderRare is the part of an order's state that few orders need. Kept
// apart, it leaves every other order smaller by 168 bytes (400 to 232): the
// orders of a large incident are held, and scanned by the collector, all
// through matching.
type orderRare struct {
	alsoClaims  []string                     // other orders in a tie
	splitSets   [][]*parser.Transaction      // the sets of split charges, when several add up to A
	creditNotes []*msg.Message               // how credits were shared out, where a rule had to choose
	ownRival    string                       // one of the person's own orders its charge could be
	creditTie   []*parser.Transaction        // credits that fit it and other orders equally, the choice changing a verdict
	creditWith  [][]string                   // creditWith[i]: the orders creditTie[i] could refund instead
	candidate   map[*parser.Transaction]bool // the Candidates, as a set
	// rebills are the charges that could be a further billing of this
	// order or of other charged orders.
	rebills []*rebill
	// knot is the kind of knot of ties the order stands in
	// (knotOfCharges, knotOfChargesAndCredits), 0 for none.
	knot int
}

// noRare is what an order without its rare part reads (rd): never written.
var noRare orderRare

// rd is the order's rare part, to read only: noRare where the order has
// none. Writes go through more.
func (o *order) rd() *orderRare {
	if o.rare == nil {
		return &noRare
	}
	return o.rare
}

// more is the order's rare part, to write: made the first time.
func (o *order) more() *orderRare {
	if o.rare == nil {
		o.rare = &orderRare{}
	}
	return o.rare
}

// Match reconciles statements against disputed orders and confirmations.
// The statements must already be folded (parser.FoldOverlaps). It leaves
// its arguments as it found them: matching them again gives the same
// report.
func Match(stmts []*parser.Statement, disputes []parser.Dispute, confs []parser.Confirmation, opts Options) *Report {
	return Prepare(disputes, confs, opts).Match(stmts)
}

// Matching is a reconciliation with its orders made ready, their
// confirmations found, before the statements are read: a caller that reads
// them on another core can prepare the orders meanwhile.
type Matching struct {
	disputes  []parser.Dispute
	opts      Options
	orders    []*order
	lateConfs leftOut // confirmations dated after the as-of date
}

// leftOut counts the rows left out for being dated after the as-of date,
// and says where the first one is.
type leftOut struct {
	n       int
	first   string
	atLeast bool // n counts some days of rows as one row each
}

func (l *leftOut) add(file string, line int) {
	if l.n == 0 {
		l.first = file
		if line > 0 {
			l.first = fmt.Sprintf("%s:%d", file, line)
		}
	}
	l.n++
}

// Prepare makes the disputed orders ready to be matched with Matching.Match.
func Prepare(disputes []parser.Dispute, confs []parser.Confirmation, opts Options) *Matching {
	m := &Matching{disputes: disputes, opts: opts, orders: newOrders(disputes, confs, opts)}
	for i := range confs {
		if c := &confs[i]; c.ConfirmedOn.After(opts.AsOf) {
			m.lateConfs.add(c.File, c.Line)
		}
	}
	return m
}

// Match reconciles the statements against the prepared orders, as the
// function Match does. It runs once: the orders keep what it finds, and a
// second call panics. The statements must already be folded
// (parser.FoldOverlaps).
//
// It goes through the rules of SPEC §4 in order: the Amazon charges and
// credits up to the date of the report are gathered; the orders are given
// their charges, strongest evidence first; the charges of the user's own
// orders are claimed; the credits are given out; ties are settled; each
// order is judged; what no order took is listed as unknown.
func (m *Matching) Match(stmts []*parser.Statement) *Report {
	if m.orders == nil && len(m.disputes) > 0 {
		panic("matcher: Matching.Match called twice")
	}
	disputes, opts, orders := m.disputes, m.opts, m.orders
	m.orders = nil
	amazon := opts.Amazon
	if amazon == nil {
		amazon, _ = NewRecognizer()
	}
	rep := &Report{AsOf: opts.AsOf, Grace: opts.Grace, Watch: opts.Watch, OwnOrders: len(opts.Own) > 0}
	covs := coverages(stmts, opts.AsOf)
	rep.Coverages = covs

	charges, credits, late := amazonRows(stmts, opts.AsOf, amazon)
	rep.Notes = leftOutNotes(rep.Notes, len(disputes), late, m.lateConfs, opts.AsOf)

	idx, used, ties := assignCharges(orders, charges, opts.Own)
	// The day unknown charges and credits are listed from, found once: each
	// finding of it reads every dispute.
	from, inIncident := unknownFrom(disputes)
	claimed, own := claimOwnCharges(rep, orders, charges, idx, used, opts, from, inIncident)

	j := newJudging(covs, opts)
	cr := newCrediting(charges, credits, own)
	cr.j = j
	cr.assignCredits(orders)
	settleTies(orders, ties, own, claimed, cr, j, opts)
	rep.UnassignedCredits = unassignedCredits(cr.free(), from, inIncident)
	if opts.BeforeJudging != nil {
		opts.BeforeJudging()
	}

	// Each order is judged on its own, from what was given to it, and the
	// unknown charges are what none was given: both on every core.
	var wg sync.WaitGroup
	wg.Go(func() { rep.Unknown = unknownCharges(charges, claimed, from, inIncident) })
	judgeAll(&wg, orders, j)
	wg.Wait()
	rep.Orders = sortedResults(orders)
	return rep
}

// amazonRows gathers the Amazon charges and credits of the statements dated
// up to asOf, each sorted by day, and counts the rows left out for being
// dated after it.
func amazonRows(stmts []*parser.Statement, asOf civil.Date, amazon *Recognizer) (list *chargeList, credits []*parser.Transaction, late leftOut) {
	// Room for every kept row: as check reads statements, only Amazon's rows
	// are kept in full, nine in ten of them charges, so that this is about
	// what is needed, made once rather than grown by doubling.
	rows := 0
	for _, s := range stmts {
		rows += s.Txns.Len()
	}
	list = &chargeList{refs: make([]chargeRef, 0, rows)}
	var norm []byte
	for _, s := range stmts {
		if n, line, exact := s.RowsAfter(asOf); n > 0 {
			late.add(s.File, line)
			late.n += n - 1
			late.atLeast = late.atLeast || !exact
		}
		k := &s.Txns
		if k.Len() == 0 {
			continue
		}
		src := int32(len(list.kept))
		list.kept = append(list.kept, k)
		// A row the reader kept because amazon chose it (check reads the
		// statements so) is Amazon's without asking again.
		chosenByAmazon := s.KeptBy != nil && s.KeptBy == any(amazon)
		for i := range k.Len() {
			if k.Date(i).After(asOf) {
				continue
			}
			if !chosenByAmazon || !k.Chosen(i) {
				// The normalised description, made in norm where the row
				// does not keep it, is read here only.
				norm = k.AppendNormalized(norm[:0], i)
				if !amazon.IsAmazon(unsafe.String(unsafe.SliceData(norm), len(norm))) {
					continue
				}
			}
			switch k.Sign(i) {
			case 1:
				day := k.UsedOn(i)
				if !day.Valid() {
					day = k.Date(i)
				}
				list.refs = append(list.refs, chargeRef{day: day, src: src, row: int32(i)})
			case -1:
				t := keptTxn(k, i)
				credits = append(credits, &t)
			}
		}
	}
	slices.SortStableFunc(list.refs, func(x, y chargeRef) int { return x.day.Sub(y.day) })
	list.txns = make([]*parser.Transaction, len(list.refs))
	sortTxns(credits)
	return list, credits, late
}

// leftOutNotes appends the notes of the report that say what it leaves
// out: no disputed order yet, statement rows and confirmations dated after
// the date of the report.
func leftOutNotes(notes []*msg.Message, disputes int, late, lateConfs leftOut, asOf civil.Date) []*msg.Message {
	if disputes == 0 {
		notes = append(notes, msg.Msgf("no order is disputed yet: every Amazon charge of the statements is listed, for you to find the intruder's and add them to disputes.csv"))
	}
	if late.n > 0 && late.atLeast {
		notes = append(notes, msg.Msgf("at least %d statement rows dated after %s, the date of the report, were left out; the first is in %s", late.n, asOf, late.first))
	} else if late.n > 0 {
		notes = append(notes, msg.Msgf("%d statement rows dated after %s, the date of the report, were left out; the first is %s", late.n, asOf, late.first))
	}
	if lateConfs.n > 0 {
		notes = append(notes, msg.Msgf("%d of Amazon's confirmations dated after %s, the date of the report, were left out; the first is %s", lateConfs.n, asOf, lateConfs.first))
	}
	return notes
}

// assignCharges gives the orders their charges, strongest evidence first:
// exact single charges (nearest in date), then shipments, then sets of
// charges that add up to an order, then rebills. It returns the charges of
// the amounts looked up (chargeIndex), the charges given, and the ties
// found among exact charges and among shipments.
func assignCharges(orders []*order, charges *chargeList, own []OwnOrder) (idx *chargeIndex, used map[*parser.Transaction]bool, ties []*tie) {
	used = make(map[*parser.Transaction]bool, len(orders)) // about a charge an order
	set := wantedAmounts(orders, own)
	wanted := wantedCharges(charges, set) // the charges an order can be charged, each with its keys worked out once
	idx = indexCharges(wanted, set)
	ties = assignExact(orders, idx, used)
	ties = append(ties, assignShipments(orders, idx, used)...)
	assignSubsets(orders, charges, used)
	assignRebills(orders, wanted, set, used)
	return idx, used, ties
}

// claimOwnCharges marks as claimed the charges given to or held as
// candidates by an order, then the charges of the user's own orders
// (own.csv, then mine.csv), counting the latter into the report. It returns
// the claimed charges and those of own.csv. Unknown charges are listed from
// day from (unknownFrom), where inIncident; else every one is.
func claimOwnCharges(rep *Report, orders []*order, charges *chargeList, idx *chargeIndex, used map[*parser.Transaction]bool, opts Options, from civil.Date, inIncident bool) (claimed, own map[*parser.Transaction]bool) {
	// The charges given are claimed: their set is copied whole, table by
	// table, rather than a charge at a time.
	claimed = maps.Clone(used)
	for _, o := range orders {
		for _, c := range o.res.Ties().Candidates {
			claimed[c] = true
		}
	}
	own = ownCharges(opts.Own, idx, claimed)
	mine := mineCharges(opts.Mine, charges, claimed, own)
	rep.OwnChargesAll = len(own) + len(mine)
	for _, set := range []map[*parser.Transaction]bool{own, mine} {
		for t := range set {
			claimed[t] = true
			if !inIncident || !txnDay(t).Before(from) { // the charges that would otherwise be unknown
				rep.OwnCharges++
			}
		}
	}
	return claimed, own
}

// settleTies settles what the first passes left open. Ties are judged
// under each way of sharing their charges out, with the credits no other
// order took; orders found interchangeable are then given their charges,
// and their credits. Rebills, ties that share orders (knots) and ties with
// the user's own orders follow. A charge a tie gives no order leaves
// claimed: it is an unknown charge.
func settleTies(orders []*order, ties []*tie, own, claimed map[*parser.Transaction]bool, cr *crediting, j *judging, opts Options) {
	settled, open := resolveTies(ties, orders, cr.free(), claimed, j)
	if len(settled) > 0 {
		cr.assignCredits(settled)
	}
	if given := resolveRebills(orders, j); len(given) > 0 {
		cr.assignCredits(given)
	}
	judgeKnots(orders, open, cr, j)
	ownTies(orders, opts.Own, own, cr, j)
}

// judgeAll judges each order on its own, from what was given to it, in
// parts on every core; wg is waited for by the caller.
func judgeAll(wg *sync.WaitGroup, orders []*order, j *judging) {
	// Room for the sentences of most reasons, made at once for all orders.
	room := make([]*msg.Message, reasonRoom*len(orders))
	for i, o := range orders {
		o.res.Reason = room[i*reasonRoom : i*reasonRoom : (i+1)*reasonRoom]
	}
	per := max(len(orders)/runtime.GOMAXPROCS(0), 256)
	for part := range slices.Chunk(orders, per) {
		wg.Go(func() {
			for _, o := range part {
				judge(o, j)
			}
		})
	}
}

// sortedResults lists the orders' results, most severe first, then by
// order date and order ID (then as the orders came, should two share one).
// What is compared is gathered first, and sorted in one slice: a stable
// sort through each result's pointers took a tenth of matching 80,000
// orders. There are four severities: the orders are first counted under
// each and written into its part of the slice, in the order they came;
// orders come earliest first (newOrders), so that each part is then in
// date order already, and only the orders of one day are sorted by ID.
// A part out of date order is sorted whole.
func sortedResults(orders []*order) []*OrderResult {
	type key struct {
		date civil.Date
		id   string
		i    int
	}
	var at [Alert + 2]int // where the next order of each severity goes, most severe first
	sevs := make([]Severity, len(orders))
	for i, o := range orders {
		sevs[i] = o.res.Severity()
		at[Alert-sevs[i]+1]++
	}
	for s := 1; s < len(at); s++ {
		at[s] += at[s-1]
	}
	parts := at // the start of each severity's part, and of the next
	keys := make([]key, len(orders))
	for i, o := range orders {
		p := Alert - sevs[i]
		keys[at[p]] = key{o.res.Dispute.OrderDate, o.res.Dispute.OrderID, i}
		at[p]++
	}
	byID := func(x, y key) int {
		if c := strings.Compare(x.id, y.id); c != 0 {
			return c
		}
		return x.i - y.i
	}
	for s := range len(parts) - 1 {
		part := keys[parts[s]:parts[s+1]]
		if !slices.IsSortedFunc(part, func(x, y key) int { return x.date.Sub(y.date) }) {
			slices.SortFunc(part, func(x, y key) int {
				if d := x.date.Sub(y.date); d != 0 {
					return d
				}
				return byID(x, y)
			})
			continue
		}
		for i := 0; i < len(part); {
			j := i + 1
			for j < len(part) && part[j].date == part[i].date {
				j++
			}
			if j-i > 1 {
				slices.SortFunc(part[i:j], byID)
			}
			i = j
		}
	}
	res := make([]*OrderResult, len(orders))
	for i, k := range keys {
		res[i] = orders[k.i].res
	}
	return res
}

func sortTxns(ts []*parser.Transaction) {
	slices.SortStableFunc(ts, func(x, y *parser.Transaction) int { return txnDay(x).Sub(txnDay(y)) })
}

// newOrders makes the orders of the disputes, each with Amazon's
// confirmations of it up to the date of the report, earliest order first.
func newOrders(disputes []parser.Dispute, confs []parser.Confirmation, opts Options) []*order {
	byID := make(map[string][]*parser.Confirmation, len(confs))
	// Most orders have one confirmation: each order's first is held in one
	// slice for all, with room for that one only, so that a second moves
	// the order's list out rather than write over the next order's.
	firsts := make([]*parser.Confirmation, len(confs))
	n := 0
	for i := range confs {
		c := &confs[i]
		if c.ConfirmedOn.After(opts.AsOf) {
			continue
		}
		if cs, ok := byID[c.OrderID]; ok {
			byID[c.OrderID] = append(cs, c)
			continue
		}
		firsts[n] = c
		byID[c.OrderID] = firsts[n : n+1 : n+1]
		n++
	}
	// The orders and their results are made all at once, not one by one:
	// there are as many as disputes, ten thousand of them in a long incident.
	// They are laid out earliest first, the order they are matched, judged
	// and mostly reported in, whatever the order of the disputes; they are
	// set up in the order of the disputes, each written into its place, so
	// that the disputes (and confirmations listed alike) are read in turn.
	all, results := make([]order, len(disputes)), make([]OrderResult, len(disputes))
	orders := make([]*order, len(disputes))
	at := make([]int32, len(disputes)) // where each dispute's order is laid out
	for k, i := range byOrderDate(disputes) {
		at[i] = int32(k)
		orders[k] = &all[k]
	}
	for i := range disputes {
		k := at[i]
		all[k].init(&disputes[i], &results[k], byID[disputes[i].OrderID], opts)
	}
	return orders
}

// init sets up order o of dispute d, with its result res and Amazon's
// confirmations cs (sorted here by date): the amount matched, the day of
// Amazon's word and of a cancellation, the end of the watch and of the
// window its charges are looked for in.
func (o *order) init(d *parser.Dispute, res *OrderResult, cs []*parser.Confirmation, opts Options) {
	res.Dispute = d
	res.keepAmount()
	o.res, o.d, o.a = res, d.OrderDate, d.Amount
	o.card, o.currency, o.cardCur = d.Card, d.Currency, d.CardCurrency
	o.shipments = len(d.Shipments) > 0
	o.res.Currency = d.Currency
	if !d.CardAmount.IsZero() && !d.CardAmount.Equal(d.Amount) || d.CardCurrency != "" && d.CardCurrency != d.Currency {
		// What the card was billed is what is matched (SPEC §3.2).
		o.a, o.cardAmount = d.CardAmount, true
		o.res.Currency = d.CardCurrency
	}
	o.key = keyOf(o.a)
	o.hash = hashOf(o.a)
	slices.SortStableFunc(cs, func(x, y *parser.Confirmation) int { return x.ConfirmedOn.Sub(y.ConfirmedOn) })
	o.res.Confirmations = cs
	if len(cs) > 0 {
		o.res.Confirmation = cs[0]
		o.h = cs[0].ConfirmedOn
		o.res.WatchUntil = o.h.AddDays(opts.Watch)
	}
	for _, c := range cs {
		if c.Kind == parser.KindCancel {
			o.cancelAt = c.ConfirmedOn
			break
		}
	}
	o.attributes = slices.ContainsFunc(cs, func(c *parser.Confirmation) bool { return c.Attributes })
	o.windowEnd = o.d.AddDays(daysAfterOrder)
	if o.h.Valid() {
		o.windowEnd = civil.Max(o.windowEnd, o.res.WatchUntil)
	}
}

// byOrderDate lists the indexes of disputes, earlier order first, so that
// ties and subsets are settled in a stable order: the orders of one day in
// the order of the disputes. The disputes are counted under each day
// (dayOrder); where their days spread too wide for that, sorting the days
// with their index does it faster than a stable sort.
func byOrderDate(disputes []parser.Dispute) []int {
	if order, ok := dayOrder(len(disputes), func(i int) civil.Date { return disputes[i].OrderDate }); ok {
		return order
	}
	type day struct {
		d civil.Date
		i int
	}
	days := make([]day, len(disputes))
	for i := range disputes {
		days[i] = day{disputes[i].OrderDate, i}
	}
	slices.SortFunc(days, func(x, y day) int {
		if c := x.d.Sub(y.d); c != 0 {
			return c
		}
		return x.i - y.i
	})
	order := make([]int, len(days))
	for k, day := range days {
		order[k] = day.i
	}
	return order
}

// dayOrder lists the indexes of n items by their day, those of one day in
// the order of their indexes, as a stable sort by day would: the items are
// counted under each day from the first to the last, and each index
// written into its place. A decade of days is fewer than the orders of a
// large incident, and a sort compared each of them some seventeen times.
// ok is false, and nothing listed, where the items are few (a sort of
// them costs less than the count of their days) or their days spread much
// wider than they are many.
func dayOrder(n int, day func(i int) civil.Date) (order []int, ok bool) {
	if n < 64 {
		return nil, false
	}
	first, last := day(0), day(0)
	for i := 1; i < n; i++ {
		d := day(i)
		first, last = civil.Min(first, d), civil.Max(last, d)
	}
	span := last.Sub(first)
	if span > 4*n+1024 {
		return nil, false
	}
	return countedOrder(n, span, func(i int) int { return day(i).Sub(first) }), true
}

// countedOrder lists the indexes of n items by their key, from 0 to top,
// those of one key in the order of their indexes, as a stable sort by key
// would: the items are counted under each key, and each index written
// into its place.
func countedOrder(n, top int, key func(i int) int) []int {
	// at[k] is where the next item of key k goes: after the items of every
	// lower key and those of key k met before it.
	at := make([]int32, top+2)
	for i := range n {
		at[key(i)+1]++
	}
	for k := 1; k < len(at); k++ {
		at[k] += at[k-1]
	}
	order := make([]int, n)
	for i := range n {
		k := key(i)
		order[at[k]] = i
		at[k]++
	}
	return order
}

// fits reports whether transaction t can belong to order o at all: its
// account and currency agree with what the order says.
func (o *order) fits(t *parser.Transaction) bool {
	if !CardMatches(o.card, t.Account) {
		return false
	}
	if o.cardAmount && !hasOriginal(t) {
		// card_amount is in the card's currency, whatever the order's.
		return currencyMatches(o.cardCur, t)
	}
	return currencyMatches(o.currency, t)
}

// amountMatches reports whether t's amount (or its original foreign amount)
// is exactly amt. An order with card_amount is matched on it only on rows
// that state no original amount; a row that states one is matched on the
// order's own amount, in its currency.
func (o *order) amountMatches(t *parser.Transaction, amt decimal.Decimal) bool {
	if o.cardAmount {
		d := o.res.Dispute
		if hasOriginal(t) {
			return t.OrigCurrency == d.Currency && absEquals(t.OrigAmount, d.Amount) && amt.Equal(o.a)
		}
		return absEquals(t.Amount, amt)
	}
	return exactAmount(t, amt, o.currency)
}

// absEquals reports whether |a| is exactly b. Amounts of at most 18
// digits written alike, nearly all of them, are compared as integers: the
// |a| of a credit would be a decimal made for each comparison, and a credit
// is compared with each charge of every order it might give back.
func absEquals(a, b decimal.Decimal) bool {
	if a.Exponent() == b.Exponent() && a.NumDigits() <= 18 && b.NumDigits() <= 18 {
		x := a.CoefficientInt64()
		if x < 0 {
			x = -x
		}
		return x == b.CoefficientInt64()
	}
	return a.Abs().Equal(b)
}

// hasOriginal reports whether row t states an original foreign amount.
func hasOriginal(t *parser.Transaction) bool {
	return t.OrigCurrency != "" && !t.OrigAmount.IsZero()
}

func currencyMatches(want string, t *parser.Transaction) bool {
	return want == "" || t.Currency == "" || t.Currency == want || t.OrigCurrency == want
}

func isDigits(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

func inRange(d, from, to civil.Date) bool { return !d.Before(from) && !d.After(to) }

func absDays(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// amountKeys are the index keys under which orders that t could pay are
// found: its amount and, where it differs, its original foreign amount;
// the second key is 0 when there is none.
func amountKeys(t *parser.Transaction) [2]amountKey {
	keys := [2]amountKey{keyOf(t.Amount)}
	if t.OrigCurrency != "" && !t.OrigAmount.IsZero() {
		if orig := keyOf(t.OrigAmount); orig != keys[0] {
			keys[1] = orig
		}
	}
	return keys
}

// creditIsExact reports whether credit t gives back one of o's charges or its amount.
func (o *order) creditIsExact(t *parser.Transaction) bool {
	if o.amountMatches(t, o.a) {
		return true
	}
	for _, c := range o.res.Charges {
		if absEquals(t.Amount, c.Amount) {
			return true
		}
	}
	return false
}

// sumAmounts adds the absolute amounts of ts.
func sumAmounts(ts []*parser.Transaction) decimal.Decimal {
	sum := decimal.Zero
	for _, t := range ts {
		sum = sum.Add(t.Amount.Abs())
	}
	return sum
}

// unknownCharges lists the Amazon charges no disputed order took, posted from
// 7 days before the earliest order (from, unknownFrom) to the end of the
// statements; all of them without disputes (inIncident false).
func unknownCharges(charges *chargeList, claimed map[*parser.Transaction]bool, from civil.Date, inIncident bool) Rows {
	// With no disputed order, every Amazon charge is listed, for the
	// person to find the intruder's (SPEC §3.2).
	i := 0
	if inIncident { // charges are in date order: those before from are not listed
		i = charges.from(from)
	}
	// Most of them are listed (the claimed are one in ten or so), so room
	// for all is made once rather than grown by doubling.
	out := make([]int32, 0, charges.len()-i)
	for ; i < charges.len(); i++ {
		if t := charges.made(i); t == nil || !claimed[t] {
			out = append(out, int32(i))
		}
	}
	if len(out) == 0 {
		return Rows{} // none: no list, as when none was appended
	}
	return Rows{charges: charges, idx: out}
}

// unassignedCredits are the credits no order took, disputed or own, dated
// from 7 days before the earliest disputed order; every one without
// disputes (inIncident false; from is unknownFrom's). They may belong to
// an order, so they are listed.
func unassignedCredits(free []*parser.Transaction, from civil.Date, inIncident bool) []*parser.Transaction {
	var out []*parser.Transaction
	for _, t := range free {
		if !inIncident || !txnDay(t).Before(from) {
			out = append(out, t)
		}
	}
	return out
}

// unknownFrom is the first day unknown charges are looked for on: a week
// before the first disputed order. ok is false without disputes.
func unknownFrom(disputes []parser.Dispute) (from civil.Date, ok bool) {
	if len(disputes) == 0 {
		return civil.Date{}, false
	}
	first := disputes[0].OrderDate
	for _, d := range disputes {
		first = civil.Min(first, d.OrderDate)
	}
	return first.AddDays(-unknownDaysBefore), true
}

// FirstDayNeeded is the earliest posting day Match looks at for these
// disputes; statement rows dated before it need not be kept in full
// (parser.ReadOptions.KeepFrom). It is a week before the first order, or
// before the first shipment of one, as unknown charges are looked for, less
// the charge window of the person's own orders, which may claim a charge
// from that week: a month and three days. Without disputes, Match looks at
// no charge, and this is the zero Date, which keeps every row.
func FirstDayNeeded(disputes []parser.Dispute) civil.Date {
	from, ok := unknownFrom(disputes)
	if !ok {
		return civil.Date{}
	}
	for _, d := range disputes {
		for _, sh := range d.Shipments {
			from = civil.Min(from, sh.Date.AddDays(-max(unknownDaysBefore, daysBeforeShipment)))
		}
	}
	return from.AddDays(-(daysAfterOrder + daysBeforeOrder))
}

// txnDay is the day a statement row counts on for the charge and credit
// windows, for "after Amazon's confirmation" and for unknown charges: the
// day of use where the export gives it next to the posting day, else its
// one date (SPEC §4, "Dates"). Coverage goes by posting day.
func txnDay(t *parser.Transaction) civil.Date {
	if t.UsedOn.Valid() {
		return t.UsedOn
	}
	return t.Date
}
