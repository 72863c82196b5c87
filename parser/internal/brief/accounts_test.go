package brief

import (
	"strconv"
	"testing"
)

// TestAccountIndex checks that each account gets one index, the same when
// named again (after the last one or after another), with days of its own;
// that the account kept is a copy of the text it was given; and that past
// MaxAccounts no account is added.
func TestAccountIndex(t *testing.T) {
	var b Rows
	var a AccountIndex
	buf := []byte("VISA 1234")
	first, ok := a.Of(&b, string(buf[:4]))
	if !ok || first != 0 {
		t.Fatalf("first account: %d %v", first, ok)
	}
	for _, name := range []string{"VISA", "MC", "VISA", "MC", "MC", "AMEX", "VISA"} {
		i, ok := a.Of(&b, name)
		if want := map[string]uint16{"VISA": 0, "MC": 1, "AMEX": 2}[name]; !ok || i != want {
			t.Errorf("Of(%q) = %d %v, want %d", name, i, ok, want)
		}
	}
	if len(b.Accounts) != 3 || len(b.Days) != 3 {
		t.Fatalf("%d accounts and %d day sets, want 3 of each", len(b.Accounts), len(b.Days))
	}
	copy(buf, "XXXX")
	if b.Accounts[0] != "VISA" {
		t.Errorf("the account kept changed with the text it was read from: %q", b.Accounts[0])
	}
	var full Rows
	var fa AccountIndex
	for i := range MaxAccounts {
		if _, ok := fa.Of(&full, strconv.Itoa(i)); !ok {
			t.Fatalf("account %d of %d refused", i, MaxAccounts)
		}
	}
	if _, ok := fa.Of(&full, "one more"); ok || len(full.Accounts) != MaxAccounts {
		t.Errorf("an account past MaxAccounts was taken (%d accounts)", len(full.Accounts))
	}
	if i, ok := fa.Of(&full, "7"); !ok || i != 7 {
		t.Errorf("a known account after the limit: %d %v, want 7", i, ok)
	}
}
