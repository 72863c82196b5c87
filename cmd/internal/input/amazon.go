package input

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/amazon"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// AmazonFile is one file given with --orders or --confirmations (or found in
// a folder given so), and what became of it.
type AmazonFile struct {
	Path   string
	Format amazon.Format
	// Ignored says why a file found in a folder was not read; nil when it was.
	Ignored       *msg.Message
	Orders        int
	Confirmations int
	Skipped       map[string]int
	// NotDisputed counts confirmations of orders that are not disputed: the
	// person's own returns, left out.
	NotDisputed int
	// LeftOut counts, by reason, the mails that are no confirmation; notes
	// name mails left out one by one.
	LeftOut map[string]int
	Notes   []*msg.Message
}

// AmazonRecords is everything read from Amazon's exports and mails.
type AmazonRecords struct {
	Files  []*AmazonFile
	orders map[string]amazon.Order // by order id; the first file listing an order wins
	ids    []string                // order ids in the order read
	// confirmations are those of Amazon's exports and mails, before they are
	// narrowed to the disputed orders; written are those of confirmations CSVs.
	confirmations []parser.Confirmation
	written       []parser.Confirmation
	byFile        map[string]*AmazonFile
}

// role is what a flag accepts: order-history exports (--orders, which also
// takes the refund exports found next to them), or confirmations.
type role struct {
	flag   string
	empty  *msg.Message // the problem with a folder that holds none of its files
	accept func(amazon.Format) bool
	wrong  func(amazon.Format) *msg.Message
}

var (
	ordersRole = role{
		flag:  "--orders",
		empty: msg.Msgf("folder holds no Amazon order-history file"),
		accept: func(f amazon.Format) bool {
			return f.Orders() || f == amazon.RefundPayments || f == amazon.RefundDetails || f == amazon.RefundReport
		},
		wrong: func(f amazon.Format) *msg.Message {
			if f.Confirms() {
				return msg.Msgf("is a confirmation, not an order-history export; give it with --confirmations")
			}
			return msg.Msgf("is not an Amazon order-history export (Retail.OrderHistory, Order History.csv, Digital Items.csv, アマゾン注文履歴フィルタ)")
		},
	}
	confirmationsRole = role{
		flag:   "--confirmations",
		empty:  msg.Msgf("folder holds no confirmations file"),
		accept: amazon.Format.Confirms,
		wrong: func(f amazon.Format) *msg.Message {
			if f.Orders() {
				return msg.Msgf("is an Amazon order-history export; give it with --orders")
			}
			return msg.Msgf("is not a confirmations CSV, an Amazon mail (.eml, .mbox, a maildir), or an Amazon refund export")
		},
	}
)

// readAmazon reads the files and folders given to one flag. A file given by
// name must be of a kind the flag accepts; a file found in a folder that is
// not is listed as ignored, since an unzipped "Your Orders" folder holds many
// files of other kinds.
func (rec *AmazonRecords) read(paths []string, r role) error {
	var problems parser.ErrorList
	for _, p := range paths {
		start := len(rec.Files)
		files, ignored, err := Expand([]string{p}, r.empty)
		if l, ok := parser.AsList(err); ok {
			problems = append(problems, l...)
		}
		for _, f := range ignored {
			rec.add(&AmazonFile{Path: f.Path, Ignored: f.Reason})
		}
		inFolder := len(files) != 1 || files[0] != p
		for _, path := range files {
			if err := rec.readOne(path, inFolder, r); err != nil {
				l, _ := parser.AsList(err)
				problems = append(problems, l...)
			}
		}
		// Files read and files ignored, listed together in name order.
		slices.SortStableFunc(rec.Files[start:], func(a, b *AmazonFile) int { return strings.Compare(a.Path, b.Path) })
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

func (rec *AmazonRecords) readOne(path string, inFolder bool, r role) error {
	f, err := openInput(path)
	if err != nil {
		return &parser.Error{File: path, Err: OpenError(err)}
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
		rec.add(&AmazonFile{Path: path, Format: format, Ignored: r.wrong(format)})
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
	rec.add(&AmazonFile{Path: path, Format: got.Format, Orders: len(got.Orders), Confirmations: len(got.Confirmations),
		Skipped: got.Skipped, LeftOut: got.LeftOut, Notes: got.Notes})
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

func (rec *AmazonRecords) add(f *AmazonFile) {
	rec.Files = append(rec.Files, f)
	rec.byFile[f.Path] = f
}

func newAmazonRecords() *AmazonRecords {
	return &AmazonRecords{orders: map[string]amazon.Order{}, byFile: map[string]*AmazonFile{}}
}

// lookup finds an order in the order-history exports; nil when none was given.
func (rec *AmazonRecords) lookup(given bool) parser.OrderLookup {
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
func (rec *AmazonRecords) disputedConfirmations(disputed map[string]bool) []parser.Confirmation {
	var out []parser.Confirmation
	for _, c := range rec.confirmations {
		if disputed[c.OrderID] {
			out = append(out, c)
		} else if f := rec.byFile[c.File]; f != nil {
			f.NotDisputed++
		}
	}
	return out
}

// own returns the orders of the exports that are not disputed: the person's own.
func (rec *AmazonRecords) own(disputed map[string]bool) []matcher.OwnOrder {
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
