package target

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/hugepage"
	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Metric names a measure of the plan. The four result metrics of the course
// are predefined; any other non-empty name is a caller-defined metric.
//
// The zero Metric (empty) is not a valid metric.
type Metric string

// The course's result metrics.
const (
	Revenue    Metric = "revenue"
	Collection Metric = "collection"
	Profit     Metric = "profit"
	Expense    Metric = "expense"
)

var metricChinese = map[Metric]string{Revenue: "销售额", Collection: "回款额", Profit: "利润", Expense: "费用"}

// Title returns the metric's name in English (its own text) or, for a
// Chinese language tag ("zh", "zh-CN", …), the course's Chinese for the four
// result metrics: 销售额, 回款额, 利润, 费用. Other metrics keep their text.
func (m Metric) Title(tag string) string {
	if zh, ok := metricChinese[m]; ok && lang.Chinese(tag) {
		return zh
	}
	return string(m)
}

// Target is an annual target for one metric, split top-down over the tree.
//
// The zero Target names no metric and is invalid in a [Spec].
type Target struct {
	// Metric is the metric's name.
	Metric Metric
	// Annual is the company's (the root's) target for the fiscal year. It
	// must be a multiple of the plan's unit.
	Annual decimal.Decimal
	// Weights optionally overrides [Spec.Weights] for this metric, by level.
	Weights map[string]WeightSource
}

// Spec describes a plan to build with [NewPlan].
//
// The zero Spec is invalid: it has no tree and no targets.
type Spec struct {
	// Tree is the organisation; required.
	Tree *Tree
	// Calendar is the fiscal year; required (StartYear must be set).
	Calendar Calendar
	// Unit is the rounding unit of every amount; zero means 0.01.
	Unit decimal.Decimal
	// Targets are the metrics split top-down, in this order.
	Targets []Target
	// Weights says how each level shares its parent's amount, keyed by the
	// level name of the children being split (a parent whose children are on
	// several levels uses its first child's level). Levels not listed use
	// DefaultWeights.
	Weights map[string]WeightSource
	// DefaultWeights applies to levels missing from Weights; its zero value
	// is an equal split.
	DefaultWeights WeightSource
	// Profiles gives nodes their own monthly profile, keyed by node ID. A
	// node without one inherits its nearest ancestor's; the root's default is
	// DefaultProfile.
	Profiles map[string]Profile
	// NodeProfiles gives nodes their own monthly profile by position
	// instead of by ID: NodeProfiles[i] is the profile of the i-th node of
	// [Tree.Nodes] (the position [Tree.Index] reports), and a zero Profile
	// gives that node none of its own. It is for large trees, where
	// building the map of Profiles costs more than the plan. Nil means no
	// profiles by position; otherwise its length is the tree's, and
	// Profiles is empty.
	NodeProfiles []Profile
	// DefaultProfile is the root's profile when Profiles has none for the
	// root; the zero value means equal months ([FlatProfile]).
	DefaultProfile Profile
	// Derived lists metrics computed from others, leaf by leaf, instead of
	// split top-down (see [Derivation]); they follow every lock of their
	// inputs and cannot be locked themselves.
	Derived []Derivation
	// Collection, when set, derives the collection metric from revenue: a
	// shorthand for a [Derivation] of [Collection] with one [Term] of
	// [Revenue] collected by these payment terms.
	Collection *CollectionRule
	// ExpenseRatio, when set, derives expense as a ratio of revenue, in
	// [0, 1000]: a shorthand for a Derivation of [Expense] with one rate
	// term of [Revenue].
	ExpenseRatio *Rates
	// GrossMargin, when set, derives profit = margin × revenue − expense,
	// the margin in [−1, 1] (without an expense metric, margin × revenue): a
	// shorthand for a Derivation of [Profit].
	GrossMargin *Rates
	// LowerIsBetter lists the metrics for which less is better (costs):
	// nil means [Expense]. [Plan.Metric] reports it and [NewReview] uses it
	// unless its config says otherwise.
	LowerIsBetter []Metric
}

// Rates is a rate that may differ by node: a node's rate is its own entry in
// ByNode, else its nearest ancestor's, else Default. Rates are fractions
// (0.35 = 35 %). The zero Rates is a rate of zero everywhere.
type Rates struct {
	Default decimal.Decimal            // the root's rate
	ByNode  map[string]decimal.Decimal // rates of nodes and their subtrees, by node ID
}

// CollectionRule derives the cash-collection metric from revenue through
// payment terms: of each month's revenue, Terms[k] is collected k months
// later (Terms = 0.3, 0.5, 0.2: 30 % in the month of sale, 50 % the month after
// and 20 % the month after that). Revenue collected after the fiscal year
// ends stays in closing receivables.
//
// The zero CollectionRule has no payment terms and is invalid.
type CollectionRule struct {
	// Terms are non-negative shares summing to exactly one, at most 12.
	Terms []decimal.Decimal
	// Opening holds opening receivables by node ID; an amount on an inner
	// node is spread over the leaves below it by their annual revenue.
	// Amounts on several nodes add up.
	Opening map[string]decimal.Decimal
	// OpeningTerms are the weights of the first months in which opening
	// receivables are collected. Nil means the tail of Terms: the collection
	// pattern of a prior year with flat monthly sales (for 0.3, 0.5, 0.2:
	// weights 0.7 and 0.2 in months 1 and 2).
	OpeningTerms []decimal.Decimal
}

// Plan is a target plan: an amount for every node × metric × period of a
// fiscal year, every amount a whole multiple of the plan's unit. A plan made
// by [NewPlan] or [Plan.Lock] is coherent: every parent equals the sum of its
// children and every quarter, half and year equals the sum of its months,
// exactly, for every node and metric. A plan read from a file or changed with
// [Plan.Set] may not be; [Plan.Check] lists every incoherent cell.
//
// Amounts are held as int64 counts of the unit, so cells are limited to
// ±10^18 units. The read methods are safe for concurrent use; Set, Lock and
// Unlock modify the plan and must not run concurrently with any other method.
//
// The zero Plan is not usable: make one with [NewPlan], [ReadCSV] or [ReadJSON] (or decode into it with [Plan.UnmarshalJSON]).
type Plan struct {
	tree    *Tree
	cal     Calendar
	unit    money.Unit
	metrics []Metric
	midx    map[Metric]int
	lay     layout  // the cells' indexes, 19 periods a row (locks, aggs, errors)
	cells   []int64 // the twelve months of every row, laid out by lay.monthly()
	// aggs holds the quarters, halves and years, by cell index, that differ
	// from the sum of their months (a plan read from a file or edited with
	// Set); every other aggregate is that sum. Empty in a coherent plan.
	aggs    map[int]int64
	locks   cellSet
	opening []int64      // opening receivables per node; nil without collection rule
	derived []derivation // derived metrics in the order they are computed
	lower   []bool       // lower is better, by metric index
	noHist  []NoHistoryUse
}

// NoHistoryUse reports a node whose share of its parent, for the listed
// metrics, came from the [NoHistory] policy of a history-based split
// because it had no history in the window: a new customer or project.
//
// The zero NoHistoryUse names no node.
type NoHistoryUse struct {
	Node    string    // the node's ID
	Policy  NoHistory // the policy that decided its share
	Metrics []Metric  // the targets split that way, in plan order
}

// WithoutHistory returns the nodes whose shares came from a no-history
// policy, in depth-first order: with the default [ZeroShare] they have no
// share of those targets, so that the caller can lock their targets or
// choose another policy knowingly. A plan read from a file reports none.
func (p *Plan) WithoutHistory() []NoHistoryUse {
	out := make([]NoHistoryUse, len(p.noHist))
	for k, u := range p.noHist {
		out[k] = u
		out[k].Metrics = slices.Clone(u.Metrics)
	}
	slices.SortStableFunc(out, func(a, b NoHistoryUse) int { return p.tree.byID.pos(a.Node) - p.tree.byID.pos(b.Node) })
	return out
}

// noteNoHistory records that node i's share of metric m came from policy;
// idx finds a node's earlier record, so that many nodes without history
// cost linear time.
func (p *Plan) noteNoHistory(idx map[noHistKey]int, i int, m Metric, policy NoHistory) {
	key := noHistKey{i, policy}
	if k, ok := idx[key]; ok {
		if u := &p.noHist[k]; !slices.Contains(u.Metrics, m) {
			u.Metrics = append(u.Metrics, m)
		}
		return
	}
	idx[key] = len(p.noHist)
	p.noHist = append(p.noHist, NoHistoryUse{Node: p.tree.nodes[i].ID, Policy: policy, Metrics: []Metric{m}})
}

// noHistKey identifies a [NoHistoryUse] while a plan is built.
type noHistKey struct {
	node   int
	policy NoHistory
}

// newPlan returns an all-zero plan.
func newPlan(t *Tree, cal Calendar, unit money.Unit, metrics []Metric) *Plan {
	p := &Plan{tree: t, cal: cal, unit: unit, metrics: metrics, midx: map[Metric]int{}, locks: cellSet{},
		lay: planLayout(len(metrics), t.Len()), lower: make([]bool, len(metrics))}
	for i, m := range metrics {
		p.midx[m] = i
		p.lower[i] = m == Expense
	}
	p.cells = make([]int64, p.lay.monthly().size())
	hugepage.Advise(p.cells)
	return p
}

// setLowerIsBetter marks the listed metrics as lower-is-better and the
// others not; nil keeps the default ([Expense]).
func (p *Plan) setLowerIsBetter(ms []Metric) error {
	if ms == nil {
		return nil
	}
	clear(p.lower)
	for _, m := range ms {
		mi, ok := p.midx[m]
		if !ok {
			return fmt.Errorf("plan: lower-is-better metric %q: %w", m, ErrUnknownMetric)
		}
		p.lower[mi] = true
	}
	return nil
}

// months returns the stored months of node i and metric m, which the
// caller may write.
func (p *Plan) months(m, i int) []int64 {
	return rowOf(p.lay.monthly(), p.cells, m, i)
}

// row returns every period of node i and metric m, indexed by [Period]:
// the months as stored and each aggregate from aggs or, as almost always,
// the sum of its months. The sums cannot leave int64: an aggregate not in
// aggs was the sum of the same months, within ±10^18 units, when the row
// was stored, and the wrapping partial sums give it exactly.
func (p *Plan) row(m, i int) [numPeriods]int64 {
	var r [numPeriods]int64
	copy(r[:12], p.months(m, i))
	sumAggregates(r[:])
	if len(p.aggs) > 0 {
		base := p.lay.base(m, i)
		for per := Q1; per <= FY; per++ {
			if v, ok := p.aggs[base+int(per)]; ok {
				r[per] = v
			}
		}
	}
	return r
}

// at returns one cell of node i and metric m.
func (p *Plan) at(m, i int, per Period) int64 {
	ms := p.months(m, i)
	if per <= M12 {
		return ms[per]
	}
	if len(p.aggs) > 0 {
		if v, ok := p.aggs[p.cell(m, i, per)]; ok {
			return v
		}
	}
	first, last := per.Span()
	var s int64
	for _, v := range ms[first:last] {
		s += v
	}
	return s
}

// setRow stores every period of node i and metric m, each within ±10^18
// units: the months, and in aggs the aggregates that differ from the sums
// of their months.
func (p *Plan) setRow(m, i int, r *[numPeriods]int64) {
	copy(p.months(m, i), r[:12])
	sums := *r
	sumAggregates(sums[:])
	base := p.lay.base(m, i)
	for per := Q1; per <= FY; per++ {
		c := base + int(per)
		switch {
		case r[per] != sums[per]:
			if p.aggs == nil {
				p.aggs = map[int]int64{}
			}
			p.aggs[c] = r[per]
		case len(p.aggs) > 0:
			delete(p.aggs, c)
		}
	}
}

// setCell writes one cell, leaving every other cell of the row as it was:
// a month's quarter, half and year keep their amounts.
func (p *Plan) setCell(m, i int, per Period, u int64) {
	r := p.row(m, i)
	r[per] = u
	p.setRow(m, i, &r)
}

// clearAggs makes every aggregate of metric m the sum of its months.
func (p *Plan) clearAggs(m int) {
	for c := range p.aggs {
		if cm, _, _ := p.lay.coords(c); cm == m {
			delete(p.aggs, c)
		}
	}
}

// aggsOf returns a copy of the aggregates in aggs of metric m.
func (p *Plan) aggsOf(m int) map[int]int64 {
	out := map[int]int64{}
	for c, v := range p.aggs {
		if cm, _, _ := p.lay.coords(c); cm == m {
			out[c] = v
		}
	}
	return out
}

// cell returns the index of a cell: the key of locks and aggs.
func (p *Plan) cell(m, i int, per Period) int {
	return p.lay.at(m, i, int(per))
}

// sumAggregates sets the quarters, halves and year of a row from its
// months. With months within ±10^18 units only the year can wrap int64, and
// then only when it lies beyond the bound itself.
func sumAggregates(r []int64) {
	for q := range 4 {
		r[int(Q1)+q] = r[3*q] + r[3*q+1] + r[3*q+2]
	}
	r[H1] = r[Q1] + r[Q2]
	r[H2] = r[Q3] + r[Q4]
	r[FY] = r[H1] + r[H2]
}

// fillAggregates sets the quarters, halves and year of a row from its
// months, which must be within ±10^18 units. It returns the first aggregate
// beyond the bound, or FY+1 when there is none: the sums are exact up to
// the first one beyond it (with quarters in range, a half is at most
// 2·10^18 and so is the year of halves in range).
func fillAggregates(r []int64) Period {
	sumAggregates(r)
	for per := Q1; per <= FY; per++ {
		if !money.InRange(r[per]) {
			return per
		}
	}
	return FY + 1
}

// aggregatesErr returns the error of a row whose aggregate per left the
// bound, or nil when per is FY+1 (see fillAggregates).
func (p *Plan) aggregatesErr(m, i int, per Period) error {
	if per > FY {
		return nil
	}
	return p.cellErr(m, i, per, fmt.Errorf("sum of months: %w", ErrOverflow))
}

// cellErr wraps err in a [CellError] naming node i, metric m and period per.
func (p *Plan) cellErr(m, i int, per Period, err error) error {
	return &CellError{Node: p.tree.nodes[i].ID, Metric: p.metrics[m], Period: per, Err: err}
}

// rollUp sets every inner node's months of metric m to the sum of its
// children's, and the aggregates of every row. A sum beyond ±10^18 units is
// a [CellError] wrapping [ErrOverflow]; the rows are then unspecified.
func (p *Plan) rollUp(m int) error {
	t := p.tree
	p.clearAggs(m)
	var acc [12]money.Acc
	var r [numPeriods]int64
	for i := t.Len() - 1; i >= 0; i-- {
		ms := p.months(m, i)
		if kids := t.kids(i); len(kids) > 0 {
			acc = [12]money.Acc{}
			for _, c := range kids {
				for k, v := range p.months(m, c) {
					acc[k].Add(v)
				}
			}
			for k := range 12 {
				v, ok := acc[k].Value()
				if !ok {
					return p.cellErr(m, i, Period(k), fmt.Errorf("sum of children: %w", ErrOverflow))
				}
				ms[k] = v
			}
		}
		copy(r[:12], ms)
		if err := p.aggregatesErr(m, i, fillAggregates(r[:])); err != nil {
			return err
		}
	}
	return nil
}

// toUnits converts an amount to plan units, checking the multiple and range.
func (p *Plan) toUnits(what string, a decimal.Decimal) (int64, error) {
	u, err := p.unit.Count(a)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return u, nil
}

// amount converts plan units to an amount.
func (p *Plan) amount(u int64) decimal.Decimal { return p.unit.Amount(u) }

// NewPlan builds the plan that s describes.
//
// For each target, the root's annual amount is split down the tree: each
// parent's amount is shared among its children by the weight source of their
// level (see [Tree.Shares] and [ShareScale]) with the largest-remainder
// method of [Allocate]. Months follow the profiles: every node with its own profile
// (and the root) owns the leaves below it that have no nearer owner; the
// owner's share of that mass is split over the twelve months by its profile,
// and then passed down level by level, each child taking a largest-remainder
// split of what its parent's months still hold. A node whose subtree has no
// other profile therefore gets exactly its profile's split of its amount, and
// every parent is exactly the sum of its children. Linked metrics
// (collection, expense ratio, gross margin) are derived per leaf from its
// revenue and summed upwards; see [CollectionRule] and [Rates].
//
// Rounding: every split is in whole units with the largest-remainder method
// (ties to the earlier part); rates are applied to a leaf's annual revenue
// and rounded once, half away from zero, to the unit.
//
// Errors wrap [ErrInvalidSpec] (no tree, no targets), [ErrInvalidMetric]
// (an empty or repeated metric, a linked metric that is also a target, a
// linked rule without a revenue target), [ErrInvalidID] (a metric name a file
// cannot carry), [ErrUnknownLevel] (weights for a level the tree lacks),
// [ErrInvalidCalendar], [ErrInvalidUnit], [ErrNotMultiple], [ErrOverflow]
// (an amount, or a derived amount or sum, beyond 10^18 units),
// [ErrUnknownNode] (a profile or rate for an unknown node), [ErrInvalidRate],
// the errors of [Tree.Shares] and of [Profile.Validate].
func NewPlan(s Spec) (*Plan, error) {
	res, err := buildPlan(s)
	return res, wrap(err)
}

// buildPlan is [NewPlan] with its errors not yet prefixed.
func buildPlan(s Spec) (*Plan, error) {
	if s.Tree == nil {
		return nil, fmt.Errorf("plan: no tree: %w", ErrInvalidSpec)
	}
	if err := s.Calendar.validate(); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	unit, err := unitOrCent(s.Unit)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	t := s.Tree
	var metrics []Metric
	seen := map[Metric]bool{}
	for _, tg := range s.Targets {
		if tg.Metric == "" || seen[tg.Metric] {
			return nil, fmt.Errorf("plan: metric %q empty or repeated: %w", tg.Metric, ErrInvalidMetric)
		}
		if !portable(string(tg.Metric)) {
			return nil, fmt.Errorf("plan: metric %q: %w", tg.Metric, ErrInvalidID)
		}
		seen[tg.Metric] = true
		metrics = append(metrics, tg.Metric)
	}
	derived, err := s.derivations(seen)
	if err != nil {
		return nil, err
	}
	for _, d := range derived {
		metrics = append(metrics, d.Metric)
	}
	if len(metrics) == 0 {
		return nil, fmt.Errorf("plan: no targets: %w", ErrInvalidSpec)
	}
	if err := checkLevels(t, "weights", s.Weights); err != nil {
		return nil, err
	}
	for _, tg := range s.Targets {
		if err := checkLevels(t, fmt.Sprintf("%s weights", tg.Metric), tg.Weights); err != nil {
			return nil, err
		}
	}
	if s.NodeProfiles != nil {
		if len(s.NodeProfiles) != t.Len() {
			return nil, fmt.Errorf("plan: %d node profiles for %d nodes: %w", len(s.NodeProfiles), t.Len(), ErrInvalidSpec)
		}
		if len(s.Profiles) > 0 {
			return nil, fmt.Errorf("plan: both profiles by ID and node profiles: %w", ErrInvalidSpec)
		}
	}
	p := newPlan(t, s.Calendar, unit, metrics)
	if err := p.setLowerIsBetter(s.LowerIsBetter); err != nil {
		return nil, err
	}

	b := builder{p: p, noHist: map[noHistKey]int{}}
	work := make([]metricWork, len(s.Targets))
	for m, tg := range s.Targets {
		if work[m], err = b.prepare(m, tg, s, work[:m]); err != nil {
			// A bad profile is reported first, as if the profiles were
			// read before the weights.
			if perr := b.checkProfiles(s); perr != nil {
				return nil, perr
			}
			return nil, err
		}
	}
	if err := b.splitAll(s, work); err != nil {
		return nil, err
	}
	if err := b.derived(derived); err != nil {
		return nil, err
	}
	return p, nil
}

// checkLevels returns an error wrapping [ErrUnknownLevel] for the first key
// of ws, in sorted order, that names no level of t: a misspelt level would
// otherwise fall back to the default weights without a word.
func checkLevels(t *Tree, what string, ws map[string]WeightSource) error {
	if len(ws) == 0 {
		return nil
	}
	levels := t.Levels()
	keys := make([]string, 0, len(ws))
	for k := range ws {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(levels, k) {
			return fmt.Errorf("plan: %s for level %q; the tree has %q: %w", what, k, levels, ErrUnknownLevel)
		}
	}
	return nil
}

// MustNewPlan is like [NewPlan] but panics on error; for tests and examples.
func MustNewPlan(s Spec) *Plan {
	p, err := NewPlan(s)
	if err != nil {
		panic(fmt.Sprintf("target.NewPlan(%d targets) failed: %v", len(s.Targets), err))
	}
	return p
}

// splitShares are the integer weights of one parent's children and the
// children (by position) that had no history.
type splitShares struct {
	w       []uint64
	missing []int
}

// builder holds the state of one NewPlan call.
type builder struct {
	p *Plan
	// owned marks the nodes whose months their own profile decides (the
	// root always: its own or the default profile); the others share their
	// parent's months. innerWeights holds the month weights of the owned
	// inner nodes; a leaf's are used as its profile is read.
	owned        []bool
	innerWeights map[int]*[12]uint64
	noHist       map[noHistKey]int
	sp           money.Splitter
}

// profileWeights returns the integer month weights of profile pr of node
// i, or its error.
func (b *builder) profileWeights(i int, pr Profile) (w [12]uint64, err error) {
	if err = pr.validate(); err == nil {
		err = money.FloatWeights(w[:], pr[:])
	}
	if err != nil {
		return w, fmt.Errorf("plan: profile of %q: %w", b.p.tree.nodes[i].ID, err)
	}
	return w, nil
}

// ownerChunk is the number of nodes one goroutine of
// [builder.visitProfiles] looks up at a time.
const ownerChunk = 1 << 14

// ownedNode is a node with a profile of its own and the profile's weights.
type ownedNode struct {
	i int
	w [12]uint64
}

// checkProfiles returns the error of the first bad profile in tree order,
// or of a profile of an unknown node; nil when all are good.
func (b *builder) checkProfiles(s Spec) error {
	_, err := b.visitProfiles(s, false, func(int, [12]uint64) {})
	return err
}

// visitProfiles calls f for every node with a profile of its own, with its
// weights, in tree order within each chunk of ownerChunk nodes and on
// several goroutines when parallel is true, and returns the number of
// profiles and the first bad one's error in tree order whatever the map's
// order (f may then have been called for nodes after it).
func (b *builder) visitProfiles(s Spec, parallel bool, f func(i int, w [12]uint64)) (int, error) {
	t := b.p.tree
	n := t.Len()
	if s.NodeProfiles != nil {
		return b.visitNodeProfiles(s.NodeProfiles, parallel, f)
	}
	if len(s.Profiles) < n/4 {
		// Few profiles: walk the map rather than look up every node.
		at := make([]int, 0, len(s.Profiles))
		for id := range s.Profiles {
			i, ok := t.byID.get(id)
			if !ok {
				return 0, unknownProfile(t, s.Profiles)
			}
			at = append(at, i)
		}
		slices.Sort(at)
		for _, i := range at {
			w, err := b.profileWeights(i, s.Profiles[t.nodes[i].ID])
			if err != nil {
				return 0, err
			}
			f(i, w)
		}
		return len(at), nil
	}
	total, err := visitChunks(n, parallel, func(lo, hi int) (found int, err error) {
		// The lookups of a batch run back to back, before any splitting,
		// so that their cache misses overlap instead of each waiting for
		// the work on the profile before it.
		var prs [profileBatch]Profile
		var has [profileBatch]bool
		for blo := lo; blo < hi; blo += profileBatch {
			bhi := min(hi, blo+profileBatch)
			for i := blo; i < bhi; i++ {
				prs[i-blo], has[i-blo] = s.Profiles[t.nodes[i].ID]
			}
			for i := blo; i < bhi; i++ {
				if !has[i-blo] {
					continue
				}
				w, err := b.profileWeights(i, prs[i-blo])
				if err != nil {
					return found, err
				}
				found++
				f(i, w)
			}
		}
		return found, nil
	})
	if err != nil {
		return 0, err
	}
	if total < len(s.Profiles) {
		return 0, unknownProfile(t, s.Profiles)
	}
	return total, nil
}

// visitNodeProfiles is [builder.visitProfiles] for profiles by position:
// prs[i] is node i's, and a zero Profile is none.
func (b *builder) visitNodeProfiles(prs []Profile, parallel bool, f func(i int, w [12]uint64)) (int, error) {
	return visitChunks(len(prs), parallel, func(lo, hi int) (found int, err error) {
		for i := lo; i < hi; i++ {
			if prs[i] == (Profile{}) {
				continue
			}
			w, err := b.profileWeights(i, prs[i])
			if err != nil {
				return found, err
			}
			found++
			f(i, w)
		}
		return found, nil
	})
}

// visitChunks calls chunk for the nodes [lo, hi) of every chunk of
// ownerChunk nodes below n, on several goroutines when parallel is true,
// and returns the sum of the counts they found, or the error of the first
// chunk in node order that failed.
func visitChunks(n int, parallel bool, chunk func(lo, hi int) (found int, err error)) (int, error) {
	chunks := (n + ownerChunk - 1) / ownerChunk
	errs := make([]error, chunks)
	found := make([]int, chunks)
	parallelFor(chunks, parallel && chunks > 1, func(k int) {
		found[k], errs[k] = chunk(k*ownerChunk, min(n, (k+1)*ownerChunk))
	})
	total := 0
	for k, err := range errs {
		if err != nil {
			return 0, err
		}
		total += found[k]
	}
	return total, nil
}

// profileBatch is the number of profiles [builder.visitProfiles] looks up
// before it splits them.
const profileBatch = 64

// parallelFor calls f(0) … f(n−1), on up to GOMAXPROCS goroutines when
// parallel is true. Each call must write only its own part of any shared
// state.
func parallelFor(n int, parallel bool, f func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if !parallel || workers <= 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	wg.Add(workers)
	for range workers {
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				f(k)
			}
		}()
	}
	wg.Wait()
}

// source returns the weight source for the children of node i.
func (b *builder) source(i int, tg Target, s Spec) WeightSource {
	t := b.p.tree
	lvl := t.nodes[t.kids(i)[0]].Level
	if w, ok := tg.Weights[lvl]; ok {
		return w
	}
	if w, ok := s.Weights[lvl]; ok {
		return w
	}
	return s.DefaultWeights
}

// metricWork is one target metric's split, prepared in order (units,
// shares, the no-history notes) so that the splits themselves, which write
// only their metric's cells, can run in parallel.
type metricWork struct {
	m      int
	total  int64
	shares []*splitShares // the shares of each inner node's children; nil for leaves
}

// prepare resolves the annual target and the children's shares of every
// inner node for metric m, sharing the shares with the earlier metrics that
// use the same weight source: all of them when every level's source is the
// same, as when no target has weights of its own.
func (b *builder) prepare(m int, tg Target, s Spec, earlier []metricWork) (metricWork, error) {
	p, t := b.p, b.p.tree
	total, err := p.toUnits(fmt.Sprintf("plan: annual %s", tg.Metric), tg.Annual)
	if err != nil {
		return metricWork{}, err
	}
	w := metricWork{m: m, total: total}
	for j, e := range earlier {
		if sameSources(s, s.Targets[j], tg) {
			w.shares = e.shares
			for i, sh := range w.shares {
				if sh == nil {
					continue
				}
				for _, k := range sh.missing {
					p.noteNoHistory(b.noHist, t.kids(i)[k], tg.Metric, b.source(i, tg, s).NoHistory)
				}
			}
			return w, nil
		}
	}
	w.shares = make([]*splitShares, t.Len())
	inner := 0
	for i := range t.Len() {
		kids := t.kids(i)
		if len(kids) > 0 {
			inner++
		}
	}
	slab := make([]splitShares, 0, inner) // one allocation for every node's
	for i := range t.Len() {
		kids := t.kids(i)
		if len(kids) == 0 {
			continue
		}
		src := b.source(i, tg, s)
		var sh *splitShares
		for j, e := range earlier {
			if b.source(i, s.Targets[j], s) == src {
				sh = e.shares[i]
				break
			}
		}
		if sh == nil {
			slab = append(slab, splitShares{})
			sh = &slab[len(slab)-1]
			if sh.w, sh.missing, err = t.splitWeights(i, src); err != nil {
				return metricWork{}, fmt.Errorf("plan: %s: %w", tg.Metric, err)
			}
		}
		for _, k := range sh.missing {
			p.noteNoHistory(b.noHist, kids[k], tg.Metric, src.NoHistory)
		}
		w.shares[i] = sh
	}
	return w, nil
}

// sameSources reports whether targets a and b take the same weight source
// at every level: they differ only at the levels where one of them has
// weights of its own.
func sameSources(s Spec, a, b Target) bool {
	resolve := func(tg Target, lvl string) WeightSource {
		if w, ok := tg.Weights[lvl]; ok {
			return w
		}
		if w, ok := s.Weights[lvl]; ok {
			return w
		}
		return s.DefaultWeights
	}
	for _, ws := range []map[string]WeightSource{a.Weights, b.Weights} {
		for lvl := range ws {
			if resolve(a, lvl) != resolve(b, lvl) {
				return false
			}
		}
	}
	return true
}

// parallelCells is the number of cells from which a plan's metrics are
// split on several goroutines: below it, starting them costs more than
// the split.
const parallelCells = 1 << 16

// splitAll runs the prepared splits in steps, each on up to GOMAXPROCS
// goroutines for a large plan: the annual amounts of every node, a metric
// per goroutine; the profiles, read once in tree order, a leaf's months of
// every metric split as its profile is read; the parts of the inner nodes'
// amounts their children without a profile inherit, a metric per
// goroutine; the other months, a subtree per goroutine; the roll-up, a
// metric per goroutine. Each step writes disjoint cells and the error
// reported is the first in tree or metric order, so the plan is the same
// however the goroutines are scheduled.
func (b *builder) splitAll(s Spec, work []metricWork) error {
	p, t := b.p, b.p.tree
	par := p.lay.singleMetric().size() >= parallelCells
	parallelFor(len(work), par, func(k int) { b.annual(work[k]) })

	b.owned = make([]bool, t.Len())
	b.innerWeights = map[int]*[12]uint64{}
	chunks := (t.Len() + ownerChunk - 1) / ownerChunk
	inner := make([][]ownedNode, chunks) // by chunk, so that goroutines write apart
	own := func(i int, w [12]uint64, sp *money.Splitter) {
		b.owned[i] = true
		if len(t.kids(i)) > 0 {
			inner[i/ownerChunk] = append(inner[i/ownerChunk], ownedNode{i, w})
			return
		}
		for _, wk := range work {
			ms := p.months(wk.m, i)
			sp.Split(ms, ms[0], w[:])
		}
	}
	sps := make([]money.Splitter, chunks)
	if _, err := b.visitProfiles(s, par, func(i int, w [12]uint64) { own(i, w, &sps[i/ownerChunk]) }); err != nil {
		return err
	}
	sps = nil
	if !b.owned[0] {
		dp := s.DefaultProfile
		if dp == (Profile{}) {
			dp = FlatProfile()
		}
		w, err := b.profileWeights(0, dp)
		if err != nil {
			return err
		}
		own(0, w, &b.sp)
	}
	for _, c := range inner {
		for _, o := range c {
			b.innerWeights[o.i] = &o.w
		}
	}
	parallelFor(len(work), par, func(k int) { b.inherit(work[k].m) })
	b.allMonths(work, par)
	errs := make([]error, len(work))
	parallelFor(len(work), par, func(k int) { errs[k] = p.rollUp(work[k].m) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// annual splits one target over the nodes. Until its months are split, a
// node's annual amount waits in its first month's cell, which the split
// reads before it writes the months (no array of amounts beside the
// cells: 35 MB for four metrics of a million leaves).
func (b *builder) annual(w metricWork) {
	p, t := b.p, b.p.tree
	p.months(w.m, 0)[0] = w.total
	var sp money.Splitter
	var part []int64
	for i := range t.Len() {
		kids := t.kids(i)
		if len(kids) == 0 {
			continue
		}
		part = slices.Grow(part[:0], len(kids))[:len(kids)]
		sp.Split(part, p.months(w.m, i)[0], w.shares[i].w)
		for k, c := range kids {
			p.months(w.m, c)[0] = part[k]
		}
	}
}

// inherit replaces each inner node's annual amount of metric m, waiting
// in its first month's cell, by the part of it whose months its profile
// decides: the amounts of its children without a profile of their own,
// which inherit its months. A leaf's stays its whole amount. Children come
// after their parent, so bottom-up an inner node's amount is no longer
// needed when its part is written over it.
func (b *builder) inherit(m int) {
	p, t := b.p, b.p.tree
	for i := t.Len() - 1; i >= 0; i-- {
		kids := t.kids(i)
		if len(kids) == 0 {
			continue
		}
		var s int64
		for _, c := range kids {
			if !b.owned[c] {
				s += p.months(m, c)[0]
			}
		}
		p.months(m, i)[0] = s
	}
}

// allMonths spreads the inherited parts over the months of every node and
// metric (see [builder.nodeMonths]). A node's months depend only on its
// parent's, so for a large plan the nodes above the first depth with a few
// nodes per goroutine are done first, in order, and the subtrees of that
// depth's nodes then in parallel.
func (b *builder) allMonths(work []metricWork, par bool) {
	t := b.p.tree
	var sp money.Splitter
	workers := runtime.GOMAXPROCS(0)
	if !par || workers <= 1 {
		for i := range t.Len() {
			b.nodeMonths(i, work, &sp)
		}
		return
	}
	var perDepth []int
	for _, d32 := range t.depth {
		d := int(d32)
		for len(perDepth) <= d {
			perDepth = append(perDepth, 0)
		}
		perDepth[d]++
	}
	split := 0
	for split < len(perDepth)-1 && perDepth[split] < 4*workers {
		split++
	}
	var units [][2]int // the node range of each subtree at depth split
	start := -1
	for i, d32 := range t.depth {
		switch d := int(d32); {
		case d < split:
			if start >= 0 {
				units, start = append(units, [2]int{start, i}), -1
			}
			b.nodeMonths(i, work, &sp)
		case d == split:
			if start >= 0 {
				units = append(units, [2]int{start, i})
			}
			start = i
		}
	}
	if start >= 0 {
		units = append(units, [2]int{start, t.Len()})
	}
	parallelFor(len(units), true, func(k int) {
		var sp money.Splitter
		for i := units[k][0]; i < units[k][1]; i++ {
			b.nodeMonths(i, work, &sp)
		}
	})
}

// nodeMonths spreads, for every metric, inner node i's inherited part over
// the months by its profile when it has one (see NewPlan), and then over its
// children without a profile of their own in proportion to those months,
// the last child taking what is left so that their months sum to the
// parent's exactly. The roll-up then replaces an inner node's months by
// the sum of its children's.
func (b *builder) nodeMonths(i int, work []metricWork, sp *money.Splitter) {
	p, t := b.p, b.p.tree
	kids := t.kids(i)
	if len(kids) == 0 {
		return // a leaf's months: its profile's (split as it was read) or its parent's
	}
	if w := b.innerWeights[i]; w != nil {
		for _, wk := range work {
			ms := p.months(wk.m, i)
			sp.Split(ms, ms[0], w[:])
		}
	}
	last := -1
	for _, c := range kids {
		if !b.owned[c] {
			last = c
		}
	}
	if last < 0 {
		return
	}
	var w [12]uint64
	for _, wk := range work {
		var rem [12]int64
		copy(rem[:], p.months(wk.m, i))
		for _, c := range kids {
			if b.owned[c] {
				continue
			}
			mc := p.months(wk.m, c)
			if c == last {
				copy(mc, rem[:])
				break
			}
			for q, r := range rem {
				w[q] = uint64(max(r, -r))
			}
			if !sp.Split(mc, mc[0], w[:]) {
				clear(mc) // nothing left to share: its amount is zero
			}
			for q := range rem {
				rem[q] -= mc[q]
			}
		}
	}
}

// unknownProfile returns the error for the least ID of profiles that is not
// a node of t.
func unknownProfile(t *Tree, profiles map[string]Profile) error {
	var bad []string
	for id := range profiles {
		if !t.byID.has(id) {
			bad = append(bad, id)
		}
	}
	return fmt.Errorf("plan: profile for %q: %w", slices.Min(bad), ErrUnknownNode)
}

// rateTable resolves a Rates per node: own entry, else the parent's.
func rateTable(t *Tree, r *Rates, what string, lo, hi decimal.Decimal) ([]decimal.Decimal, error) {
	check := func(id string, v decimal.Decimal) error {
		if v.LessThan(lo) || v.GreaterThan(hi) {
			return fmt.Errorf("plan: %s of %q: %s outside [%s, %s]: %w", what, id, v, lo, hi, ErrInvalidRate)
		}
		return nil
	}
	if err := check(t.Root(), r.Default); err != nil {
		return nil, err
	}
	for id, v := range r.ByNode {
		if !t.byID.has(id) {
			return nil, fmt.Errorf("plan: %s for %q: %w", what, id, ErrUnknownNode)
		}
		if err := check(id, v); err != nil {
			return nil, err
		}
	}
	out := make([]decimal.Decimal, t.Len())
	for i, nd := range t.nodes {
		switch v, ok := r.ByNode[nd.ID]; {
		case ok:
			out[i] = v
		case i == 0:
			out[i] = r.Default
		default:
			out[i] = out[t.parent[i]]
		}
	}
	return out, nil
}

// applyRate returns u·rate rounded half away from zero to a whole unit, or
// an error wrapping [ErrOverflow] beyond ±10^18 units.
func applyRate(u int64, rate decimal.Decimal) (int64, error) {
	return money.MulRate(u, rate, money.HalfAwayFromZero)
}

// openingByLeaf spreads opening receivables over the leaves below each
// node by their annual amount of metric rev (equally when that is all zero).
func (b *builder) openingByLeaf(opening map[string]decimal.Decimal, rev int) ([]int64, error) {
	p, t := b.p, b.p.tree
	out := make([]int64, t.Len())
	for id, a := range opening {
		i, ok := t.byID.get(id)
		if !ok {
			return nil, fmt.Errorf("plan: opening receivables for %q: %w", id, ErrUnknownNode)
		}
		u, err := p.toUnits(fmt.Sprintf("plan: opening receivables of %q", id), a)
		if err != nil {
			return nil, err
		}
		var sub []int
		for j := i; j < t.Len() && (j == i || t.depth[j] > t.depth[i]); j++ {
			if len(t.kids(j)) == 0 {
				sub = append(sub, j)
			}
		}
		cur := make([]int64, len(sub))
		for k, j := range sub {
			cur[k] = p.at(rev, j, FY)
		}
		parts := make([]int64, len(sub))
		b.sp.SplitLike(parts, u, cur)
		for k, j := range sub {
			v, err := money.Add(out[j], parts[k])
			if err != nil {
				return nil, fmt.Errorf("plan: opening receivables of %q: %w", t.nodes[j].ID, err)
			}
			out[j] = v
		}
	}
	return out, nil
}

// termWeights validates payment terms (non-negative, at most 12, summing to
// one when exact is set) and returns them as integer weights.
func termWeights(ts []decimal.Decimal, what string, exact bool) ([]uint64, error) {
	if len(ts) == 0 || len(ts) > 12 {
		return nil, fmt.Errorf("plan: %s: %d terms, need 1 to 12: %w", what, len(ts), ErrInvalidRate)
	}
	w := make([]uint64, len(ts))
	sum, fast, err := money.ScaleWeights(w, ts)
	if err != nil {
		return nil, fmt.Errorf("plan: %s: %w", what, err)
	}
	if !fast || sum == 0 {
		return nil, fmt.Errorf("plan: %s: %w", what, ErrInvalidRate)
	}
	if exact && !decimal.Sum(ts[0], ts[1:]...).Equal(decimal.NewFromInt(1)) {
		return nil, fmt.Errorf("plan: %s sum to %s, not 1: %w", what, decimal.Sum(ts[0], ts[1:]...), ErrInvalidRate)
	}
	return w, nil
}

// Tree returns the plan's organisation tree.
func (p *Plan) Tree() *Tree { return p.tree }

// Calendar returns the plan's fiscal calendar.
func (p *Plan) Calendar() Calendar { return p.cal }

// Unit returns the plan's rounding unit.
func (p *Plan) Unit() decimal.Decimal { return p.unit.Decimal() }

// Metrics returns the plan's metrics in order.
func (p *Plan) Metrics() []Metric { return append([]Metric(nil), p.metrics...) }

// index resolves a node, metric and period.
func (p *Plan) index(node string, m Metric, per Period) (int, int, error) {
	i, ok := p.tree.byID.get(node)
	if !ok {
		return 0, 0, fmt.Errorf("node %q: %w", node, ErrUnknownNode)
	}
	mi, ok := p.midx[m]
	if !ok {
		return 0, 0, fmt.Errorf("metric %q: %w", m, ErrUnknownMetric)
	}
	if !per.Valid() {
		return 0, 0, fmt.Errorf("period %d: %w", per, ErrInvalidPeriod)
	}
	return i, mi, nil
}

// Amount returns the amount of one cell.
func (p *Plan) Amount(node string, m Metric, per Period) (decimal.Decimal, error) {
	res, err := p.cellAmount(node, m, per)
	return res, wrap(err)
}

// cellAmount is [Plan.Amount] with its errors not yet prefixed.
func (p *Plan) cellAmount(node string, m Metric, per Period) (decimal.Decimal, error) {
	i, mi, err := p.index(node, m, per)
	if err != nil {
		return decimal.Decimal{}, err
	}
	return p.amount(p.at(mi, i, per)), nil
}

// Amounts returns every period of a node and metric, indexed by [Period]
// (M1 … M12, Q1 … Q4, H1, H2, FY).
func (p *Plan) Amounts(node string, m Metric) ([]decimal.Decimal, error) {
	res, err := p.amounts(node, m)
	return res, wrap(err)
}

// amounts is [Plan.Amounts] with its errors not yet prefixed.
func (p *Plan) amounts(node string, m Metric) ([]decimal.Decimal, error) {
	i, mi, err := p.index(node, m, FY)
	if err != nil {
		return nil, err
	}
	out := make([]decimal.Decimal, numPeriods)
	for k, u := range p.row(mi, i) {
		out[k] = p.amount(u)
	}
	return out, nil
}

// ClosingReceivables returns a node's receivables at the end of the fiscal
// year: opening receivables + annual revenue − annual collection. It needs a
// plan built with a [CollectionRule] ([ErrUnknownMetric] otherwise).
func (p *Plan) ClosingReceivables(node string) (decimal.Decimal, error) {
	res, err := p.closingReceivables(node)
	return res, wrap(err)
}

// closingReceivables is [Plan.ClosingReceivables] with its errors not yet prefixed.
func (p *Plan) closingReceivables(node string) (decimal.Decimal, error) {
	i, ok := p.tree.byID.get(node)
	if !ok {
		return decimal.Decimal{}, fmt.Errorf("node %q: %w", node, ErrUnknownNode)
	}
	tm, col, ok := p.collectTerm()
	if !ok || p.opening == nil {
		return decimal.Decimal{}, fmt.Errorf("closing receivables need a derived collection: %w", ErrUnknownMetric)
	}
	// Three terms within ±10^18 units: exact in int64.
	return p.amount(p.opening[i] + p.at(tm.in, i, FY) - p.at(col, i, FY)), nil
}

// Clone returns a deep copy of the plan.
func (p *Plan) Clone() *Plan {
	q := *p
	q.metrics = append([]Metric(nil), p.metrics...)
	q.cells = append([]int64(nil), p.cells...)
	q.aggs = maps.Clone(p.aggs)
	q.locks = p.locks.clone(0)
	if p.opening != nil {
		q.opening = append([]int64(nil), p.opening...)
	}
	q.midx = make(map[Metric]int, len(p.midx))
	for k, v := range p.midx {
		q.midx[k] = v
	}
	return &q
}

// Set writes one cell without touching any other of its metric, as a hand
// edit would: the plan may become incoherent until the other cells are
// edited too ([Plan.Check] lists them). The derived metrics are derived
// again from the edited inputs (a derived metric itself cannot be set:
// [ErrDerivedMetric]). To change a cell and keep the plan coherent, use
// [Plan.Lock]. Errors wrap [ErrUnknownNode], [ErrUnknownMetric],
// [ErrInvalidPeriod], [ErrNotMultiple], [ErrDerivedMetric] or [ErrOverflow]
// (also when a derived amount would overflow; the edit is then undone).
func (p *Plan) Set(node string, m Metric, per Period, amount decimal.Decimal) error {
	return wrap(p.set(node, m, per, amount))
}

// set is [Plan.Set] with its errors not yet prefixed.
func (p *Plan) set(node string, m Metric, per Period, amount decimal.Decimal) error {
	i, mi, err := p.index(node, m, per)
	if err != nil {
		return fmt.Errorf("set: %w", err)
	}
	if p.isDerived(m) {
		return fmt.Errorf("set %s %s %s: %s is derived from other metrics: %w", node, m, per, m, ErrDerivedMetric)
	}
	u, err := p.toUnits(fmt.Sprintf("set %s %s %s", node, m, per), amount)
	if err != nil {
		return err
	}
	old := p.at(mi, i, per)
	p.setCell(mi, i, per, u)
	if p.feedsDerived(mi) {
		// The derived metrics follow the edit; if one overflows, the edit
		// is undone.
		if err := p.deriveOrRestore(); err != nil {
			p.setCell(mi, i, per, old)
			return fmt.Errorf("set %s %s %s: %w", node, m, per, err)
		}
	}
	return nil
}

// Mismatch is an incoherent cell found by [Plan.Check]: the cell holds Have,
// but the sum it should equal is Want. Kind is "children" when the sum is over
// the node's children and "months" when it is over the period's months.
//
// The zero Mismatch names no cell.
type Mismatch struct {
	Node   string          // the incoherent node
	Metric Metric          // its metric
	Period Period          // its period
	Kind   string          // "children" or "months"
	Have   decimal.Decimal // the amount in the cell
	Want   decimal.Decimal // the sum it should equal
}

// String describes the mismatch.
func (m Mismatch) String() string {
	return fmt.Sprintf("%s %s %s: %s, sum of %s %s", m.Node, m.Metric, m.Period, m.Have, m.Kind, m.Want)
}

// Check verifies that the plan is coherent and returns every incoherent cell,
// in node, metric and period order; nil means coherent. A quarter, half or
// year that differs from the sum of its months is a "months" mismatch; any
// period of an inner node that differs from the sum of its children is a
// "children" mismatch.
func (p *Plan) Check() []Mismatch {
	var out []Mismatch
	t := p.tree
	var sum [numPeriods]money.Acc
	// matches reports whether the exact sum s, which may lie beyond int64
	// for a plan read from a file, equals the cell v; want is that sum as
	// an amount, built only for a mismatch.
	matches := func(s money.Acc, v int64) bool {
		w, ok := s.Value()
		return ok && w == v
	}
	want := func(s money.Acc) decimal.Decimal {
		if v, ok := s.Value(); ok {
			return p.amount(v)
		}
		return p.unit.BigAmount(s.Big())
	}
	for i := range t.Len() {
		for mi, m := range p.metrics {
			r := p.row(mi, i)
			for per := Q1; per <= FY; per++ {
				first, last := per.Span()
				var s money.Acc
				for _, v := range r[first:last] {
					s.Add(v)
				}
				if !matches(s, r[per]) {
					out = append(out, Mismatch{t.nodes[i].ID, m, per, "months", p.amount(r[per]), want(s)})
				}
			}
			kids := t.kids(i)
			if len(kids) == 0 {
				continue
			}
			sum = [numPeriods]money.Acc{}
			for _, c := range kids {
				cr := p.row(mi, c)
				for k := range sum {
					sum[k].Add(cr[k])
				}
			}
			for per := M1; per <= FY; per++ {
				if !matches(sum[per], r[per]) {
					out = append(out, Mismatch{t.nodes[i].ID, m, per, "children", p.amount(r[per]), want(sum[per])})
				}
			}
		}
	}
	return out
}

// Gap compares, at one node, the top-down target with the bottom-up sum of
// commitments (see [Plan.Gaps]).
//
// The zero Gap names no node.
type Gap struct {
	Node     string          // the node's ID
	Level    string          // the node's level
	TopDown  decimal.Decimal // the plan's amount
	BottomUp decimal.Decimal // the commitments below the node, summed
	// Gap is TopDown − BottomUp: positive when commitments fall short.
	Gap decimal.Decimal
	// Committed and Leaves count the leaves below the node that are covered
	// by a commitment, and all of them.
	Committed, Leaves int
}

// Gaps rolls commitments (bottom-up figures, such as key-account managers'
// forecasts or signed contracts, keyed by node ID, for metric m and period
// per) up the tree and returns, for every node in depth-first order, its
// top-down target, the bottom-up sum and the gap. A commitment on an inner
// node covers its whole subtree; nodes without any commitment below them
// count zero. Errors wrap [ErrUnknownNode], [ErrUnknownMetric],
// [ErrInvalidPeriod], [ErrNotMultiple], [ErrOverflow], or [ErrNestedCommitment]
// when a commitment lies inside another's subtree.
func (p *Plan) Gaps(m Metric, per Period, commitments map[string]decimal.Decimal) ([]Gap, error) {
	res, err := p.gaps(m, per, commitments)
	return res, wrap(err)
}

// gaps is [Plan.Gaps] with its errors not yet prefixed.
func (p *Plan) gaps(m Metric, per Period, commitments map[string]decimal.Decimal) ([]Gap, error) {
	t := p.tree
	_, mi, err := p.index(t.Root(), m, per)
	if err != nil {
		return nil, fmt.Errorf("gaps: %w", err)
	}
	n := t.Len()
	up := make([]int64, n)
	has := make([]bool, n)
	for id, a := range commitments {
		i, ok := t.byID.get(id)
		if !ok {
			return nil, fmt.Errorf("gaps: commitment for %q: %w", id, ErrUnknownNode)
		}
		u, err := p.toUnits(fmt.Sprintf("gaps: commitment of %q", id), a)
		if err != nil {
			return nil, err
		}
		up[i], has[i] = u, true
	}
	// Reject nested commitments: walk down marking covered subtrees.
	cover := make([]int, n) // index+1 of the covering commitment
	for i := range n {
		if pi := int(t.parent[i]); pi >= 0 && cover[pi] > 0 {
			cover[i] = cover[pi]
			if has[i] {
				return nil, fmt.Errorf("gaps: commitment for %q lies under the one for %q: %w",
					t.nodes[i].ID, t.nodes[cover[i]-1].ID, ErrNestedCommitment)
			}
		} else if has[i] {
			cover[i] = i + 1
		}
	}
	leaves := make([]int, n)
	committed := make([]int, n)
	for i := n - 1; i >= 0; i-- {
		if len(t.kids(i)) == 0 {
			leaves[i] = 1
			if cover[i] > 0 {
				committed[i] = 1
			}
		}
		if has[i] {
			continue
		}
		var s money.Acc
		for _, c := range t.kids(i) {
			s.Add(up[c])
		}
		v, ok := s.Value()
		if !ok {
			return nil, p.cellErr(mi, i, per, fmt.Errorf("gaps: sum of commitments: %w", ErrOverflow))
		}
		up[i] = v
	}
	for i := n - 1; i > 0; i-- {
		leaves[t.parent[i]] += leaves[i]
		committed[t.parent[i]] += committed[i]
	}
	out := make([]Gap, n)
	for i, nd := range t.nodes {
		td := p.at(mi, i, per)
		out[i] = Gap{
			Node: nd.ID, Level: nd.Level,
			TopDown: p.amount(td), BottomUp: p.amount(up[i]), Gap: p.amount(td - up[i]),
			Committed: committed[i], Leaves: leaves[i],
		}
	}
	return out, nil
}

// unitOrCent returns the rounding unit u, or 0.01 when u is zero.
func unitOrCent(u decimal.Decimal) (money.Unit, error) {
	if u.IsZero() {
		return money.Cent(), nil
	}
	return money.NewUnit(u)
}

// Equal reports whether p and q are the same plan: the same nodes (ID,
// parent, name and level, in order), fiscal calendar, unit, metrics in
// order with the same lower-is-better flags and derivations, amounts,
// opening receivables and locks — so that the same edit gives equal plans
// again. It ignores what the tree was built from (weights, potentials,
// history) and how the plan was made.
func (p *Plan) Equal(q *Plan) bool {
	if p == q {
		return true
	}
	if p == nil || q == nil || p.tree.Len() != q.tree.Len() || !p.cal.equal(q.cal) ||
		!p.unit.Decimal().Equal(q.unit.Decimal()) || !slices.Equal(p.metrics, q.metrics) ||
		!slices.Equal(p.lower, q.lower) || !slices.Equal(p.cells, q.cells) || !maps.Equal(p.aggs, q.aggs) ||
		!slices.Equal(p.opening, q.opening) || len(p.locks) != len(q.locks) ||
		!slices.EqualFunc(p.derived, q.derived, derivation.equal) {
		return false
	}
	for i, a := range p.tree.nodes {
		b := q.tree.nodes[i]
		if a.ID != b.ID || a.Parent != b.Parent || a.Name != b.Name || a.Level != b.Level {
			return false
		}
	}
	for c := range p.locks {
		if !q.locks.has(c) {
			return false
		}
	}
	return true
}
