package pricing

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

func fraction(name string, x, lo, hi float64) error {
	if !(x > lo && x <= hi) {
		return fmt.Errorf("%s %v, want a fraction in (%g, %g] (0.05 for 5 %%): %w", name, x, lo, hi, ErrInvalidOption)
	}
	return nil
}

// BreakEvenVolume returns the change in volume, as a fraction, at which a
// price change leaves the contribution unchanged:
//
//	ΔV = −(ΔP − ΔC) / (CM + ΔP − ΔC)
//
// with ΔP the price change, ΔC the change in unit variable cost and CM the
// contribution margin, all as fractions of the current price (Nagle &
// Müller, The Strategy and Tactics of Pricing, ch. 6). +5 % at a 40 %
// margin needs −11.1 % volume at most; −10 % at 40 % needs +33.3 %. Errors
// wrap [ErrInvalidOption] (ΔP or ΔC outside (−1, 1], a margin outside
// (0, 1], or a new margin CM + ΔP − ΔC that is not positive, when no volume
// pays for the change).
func BreakEvenVolume(priceChange, margin, unitCostChange float64) (float64, error) {
	v, err := breakEven(priceChange, margin, unitCostChange)
	return v, wrap(err)
}

func breakEven(dp, cm, dc float64) (float64, error) {
	for _, e := range []error{fraction("price change", dp, -1, 1), fraction("contribution margin", cm, 0, 1), fraction("unit-cost change", dc, -1, 1)} {
		if e != nil {
			return 0, e
		}
	}
	if cm+dp-dc <= 0 {
		return 0, fmt.Errorf("price change %v at a margin of %v with a cost change of %v leaves no margin: %w", dp, cm, dc, ErrInvalidOption)
	}
	return -(dp - dc) / (cm + dp - dc), nil
}

// VolumeToPayForCut returns the rise in volume, as a fraction, that a price
// cut a customer asks for (0.08 for 8 % off) needs to leave our
// contribution unchanged at the contribution margin given: the
// [BreakEvenVolume] of −cut. Errors are those of BreakEvenVolume.
func VolumeToPayForCut(cut, margin float64) (float64, error) {
	if !(cut >= 0 && cut < 1) {
		return 0, wrap(fmt.Errorf("cut %v, want a fraction in [0, 1): %w", cut, ErrInvalidOption))
	}
	return BreakEvenVolume(-cut, margin, 0)
}

// ImpactRow is one price change of [ProfitImpact]. The zero ImpactRow is no
// change.
type ImpactRow struct {
	PriceChange      float64 // ΔP, a fraction of the price
	BreakEvenVolume  float64 // the volume change that keeps contribution
	ExpectedVolume   float64 // (1 + ΔP)^ε − 1 under constant elasticity ε
	ContributionGain float64 // the change of contribution at ExpectedVolume, a fraction of today's
}

// ProfitImpact returns, for each price change, the break-even volume, the
// volume change a constant price elasticity predicts and the resulting
// change of contribution, ((CM + ΔP)(1 + ΔV) − CM) / CM, which is zero
// exactly where ΔV is the break-even. Errors wrap [ErrInvalidOption] (as
// [BreakEvenVolume], or an elasticity that is positive or not finite).
func ProfitImpact(margin float64, changes []float64, elasticity float64) ([]ImpactRow, error) {
	if !(elasticity <= 0) || math.IsInf(elasticity, 0) {
		return nil, wrap(fmt.Errorf("elasticity %v, want ≤ 0: %w", elasticity, ErrInvalidOption))
	}
	out := make([]ImpactRow, len(changes))
	for k, dp := range changes {
		be, err := breakEven(dp, margin, 0)
		if err != nil {
			return nil, wrap(fmt.Errorf("row %d: %w", k+1, err))
		}
		dv := math.Pow(1+dp, elasticity) - 1
		out[k] = ImpactRow{dp, be, dv, ((margin+dp)*(1+dv) - margin) / margin}
	}
	return out, nil
}

// ArcElasticity returns the arc (midpoint) elasticity between two price and
// quantity observations, ((q2 − q1)/((q1 + q2)/2)) / ((p2 − p1)/((p1 +
// p2)/2)). Errors wrap [ErrInvalidAnswer] (a negative or non-finite value,
// equal prices, or no quantity at either point).
func ArcElasticity(p1, q1, p2, q2 float64) (float64, error) {
	for _, v := range []float64{p1, q1, p2, q2} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return 0, wrap(fmt.Errorf("value %v: %w", v, ErrInvalidAnswer))
		}
	}
	if p1 == p2 || q1+q2 == 0 {
		return 0, wrap(fmt.Errorf("prices %v, %v and quantities %v, %v: %w", p1, p2, q1, q2, ErrInvalidAnswer))
	}
	return ((q2 - q1) / ((q1 + q2) / 2)) / ((p2 - p1) / ((p1 + p2) / 2)), nil
}

// CrossElasticity returns the arc cross-price elasticity of product B's
// quantity to product A's price: the change of qB over the change of pA,
// both at their midpoints. Errors are those of [ArcElasticity].
func CrossElasticity(pA1, pA2, qB1, qB2 float64) (float64, error) {
	return ArcElasticity(pA1, qB1, pA2, qB2)
}

// PointElasticity returns dQ/dP · P/Q at a point of a demand curve. Errors
// wrap [ErrInvalidAnswer] (a non-finite slope, a negative or non-finite
// price, a quantity that is not positive).
func PointElasticity(slope, price, quantity float64) (float64, error) {
	if math.IsNaN(slope) || math.IsInf(slope, 0) || !(price >= 0) || math.IsInf(price, 0) || !(quantity > 0) || math.IsInf(quantity, 0) {
		return 0, wrap(fmt.Errorf("slope %v at price %v, quantity %v: %w", slope, price, quantity, ErrInvalidAnswer))
	}
	return slope * price / quantity, nil
}

// Elasticity is a constant price elasticity estimated by the log-log
// regression ln q = a + ε ln p. The zero Elasticity is unit-free zero from
// no data.
type Elasticity struct {
	Value, Intercept float64 // ε and a
	R2               float64 // the regression's R²
	Low, High        float64 // the confidence interval of ε (Student's t, n − 2 degrees of freedom)
	N                int
}

// EstimateElasticity fits ln q = a + ε ln p by least squares (gonum's
// stat.LinearRegression) over price and quantity history, with R² and a
// confidence interval of ε at the level given (0 means 0.95). Errors wrap
// [ErrInvalidAnswer] (fewer than three points, lengths that differ, a
// price or quantity that is not positive and finite, all prices equal) or
// [ErrInvalidOption] (a level outside (0, 1)).
func EstimateElasticity(prices, quantities []float64, level float64) (Elasticity, error) {
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		return Elasticity{}, wrap(fmt.Errorf("level %v, want a fraction in (0, 1): %w", level, ErrInvalidOption))
	}
	n := len(prices)
	if n != len(quantities) || n < 3 {
		return Elasticity{}, wrap(fmt.Errorf("%d prices and %d quantities, want at least 3 pairs: %w", n, len(quantities), ErrInvalidAnswer))
	}
	x, y := make([]float64, n), make([]float64, n)
	for i := range n {
		p, q := prices[i], quantities[i]
		if !(p > 0) || !(q > 0) || math.IsInf(p, 0) || math.IsInf(q, 0) {
			return Elasticity{}, wrap(fmt.Errorf("point %d: price %v, quantity %v, want both > 0: %w", i+1, p, q, ErrInvalidAnswer))
		}
		x[i], y[i] = math.Log(p), math.Log(q)
	}
	if stat.Variance(x, nil) == 0 {
		return Elasticity{}, wrap(fmt.Errorf("all prices equal: %w", ErrInvalidAnswer))
	}
	a, b := stat.LinearRegression(x, y, nil, false)
	e := Elasticity{Value: b, Intercept: a, R2: stat.RSquared(x, y, nil, a, b), N: n}
	// Standard error of the slope: sqrt(SSE/(n−2) / Sxx).
	mx := stat.Mean(x, nil)
	sse, sxx := 0.0, 0.0
	for i := range n {
		r := y[i] - a - b*x[i]
		sse += r * r
		sxx += (x[i] - mx) * (x[i] - mx)
	}
	se := math.Sqrt(sse / float64(n-2) / sxx)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 2)}.Quantile(1 - (1-level)/2)
	e.Low, e.High = b-t*se, b+t*se
	return e, nil
}

// OptimalPrice returns the profit-maximising price under a constant price
// elasticity ε < −1 and a constant unit cost c: p* = c · ε / (1 + ε) (the
// Lerner rule, margin (p − c)/p = −1/ε). Errors wrap [ErrInvalidOption]
// when |ε| ≤ 1 (demand that inelastic has no finite optimum: raising the
// price always raises profit), ε is not finite, or c is negative or not
// finite.
func OptimalPrice(unitCost, elasticity float64) (float64, error) {
	if !(unitCost >= 0) || math.IsInf(unitCost, 0) {
		return 0, wrap(fmt.Errorf("unit cost %v: %w", unitCost, ErrInvalidOption))
	}
	if !(elasticity < -1) || math.IsInf(elasticity, 0) {
		return 0, wrap(fmt.Errorf("elasticity %v, want < −1 for a finite optimum: %w", elasticity, ErrInvalidOption))
	}
	return unitCost * elasticity / (1 + elasticity), nil
}
