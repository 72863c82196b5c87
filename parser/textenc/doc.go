// Package textenc turns the bytes of an input into text: it reads a
// byte-order mark, tells Shift_JIS (CP932) from the Western and Central
// European code pages by scoring the bytes (Guess; Encodings
// below), folds full-width forms with NFKC (Fold,
// Normalize), and tells a file that is not text at all (NotText).
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
package textenc
