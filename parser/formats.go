package parser

// FormatNames lists the names of the built-in statement formats, as
// Statement.Format reports them, for listing and shell completion.
func FormatNames() []string {
	return []string{FormatGeneric}
}
