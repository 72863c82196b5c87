package textenc

import "testing"

// Each scoring rule of CP932 on the bytes of one double-byte character.
func TestCP932PairRules(t *testing.T) {
	tests := []struct {
		name  string
		c, t  byte
		score int
	}{
		{"punctuation 、", 0x81, 0x41, 2},
		{"full-width slash ／", 0x81, 0x5E, 2},
		{"sign after the punctuation ∈", 0x81, 0xB8, 0},
		{"full-width digit ２", 0x82, 0x51, 2},
		{"full-width letter Ａ", 0x82, 0x60, 2},
		{"full-width small letter ａ", 0x82, 0x81, 2},
		{"hiragana あ", 0x82, 0xA0, 2},
		{"gap before the digits", 0x82, 0x40, -2},
		{"gap after hiragana", 0x82, 0xF2, -2},
		{"katakana ア", 0x83, 0x41, 2},
		{"Greek Α", 0x83, 0x9F, 0},
		{"gap between katakana and Greek", 0x83, 0x97, -2},
		{"gap after Greek", 0x83, 0xD7, -2},
		{"Cyrillic А", 0x84, 0x40, 0},
		{"gap after box drawing", 0x84, 0xBF, -2},
		{"empty row 0x85", 0x85, 0x40, -2},
		{"empty row 0xEF", 0xEF, 0x40, -2},
		{"NEC special ①", 0x87, 0x40, 1},
		{"NEC special ㈱", 0x87, 0x8A, 1},
		{"gap after NEC special", 0x87, 0x9D, -2},
		{"gap before level 1 kanji", 0x88, 0x9E, -2},
		{"first kanji 亜", 0x88, 0x9F, 1},
		{"kanji 円", 0x89, 0x7E, 1},
		{"gap between the levels", 0x98, 0x73, -2},
		{"first kanji of level 2 弌", 0x98, 0x9F, 1},
		{"kanji of row 0xE0", 0xE0, 0x40, 1},
		{"last kanji of level 2", 0xEA, 0xA4, 1},
		{"gap after level 2", 0xEA, 0xA5, -2},
		{"NEC-selected extension", 0xED, 0x40, 0},
		{"IBM extension", 0xFA, 0x40, 0},
		{"user-defined first row", 0xF0, 0x40, -4},
		{"user-defined last row", 0xF9, 0xFC, -4},
	}
	for _, tt := range tests {
		if got := cp932Pair(tt.c, tt.t); got != tt.score {
			t.Errorf("%s (%#x %#x): score %d, want %d", tt.name, tt.c, tt.t, got, tt.score)
		}
	}
}

// The rules of scoreCP932 that look past one character: neighbours of
// half-width katakana and kanji, trail bytes, a cut-off end.
func TestScoreCP932Rules(t *testing.T) {
	tests := []struct {
		name      string
		b         []byte
		truncated bool
		score     int
		ok        bool
	}{
		{"ASCII scores nothing", []byte("Amazon"), false, 0, true},
		{"half-width katakana alone", []byte{'A', 0xB1, 'B'}, false, 0, true},
		{"half-width katakana in a word ｱﾏ", []byte{0xB1, 0xCF}, false, 4, true},
		{"kanji alone 円", []byte{' ', 0x89, 0x7E, ' '}, false, 1, true},
		{"kanji before another 東京", []byte{0x93, 0x8C, 0x8B, 0x9E}, false, 4, true},
		{"kanji after kana ご利", []byte{0x82, 0xB2, 0x97, 0x98}, false, 4, true},
		{"lone kanji starting a Latin word Šek", []byte{0x8A, 'e', 'k'}, false, 0, true},
		{"lone kanji before one letter", []byte{0x8A, 'e', ' '}, false, 1, true},
		{"byte 0x80 rules CP932 out", []byte{'a', 0x80}, false, 0, false},
		{"byte 0xA0 rules CP932 out", []byte{0xA0}, false, 0, false},
		{"byte 0xFD rules CP932 out", []byte{0xFD, 0x40}, false, 0, false},
		{"trail byte below 0x40", []byte{0x88, 0x3F}, false, 0, false},
		{"trail byte 0x7F", []byte{0x88, 0x7F}, false, 0, false},
		{"trail byte 0xFD", []byte{0x88, 0xFD}, false, 0, false},
		{"last row ends at 0x4B", []byte{0xFC, 0x4C}, false, 0, false},
		{"last row's last code", []byte{0xFC, 0x4B}, false, 0, true},
		{"lead byte at the end of the file", []byte{0x82, 0xA0, 0x88}, false, 2, false},
		{"lead byte at the end of a cut text", []byte{0x82, 0xA0, 0x88}, true, 2, true},
	}
	for _, tt := range tests {
		score, ok := scoreCP932(tt.b, tt.truncated)
		if score != tt.score || ok != tt.ok {
			t.Errorf("%s (% x): %d %v, want %d %v", tt.name, tt.b, score, ok, tt.score, tt.ok)
		}
	}
}

// Each vote between CP1250 and CP1252, on bytes as a word writes them.
func TestCentralOrWesternRules(t *testing.T) {
	tests := []struct {
		name   string
		b      string
		cz, we int
	}{
		{"š votes twice for CP1250", "\x9Aek", 2, 0},
		{"Ž votes twice for CP1250", "\x8Eilina", 2, 0},
		{"à votes for CP1252", "paiement \xE0 Paris", 0, 1},
		{"ñ votes for CP1252", "Se\xF1or", 0, 1},
		{"ď before a vowel", "\xEFakujem", 1, 0},
		{"ï before a consonant", "na\xEFf", 0, 1},
		{"ę before a consonant", "dzi\xEAkujemy", 1, 0},
		{"ę at a word's end", "si\xEA", 1, 0},
		{"ê before t", "pr\xEAt", 0, 1},
		{"ê before a vowel", "\xEAa", 0, 1},
		{"ř before a vowel", "p\xF8i", 1, 0},
		{"ø before a consonant", "S\xF8ren", 0, 1},
		{"ě before a letter", "m\xECna", 1, 0},
		{"ì at a word's end", "luned\xEC", 0, 1},
		{"ň before a letter", "Upr\xF2s", 1, 0},
		{"č after a vowel", "u\xE8et", 1, 0},
		{"Č at a word's start", "\xC8\xE1stka", 1, 0},
		{"è after a consonant", "Pr\xE9l\xE8vement", 0, 1},
		{"è after i", "Lumi\xE8re", 0, 1},
		{"ů after a consonant", "dom\xF9", 1, 0},
		{"ù after a vowel", "o\xF9", 0, 1},
		{"a run of three bytes does not vote", "\x9A\x9A\x9A", 0, 0},
		{"a byte between two high bytes does not vote", "a\x8E\xE0\x9Aa", 0, 0},
		{"ASCII does not vote", "Amazon", 0, 0},
	}
	for _, tt := range tests {
		cz, we := centralOrWestern([]byte(tt.b))
		if cz != tt.cz || we != tt.we {
			t.Errorf("%s (%q): cz %d we %d, want cz %d we %d", tt.name, tt.b, cz, we, tt.cz, tt.we)
		}
	}
}
