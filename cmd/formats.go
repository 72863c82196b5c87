package cmd

import (
	"bytes"
	"strings"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/spf13/cobra"
)

// formatsOptions are the flags of formats.
type formatsOptions struct {
	formats string
}

func newFormatsCmd(e env, g *globals) *cobra.Command {
	opts := &formatsOptions{}
	c := &cobra.Command{
		Use:   "formats",
		Short: "List the statement formats, with the issuer and an example header",
		Long: `Formats lists the statement exports refundwatch recognises by their content: the
format's name (for --format), the card issuer or bank, its country, and the header
line (or, for exports without a header, a typical first line) as the issuer writes it.
With --formats, the formats that file describes are listed among the built-in ones.

Exit status: 0, or 2 when the --formats file cannot be read.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runFormats(opts, e, g.loc)
		},
	}
	c.Flags().StringVar(&opts.formats, "formats", "", "list also the formats described in `FILE`")
	return c
}

// runFormats lists the formats: a line of name, country and issuer, and
// under it, indented, the example header. The example goes on its own line:
// Japanese headers are wide, and nothing follows them that they could push
// out of line. On a terminal the lines are wrapped to its width.
func runFormats(opts *formatsOptions, e env, l *i18n.Localizer) error {
	reg, err := input.Registry(opts.formats)
	if err != nil {
		return err
	}
	up := strings.ToUpper
	if l.Japanese() {
		up = func(s string) string { return s }
	}
	var buf bytes.Buffer
	layout.WriteWrapped(&buf, "", l.T("Each format is followed by an example of the export's first line, as the issuer writes it."), e.width)
	buf.WriteByte('\n')
	name, country := layout.TextWidth(up(l.T("Format"))), layout.TextWidth(up(l.T("Country")))
	for _, f := range reg.Formats() {
		name = max(name, layout.TextWidth(f.Name))
	}
	line := func(a, b, c string) {
		text := a + strings.Repeat(" ", name-layout.TextWidth(a)+2) + b + strings.Repeat(" ", country-layout.TextWidth(b)+2) + c
		layout.WriteWrapped(&buf, "", text, e.width)
	}
	line(up(l.T("Format")), up(l.T("Country")), up(l.T("Issuer")))
	for _, f := range reg.Formats() {
		c := f.Country
		if c == "" {
			c = "-"
		}
		line(f.Name, c, l.Word(f.Issuer))
		layout.WriteWrapped(&buf, "    ", f.Example, e.width)
	}
	_, err = e.stdout.Write(buf.Bytes())
	return err
}
