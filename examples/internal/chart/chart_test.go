package chart

import (
	"bytes"
	"strings"
	"testing"
)

func TestGrouping(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"}, {1234567.891, 2, "1,234,567.89"}, {-1234.5, 1, "-1,234.5"}, {999, 0, "999"}, {1000, 0, "1,000"},
		{-0.001, 2, "0.00"}, {0.5, 1, "0.5"}, {123456789012, 0, "123,456,789,012"},
	} {
		if got := Grouping(tt.v, tt.d); got != tt.want {
			t.Errorf("Grouping(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestAmountsTicks(t *testing.T) {
	var labels []string
	for _, tk := range (Amounts{Scale: 1e6}).Ticks(0, 3.5e6) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got := strings.Join(labels, " "); got != "0.0 0.5 1.0 1.5 2.0 2.5 3.0 3.5" {
		t.Errorf("ticks %s", got)
	}
	labels = labels[:0]
	for _, tk := range (Amounts{}).Ticks(0, 12_000_000) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if got := strings.Join(labels, " "); got != "0 2,000,000 4,000,000 6,000,000 8,000,000 10,000,000 12,000,000" {
		t.Errorf("ticks %s", got)
	}
	if got := (Amounts{}).Ticks(5, 5); len(got) != 1 {
		t.Errorf("empty range: %v", got)
	}
}

// TestRenderDeterministic draws the same chart twice in both formats and
// checks the files are equal and what their formats say.
func TestRenderDeterministic(t *testing.T) {
	draw := func() []byte {
		p := New("Title", "x", "y")
		if err := StackedBars(p, []string{"a", "b"}, []Series{{"s1", []float64{1, 2}}, {"s2", []float64{3, 4}}}); err != nil {
			t.Fatal(err)
		}
		svg, err := Render(p, "svg")
		if err != nil {
			t.Fatal(err)
		}
		png, err := Render(p, "png")
		if err != nil {
			t.Fatal(err)
		}
		return append(svg, png...)
	}
	a, b := draw(), draw()
	if !bytes.Equal(a, b) {
		t.Error("the same chart rendered differently")
	}
	if !bytes.Contains(a, []byte("<svg")) || !bytes.Contains(a, []byte("\x89PNG")) {
		t.Error("not an SVG and a PNG")
	}
	p := New("t", "x", "y")
	if err := GroupedBars(p, []string{"a"}, []Series{{"s", []float64{1, 2}}}); err == nil {
		t.Error("a series longer than the categories drew")
	}
}
