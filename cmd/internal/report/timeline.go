package report

import (
	"slices"

	"github.com/refundwatch/refundwatch/cmd/internal/i18n"
	"github.com/refundwatch/refundwatch/cmd/internal/layout"
	"github.com/refundwatch/refundwatch/matcher"
	"github.com/refundwatch/refundwatch/parser/civil"
	"github.com/refundwatch/refundwatch/parser/money"
)

// Timeline is the picture of one order's story for the HTML report: the days
// from the order to the end of the watch on one axis, with the order,
// Amazon's confirmation, each charge and credit, the grace and watch windows
// and the last day the statements show. Coordinates are SVG pixels.
type Timeline struct {
	Width, Height int
	AxisY         int
	Bands         []tlBand
	Marks         []tlMark
	Ticks         []tlTick
	TickY         int // baseline of the month labels
	TickBottom    int // lower end of the month lines
	// Label is the picture's text alternative, for screen readers.
	Label string
	// Events are the marks' and windows' labels in the order of their
	// days: the timeline as a list, for screens too narrow for the picture.
	Events []string
}

// tlBand is a window of days drawn as a bar under the axis.
type tlBand struct {
	X, Y, W, H int
	Class      string
	Label      string
}

// tlMark is one day on the axis, with its label in a row above it.
type tlMark struct {
	X, LabelY, StemTop int
	Class              string
	Label              string
	// Anchor is the SVG text-anchor of the label, so that labels near the
	// right edge grow leftwards and stay inside the picture.
	Anchor string
	// Dashed marks are lines across the picture (coverage end, as of), not dots.
	Dashed bool
}

type tlTick struct {
	X     int
	Label string
}

const (
	tlWidth      = 960
	tlMargin     = 24
	tlLabelRows  = 12 // at most; as many are used as the labels need
	tlRowHeight  = 16
	tlBandHeight = 16
	tlCharWidth  = 7 // pixels per column of text at the picture's font size
)

func newTimeline(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) *Timeline {
	events := timelineEvents(o, rep, l)
	bands, ends := timelineWindows(o, rep, l)
	from, to := timelineSpan(o.Dispute.OrderDate, events, ends)
	span := to.Sub(from)
	x := func(day civil.Date) int {
		return tlMargin + day.Sub(from)*(tlWidth-2*tlMargin)/span
	}
	tl := &Timeline{Width: tlWidth, Label: l.T("timeline of order %s", o.Dispute.OrderID)}
	slices.SortStableFunc(events, func(a, b tlEvent) int { return a.day.Sub(b.day) })
	tl.placeMarks(events, x)
	for _, b := range bands {
		tl.Events = append(tl.Events, b.label)
	}
	tl.placeBands(bands, ends, x)
	tl.placeTicks(from, to, x, l)
	tl.Height = tl.TickY + 10
	return tl
}

// tlEvent is a day of an order's story, with its label: a mark on the
// axis, or the start of a window under it.
type tlEvent struct {
	day    civil.Date
	class  string
	label  string
	dashed bool
}

// timelineEvents are the days marked on the axis: the order, each of
// Amazon's confirmations, each charge, credit and candidate row, the last
// day the statements show, and the day the report is as of.
func timelineEvents(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) []tlEvent {
	d := o.Dispute
	var events []tlEvent
	events = append(events, tlEvent{d.OrderDate, "order", l.T("ordered %s", d.OrderDate), false})
	for _, c := range o.Confirmations {
		events = append(events, tlEvent{c.ConfirmedOn, "confirmed", l.T("Amazon: %s %s", c.Kind, c.ConfirmedOn), false})
	}
	for _, t := range o.Charges {
		events = append(events, tlEvent{t.Date, "charge", l.T("charge %s %s", money.Money{Amount: t.Amount, Currency: rowCurrency(t, d.Currency)}, t.Date), false})
	}
	for _, t := range o.Credits {
		events = append(events, tlEvent{t.Date, "credit", l.T("credit %s %s", money.Money{Amount: t.Amount.Abs(), Currency: rowCurrency(t, d.Currency)}, t.Date), false})
	}
	for _, t := range o.Ties().Candidates {
		events = append(events, tlEvent{t.Date, "candidate", l.T("candidate %s %s", money.Money{Amount: t.Amount, Currency: rowCurrency(t, d.Currency)}, t.Date), false})
	}
	if o.Coverage != nil && o.Coverage.To.Valid() {
		events = append(events, tlEvent{o.Coverage.To, "coverage", l.T("statements end %s", o.Coverage.To), true})
	}
	return append(events, tlEvent{rep.AsOf, "asof", l.T("as of %s", rep.AsOf), true})
}

// timelineWindows are the windows drawn under the axis once Amazon has
// confirmed the order: the grace, by the end of which the credit is due,
// and the watch. Each starts on the day of the confirmation; ends holds
// their last days.
func timelineWindows(o *matcher.OrderResult, rep *matcher.Report, l *i18n.Localizer) (bands []tlEvent, ends []civil.Date) {
	c := o.Confirmation
	if c == nil {
		return nil, nil
	}
	h := c.ConfirmedOn
	bands = append(bands, tlEvent{h, "grace", l.T("credit due by %s", h.AddDays(rep.Grace)), false})
	ends = append(ends, h.AddDays(rep.Grace))
	bands = append(bands, tlEvent{h, "watch", l.T("watch until %s", h.AddDays(rep.Watch)), false})
	ends = append(ends, h.AddDays(rep.Watch))
	return bands, ends
}

// timelineSpan is the days the picture shows: from a few days before the
// order to a month after it at least, wide enough for every event and
// window, with two days' margin on each side.
func timelineSpan(ordered civil.Date, events []tlEvent, ends []civil.Date) (from, to civil.Date) {
	from, to = ordered.AddDays(-3), ordered.AddDays(30)
	for _, e := range events {
		from, to = minDate(from, e.day), civil.Max(to, e.day)
	}
	for _, e := range ends {
		to = civil.Max(to, e)
	}
	return from.AddDays(-2), to.AddDays(2)
}

// placeMarks puts the events, in the order of their days, on the axis at
// x(day). Each label goes in the first row where it overlaps no label
// before it, growing leftwards near the right edge; the axis goes under
// the last row used.
func (tl *Timeline) placeMarks(events []tlEvent, x func(civil.Date) int) {
	rowEnd := make([]int, tlLabelRows) // right edge of the last label in each row
	rows := 1
	for _, e := range events {
		m := tlMark{X: x(e.day), Class: e.class, Label: e.label, Dashed: e.dashed, Anchor: "start"}
		width := layout.TextWidth(e.label) * tlCharWidth
		left := m.X - 4
		if m.X+width > tlWidth-tlMargin {
			m.Anchor, left = "end", m.X-width
		}
		row := 0
		for row < tlLabelRows-1 && rowEnd[row] > left {
			row++
		}
		rowEnd[row] = left + width + 8
		rows = max(rows, row+1)
		m.LabelY = 20 + row*tlRowHeight
		m.StemTop = m.LabelY + 4
		tl.Marks = append(tl.Marks, m)
		tl.Events = append(tl.Events, e.label)
	}
	tl.AxisY = 24 + rows*tlRowHeight
}

// placeBands draws the windows as bars under the axis, one under the
// other, each from its start to its end (ends), a pixel wide at least.
func (tl *Timeline) placeBands(bands []tlEvent, ends []civil.Date, x func(civil.Date) int) {
	y := tl.AxisY + 12
	for i, b := range bands {
		tl.Bands = append(tl.Bands, tlBand{X: x(b.day), Y: y, W: max(1, x(ends[i])-x(b.day)), H: tlBandHeight, Class: b.class, Label: b.label})
		y += tlBandHeight + 6
	}
	tl.TickBottom = y
	tl.TickY = y + 14
}

// placeTicks puts a tick a month between from and to, or a year when the
// story spans more than tlMaxTicks months; the count is bounded whatever
// the dates.
func (tl *Timeline) placeTicks(from, to civil.Date, x func(civil.Date) int, l *i18n.Localizer) {
	next := firstOfNextMonth
	if to.Sub(from) > tlMaxTicks*28 {
		next = firstOfNextYear
	}
	for day := next(from); day.Before(to) && len(tl.Ticks) < tlMaxTicks; day = next(day) {
		tl.Ticks = append(tl.Ticks, tlTick{X: x(day), Label: l.Month(day)})
	}
}

// tlMaxTicks is the most ticks a timeline draws.
const tlMaxTicks = 120

// firstOfNextYear returns the first day of the year after d's.
func firstOfNextYear(d civil.Date) civil.Date {
	t := d.Time()
	return civil.DateOf(t.AddDate(1, 1-int(t.Month()), 1-t.Day()))
}

// firstOfNextMonth returns the first day of the month after d's.
func firstOfNextMonth(d civil.Date) civil.Date {
	t := d.Time().AddDate(0, 1, 1-d.Time().Day())
	return civil.DateOf(t)
}

func minDate(a, b civil.Date) civil.Date {
	if b.Valid() && b.Before(a) {
		return b
	}
	return a
}
