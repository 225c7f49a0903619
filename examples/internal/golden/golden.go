// Package golden checks the reports of the example programs against their
// golden files; only the examples' tests import it.
package golden

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares got with testdata/name.golden, rewriting the file first
// when update is set.
func Check(t *testing.T, name string, got []byte, update bool) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; rerun with -update and review the diff\n%s", path, firstDiff(want, got, 3))
	}
}

// firstDiff describes the first differing line of want and got, with up to
// context lines of each side after it.
func firstDiff(want, got []byte, context int) string {
	wl := strings.Split(string(want), "\n")
	gl := strings.Split(string(got), "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d:\n", i+1)
	for k := i; k < i+context && k < len(wl); k++ {
		fmt.Fprintf(&b, "  want %4d: %s\n", k+1, wl[k])
	}
	if i >= len(wl) {
		b.WriteString("  want: (end of file)\n")
	}
	for k := i; k < i+context && k < len(gl); k++ {
		fmt.Fprintf(&b, "  got  %4d: %s\n", k+1, gl[k])
	}
	if i >= len(gl) {
		b.WriteString("  got: (end of output)\n")
	}
	return b.String()
}

// Case is one run of an example program: the golden file's name and the
// command-line arguments.
type Case struct {
	Name string
	Args []string
}

// Run runs the program's run function for each case and checks its output
// against the golden file, as a subtest per case.
func Run(t *testing.T, run func(io.Writer, []string) error, update bool, cases ...Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var out bytes.Buffer
			if err := run(&out, c.Args); err != nil {
				t.Fatalf("run(%q) error: %v", c.Args, err)
			}
			Check(t, c.Name, out.Bytes(), update)
		})
	}
}

// Charts runs the program with args and -png, -svg into a temporary
// directory, checks that each named chart was written as a PNG of at least
// 5,000 bytes and as an SVG, and returns the SVGs by name and the directory.
func Charts(t *testing.T, run func(io.Writer, []string) error, args []string, names ...string) (map[string][]byte, string) {
	t.Helper()
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(&out, append(append([]string(nil), args...), "-png", dir, "-svg", dir)); err != nil {
		t.Fatalf("run(%q) error: %v", args, err)
	}
	svgs := make(map[string][]byte, len(names))
	for _, name := range names {
		png, err := os.ReadFile(filepath.Join(dir, name+".png"))
		if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 5000 {
			t.Fatalf("%s.png: %d bytes, %v", name, len(png), err)
		}
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil || !bytes.Contains(svg, []byte("<svg")) {
			t.Fatalf("%s.svg: %v", name, err)
		}
		svgs[name] = svg
	}
	return svgs, dir
}
