// Package parser holds the values refundwatch reads its files into, and the
// entry points that read them: statement exports into Statements of
// Transactions (ReadStatements, Registry.Read), disputes.csv into Disputes
// and confirmations.csv into Confirmations; it folds the exports of one
// account that overlap (FoldOverlaps) and says which days they cover.
//
// Its sub-packages do the reading: textenc turns bytes into text, civil and
// money read dates and amounts, table reads statement CSV files and ofx
// OFX files, formats names the built-in formats and the person's --formats
// files, amazon reads Amazon's exports and mails, and msg keeps the
// sentences they say for the report to translate.
//
// Every reader takes an io.Reader and a name for messages, never opens a
// file itself, and reports problems as *Error values (file:line[:column]:
// what is wrong), collecting all problems of a file into an ErrorList before
// failing. Money is decimal.Decimal, dates are civil.Date; nothing that failed to
// parse gets a default. ReadStatements reads all the statements of a run,
// opening each through an Input the caller implements, once or twice (it
// says why), and folds the overlapping exports of one account.
//
// # CSV files with a header
//
// disputes.csv, confirmations.csv, mine.csv and Amazon's exports (package
// amazon) are read whole by ReadCSV, each kind under its CSVRules: whether
// # starts a comment line, how header names are matched, whether a column
// may be named twice, which columns are required, what becomes of cells
// beyond the header and of blank rows, and whether cells are trimmed.
// github.com/gocarina/gocsv decodes each row into a row of text, a struct
// of string fields tagged with the columns' names, a thousand rows at a
// time (csvBatch), which a function of the file kind converts at the row's
// line: no amount or date is left to gocsv's defaults. The rules, the
// header's checks and the lines (csv.Reader.FieldPos) are ReadCSV's own,
// around gocsv.
//
// Statements are not read by ReadCSV: readTable, the statement table
// engine's read entry, has a streaming reader of its own (rowReader), since
// a statement is another kind of file. An export may hold a bank's rows of
// many years, millions in all, and is read as it streams: memory grows with
// the transactions ReadOptions.Keep keeps in full (48 bytes each and their
// texts, in KeptRows), not with the file; a row longer than 1 MiB stops the
// read rather than being held; and the lines without a quote, most lines of
// an export, are split without a csv.Reader's allocations; a row that
// Keep's quick test on its description as written passes
// (ReadOptions.SurelyNotKept), most rows but Amazon's, is counted without
// Keep asked of it, and its description is normalised only where folding
// needs it or the row is kept in full after all. Nor does a
// statement's header stand on its first line: it may follow a preamble, be
// repeated at a section, or be missing, the columns then told by their
// cells; and fields may be separated by commas, semicolons or tabs.
//
// # disputes.csv
//
//	order_id,order_date,amount,currency,card,reported_on,note
//
// order_id, order_date and amount are required; with Amazon's order-history
// exports (ReadDisputesWith), only order_id is, the rest coming from the export. Dates are 2026-03-02 or
// 2026/03/02; amounts as ParseAmount reads them. A duplicated order_id is
// an error.
//
// # confirmations.csv
//
//	order_id,confirmed_on,kind,amount,note
//
// kind is refund or cancel; amount and note may be left out.
package parser
