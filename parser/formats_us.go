package parser

// United States card issuers and banks.
var usFormats = []*Format{}
