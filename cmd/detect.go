package cmd

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/spf13/cobra"
)

// detectOptions are the flags of detect.
type detectOptions struct {
	skipInvalid bool
	formats     string
}

func newDetectCmd(e env) *cobra.Command {
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
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runDetect(args, opts, e)
		},
	}
	c.Flags().BoolVar(&opts.skipInvalid, "skip-invalid", false, "list rows that cannot be read instead of stopping")
	c.Flags().StringVar(&opts.formats, "formats", "", "read statements also in the formats described in `FILE`")
	return c
}

func runDetect(paths []string, opts *detectOptions, e env) error {
	reg, err := formatsRegistry(opts.formats)
	if err != nil {
		return err
	}
	files, err := expand(paths, parser.Msgf("folder holds no statement file"))
	var problems parser.ErrorList
	if l, ok := parser.AsList(err); ok {
		problems = append(problems, l...)
	}
	// detect only counts and dates transactions: none is kept in full.
	read, errs := readStatements(files, reg, nil, parser.ReadOptions{SkipInvalid: opts.skipInvalid, Keep: keepNone})
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
		describeStatement(&buf, s, reg)
	}
	if _, err := (&terminalWriter{w: e.stdout}).Write(buf.Bytes()); err != nil {
		return err
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// describeStatement writes what detect says of one file.
func describeStatement(w io.Writer, s *parser.Statement, reg *parser.Registry) {
	format := s.Format
	if f, ok := reg.Lookup(s.Format); ok && f.Issuer != "" {
		format += " (" + f.Issuer + ")"
	}
	account := accountShown(s.Account)
	if account == "" {
		account = "not stated in the file"
	}
	fmt.Fprintf(w, "%s\n", keep(visible(s.File)))
	fmt.Fprintf(w, "  format        %s\n", visible(format))
	fmt.Fprintf(w, "  account       %s\n", visible(account))
	fmt.Fprintf(w, "  encoding      %s\n", visible(s.Encoding))
	fmt.Fprintf(w, "  dates         %s to %s\n", s.From, s.To)
	fmt.Fprintf(w, "  rows read     %d\n", s.Rows)
	charges, credits := s.ChargesAndCredits()
	fmt.Fprintf(w, "  transactions  %d (%s, %s)\n", s.Transactions()+s.Folded, plural(charges, "charge"), plural(credits, "credit"))
	fmt.Fprintf(w, "  skipped       %d%s\n", s.SkippedTotal(), skipReasons(s))
	fmt.Fprintf(w, "  folded        %d\n", s.Folded)
	for _, n := range s.Notes {
		fmt.Fprintf(w, "  note          %s\n", visible(n.String()))
	}
	for _, e := range s.Invalid {
		fmt.Fprintf(w, "  invalid       %s\n", visible(e.Error()))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func keepNone(string) bool { return false }

// skipReasons lists the reasons rows were skipped for, most frequent first.
func skipReasons(s *parser.Statement) string {
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
		parts[i] = fmt.Sprintf("%s %d", r, s.Skipped[r])
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
