// Package cli holds what the example programs share: writing an output
// file and checking a report against its golden file in tests.
package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// WriteFile creates path and writes it with fn, closing it even when fn
// fails.
func WriteFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Golden compares got with testdata/name.golden, rewriting the file first
// when update is set.
func Golden(t *testing.T, name string, got []byte, update bool) {
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
