package tiering

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// NaturalBreaks returns the k+1 class bounds [min, upper₁, …, upper_k] of
// the natural-breaks classification of values into k classes, as jenkspy
// and R classInt (style = "fisher") report them: upperᵢ is the largest
// value of class i, so the last bound is the maximum. Jenks on
// [5, 8, 9, 12, 15] with k = 3 gives [5, 5, 9, 15]: the classes {5},
// {8, 9} and {12, 15}.
//
// The classification is the exact optimum of one-dimensional k-means — the
// partition of the sorted values into k runs with the least total squared
// deviation from the run means (Fisher 1958, "On grouping for maximum
// homogeneity", JASA 53; Jenks 1967) — by dynamic programming over the
// distinct values with their multiplicities, each row computed by divide and
// conquer on the monotone optimal split (the Monge property of the
// within-class sum of squares; Wang & Song 2011, Ckmeans.1d.dp, The R
// Journal 3(2)): O(k·m·log m) time for m distinct values after an
// O(n log n) sort, and O(k·m) memory. Equal values never fall into different
// classes; among equally good partitions the one whose class boundaries come
// earliest is returned, so the result is deterministic.
//
// Errors wrap [ErrNoValues] (empty input), [ErrNotFinite] (a NaN or
// infinite value, naming its index) and [ErrClasses] (k < 1, or k above the
// number of distinct values). values is not modified. See [ClassifyBreaks]
// for the class of each value and the goodness of variance fit.
func NaturalBreaks(values []float64, k int) ([]float64, error) {
	b, err := classify(values, k)
	if err != nil {
		return nil, wrap(err)
	}
	return b.Bounds, nil
}

// Breaks is a natural-breaks classification (see [ClassifyBreaks]). The zero
// Breaks has no classes.
type Breaks struct {
	// Bounds are [min, upper₁, …, upper_k], as [NaturalBreaks] returns them.
	Bounds []float64
	// Counts holds the number of values in each class.
	Counts []int
	// SDAM is the sum of squared deviations of all values from their mean,
	// SDCM the sum of squared deviations of each class from its own mean.
	SDAM, SDCM float64
}

// ClassifyBreaks is [NaturalBreaks] with the counts per class and the sums
// of squared deviations behind the goodness of variance fit; errors as
// NaturalBreaks.
func ClassifyBreaks(values []float64, k int) (Breaks, error) {
	b, err := classify(values, k)
	return b, wrap(err)
}

// K returns the number of classes.
func (b Breaks) K() int { return max(len(b.Bounds)-1, 0) }

// Class returns the class of v, 0 … K−1: the first class whose upper bound
// is at least v. Values below the minimum belong to class 0 and values
// above the maximum to the last class. It returns −1 for a zero Breaks.
func (b Breaks) Class(v float64) int {
	k := b.K()
	if k == 0 {
		return -1
	}
	i := sort.SearchFloat64s(b.Bounds[1:], v)
	return min(i, k-1)
}

// GVF returns the goodness of variance fit 1 − SDCM/SDAM, in [0, 1]: the
// share of the values' variance that the classes explain (1 when every
// class holds equal values). A set of equal values has no variance to
// explain: its GVF is 1.
func (b Breaks) GVF() float64 {
	if b.SDAM <= 0 {
		return 1
	}
	return min(max(1-b.SDCM/b.SDAM, 0), 1)
}

// BreaksForGVF returns the natural breaks with the fewest classes, at most
// maxK, whose goodness of variance fit reaches target (0.8 is customary):
// the helper that picks k. If no k up to maxK (and the number of distinct
// values) reaches it, the classification with the most classes is returned
// with ok false. Errors are those of [NaturalBreaks], and [ErrClasses] for a
// target outside (0, 1] or maxK < 1.
func BreaksForGVF(values []float64, target float64, maxK int) (b Breaks, ok bool, err error) {
	if !(target > 0 && target <= 1) || maxK < 1 {
		return Breaks{}, false, wrap(fmt.Errorf("gvf target %v, at most %d classes: %w", target, maxK, ErrClasses))
	}
	pts, err := prepare(values)
	if err != nil {
		return Breaks{}, false, wrap(err)
	}
	for k := 1; k <= min(maxK, len(pts.x)); k++ {
		if b, err = pts.breaks(k); err != nil {
			return Breaks{}, false, wrap(err)
		}
		if b.GVF() >= target {
			return b, true, nil
		}
	}
	return b, false, nil
}

// points are the distinct sorted values with their multiplicities, shifted
// by their median for stable sums of squares, and prefix sums of weight,
// weighted value and weighted square.
type points struct {
	x          []float64 // distinct values, ascending
	w          []float64 // their multiplicities
	shift      float64
	cw, c1, c2 []float64 // prefix sums over x − shift, length m+1
}

// prepare validates and sorts the values.
func prepare(values []float64) (points, error) {
	if len(values) == 0 {
		return points{}, ErrNoValues
	}
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return points{}, fmt.Errorf("value %d: %v: %w", i, v, ErrNotFinite)
		}
	}
	s := slices.Clone(values)
	slices.Sort(s)
	var p points
	for i, v := range s {
		if i > 0 && v == s[i-1] {
			p.w[len(p.w)-1]++
			continue
		}
		p.x = append(p.x, v)
		p.w = append(p.w, 1)
	}
	p.shift = s[len(s)/2]
	m := len(p.x)
	p.cw, p.c1, p.c2 = make([]float64, m+1), make([]float64, m+1), make([]float64, m+1)
	for i, v := range p.x {
		d := v - p.shift
		p.cw[i+1] = p.cw[i] + p.w[i]
		p.c1[i+1] = p.c1[i] + p.w[i]*d
		p.c2[i+1] = p.c2[i] + p.w[i]*d*d
	}
	return p, nil
}

// cost returns the weighted sum of squared deviations from their mean of
// the distinct values j … i (inclusive).
func (p *points) cost(j, i int) float64 {
	w := p.cw[i+1] - p.cw[j]
	s := p.c1[i+1] - p.c1[j]
	return max(p.c2[i+1]-p.c2[j]-s*s/w, 0)
}

func classify(values []float64, k int) (Breaks, error) {
	p, err := prepare(values)
	if err != nil {
		return Breaks{}, err
	}
	return p.breaks(k)
}

// breaks runs the dynamic programme for k classes.
func (p *points) breaks(k int) (Breaks, error) {
	m := len(p.x)
	if k < 1 || k > m {
		return Breaks{}, fmt.Errorf("%d classes for %d distinct values: %w", k, m, ErrClasses)
	}
	// prev[i]: least cost of the first i+1 distinct values in q classes;
	// start[q][i]: index of the first value of the last of those classes.
	prev, cur := make([]float64, m), make([]float64, m)
	start := make([][]int32, k)
	for q := range k {
		start[q] = make([]int32, m)
	}
	for i := range m {
		prev[i] = p.cost(0, i)
	}
	for q := 1; q < k; q++ {
		// Row q: i ≥ q (each class needs a value), the last class starts
		// at j in [q, i].
		p.row(prev, cur, start[q], q, q, m-1, q, m-1)
		prev, cur = cur, prev
	}
	// Backtrack the class boundaries.
	b := Breaks{Bounds: make([]float64, k+1), Counts: make([]int, k)}
	b.Bounds[0] = p.x[0]
	end := m - 1
	for q := k - 1; q >= 0; q-- {
		j := 0
		if q > 0 {
			j = int(start[q][end])
		}
		b.Bounds[q+1] = p.x[end]
		b.Counts[q] = int(p.cw[end+1] - p.cw[j])
		b.SDCM += p.cost(j, end)
		end = j - 1
	}
	b.SDAM = p.cost(0, m-1)
	return b, nil
}

// row fills cur[lo … hi] of row q from prev by divide and conquer: the best
// start j of the last class is monotone in i, so the best start for the
// middle i bounds the search on either side.
func (p *points) row(prev, cur []float64, start []int32, q, lo, hi, jlo, jhi int) {
	for lo <= hi {
		mid := lo + (hi-lo)/2
		best, bestJ := math.Inf(1), -1
		for j := max(jlo, q); j <= min(jhi, mid); j++ {
			if c := prev[j-1] + p.cost(j, mid); c < best {
				best, bestJ = c, j
			}
		}
		cur[mid], start[mid] = best, int32(bestJ)
		// Left half recursively (smaller), right half in the loop, so the
		// recursion depth stays O(log m).
		p.row(prev, cur, start, q, lo, mid-1, jlo, bestJ)
		lo, jlo = mid+1, bestJ
	}
}
