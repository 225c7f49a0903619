package textwidth

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"text/tabwriter"
)

func TestWidth(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"revenue", 7}, {"销售额", 6}, {"区域 North", 10}, {"（万元）", 8}, {"—", 1}, {"é", 1}, {"2026年1月", 9},
	} {
		if got := Width(tt.s); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestTabWriterAlignsWideText checks that columns line up by display width
// with Chinese cells, and that ASCII text comes out as text/tabwriter's.
func TestTabWriterAlignsWideText(t *testing.T) {
	rows := [][]string{{"区域", "销售额", "revenue"}, {"North", "1,234.00", "x"}, {"华东区", "12.00", "费用"}}
	var got bytes.Buffer
	tw := NewTabWriter(&got, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		// Split each write in the middle of a character, as a buffered
		// writer may.
		line := []byte(strings.Join(r, "\t") + "\t\n")
		tw.Write(line[:4])
		tw.Write(line[4:])
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n")
	for i, l := range lines {
		if Width(l) != Width(lines[0]) {
			t.Errorf("line %d %q is %d columns, line 1 %d:\n%s", i+1, l, Width(l), Width(lines[0]), got.String())
		}
		if strings.ContainsRune(l, filler) {
			t.Errorf("line %d keeps the filler", i+1)
		}
	}
	var ascii, plain bytes.Buffer
	a, p := NewTabWriter(&ascii, 0, 0, 2, ' ', tabwriter.AlignRight), tabwriter.NewWriter(&plain, 0, 0, 2, ' ', tabwriter.AlignRight)
	for i := range 5 {
		fmt.Fprintf(a, "row %d\t%d\t\n", i, i*i*1000)
		fmt.Fprintf(p, "row %d\t%d\t\n", i, i*i*1000)
	}
	a.Flush()
	p.Flush()
	if ascii.String() != plain.String() {
		t.Errorf("ASCII output differs from text/tabwriter:\n%s\n%s", ascii.String(), plain.String())
	}
}

func TestPad(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{PadRight("战略型", 8), "战略型  "}, {PadLeft("战略型", 8), "  战略型"}, {PadRight("value", 8), "value   "},
		{PadLeft("too wide", 3), "too wide"}, {PadRight("", 2), "  "},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
