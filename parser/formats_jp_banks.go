package parser

// Japanese banks.
var jpBankFormats = []*Format{}
