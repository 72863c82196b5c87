package cmd

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/msg"
	"github.com/spf13/cobra"
)

// detectOptions are the flags of detect.
type detectOptions struct {
	skipInvalid bool
	formats     string
	dateOrder   string
}

func newDetectCmd(e env, g *globals) *cobra.Command {
	opts := &detectOptions{}
	c := &cobra.Command{
		Use:   "detect PATH ...",
		Short: "Say which format each statement file is read as, its dates and its row accounting",
		Long: `Detect reads statement files (or folders of them) the way check does, and says for
each file which format it was recognised as, the account it belongs to, its encoding,
the days it covers, and what became of every row: transactions, rows skipped (and
why), rows folded because an overlapping export of the same account has them too.
With --formats, the formats a file describes are tried too, so that one can see how
a statement is read in a format of one's own before using it with check.

Exit status: 0 when every file was read, 2 when a file could not be.`,
		Example: `  refundwatch detect statements/
  refundwatch detect --formats my-bank.rules my-bank-2026-03.csv`,
		Args: minArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runDetect(args, opts, e, g.loc)
		},
	}
	c.Flags().BoolVar(&opts.skipInvalid, "skip-invalid", false, "list rows that cannot be read instead of stopping")
	c.Flags().StringVar(&opts.formats, "formats", "", "read statements also in the formats described in `FILE`")
	c.Flags().StringVar(&opts.dateOrder, "date-order", "", "day/month order (`ymd|dmy|mdy`) of files whose own dates cannot tell it")
	return c
}

func runDetect(paths []string, opts *detectOptions, e env, l *i18n.Localizer) error {
	reg, err := input.Registry(opts.formats)
	if err != nil {
		return err
	}
	if err := civil.ParseDateOrder(opts.dateOrder); err != nil {
		return err
	}
	files, ignored, err := input.Expand(paths, msg.Msgf("folder holds no statement file"))
	var problems parser.ErrorList
	if l, ok := parser.AsList(err); ok {
		problems = append(problems, l...)
	}
	// detect only counts and dates transactions: none is kept in full.
	read, errs := input.ReadStatements(files, reg, nil, parser.ReadOptions{SkipInvalid: opts.skipInvalid, Keep: keepNone, DateOrder: opts.dateOrder})
	var stmts []*parser.Statement
	for i, s := range read {
		if l, ok := parser.AsList(errs[i]); ok {
			problems = append(problems, l...)
			continue
		}
		stmts = append(stmts, s)
	}
	var buf bytes.Buffer
	for i, s := range stmts {
		if i > 0 {
			buf.WriteByte('\n')
		}
		describeStatement(&buf, s, reg, l, e.width)
	}
	for _, f := range ignored {
		layout.WriteWrapped(&buf, "", l.T("ignored: %s: %s", mask.Keep(mask.Visible(f.Path)), mask.Visible(l.Err(f.Reason))), e.width)
	}
	if _, err := (mask.NewTerminalWriter(e.stdout)).Write(buf.Bytes()); err != nil {
		return err
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// describeStatement writes what detect says of one file, in l's language,
// fitting width (0: no limit).
func describeStatement(w io.Writer, s *parser.Statement, reg *parser.Registry, l *i18n.Localizer, width int) {
	format := s.Format
	if f, ok := reg.Lookup(s.Format); ok && f.Issuer != "" {
		format = l.T("%s (%s)", s.Format, l.Word(f.Issuer))
	}
	account := mask.AccountShown(s.Account)
	if account == "" {
		account = l.T("not stated in the file")
	}
	layout.WriteWrapped(w, "", mask.Keep(mask.Visible(s.File)), width)
	cols := &layout.Columns{Indent: "  ", Width: width}
	cols.Add(l.T("format"), mask.Visible(format))
	cols.Add(l.T("account"), mask.Visible(account))
	cols.Add(l.T("encoding"), mask.Visible(s.Encoding))
	cols.Add(l.T("dates"), l.T("%s to %s", s.From, s.To))
	cols.Add(l.T("rows read"), strconv.Itoa(s.Rows))
	charges, credits := s.ChargesAndCredits()
	cols.Add(l.T("transactions"), l.T("%d (%s, %s)", s.Transactions()+s.Folded, countCharges(l, charges), countCredits(l, credits)))
	cols.Add(l.T("skipped"), strconv.Itoa(s.SkippedTotal())+skipReasons(s, l))
	cols.Add(l.T("folded"), strconv.Itoa(s.Folded))
	for _, n := range s.Reading {
		cols.Add(l.T("read"), l.Msg(n))
	}
	if m := issuerSigns(reg, s.Format); m != nil {
		cols.Add(l.T("read"), l.Msg(m))
	}
	for _, n := range s.Notes {
		cols.Add(l.T("note"), mask.Visible(l.Msg(n)))
	}
	for _, e := range s.Invalid {
		cols.Add(l.T("invalid"), mask.Visible(l.Err(e)))
	}
	cols.Print(w)
}

func countCharges(l *i18n.Localizer, n int) string {
	if n == 1 {
		return l.T("1 charge")
	}
	return l.T("%d charges", n)
}

func countCredits(l *i18n.Localizer, n int) string {
	if n == 1 {
		return l.T("1 credit")
	}
	return l.T("%d credits", n)
}

func keepNone(string) bool { return false }

// skipReasons lists the reasons rows were skipped for, most frequent first.
func skipReasons(s *parser.Statement, l *i18n.Localizer) string {
	if len(s.Skipped) == 0 {
		return ""
	}
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	slices.SortFunc(reasons, func(a, b string) int {
		if d := s.Skipped[b] - s.Skipped[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = l.T("%s %d", l.Word(r), s.Skipped[r])
	}
	return l.T(" (%s)", strings.Join(parts, l.T(", ")))
}

// issuerSigns is the basis of the signs of a file read in a format that
// knows its issuer's convention (the generic reader says its own basis).
func issuerSigns(reg *parser.Registry, format string) *msg.Message {
	f, ok := reg.Lookup(format)
	if !ok || f.Table == nil {
		return nil
	}
	return f.Table.SignsBasis()
}
