package textenc

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Guess chooses the encoding of b, a text that is not all ASCII:
// its start, or 64 KiB of it from its first byte that is not ASCII
// (truncated when the text goes on after b). The rule is in the package
// doc ("Encodings"); each step has its own function below.
func Guess(b []byte, truncated bool) string {
	if validUTF8Prefix(b, truncated) {
		return EncUTF8
	}
	jp, jpOK := scoreCP932(b, truncated)
	s1252, ok1252 := scoreWestern(b, charmap.Windows1252)
	s1250, ok1250 := scoreWestern(b, charmap.Windows1250)
	// The votes choose between the Western code pages; their letter score
	// alone is weighed against CP932.
	cz, we := centralOrWestern(b)
	west, westEnc, westOK := s1252, EncCP1252, ok1252
	if ok1250 && (!ok1252 || s1250+2*cz > s1252+2*we) {
		west, westEnc, westOK = s1250, EncCP1250, true
	}
	switch {
	case jpOK && (!westOK || jp >= west):
		return EncCP932
	case westOK:
		return westEnc
	case jp >= west:
		return EncCP932
	}
	return EncCP1252
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a rune cut off at
// the end when b is only the start of a longer text.
func validUTF8Prefix(b []byte, truncated bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if !truncated {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

// scoreCP932 reads b as CP932 and scores what it finds: 2 for each kana,
// full-width letter or digit, or Japanese punctuation (the bulk of a
// Japanese file typed in Excel), and for each half-width katakana next to
// another; 2 for each kanji next to another double-byte character, 1 for
// one alone, but 0 for one alone whose trail byte and the byte after it
// are ASCII letters (a Latin word read wrongly); 1 for each NEC special
// character (㈱, ①); 0 for Greek,
// Cyrillic, box drawing and the IBM extensions; -2 for a code CP932 leaves
// unassigned, -4 for a user-defined one. It reports false when b holds a
// byte sequence CP932 does not have.
func scoreCP932(b []byte, truncated bool) (int, bool) {
	score := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x80:
			continue
		case isHalfWidthKatakana(c):
			score += halfWidthKatakanaScore(b, i)
			continue
		case c == 0x80 || c == 0xA0 || c >= 0xFD:
			return score, false
		}
		if i+1 == len(b) {
			return score, truncated
		}
		t := b[i+1]
		if !cp932Trail(c, t) {
			return score, false
		}
		pair := cp932Pair(c, t)
		if pair == 1 && kanjiBesideDoubleByte(b, i) {
			pair = 2 // kanji next to another double-byte character, as words are written
		} else if pair == 1 && latinWordMisread(b, i) {
			pair = 0 // a lone "kanji" whose trail byte starts a Latin word: Šek, Ärger
		}
		score += pair
		i++
	}
	return score, true
}

// isHalfWidthKatakana reports whether c is a single-byte half-width katakana
// of CP932 (ｱ-ﾝ and its marks).
func isHalfWidthKatakana(c byte) bool { return 0xA1 <= c && c <= 0xDF }

// halfWidthKatakanaScore scores the half-width katakana b[i]: 2 next to
// another, as they stand in words (ｱﾏｿﾞﾝ), 0 alone, as a Western letter
// read in CP932 often is.
func halfWidthKatakanaScore(b []byte, i int) int {
	if i > 0 && isHalfWidthKatakana(b[i-1]) || i+1 < len(b) && isHalfWidthKatakana(b[i+1]) {
		return 2
	}
	return 0
}

// cp932Trail reports whether t can follow the lead byte c in CP932: CP932
// has no trail byte below 0x40, 0x7F or above 0xFC, and its last row, 0xFC,
// ends at 0x4B. Any other byte rules CP932 out.
func cp932Trail(c, t byte) bool {
	return !(t < 0x40 || t == 0x7F || t > 0xFC || (c == 0xFC && t > 0x4B))
}

// kanjiBesideDoubleByte reports whether the double-byte character at b[i]
// has another double-byte character right before or after it, as the
// kanji of a word have; a kanji found alone is more often two Western
// letters read wrongly.
func kanjiBesideDoubleByte(b []byte, i int) bool {
	return i >= 2 && isCP932Pair(b[i-2], b[i-1]) || i+3 < len(b) && isCP932Pair(b[i+2], b[i+3])
}

// latinWordMisread reports whether the trail byte of the double-byte
// character at b[i] and the byte after it are ASCII letters: then the
// lead byte is more likely an accented letter starting a Latin word
// (Šek, Ärger) than a kanji.
func latinWordMisread(b []byte, i int) bool {
	return isASCIILetter(b[i+1]) && i+2 < len(b) && isASCIILetter(b[i+2])
}

func isASCIILetter(c byte) bool { return c < 0x80 && 'a' <= c|0x20 && c|0x20 <= 'z' }

// isCP932Pair reports whether c and t can be the lead and trail bytes of
// a double-byte character of CP932.
func isCP932Pair(c, t byte) bool {
	return (0x81 <= c && c <= 0x9F || 0xE0 <= c && c <= 0xFC) && 0x40 <= t && t <= 0xFC && t != 0x7F
}

// cp932Pair scores one double-byte character of CP932, lead byte c and
// trail byte t (see scoreCP932).
func cp932Pair(c, t byte) int {
	switch {
	case cp932Unassigned(c, t):
		return -2
	case cp932UserDefined(c):
		return -4
	case cp932Japanese(c, t):
		return 2
	case cp932Kanji(c), cp932NECSpecial(c):
		return 1
	}
	return 0 // Greek, Cyrillic, box drawing, the NEC-selected and IBM extensions (0xED, 0xEE, 0xFA-0xFC)
}

// cp932Japanese reports whether c, t is one of the characters Japanese
// text typed in Excel is mostly made of: Japanese punctuation (、。・（）
// 「」／～), full-width digits and letters (０-９, Ａ-Ｚ, ａ-ｚ), hiragana
// and katakana. They score 2, as no Western text read in CP932 has them
// in number.
func cp932Japanese(c, t byte) bool {
	switch c {
	case 0x81:
		return t <= 0xAC // punctuation
	case 0x82:
		return 0x4F <= t && t <= 0x58 || 0x60 <= t && t <= 0x79 || 0x81 <= t && t <= 0x9A || 0x9F <= t && t <= 0xF1
	case 0x83:
		return t <= 0x96 // katakana
	}
	return false
}

// cp932Kanji reports whether c is the lead byte of a kanji row of JIS X
// 0208 (0x88-0x9F, 0xE0-0xEA); the gaps in those rows are told by
// cp932Unassigned first.
func cp932Kanji(c byte) bool {
	return 0x88 <= c && c <= 0x9F || 0xE0 <= c && c <= 0xEA
}

// cp932NECSpecial reports whether c leads the row of NEC special
// characters (①, ㈱, ㎝), which Japanese statements use now and then and
// so score 1; its unassigned tail is told by cp932Unassigned first.
func cp932NECSpecial(c byte) bool { return c == 0x87 }

// cp932UserDefined reports whether c leads a user-defined row
// (0xF0-0xF9): no statement writes them, so they score -4.
func cp932UserDefined(c byte) bool { return 0xF0 <= c && c <= 0xF9 }

// cp932Unassigned reports whether c, t is a code CP932 leaves unassigned
// (it scores -2): the gaps after the full-width letters and kana, Greek,
// Cyrillic and the NEC special characters, the empty rows 0x85, 0x86,
// 0xEB, 0xEC, 0xEF, and the gaps before the first kanji of each level and
// after the last.
func cp932Unassigned(c, t byte) bool {
	switch c {
	case 0x82:
		return !cp932Japanese(c, t)
	case 0x83:
		return t > 0x96 && !(0x9F <= t && t <= 0xD6) // neither katakana nor Greek
	case 0x84:
		return t > 0xBE // after Cyrillic and box drawing
	case 0x85, 0x86, 0xEB, 0xEC, 0xEF:
		return true
	case 0x87:
		return t > 0x9C // after the NEC special characters
	case 0x88:
		return t < 0x9F // before the first kanji of level 1
	case 0x98:
		return 0x73 <= t && t <= 0x9E // between level 1 and level 2
	case 0xEA:
		return t > 0xA4 // after the last kanji of level 2
	}
	return false
}

// scoreWestern reads b in a single-byte Western code page and scores each
// byte above 0x7F: a letter scores 3 with letters on both sides, 2 with a
// letter on one side, 1 alone, as accented letters stand in words (a rare
// letter of 0x80-0x9F, see rareLetter, 1 at most), but 0 in a run of three
// or more such bytes (Japanese text read wrongly); common signs
// (£, €, °, §, quotes, dashes, a no-break space) score 0, other signs -1.
// It reports false when b holds a byte the code page leaves undefined or
// makes a control character.
func scoreWestern(b []byte, cm *charmap.Charmap) (int, bool) {
	score := 0
	for i := 0; i < len(b); i++ {
		if b[i] < 0x80 {
			continue
		}
		run := i
		for run < len(b) && b[run] >= 0x80 {
			run++
		}
		for j := i; j < run; j++ {
			r := cm.DecodeByte(b[j])
			switch {
			case r == utf8.RuneError || unicode.IsControl(r):
				return score, false
			case unicode.IsLetter(r):
				if run-i >= 3 {
					break
				}
				letter := 1 // alone
				if j > 0 && isLetterIn(b[j-1], cm) {
					letter++
				}
				if j+1 < len(b) && isLetterIn(b[j+1], cm) {
					letter++
				}
				if rareLetter(b[j], cm) {
					letter = min(letter, 1)
				}
				score += letter
			case commonSign[r]:
			default:
				score--
			}
		}
		i = run - 1
	}
	return score, true
}

// rareLetter reports whether c is one of the letters a code page puts
// among its signs at 0x80-0x9F (Š Ž Œ ƒ …): rare in Western text, and
// what the lead bytes of kanji become. CP1250's š ž ś ť ź, common in
// Czech and Polish, are not rare.
func rareLetter(c byte, cm *charmap.Charmap) bool {
	if c < 0x80 || c > 0x9F {
		return false
	}
	if cm == charmap.Windows1250 {
		switch c {
		case 0x9A, 0x9C, 0x9D, 0x9E, 0x9F:
			return false
		}
	}
	return true
}

func isLetterIn(c byte, cm *charmap.Charmap) bool {
	if c < 0x80 {
		return 'a' <= c|0x20 && c|0x20 <= 'z'
	}
	return unicode.IsLetter(cm.DecodeByte(c))
}

// commonSign are the signs Western statements write besides letters.
var commonSign = map[rune]bool{
	'\u00A0': true, '£': true, '€': true, '°': true, '§': true, '²': true, '³': true, 'µ': true, '·': true,
	'×': true, '½': true, '¼': true, '¾': true, '«': true, '»': true, '©': true, '®': true, '™': true,
	'‘': true, '’': true, '“': true, '”': true, '–': true, '—': true, '¿': true, '¡': true, '…': true,
}

// centralOrWestern weighs the bytes CP1250 (Czech, Slovak, Polish …) and
// CP1252 read as different letters, where the letter alone cannot tell,
// by what stands next to them; it returns the votes for each. Š Ž Ś Ť Ź
// and their small letters (in CP1252 Š Ž Œ Ÿ or nothing: no Western
// language's letters, or rare ones) vote twice for CP1250; à, å, æ, ñ, ã, õ, û (in CP1250 ŕ, ĺ, ć, ń, ă, ő, ű) once for
// CP1252. Then, by the letter after or before:
//   - ď/ï: a vowel follows in Slovak and Czech (ďakujem), a consonant in
//     French (naïf);
//   - ę/ê: a consonant other than t, or nothing, follows in Polish
//     (dziękujemy, się), a vowel or t in French (fête, prêt);
//   - ř/ø: a vowel follows in Czech (při, řádek), a consonant in Danish (Søren);
//   - ě/ì, ň/ò: a letter follows in Czech (měna, Upřesnění), none in
//     Italian (lunedì, però);
//   - č/è: a vowel but i, or no letter, stands before it in Czech (účet,
//     Částka), a consonant or an i in French (Prélèvement, Lumière);
//   - ů/ù: a consonant stands before it in Czech (půjčka, domů), a vowel in
//     French and Italian (où, più).
func centralOrWestern(b []byte) (cz, we int) {
	for i, c := range b {
		if c < 0x80 || inHighRun(b, i) {
			continue // not a letter of a word
		}
		var prev, next byte
		if i > 0 {
			prev = b[i-1]
		}
		if i+1 < len(b) {
			next = b[i+1]
		}
		if czechOnlyLetter(c) {
			cz += 2
			continue
		}
		if westernOnlyLetter(c) {
			we++
			continue
		}
		if czech, ok := czechByNeighbours(c, prev, next); ok && czech {
			cz++
		} else if ok {
			we++
		}
	}
	return cz, we
}

// inHighRun reports whether b[i] stands in a run of three or more bytes
// above 0x7F: no European word has three accented letters in a row, so
// such a run is no letter of a word (it is Japanese read wrongly) and
// does not vote.
func inHighRun(b []byte, i int) bool {
	high := func(j int) bool { return j >= 0 && j < len(b) && b[j] >= 0x80 }
	return high(i-2) && high(i-1) || high(i+1) && high(i+2) || high(i-1) && high(i+1)
}

// czechOnlyLetter reports whether c is Š Ś Ť Ž Ź or their small letter in
// CP1250: in CP1252 these bytes are Š Ž Œ Ÿ or nothing, no Western
// language's letters or rare ones, so they vote twice for CP1250.
func czechOnlyLetter(c byte) bool {
	switch c {
	case 0x8A, 0x8C, 0x8D, 0x8E, 0x8F, 0x9A, 0x9C, 0x9D, 0x9E, 0x9F:
		return true
	}
	return false
}

// westernOnlyLetter reports whether c is à, å, æ, ñ (or their capitals),
// ã, õ or û in CP1252: in CP1250 they are ŕ, ĺ, ć, ń, ă, ő, ű, rarer than
// the Western letters, so they vote once for CP1252.
func westernOnlyLetter(c byte) bool {
	switch c {
	case 0xE0, 0xC0, 0xE5, 0xC5, 0xE6, 0xC6, 0xF1, 0xD1, 0xE3, 0xF5, 0xFB:
		return true
	}
	return false
}

// czechByNeighbours tells by the letter before (prev) or after (next) it
// whether c, a byte that is a letter in both CP1250 and CP1252, is the
// Central European one (czech true) or the Western one; ok is false for
// the bytes whose neighbours do not tell. Its rules are centralOrWestern's.
func czechByNeighbours(c, prev, next byte) (czech, ok bool) {
	switch c {
	case 0xEF, 0xCF: // ď ï: a vowel follows in Slovak and Czech (ďakujem), a consonant in French (naïf, maïs)
		return isVowel(next), true
	case 0xEA: // ę ê: Polish writes ę before a consonant or at a word's end
		return !isVowel(next) && next|0x20 != 't', true
	case 0xF8, 0xD8: // ř ø
		return isVowel(next), true
	case 0xEC, 0xCC, 0xF2, 0xD2: // ě ì, ň ò
		return isLetterIn(next, charmap.Windows1250), true
	case 0xE8, 0xC8: // č è
		return !isLetterIn(prev, charmap.Windows1250) || isVowel(prev) && prev|0x20 != 'i', true
	case 0xF9, 0xD9: // ů ù
		return isLetterIn(prev, charmap.Windows1250) && !isVowel(prev), true
	}
	return false, false
}

// isVowel reports whether c is a vowel in ASCII or, above it, one of the
// accented vowels CP1250 and CP1252 share (á é í ó ú ý).
func isVowel(c byte) bool {
	switch c | 0x20 {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return c < 0x80
	}
	switch c {
	case 0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xFD, 0xC1, 0xC9, 0xCD, 0xD3, 0xDA, 0xDD, 0xEC, 0xF9:
		return true
	}
	return false
}
