package cmd

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/amazon"
)

// amazonFile is one file given with --orders or --confirmations (or found in
// a folder given so), and what became of it.
type amazonFile struct {
	path   string
	format amazon.Format
	// ignored says why a file found in a folder was not read; nil when it was.
	ignored       *parser.Message
	orders        int
	confirmations int
	skipped       map[string]int
	// notDisputed counts confirmations of orders that are not disputed: the
	// person's own returns, left out.
	notDisputed int
	// leftOut counts, by reason, the mails that are no confirmation; notes
	// name mails left out one by one.
	leftOut map[string]int
	notes   []*parser.Message
}

// amazonRecords is everything read from Amazon's exports and mails.
type amazonRecords struct {
	files  []*amazonFile
	orders map[string]amazon.Order // by order id; the first file listing an order wins
	ids    []string                // order ids in the order read
	// confirmations are those of Amazon's exports and mails, before they are
	// narrowed to the disputed orders; written are those of confirmations CSVs.
	confirmations []parser.Confirmation
	written       []parser.Confirmation
	byFile        map[string]*amazonFile
}

// role is what a flag accepts: order-history exports (--orders, which also
// takes the refund exports found next to them), or confirmations.
type role struct {
	flag   string
	empty  *parser.Message // the problem with a folder that holds none of its files
	accept func(amazon.Format) bool
	wrong  func(amazon.Format) *parser.Message
}

var (
	ordersRole = role{
		flag:  "--orders",
		empty: parser.Msgf("folder holds no Amazon order-history file"),
		accept: func(f amazon.Format) bool {
			return f.Orders() || f == amazon.RefundPayments || f == amazon.RefundDetails || f == amazon.RefundReport
		},
		wrong: func(f amazon.Format) *parser.Message {
			if f.Confirms() {
				return parser.Msgf("is a confirmation, not an order-history export; give it with --confirmations")
			}
			return parser.Msgf("is not an Amazon order-history export (Retail.OrderHistory, Order History.csv, Digital Items.csv, アマゾン注文履歴フィルタ)")
		},
	}
	confirmationsRole = role{
		flag:   "--confirmations",
		empty:  parser.Msgf("folder holds no confirmations file"),
		accept: amazon.Format.Confirms,
		wrong: func(f amazon.Format) *parser.Message {
			if f.Orders() {
				return parser.Msgf("is an Amazon order-history export; give it with --orders")
			}
			return parser.Msgf("is not a confirmations CSV, an Amazon mail (.eml, .mbox, a maildir), or an Amazon refund export")
		},
	}
)

// readAmazon reads the files and folders given to one flag. A file given by
// name must be of a kind the flag accepts; a file found in a folder that is
// not is listed as ignored, since an unzipped "Your Orders" folder holds many
// files of other kinds.
func (rec *amazonRecords) read(paths []string, r role) error {
	var problems parser.ErrorList
	for _, p := range paths {
		start := len(rec.files)
		files, ignored, err := expand([]string{p}, r.empty)
		if l, ok := parser.AsList(err); ok {
			problems = append(problems, l...)
		}
		for _, f := range ignored {
			rec.add(&amazonFile{path: f.path, ignored: f.reason})
		}
		inFolder := len(files) != 1 || files[0] != p
		for _, path := range files {
			if err := rec.readOne(path, inFolder, r); err != nil {
				l, _ := parser.AsList(err)
				problems = append(problems, l...)
			}
		}
		// Files read and files ignored, listed together in name order.
		slices.SortStableFunc(rec.files[start:], func(a, b *amazonFile) int { return strings.Compare(a.path, b.path) })
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

func (rec *amazonRecords) readOne(path string, inFolder bool, r role) error {
	f, err := openInput(path)
	if err != nil {
		return &parser.Error{File: path, Err: openError(err)}
	}
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return &parser.Error{File: path, Err: err}
	}
	format := amazon.Detect(head[:n])
	if !r.accept(format) {
		if !inFolder && strings.TrimSpace(string(head[:n])) == "" {
			return parser.Errorf(path, 0, "file is empty")
		}
		if !inFolder {
			return &parser.Error{File: path, Err: r.wrong(format)}
		}
		rec.add(&amazonFile{path: path, format: format, ignored: r.wrong(format)})
		return nil
	}
	got, err := readAmazonFile(path, format)
	if err != nil {
		return err
	}
	if got.Format == amazon.ConfirmationsCSV {
		// The person's own file: its rows are checked against the disputes
		// instead. The first such file's rows are taken as read, not copied.
		if rec.written == nil {
			rec.written = got.Confirmations
		} else {
			rec.written = append(rec.written, got.Confirmations...)
		}
		return nil
	}
	rec.add(&amazonFile{path: path, format: got.Format, orders: len(got.Orders), confirmations: len(got.Confirmations),
		skipped: got.Skipped, leftOut: got.LeftOut, notes: got.Notes})
	for _, o := range got.Orders {
		if _, dup := rec.orders[o.ID]; !dup {
			rec.orders[o.ID] = o
			rec.ids = append(rec.ids, o.ID)
		}
	}
	rec.confirmations = append(rec.confirmations, got.Confirmations...)
	return nil
}

// readAmazonFile reads a file of the given format: an mbox one mail at a
// time, since it may be far larger than any mail; a mail of a maildir as one
// of many, whose other mails are no business of Amazon; others whole.
func readAmazonFile(path string, format amazon.Format) (*amazon.File, error) {
	if format == amazon.Mbox {
		return readFile(path, amazon.ReadMbox)
	}
	data, err := readWhole(path)
	if err != nil {
		return nil, err
	}
	if format == amazon.Mail && inMaildir(path) {
		return amazon.ReadMaildirMail(path, data)
	}
	return amazon.ReadData(path, data)
}

// inMaildir reports whether a file lies in the cur/ or new/ folder of a
// maildir (a folder holding cur/, new/ and tmp/; in an archive, any cur/ or
// new/ folder, since archives leave out the empty tmp/).
func inMaildir(path string) bool {
	_, member, isMember := splitMember(path)
	if isMember {
		path = member
	}
	dir := filepath.Dir(path)
	if base := filepath.Base(dir); base != "cur" && base != "new" {
		return false
	}
	if isMember {
		return true
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if info, err := os.Stat(filepath.Join(filepath.Dir(dir), sub)); err != nil || !info.IsDir() {
			return false
		}
	}
	return true
}

func (rec *amazonRecords) add(f *amazonFile) {
	rec.files = append(rec.files, f)
	rec.byFile[f.path] = f
}

func newAmazonRecords() *amazonRecords {
	return &amazonRecords{orders: map[string]amazon.Order{}, byFile: map[string]*amazonFile{}}
}

// lookup finds an order in the order-history exports; nil when none was given.
func (rec *amazonRecords) lookup(given bool) parser.OrderLookup {
	if !given {
		return nil
	}
	return func(id string) (parser.KnownOrder, bool) {
		o, ok := rec.orders[id]
		return o.Known(), ok
	}
}

// disputedConfirmations returns the confirmations of Amazon's exports and
// mails that concern disputed orders, and counts the others per file: those
// are the person's own returns and cancellations.
func (rec *amazonRecords) disputedConfirmations(disputed map[string]bool) []parser.Confirmation {
	var out []parser.Confirmation
	for _, c := range rec.confirmations {
		if disputed[c.OrderID] {
			out = append(out, c)
		} else if f := rec.byFile[c.File]; f != nil {
			f.notDisputed++
		}
	}
	return out
}

// own returns the orders of the exports that are not disputed: the person's own.
func (rec *amazonRecords) own(disputed map[string]bool) []matcher.OwnOrder {
	var out []matcher.OwnOrder
	for _, id := range rec.ids {
		if o := rec.orders[id]; !disputed[id] {
			out = append(out, matcher.OwnOrder{ID: o.ID, Date: o.Date, Total: o.Total, Currency: o.Currency, Shipments: o.Shipments})
		}
	}
	return out
}

func disputedIDs(disputes []parser.Dispute) map[string]bool {
	ids := make(map[string]bool, len(disputes))
	for _, d := range disputes {
		ids[d.OrderID] = true
	}
	return ids
}

// confirmationSource says where a confirmation came from, for the report.
func confirmationSource(c *parser.Confirmation) string {
	if c.Source != "" {
		return c.Source
	}
	return c.File + ":" + strconv.Itoa(c.Line)
}

// The Amazon part of the JSON report.
type jsonAmazonFile struct {
	File          string         `json:"file"`
	Format        string         `json:"format"`
	Ignored       string         `json:"ignored,omitempty"`
	Orders        int            `json:"orders"`
	Confirmations int            `json:"confirmations"`
	NotDisputed   int            `json:"confirmations_not_disputed"`
	SkippedBy     map[string]int `json:"skipped_by_reason"`
	// MailsLeftOut counts, by reason, the mails that are no confirmation.
	MailsLeftOut map[string]int `json:"mails_left_out,omitempty"`
	Notes        []string       `json:"notes,omitempty"`
}

func amazonJSON(in *inputs) []jsonAmazonFile {
	var out []jsonAmazonFile
	for _, f := range in.amazon.files {
		skipped := f.skipped
		if skipped == nil {
			skipped = map[string]int{}
		}
		var notes []string
		for _, n := range f.notes {
			notes = append(notes, n.String())
		}
		out = append(out, jsonAmazonFile{
			File: mask.PathText(f.path), Format: string(f.format), Ignored: messageText(f.ignored), Orders: f.orders,
			Confirmations: f.confirmations, NotDisputed: f.notDisputed, SkippedBy: skipped,
			MailsLeftOut: f.leftOut, Notes: notes,
		})
	}
	return out
}

// renderAmazonTable lists the Amazon exports and mails read, and the files
// of the folders given that were not.
func renderAmazonTable(w io.Writer, in *inputs, l *i18n.Localizer, up func(string) string, width int) {
	if len(in.amazon.files) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", l.T("Amazon's records"))
	cols := &columns{indent: "  ", width: width}
	cols.addHeader(up(l.T("Orders")), up(l.T("Confirmations")), up(l.T("Skipped")), up(l.T("Format")), up(l.T("File")))
	var notes []string
	for _, f := range in.amazon.files {
		if f.ignored != nil {
			notes = append(notes, l.T("ignored: %s: %s", mask.Keep(mask.Visible(f.path)), mask.Visible(l.Err(f.ignored))))
			continue
		}
		cols.add(strconv.Itoa(f.orders), strconv.Itoa(f.confirmations), strconv.Itoa(skippedTotal(f.skipped)), string(f.format), mask.Keep(mask.Visible(f.path)))
		if f.notDisputed > 0 {
			notes = append(notes, l.T("note: %s: confirmations of orders not disputed (your own returns), left out: %d", mask.Keep(mask.Visible(f.path)), f.notDisputed))
		}
		for _, reason := range slices.Sorted(maps.Keys(f.skipped)) {
			notes = append(notes, l.T("note: %s: rows skipped, %s: %d", mask.Keep(mask.Visible(f.path)), mask.Visible(reason), f.skipped[reason]))
		}
		for _, reason := range slices.Sorted(maps.Keys(f.leftOut)) {
			notes = append(notes, l.T("note: %s: mails left out, %s: %d", f.path, l.Word(reason), f.leftOut[reason]))
		}
		for _, n := range f.notes {
			notes = append(notes, l.T("note: %s", l.Msg(n)))
		}
	}
	cols.write(w)
	for _, n := range notes {
		writeWrapped(w, "  ", n, width)
	}
}

// messageText is m in English, or "" for none.
func messageText(m *parser.Message) string {
	if m == nil {
		return ""
	}
	return m.String()
}

func skippedTotal(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}
