package parser

// OFX and QFX statements.
var ofxFormats = []*Format{}
