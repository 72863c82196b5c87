// Package textenc turns the bytes of an input into text: it reads a
// byte-order mark, tells Shift_JIS (CP932) from the Western and Central
// European code pages by scoring the bytes (see Guess and the parser
// package's "Encodings"), folds full-width forms with NFKC (Fold,
// Normalize), and tells a file that is not text at all (NotText).
package textenc
