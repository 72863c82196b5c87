package formats

import (
	"io"
	"slices"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/ofx"
	"github.com/refundwatch/refundwatch/parser/table"
)

// builtinFormats are the formats refundwatch knows, by region; each
// formats_*.go file lists its issuers.
var builtinFormats = slices.Concat(jpCardFormats, jpBankFormats, usFormats, euFormats, ofx.Formats)

// NewRegistry returns the built-in formats plus extra ones (user formats),
// which are tried before the built-in ones of equal specificity.
func NewRegistry(extra ...*parser.Format) *parser.Registry {
	return parser.NewRegistry(slices.Concat(extra, builtinFormats, []*parser.Format{table.Generic})...)
}

// ReadStatement reads one statement file with the built-in formats,
// detecting its encoding and format from its content.
func ReadStatement(name string, r io.Reader, opts parser.ReadOptions) (*parser.Statement, error) {
	return defaultRegistry.Read(name, r, nil, opts)
}

var defaultRegistry = NewRegistry()

// FormatNames lists the names of the built-in formats.
func FormatNames() []string {
	var names []string
	for _, f := range defaultRegistry.Formats() {
		names = append(names, f.Name)
	}
	return names
}
