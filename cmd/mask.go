package cmd

import "strings"

// MaskCardNumbers hides card numbers in text: every run of 12 to 19 digits,
// alone or written in groups of four joined by spaces or dashes, shows only
// its last four digits. Amazon order ids (3-7-7 digits) are left alone.
func MaskCardNumbers(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); {
		if !isDigit(b[i]) || (i > 0 && isDigit(b[i-1])) {
			i++
			continue
		}
		end, digits := cardRun(b, i)
		if digits >= 12 && digits <= 19 {
			seen := 0
			for j := end - 1; j >= i; j-- {
				if isDigit(b[j]) {
					seen++
					if seen > 4 {
						b[j] = '*'
					}
				}
			}
		}
		i = max(end, i+1)
	}
	return string(b)
}

// cardRun measures the digit run starting at i: either plain digits, or
// groups of four digits joined by one space or dash (the last group may be
// shorter). It returns where the run ends and how many digits it holds.
func cardRun(b []byte, i int) (end, digits int) {
	j := i
	for j < len(b) && isDigit(b[j]) {
		j++
	}
	if j-i != 4 || j >= len(b) || (b[j] != ' ' && b[j] != '-') {
		return j, j - i
	}
	sep := b[j]
	end, digits = j, 4
	for {
		k := end + 1
		n := 0
		for k < len(b) && isDigit(b[k]) {
			k++
			n++
		}
		if end >= len(b) || b[end] != sep || n == 0 || n > 4 {
			return end, digits
		}
		end, digits = k, digits+n
		if n < 4 {
			return end, digits
		}
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
