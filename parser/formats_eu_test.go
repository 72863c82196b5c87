package parser

// euSamples: real UK and EU exports in the shared samples folder.
var euSamples = map[string]string{}
