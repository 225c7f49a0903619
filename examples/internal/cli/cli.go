// Package cli holds what the example programs share at run time.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/salesgrowth/salesgrowth/internal/textwidth"
)

// Exit turns the error of an example's run function into the process's
// exit: nothing and status 0 for success or a help request (-h, whose usage
// run has printed), the error on standard error and status 1 otherwise.
func Exit(name string, err error) {
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	default:
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

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

// WriteJSON writes v as JSON, indented by two spaces when indent is set, with
// a final newline, to path.
func WriteJSON(path string, v any, indent bool) error {
	return WriteFile(path, func(f io.Writer) error {
		enc := json.NewEncoder(f)
		if indent {
			enc.SetIndent("", "  ")
		}
		return enc.Encode(v)
	})
}

// Lang is an example's output language, from its -lang flag: "en"
// (English, the default) or "zh" (the course's Chinese).
type Lang string

// ParseLang reads a -lang value: en or zh.
func ParseLang(s string) (Lang, error) {
	switch s {
	case "en", "zh":
		return Lang(s), nil
	}
	return "", fmt.Errorf("-lang %q: want en or zh", s)
}

// T returns the text in the language: zh for Chinese, en otherwise.
func (l Lang) T(en, zh string) string {
	if l == "zh" {
		return zh
	}
	return en
}

// NewTabWriter is textwidth.NewTabWriter: a text/tabwriter that aligns
// Chinese text by display width.
func NewTabWriter(w io.Writer, minwidth, tabwidth, padding int, padchar byte, flags uint) *textwidth.TabWriter {
	return textwidth.NewTabWriter(w, minwidth, tabwidth, padding, padchar, flags)
}
