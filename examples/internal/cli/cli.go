// Package cli holds what the example programs share at run time.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/target"
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
func (l Lang) T(en, zh string) string { return lang.Pick(string(l), en, zh) }

// LangFlag defines the examples' -lang flag on fs; [ParseLang] reads its
// value after parsing.
func LangFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "en", "report `language`: en or zh (the course's Chinese)")
}

// In returns the Chinese of en from table under zh, en itself otherwise or
// when the table has none.
func (l Lang) In(table map[string]string, en string) string {
	if zh, ok := table[en]; ok {
		return l.T(en, zh)
	}
	return en
}

// Money returns the examples' amount format: thousands separators and two
// decimals, in units of 10,000 (万元) when wan is set.
func Money(wan bool) func(decimal.Decimal) string {
	if wan {
		return func(a decimal.Decimal) string { return target.FormatAmount(a.Shift(-4), 2) }
	}
	return func(a decimal.Decimal) string { return target.FormatAmount(a, 2) }
}
