package parser

// usSamples: real United States exports in the shared samples folder.
var usSamples = map[string]string{}
