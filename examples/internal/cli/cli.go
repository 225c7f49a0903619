// Package cli holds what the example programs share at run time.
package cli

import (
	"io"
	"os"
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
