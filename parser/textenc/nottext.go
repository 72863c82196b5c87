package textenc

import (
	"bytes"

	"github.com/refundwatch/refundwatch/parser/msg"
)

// NotText says what a file is when its first bytes show it is no text
// export at all (an archive, a PDF, a workbook, UTF-16 without its
// byte-order mark, binary data), so that the person is told what to give
// instead of that no format matched; nil for text.
func NotText(prefix []byte) *msg.Message {
	switch {
	case bytes.HasPrefix(prefix, []byte{0xFF, 0xFE}), bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}):
		return nil // UTF-16 with its byte-order mark: NUL bytes are its own
	case bytes.HasPrefix(prefix, []byte("PK\x03\x04")):
		return msg.Msgf("this is a zip archive (an Excel .xlsx workbook is one too), not a CSV or OFX export: unzip it, or save the sheet as CSV")
	case bytes.HasPrefix(prefix, []byte("%PDF-")):
		return msg.Msgf("this is a PDF, not a CSV or OFX export: download the statement as CSV (or OFX) from the issuer's site")
	case bytes.HasPrefix(prefix, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return msg.Msgf("this is an Excel .xls workbook, not a CSV or OFX export: save the sheet as CSV")
	}
	first := bytes.IndexByte(prefix, 0)
	if first < 0 {
		return nil
	}
	if looksUTF16(prefix) {
		return msg.Msgf("every other byte is a NUL byte: this is UTF-16 text without its byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark)")
	}
	return msg.Msgf("byte %d is a NUL byte: this is not a text file; expected a CSV or OFX export", first+1)
}

// looksUTF16 reports whether most bytes at even or at odd offsets of b are
// NUL, as in UTF-16 text that is mostly ASCII.
func looksUTF16(b []byte) bool {
	var nul [2]int
	for i, c := range b {
		if c == 0 {
			nul[i%2]++
		}
	}
	half := len(b) / 2
	return half >= 2 && (nul[0]*10 >= half*8 || nul[1]*10 >= half*8) && nul[0]+nul[1] < len(b)*3/4
}
