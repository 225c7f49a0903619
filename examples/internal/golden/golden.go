// Package golden checks the reports of the example programs against their
// golden files; only the examples' tests import it.
package golden

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
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
		t.Errorf("output differs from %s; rerun with -update and review the diff", path)
	}
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
