package ofx

import (
	"fmt"
	"testing"

	"github.com/refundwatch/refundwatch/parser"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/internal/brief"
	"github.com/shopspring/decimal"
)

// TestKeepMarksWhatKeepChose checks the OFX reader's keeping: a
// transaction Keep chooses is kept in full and marked chosen (so that
// check's matcher need not ask its recognizer again), one it does not
// choose is kept in brief, and one kept in full only because the
// statement's rows in brief can name no more accounts is not marked.
func TestKeepMarksWhatKeepChose(t *testing.T) {
	r := &ofxReader{
		st:   &parser.Statement{File: "card.ofx"},
		opts: parser.ReadOptions{Keep: func(n string) bool { return n == "AMAZON.COM" }},
	}
	day := civil.MustDate("2026-03-02")
	txn := func(desc, account string) parser.Transaction {
		return parser.Transaction{Date: day, Amount: decimal.NewFromInt(12), Description: desc, Normalized: desc, Account: account, File: "card.ofx"}
	}
	r.keep(txn("AMAZON.COM", "1"))
	r.keep(txn("GROCER", "1"))
	if r.st.Txns.Len() != 1 || !r.st.Txns.Chosen(0) || r.st.Brief.N != 1 {
		t.Fatalf("%d kept in full (first chosen %t), %d in brief; want the Amazon row chosen, the grocer in brief",
			r.st.Txns.Len(), r.st.Txns.Len() > 0 && r.st.Txns.Chosen(0), r.st.Brief.N)
	}
	// The rows in brief name as many accounts as they can: the next
	// account's row the recognizer did not choose is kept in full.
	for i := len(r.st.Brief.Accounts); i < brief.MaxAccounts; i++ {
		r.st.Brief.Accounts = append(r.st.Brief.Accounts, fmt.Sprint("acct", i))
		r.st.Brief.Days = append(r.st.Brief.Days, civil.DaySet{})
	}
	r.keep(txn("GROCER", "one account too many"))
	if r.st.Txns.Len() != 2 || r.st.Txns.Chosen(1) {
		t.Fatalf("%d kept in full (second chosen %t); want the grocer of the account too many kept in full, not chosen",
			r.st.Txns.Len(), r.st.Txns.Len() > 1 && r.st.Txns.Chosen(1))
	}
}
