// Package money reads amounts as exports and people write them (currency
// signs and codes, thousands separators of every kind, a decimal comma,
// parentheses, CR/DR marks, full-width digits) into decimals, and prints
// them with each currency's fixed decimals (Money, FormatAmount). Value is
// the compact amount a statement row is read into: an integer coefficient
// where the number allows, so that rows that are only counted cost no
// allocation.
package money
