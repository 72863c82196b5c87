package cmd

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/render"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/refundwatch/refundwatch/parser/textenc"
	"github.com/spf13/cobra"
)

// checkOptions are the flags and arguments of refundwatch check.
type checkOptions struct {
	input.Options // what to read
	asOf          string
	grace         daysFlag
	watch         daysFlag
	output        string
	failOn        string
	amazon        []string // --amazon patterns
	notAmazon     []string // --not-amazon patterns
}

func newCheckCmd(e env, g *globals) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check [flags] [PATH ...]",
		Short: "Reconcile statements against disputed Amazon orders and Amazon's confirmations",
		Long:  i18n.CheckLong,
		Example: `  refundwatch check
  refundwatch check statements/ --disputes disputes.csv --confirmations confirmations.csv
  refundwatch check -o json --as-of 2026-05-01 statements/
  refundwatch check statements/ --orders "Your Orders" --confirmations mail.eml`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Statements = args
			opts.ConfsGiven = c.Flags().Changed("confirmations")
			opts.MineGiven = c.Flags().Changed("mine")
			return runCheck(opts, e, g.loc)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Disputes, "disputes", "disputes.csv", "disputed orders `FILE`")
	f.StringArrayVar(&opts.Confirmations, "confirmations", nil, "Amazon's confirmations: a confirmations CSV, Amazon's mails (.eml, .mbox, a maildir) or refund export, or a folder or .zip of them: `PATH`; repeatable (default ./confirmations.csv and ./confirmations/ if present)")
	f.StringArrayVar(&opts.Orders, "orders", nil, "Amazon's order-history exports (the person's own orders): a file, a folder, or the \"Your Orders.zip\" archive as downloaded: `PATH`; repeatable")
	f.StringVar(&opts.asOf, "as-of", "", "judge as of this `DATE` (default today)")
	opts.grace, opts.watch = 30, 60
	f.Var(&opts.grace, "grace", "`DAYS` after Amazon's confirmation for a credit to arrive")
	f.Var(&opts.watch, "watch", "`DAYS` after Amazon's confirmation to keep watching")
	f.StringVarP(&opts.output, "output", "o", "table", "report `FORMAT`: "+strings.Join(render.Formats, ", "))
	f.StringVar(&opts.failOn, "fail-on", "alert", "exit 1 when a finding at or above `LEVEL` exists: alert, review or never")
	f.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "list statement rows that cannot be read instead of stopping")
	f.StringVar(&opts.Formats, "formats", "", "read statements also in the formats described in `FILE`")
	f.StringVar(&opts.Format, "format", "", "read every statement as format `NAME` instead of detecting it")
	f.StringVar(&opts.Mine, "mine", "mine.csv", "your own recurring Amazon charges (pattern,amount,note): `FILE`, read when given or present")
	f.StringArrayVar(&opts.amazon, "amazon", nil, "also count descriptions matching `PATTERN` (a regular expression, or plain text) as Amazon's; repeatable")
	f.StringArrayVar(&opts.notAmazon, "not-amazon", nil, "never count descriptions matching `PATTERN` as Amazon's (e.g. \"AMAZON WEB SERVICES\"); repeatable")
	f.StringVar(&opts.DateOrder, "date-order", "", "day/month order (`ymd|dmy|mdy`) of files whose own dates cannot tell it")
	registerCheckCompletions(c)
	return c
}

func runCheck(opts *checkOptions, e env, loc *i18n.Localizer) error {
	mopts, err := opts.matchOptions(e)
	if err != nil {
		return err
	}
	if err := civil.ParseDateOrder(opts.DateOrder); err != nil {
		return err
	}
	if !slices.Contains(render.Formats, opts.output) {
		return msg.Msgf("--output %q: expected table, json, csv, markdown or html", opts.output)
	}
	failOn := matcher.Severity(-1)
	if opts.failOn != "never" {
		var ok bool
		if failOn, ok = matcher.ParseSeverity(opts.failOn); !ok || failOn < matcher.Review {
			return msg.Msgf("--fail-on %q: expected alert, review or never", opts.failOn)
		}
	}
	preferHugePages(e.getenv, processMemory, inputSize(opts.ReadPaths(), hugeInputsEnough), adviseHugePages)
	in, err := input.Load(&opts.Options, mopts)
	if err != nil {
		return err
	}
	rep := in.Matching.Match(in.Statements)
	if n := in.NotAmazon.Load(); n > 0 {
		rep.Notes = append(rep.Notes, msg.Msgf("%d statement rows that name Amazon were not counted as Amazon's, as --not-amazon asks", n))
	}
	color := opts.output == "table" && e.stdoutTerminal && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb"
	if err := render.Write(e.stdout, opts.output, render.NewRendering(in, rep, loc, color, e.width)); err != nil {
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

// daysFlag is a number of days given on the command line (--grace,
// --watch): written in base 10, as a person counts days (pflag's own
// integer flags also read 010 as 8 and 0x10 as 16), and read as 64 bits
// on every build (pflag's int flags cut the number to an int's 32 bits on
// a 32-bit build, so that 4294967296 would be 0 days). matchOptions checks
// its range.
type daysFlag int64

func (d *daysFlag) String() string { return strconv.FormatInt(int64(*d), 10) }

func (d *daysFlag) Set(s string) error {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return err
	}
	*d = daysFlag(v)
	return nil
}

// Type names the flag's kind for flagError, which words its errors.
func (d *daysFlag) Type() string { return "days" }

func (opts *checkOptions) matchOptions(e env) (matcher.Options, error) {
	var m matcher.Options
	for _, f := range []struct {
		name string
		days daysFlag
	}{{"--grace", opts.grace}, {"--watch", opts.watch}} {
		if f.days < 0 || f.days > maxDays {
			return m, msg.Msgf("%s %d: expected a number of days from 0 to %d", f.name, f.days, maxDays)
		}
	}
	m.Grace, m.Watch = int(opts.grace), int(opts.watch)
	if opts.asOf == "" {
		m.AsOf = civil.DateOf(e.now())
	} else {
		d, err := civil.ParseDate(opts.asOf)
		if err != nil {
			return m, msg.Msgf("--as-of: %v", err)
		}
		if !parser.DateInRange(d) {
			return m, msg.Msgf("--as-of %s is outside %s … %s", d, parser.FirstDate, parser.LastDate)
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
	if collectorTunable(e.getenv) {
		m.BeforeJudging = collectBeforeJudging
	}
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
			return nil, msg.Msgf("%s %q is not a pattern that can be used: %s", flag, p, why)
		}
		if regexp.QuoteMeta(p) == p {
			out = append(out, textenc.Normalize(p))
		} else {
			out = append(out, "(?i)"+p)
		}
	}
	return out, nil
}
