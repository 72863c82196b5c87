package matcher

import (
	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/money"
)

// chargeKeys returns amountKeys of each charge. The keys of 256 charges at
// a time are cut from one string: a string for each charge's key was as
// many allocations as there are Amazon charges.
func chargeKeys(charges []*parser.Transaction) [][2]string {
	keys := make([][2]string, len(charges))
	// Where each charge's keys end in text: its amount's, then its foreign
	// amount's (none where it is the same). Each begins where the last ends.
	var ends [256][2]int32
	text := make([]byte, 0, 12*len(ends)) // used again by each part; most keys are a few digits
	for start := 0; start < len(charges); start += len(ends) {
		part := charges[start:min(start+len(ends), len(charges))]
		text = text[:0]
		for i, t := range part {
			from := len(text)
			text = money.AppendAmountKey(text, t.Amount)
			amount := len(text)
			if t.OrigCurrency != "" && !t.OrigAmount.IsZero() {
				text = money.AppendAmountKey(text, t.OrigAmount)
				if string(text[amount:]) == string(text[from:amount]) {
					text = text[:amount]
				}
			}
			ends[i] = [2]int32{int32(amount), int32(len(text))}
		}
		all := string(text)
		from := int32(0)
		for i := range part {
			keys[start+i] = [2]string{all[from:ends[i][0]], all[ends[i][0]:ends[i][1]]}
			from = ends[i][1]
		}
	}
	return keys
}
