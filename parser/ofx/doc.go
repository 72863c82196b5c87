// Package ofx reads OFX 1.x (SGML) and 2.x (XML) statements, and QFX, as
// they stream: each STMTTRN of a bank or card statement is a transaction,
// kept in full or in brief as parser.ReadOptions asks, so that memory grows
// with the rows kept and not with the file. It reads as leniently as
// ofxparse and ofxtools; below is what it tolerates and
// what it refuses.
//
// # What is read
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
package ofx
