// Package table is the engine that reads statement CSV files: it finds the
// header among the first records (or reads fixed positions), tells the
// columns by header words in ten languages or by their content, reads
// dates, amounts and signs as the format or the rows say, classes the rows
// that are no transactions (preamble, repeated headers, sections, totals,
// pending rows, continuation lines), and keeps each transaction in full or
// in brief as parser.ReadOptions asks, streaming files of millions of rows
// through its own row reader. A TableSpec describes one layout; Generic is
// the reader of CSV files of no known format. How the generic reader plans a
// file is below.
//
// # The generic reader
//
// A CSV file (comma, semicolon or tab separated) that no built-in format
// claims is read by the generic reader, which plans the file once from its
// first 64 KiB (never per row) and shows the plan on the "read" lines of
// detect (Statement.Reading):
//
//   - Header words. Within its first 30 records, a header naming a date
//     and an amount (or debit and credit) column in English, Japanese,
//     German, French, Dutch, Italian, Spanish, Portuguese, Czech or Polish
//     (genericColumns; case, full width, a trailing "(EUR)" or currency code
//     as in "Debit CHF" ignored), and at least one text column.
//   - Text columns. Every column naming the counterparty, the description,
//     the purpose or the booking text (genericTexts) is kept, joined with
//     " / " in that order, so that Amazon is recognised in any of them; a
//     text the same on every row (the holder's own name) is left out.
//   - Content. Where no header says enough, or there is none (ASN Bank,
//     POSB), the columns are told by their cells: the first column of dates,
//     the text columns, and either two amount columns of which each row
//     fills one (debit and credit: by their header words, else the one with
//     most rows is debit, with at least 5 rows and twice as many as the
//     other) or the one column of amounts (with cents, a sign or a
//     currency) that is not the running balance of another. Where content
//     cannot tell, the file is refused naming --formats.
//   - Signs. A charge is positive and a credit negative. Evidence is taken
//     in this order: what the rows say (a direction column whose cells are
//     all words such as DEBIT/CREDIT, DR/CR, D/C, S/H, Soll/Haben, Af/Bij;
//     a CR or DR mark after the amount; debit and credit columns, which win
//     over a signed amount column beside them); for rows without a mark in a
//     file that marks some, how the marked debits are written; only then the
//     majority of rows, with at least 5 rows and twice as many of one sign
//     as of the other (most rows are charges; turning the signs is noted).
//     Otherwise the file is refused naming --formats. A built-in format's
//     issuer convention comes before any majority: it is never inferred.
//   - Rows that are no rows. Records before the header are preamble; blank
//     records, and dateless records that mention a total or balance or
//     carry no amount, are skipped by reason. A section marker ("Pending
//     Transactions", "Posted Transactions") or the header repeated is a
//     section row; rows after a pending marker, and rows whose status column
//     says pending, reverted, declined and the like, are skipped under that
//     word, never charges. Where the first rows show it, a line of text only
//     under a row continues its description (the row keeps its own line).
//     Anything else that cannot be read is invalid: an error, or listed in
//     Statement.Invalid with SkipInvalid.
//   - Dates: year first (2026-03-02, 2026-03-02T10:00:00), with a month
//     name (28-Mar-2020, Mar 28, 2020, 28. März 2020), or with dots (day
//     first) need no guessing. Year-last dates with slashes or dashes take
//     their day order from the file's own dates (a day above 12); where
//     those cannot tell, from another file of the run of the same shape or
//     account whose dates can (SettleDayOrder), else from --date-order
//     (ReadOptions.DateOrder); otherwise the file is refused naming
//     --date-order.
package table
