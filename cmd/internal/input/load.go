package input

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/formats"
	"github.com/refundwatch/refundwatch/parser/msg"
)

// Options say what to read: the flags of check that name its inputs and
// how to read them.
type Options struct {
	Statements    []string
	Disputes      string
	Confirmations []string
	ConfsGiven    bool // --confirmations given, rather than defaulted
	Orders        []string
	SkipInvalid   bool
	Formats       string
	Format        string
	Mine          string
	MineGiven     bool // --mine given, rather than defaulted
	DateOrder     string
}

// Inputs is everything check read.
type Inputs struct {
	Statements    []*parser.Statement
	Disputes      []parser.Dispute
	Confirmations []parser.Confirmation
	Amazon        *AmazonRecords
	Ignored       []IgnoredFile      // files among the statements that are not read
	Own           []matcher.OwnOrder // orders of the exports that are not disputed
	// Matching holds the disputed orders made ready while the statements
	// were being read.
	Matching *matcher.Matching
	// Read names the files given for disputes, confirmations and orders,
	// defaults included, for the report to say what it was made from.
	Read Paths
	// NotAmazon counts the statement rows --not-amazon took from Amazon's.
	NotAmazon atomic.Int64
}

// Paths are the paths check read disputes, confirmations and Amazon's
// order history from, as the person named them (or as defaulted).
type Paths struct {
	Disputes      string
	Confirmations []string
	Orders        []string
	Mine          string // "" when no mine.csv was read
}

// Load reads every input file, collecting the problems of all of them
// before failing, so that the person can fix them in one pass: the
// problems of the statements first, then those of the other files.
func Load(opts *Options, mopts matcher.Options) (*Inputs, error) {
	reg, forced, err := opts.registry()
	if err != nil {
		return nil, err
	}
	in := &Inputs{}
	var problems, rest parser.ErrorList
	cutoff := new(civil.Cutoff)
	statements := in.startStatements(opts, reg, forced, mopts.Amazon, cutoff, &problems)
	disputesRead := in.readOrdersAndDisputes(opts, cutoff, &rest)
	disputed := in.readConfirmations(opts, disputesRead, &rest)
	if opts.MineGiven || fileExists(opts.Mine) {
		mopts.Mine, err = readWholeAs(opts.Mine, parser.ReadMine)
		addProblems(&rest, err)
		in.Read.Mine = opts.Mine
	}
	in.Own = in.Amazon.own(disputed)
	if len(rest) == 0 {
		// The orders are made ready while the statements are still being read.
		mopts.Own = in.Own
		in.Matching = matcher.Prepare(in.Disputes, in.Confirmations, mopts)
	}
	in.takeStatements(<-statements, &problems)
	if disputesRead {
		// The readers learnt the first day the matcher needs while they
		// read: what they kept in full before it is kept in brief now, so
		// that the report does not depend on how soon they learnt it.
		for _, s := range in.Statements {
			s.BriefBefore(cutoff.Day())
		}
	}
	if len(problems) == 0 && disputesRead {
		addProblems(&rest, matcher.CheckCards(in.Disputes, in.Statements))
	}
	problems = append(problems, rest...)
	if len(problems) > 0 {
		return nil, problems
	}
	return in, nil
}

// addProblems adds the problems of err to list: each of a list, or err
// itself, which names no file, as refundwatch's own.
func addProblems(list *parser.ErrorList, err error) {
	if l, ok := parser.AsList(err); ok {
		*list = append(*list, l...)
	} else if err != nil {
		*list = append(*list, &parser.Error{File: "refundwatch", Err: err})
	}
}

// statementsRead are the statements read in the background, each with its
// problems (nil when it has none).
type statementsRead struct {
	stmts []*parser.Statement
	errs  []error
}

// startStatements starts reading the statements (statements/ unless named)
// while the other files are read, on a core of their own where there is
// one, and returns where they will be handed over. The matcher looks only
// at Amazon's rows from a little before the first disputed order, which
// the disputes tell (cutoff): the other rows are only counted and dated.
// Without the disputes, the statements are read only for their problems.
// The rows that name Amazon but are taken from it by --not-amazon are
// counted in in.NotAmazon.
func (in *Inputs) startStatements(opts *Options, reg *parser.Registry, forced *parser.Format, amazon *matcher.Recognizer, cutoff *civil.Cutoff, problems *parser.ErrorList) <-chan statementsRead {
	files, ignored, err := Expand(opts.statementPaths(), msg.Msgf("folder holds no statement file"))
	addProblems(problems, err)
	in.Ignored = ignored
	isAmazon := func(normalized string) bool {
		is, excepted := amazon.Classify(normalized)
		if excepted {
			in.NotAmazon.Add(1)
		}
		return is
	}
	statements := make(chan statementsRead, 1)
	go func() {
		stmts, errs := ReadStatements(files, reg, forced, parser.ReadOptions{SkipInvalid: opts.SkipInvalid, Keep: isAmazon, SurelyNotKept: amazon.SurelyNot, KeepBy: amazon, KeepFrom: cutoff, DateOrder: opts.DateOrder})
		statements <- statementsRead{stmts, errs}
	}()
	return statements
}

// takeStatements keeps the statements read, and their problems.
func (in *Inputs) takeStatements(got statementsRead, problems *parser.ErrorList) {
	for i, s := range got.stmts {
		addProblems(problems, got.errs[i])
		if s != nil {
			in.Statements = append(in.Statements, s)
		}
	}
}

// readOrdersAndDisputes reads Amazon's order history (--orders) and then
// the disputes, whose orders the history can complete, and tells the
// statements' readers from which day Amazon's rows matter: none when the
// disputes cannot be read. It reports whether they were read.
func (in *Inputs) readOrdersAndDisputes(opts *Options, cutoff *civil.Cutoff, problems *parser.ErrorList) bool {
	in.Amazon = newAmazonRecords()
	addProblems(problems, in.Amazon.read(opts.Orders, ordersRole))
	var err error
	in.Disputes, err = readWholeAs(opts.Disputes, func(name string, r io.Reader) ([]parser.Dispute, error) {
		return parser.ReadDisputesWith(name, r, in.Amazon.lookup(len(opts.Orders) > 0))
	})
	addProblems(problems, err)
	if err != nil {
		cutoff.KeepNone()
	} else {
		cutoff.Set(matcher.FirstDayNeeded(in.Disputes))
	}
	return err == nil
}

// readConfirmations reads the confirmations: those named, or else
// confirmations.csv and confirmations/ where they are. A confirmation
// written in a CSV must be of a disputed order, when the disputes could be
// read (with rows of the disputes file unread, their orders would be
// reported as unknown to it); those of Amazon's exports and mails are
// narrowed to the disputed orders. It returns the disputed order ids.
func (in *Inputs) readConfirmations(opts *Options, disputesRead bool, problems *parser.ErrorList) map[string]bool {
	confPaths := opts.confirmationPaths()
	in.Read = Paths{Disputes: opts.Disputes, Confirmations: confPaths, Orders: opts.Orders}
	addProblems(problems, in.Amazon.read(confPaths, confirmationsRole))
	in.Confirmations = in.Amazon.written
	disputed := disputedIDs(in.Disputes)
	if disputesRead {
		addProblems(problems, checkConfirmationsKnown(in, disputed))
	}
	in.Confirmations = append(in.Confirmations, in.Amazon.disputedConfirmations(disputed)...)
	return disputed
}

// statementPaths are the statements to read: as named, else the folder
// statements.
func (opts *Options) statementPaths() []string {
	if len(opts.Statements) == 0 {
		return []string{"statements"}
	}
	return opts.Statements
}

// confirmationPaths are the confirmations to read: as named, else
// confirmations.csv and the folder confirmations, those present.
func (opts *Options) confirmationPaths() []string {
	if opts.ConfsGiven {
		return opts.Confirmations
	}
	var paths []string
	for _, p := range []string{"confirmations.csv", "confirmations"} {
		if fileExists(p) {
			paths = append(paths, p)
		}
	}
	return paths
}

// ReadPaths are the paths check reads statements, disputes, confirmations
// and order histories from, as named or defaulted (not mine.csv nor
// --formats files, which are small): what check's huge pages are sized by.
func (opts *Options) ReadPaths() []string {
	paths := append(slices.Clip(opts.statementPaths()), opts.Disputes)
	paths = append(paths, opts.confirmationPaths()...)
	return append(paths, opts.Orders...)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// registry is the set of formats statements are read in: the built-in ones
// and those of --formats; forced is the format --format names, if any.
func (opts *Options) registry() (reg *parser.Registry, forced *parser.Format, err error) {
	if reg, err = Registry(opts.Formats); err != nil {
		return nil, nil, err
	}
	if opts.Format != "" {
		var ok bool
		if forced, ok = reg.Lookup(opts.Format); !ok {
			var names []string
			for _, f := range reg.Formats() {
				names = append(names, f.Name)
			}
			return nil, nil, msg.Msgf("--format %q: no such format (known: %s)", opts.Format, strings.Join(names, ", "))
		}
	}
	return reg, forced, nil
}

// Registry is the set of formats check, detect and formats work
// with: the built-in ones and those described in the --formats file, if
// one is named.
func Registry(formatsFile string) (*parser.Registry, error) {
	if formatsFile == "" {
		return formats.NewRegistry(), nil
	}
	user, err := readWholeAs(formatsFile, formats.ReadFormatsFile)
	if err != nil {
		return nil, err
	}
	return formats.NewRegistry(user...), nil
}

// checkConfirmationsKnown reports confirmations of orders that are not in the
// disputes file, whose order ids disputed holds: most often a mistyped order
// id, which would otherwise leave the order looking unconfirmed.
func checkConfirmationsKnown(in *Inputs, disputed map[string]bool) error {
	if len(in.Disputes) == 0 {
		return nil
	}
	var l parser.ErrorList
	for _, c := range in.Confirmations {
		if !disputed[c.OrderID] {
			l = append(l, parser.Errorf(c.File, c.Line, "order %s is not in %s; check the order id", c.OrderID, in.Disputes[0].File))
		}
	}
	if len(l) == 0 {
		return nil
	}
	return l
}

// readFile opens path (a file, or a member of an archive) read-only and
// hands it to read, as a stream.
func readFile[T any](path string, read func(name string, r io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := openInput(path)
	if err != nil {
		return zero, &parser.Error{File: path, Err: OpenError(err)}
	}
	defer f.Close()
	return read(path, f)
}

// readWholeAs reads path whole (readWhole: disputes.csv, mine.csv and
// --formats files are bounded; statements, streamed, are not) and hands it
// to read.
func readWholeAs[T any](path string, read func(name string, r io.Reader) (T, error)) (T, error) {
	data, err := readWhole(path)
	if err != nil {
		var zero T
		return zero, err
	}
	return read(path, bytes.NewReader(data))
}

func OpenError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return msg.Msgf("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return msg.Msgf("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Expand turns files, folders and zip archives into the list of files to
// read: a folder or archive stands for every file in it, in name order,
// leaving out hidden files and folders (names starting with a dot). Files
// that no flag reads (ignoredReason) are returned apart, to be listed as
// ignored. An archive's members are named as splitMember reads them.
// Links are followed; a link back to a folder that holds it is an error,
// and a folder reached twice is read once. A folder's entry that is not a
// file (a named pipe, a device, a socket) is an error naming it: reading
// it could wait forever. A folder that cannot be read is named, not the
// folder given.
func Expand(paths []string, empty *msg.Message) ([]string, []IgnoredFile, error) {
	var files []string
	var ignored []IgnoredFile
	var problems parser.ErrorList
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, &parser.Error{File: p, Err: OpenError(err)})
			continue
		}
		if !info.IsDir() && !isZipName(p) {
			files = append(files, p)
			continue
		}
		var found []string
		before := len(problems)
		if info.IsDir() {
			w := &folderWalk{problems: &problems}
			w.walk(p, info, nil)
			found, ignored = w.found, append(ignored, w.ignored...)
		} else {
			var skipped []IgnoredFile
			found, skipped, err = listArchive(p)
			ignored = append(ignored, skipped...)
			if err != nil {
				problems = append(problems, err.(*parser.Error))
				continue
			}
		}
		if len(found) == 0 && len(problems) == before {
			problems = append(problems, &parser.Error{File: p, Err: empty})
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	if len(problems) > 0 {
		return files, ignored, problems
	}
	return files, ignored, nil
}

// folderWalk gathers the files below a folder.
type folderWalk struct {
	found    []string
	ignored  []IgnoredFile
	seen     []fs.FileInfo // the folders read
	problems *parser.ErrorList
}

func (w *folderWalk) problem(path string, err error) {
	*w.problems = append(*w.problems, &parser.Error{File: path, Err: err})
}

// walk reads the folder dir, whose information is info; above are the
// folders that hold it, for telling a loop.
func (w *folderWalk) walk(dir string, info fs.FileInfo, above []fs.FileInfo) {
	for _, a := range above {
		if os.SameFile(a, info) {
			w.problem(dir, msg.Msgf("is a link to a folder that holds it; remove the link"))
			return
		}
	}
	for _, s := range w.seen {
		if os.SameFile(s, info) {
			return
		}
	}
	w.seen = append(w.seen, info)
	above = append(above, info)
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.problem(dir, OpenError(err))
	}
	for _, d := range entries {
		hidden := strings.HasPrefix(d.Name(), ".")
		path := filepath.Join(dir, d.Name())
		typ := d.Type()
		if typ&fs.ModeSymlink != 0 || typ.IsDir() {
			if hidden && typ.IsDir() {
				continue
			}
			target, err := os.Stat(path)
			if err != nil {
				w.problem(path, OpenError(err))
				continue
			}
			if target.IsDir() {
				if !hidden {
					w.walk(path, target, above)
				}
				continue
			}
			typ = target.Mode().Type()
		}
		switch why := ignoredReason(d.Name()); {
		case why != nil:
			w.ignored = append(w.ignored, IgnoredFile{path, why})
		case hidden:
		case !typ.IsRegular():
			w.problem(path, msg.Msgf("is not a file but a named pipe, a device or a socket; only files are read from a folder"))
		case isZipName(path):
			members, skipped, err := listArchive(path)
			if err != nil {
				*w.problems = append(*w.problems, err.(*parser.Error))
			}
			w.found, w.ignored = append(w.found, members...), append(w.ignored, skipped...)
		default:
			w.found = append(w.found, path)
		}
	}
}
