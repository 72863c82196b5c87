package parser

// jpBankSamples: real Japanese bank exports in the shared samples folder.
var jpBankSamples = map[string]string{}
