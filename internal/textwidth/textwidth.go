// Package textwidth aligns text by its display width on a terminal, where
// CJK characters take two columns: text/tabwriter counts runes, so a table
// with Chinese names comes out ragged. The library's text renderers and the
// examples share it.
package textwidth

import (
	"bytes"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// Wide reports whether r takes two columns on a terminal: the East Asian
// wide and fullwidth ranges of Unicode's UAX #11 (CJK ideographs, kana,
// Hangul, CJK and fullwidth punctuation).
func Wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, // Hangul Jamo initials
		r >= 0x2e80 && r <= 0x303e,   // CJK radicals, punctuation 、。「」
		r >= 0x3041 && r <= 0x33ff,   // kana, CJK symbols
		r >= 0x3400 && r <= 0x4dbf,   // CJK extension A
		r >= 0x4e00 && r <= 0x9fff,   // CJK unified ideographs
		r >= 0xa000 && r <= 0xa4cf,   // Yi
		r >= 0xac00 && r <= 0xd7a3,   // Hangul syllables
		r >= 0xf900 && r <= 0xfaff,   // CJK compatibility ideographs
		r >= 0xfe30 && r <= 0xfe4f,   // CJK compatibility forms
		r >= 0xff00 && r <= 0xff60,   // fullwidth forms ，：（）
		r >= 0xffe0 && r <= 0xffe6,   // fullwidth signs ￥
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B …
		return true
	}
	return false
}

// Width returns the columns s takes on a terminal: two for each wide rune,
// one for every other.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if Wide(r) {
			n++
		}
	}
	return n
}

// filler follows every wide rune inside the tab writer, so that
// text/tabwriter, which counts runes, counts two columns for it; the
// writer below strips it again. It is a private-use character, which no
// report prints.
const filler = '\uf8ff'

var fillerBytes = []byte(string(filler))

// TabWriter is a text/tabwriter.Writer that aligns by display width: wide
// (CJK) characters take two columns. Use it as a tabwriter.Writer: cells
// end with a tab, Flush writes the aligned text.
type TabWriter struct {
	tw      *tabwriter.Writer
	pending []byte // an incomplete UTF-8 sequence from the last Write
}

// NewTabWriter returns a TabWriter on w with tabwriter.NewWriter's
// settings.
func NewTabWriter(w io.Writer, minwidth, tabwidth, padding int, padchar byte, flags uint) *TabWriter {
	return &TabWriter{tw: tabwriter.NewWriter(stripper{w}, minwidth, tabwidth, padding, padchar, flags)}
}

// Write buffers p for alignment.
func (t *TabWriter) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	t.pending = nil
	out := make([]byte, 0, len(buf)+len(buf)/2)
	for len(buf) > 0 {
		r, size := utf8.DecodeRune(buf)
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(buf) {
			t.pending = append([]byte(nil), buf...) // wait for the rest
			break
		}
		out = append(out, buf[:size]...)
		if Wide(r) {
			out = append(out, fillerBytes...)
		}
		buf = buf[size:]
	}
	if _, err := t.tw.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes the aligned text.
func (t *TabWriter) Flush() error {
	if len(t.pending) > 0 {
		if _, err := t.tw.Write(t.pending); err != nil {
			return err
		}
		t.pending = nil
	}
	return t.tw.Flush()
}

// stripper removes the fillers on the way out.
type stripper struct{ w io.Writer }

func (s stripper) Write(p []byte) (int, error) {
	if !bytes.Contains(p, fillerBytes) {
		return s.w.Write(p)
	}
	if _, err := s.w.Write(bytes.ReplaceAll(p, fillerBytes, nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// PadRight returns s followed by spaces to n columns of display width
// (s itself when it is already that wide).
func PadRight(s string, n int) string {
	if w := Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// PadLeft returns s preceded by spaces to n columns of display width.
func PadLeft(s string, n int) string {
	if w := Width(s); w < n {
		return strings.Repeat(" ", n-w) + s
	}
	return s
}
