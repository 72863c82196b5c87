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
}

// Of returns account's index in b.Accounts, adding it (a copy, so as not to
// hold on to the record it was read from) with no days when new. It reports
// false when b names MaxAccounts accounts already.
func (a *AccountIndex) Of(b *Rows, account string) (uint16, bool) {
	if int(a.last) < len(b.Accounts) && b.Accounts[a.last] == account {
		return a.last, true
	}
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
			return 0, false
		}
		if a.at == nil {
			a.at = map[string]uint16{}
		}
		i = uint16(len(b.Accounts))
		b.Accounts = append(b.Accounts, strings.Clone(account))
		b.Days = append(b.Days, civil.DaySet{})
		a.at[b.Accounts[i]] = i
	}
	a.last = i
	return i, true
}
