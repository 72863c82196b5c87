// Package mask owns what keeps the final text of every output safe to show:
// card and bank account numbers hidden but for their last 4 digits
// (MaskCardNumbers, and the Writer every command prints through), the
// report's own values marked to be kept whole (Keep), and the escaping of
// what could act on a terminal (Visible, and the TerminalWriter that lets
// only the table's colours through). The escaping lives here because both
// rest on the same marks: an escaped text keeps them, and the masking reads
// them.
package mask
