package tiering

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// KMeansOptions configures [KMeans]. The zero KMeansOptions has no random
// source and no k, which is an error.
type KMeansOptions struct {
	// K is the number of clusters, 1 … the number of points.
	K int
	// Restarts is the number of k-means++ seedings tried, the best kept;
	// zero means 10.
	Restarts int
	// MaxIterations bounds Lloyd's iterations per restart; zero means 100.
	MaxIterations int
	// Src is the only source of randomness (the seeding); required, so
	// that a result is reproducible.
	Src rand.Source
}

// KMeansResult is a clustering. The zero KMeansResult has no clusters.
type KMeansResult struct {
	// Labels holds each point's cluster, 0 … K−1.
	Labels []int
	// Centers are the cluster means, in the features' own units.
	Centers [][]float64
	// WithinSS is the total squared distance of the points to their
	// centers, in standardised units (each feature scaled to unit variance).
	WithinSS float64
	// Iterations is the number of Lloyd iterations of the kept restart, and
	// Converged whether its assignment stopped changing within the bound.
	Iterations int
	Converged  bool
}

// KMeans clusters customers described by several features (points[i] is
// customer i's feature vector: profit, growth, share of wallet …). Features
// are standardised first (mean 0, variance 1; a constant feature is left at
// 0), so that no unit dominates. Seeding is k-means++ (Arthur & Vassilvitskii
// 2007) from opt.Src, followed by Lloyd's iterations; of opt.Restarts runs,
// the one with the least within-cluster sum of squares is returned. The
// result depends only on the inputs and the random source.
//
// Errors wrap [ErrNoValues], [ErrNotFinite], [ErrClasses] (k outside 1 … n)
// or [ErrInvalidOption] (no random source, rows of different lengths, a
// negative restart or iteration count). points is not modified.
func KMeans(points [][]float64, opt KMeansOptions) (KMeansResult, error) {
	r, err := kmeans(points, opt)
	return r, wrap(err)
}

func kmeans(points [][]float64, opt KMeansOptions) (KMeansResult, error) {
	z, mean, sd, err := standardise(points)
	if err != nil {
		return KMeansResult{}, err
	}
	n := len(z)
	if opt.K < 1 || opt.K > n {
		return KMeansResult{}, fmt.Errorf("kmeans: k = %d for %d points: %w", opt.K, n, ErrClasses)
	}
	if opt.Src == nil {
		return KMeansResult{}, fmt.Errorf("kmeans: no random source: %w", ErrInvalidOption)
	}
	if opt.Restarts < 0 || opt.MaxIterations < 0 {
		return KMeansResult{}, fmt.Errorf("kmeans: restarts %d, iterations %d: %w", opt.Restarts, opt.MaxIterations, ErrInvalidOption)
	}
	restarts, maxIter := opt.Restarts, opt.MaxIterations
	if restarts == 0 {
		restarts = 10
	}
	if maxIter == 0 {
		maxIter = 100
	}
	rng := rand.New(opt.Src)
	var best KMeansResult
	best.WithinSS = math.Inf(1)
	var bestCenters [][]float64
	for range restarts {
		centers := seed(z, opt.K, rng)
		labels := make([]int, n)
		for i := range labels {
			labels[i] = -1
		}
		iter, converged := 0, false
		for iter < maxIter {
			iter++
			changed := false
			for i, p := range z {
				c := nearest(p, centers)
				if c != labels[i] {
					labels[i], changed = c, true
				}
			}
			recenter(z, labels, centers)
			if !changed {
				converged = true
				break
			}
		}
		var wss float64
		for i, p := range z {
			wss += dist2(p, centers[labels[i]])
		}
		if wss < best.WithinSS {
			best = KMeansResult{Labels: labels, WithinSS: wss, Iterations: iter, Converged: converged}
			bestCenters = centers
		}
	}
	best.Centers = make([][]float64, len(bestCenters))
	for k, c := range bestCenters {
		best.Centers[k] = make([]float64, len(c))
		for j, v := range c {
			best.Centers[k][j] = mean[j] + v*sd[j]
		}
	}
	return best, nil
}

// standardise validates the points and returns them scaled to mean 0 and
// variance 1 per feature, with the means and standard deviations (1 for a
// constant feature).
func standardise(points [][]float64) (z [][]float64, mean, sd []float64, err error) {
	if len(points) == 0 || len(points[0]) == 0 {
		return nil, nil, nil, fmt.Errorf("kmeans: %w", ErrNoValues)
	}
	d := len(points[0])
	mean, sd = make([]float64, d), make([]float64, d)
	for i, p := range points {
		if len(p) != d {
			return nil, nil, nil, fmt.Errorf("kmeans: point %d has %d features, want %d: %w", i, len(p), d, ErrInvalidOption)
		}
		for j, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, nil, nil, fmt.Errorf("kmeans: point %d, feature %d: %v: %w", i, j+1, v, ErrNotFinite)
			}
			mean[j] += v
		}
	}
	n := float64(len(points))
	for j := range mean {
		mean[j] /= n
	}
	for _, p := range points {
		for j, v := range p {
			sd[j] += (v - mean[j]) * (v - mean[j])
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j] / n)
		if !(sd[j] > 0) || math.IsInf(sd[j], 0) {
			sd[j] = 1
		}
	}
	z = make([][]float64, len(points))
	for i, p := range points {
		z[i] = make([]float64, d)
		for j, v := range p {
			z[i][j] = (v - mean[j]) / sd[j]
		}
	}
	return z, mean, sd, nil
}

// seed picks k centers by k-means++: the first uniformly, each next with
// probability proportional to the squared distance to the nearest chosen.
func seed(z [][]float64, k int, rng *rand.Rand) [][]float64 {
	centers := [][]float64{append([]float64(nil), z[rng.IntN(len(z))]...)}
	d2 := make([]float64, len(z))
	for i, p := range z {
		d2[i] = dist2(p, centers[0])
	}
	for len(centers) < k {
		var total float64
		for _, v := range d2 {
			total += v
		}
		pick := 0
		if total > 0 {
			u := rng.Float64() * total
			for pick < len(z)-1 && u >= d2[pick] {
				u -= d2[pick]
				pick++
			}
		} else {
			pick = rng.IntN(len(z)) // every point is a center already
		}
		c := append([]float64(nil), z[pick]...)
		centers = append(centers, c)
		for i, p := range z {
			d2[i] = min(d2[i], dist2(p, c))
		}
	}
	return centers
}

// nearest returns the index of the center nearest to p (the first on ties).
func nearest(p []float64, centers [][]float64) int {
	best, bi := math.Inf(1), 0
	for k, c := range centers {
		if d := dist2(p, c); d < best {
			best, bi = d, k
		}
	}
	return bi
}

// recenter moves every center to the mean of its points; an empty cluster
// keeps its center.
func recenter(z [][]float64, labels []int, centers [][]float64) {
	counts := make([]int, len(centers))
	sums := make([][]float64, len(centers))
	for k := range sums {
		sums[k] = make([]float64, len(centers[k]))
	}
	for i, p := range z {
		counts[labels[i]]++
		for j, v := range p {
			sums[labels[i]][j] += v
		}
	}
	for k := range centers {
		if counts[k] == 0 {
			continue
		}
		for j := range centers[k] {
			centers[k][j] = sums[k][j] / float64(counts[k])
		}
	}
}

func dist2(a, b []float64) float64 {
	var s float64
	for j := range a {
		d := a[j] - b[j]
		s += d * d
	}
	return s
}

// maxSilhouettePoints bounds [Silhouette], which is quadratic in the points.
const maxSilhouettePoints = 20_000

// Silhouette returns the mean silhouette width of a clustering of the
// standardised points (Rousseeuw 1987): for each point, (b − a)/max(a, b)
// with a its mean distance to its own cluster and b the least mean distance
// to another cluster; a point alone in its cluster scores 0. It is in
// [−1, 1], higher is better. It takes O(n²) time and is refused beyond
// 20,000 points ([ErrInvalidOption]), as it is for fewer than two clusters or
// labels of another length; other errors are those of [KMeans].
func Silhouette(points [][]float64, labels []int) (float64, error) {
	z, _, _, err := standardise(points)
	if err != nil {
		return 0, wrap(err)
	}
	n := len(z)
	if len(labels) != n || n > maxSilhouettePoints {
		return 0, wrap(fmt.Errorf("silhouette: %d labels for %d points (at most %d): %w", len(labels), n, maxSilhouettePoints, ErrInvalidOption))
	}
	k := 0
	for _, l := range labels {
		if l < 0 {
			return 0, wrap(fmt.Errorf("silhouette: label %d: %w", l, ErrInvalidOption))
		}
		k = max(k, l+1)
	}
	size := make([]int, k)
	for _, l := range labels {
		size[l]++
	}
	clusters := 0
	for _, s := range size {
		if s > 0 {
			clusters++
		}
	}
	if clusters < 2 {
		return 0, wrap(fmt.Errorf("silhouette: %d clusters: %w", clusters, ErrInvalidOption))
	}
	var total float64
	sum := make([]float64, k)
	for i, p := range z {
		clear(sum)
		for j, q := range z {
			if i != j {
				sum[labels[j]] += math.Sqrt(dist2(p, q))
			}
		}
		own := labels[i]
		if size[own] == 1 {
			continue // s = 0
		}
		a := sum[own] / float64(size[own]-1)
		b := math.Inf(1)
		for c := range k {
			if c != own && size[c] > 0 {
				b = min(b, sum[c]/float64(size[c]))
			}
		}
		if m := max(a, b); m > 0 {
			total += (b - a) / m
		}
	}
	return total / float64(n), nil
}

// Elbow returns the within-cluster sum of squares of [KMeans] for k = 1 …
// maxK (index k−1), the table from which the "elbow" is read; errors as
// KMeans.
func Elbow(points [][]float64, maxK int, opt KMeansOptions) ([]float64, error) {
	if maxK < 1 || maxK > len(points) {
		return nil, wrap(fmt.Errorf("elbow: up to %d clusters for %d points: %w", maxK, len(points), ErrClasses))
	}
	out := make([]float64, maxK)
	for k := 1; k <= maxK; k++ {
		opt.K = k
		r, err := kmeans(points, opt)
		if err != nil {
			return nil, wrap(err)
		}
		out[k-1] = r.WithinSS
	}
	return out, nil
}
