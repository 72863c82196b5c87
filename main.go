// Command refundwatch reads card and bank statements and tells, for each Amazon order
// reported as fraudulent, whether it was charged, whether the money came back, and
// until when to keep watching.
package main

import (
	"os"

	"github.com/refundwatch/refundwatch/cmd"
)

func main() {
	os.Exit(cmd.Main())
}
