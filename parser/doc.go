// Package parser reads the files refundwatch works on into values: statement
// exports into Statements of Transactions, disputes.csv into Disputes and
// confirmations.csv into Confirmations. Amazon's own exports and mails are
// read by the sub-package amazon.
//
// Every reader takes an io.Reader and a name for messages, never opens a
// file itself, and reports problems as *Error values (file:line[:column]:
// what is wrong), collecting all problems of a file into an ErrorList before
// failing. Money is decimal.Decimal, dates are Date; nothing that failed to
// parse gets a default.
//
// # Encodings
//
// A byte-order mark settles the encoding (UTF-8, UTF-16LE, UTF-16BE).
// Otherwise the first 64 KiB decide: valid UTF-8 is UTF-8; else CP932
// (Shift_JIS as Windows writes it, used by Japanese issuers), unless the
// non-ASCII bytes stand alone between ASCII ones, as accented letters do in
// CP1252 (German banks).
//
// # Generic statements
//
// A CSV file (comma, semicolon or tab separated) whose header, within its
// first 30 records, names a date column, a description column and an amount
// column or debit/credit columns, in English or Japanese (see headerNames).
//
//   - Date is the posting date where the file has one, else the only date;
//     UsedOn keeps the usage date where the file has both.
//   - Amount column: signed. When most rows are negative the file writes
//     charges as negatives, and every sign is turned (reported in Notes).
//   - Debit and credit columns: debit is a charge (positive), credit a credit
//     (negative), whatever sign the cell carries.
//   - Records before the header are preamble; blank records, and dateless
//     records that mention a total or balance or carry no amount, are
//     skipped and counted by reason. Anything else that cannot be read is
//     invalid: an error, or listed in Statement.Invalid with SkipInvalid.
//   - Dates written year-first need no guessing; dates with dots are
//     day-first; dates with slashes and the year last must be told apart by
//     some day above 12 in the same file, or the file is refused.
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
