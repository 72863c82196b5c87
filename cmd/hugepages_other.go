//go:build !linux

package cmd

// adviseHugePages does nothing: only Linux gives a process's memory huge
// pages when asked (hugepages.go).
func adviseHugePages(int64) bool { return false }
