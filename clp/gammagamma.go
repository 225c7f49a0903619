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

// ggPass returns the weighted log-likelihood Σ w·ggLL of the repeat buyers
// at θ = (p, q, γ) and, when grad is not nil, adds its gradient:
//
//	∂/∂p = x·[ψ(px+q) − ψ(px) + ln m + ln x − ln(γ+mx)]
//	∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ+mx)
//	∂/∂γ = q/γ − (px+q)/(γ+mx),
//
// with the terms that depend only on θ (ln Γ(q), q ln γ, ψ(q)) computed
// once per pass instead of once per customer.
func ggPass(ws []weighted, th, grad []float64) float64 {
	p, q, g := th[0], th[1], th[2]
	lgq, lng := lgamma(q), math.Log(g)
	var dgq float64
	if grad != nil {
		dgq = mathext.Digamma(q)
	}
	return parallelSum(ws, 3, grad, func(w weighted, gr []float64) float64 {
		x, m := w.c.X, w.c.Tx
		px := p * x
		lnm, lnx, lgm := math.Log(m), math.Log(x), math.Log(g+m*x)
		ll := lgamma(px+q) - lgamma(px) - lgq + q*lng + (px-1)*lnm + px*lnx - (px+q)*lgm
		if gr != nil {
			d := mathext.Digamma(px + q)
			gr[0] += w.w * x * (d - mathext.Digamma(px) + lnm + lnx - lgm)
			gr[1] += w.w * (d - dgq + lng - lgm)
			gr[2] += w.w * (q/g - (px+q)/(g+m*x))
		}
		return w.w * ll
	})
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
	th, err := mle("gamma-gamma", 3, n, o, true, func(th, grad []float64) float64 { return ggPass(ws, th, grad) })
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
