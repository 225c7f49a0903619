package clp

import (
	"container/heap"
	"math"
	"slices"
)

// This file holds the robust route of the expectations: the integrals the
// models come from, evaluated by adaptive Gauss–Kronrod quadrature where
// the hypergeometric closed forms lose their digits (integer c − a − b,
// a = 1, a + b = 1, parameters far from one) or cannot be summed in time.

// Gauss–Kronrod 10/21-point rule on [−1, 1]: the Kronrod abscissae from the
// outermost in, the last being 0, with their weights; the Gauss weights of
// the 10-point rule, whose abscissae are the odd-indexed Kronrod ones.
var (
	gkX = [11]float64{
		0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
		0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
		0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
		0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
		0.294392862701460198131126603103866, 0.148874338981631210884826001129720,
		0,
	}
	gkW = [11]float64{
		0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
		0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
		0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
		0.123491976262065851077715496680520, 0.134709217311473325928054001771707,
		0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
		0.149445554002916905664936468389821,
	}
	gaussW = [5]float64{
		0.066671344308688137593568809893332, 0.149451349150580593145776339657697,
		0.219086362515982043995534934228163, 0.269266719309996355091226921569469,
		0.295524224714752870173892994651338,
	}
)

// pair is an integrand's two components, integrated together over the
// same nodes: a weight w and the weighted function w·h.
type pair struct{ w, wh float64 }

// segment is one interval of the adaptive quadrature with its Kronrod
// estimates and their error bounds (|Kronrod − Gauss|, a pessimistic bound
// for the Kronrod value).
type segment struct {
	lo, hi   float64
	val, err pair
	worst    float64 // the larger error relative to the running totals' scale
}

// gk21 applies the Gauss–Kronrod rule to f on [lo, hi].
func gk21(f func(float64) pair, lo, hi float64) (val, err pair) {
	c, h := (lo+hi)/2, (hi-lo)/2
	var k, g pair
	var fv [21]pair
	for i, x := range gkX {
		var s pair
		if x == 0 {
			fv[20] = f(c)
			s = fv[20]
		} else {
			fv[2*i], fv[2*i+1] = f(c-h*x), f(c+h*x)
			s = pair{fv[2*i].w + fv[2*i+1].w, fv[2*i].wh + fv[2*i+1].wh}
		}
		k.w += gkW[i] * s.w
		k.wh += gkW[i] * s.wh
		if i%2 == 1 {
			g.w += gaussW[i/2] * s.w
			g.wh += gaussW[i/2] * s.wh
		}
	}
	// The error estimate of QUADPACK's qk21 (Piessens et al. 1983):
	// |K − G| scaled by the integrand's variation over the interval,
	// resasc = ∫|f − mean f|, as resasc·min(1, (200·|K − G|/resasc)^1.5).
	mean := pair{k.w / 2, k.wh / 2}
	var asc pair
	for i := range fv {
		wi := gkW[10]
		if i < 20 {
			wi = gkW[i/2]
		}
		asc.w += wi * math.Abs(fv[i].w-mean.w)
		asc.wh += wi * math.Abs(fv[i].wh-mean.wh)
	}
	est := func(diff, asc float64) float64 {
		if asc == 0 || diff == 0 {
			return diff
		}
		return asc * math.Min(1, math.Pow(200*diff/asc, 1.5))
	}
	val = pair{k.w * h, k.wh * h}
	err = pair{est(math.Abs(k.w-g.w)*h, asc.w*h), est(math.Abs(k.wh-g.wh)*h, asc.wh*h)}
	return val, err
}

// segments is a max-heap of segments by their error.
type segments []segment

func (s segments) Len() int           { return len(s) }
func (s segments) Less(i, j int) bool { return s[i].worst > s[j].worst }
func (s segments) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func (s *segments) Push(x any)        { *s = append(*s, x.(segment)) }
func (s *segments) Pop() any {
	old := *s
	x := old[len(old)-1]
	*s = old[:len(old)-1]
	return x
}

// quadTol is the relative tolerance of the adaptive quadrature, quadAbs
// its absolute one, and maxSegments its bound on the intervals: past it the integral is
// reported as not converged rather than computed for ever.
const (
	quadTol     = 1e-13
	quadAbs     = 1e-300 // below it an integral counts as zero
	maxSegments = 2000
)

// integratePair integrates f's two components over the intervals between
// consecutive breakpoints (sorted, at least two), bisecting the interval
// with the largest error until both totals meet quadTol or maxSegments is
// reached (ok false).
func integratePair(f func(float64) pair, breaks []float64) (total pair, ok bool) {
	return integrateTol(f, breaks, quadTol)
}

// integrateTol is [integratePair] at the relative tolerance tol.
func integrateTol(f func(float64) pair, breaks []float64, tol float64) (total pair, ok bool) {
	var h segments
	var errSum pair
	for i := 1; i < len(breaks); i++ {
		if !(breaks[i] > breaks[i-1]) {
			continue
		}
		v, e := gk21(f, breaks[i-1], breaks[i])
		h = append(h, segment{lo: breaks[i-1], hi: breaks[i], val: v, err: e})
		total.w, total.wh = total.w+v.w, total.wh+v.wh
		errSum.w, errSum.wh = errSum.w+e.w, errSum.wh+e.wh
	}
	rank := func(s *segment) {
		s.worst = max(s.err.w/math.Max(math.Abs(total.w), math.SmallestNonzeroFloat64),
			s.err.wh/math.Max(math.Abs(total.wh), math.SmallestNonzeroFloat64))
	}
	for i := range h {
		rank(&h[i])
	}
	heap.Init(&h)
	for range maxSegments {
		if !(errSum.w <= max(tol*math.Abs(total.w), quadAbs)) || !(errSum.wh <= max(tol*math.Abs(total.wh), quadAbs)) {
			if len(h) == 0 || math.IsNaN(total.w+total.wh) || math.IsInf(total.w+total.wh, 0) {
				return total, false
			}
			s := heap.Pop(&h).(segment)
			mid := (s.lo + s.hi) / 2
			if !(mid > s.lo && mid < s.hi) { // the interval cannot be split further
				return total, false
			}
			v1, e1 := gk21(f, s.lo, mid)
			v2, e2 := gk21(f, mid, s.hi)
			total.w += v1.w + v2.w - s.val.w
			total.wh += v1.wh + v2.wh - s.val.wh
			errSum.w += e1.w + e2.w - s.err.w
			errSum.wh += e1.wh + e2.wh - s.err.wh
			for _, n := range []segment{{lo: s.lo, hi: mid, val: v1, err: e1}, {lo: mid, hi: s.hi, val: v2, err: e2}} {
				rank(&n)
				heap.Push(&h, n)
			}
			continue
		}
		// Re-add the totals from the segments to shed the rounding of the
		// running updates.
		total = pair{}
		for _, s := range h {
			total.w += s.val.w
			total.wh += s.val.wh
		}
		return total, true
	}
	return total, false
}

// betaMean returns E[h(P)] for P ~ Beta(a, b) with a, b > 0 and h bounded
// on [0, 1] (h(0) and h(1) their limits): ∫ pᵃ⁻¹(1−p)ᵇ⁻¹h(p) dp divided by
// ∫ pᵃ⁻¹(1−p)ᵇ⁻¹ dp, both by adaptive Gauss–Kronrod quadrature over the same
// nodes, so the normalising constant B(a, b) cancels instead of being
// computed. An endpoint where the density is infinite (a < 1 or b < 1) is
// removed by substituting u = pᵃ (or v = (1−p)ᵇ), which absorbs the
// singular factor. scales are places in (0, 1) where h changes fast; they
// and the density's mode ± several standard deviations become breakpoints.
// ok is false when the quadrature did not meet its tolerance of 1e-13.
//
// A density with a > b ≥ 1, whose mass lies towards one and which the
// right side integrates in p itself, is integrated as its mirror image,
// Beta(b, a) in q = 1 − p with h(1 − q): doubles near one are 1.1e-16
// apart, so for a ≫ b (a of 10¹⁰ beside b of 10) the density's width there
// was a few hundred of them and the quadrature bisected to its bound of
// segments without converging, 17 ms a call; near zero q keeps its digits.
// (With b < 1 the right side is already integrated in 1 − p.)
func betaMean(a, b float64, h func(p float64) float64, scales ...float64) (float64, bool) {
	if a > b && b >= 1 {
		mirrored := make([]float64, 0, len(scales))
		for _, s := range scales {
			mirrored = append(mirrored, 1-s)
		}
		return betaMean(b, a, func(q float64) float64 { return h(1 - q) }, mirrored...)
	}
	mean := a / (a + b)
	sd := math.Sqrt(mean * (1 - mean) / (a + b + 1))
	centre := mean
	if a > 1 && b > 1 {
		centre = (a - 1) / (a + b - 2)
	}
	ps := append([]float64{centre, mean}, scales...)
	for _, k := range []float64{2, 8, 32} {
		ps = append(ps, centre-k*sd, centre+k*sd)
	}
	// The log-density at the centre, subtracted so the weights stay in
	// range for parameters far above one.
	// For a, b ≥ 1 the density is taken relative to its value at the
	// centre, (p/c)ᵃ⁻¹((1−p)/(1−c))ᵇ⁻¹, each ratio through log1p of a small
	// difference, so that exponents of a million keep their digits.
	// A factor whose exponent is zero is left out (0·ln 0 would be NaN).
	// When a side is substituted, the other is taken as it is (c = 1, 0).
	lw := func(p float64) float64 {
		var l float64
		if a != 1 {
			l += (a - 1) * math.Log(p)
		}
		if b != 1 {
			l += (b - 1) * math.Log1p(-p)
		}
		return l
	}
	if c := centre; a >= 1 && b >= 1 && c > 0 && c < 1 {
		lw = func(p float64) float64 {
			var l float64
			if a != 1 {
				l += (a - 1) * math.Log1p((p-c)/c)
			}
			if b != 1 {
				l += (b - 1) * math.Log1p((c-p)/(1-c))
			}
			return l
		}
	}
	// Each side of the split has at most one singular end; a side whose
	// end is regular keeps p as its variable, so that p near that end
	// stays exact.
	split := 0.5
	if a >= 1 && b >= 1 {
		split = centre
	}
	// plain integrates the density as it is over [lo, hi], an end where
	// its exponent is zero taken at its limit.
	plain := func(lo, hi float64) (pair, bool) {
		f := func(p float64) pair {
			switch {
			case p <= 0 && a != 1, p >= 1 && b != 1:
				return pair{}
			case p <= 0:
				p = 0
			case p >= 1:
				p = 1
			}
			w := math.Exp(lw(p))
			return pair{w, w * h(p)}
		}
		var breaks []float64
		for _, p := range ps {
			if p > lo && p < hi {
				breaks = append(breaks, p)
			}
		}
		return integratePair(f, sortedBreaks(lo, hi, breaks))
	}
	// substituted integrates qᵉ⁻¹(1−q)ᵒᵗʰᵉʳ⁻¹·g(q) over q ∈ (0, qmax] as
	// (1/e)·∫(1−q)ᵒᵗʰᵉʳ⁻¹·g(q) du with u = qᵉ, which absorbs the singular
	// factor; q is p on the left of the split (e = a) and 1 − p on the
	// right (e = b); qs are the breakpoints in q.
	substituted := func(e, other, qmax float64, g func(q float64) float64, qs []float64) (pair, bool) {
		f := func(u float64) pair {
			q := math.Pow(u, 1/e)
			w := math.Exp((other-1)*math.Log1p(-q)) / e
			return pair{w, w * g(q)}
		}
		breaks := make([]float64, 0, len(qs))
		for _, q := range qs {
			breaks = append(breaks, math.Pow(q, e))
		}
		return integratePair(f, sortedBreaks(0, math.Pow(qmax, e), breaks))
	}
	var left, right pair
	var okL, okR bool
	if a < 1 {
		var qs []float64
		for _, p := range ps {
			if p > 0 && p < split {
				qs = append(qs, p)
			}
		}
		left, okL = substituted(a, b, split, h, qs)
	} else {
		left, okL = plain(0, split)
	}
	if b < 1 {
		var qs []float64
		for _, p := range ps {
			if p > split && p < 1 {
				qs = append(qs, 1-p)
			}
		}
		right, okR = substituted(b, a, 1-split, func(q float64) float64 { return h(1 - q) }, qs)
	} else {
		right, okR = plain(split, 1)
	}
	if !okL || !okR {
		return math.NaN(), false
	}
	sum := pair{left.w + right.w, left.wh + right.wh}
	if !(sum.w > 0) || math.IsInf(sum.w, 0) || math.IsNaN(sum.wh) || math.IsInf(sum.wh, 0) {
		return math.NaN(), false
	}
	return sum.wh / sum.w, true
}

// sortedBreaks returns lo, the breakpoints strictly inside (lo, hi) in
// order without duplicates, and hi.
func sortedBreaks(lo, hi float64, inner []float64) []float64 {
	out := []float64{lo}
	for _, x := range inner {
		if x > lo && x < hi {
			out = append(out, x)
		}
	}
	out = append(out, hi)
	slices.Sort(out)
	return slices.Compact(out)
}
