package cmd

import (
	"bytes"
	"fmt"
	"text/tabwriter"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/spf13/cobra"
)

func newFormatsCmd(e env) *cobra.Command {
	return &cobra.Command{
		Use:   "formats",
		Short: "List the built-in statement formats, with the issuer and an example header",
		Long: `Formats lists the statement exports refundwatch recognises by their content: the
format's name (for --format), the card issuer or bank, its country, and the header
line (or, for exports without a header, a typical first line) as the issuer writes it.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runFormats(parser.NewRegistry(), e)
		},
	}
}

func runFormats(reg *parser.Registry, e env) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	// The example header goes on its own line under the issuer: Japanese
	// headers are wide, and nothing follows them that they could push out of line.
	fmt.Fprintln(tw, "FORMAT\tCOUNTRY\tISSUER, AND AN EXAMPLE OF THE EXPORT'S HEADER")
	for _, f := range reg.Formats() {
		country := f.Country
		if country == "" {
			country = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, country, f.Issuer)
		fmt.Fprintf(tw, "\t\t%s\n", f.Example)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := e.stdout.Write([]byte(MaskCardNumbers(buf.String())))
	return err
}
