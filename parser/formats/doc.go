// Package formats holds the statement exports refundwatch reads by name:
// the built-in formats of Japanese card issuers and banks, US, UK and EU
// banks, OFX, and the generic reader for any other bank's CSV, and the
// formats a person describes in a --formats rules file (ReadFormatsFile).
// NewRegistry gathers them for parser.Registry.Read, which detects a file's
// format from its content; ReadStatement reads one file with the built-in
// formats. `refundwatch formats` lists them with their columns.
//
// Its tests read every fixture under testdata/formats, and fuzz each family
// of formats: they are the tests of reading statements as a whole.
package formats
