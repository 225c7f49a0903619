package tiering

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestABC(t *testing.T) {
	const A, B, C = ClassA, ClassB, ClassC
	tests := []struct {
		name   string
		values []float64
		opt    ABCOptions
		want   []ABCClass
	}{
		// Total 100: 50 + 30 = 80 % → A; + 15 = 95 % → B; the rest C.
		{"by value", []float64{50, 30, 15, 3, 2}, ABCOptions{}, []ABCClass{A, A, B, C, C}},
		{"by value, input order kept", []float64{2, 15, 50, 3, 30}, ABCOptions{}, []ABCClass{C, B, A, C, A}},
		{"loss-makers are C", []float64{50, 30, 15, 5, -40}, ABCOptions{}, []ABCClass{A, A, B, C, C}},
		// Ten customers by count: top 2 A, next 3 B.
		{"by count", []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, ABCOptions{ByCount: true}, []ABCClass{A, A, B, B, B, C, C, C, C, C}},
		{"ties share a class", []float64{40, 40, 10, 10}, ABCOptions{Cuts: [2]float64{0.5, 0.9}}, []ABCClass{A, A, B, B}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ABC(tt.values, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ABC(%v) mismatch (-want +got):\n%s", tt.values, diff)
			}
		})
	}
	for _, opt := range []ABCOptions{{Cuts: [2]float64{80, 95}}, {Cuts: [2]float64{0.9, 0.8}}} {
		if _, err := ABC([]float64{1}, opt); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("ABC(cuts %v) error = %v, want ErrInvalidOption", opt.Cuts, err)
		}
	}
	if _, err := ABC([]float64{math.NaN()}, ABCOptions{}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("ABC(NaN) error = %v", err)
	}
}

func TestXYZAndCrossTable(t *testing.T) {
	series := [][]float64{
		{10, 10, 10, 10}, // cv 0: X
		{5, 15, 5, 15},   // cv 0.5: X (at the cut)
		{0, 20, 0, 20},   // cv 1: Y
		{0, 0, 0, 40},    // cv √3: Z
		{0, 0, 0, 0},     // no demand: Z
		{-10, 5, -10, 5}, // returns outweigh: Z
	}
	got, err := XYZ(series, [2]float64{})
	if err != nil {
		t.Fatal(err)
	}
	want := []XYZClass{ClassX, ClassX, ClassY, ClassZ, ClassZ, ClassZ}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("XYZ mismatch (-want +got):\n%s", diff)
	}
	abc := []ABCClass{ClassA, ClassA, ClassB, ClassC, ClassC, ClassC}
	table, err := CrossTable(abc, got)
	if err != nil {
		t.Fatal(err)
	}
	if table != [3][3]int{{2, 0, 0}, {0, 1, 0}, {0, 0, 3}} {
		t.Errorf("CrossTable = %v", table)
	}
	if _, err := CrossTable(abc[:2], got); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("CrossTable with other lengths: %v", err)
	}
	if _, err := XYZ([][]float64{{}}, [2]float64{}); !errors.Is(err, ErrNoValues) {
		t.Errorf("XYZ(empty series): %v", err)
	}
	if _, err := XYZ(series, [2]float64{1, 0.5}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("XYZ(decreasing cuts): %v", err)
	}
	if ClassB.String() != "B" || ClassZ.String() != "Z" || ABCClass(5).String() != "ABCClass(5)" {
		t.Error("class names")
	}
}
