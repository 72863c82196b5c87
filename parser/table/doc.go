// Package table is the engine that reads statement CSV files: it finds the
// header among the first records (or reads fixed positions), tells the
// columns by header words in ten languages or by their content, reads
// dates, amounts and signs as the format or the rows say, classes the rows
// that are no transactions (preamble, repeated headers, sections, totals,
// pending rows, continuation lines), and keeps each transaction in full or
// in brief as parser.ReadOptions asks, streaming files of millions of rows
// through its own row reader. A TableSpec describes one layout; Generic is
// the reader of CSV files of no known format. The parser package's doc says
// how the generic reader plans a file.
package table
