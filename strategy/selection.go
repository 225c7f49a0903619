package strategy

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/shopspring/decimal"
)

// MaxExactCandidates is the most candidates [Select] searches exactly.
const MaxExactCandidates = 25

// maxExactNodes bounds the exact search; beyond it the search stops and
// reports the best subset found, with Optimal false.
const maxExactNodes = 5_000_000

// Selection is a chosen subset of candidate initiatives. The zero
// Selection chooses nothing at no cost with probability zero.
type Selection struct {
	// Chosen are the chosen candidates' indexes, ascending, and Names
	// their names.
	Chosen []int
	Names  []string
	// Cost is their total cost in cents; PClose their probability of
	// closing the gap (see [Portfolio.PClose]).
	Cost   decimal.Decimal
	PClose float64
	// Optimal tells whether the subset is proven the least costly one
	// reaching the required probability (the exact search finished).
	Optimal bool
	// Method is "branch and bound" or "greedy"; Nodes counts the search's
	// nodes or the greedy's probability evaluations.
	Method string
	Nodes  int
}

// SelectOptions configures [Select] and [Frontier]. The zero SelectOptions
// searches exactly up to [MaxExactCandidates] candidates and evaluates
// larger subsets with the zero [PortfolioOptions].
type SelectOptions struct {
	// Portfolio bounds the exact distributions of the greedy heuristic and
	// gives its Monte Carlo source.
	Portfolio PortfolioOptions
}

// Select chooses the subset of candidates whose probability of bringing at
// least gap in revenue reaches required (a fraction in (0, 1]) at the least
// total cost; on equal cost the first found in the search order is kept. A
// candidate can be chosen only with the one it depends on.
//
// Up to [MaxExactCandidates] candidates the search is exact: a depth-first
// branch and bound over the candidates (in order of expected revenue per
// cost, dependencies first) that prunes a branch when its cost reaches
// the best found or when an upper bound on its probability — the
// candidates still open taken as independent, revenues rounded up to a
// grid of gap/1024 — falls short; each subset that may qualify is checked
// with its exact distribution. Beyond, a documented heuristic: greedy
// adds the candidate with the largest gain in probability per cost until
// the probability is reached, then drops chosen candidates, the most
// costly first, while it stays reached; Optimal is then false.
//
// Errors wrap [ErrInfeasible] (even all candidates fall short), and those
// of [Evaluate].
func Select(gap decimal.Decimal, cands []Initiative, required float64, opt SelectOptions) (Selection, error) {
	s, err := selectSubset(gap, cands, required, opt)
	return s, wrap(err)
}

func selectSubset(gap decimal.Decimal, cands []Initiative, required float64, opt SelectOptions) (Selection, error) {
	if !(required > 0 && required <= 1) {
		return Selection{}, fmt.Errorf("required probability %v: want a fraction in (0, 1]: %w", required, ErrInvalidProbability)
	}
	g, err := cents("gap", gap, false)
	if err != nil {
		return Selection{}, err
	}
	its, order, err := compile(cands)
	if err != nil {
		return Selection{}, err
	}
	maxOut, _, err := opt.Portfolio.limits()
	if err != nil {
		return Selection{}, err
	}
	ev := &evaluator{its: its, order: order, g: g, maxOut: maxOut, src: opt.Portfolio.Src}
	all := allOf(len(its))
	pAll, err := ev.prob(all)
	if err != nil {
		return Selection{}, err
	}
	if pAll < required {
		return Selection{}, fmt.Errorf("all %d candidates close the gap with probability %.6f < %v: %w", len(its), pAll, required, ErrInfeasible)
	}
	var s Selection
	if len(its) <= MaxExactCandidates {
		s = branchAndBound(ev, required)
	} else {
		s, err = greedy(ev, required)
		if err != nil {
			return Selection{}, err
		}
	}
	var cost int64
	for i, in := range cands {
		if slices.Contains(s.Chosen, i) {
			s.Names = append(s.Names, in.Name)
			cost += its[i].cost
		}
	}
	s.Cost = amount(cost)
	return s, nil
}

// evaluator computes the probability that chosen candidates close the gap.
type evaluator struct {
	its    []item
	order  []int // parents first
	g      int64
	maxOut int
	src    rand.Source
	evals  int
}

func (e *evaluator) prob(chosen []bool) (float64, error) {
	e.evals++
	if e.g <= 0 {
		return 1, nil
	}
	if p, ok := meetInTheMiddle(e.its, chosen, e.g, e.maxOut); ok {
		return p, nil
	}
	if e.src == nil {
		return 0, fmt.Errorf("a subset has more than %d outcomes for an exact probability: %w", e.maxOut, ErrNeedSource)
	}
	return float64(monteCarlo(e.its, e.order, chosen, e.g, DefaultDraws, rand.New(e.src))) / DefaultDraws, nil
}

// meetInTheMiddle is P(total of chosen ≥ g), exactly: the dependency trees
// of the chosen split into two groups of about equal size, each group's
// distribution computed exactly, and P = Σₐ P(A = a)·P(B ≥ g − a).
func meetInTheMiddle(its []item, chosen []bool, g int64, limit int) (float64, bool) {
	root := func(i int) int {
		for its[i].parent >= 0 {
			i = its[i].parent
		}
		return i
	}
	size := map[int]int{}
	var roots []int
	for i := range its {
		if chosen[i] {
			r := root(i)
			if size[r] == 0 {
				roots = append(roots, r)
			}
			size[r]++
		}
	}
	// Largest trees first, each to the smaller group.
	slices.SortStableFunc(roots, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	inA := make([]bool, len(its))
	inB := make([]bool, len(its))
	var na, nb int
	group := map[int]bool{}
	for _, r := range roots {
		if na <= nb {
			group[r], na = true, na+size[r]
		} else {
			nb += size[r]
		}
	}
	for i := range its {
		if chosen[i] {
			if group[root(i)] {
				inA[i] = true
			} else {
				inB[i] = true
			}
		}
	}
	da, ok := distribution(its, inA, limit)
	if !ok {
		return 0, false
	}
	db, ok := distribution(its, inB, limit)
	if !ok {
		return 0, false
	}
	// suffix[k] = P(B ≥ db[k].v).
	suffix := make([]float64, len(db)+1)
	for k := len(db) - 1; k >= 0; k-- {
		suffix[k] = suffix[k+1] + db[k].p
	}
	p := 0.0
	for _, a := range da {
		need := g - a.v
		k := sort.Search(len(db), func(k int) bool { return db[k].v >= need })
		p += a.p * suffix[k]
	}
	return min(1, p), true
}

// bbState is the exact search.
type bbState struct {
	ev       *evaluator
	its      []item
	ord      []int // search order
	required float64
	k        int         // grid cells to the gap
	w        int64       // grid width in cents
	tails    [][]float64 // tails[d][x] = P(coarse total of ord[d:] ≥ x), x = 0 … k
	minCost  []int64     // least cost among ord[d:]
	inc      [][]float64
	chosen   []bool
	best     int64
	bestSet  []bool
	nodes    int
	memo     map[uint32]bool
	stopped  bool
}

func branchAndBound(ev *evaluator, required float64) Selection {
	its := ev.its
	n := len(its)
	if ev.g <= 0 {
		return Selection{Chosen: []int{}, PClose: 1, Optimal: true, Method: "branch and bound"}
	}
	// Search order: by expected revenue per cost, descending, keeping
	// every candidate after the one it depends on.
	byValue := make([]int, n)
	for i := range byValue {
		byValue[i] = i
	}
	ratio := func(i int) float64 {
		if its[i].cost == 0 {
			return math.Inf(1)
		}
		return its[i].pEff * float64(its[i].rev) / float64(its[i].cost)
	}
	slices.SortStableFunc(byValue, func(a, b int) int { return cmp.Compare(ratio(b), ratio(a)) })
	placed := make([]bool, n)
	ord := make([]int, 0, n)
	for len(ord) < n {
		// The best-ranked candidate whose parent is placed.
		pick := -1
		for _, i := range byValue {
			if !placed[i] && (its[i].parent < 0 || placed[its[i].parent]) {
				pick = i
				break
			}
		}
		placed[pick] = true
		ord = append(ord, pick)
	}
	const cells = 1024
	w := max(1, (ev.g+cells-1)/cells)
	k := int((ev.g + w - 1) / w)
	st := &bbState{ev: ev, its: its, ord: ord, required: required, k: k, w: w,
		best: math.MaxInt64, memo: map[uint32]bool{}, chosen: make([]bool, n)}
	st.tails = make([][]float64, n+1)
	st.minCost = make([]int64, n+1)
	st.minCost[n] = math.MaxInt64
	dist := make([]float64, k+1)
	dist[0] = 1
	for d := n; d >= 0; d-- {
		if d < n {
			dist = st.addCoarse(dist, ord[d])
			st.minCost[d] = min(st.minCost[d+1], its[ord[d]].cost)
		}
		t := make([]float64, k+2)
		for x := k; x >= 0; x-- {
			t[x] = t[x+1] + dist[x]
		}
		st.tails[d] = t
	}
	st.inc = make([][]float64, n+1)
	for d := range st.inc {
		st.inc[d] = make([]float64, k+1)
	}
	st.inc[0][0] = 1
	st.search(0, 0, 0)
	s := Selection{Method: "branch and bound", Nodes: st.nodes, Optimal: !st.stopped}
	if st.bestSet == nil {
		// Unreachable when all candidates qualify; keep every candidate.
		st.bestSet = allOf(n)
	}
	for i, c := range st.bestSet {
		if c {
			s.Chosen = append(s.Chosen, i)
		}
	}
	s.PClose, _ = ev.prob(st.bestSet)
	return s
}

// addCoarse convolves a grid distribution with candidate i taken as
// independent with its own probability, revenue rounded up to the grid.
func (st *bbState) addCoarse(d []float64, i int) []float64 {
	it := st.its[i]
	c := int(min(int64(st.k), (it.rev+st.w-1)/st.w))
	out := make([]float64, len(d))
	st.convInto(out, d, c, it.p)
	return out
}

func (st *bbState) convInto(out, d []float64, c int, p float64) {
	k := st.k
	for x := range out {
		out[x] = d[x] * (1 - p)
	}
	for x, v := range d {
		if v != 0 {
			out[min(k, x+c)] += v * p
		}
	}
}

func (st *bbState) search(d int, cost int64, mask uint32) {
	st.nodes++
	if st.nodes > maxExactNodes {
		st.stopped = true
	}
	if st.stopped || cost >= st.best {
		return
	}
	inc := st.inc[d]
	// Does the chosen set qualify already? Adding more only costs more.
	if mask != 0 && inc[st.k] >= st.required-1e-12 {
		ok, seen := st.memo[mask]
		if !seen {
			p, _ := meetInTheMiddle(st.its, st.chosen, st.ev.g, 1<<24)
			st.ev.evals++
			ok = p >= st.required
			st.memo[mask] = ok
		}
		if ok {
			st.best = cost
			st.bestSet = slices.Clone(st.chosen)
			return
		}
	}
	n := len(st.ord)
	if d == n || cost+st.minCost[d] >= st.best {
		return
	}
	// Upper bound: the chosen set plus every open candidate.
	t := st.tails[d]
	bound := 0.0
	for x, v := range inc {
		if v != 0 {
			bound += v * t[st.k-x]
		}
	}
	if bound < st.required-1e-12 {
		return
	}
	i := st.ord[d]
	it := st.its[i]
	if it.parent < 0 || st.chosen[it.parent] {
		c := int(min(int64(st.k), (it.rev+st.w-1)/st.w))
		st.convInto(st.inc[d+1], inc, c, it.p)
		st.chosen[i] = true
		st.search(d+1, cost+it.cost, mask|1<<uint(i))
		st.chosen[i] = false
	}
	copy(st.inc[d+1], inc)
	st.search(d+1, cost, mask)
}

// greedy is the heuristic beyond the exact size.
func greedy(ev *evaluator, required float64) (Selection, error) {
	its := ev.its
	n := len(its)
	chosen := make([]bool, n)
	p := 0.0
	if ev.g <= 0 {
		p = 1
	}
	for p < required {
		bestI, bestScore, bestP := -1, math.Inf(-1), 0.0
		for i := range its {
			if chosen[i] || (its[i].parent >= 0 && !chosen[its[i].parent]) {
				continue
			}
			chosen[i] = true
			q, err := ev.prob(chosen)
			chosen[i] = false
			if err != nil {
				return Selection{}, err
			}
			gain := q - p
			score := gain / float64(max(1, its[i].cost))
			if its[i].cost == 0 && gain >= 0 {
				score = math.Inf(1)
			}
			if score > bestScore {
				bestI, bestScore, bestP = i, score, q
			}
		}
		if bestI < 0 {
			break
		}
		chosen[bestI], p = true, bestP
	}
	// Drop what is not needed, the most costly first.
	byCost := make([]int, 0, n)
	for i, c := range chosen {
		if c {
			byCost = append(byCost, i)
		}
	}
	slices.SortStableFunc(byCost, func(a, b int) int { return cmp.Compare(its[b].cost, its[a].cost) })
	for _, i := range byCost {
		needed := false
		for j := range its {
			if chosen[j] && its[j].parent == i {
				needed = true
			}
		}
		if needed {
			continue
		}
		chosen[i] = false
		q, err := ev.prob(chosen)
		if err != nil {
			return Selection{}, err
		}
		if q >= required {
			p = q
		} else {
			chosen[i] = true
		}
	}
	s := Selection{Method: "greedy", PClose: p, Nodes: ev.evals}
	for i, c := range chosen {
		if c {
			s.Chosen = append(s.Chosen, i)
		}
	}
	return s, nil
}

// DefaultFrontierLevels are the probabilities [Frontier] solves for when
// given none: 0.05, 0.10, …, 0.95 and 0.99.
var DefaultFrontierLevels = []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99}

// Frontier is the efficient frontier of cost against the probability of
// closing the gap: for each required probability of levels (nil:
// [DefaultFrontierLevels]) the least-cost subset by [Select], keeping only
// subsets that no other point dominates (as costly or more with no higher
// probability), ascending in cost. Levels no subset reaches are left out.
// Errors are those of [Select] other than [ErrInfeasible].
func Frontier(gap decimal.Decimal, cands []Initiative, levels []float64, opt SelectOptions) ([]Selection, error) {
	if levels == nil {
		levels = DefaultFrontierLevels
	}
	var pts []Selection
	for _, l := range levels {
		s, err := selectSubset(gap, cands, l, opt)
		if err != nil {
			if errorsIs(err, ErrInfeasible) {
				continue
			}
			return nil, wrap(err)
		}
		pts = append(pts, s)
	}
	slices.SortStableFunc(pts, func(a, b Selection) int {
		if c := a.Cost.Cmp(b.Cost); c != 0 {
			return c
		}
		return cmp.Compare(b.PClose, a.PClose)
	})
	var out []Selection
	for _, s := range pts {
		if len(out) > 0 && s.PClose <= out[len(out)-1].PClose {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}
