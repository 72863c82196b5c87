package parser

// DayOrderUnsettled marks e as the problem of a file whose dates cannot tell
// day from month, so that SettleDayOrder may take the order from another
// file of the run of the same shape or naming the same account. It returns e.
func (e *Error) DayOrderUnsettled(shape, account string) *Error {
	e.unsettled = &unsettledOrder{shape: shape, account: account}
	return e
}

// unsettledOrder says which files could tell a file's day order: those of
// the same shape, or naming the same account.
type unsettledOrder struct {
	shape, account string
}

// SettleDayOrder finds, for a file refused because its dates cannot tell
// day from month (err), the day order that other files of the run tell by
// their own dates: files of the same shape, or naming the same account.
// It reports false when none tells it, or they disagree.
func SettleDayOrder(err error, read []*Statement) (order, from string, ok bool) {
	var e *Error
	var u *unsettledOrder
	if l, isList := AsList(err); isList {
		for _, x := range l {
			if x.unsettled != nil {
				e = x
			}
		}
	}
	if e == nil {
		return "", "", false
	}
	u = e.unsettled
	for _, s := range read {
		if s == nil || !s.DayOrderOwn || (s.Shape != u.shape && (u.account == "" || s.Account != u.account)) {
			continue
		}
		if order != "" && order != s.DayOrder {
			return "", "", false
		}
		order, from = s.DayOrder, s.File
	}
	return order, from, order != ""
}
