package clp

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// GammaGamma is the spend model of Fader, Hardie & Lee (2005), "RFM and
// CLV: using iso-value curves for customer base analysis", Journal of
// Marketing Research 42(4), after Colombo & Jiang (1999): a customer's
// transaction values are Gamma(P, ν), with mean P/ν, and ν ~ Gamma(Q, Gamma)
// across customers; spend is assumed independent of the purchase process.
// Money is in the currency of the spend data.
type GammaGamma struct{ P, Q, Gamma float64 }

// ggLL returns the log-likelihood of one repeat buyer with x repeat
// transactions of mean value m:
// ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x −
// (px+q) ln(γ + m·x).
func ggLL(p, q, g, x, m float64) float64 {
	px := p * x
	return lgamma(px+q) - lgamma(px) - lgamma(q) + q*math.Log(g) + (px-1)*math.Log(m) + px*math.Log(x) - (px+q)*math.Log(g+m*x)
}

// ggData is a Gamma-Gamma fit's repeat buyers arranged for its passes: the
// per-customer columns the pass still needs (weight w, count x and total
// spend m·x), the runs of equal x (the summaries come sorted by x, and
// counts repeat: a hundred thousand buyers have a few dozen distinct x), and
// the sums that do not depend on θ.
type ggData struct {
	cs   []ggBuyer
	runs []ggRun
	// w = Σ w, a = Σ w·x·(ln m + ln x), b = Σ w·ln m.
	w, a, b float64
}

// ggBuyer is one merged repeat buyer of a [ggData].
type ggBuyer struct{ w, x, mx float64 }

// ggRun is the count x shared by a run of buyers and their total weight.
type ggRun struct{ x, w float64 }

// newGGData arranges ws, sorted by X as [compress] returns them (any order
// is correct; sorted, equal counts share their Γ and ψ terms).
func newGGData(ws []weighted) *ggData {
	d := &ggData{cs: make([]ggBuyer, len(ws))}
	for i, w := range ws {
		x, m := w.c.X, w.c.Tx
		d.cs[i] = ggBuyer{w.w, x, m * x}
		d.w += w.w
		d.a += w.w * x * (math.Log(m) + math.Log(x))
		d.b += w.w * math.Log(m)
		if n := len(d.runs); n > 0 && d.runs[n-1].x == x {
			d.runs[n-1].w += w.w
		} else {
			d.runs = append(d.runs, ggRun{x, w.w})
		}
	}
	return d
}

// pass returns the weighted log-likelihood Σ w·ggLL of the repeat buyers at
// θ = (p, q, γ) and, when grad is not nil, adds its gradient:
//
//	∂/∂p = x·[ψ(px+q) − ψ(px) + ln m + ln x − ln(γ+mx)]
//	∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+mx)
//	∂/∂γ = q/γ − (px+q)/(γ+mx),
//
// summed term by term: Γ and ψ once per distinct x, ln m and ln x once per
// fit, so that each buyer costs one logarithm, ln(γ+mx), and one division
// per pass (one logarithm, two ln Γ and two ψ each before: 5× the time).
func (d *ggData) pass(th, grad []float64) float64 {
	p, q, g := th[0], th[1], th[2]
	lng := math.Log(g)
	// s = Σ w·ln(γ+mx), Σ w·x·ln(γ+mx), Σ w·x/(γ+mx), Σ w/(γ+mx).
	var s [4]float64
	k := 2
	if grad != nil {
		k = 4
	}
	parallelSums(len(d.cs), k, s[:k], func(lo, hi int, acc []float64) {
		var l, xl, xr, r float64
		for _, c := range d.cs[lo:hi] {
			v := g + c.mx
			lv := c.w * math.Log(v)
			l += lv
			xl += c.x * lv
			if grad != nil {
				wr := c.w / v
				r += wr
				xr += c.x * wr
			}
		}
		acc[0], acc[1] = l, xl
		if grad != nil {
			acc[2], acc[3] = xr, r
		}
	})
	ll := q*(d.w*lng-s[0]) + p*(d.a-s[1]) - d.b - d.w*lgamma(q)
	var gp, gq float64
	for _, r := range d.runs {
		px := p * r.x
		ll += r.w * (lgamma(px+q) - lgamma(px))
		if grad != nil {
			dq := mathext.Digamma(px + q)
			gp += r.w * r.x * (dq - mathext.Digamma(px))
			gq += r.w * dq
		}
	}
	if grad != nil {
		grad[0] += gp + d.a - s[1]
		grad[1] += gq + d.w*(lng-mathext.Digamma(q)) - s[0]
		grad[2] += d.w*q/g - (p*s[2] + q*s[3])
	}
	return ll
}

// checkSpend validates the inputs of the Gamma-Gamma model: x a positive
// whole number and a positive finite mean spend.
func checkSpend(i int, x, m float64) error {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(m) || math.IsInf(m, 0):
		return fmt.Errorf("customer %d: x %v, mean spend %v: %w", i, x, m, ErrNotFinite)
	case x < 1 || x != math.Trunc(x):
		return fmt.Errorf("customer %d: %v repeat transactions; the model takes repeat buyers (x ≥ 1): %w", i, x, ErrInvalidData)
	case m <= 0:
		return fmt.Errorf("customer %d: mean spend %v: %w", i, m, ErrInvalidData)
	}
	return nil
}

// FitGammaGamma fits the model by maximum likelihood to repeat buyers: x[i]
// repeat transactions with mean value meanSpend[i] (the mean of the repeat
// transactions, the first excluded, as in BTYD and lifetimes). Errors name
// the customer and wrap [ErrInvalidData] (lengths differ, x not a positive
// whole number, spend not positive), [ErrNotFinite] or [ErrNoConvergence].
func FitGammaGamma(x, meanSpend []float64, opt *FitOptions) (_ GammaGamma, err error) {
	defer wrapErr(&err)
	o := opt.get()
	if len(x) != len(meanSpend) || len(x) == 0 {
		return GammaGamma{}, fmt.Errorf("gamma-gamma: %d counts, %d spends: %w", len(x), len(meanSpend), ErrInvalidData)
	}
	cs := make([]Customer, len(x))
	for i := range x {
		if err := checkSpend(i, x[i], meanSpend[i]); err != nil {
			return GammaGamma{}, fmt.Errorf("gamma-gamma: %w", err)
		}
		cs[i] = Customer{X: x[i], Tx: meanSpend[i], T: meanSpend[i]} // (x, m) as a compressible key
	}
	ws, n, err := compress(cs, o.Weights, func(int, Customer) error { return nil })
	if err != nil {
		return GammaGamma{}, fmt.Errorf("gamma-gamma: %w", err)
	}
	d := newGGData(ws)
	th, err := mle("gamma-gamma", 3, n, o, true, d.pass)
	if err != nil {
		return GammaGamma{}, err
	}
	return GammaGamma{th[0], th[1], th[2]}, nil
}

// LogLikelihood returns the log-likelihood of repeat buyers, or NaN
// (invalid data has no likelihood) if an input is invalid or the
// parameters are not positive and finite.
func (m GammaGamma) LogLikelihood(x, meanSpend []float64) float64 {
	if len(x) != len(meanSpend) || !positive(m.P, m.Q, m.Gamma) {
		return math.NaN()
	}
	var ll float64
	for i := range x {
		if checkSpend(i, x[i], meanSpend[i]) != nil {
			return math.NaN()
		}
		ll += ggLL(m.P, m.Q, m.Gamma, x[i], meanSpend[i])
	}
	return ll
}

// MeanSpend returns the expected transaction value of a new customer,
// p·γ/(q−1) (infinite mean when q ≤ 1 is reported as an error wrapping
// [ErrInvalidRate]; parameters that are not positive and finite wrap
// [ErrInvalidData]).
func (m GammaGamma) MeanSpend() (_ float64, err error) {
	defer wrapErr(&err)
	if !positive(m.P, m.Q, m.Gamma) {
		return 0, fmt.Errorf("gamma-gamma: parameters %+v must be positive and finite: %w", m, ErrInvalidData)
	}
	if m.Q <= 1 {
		return 0, fmt.Errorf("gamma-gamma: q = %v ≤ 1 has no mean: %w", m.Q, ErrInvalidRate)
	}
	return m.P * m.Gamma / (m.Q - 1), nil
}

// ConditionalExpectedSpend returns the expected value of a customer's
// transactions given x repeat transactions of mean value meanSpend:
// p(γ + x·m)/(px + q − 1), a weighted mean of the population mean and the
// customer's own. x = 0 gives the population mean, which does not exist
// when q ≤ 1: then the result is NaN (it was a silent zero). It is NaN as
// well when p·x + q ≤ 1 (the expectation is infinite; the formula gave a
// negative spend), for parameters that are not positive and finite, and
// for a mean spend that is not positive and finite.
func (m GammaGamma) ConditionalExpectedSpend(x, meanSpend float64) float64 {
	if x <= 0 {
		v, err := m.MeanSpend()
		if err != nil {
			return math.NaN()
		}
		return v
	}
	if !positive(m.P, m.Q, m.Gamma) || math.IsNaN(x) || math.IsInf(x, 0) || !(meanSpend > 0) || math.IsInf(meanSpend, 0) {
		return math.NaN()
	}
	if m.P*x+m.Q <= 1 {
		return math.NaN() // the posterior mean of the spend is infinite
	}
	return m.P * (m.Gamma + x*meanSpend) / (m.P*x + m.Q - 1)
}

// Simulate returns the mean value of x transactions of each of n customers,
// drawn from the model with randomness only from src. A customer needs at
// least one transaction and the model positive finite parameters: for a
// count below one, or not finite, or parameters that are not, the mean
// spend does not exist and its entry is NaN.
func (m GammaGamma) Simulate(x []float64, src rand.Source) []float64 {
	out := make([]float64, len(x))
	ok := true
	for _, p := range []float64{m.P, m.Q, m.Gamma} {
		ok = ok && p > 0 && !math.IsInf(p, 0)
	}
	nu := distuv.Gamma{Alpha: m.Q, Beta: m.Gamma, Src: src}
	for i, xi := range x {
		if !ok || !(xi >= 1) || math.IsInf(xi, 0) {
			out[i] = math.NaN()
			continue
		}
		v := nu.Rand()
		if !(v > 0) || math.IsInf(v, 0) { // ν under- or overflowed float64
			out[i] = math.NaN()
			continue
		}
		z := distuv.Gamma{Alpha: m.P * xi, Beta: v, Src: src} // sum of x Gamma(p, ν) values
		if out[i] = z.Rand() / xi; math.IsInf(out[i], 0) {
			out[i] = math.NaN()
		}
	}
	return out
}

// StandardErrors returns the asymptotic standard errors of (P, Q, Gamma) at
// m from the inverse Hessian of the log-likelihood of the repeat buyers;
// errors as [BGNBD.StandardErrors].
func (m GammaGamma) StandardErrors(x, meanSpend []float64) (_ []float64, err error) {
	defer wrapErr(&err)
	if len(x) != len(meanSpend) || len(x) == 0 {
		return nil, fmt.Errorf("gamma-gamma: %d counts, %d spends: %w", len(x), len(meanSpend), ErrInvalidData)
	}
	for i := range x {
		if err := checkSpend(i, x[i], meanSpend[i]); err != nil {
			return nil, fmt.Errorf("gamma-gamma: %w", err)
		}
	}
	return standardErrors("gamma-gamma", []float64{m.P, m.Q, m.Gamma}, func(th []float64) float64 {
		var ll float64
		for i := range x {
			ll += ggLL(th[0], th[1], th[2], x[i], meanSpend[i])
		}
		return ll
	})
}
