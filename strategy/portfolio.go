package strategy

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
	"github.com/salesgrowth/salesgrowth/target"
)

// Initiative is a candidate move to close the gap. The zero Initiative is
// invalid (it has no name).
type Initiative struct {
	Name     string
	Quadrant Quadrant
	// Revenue is what the initiative brings in the plan year if it
	// succeeds, in cents, non-negative.
	Revenue decimal.Decimal
	// Start is the first month of revenue, target.M1 … target.M12.
	Start target.Period
	// Ramp weighs the months from Start on: Ramp[0] the first, and the last
	// weight repeats for the months beyond the slice; nil means equal
	// months. Revenue is split over the months by these weights, exactly
	// to the cent.
	Ramp []float64
	// Probability of success, a fraction in [0, 1]: given the success of
	// the initiative it depends on, if any.
	Probability float64
	// Cost of the initiative in cents, non-negative.
	Cost decimal.Decimal
	// DependsOn names the initiative this one needs: it cannot be chosen
	// without it and fails when it fails. Empty: independent.
	DependsOn string
}

// MaxInitiatives bounds the initiatives of one portfolio.
const MaxInitiatives = 10_000

// item is a validated initiative in cents.
type item struct {
	rev, cost int64
	p, pEff   float64
	parent    int
	monthly   [12]int64
}

// compile validates initiatives and returns them in input order with
// their parents resolved and effective probabilities, plus a topological
// order (parents before children, input order otherwise).
func compile(inits []Initiative) ([]item, []int, error) {
	if len(inits) > MaxInitiatives {
		return nil, nil, fmt.Errorf("%d initiatives, at most %d: %w", len(inits), MaxInitiatives, ErrTooLarge)
	}
	idx := make(map[string]int, len(inits))
	for i, in := range inits {
		if in.Name == "" {
			return nil, nil, fmt.Errorf("initiative %d: no name: %w", i+1, ErrInvalidInitiative)
		}
		if _, dup := idx[in.Name]; dup {
			return nil, nil, fmt.Errorf("initiative %q twice: %w", in.Name, ErrInvalidInitiative)
		}
		idx[in.Name] = i
	}
	its := make([]item, len(inits))
	for i, in := range inits {
		it := &its[i]
		what := fmt.Sprintf("initiative %q", in.Name)
		if !in.Quadrant.Valid() {
			return nil, nil, fmt.Errorf("%s: %v: %w", what, in.Quadrant, ErrInvalidInitiative)
		}
		var err error
		if it.rev, err = cents(what+" revenue", in.Revenue, true); err != nil {
			return nil, nil, err
		}
		if it.cost, err = cents(what+" cost", in.Cost, true); err != nil {
			return nil, nil, err
		}
		if err := fraction(what+" probability", in.Probability); err != nil {
			return nil, nil, err
		}
		it.p = in.Probability
		if !in.Start.IsMonth() {
			return nil, nil, fmt.Errorf("%s: start %v is not a month: %w", what, in.Start, ErrInvalidInitiative)
		}
		it.parent = -1
		if in.DependsOn != "" {
			j, ok := idx[in.DependsOn]
			if !ok || j == i {
				return nil, nil, fmt.Errorf("%s depends on %q, not an initiative of the list: %w", what, in.DependsOn, ErrInvalidInitiative)
			}
			it.parent = j
		}
		first, _ := in.Start.Span()
		w := make([]decimal.Decimal, 12-first)
		for k := range w {
			x := 1.0
			if len(in.Ramp) > 0 {
				x = in.Ramp[min(k, len(in.Ramp)-1)]
			}
			if !(x >= 0) || math.IsInf(x, 0) {
				return nil, nil, fmt.Errorf("%s: ramp weight %v: %w", what, x, ErrInvalidInitiative)
			}
			w[k] = decimal.NewFromFloat(x)
		}
		if it.rev > 0 {
			parts, err := money.SplitAmount(in.Revenue, w, money.Cent())
			if err != nil {
				return nil, nil, fmt.Errorf("%s: ramp: %w", what, err)
			}
			for k, a := range parts {
				it.monthly[first+k], _ = money.Cent().Count(a)
			}
		}
	}
	// Topological order by depth-first visits; a cycle is an error.
	state := make([]uint8, len(its)) // 0 new, 1 on the path, 2 done
	order := make([]int, 0, len(its))
	for i := range its {
		var path []int
		for j := i; j >= 0 && state[j] == 0; j = its[j].parent {
			state[j] = 1
			path = append(path, j)
			if p := its[j].parent; p >= 0 && state[p] == 1 {
				return nil, nil, fmt.Errorf("initiative %q: dependency cycle: %w", inits[p].Name, ErrInvalidInitiative)
			}
		}
		for k := len(path) - 1; k >= 0; k-- {
			state[path[k]] = 2
			order = append(order, path[k])
		}
	}
	for _, i := range order {
		its[i].pEff = its[i].p
		if p := its[i].parent; p >= 0 {
			its[i].pEff *= its[p].pEff
		}
	}
	return its, order, nil
}

// Outcome is one total of an exact distribution: the revenue the
// successful initiatives bring, in cents, and its probability. The zero
// Outcome is nothing with probability zero.
type Outcome struct {
	Amount      decimal.Decimal
	Probability float64
}

// Closure is one fiscal month of a portfolio: the month's gap, the expected
// revenue of the initiatives and both cumulated from the year's first
// month, in cents. The zero Closure is an empty month.
type Closure struct {
	Gap, Expected, CumGap, CumExpected decimal.Decimal
}

// Portfolio is what a set of initiatives does to a planning gap. The zero
// Portfolio is an empty portfolio against no gap.
type Portfolio struct {
	// Gap is the year's gap (target − baseline), in cents.
	Gap decimal.Decimal
	// Expected is the expected revenue of the initiatives, Σ pᵢ·revenueᵢ
	// with pᵢ the probability that initiative i and everything it depends
	// on succeed, rounded to the cent half away from zero; StdDev its
	// standard deviation (exact, dependencies included), in cents.
	Expected, StdDev decimal.Decimal
	// Variance is the variance of the total, in currency units squared.
	Variance float64
	// Coverage is Expected / Gap (0 when the gap is not positive).
	Coverage float64
	// PClose is the probability that the total reaches the gap (1 when the
	// gap is not positive). PCloseError is its Monte Carlo standard error,
	// zero when Exact.
	PClose, PCloseError float64
	// Exact tells whether the distribution was computed exactly; otherwise
	// it was estimated from Draws simulated years.
	Exact bool
	Draws int
	// Outcomes is the exact distribution of the total, ascending, its
	// probabilities summing to one; nil when not Exact.
	Outcomes []Outcome
	// Success is each initiative's probability of success, its own times
	// those it depends on, in input order.
	Success []float64
	// Cost is the initiatives' total cost, in cents.
	Cost decimal.Decimal
	// Months compares the expected revenue month by month with the gap;
	// the months' Expected sum to Expected exactly.
	Months [12]Closure
}

// PortfolioOptions configures [Evaluate]. The zero PortfolioOptions allows
// [DefaultMaxOutcomes] outcomes in the exact distribution and, beyond it,
// needs Src for [DefaultDraws] simulated years.
type PortfolioOptions struct {
	// MaxOutcomes bounds the exact distribution's size, 1 … 1<<24;
	// 0 means DefaultMaxOutcomes.
	MaxOutcomes int
	// Draws is the number of Monte Carlo years beyond the exact limit,
	// 1 … 10^8; 0 means DefaultDraws.
	Draws int
	// Src is the random source of the Monte Carlo; nil is an error
	// ([ErrNeedSource]) only when the exact distribution is too large.
	Src rand.Source
}

// DefaultMaxOutcomes and DefaultDraws are the defaults of
// [PortfolioOptions].
const (
	DefaultMaxOutcomes = 1 << 20
	DefaultDraws       = 100_000
)

func (o PortfolioOptions) limits() (int, int, error) {
	mo, dr := o.MaxOutcomes, o.Draws
	if mo == 0 {
		mo = DefaultMaxOutcomes
	}
	if dr == 0 {
		dr = DefaultDraws
	}
	if mo < 1 || mo > 1<<24 || dr < 1 || dr > 100_000_000 {
		return 0, 0, fmt.Errorf("options %+v: %w", o, ErrInvalidOption)
	}
	return mo, dr, nil
}

// Evaluate computes what the initiatives do to the gap g: the expected
// closure and its variance, the distribution of the total under
// independent success or failure (an initiative that depends on another
// fails with it), the probability of closing the year's gap, the coverage
// ratio and the month-by-month expected closure against the monthly gap.
//
// The distribution is exact, by convolution on whole cents, while it has at
// most MaxOutcomes distinct totals; beyond, it is estimated from Draws
// simulated years drawn from opt.Src, and PCloseError = √(P(1−P)/Draws).
// Errors wrap [ErrInvalidInitiative], [ErrInvalidAmount],
// [ErrInvalidProbability], [ErrInvalidOption], [ErrOverflow] or
// [ErrNeedSource].
func Evaluate(g Gap, inits []Initiative, opt PortfolioOptions) (Portfolio, error) {
	pf, err := evaluate(g, inits, opt)
	return pf, wrap(err)
}

func evaluate(g Gap, inits []Initiative, opt PortfolioOptions) (Portfolio, error) {
	maxOut, draws, err := opt.limits()
	if err != nil {
		return Portfolio{}, err
	}
	its, order, err := compile(inits)
	if err != nil {
		return Portfolio{}, err
	}
	var gapAcc money.Acc
	var gm [12]int64
	for m := range g.Gap {
		c, err := cents(fmt.Sprintf("gap month %d", m+1), g.Gap[m], false)
		if err != nil {
			return Portfolio{}, err
		}
		gm[m] = c
		gapAcc.Add(c)
	}
	gapC, err := gapAcc.Result()
	if err != nil {
		return Portfolio{}, fmt.Errorf("gap: %w", err)
	}
	pf := Portfolio{Gap: amount(gapC), Success: make([]float64, len(its))}
	var costAcc, revAcc money.Acc
	var mean float64
	var monthly [12]float64
	for i, it := range its {
		pf.Success[i] = it.pEff
		costAcc.Add(it.cost)
		revAcc.Add(it.rev)
		mean += it.pEff * float64(it.rev)
		for m, c := range it.monthly {
			monthly[m] += it.pEff * float64(c)
		}
	}
	cost, err := costAcc.Result()
	if err != nil {
		return Portfolio{}, fmt.Errorf("total cost: %w", err)
	}
	if _, err := revAcc.Result(); err != nil {
		return Portfolio{}, fmt.Errorf("total revenue: %w", err)
	}
	pf.Cost = amount(cost)
	pf.Variance = variance(its, order) / 1e4
	if pf.Expected, err = money.Cent().RoundFloat(mean/100, money.HalfAwayFromZero); err != nil {
		return Portfolio{}, err
	}
	if pf.StdDev, err = money.Cent().RoundFloat(math.Sqrt(pf.Variance), money.HalfAwayFromZero); err != nil {
		return Portfolio{}, err
	}
	if gapC > 0 {
		pf.Coverage = mean / float64(gapC)
	}
	// Months: the expected annual closure split by the months' expected
	// revenue, so that they sum to Expected.
	w := make([]decimal.Decimal, 12)
	for m, x := range monthly {
		w[m] = decimal.NewFromFloat(x)
	}
	var parts []decimal.Decimal
	if mean > 0 {
		if parts, err = money.SplitAmount(pf.Expected, w, money.Cent()); err != nil {
			return Portfolio{}, err
		}
	}
	var cg, ce decimal.Decimal
	for m := range pf.Months {
		e := decimal.Zero
		if parts != nil {
			e = parts[m]
		}
		cg, ce = cg.Add(g.Gap[m]), ce.Add(e)
		pf.Months[m] = Closure{Gap: g.Gap[m], Expected: e, CumGap: cg, CumExpected: ce}
	}
	if d, ok := distribution(its, allOf(len(its)), maxOut); ok {
		pf.Exact = true
		pf.Outcomes = make([]Outcome, len(d))
		for k, a := range d {
			pf.Outcomes[k] = Outcome{amount(a.v), a.p}
		}
		pf.PClose = tail(d, gapC)
		return pf, nil
	}
	if opt.Src == nil {
		return Portfolio{}, fmt.Errorf("%d initiatives have more than %d outcomes for an exact distribution: %w", len(its), maxOut, ErrNeedSource)
	}
	hit := monteCarlo(its, order, nil, gapC, draws, rand.New(opt.Src))
	pf.Draws = draws
	pf.PClose = float64(hit) / float64(draws)
	pf.PCloseError = math.Sqrt(pf.PClose * (1 - pf.PClose) / float64(draws))
	if gapC <= 0 {
		pf.PClose, pf.PCloseError = 1, 0
	}
	return pf, nil
}

// variance is the exact variance of the total in cents², dependencies
// included, by one pass up the dependency trees (order has parents first):
// given that initiative i succeeds, its subtree brings Sᵢ = rᵢ + Σ T_c over
// its children c, independent of each other, so E[Sᵢ] = rᵢ + Σ E[T_c] and
// Var Sᵢ = Σ Var T_c; then Tᵢ is Sᵢ with probability pᵢ and zero otherwise:
// E[Tᵢ] = pᵢ E[Sᵢ], Var Tᵢ = pᵢ (Var Sᵢ + E[Sᵢ]²) − E[Tᵢ]². The roots' trees
// are independent: their variances add.
func variance(its []item, order []int) float64 {
	es := make([]float64, len(its)) // E[Sᵢ] − rᵢ, then E[Sᵢ]: the children's sum
	vs := make([]float64, len(its)) // Var Sᵢ
	total := 0.0
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		it := its[i]
		e := float64(it.rev) + es[i]
		et := it.p * e
		vt := it.p*(vs[i]+e*e) - et*et
		if it.parent >= 0 {
			es[it.parent] += et
			vs[it.parent] += vt
		} else {
			total += vt
		}
	}
	return max(0, total)
}

// monteCarlo counts the simulated years, of draws, in which the chosen
// initiatives (nil: all) bring at least g: each succeeds with its
// probability if what it depends on succeeded (order has parents first).
func monteCarlo(its []item, order []int, chosen []bool, g int64, draws int, r *rand.Rand) int {
	hit := 0
	ok := make([]bool, len(its))
	for range draws {
		var total int64
		for _, i := range order {
			it := its[i]
			ok[i] = (chosen == nil || chosen[i]) && (it.parent < 0 || ok[it.parent]) && r.Float64() < it.p
			if ok[i] {
				total += it.rev // bounded: the total revenue was checked
			}
		}
		if total >= g {
			hit++
		}
	}
	return hit
}

// atom is one point of a distribution on cents.
type atom struct {
	v int64
	p float64
}

func allOf(n int) []bool {
	s := make([]bool, n)
	for i := range s {
		s[i] = true
	}
	return s
}

// distribution is the exact distribution of the total revenue of the chosen
// initiatives (a chosen child's parent must be chosen), or false when it
// would have more than limit points.
func distribution(its []item, chosen []bool, limit int) ([]atom, bool) {
	children := make([][]int, len(its))
	var roots []int
	for i, it := range its {
		if !chosen[i] {
			continue
		}
		if it.parent >= 0 {
			children[it.parent] = append(children[it.parent], i)
		} else {
			roots = append(roots, i)
		}
	}
	var tree func(i int) ([]atom, bool)
	tree = func(i int) ([]atom, bool) {
		d := []atom{{0, 1}}
		for _, c := range children[i] {
			dc, ok := tree(c)
			if !ok {
				return nil, false
			}
			if d, ok = convolve(d, dc, limit); !ok {
				return nil, false
			}
		}
		it := its[i]
		out := make([]atom, 0, len(d)+1)
		out = append(out, atom{0, 1 - it.p})
		for _, a := range d {
			out = append(out, atom{a.v + it.rev, it.p * a.p})
		}
		return merge(out, limit)
	}
	d := []atom{{0, 1}}
	for _, r := range roots {
		dr, ok := tree(r)
		if !ok {
			return nil, false
		}
		if d, ok = convolve(d, dr, limit); !ok {
			return nil, false
		}
	}
	return d, true
}

// convolve is the distribution of the sum of two independent totals.
func convolve(a, b []atom, limit int) ([]atom, bool) {
	if len(a) > 0 && len(b) > (4*limit)/len(a) {
		return nil, false
	}
	out := make([]atom, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, atom{x.v + y.v, x.p * y.p})
		}
	}
	return merge(out, limit)
}

// merge sorts atoms by value, adds the probabilities of equal values and
// drops those of probability zero (keeping at least one).
func merge(d []atom, limit int) ([]atom, bool) {
	slices.SortFunc(d, func(x, y atom) int {
		switch {
		case x.v < y.v:
			return -1
		case x.v > y.v:
			return 1
		}
		return 0
	})
	out := d[:0]
	for _, a := range d {
		if n := len(out); n > 0 && out[n-1].v == a.v {
			out[n-1].p += a.p
			continue
		}
		out = append(out, a)
	}
	kept := out[:0]
	for _, a := range out {
		if a.p > 0 {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		kept = append(kept, atom{0, 1})
	}
	return kept, len(kept) <= limit
}

// tail is P(total ≥ g); 1 when g ≤ 0.
func tail(d []atom, g int64) float64 {
	if g <= 0 {
		return 1
	}
	s := 0.0
	for _, a := range d {
		if a.v >= g {
			s += a.p
		}
	}
	return min(1, s)
}
