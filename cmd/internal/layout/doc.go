// Package layout owns how text is laid out for a terminal: the width a
// text takes on screen (East Asian wide characters two columns, whatever
// the machine's locale), lines wrapped to a width without cutting a card
// number's digits apart, and Columns, the aligned tables that fit the
// terminal or fall back to blocks. The table report, detect, formats and
// init all lay out their text with it; the report's timeline measures its
// labels with it.
package layout
