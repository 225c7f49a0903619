package pricing

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Respondent is one answer to the Van Westendorp price-sensitivity
// questions: the prices at which the product is too cheap to trust, cheap
// (a bargain), expensive (but still considered) and too expensive to buy.
// Weight is the respondent's survey weight; zero means one. IntentCheap and
// IntentExpensive are the answers to the Newton–Miller–Smith purchase
// intent questions at the cheap and the expensive price on the scale of
// [PSMOptions.Calibration] (1 … 5 by default, 5 the most likely); zero means
// not asked. The zero Respondent answers zero everywhere, which is
// inconsistent and dropped.
type Respondent struct {
	TooCheap, Cheap, Expensive, TooExpensive float64
	Weight                                   float64
	IntentCheap, IntentExpensive             int
}

// RangeDefinition selects the curves whose crossings bound the acceptable
// price range. The zero RangeDefinition is [Original].
type RangeDefinition uint8

const (
	// Original: the point of marginal cheapness where "too cheap" meets
	// "not cheap", the point of marginal expensiveness where "too
	// expensive" meets "not expensive" (Van Westendorp 1976).
	Original RangeDefinition = iota
	// Narrower: "too cheap" meets "expensive", "too expensive" meets
	// "cheap" (the narrower range many practitioners use).
	Narrower
)

// CrossingMethod selects how a crossing of two curves becomes a price. The
// zero CrossingMethod is [Step].
type CrossingMethod uint8

const (
	// Step takes the first grid price at which the rising curve reaches
	// the falling one, as R's pricesensitivitymeter does.
	Step CrossingMethod = iota
	// Linear interpolates the difference of the curves linearly between
	// the grid prices on either side of the crossing.
	Linear
)

// ECDFConvention selects the empirical distribution function of each
// question. The zero ECDFConvention is [StandardECDF].
type ECDFConvention uint8

const (
	// StandardECDF: F(p) is the (weighted) share of answers at or below p.
	StandardECDF ECDFConvention = iota
	// ForcedMinECDF: as StandardECDF, but F is forced to 0 at and below the
	// question's least answer, the convention of pricesensitivitymeter
	// 1.3.1 and later.
	ForcedMinECDF
)

// Multiple selects the price of a crossing where the two curves run level
// over several grid prices. The zero Multiple is [MinPrice].
type Multiple uint8

const (
	MinPrice    Multiple = iota // the least of those prices
	MaxPrice                    // the greatest
	MeanPrice                   // their mean
	MedianPrice                 // their median
)

// DefaultCalibration is the Newton–Miller–Smith calibration of a five-point
// purchase-intent scale: the probability of purchase for the answers 1 … 5.
var DefaultCalibration = [5]float64{0, 0.1, 0.3, 0.5, 0.7}

// PSMOptions configures [VanWestendorp]. The zero PSMOptions is the
// original acceptable range, step crossings, the standard ECDF, the least
// price of a level crossing and the default calibration.
type PSMOptions struct {
	Range    RangeDefinition
	Crossing CrossingMethod
	ECDF     ECDFConvention
	Multiple Multiple
	// Calibration maps the intent answers 1 … len(Calibration) to purchase
	// probabilities in [0, 1]; nil means [DefaultCalibration].
	Calibration []float64
}

// PSM is the result of a Van Westendorp price-sensitivity analysis. The
// price points are in the currency of the answers. The zero PSM has no
// respondents.
type PSM struct {
	// OPP, the optimal price point: "too cheap" meets "too expensive".
	OPP float64
	// IPP, the indifference price point: "cheap" meets "expensive".
	IPP float64
	// PMC and PME, the points of marginal cheapness and expensiveness:
	// the acceptable range (see [RangeDefinition]).
	PMC, PME float64
	// Prices is the grid, every distinct answer ascending; the curves are
	// the weighted shares at each price: TooCheap and Cheap falling (the
	// share who find the price too cheap, cheap), Expensive and
	// TooExpensive rising, NotCheap = 1 − Cheap and NotExpensive = 1 −
	// Expensive.
	Prices                                   []float64
	TooCheap, Cheap, Expensive, TooExpensive []float64
	NotCheap, NotExpensive                   []float64
	// Respondents is the number of consistent respondents analysed, Weight
	// their total weight; Inconsistent counts those dropped (not too cheap
	// < cheap < expensive < too expensive).
	Respondents, Inconsistent int
	Weight                    float64
	// NMS is the Newton–Miller–Smith extension, when every respondent
	// answered the intent questions; else nil.
	NMS *NMS
}

// NMS is the Newton–Miller–Smith extension of a Van Westendorp survey: each
// respondent's purchase probability is 0 at the too-cheap price, the
// calibrated intent at the cheap and the expensive price, 0 at the
// too-expensive price, linear in between and 0 outside; Reach is its
// weighted mean at each grid price and Revenue = price × Reach. The zero
// NMS is empty.
type NMS struct {
	Reach, Revenue []float64 // at each grid price
	// ReachPrice and RevenuePrice are the grid prices where Reach and
	// Revenue are greatest (the least such price on a tie).
	ReachPrice, RevenuePrice float64
}

// VanWestendorp analyses a Van Westendorp price-sensitivity survey (Van
// Westendorp 1976, "NSS price sensitivity meter: a new approach to study
// consumer perception of prices", ESOMAR congress): it drops inconsistent
// respondents, builds the four weighted cumulative curves over the grid of
// every answer, and finds the price points where they cross, by the
// options' range definition, crossing method, ECDF convention and rule for
// level crossings; with intent answers, also the Newton–Miller–Smith reach
// and revenue optima (Newton, Miller & Smith 1993).
//
// Errors wrap [ErrInvalidAnswer] (a NaN, infinite or negative price, a
// negative or non-finite weight, an intent answer off the scale, intent
// answers on prices too close together or too far apart in scale to
// interpolate in float64),
// [ErrInvalidOption], [ErrNoRespondents] (no consistent respondent with
// positive weight) or [ErrNoCrossing] (two curves that never meet). rs is
// not modified.
func VanWestendorp(rs []Respondent, opt PSMOptions) (PSM, error) {
	p, err := vanWestendorp(rs, opt)
	return p, wrap(err)
}

func vanWestendorp(rs []Respondent, opt PSMOptions) (PSM, error) {
	if opt.Range > Narrower || opt.Crossing > Linear || opt.ECDF > ForcedMinECDF || opt.Multiple > MedianPrice {
		return PSM{}, fmt.Errorf("options %+v: %w", opt, ErrInvalidOption)
	}
	cal := opt.Calibration
	if cal == nil {
		cal = DefaultCalibration[:]
	}
	for k, c := range cal {
		if !(c >= 0 && c <= 1) {
			return PSM{}, fmt.Errorf("calibration of answer %d: %v, want a probability in [0, 1]: %w", k+1, c, ErrInvalidOption)
		}
	}
	type answer struct{ p, w, ds float64 } // price, weight, change of NMS slope there
	var q [4][]answer
	for k := range q {
		q[k] = make([]answer, 0, len(rs))
	}
	out := PSM{}
	intents := true
	for i, r := range rs {
		for _, v := range []float64{r.TooCheap, r.Cheap, r.Expensive, r.TooExpensive} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return PSM{}, fmt.Errorf("respondent %d: price %v: %w", i+1, v, ErrInvalidAnswer)
			}
		}
		w := r.Weight
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return PSM{}, fmt.Errorf("respondent %d: weight %v: %w", i+1, w, ErrInvalidAnswer)
		}
		if w == 0 {
			w = 1
		}
		for _, a := range []int{r.IntentCheap, r.IntentExpensive} {
			if a < 0 || a > len(cal) {
				return PSM{}, fmt.Errorf("respondent %d: intent %d off the scale 1 … %d: %w", i+1, a, len(cal), ErrInvalidAnswer)
			}
		}
		if !(r.TooCheap < r.Cheap && r.Cheap < r.Expensive && r.Expensive < r.TooExpensive) {
			out.Inconsistent++
			continue
		}
		if r.IntentCheap == 0 || r.IntentExpensive == 0 {
			intents = false
		}
		// Slopes of the NMS purchase-probability curve on its three pieces.
		var s1, s2, s3 float64
		if r.IntentCheap > 0 && r.IntentExpensive > 0 {
			a, b := cal[r.IntentCheap-1], cal[r.IntentExpensive-1]
			s1, s2, s3 = a/(r.Cheap-r.TooCheap), (b-a)/(r.Expensive-r.Cheap), -b/(r.TooExpensive-r.Expensive)
			if math.IsInf(s1, 0) || math.IsInf(s2, 0) || math.IsInf(s3, 0) {
				return PSM{}, fmt.Errorf("respondent %d: prices %v, %v, %v, %v too close to interpolate purchase intent: %w",
					i+1, r.TooCheap, r.Cheap, r.Expensive, r.TooExpensive, ErrInvalidAnswer)
			}
		}
		q[0] = append(q[0], answer{r.TooCheap, w, w * s1})
		q[1] = append(q[1], answer{r.Cheap, w, w * (s2 - s1)})
		q[2] = append(q[2], answer{r.Expensive, w, w * (s3 - s2)})
		q[3] = append(q[3], answer{r.TooExpensive, w, -w * s3})
		out.Weight += w
	}
	out.Respondents = len(q[0])
	if out.Respondents == 0 {
		return PSM{}, fmt.Errorf("%d respondents, %d inconsistent: %w", len(rs), out.Inconsistent, ErrNoRespondents)
	}
	var wg sync.WaitGroup
	for k := range q {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slices.SortFunc(q[k], func(a, b answer) int { return cmp.Compare(a.p, b.p) })
		}()
	}
	wg.Wait()
	// The grid: every distinct answer, by a 4-way merge of the sorted
	// questions.
	grid := make([]float64, 0, 4*out.Respondents)
	var pos [4]int
	for {
		next, any := math.Inf(1), false
		for k := range q {
			if pos[k] < len(q[k]) && q[k][pos[k]].p < next {
				next, any = q[k][pos[k]].p, true
			}
		}
		if !any {
			break
		}
		grid = append(grid, next)
		for k := range q {
			for pos[k] < len(q[k]) && q[k][pos[k]].p == next {
				pos[k]++
			}
		}
	}
	out.Prices = grid
	// F[k][i]: weighted share of question k's answers at or below grid[i].
	var F [4][]float64
	for k := range q {
		F[k] = make([]float64, len(grid))
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc, j := 0.0, 0
			for i, p := range grid {
				for j < len(q[k]) && q[k][j].p <= p {
					acc += q[k][j].w
					j++
				}
				v := acc / out.Weight
				if j == len(q[k]) {
					v = 1
				}
				if opt.ECDF == ForcedMinECDF && p <= q[k][0].p {
					v = 0
				}
				F[k][i] = v
			}
		}()
	}
	wg.Wait()
	n := len(grid)
	out.TooCheap, out.Cheap = make([]float64, n), make([]float64, n)
	out.NotCheap, out.NotExpensive = make([]float64, n), make([]float64, n)
	out.Expensive, out.TooExpensive = F[2], F[3]
	for i := range grid {
		out.TooCheap[i] = 1 - F[0][i]
		out.Cheap[i] = 1 - F[1][i]
		out.NotCheap[i] = F[1][i]
		out.NotExpensive[i] = 1 - F[2][i]
	}
	type pair struct {
		name            string
		rising, falling []float64
		dst             *float64
	}
	points := []pair{
		{"optimal price point (too expensive, too cheap)", out.TooExpensive, out.TooCheap, &out.OPP},
		{"indifference price point (expensive, cheap)", out.Expensive, out.Cheap, &out.IPP},
	}
	if opt.Range == Original {
		points = append(points,
			pair{"point of marginal cheapness (not cheap, too cheap)", out.NotCheap, out.TooCheap, &out.PMC},
			pair{"point of marginal expensiveness (too expensive, not expensive)", out.TooExpensive, out.NotExpensive, &out.PME})
	} else {
		points = append(points,
			pair{"point of marginal cheapness (expensive, too cheap)", out.Expensive, out.TooCheap, &out.PMC},
			pair{"point of marginal expensiveness (too expensive, cheap)", out.TooExpensive, out.Cheap, &out.PME})
	}
	for _, pt := range points {
		v, ok := crossing(grid, pt.rising, pt.falling, opt.Crossing, opt.Multiple)
		if !ok {
			return PSM{}, fmt.Errorf("%s: %w", pt.name, ErrNoCrossing)
		}
		*pt.dst = v
	}
	if intents {
		// Σ w·f(p) is piecewise linear with kinks at the answers: sweep
		// the grid, adding each kink's change of slope as it is passed.
		reach, revenue := make([]float64, n), make([]float64, n)
		var pos [4]int
		v, slope, at := 0.0, 0.0, grid[0]
		best := NMS{Reach: reach, Revenue: revenue}
		bi, bj := 0, 0
		for i, p := range grid {
			for k := range q {
				for pos[k] < len(q[k]) && q[k][pos[k]].p <= p {
					a := q[k][pos[k]]
					v += slope * (a.p - at)
					at = a.p
					slope += a.ds
					pos[k]++
				}
			}
			v += slope * (p - at)
			at = p
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return PSM{}, fmt.Errorf("purchase intent at price %v: answers too far apart in scale to sum: %w", p, ErrInvalidAnswer)
			}
			reach[i] = min(1, max(0, v/out.Weight))
			revenue[i] = p * reach[i]
			if reach[i] > reach[bi] {
				bi = i
			}
			if revenue[i] > revenue[bj] {
				bj = i
			}
		}
		best.ReachPrice, best.RevenuePrice = grid[bi], grid[bj]
		out.NMS = &best
	}
	return out, nil
}

// crossing returns the price where the rising curve first reaches the
// falling one: the grid price (Step) or the linear interpolation of their
// difference between it and the grid price before (Linear, when the
// rising curve passes the falling one strictly). When the curves hold the
// values they have there over several grid prices, m picks among those
// prices.
func crossing(grid, rising, falling []float64, method CrossingMethod, m Multiple) (float64, bool) {
	i := -1
	for k := range grid {
		if rising[k] >= falling[k] {
			i = k
			break
		}
	}
	if i < 0 {
		return 0, false
	}
	// Prices where both curves hold the values they have at i.
	if method == Linear && i > 0 && rising[i] > falling[i] {
		d0, d1 := rising[i-1]-falling[i-1], rising[i]-falling[i] // d0 < 0 < d1
		return grid[i-1] + (grid[i]-grid[i-1])*(-d0)/(d1-d0), true
	}
	var level []float64
	for k := i; k < len(grid) && rising[k] == rising[i] && falling[k] == falling[i]; k++ {
		level = append(level, grid[k])
	}
	var p float64
	switch m {
	case MinPrice:
		p = level[0]
	case MaxPrice:
		p = level[len(level)-1]
	case MeanPrice:
		s := 0.0
		for _, x := range level {
			s += x
		}
		p = s / float64(len(level))
	case MedianPrice:
		h := len(level) / 2
		p = level[h]
		if len(level)%2 == 0 {
			p = (level[h-1] + level[h]) / 2
		}
	}
	return p, true
}
