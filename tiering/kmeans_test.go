package tiering

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// threeBlobs returns n points around three well-separated centers and the
// true cluster of each.
func threeBlobs(n int, r *rand.Rand) ([][]float64, []int) {
	centers := [][]float64{{0, 0}, {100, 5}, {0, 50}}
	pts := make([][]float64, n)
	truth := make([]int, n)
	for i := range pts {
		c := i % 3
		pts[i] = []float64{centers[c][0] + r.NormFloat64(), centers[c][1] + r.NormFloat64()*0.5}
		truth[i] = c
	}
	return pts, truth
}

func TestKMeansFindsBlobs(t *testing.T) {
	pts, truth := threeBlobs(300, rand.New(rand.NewPCG(1, 1)))
	res, err := KMeans(pts, KMeansOptions{K: 3, Src: rand.NewPCG(2, 2)})
	if err != nil {
		t.Fatal(err)
	}
	// The clustering equals the truth up to a renaming of the clusters.
	name := map[int]int{}
	for i, l := range res.Labels {
		if m, ok := name[truth[i]]; ok && m != l {
			t.Fatalf("point %d: cluster %d, its blob is cluster %d", i, l, m)
		}
		name[truth[i]] = l
	}
	if len(name) != 3 || !res.Converged {
		t.Errorf("clusters %v, converged %v", name, res.Converged)
	}
	if c := res.Centers[res.Labels[1]]; math.Abs(c[0]-100) > 1 || math.Abs(c[1]-5) > 1 {
		t.Errorf("center of the second blob %v, want about (100, 5)", c)
	}
	again, _ := KMeans(pts, KMeansOptions{K: 3, Src: rand.NewPCG(2, 2)})
	if again.WithinSS != res.WithinSS {
		t.Error("same source, different result")
	}
	s, err := Silhouette(pts, res.Labels)
	if err != nil || s < 0.8 {
		t.Errorf("silhouette %v, %v; want above 0.8 for separated blobs", s, err)
	}
	elbow, err := Elbow(pts, 5, KMeansOptions{Src: rand.NewPCG(3, 3)})
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k < len(elbow); k++ {
		if elbow[k] > elbow[k-1]+1e-9 {
			t.Errorf("within SS rises from k=%d to %d: %v", k, k+1, elbow)
		}
	}
	if elbow[2] > elbow[1]/10 {
		t.Errorf("no elbow at 3: %v", elbow)
	}
}

func TestKMeansErrors(t *testing.T) {
	pts := [][]float64{{1, 2}, {3, 4}}
	src := rand.NewPCG(1, 1)
	tests := []struct {
		name string
		pts  [][]float64
		opt  KMeansOptions
		want error
	}{
		{"no points", nil, KMeansOptions{K: 1, Src: src}, ErrNoValues},
		{"k too large", pts, KMeansOptions{K: 3, Src: src}, ErrClasses},
		{"no source", pts, KMeansOptions{K: 1}, ErrInvalidOption},
		{"ragged", [][]float64{{1, 2}, {3}}, KMeansOptions{K: 1, Src: src}, ErrInvalidOption},
		{"NaN", [][]float64{{1, math.NaN()}}, KMeansOptions{K: 1, Src: src}, ErrNotFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := KMeans(tt.pts, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("KMeans error = %v, want %v", err, tt.want)
			}
		})
	}
	if _, err := Silhouette(pts, []int{0, 0}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("Silhouette with one cluster: %v", err)
	}
	// Identical points: every center coincides, nothing divides by zero.
	same := [][]float64{{5, 5}, {5, 5}, {5, 5}}
	if r, err := KMeans(same, KMeansOptions{K: 2, Src: src}); err != nil || r.WithinSS != 0 {
		t.Errorf("KMeans of identical points = %+v, %v", r, err)
	}
}
