package cmd

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/input"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/cmd/internal/mask"
	"github.com/refundwatch/refundwatch/parser"
	"github.com/spf13/cobra"
)

// initTemplates are the files init lays out, one folder per language.
//
//go:embed inittemplates
var initTemplates embed.FS

// initFiles are the files of a new folder, in the order init reports them.
var initFiles = []string{"disputes.csv", "confirmations.csv", "mine.csv", "README.txt"}

// utf8BOM starts the CSV templates: without it, Excel in Japan reads UTF-8
// as CP932 and shows the Japanese comments garbled. Every reader skips it.
const utf8BOM = "\ufeff"

func newInitCmd(e env, g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Lay out a folder for the monthly routine: statements/, disputes.csv, confirmations.csv, mine.csv and a how-to",
		Long: `Init lays out DIR (default: the current folder) for the monthly routine:
a statements/ folder, disputes.csv, confirmations.csv and mine.csv with their
columns explained in comment lines (lines starting with #), and README.txt
saying what to do each month. The templates are in the language of --lang; the
CSV files start with a byte-order mark, so that Excel opens them right in Japan.

Init never overwrites: a file or folder that exists already is kept as it is.`,
		Args: maxArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return runInit(dir, e, g.loc)
		},
	}
}

func runInit(dir string, e env, l *i18n.Localizer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &parser.Error{File: dir, Err: input.OpenError(err)}
	}
	ew := &layout.ErrWriter{W: mask.NewTerminalWriter(e.stdout)}
	statements := filepath.Join(dir, "statements")
	switch err := os.Mkdir(statements, 0o755); {
	case err == nil:
		layout.WriteWrapped(ew, "", l.T("created %s", mask.Keep(mask.Visible(statements+string(filepath.Separator)))), e.width)
	case errors.Is(err, fs.ErrExist):
		layout.WriteWrapped(ew, "", l.T("kept %s: it exists already", mask.Keep(mask.Visible(statements+string(filepath.Separator)))), e.width)
	default:
		return &parser.Error{File: statements, Err: input.OpenError(err)}
	}
	for _, name := range initFiles {
		content, err := initTemplates.ReadFile("inittemplates/" + l.Lang() + "/" + name)
		if err != nil {
			return err // the templates are built in: a missing one is a bug
		}
		if filepath.Ext(name) == ".csv" {
			content = append([]byte(utf8BOM), content...)
		}
		path := filepath.Join(dir, name)
		created, err := createNew(path, content)
		switch {
		case err != nil:
			return &parser.Error{File: path, Err: input.OpenError(err)}
		case created:
			layout.WriteWrapped(ew, "", l.T("created %s", mask.Keep(mask.Visible(path))), e.width)
		default:
			layout.WriteWrapped(ew, "", l.T("kept %s: it exists already", mask.Keep(mask.Visible(path))), e.width)
		}
	}
	disputes := filepath.Join(dir, "disputes.csv")
	statements += string(filepath.Separator)
	path := func(p string) string { return mask.Keep(mask.Visible(p)) }
	next := l.T("Next: write your orders in %s, and put your statement exports in %s. Then run refundwatch check in %s.", path(disputes), path(statements), path(dir))
	if filepath.Clean(dir) == "." {
		next = l.T("Next: write your orders in %s, and put your statement exports in %s. Then run refundwatch check in this folder.", path(disputes), path(statements))
	}
	layout.WriteWrapped(ew, "", next, e.width)
	return ew.Err
}

// createNew writes a file that must not exist yet; it reports false, and
// writes nothing, when the file exists.
func createNew(path string, content []byte) (bool, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return false, err
	}
	return true, f.Close()
}
