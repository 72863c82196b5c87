package cmd

import (
	"bytes"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// formatsOptions are the flags of formats.
type formatsOptions struct {
	formats string
}

func newFormatsCmd(e env) *cobra.Command {
	opts := &formatsOptions{}
	c := &cobra.Command{
		Use:   "formats",
		Short: "List the statement formats, with the issuer and an example header",
		Long: `Formats lists the statement exports refundwatch recognises by their content: the
format's name (for --format), the card issuer or bank, its country, and the header
line (or, for exports without a header, a typical first line) as the issuer writes it.
With --formats, the formats that file describes are listed among the built-in ones.

Exit status: 0, or 2 when the --formats file cannot be read.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return runFormats(opts, e)
		},
	}
	c.Flags().StringVar(&opts.formats, "formats", "", "list also the formats described in `FILE`")
	return c
}

func runFormats(opts *formatsOptions, e env) error {
	reg, err := formatsRegistry(opts.formats)
	if err != nil {
		return err
	}
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
	_, err = e.stdout.Write(buf.Bytes())
	return err
}
