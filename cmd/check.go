package cmd

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/spf13/cobra"
)

// checkOptions are the flags and arguments of refundwatch check.
type checkOptions struct {
	statements    []string
	disputes      string
	confirmations []string
	confsGiven    bool
	orders        []string
	asOf          string
	grace         int
	watch         int
	output        string
	failOn        string
	skipInvalid   bool
	formats       string
	format        string
	mine          string
	mineGiven     bool
	amazon        []string // --amazon patterns
	notAmazon     []string // --not-amazon patterns
	dateOrder     string
}

const checkLong = `Check reads statement exports (files, or folders and .zip archives read whole), the disputed
orders and Amazon's confirmations, and reports per order whether it was charged,
whether the money came back, and until when to keep watching; and the Amazon
charges in the incident period that belong to no disputed order.

Run with no arguments in a folder holding statements/, disputes.csv and
confirmations.csv (or confirmations/): that is the monthly routine.

VERDICTS
  still-charged       alert   charged, no credit, and Amazon confirmed it was handled
  partially-refunded  alert   only part of the money came back
  awaiting-refund     watch   charged; the credit may still come
  unanswered          review  charged, and Amazon has not answered within the grace
  ambiguous           review  charges could belong to more than one order (alert
                              when money is missing whichever order they are)
  not-covered         review  no charge found, but the statements miss some days
  not-charged         ok      no charge, and the statements cover the order's days
  refunded            ok      the money came back
  unknown-charge      review  an Amazon charge of no disputed order

EXIT STATUS
  0  no finding at or above --fail-on
  1  findings at or above --fail-on (by default: an alert)
  2  usage or input error: bad flag, unreadable or unrecognised file, invalid row`

func newCheckCmd(e env, g *globals) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check [flags] [PATH ...]",
		Short: "Reconcile statements against disputed Amazon orders and Amazon's confirmations",
		Long:  checkLong,
		Example: `  refundwatch check
  refundwatch check statements/ --disputes disputes.csv --confirmations confirmations.csv
  refundwatch check -o json --as-of 2026-05-01 statements/
  refundwatch check statements/ --orders "Your Orders" --confirmations mail.eml`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.statements = args
			opts.confsGiven = c.Flags().Changed("confirmations")
			opts.mineGiven = c.Flags().Changed("mine")
			return runCheck(opts, e, g.loc)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.disputes, "disputes", "disputes.csv", "disputed orders `FILE`")
	f.StringArrayVar(&opts.confirmations, "confirmations", nil, "Amazon's confirmations: a confirmations CSV, Amazon's mails (.eml, .mbox, a maildir) or refund export, or a folder or .zip of them: `PATH`; repeatable (default ./confirmations.csv and ./confirmations/ if present)")
	f.StringArrayVar(&opts.orders, "orders", nil, "Amazon's order-history exports (the person's own orders): a file, a folder, or the \"Your Orders.zip\" archive as downloaded: `PATH`; repeatable")
	f.StringVar(&opts.asOf, "as-of", "", "judge as of this `DATE` (default today)")
	f.IntVar(&opts.grace, "grace", 30, "`DAYS` after Amazon's confirmation for a credit to arrive")
	f.IntVar(&opts.watch, "watch", 60, "`DAYS` after Amazon's confirmation to keep watching")
	f.StringVarP(&opts.output, "output", "o", "table", "report `FORMAT`: "+strings.Join(outputFormats, ", "))
	f.StringVar(&opts.failOn, "fail-on", "alert", "exit 1 when a finding at or above `LEVEL` exists: alert, review or never")
	f.BoolVar(&opts.skipInvalid, "skip-invalid", false, "list statement rows that cannot be read instead of stopping")
	f.StringVar(&opts.formats, "formats", "", "read statements also in the formats described in `FILE`")
	f.StringVar(&opts.format, "format", "", "read every statement as format `NAME` instead of detecting it")
	f.StringVar(&opts.mine, "mine", "mine.csv", "your own recurring Amazon charges (pattern,amount,note): `FILE`, read when given or present")
	f.StringArrayVar(&opts.amazon, "amazon", nil, "also count descriptions matching `PATTERN` (a regular expression, or plain text) as Amazon's; repeatable")
	f.StringArrayVar(&opts.notAmazon, "not-amazon", nil, "never count descriptions matching `PATTERN` as Amazon's (e.g. \"AMAZON WEB SERVICES\"); repeatable")
	f.StringVar(&opts.dateOrder, "date-order", "", "day/month order (`ymd|dmy|mdy`) of files whose own dates cannot tell it")
	registerCheckCompletions(c)
	return c
}

func runCheck(opts *checkOptions, e env, loc *i18n.Localizer) error {
	mopts, err := opts.matchOptions(e)
	if err != nil {
		return err
	}
	if err := parser.ParseDateOrder(opts.dateOrder); err != nil {
		return err
	}
	render, ok := renderers[opts.output]
	if !ok {
		return parser.Msgf("--output %q: expected table, json, csv, markdown or html", opts.output)
	}
	failOn := matcher.Severity(-1)
	if opts.failOn != "never" {
		if failOn, ok = matcher.ParseSeverity(opts.failOn); !ok || failOn < matcher.Review {
			return parser.Msgf("--fail-on %q: expected alert, review or never", opts.failOn)
		}
	}
	in, err := loadInputs(opts, mopts)
	if err != nil {
		return err
	}
	rep := in.matching.Match(in.statements)
	if n := in.notAmazon.Load(); n > 0 {
		rep.Notes = append(rep.Notes, parser.Msgf("%d statement rows that name Amazon were not counted as Amazon's, as --not-amazon asks", n))
	}
	r := &rendering{
		in: in, rep: rep, loc: loc,
		color: opts.output == "table" && e.stdoutTerminal && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb",
		width: e.width,
	}
	// The report streams out: held whole, ten years of statements make a
	// report of tens of megabytes.
	out := newBackgroundWriter(e.stdout, 64<<10, 4)
	if err := render(out, r); err != nil {
		_ = out.Flush()
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if failOn >= 0 && hasFindingAtOrAbove(rep, failOn) {
		return errFindings
	}
	return nil
}

func hasFindingAtOrAbove(rep *matcher.Report, level matcher.Severity) bool {
	for s, n := range rep.Summary() {
		if s >= level && n > 0 {
			return true
		}
	}
	return false
}

// maxDays bounds --grace and --watch: ten years, far more than any card
// issuer's window, and little enough that no date computed from them leaves
// the calendar.
const maxDays = 3650

func (opts *checkOptions) matchOptions(e env) (matcher.Options, error) {
	m := matcher.Options{Grace: opts.grace, Watch: opts.watch}
	for _, f := range []struct {
		name string
		days int
	}{{"--grace", opts.grace}, {"--watch", opts.watch}} {
		if f.days < 0 || f.days > maxDays {
			return m, parser.Msgf("%s %d: expected a number of days from 0 to %d", f.name, f.days, maxDays)
		}
	}
	if opts.asOf == "" {
		m.AsOf = parser.DateOf(e.now())
	} else {
		d, err := parser.ParseDate(opts.asOf)
		if err != nil {
			return m, parser.Msgf("--as-of: %v", err)
		}
		if !parser.DateInRange(d) {
			return m, parser.Msgf("--as-of %s is outside %s … %s", d, parser.FirstDate, parser.LastDate)
		}
		m.AsOf = d
	}
	extra, err := userPatterns("--amazon", opts.amazon)
	if err != nil {
		return m, err
	}
	except, err := userPatterns("--not-amazon", opts.notAmazon)
	if err != nil {
		return m, err
	}
	amazon, err := matcher.NewRecognizer(extra...)
	if err != nil {
		return m, err
	}
	if err := amazon.Except(except...); err != nil {
		return m, err
	}
	m.Amazon = amazon
	return m, nil
}

// userPatterns makes the patterns given to flag ready to be matched against
// normalised descriptions, which are in capitals: plain text is normalised
// as they are; a regular expression matches regardless of case. A pattern
// that is no regular expression is an error naming the flag.
func userPatterns(flag string, patterns []string) ([]string, error) {
	out := make([]string, 0, len(patterns))
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil || strings.TrimSpace(p) == "" || re.MatchString("") {
			why := "it matches every description"
			if err != nil {
				why = strings.TrimPrefix(err.Error(), "error parsing regexp: ")
			}
			return nil, parser.Msgf("%s %q is not a pattern that can be used: %s", flag, p, why)
		}
		if regexp.QuoteMeta(p) == p {
			out = append(out, parser.Normalize(p))
		} else {
			out = append(out, "(?i)"+p)
		}
	}
	return out, nil
}

// inputs is everything check read.
type inputs struct {
	statements    []*parser.Statement
	disputes      []parser.Dispute
	confirmations []parser.Confirmation
	amazon        *amazonRecords
	ignored       []ignoredFile      // files among the statements that are not read
	own           []matcher.OwnOrder // orders of the exports that are not disputed
	// matching holds the disputed orders made ready while the statements
	// were being read.
	matching *matcher.Matching
	// read names the files given for disputes, confirmations and orders,
	// defaults included, for the report to say what it was made from.
	read inputPaths
	// notAmazon counts the statement rows --not-amazon took from Amazon's.
	notAmazon atomic.Int64
}

// inputPaths are the paths check read disputes, confirmations and Amazon's
// order history from, as the person named them (or as defaulted).
type inputPaths struct {
	disputes      string
	confirmations []string
	orders        []string
	mine          string // "" when no mine.csv was read
}

// loadInputs reads every input file, collecting the problems of all of them
// before failing, so that the person can fix them in one pass.
func loadInputs(opts *checkOptions, mopts matcher.Options) (*inputs, error) {
	amazon := mopts.Amazon
	in := &inputs{}
	collect := func(problems *parser.ErrorList) func(error) {
		return func(err error) {
			if l, ok := parser.AsList(err); ok {
				*problems = append(*problems, l...)
			} else if err != nil {
				*problems = append(*problems, &parser.Error{File: "refundwatch", Err: err})
			}
		}
	}
	var problems parser.ErrorList
	keep := collect(&problems)

	stmtPaths := opts.statements
	if len(stmtPaths) == 0 {
		stmtPaths = []string{"statements"}
	}
	reg, forced, err := opts.registry()
	if err != nil {
		return nil, err
	}
	files, ignored, err := expand(stmtPaths, parser.Msgf("folder holds no statement file"))
	keep(err)
	in.ignored = ignored
	// The statements are read while the rest is, on a core of their own
	// where there is one. The matcher looks only at Amazon's rows from a
	// little before the first disputed order, which the disputes tell: the
	// other rows are only counted and dated. Without the disputes, the
	// statements are read only for their problems.
	cutoff := new(parser.Cutoff)
	type statementsRead struct {
		stmts []*parser.Statement
		errs  []error
	}
	statements := make(chan statementsRead, 1)
	isAmazon := func(normalized string) bool {
		if amazon.IsAmazon(normalized) {
			return true
		}
		if amazon.Excepted(normalized) {
			in.notAmazon.Add(1)
		}
		return false
	}
	go func() {
		stmts, errs := readStatements(files, reg, forced, parser.ReadOptions{SkipInvalid: opts.skipInvalid, Keep: isAmazon, KeepFrom: cutoff, DateOrder: opts.dateOrder})
		statements <- statementsRead{stmts, errs}
	}()

	in.amazon = newAmazonRecords()
	var rest parser.ErrorList // reported after the statements' problems
	keepRest := collect(&rest)
	keepRest(in.amazon.read(opts.orders, ordersRole))
	in.disputes, err = readWholeAs(opts.disputes, func(name string, r io.Reader) ([]parser.Dispute, error) {
		return parser.ReadDisputesWith(name, r, in.amazon.lookup(len(opts.orders) > 0))
	})
	keepRest(err)
	if err != nil {
		cutoff.KeepNone()
	} else {
		cutoff.Set(matcher.FirstDayNeeded(in.disputes))
	}
	disputesRead := err == nil

	confPaths := opts.confirmations
	if !opts.confsGiven {
		confPaths = nil
		for _, p := range []string{"confirmations.csv", "confirmations"} {
			if _, err := os.Stat(p); err == nil {
				confPaths = append(confPaths, p)
			}
		}
	}
	in.read = inputPaths{disputes: opts.disputes, confirmations: confPaths, orders: opts.orders}
	keepRest(in.amazon.read(confPaths, confirmationsRole))
	in.confirmations = in.amazon.written
	disputed := disputedIDs(in.disputes)
	if disputesRead {
		// With rows of the disputes file unread, their orders would be
		// reported as unknown to it.
		keepRest(checkConfirmationsKnown(in, disputed))
	}
	in.confirmations = append(in.confirmations, in.amazon.disputedConfirmations(disputed)...)
	if opts.mineGiven || fileExists(opts.mine) {
		mopts.Mine, err = readWholeAs(opts.mine, parser.ReadMine)
		keepRest(err)
		in.read.mine = opts.mine
	}
	in.own = in.amazon.own(disputed)
	if len(rest) == 0 {
		// The orders are made ready while the statements are still being read.
		mopts.Own = in.own
		in.matching = matcher.Prepare(in.disputes, in.confirmations, mopts)
	}

	got := <-statements
	for i, s := range got.stmts {
		keep(got.errs[i])
		if s != nil {
			in.statements = append(in.statements, s)
		}
	}
	if len(problems) == 0 && disputesRead {
		keepRest(matcher.CheckCards(in.disputes, in.statements))
	}
	problems = append(problems, rest...)
	if len(problems) > 0 {
		return nil, problems
	}
	return in, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// registry is the set of formats statements are read in: the built-in ones
// and those of --formats; forced is the format --format names, if any.
func (opts *checkOptions) registry() (reg *parser.Registry, forced *parser.Format, err error) {
	if reg, err = formatsRegistry(opts.formats); err != nil {
		return nil, nil, err
	}
	if opts.format != "" {
		var ok bool
		if forced, ok = reg.Lookup(opts.format); !ok {
			var names []string
			for _, f := range reg.Formats() {
				names = append(names, f.Name)
			}
			return nil, nil, parser.Msgf("--format %q: no such format (known: %s)", opts.format, strings.Join(names, ", "))
		}
	}
	return reg, forced, nil
}

// formatsRegistry is the set of formats check, detect and formats work
// with: the built-in ones and those described in the --formats file, if
// one is named.
func formatsRegistry(formatsFile string) (*parser.Registry, error) {
	if formatsFile == "" {
		return parser.NewRegistry(), nil
	}
	user, err := readWholeAs(formatsFile, parser.ReadFormatsFile)
	if err != nil {
		return nil, err
	}
	return parser.NewRegistry(user...), nil
}

// checkConfirmationsKnown reports confirmations of orders that are not in the
// disputes file, whose order ids disputed holds: most often a mistyped order
// id, which would otherwise leave the order looking unconfirmed.
func checkConfirmationsKnown(in *inputs, disputed map[string]bool) error {
	if len(in.disputes) == 0 {
		return nil
	}
	var l parser.ErrorList
	for _, c := range in.confirmations {
		if !disputed[c.OrderID] {
			l = append(l, parser.Errorf(c.File, c.Line, "order %s is not in %s; check the order id", c.OrderID, in.disputes[0].File))
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
		return zero, &parser.Error{File: path, Err: openError(err)}
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

func openError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return parser.Msgf("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return parser.Msgf("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// expand turns files, folders and zip archives into the list of files to
// read: a folder or archive stands for every file in it, in name order,
// leaving out hidden files and folders (names starting with a dot). Files
// that no flag reads (ignoredReason) are returned apart, to be listed as
// ignored. An archive's members are named as splitMember reads them.
// Links are followed; a link back to a folder that holds it is an error,
// and a folder reached twice is read once. A folder's entry that is not a
// file (a named pipe, a device, a socket) is an error naming it: reading
// it could wait forever. A folder that cannot be read is named, not the
// folder given.
func expand(paths []string, empty *parser.Message) ([]string, []ignoredFile, error) {
	var files []string
	var ignored []ignoredFile
	var problems parser.ErrorList
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, &parser.Error{File: p, Err: openError(err)})
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
			var skipped []ignoredFile
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
	ignored  []ignoredFile
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
			w.problem(dir, parser.Msgf("is a link to a folder that holds it; remove the link"))
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
		w.problem(dir, openError(err))
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
				w.problem(path, openError(err))
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
			w.ignored = append(w.ignored, ignoredFile{path, why})
		case hidden:
		case !typ.IsRegular():
			w.problem(path, parser.Msgf("is not a file but a named pipe, a device or a socket; only files are read from a folder"))
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
