// Package workload makes synthetic inputs of any size for refundwatch's
// benchmarks: a generic statement CSV (Date,Description,Amount, charges
// positive), a disputes.csv, a confirmations.csv, and the verdict each
// disputed order must get.
//
// It has the shape of the shared bench/gen.py workload: ten years of rows,
// about one in ten of them Amazon's, and disputed orders whose amounts are
// unique and above any other Amazon row, so that every expected verdict is
// unambiguous. The same size and seed always give the same bytes.
package workload

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Workload is one generated set of inputs.
type Workload struct {
	// Statement is a generic CSV statement: Date,Description,Amount.
	Statement []byte
	// Disputes and Confirmations are disputes.csv and confirmations.csv.
	Disputes, Confirmations []byte
	// Expected is the verdict each disputed order must get, by order id.
	Expected map[string]string
	// Rows is the number of transactions in Statement.
	Rows int
}

// Dates the workload spans: ten years from 2015-01-01.
var start = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)

const span = 3650

var (
	otherMerchants = []string{"STARBUCKS #%04d", "UBER *TRIP %05d", "SHELL OIL %06d", "NETFLIX.COM %d", "WHOLEFDS #%04d",
		"TARGET T-%04d", "SEVEN-ELEVEN %05d", "LAWSON %05d", "APPLE.COM/BILL %d", "SPOTIFY P%06d"}
	amazonMerchants = []string{"AMZN Mktp US*%s", "Amazon.com*%s", "AMAZON.CO.JP", "AMZN Digital*%s", "AMAZON MARKETPLACE %s"}
)

// txn is one statement row: day since start, description, amount in cents.
type txn struct {
	day   int
	desc  string
	cents int64
}

type generator struct {
	rnd *rand.Rand
}

func (g *generator) ref() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
	b := make([]byte, 9)
	for i := range b {
		b[i] = alphabet[g.rnd.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *generator) amazonDesc() string {
	p := amazonMerchants[g.rnd.IntN(len(amazonMerchants))]
	if p == "AMAZON.CO.JP" {
		return p
	}
	return fmt.Sprintf(p, g.ref())
}

// Generate makes a workload of rows statement rows (at least one per
// disputed order that is billed) and disputes disputed orders, from seed.
func Generate(rows, disputes int, seed uint64) *Workload {
	g := &generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	w := &Workload{Expected: make(map[string]string, disputes)}
	txns := make([]txn, 0, rows+1)
	disputesCSV := []byte("order_id,order_date,amount,currency\n")
	confsCSV := []byte("order_id,confirmed_on,kind\n")
	var neverBilled []disputedOrder
	for i := range disputes {
		var o disputedOrder
		o, txns = g.disputed(i, txns)
		disputesCSV = fmt.Appendf(disputesCSV, "%s,%s,%s,USD\n", o.id, date(o.ordered), amount(o.cents))
		confsCSV = fmt.Appendf(confsCSV, "%s,%s,%s\n", o.id, date(o.handled), o.confirmed)
		w.Expected[o.id] = o.verdict
		if o.verdict == "not-charged" {
			neverBilled = append(neverBilled, o)
		}
	}
	txns = byDay(g.background(txns, rows))
	// The statements must reach the last confirmation plus the grace days:
	// they end with a quiet row 90 days after the last one.
	last := 0
	if len(txns) > 0 {
		last = txns[len(txns)-1].day
	}
	txns = append(txns, txn{last + 90, "STARBUCKS #0001", 450})

	// An order never billed is not-charged only where the statements cover
	// its D … D+30; before the first row they do not.
	for _, o := range neverBilled {
		if o.ordered < txns[0].day {
			w.Expected[o.id] = "not-covered"
		}
	}
	w.Statement, w.Disputes, w.Confirmations, w.Rows = statementCSV(txns), disputesCSV, confsCSV, len(txns)
	return w
}

// disputedOrder is one disputed order of the workload: its id and amount,
// the days it was ordered and Amazon handled it, the kind of Amazon's
// confirmation, and the verdict it must get.
type disputedOrder struct {
	id               string
	cents            int64
	ordered, handled int
	confirmed        string
	verdict          string
}

// disputed makes the i-th disputed order and appends its statement rows
// to txns. Its amount is unique and above any other Amazon row, so that
// its verdict is unambiguous; its story is drawn as the shared workload
// draws it: one in ten never billed (cancelled: not-charged), 65 in a
// hundred billed and credited (refunded), 15 billed after Amazon said it
// was handled, and the rest billed and never credited (both
// still-charged).
func (g *generator) disputed(i int, txns []txn) (disputedOrder, []txn) {
	o := disputedOrder{id: fmt.Sprintf("%03d-%07d-%07d", 111+i%3, g.rnd.IntN(10_000_000), i)}
	o.cents = int64(1_000_000 + i*7 + 3) // 10000.03, 10000.10, …: unique, above any other Amazon row
	o.ordered = g.rnd.IntN(span - 120)
	kind := g.rnd.Float64()
	o.handled = o.ordered + 3 + g.rnd.IntN(17)
	chargeDay := o.ordered + g.rnd.IntN(6)
	o.confirmed = "refund"
	switch {
	case kind < 0.10: // never billed
		o.confirmed, o.verdict = "cancel", "not-charged"
	case kind < 0.75: // billed, then credited
		txns = append(txns, txn{chargeDay, g.amazonDesc(), o.cents})
		txns = append(txns, txn{max(chargeDay, o.handled) + 1 + g.rnd.IntN(9), "AMAZON REFUND " + g.ref(), -o.cents})
		o.verdict = "refunded"
	case kind < 0.90: // billed after Amazon said it was handled
		txns = append(txns, txn{o.handled + 1 + g.rnd.IntN(24), g.amazonDesc(), o.cents})
		o.verdict = "still-charged"
	default: // billed, never credited, Amazon said so long ago
		txns = append(txns, txn{chargeDay, g.amazonDesc(), o.cents})
		o.verdict = "still-charged"
	}
	return o, txns
}

// background appends rows that no dispute is about until txns holds rows
// rows: one in ten Amazon's, at most 1499.99, so that no 5 of them reach
// a disputed amount; the others at other merchants.
func (g *generator) background(txns []txn, rows int) []txn {
	for len(txns) < rows {
		day := g.rnd.IntN(span)
		if g.rnd.Float64() < 0.10 {
			txns = append(txns, txn{day, g.amazonDesc(), 100 + g.rnd.Int64N(149_900)})
			continue
		}
		p := otherMerchants[g.rnd.IntN(len(otherMerchants))]
		txns = append(txns, txn{day, fmt.Sprintf(p, g.rnd.IntN(10_000)), 100 + g.rnd.Int64N(899_900)})
	}
	return txns
}

// statementCSV writes txns as a generic statement: Date,Description,Amount,
// charges positive.
func statementCSV(txns []txn) []byte {
	stmt := make([]byte, 0, 40*len(txns))
	stmt = append(stmt, "Date,Description,Amount\n"...)
	for _, t := range txns {
		stmt = append(stmt, date(t.day)...)
		stmt = append(stmt, ',')
		stmt = append(stmt, t.desc...)
		stmt = append(stmt, ',')
		stmt = append(stmt, amount(t.cents)...)
		stmt = append(stmt, '\n')
	}
	return stmt
}

// byDay sorts txns by day, keeping the order of each day's rows: a
// counting sort, where a stable comparison sort took seconds at 8M rows.
func byDay(txns []txn) []txn {
	last := 0
	for _, t := range txns {
		last = max(last, t.day)
	}
	at := make([]int, last+2)
	for _, t := range txns {
		at[t.day+1]++
	}
	for d := 1; d < len(at); d++ {
		at[d] += at[d-1]
	}
	sorted := make([]txn, len(txns), cap(txns))
	for _, t := range txns {
		sorted[at[t.day]] = t
		at[t.day]++
	}
	return sorted
}

// date writes the day n days after 2015-01-01 as 2015-01-01.
func date(n int) string { return start.AddDate(0, 0, n).Format("2006-01-02") }

// amount writes cents as 1234.56 or -1234.56.
func amount(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	frac := strconv.FormatInt(cents%100, 10)
	if len(frac) == 1 {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(cents/100, 10) + "." + frac
}

// Files are the names Write gives the inputs in its folder.
const (
	StatementFile     = "statement.csv"
	DisputesFile      = "disputes.csv"
	ConfirmationsFile = "confirmations.csv"
)

// Head is the workload with its statement cut to its first rows rows, as
// the shared bench/compare.py cuts its workload for hledger: a year of
// rows, with the disputed orders of all ten years. The disputes and
// confirmations are the same; Expected is nil, since most orders then fall
// outside the rows.
func (w *Workload) Head(rows int) *Workload {
	cut := *w
	cut.Expected = nil
	at := 0
	for n := 0; n <= rows && at < len(w.Statement); n++ { // the header, then rows rows
		i := bytes.IndexByte(w.Statement[at:], '\n')
		if i < 0 {
			at = len(w.Statement)
			break
		}
		at += i + 1
	}
	cut.Statement, cut.Rows = w.Statement[:at], min(rows, w.Rows)
	return &cut
}

// Write puts the workload's inputs into dir as statement.csv, disputes.csv
// and confirmations.csv.
func (w *Workload) Write(dir string) error {
	for name, data := range map[string][]byte{StatementFile: w.Statement, DisputesFile: w.Disputes, ConfirmationsFile: w.Confirmations} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// BenchRowsEnv names the environment variable that sets the statement
// sizes the benchmarks run at: rows, comma-separated ("10000" for a smoke
// run, as .ci/run does).
const BenchRowsEnv = "REFUNDWATCH_BENCH_ROWS"

// BenchRows are the statement sizes the benchmarks run at: those
// BenchRowsEnv sets, else 1M, 4M and 8M rows, the sizes of the
// specification's performance targets (§7).
func BenchRows() []int {
	var sizes []int
	for _, f := range strings.Split(os.Getenv(BenchRowsEnv), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
			sizes = append(sizes, n)
		}
	}
	if len(sizes) == 0 {
		return []int{1_000_000, 4_000_000, 8_000_000}
	}
	return sizes
}

// SizeName names a size of rows for a benchmark: rows=1M, rows=400k, rows=500.
func SizeName(rows int) string {
	switch {
	case rows%1_000_000 == 0:
		return fmt.Sprintf("rows=%dM", rows/1_000_000)
	case rows%1000 == 0:
		return fmt.Sprintf("rows=%dk", rows/1000)
	}
	return fmt.Sprintf("rows=%d", rows)
}
