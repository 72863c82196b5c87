package brief

import (
	"strings"

	"github.com/refundwatch/refundwatch/parser/civil"
)

// AccountIndex finds the index of an account in a Rows' Accounts (and
// Days), adding the account when new. It remembers the last account found:
// the rows of a file mostly name the same one, one after the other. The
// zero value is ready for use, for one Rows.
type AccountIndex struct {
	at   map[string]uint16
	last uint16
	// lastName is the last account found, b.Accounts[last], once found is
	// set.
	lastName string
	found    bool
}

// Of returns account's index in b.Accounts, adding it (a copy, so as not to
// hold on to the record it was read from) with no days when new. It reports
// false when b names MaxAccounts accounts already.
//
// The last account's test is made where Of is called (it is inlined):
// most rows name it.
func (a *AccountIndex) Of(b *Rows, account string) (uint16, bool) {
	if a.found && account == a.lastName {
		return a.last, true
	}
	a.find(b, account)
	return a.last, a.found
}

// find is Of for an account other than the last one found: it makes it
// the last one found, or clears found when b names MaxAccounts accounts
// already.
func (a *AccountIndex) find(b *Rows, account string) {
	if a.at == nil && len(b.Accounts) > 0 {
		// An index made after rows were counted learns their accounts.
		a.at = make(map[string]uint16, len(b.Accounts))
		for j, acct := range b.Accounts {
			a.at[acct] = uint16(j)
		}
	}
	i, ok := a.at[account]
	if !ok {
		if len(b.Accounts) == MaxAccounts {
			a.found = false
			return
		}
		if a.at == nil {
			a.at = map[string]uint16{}
		}
		i = uint16(len(b.Accounts))
		b.Accounts = append(b.Accounts, strings.Clone(account))
		b.Days = append(b.Days, civil.DaySet{})
		a.at[b.Accounts[i]] = i
	}
	a.last, a.lastName, a.found = i, b.Accounts[i], true
}
