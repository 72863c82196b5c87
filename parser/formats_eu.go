package parser

// United Kingdom and European Union banks and card issuers.
var euFormats = []*Format{}
