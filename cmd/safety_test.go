package cmd

// These tests keep the promises of the "Safety" section of cmd/reference.md: the
// binary carries no network client, and inputs are only ever read.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/refundwatch/refundwatch"

// goTool runs the go command in the module's folder and returns its output.
func goTool(t *testing.T, args ...string) string {
	t.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to inspect the build with")
	}
	c := exec.Command(gocmd, args...)
	c.Dir = repoRoot(t)
	out, err := c.Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += "\n" + string(ee.Stderr)
		}
		t.Fatalf("go %s: %s", strings.Join(args, " "), msg)
	}
	return string(out)
}

// packageImports maps the packages go list names to the packages each
// imports.
func packageImports(t *testing.T, args ...string) map[string][]string {
	t.Helper()
	out := goTool(t, append([]string{"list", "-f", `{{.ImportPath}}|{{join .Imports " "}}`}, args...)...)
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		path, imports, _ := strings.Cut(line, "|")
		pkgs[path] = strings.Fields(imports)
	}
	return pkgs
}

// TestNoNetworkPackages checks what the binary is built from. No HTTP or
// RPC client or server is a dependency at all. crypto/tls is one only as
// net/smtp's, and net/smtp only as the e-mail library's (enmime's sender,
// which refundwatch never calls; TestNoNetworkCodeLinked shows that none of
// it is in the binary). refundwatch's own packages import no net package but
// net/mail and net/textproto, which parse text.
func TestNoNetworkPackages(t *testing.T) {
	deps := packageImports(t, "-deps", ".")
	forbidden := func(p string) bool {
		return p == "net/http" || strings.HasPrefix(p, "net/http/") || p == "net/rpc" || strings.HasPrefix(p, "net/rpc/")
	}
	allowedImporters := map[string]map[string]bool{
		"crypto/tls": {"net/smtp": true},
		"net/smtp":   {"github.com/jhillyerd/enmime/v2": true},
	}
	for pkg, imports := range deps {
		if forbidden(pkg) {
			t.Errorf("%s is a dependency of refundwatch", pkg)
		}
		for _, imp := range imports {
			if forbidden(imp) {
				t.Errorf("%s imports %s", pkg, imp)
			}
			if allowed, watched := allowedImporters[imp]; watched && !allowed[pkg] && !strings.HasPrefix(pkg, imp+"/") {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
	if len(deps) < 20 || deps[module+"/cmd"] == nil {
		t.Fatalf("go list found %d packages, not refundwatch's", len(deps))
	}

	for pkg, imports := range packageImports(t, "./...") {
		for _, imp := range imports {
			if (imp == "net" || strings.HasPrefix(imp, "net/")) && imp != "net/mail" && imp != "net/textproto" {
				t.Errorf("%s imports %s: refundwatch uses no network", pkg, imp)
			}
		}
	}
}

// networkSymbols start the names of functions that open connections or
// listen for them.
var networkSymbols = []string{
	"net.(*Dialer)", "net.Dial", "net.(*sysDialer)", "net.Listen", "net.(*ListenConfig)",
	"net/smtp.Dial", "net/smtp.SendMail", "net/smtp.NewClient", "net/http.",
	"crypto/tls.Dial", "crypto/tls.(*Dialer)", "crypto/tls.Client",
	"syscall.Connect", "syscall.connect", "syscall.Socket", "syscall.socket",
}

// TestNoNetworkCodeLinked builds refundwatch and reads its symbol table:
// packages that the dependencies import (pflag imports net for IP address
// flags, enmime net/smtp for its sender) may leave their types and
// initialisation in the binary, but no function that dials, listens or
// speaks HTTP may be linked.
func TestNoNetworkCodeLinked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "refundwatch")
	goTool(t, "build", "-o", bin, ".")
	syms := goTool(t, "tool", "nm", bin)
	n := 0
	for _, line := range strings.Split(syms, "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		n++
		name := f[len(f)-1]
		for _, bad := range networkSymbols {
			if strings.HasPrefix(name, bad) {
				t.Errorf("the binary links %s", name)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("go tool nm listed only %d symbols", n)
	}
}

// TestInputsAreOnlyRead checks the Go source the binary is built from:
// files are opened with os.Open, which reads; only init, which writes the
// files it is asked to create, may create files or folders.
func TestInputsAreOnlyRead(t *testing.T) {
	writers := map[string]bool{"OpenFile": true, "Create": true, "CreateTemp": true, "WriteFile": true,
		"Mkdir": true, "MkdirAll": true, "MkdirTemp": true, "Remove": true, "RemoveAll": true, "Rename": true,
		"Truncate": true, "Chmod": true, "Chtimes": true, "Symlink": true, "Link": true}
	out := goTool(t, "list", "-deps", "-f", `{{if .Module}}{{if eq .Module.Path "`+module+`"}}{{.Dir}}|{{join .GoFiles " "}}{{end}}{{end}}`, ".")
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		dir, files, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		for _, name := range strings.Fields(files) {
			path := filepath.Join(dir, name)
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			seen++
			isInit := filepath.Base(dir) == "cmd" && name == "init.go"
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "os" && writers[sel.Sel.Name] && !isInit {
					t.Errorf("%s: os.%s: refundwatch only reads its inputs (os.Open); only init writes", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
	}
	if seen < 10 {
		t.Fatalf("read only %d source files", seen)
	}
}
