package tiering

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestNaturalBreaksPublished(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		k      int
		want   []float64
	}{
		// The example: classes {5}, {8, 9}, {12, 15}.
		{"jenks five values", []float64{5, 8, 9, 12, 15}, 3, []float64{5, 5, 9, 15}},
		// jenkspy's README example.
		{"jenkspy readme", []float64{1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3}, 3, []float64{1.2, 2.3, 5.0, 7.8}},
		{"one class", []float64{3, 1, 2}, 1, []float64{1, 3}},
		{"as many classes as values", []float64{3, 1, 2}, 3, []float64{1, 1, 2, 3}},
		{"ties stay together", []float64{1, 1, 1, 2, 9, 9, 10}, 2, []float64{1, 2, 10}},
		{"negative profits", []float64{-500, -20, 10, 15, 4000, 4200}, 3, []float64{-500, -500, 15, 4200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.values)
			got, err := NaturalBreaks(tt.values, tt.k)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NaturalBreaks(%v, %d) mismatch (-want +got):\n%s", tt.values, tt.k, diff)
			}
			if !slices.Equal(in, tt.values) {
				t.Errorf("NaturalBreaks modified its input")
			}
		})
	}
}

// jenks71 is the data of Jenks (1971) that R's classInt documents
// classIntervals with (spData::jenks71).
var jenks71 = []float64{
	50.12, 83.90, 76.43, 71.61, 79.66, 84.84, 87.87, 92.45, 119.90, 155.30, 131.50, 111.80, 96.78, 86.75, 62.41,
	96.37, 75.51, 77.29, 85.41, 116.40, 58.50, 75.29, 66.32, 62.65, 80.45, 72.76, 63.67, 60.27, 68.45, 100.10,
	55.30, 54.07, 57.49, 73.52, 68.25, 64.28, 50.64, 52.47, 68.19, 57.40, 39.72, 60.66, 57.59, 38.22, 57.22,
	67.04, 47.29, 71.05, 50.53, 34.63, 59.65, 62.06, 52.89, 56.35, 57.26, 53.77, 59.89, 55.44, 45.40, 52.21,
	49.38, 51.15, 54.27, 54.32, 41.20, 34.58, 50.11, 52.05, 33.82, 39.88, 36.24, 41.02, 46.13, 51.15, 32.28,
	33.26, 31.78, 31.28, 50.52, 47.21, 32.69, 38.30, 33.83, 40.30, 40.62, 32.14, 31.66, 26.09, 39.84, 24.83,
	28.20, 31.19, 37.57, 27.16, 23.42, 18.57, 30.97, 17.82, 15.57, 15.93, 28.71, 32.22,
}

// TestNaturalBreaksClassInt checks classInt's documented example,
// classIntervals(jenks71$jenks71, n = 5, style = "fisher"), whose breaks
// (classInt 0.4, R 4.2) are 15.57, 43.30, 61.36, 78.475, 105.95, 155.30:
// classInt reports each inner break halfway between a class's greatest
// value and the next class's least.
func TestNaturalBreaksClassInt(t *testing.T) {
	got, err := NaturalBreaks(jenks71, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{15.57, 15.57, 15.57, 15.57, 15.57, 15.57}
	sorted := slices.Sorted(slices.Values(jenks71))
	// The greatest value below each classInt break.
	for k, brk := range []float64{43.30, 61.36, 78.475, 105.95, 155.30} {
		i, _ := slices.BinarySearch(sorted, brk+1e-9)
		want[k+1] = sorted[i-1]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("upper bounds mismatch (-want +got):\n%s", diff)
	}
	mids := midpoints(jenks71, got)
	if diff := cmp.Diff([]float64{15.57, 43.30, 61.36, 78.475, 105.95, 155.30}, mids, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("classInt breaks mismatch (-want +got):\n%s", diff)
	}
}

func TestNaturalBreaksErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		k      int
		want   error
	}{
		{"empty", nil, 1, ErrNoValues},
		{"NaN", []float64{1, math.NaN()}, 1, ErrNotFinite},
		{"infinite", []float64{math.Inf(-1), 1}, 1, ErrNotFinite},
		{"zero classes", []float64{1, 2}, 0, ErrClasses},
		{"more classes than distinct values", []float64{1, 1, 2}, 3, ErrClasses},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NaturalBreaks(tt.values, tt.k)
			if !errors.Is(err, tt.want) || err.Error()[:9] != "tiering: " {
				t.Errorf("NaturalBreaks(%v, %d) error = %v, want %v with the prefix", tt.values, tt.k, err, tt.want)
			}
		})
	}
}

// bruteForce returns the least within-class sum of squares over every
// partition of the sorted distinct values into k runs (equal values kept
// together).
func bruteForce(values []float64, k int) float64 {
	p, _ := prepare(values)
	m := len(p.x)
	best := math.Inf(1)
	var rec func(start, left int, acc float64)
	rec = func(start, left int, acc float64) {
		if left == 1 {
			best = min(best, acc+p.cost(start, m-1))
			return
		}
		for end := start; end <= m-left; end++ {
			rec(end+1, left-1, acc+p.cost(start, end))
		}
	}
	rec(0, k, 0)
	return best
}

// TestNaturalBreaksOptimal checks the dynamic programme against a
// brute-force search on small inputs with ties, and the invariants of
// every classification.
func TestNaturalBreaksOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 3000 {
		n := 1 + r.IntN(10)
		values := make([]float64, n)
		for i := range values {
			values[i] = float64(r.IntN(12)) * []float64{1, 0.5, 1e6, -3}[trial%4]
		}
		p, _ := prepare(values)
		for k := 1; k <= len(p.x); k++ {
			b, err := ClassifyBreaks(values, k)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForce(values, k)
			if math.Abs(b.SDCM-want) > 1e-9*max(1, want) {
				t.Fatalf("values %v k %d: SDCM %v, brute force %v", values, k, b.SDCM, want)
			}
			if !slices.IsSorted(b.Bounds) || b.Bounds[0] != p.x[0] || b.Bounds[k] != p.x[len(p.x)-1] {
				t.Fatalf("values %v k %d: bounds %v", values, k, b.Bounds)
			}
			counts := make([]int, k)
			for _, v := range values {
				counts[b.Class(v)]++
			}
			if !slices.Equal(counts, b.Counts) {
				t.Fatalf("values %v k %d: Class gives counts %v, Counts %v", values, k, counts, b.Counts)
			}
			for _, c := range b.Counts {
				if c == 0 {
					t.Fatalf("values %v k %d: an empty class: %v", values, k, b.Counts)
				}
			}
			if g := b.GVF(); g < 0 || g > 1 || math.IsNaN(g) {
				t.Fatalf("GVF %v", g)
			}
		}
	}
}

func TestBreaksForGVF(t *testing.T) {
	values := []float64{1, 2, 3, 10, 11, 12, 50, 51, 52, 200}
	b, ok, err := BreaksForGVF(values, 0.95, 6)
	if err != nil || !ok {
		t.Fatalf("BreaksForGVF = %v, %v", ok, err)
	}
	prev, _ := ClassifyBreaks(values, b.K()-1)
	if b.GVF() < 0.95 || prev.GVF() >= 0.95 {
		t.Errorf("k = %d with GVF %.4f; k − 1 has %.4f", b.K(), b.GVF(), prev.GVF())
	}
	if _, ok, _ := BreaksForGVF([]float64{1, 2, 3}, 1, 2); ok {
		t.Error("GVF 1 with 2 classes of 3 distinct values reported reached")
	}
	if _, _, err := BreaksForGVF(values, 1.5, 3); !errors.Is(err, ErrClasses) {
		t.Errorf("target 1.5: error = %v, want ErrClasses", err)
	}
}

func TestBreaksZeroValue(t *testing.T) {
	var b Breaks
	if b.K() != 0 || b.Class(3) != -1 || b.GVF() != 1 {
		t.Errorf("zero Breaks: K %d, Class %d, GVF %v", b.K(), b.Class(3), b.GVF())
	}
}

func FuzzNaturalBreaks(f *testing.F) {
	f.Add([]byte{5, 8, 9, 12, 15}, uint8(3))
	f.Add([]byte{1, 1, 1, 2}, uint8(2))
	f.Add([]byte{200, 0, 7}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, k uint8) {
		values := make([]float64, len(data))
		for i, d := range data {
			values[i] = float64(int(d)-128) * 1.25
		}
		b, err := ClassifyBreaks(values, int(k%8))
		if err != nil {
			if !errors.Is(err, ErrNoValues) && !errors.Is(err, ErrClasses) {
				t.Fatalf("error %v", err)
			}
			return
		}
		if len(values) <= 9 {
			if want := bruteForce(values, b.K()); math.Abs(b.SDCM-want) > 1e-9*max(1, want) {
				t.Fatalf("SDCM %v, brute force %v", b.SDCM, want)
			}
		}
		total := 0
		for _, c := range b.Counts {
			total += c
		}
		if total != len(values) || !slices.IsSorted(b.Bounds) {
			t.Fatalf("counts %v bounds %v for %d values", b.Counts, b.Bounds, len(values))
		}
	})
}
