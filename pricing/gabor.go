package pricing

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// GGAnswer is one answer of a Gabor–Granger survey: whether the respondent
// would buy at the price shown. Weight is the respondent's survey weight;
// zero means one. Respondent identifies the respondent for the bootstrap;
// answers of one respondent share it. The zero GGAnswer is an anonymous
// refusal at price zero.
type GGAnswer struct {
	Respondent string
	Price      float64
	Buy        bool
	Weight     float64
}

// GGOptions configures [GaborGranger]. The zero GGOptions has no unit cost
// (the profit optimum is the revenue optimum) and no bootstrap.
type GGOptions struct {
	// UnitCost is the variable cost per unit, for the profit optimum.
	UnitCost float64
	// Bootstrap is the number of resamples of respondents for the
	// interval of the revenue-optimal price; zero means none. At most
	// 100,000; it needs Src.
	Bootstrap int
	// Level is the interval's coverage, in (0, 1); zero means 0.95.
	Level float64
	// Src is the random source of the bootstrap.
	Src rand.Source
}

// GGPoint is the demand at one tested price. The zero GGPoint is no demand
// at price zero.
type GGPoint struct {
	Price      float64
	Acceptance float64 // weighted share who would buy
	Demand     float64 // Acceptance smoothed non-increasing in price
	Revenue    float64 // Price × Demand (a revenue index per respondent)
	Profit     float64 // (Price − UnitCost) × Demand
	// Elasticity is the arc (midpoint) elasticity of the smoothed demand
	// from this price to the next, 0 where neither has demand; 0 at the
	// last price.
	Elasticity float64
	Answers    int
}

// GaborGrangerResult is the demand curve of a Gabor–Granger survey and its
// optima. The zero GaborGrangerResult has no prices.
type GaborGrangerResult struct {
	Points []GGPoint // ascending price
	// RevenuePrice and ProfitPrice are the tested prices with the greatest
	// revenue and profit (the lower price on a tie).
	RevenuePrice, ProfitPrice float64
	// RevenueLow and RevenueHigh bound the revenue-optimal price by the
	// percentile bootstrap over respondents; both equal RevenuePrice
	// without a bootstrap.
	RevenueLow, RevenueHigh float64
	Respondents             int
}

// MaxBootstrap bounds [GGOptions.Bootstrap].
const MaxBootstrap = 100_000

// GaborGranger builds the demand curve of a Gabor–Granger survey (Gabor &
// Granger 1966): the weighted acceptance at each tested price, smoothed to
// be non-increasing by the pool-adjacent-violators algorithm with the
// prices' weights ([NonIncreasing]), the arc elasticities, and the
// revenue- and profit-maximising tested prices, with a percentile-bootstrap
// interval for the revenue optimum that resamples respondents.
//
// Errors wrap [ErrInvalidAnswer] (a NaN, infinite or negative price or
// weight), [ErrNoRespondents] (no answer with positive weight) or
// [ErrInvalidOption] (a negative or non-finite unit cost, a bootstrap
// without a source or beyond [MaxBootstrap], a level outside (0, 1)).
// answers is not modified.
func GaborGranger(answers []GGAnswer, opt GGOptions) (GaborGrangerResult, error) {
	r, err := gaborGranger(answers, opt)
	return r, wrap(err)
}

func gaborGranger(answers []GGAnswer, opt GGOptions) (GaborGrangerResult, error) {
	if !(opt.UnitCost >= 0) || math.IsInf(opt.UnitCost, 0) {
		return GaborGrangerResult{}, fmt.Errorf("unit cost %v: %w", opt.UnitCost, ErrInvalidOption)
	}
	level := opt.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		return GaborGrangerResult{}, fmt.Errorf("level %v, want a fraction in (0, 1): %w", level, ErrInvalidOption)
	}
	if opt.Bootstrap < 0 || opt.Bootstrap > MaxBootstrap || (opt.Bootstrap > 0 && opt.Src == nil) {
		return GaborGrangerResult{}, fmt.Errorf("bootstrap of %d resamples (source given: %v): %w", opt.Bootstrap, opt.Src != nil, ErrInvalidOption)
	}
	// Prices, respondents, and per answer its price and respondent index.
	priceOf := map[float64]int{}
	respOf := map[string]int{}
	type ans struct {
		price, resp int
		w           float64
		buy         bool
	}
	as := make([]ans, 0, len(answers))
	var prices []float64
	for k, a := range answers {
		if math.IsNaN(a.Price) || math.IsInf(a.Price, 0) || a.Price < 0 {
			return GaborGrangerResult{}, fmt.Errorf("answer %d: price %v: %w", k+1, a.Price, ErrInvalidAnswer)
		}
		w := a.Weight
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return GaborGrangerResult{}, fmt.Errorf("answer %d: weight %v: %w", k+1, w, ErrInvalidAnswer)
		}
		if w == 0 {
			w = 1
		}
		p, ok := priceOf[a.Price]
		if !ok {
			p = len(prices)
			priceOf[a.Price] = p
			prices = append(prices, a.Price)
		}
		r, ok := respOf[a.Respondent]
		if !ok {
			r = len(respOf)
			respOf[a.Respondent] = r
		}
		as = append(as, ans{p, r, w, a.Buy})
	}
	if len(as) == 0 {
		return GaborGrangerResult{}, fmt.Errorf("no answers: %w", ErrNoRespondents)
	}
	// Rank the prices ascending.
	order := make([]int, len(prices))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(prices[a], prices[b]) })
	rank := make([]int, len(prices))
	for r, i := range order {
		rank[i] = r
	}
	n := len(prices)
	curve := func(mult []float64) (w, yes []float64, count []int) {
		w, yes, count = make([]float64, n), make([]float64, n), make([]int, n)
		for _, a := range as {
			m := 1.0
			if mult != nil {
				m = mult[a.resp]
				if m == 0 {
					continue
				}
			}
			i := rank[a.price]
			w[i] += a.w * m
			count[i]++
			if a.buy {
				yes[i] += a.w * m
			}
		}
		return w, yes, count
	}
	w, yes, count := curve(nil)
	out := GaborGrangerResult{Points: make([]GGPoint, n), Respondents: len(respOf)}
	acc := make([]float64, n)
	for i := range n {
		acc[i] = yes[i] / w[i]
	}
	demand, _ := nonIncreasing(acc, w)
	bestRev, bestProfit := 0, 0
	for i := range n {
		p := prices[order[i]]
		pt := GGPoint{Price: p, Acceptance: acc[i], Demand: demand[i], Revenue: p * demand[i], Profit: (p - opt.UnitCost) * demand[i], Answers: count[i]}
		if i+1 < n {
			q1, q2, p2 := demand[i], demand[i+1], prices[order[i+1]]
			if q1+q2 > 0 {
				pt.Elasticity = ((q2 - q1) / ((q1 + q2) / 2)) / ((p2 - p) / ((p + p2) / 2))
			}
		}
		out.Points[i] = pt
		if pt.Revenue > out.Points[bestRev].Revenue {
			bestRev = i
		}
		if pt.Profit > out.Points[bestProfit].Profit {
			bestProfit = i
		}
	}
	out.RevenuePrice, out.ProfitPrice = out.Points[bestRev].Price, out.Points[bestProfit].Price
	out.RevenueLow, out.RevenueHigh = out.RevenuePrice, out.RevenuePrice
	if opt.Bootstrap > 0 {
		rng := rand.New(opt.Src)
		nr := len(respOf)
		mult := make([]float64, nr)
		opts := make([]float64, 0, opt.Bootstrap)
		for range opt.Bootstrap {
			clear(mult)
			for range nr {
				mult[rng.IntN(nr)]++
			}
			w, yes, _ := curve(mult)
			var ys, ws, ps []float64
			for i := range n {
				if w[i] > 0 {
					ys, ws, ps = append(ys, yes[i]/w[i]), append(ws, w[i]), append(ps, prices[order[i]])
				}
			}
			if len(ys) == 0 {
				continue
			}
			d, _ := nonIncreasing(ys, ws)
			best := 0
			for i := range d {
				if ps[i]*d[i] > ps[best]*d[best] {
					best = i
				}
			}
			opts = append(opts, ps[best])
		}
		slices.Sort(opts)
		lo := opts[int(math.Floor((1-level)/2*float64(len(opts)-1)))]
		hi := opts[int(math.Ceil((1-(1-level)/2)*float64(len(opts)-1)))]
		out.RevenueLow, out.RevenueHigh = lo, hi
	}
	return out, nil
}

// NonIncreasing returns the weighted least-squares non-increasing fit of y
// (isotonic regression) by the pool-adjacent-violators algorithm: adjacent
// values that rise are pooled into their weighted mean until none does.
// weights nil means all one. Errors wrap [ErrInvalidAnswer] (a NaN or
// infinite value, a negative, non-finite or all-zero weight, lengths that
// differ). y is not modified.
func NonIncreasing(y, weights []float64) ([]float64, error) {
	if weights == nil {
		weights = make([]float64, len(y))
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != len(y) {
		return nil, wrap(fmt.Errorf("%d values, %d weights: %w", len(y), len(weights), ErrInvalidAnswer))
	}
	for i := range y {
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) || !(weights[i] >= 0) || math.IsInf(weights[i], 0) {
			return nil, wrap(fmt.Errorf("value %d: %v, weight %v: %w", i+1, y[i], weights[i], ErrInvalidAnswer))
		}
	}
	fit, err := nonIncreasing(y, weights)
	return fit, wrap(err)
}

func nonIncreasing(y, w []float64) ([]float64, error) {
	type block struct {
		sum, w float64
		n      int
	}
	var bs []block
	total := 0.0
	for i := range y {
		total += w[i]
		b := block{y[i] * w[i], w[i], 1}
		for len(bs) > 0 {
			last := bs[len(bs)-1]
			// Pool while the previous block's mean is below this one's
			// (a rise); a zero-weight block takes its neighbour's mean.
			if last.w > 0 && b.w > 0 && last.sum/last.w >= b.sum/b.w {
				break
			}
			if last.w == 0 && b.w == 0 {
				break
			}
			b = block{last.sum + b.sum, last.w + b.w, last.n + b.n}
			bs = bs[:len(bs)-1]
		}
		bs = append(bs, b)
	}
	if total == 0 {
		return nil, fmt.Errorf("all weights zero: %w", ErrInvalidAnswer)
	}
	out := make([]float64, 0, len(y))
	for _, b := range bs {
		m := 0.0
		if b.w > 0 {
			m = b.sum / b.w
		}
		for range b.n {
			out = append(out, m)
		}
	}
	return out, nil
}
