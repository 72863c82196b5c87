// Package msg keeps a sentence for the person as an English format and its
// arguments apart (Message), so that the report can print it in the
// person's language, writing dates and money as that language does. It is
// a leaf: every other package may use it.
package msg
