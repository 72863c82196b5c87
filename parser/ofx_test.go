package parser

// ofxSamples: real OFX and QFX exports in the shared samples folder.
var ofxSamples = map[string]string{}
