// Package ofx reads OFX 1.x (SGML) and 2.x (XML) statements, and QFX, as
// they stream: each STMTTRN of a bank or card statement is a transaction,
// kept in full or in brief as parser.ReadOptions asks, so that memory grows
// with the rows kept and not with the file. It reads as leniently as
// ofxparse and ofxtools; the parser package's doc lists what it tolerates
// and what it refuses.
package ofx
