// Package civil holds Date, a day of the calendar without a time or a zone,
// and reads dates as statements, orders and people write them: year first,
// day or month first (DayOrder, settled from a file's own dates), with a
// month name, in a Japanese era, or by a layout the person gives
// (LayoutDateParser). DaySet and Cutoff are sets and bounds of days for the
// readers that keep only some rows.
package civil
