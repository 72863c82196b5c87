// Package parser reads the files refundwatch works on into values: statement
// exports into Statements of Transactions, disputes.csv into Disputes and
// confirmations.csv into Confirmations. Amazon's own exports and mails are
// read by the sub-package amazon.
//
// Every reader takes an io.Reader and a name for messages, never opens a
// file itself, and reports problems as *Error values (file:line[:column]:
// what is wrong), collecting all problems of a file into an ErrorList before
// failing. Money is decimal.Decimal, dates are Date; nothing that failed to
// parse gets a default. ReadStatements reads all the statements of a run,
// opening each through an Input the caller implements, once or twice (it
// says why), and folds the overlapping exports of one account.
//
// # Encodings
//
// A byte-order mark settles the encoding (UTF-8, UTF-16LE, UTF-16BE).
// Otherwise the 64 KiB that start at the file's first byte that is not ASCII
// decide (a file whose first 64 KiB are ASCII is read as such until that
// byte, wherever it stands; Statement.Encoding names what was chosen):
//
//  1. valid UTF-8 is UTF-8;
//  2. else the bytes are scored as CP932 (Shift_JIS as Windows writes it)
//     and as CP1252 and CP1250. CP932 scores 2 for each kana, full-width
//     letter or digit and Japanese punctuation (so text typed in Excel,
//     ２０２６／０３／０２, ＡＭＡＺＯＮ．ＣＯ．ＪＰ, counts in full), 2 for each
//     half-width katakana next to another, 2 for each kanji next to another
//     double-byte character and 1 for one alone (0 where its trail byte and
//     the byte after it are ASCII letters: a Latin word read wrongly), -2
//     for codes it leaves unassigned and -4 for user-defined ones; a byte
//     sequence CP932 does not have rules it out. The Western code pages
//     score each letter above 0x7F 3 with letters on both sides, 2 with one,
//     1 alone, as accented letters stand in words (the rare letters at
//     0x80-0x9F, Š Ž Œ ƒ, 1 at most; CP1250's š ž ś ť ź are not rare), 0 in
//     a run of three or more bytes above 0x7F (Japanese read wrongly), 0
//     for common signs (€ £ ° § quotes dashes) and -1 for other signs (‚ ‹
//     ¹, which the lead bytes of full-width text become); a byte the code
//     page leaves undefined rules it out;
//  3. CP1250 is chosen over CP1252 when its score, plus 2 for each vote of
//     the letters that only context tells apart, is higher than CP1252's
//     with its votes: Š Ž Ś Ť Ź and their small letters vote twice for
//     CP1250, à å æ ñ ã õ û once for CP1252, and ř/ø, ě/ì, ň/ò, č/è, ů/ù,
//     ď/ï, ę/ê by their neighbours (centralOrWestern);
//  4. CP932 is chosen when it is not ruled out and scores at least as much
//     as the Western code page chosen; ISO-8859-1 text is read as CP1252,
//     which agrees with it on every byte ISO-8859-1 text uses.
//
// The rule is tested on short files of Japanese, Western and Central
// European words, where the bytes say least (TestGuessEncodingShortFiles).
//
// A format that names its encoding (a Japanese issuer's CP932) is read in
// it; a user format may name utf-8, cp932, cp1252, cp1250 or iso-8859-1.
//
// # Generic statements
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
//
// # OFX and QFX
//
// OFX 1.x (SGML, leaf elements left unclosed) and 2.x (XML), and QFX, are
// read as they stream, keeping only what ReadOptions.Keep asks for, so that
// memory grows with the rows kept and not with the file. Each STMTTRN of a
// bank (STMTRS) or card (CCSTMTRS) statement is a transaction: DTPOSTED its
// day as the file writes it, TRNAMT turned (OFX writes money out as
// negative), NAME (or PAYEE's) with MEMO, CURDEF or the transaction's own
// CURRENCY. As leniently as ofxparse and ofxtools read them, the reader
// tolerates: no header, or a header inside a comment; a closing tag that
// closes elements opened after its own (</BANKTRANLIST> before </STMTTRN>),
// or that closes nothing; a missing closing tag (</STMTTRN>,
// </BANKTRANLIST>, </BANKACCTFROM>); a STMTTRN anywhere in its statement,
// outside BANKTRANLIST too; tags in lower case; a lone & in a text. The
// header's CHARSET (1252, ISO-8859-1 …) or XML encoding="…" is the
// encoding, unless the bytes are valid UTF-8, or CP932 under a Western
// code page (by the rule of Encodings above). A file that ends before
// </OFX> is refused as cut short; a STMTTRN outside any statement (but an
// investment statement's, which is not read) or after </OFX> is an error,
// and so is a value over 64 KiB or elements nested over 64 deep: no row
// is left out without a word.
//
// # CSV files with a header
//
// disputes.csv, confirmations.csv, mine.csv and Amazon's exports (package
// amazon) are read whole by ReadCSV, each kind under its CSVRules: whether
// # starts a comment line, how header names are matched, whether a column
// may be named twice, which columns are required, what becomes of cells
// beyond the header and of blank rows, and whether cells are trimmed.
// github.com/gocarina/gocsv decodes each row into a row of text, a struct
// of string fields tagged with the columns' names, which a function of the
// file kind converts at the row's line: no amount or date is left to
// gocsv's defaults. The rules, the header's checks and the lines
// (csv.Reader.FieldPos) are ReadCSV's own, around gocsv.
//
// Statements are not read by ReadCSV: readTable, the statement table
// engine's read entry, has a streaming reader of its own (rowReader), since
// a statement is another kind of file. An export may hold a bank's rows of
// many years, millions in all, and is read as it streams: memory grows with
// the transactions ReadOptions.Keep keeps in full, not with the file; a row
// longer than 1 MiB stops the read rather than being held; and the lines
// without a quote, most lines of an export, are split without a csv.Reader's
// allocations. Nor does a statement's header stand on its first line: it
// may follow a preamble, be repeated at a section, or be missing, the
// columns then told by their cells; and fields may be separated by commas,
// semicolons or tabs.
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
