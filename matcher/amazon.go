package matcher

import (
	"regexp"
	"strings"
)

// DefaultAmazonPatterns are the descriptors Amazon charges carry on statements
// (after NFKC and upper-casing): AMAZON.CO.JP, AMZN Mktp US*…, Amazon.de,
// Audible, Kindle, Prime Video and the like.
var DefaultAmazonPatterns = []string{
	`AMAZON`, `AMZN`, `AUDIBLE`, `KINDLE`, `PRIME VIDEO`, `アマゾン`,
}

// Recognizer tells Amazon transactions from others by their normalised description.
type Recognizer struct {
	re *regexp.Regexp
}

// NewRecognizer builds a Recognizer from the default patterns plus extra
// ones (regular expressions, matched against the normalised description).
func NewRecognizer(extra ...string) (*Recognizer, error) {
	all := append(append([]string{}, DefaultAmazonPatterns...), extra...)
	for i, p := range all {
		all[i] = "(?:" + p + ")"
	}
	re, err := regexp.Compile(strings.Join(all, "|"))
	if err != nil {
		return nil, err
	}
	return &Recognizer{re: re}, nil
}

// IsAmazon reports whether a normalised description is Amazon's.
func (r *Recognizer) IsAmazon(normalized string) bool {
	return r.re.MatchString(normalized)
}
