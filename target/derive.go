package target

import (
	"fmt"
	"maps"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Derivation is a rule of the plan, kept as data: a metric that every leaf
// computes from other metrics of the same leaf, and that every inner node
// sums from its children. It is how the course links collection, expense and
// profit to revenue, and how a caller adds its own links (a commission at a
// rate of revenue, contribution = profit − a cost metric).
//
// The metric's months are the sum of its terms, month by month:
//
//   - a term with a Rate contributes round(rate × the input's annual amount),
//     half away from zero to the unit once per leaf and year, split over the
//     months in proportion to the input's months (largest remainder);
//   - a term with Collect contributes the input collected by payment terms:
//     of each month's input, Terms[k] arrives k months later (what falls
//     after the year stays receivable), plus the leaf's opening receivables
//     collected by OpeningTerms;
//   - any other term contributes the input's months as they are.
//
// Negate subtracts a term. A plan re-applies every derivation, in an order
// where inputs come first, after each change of an input (a lock, an edit),
// so derived metrics never freeze; [Plan.Lock] refuses to lock one. The zero
// Derivation is invalid: it names no metric.
type Derivation struct {
	Metric Metric // the derived metric; not a target, not derived twice
	Terms  []Term // at least one
}

// Term is one input of a [Derivation]. At most one of Rate and Collect is
// set; a plan has at most one Collect term, whose opening receivables
// [Plan.ClosingReceivables] reports. The zero Term is invalid.
type Term struct {
	// Metric is the input: a target or another derived metric.
	Metric Metric
	// Rate, when set, multiplies the input's annual amount per leaf (its
	// own entry, else its nearest ancestor's). Rates are fractions in
	// [−1000, 1000] (0.18 = 18 %).
	Rate *Rates
	// Collect, when set, collects the input by payment terms.
	Collect *CollectionRule
	// Negate subtracts the term instead of adding it.
	Negate bool
}

// MetricInfo describes one metric of a plan (see [Plan.Metric]).
//
// The zero MetricInfo describes no metric.
type MetricInfo struct {
	Metric        Metric      // the metric's name
	Derived       *Derivation // its rule when it is derived, nil when it is split top-down
	LowerIsBetter bool        // less is better (a cost), for statuses in reviews
}

// Metric describes metric m of the plan: whether it is derived (and by
// which rule; the rule's opening receivables, resolved per leaf, are not
// repeated there) and whether less is better. ok is false when the plan has
// no such metric.
func (p *Plan) Metric(m Metric) (info MetricInfo, ok bool) {
	mi, ok := p.midx[m]
	if !ok {
		return MetricInfo{}, false
	}
	info = MetricInfo{Metric: m, LowerIsBetter: p.lower[mi]}
	for _, d := range p.derived {
		if d.m == mi {
			r := d.rule()
			info.Derived = &r
		}
	}
	return info, true
}

// derivation is a Derivation resolved against a plan's tree and metrics.
type derivation struct {
	spec  Derivation // as given, without opening receivables
	m     int        // the derived metric's index
	terms []term
}

// cloneRates returns a deep copy of r (nil for nil).
func cloneRates(r *Rates) *Rates {
	if r == nil {
		return nil
	}
	c := Rates{Default: r.Default}
	if r.ByNode != nil {
		c.ByNode = make(map[string]decimal.Decimal, len(r.ByNode))
		for id, v := range r.ByNode {
			c.ByNode[id] = v
		}
	}
	return &c
}

// rule returns a deep copy of the derivation's spec.
func (d derivation) rule() Derivation {
	out := Derivation{Metric: d.spec.Metric, Terms: make([]Term, len(d.spec.Terms))}
	for k, t := range d.spec.Terms {
		out.Terms[k] = Term{Metric: t.Metric, Negate: t.Negate, Rate: cloneRates(t.Rate)}
		if c := t.Collect; c != nil {
			out.Terms[k].Collect = &CollectionRule{Terms: slices.Clone(c.Terms), OpeningTerms: slices.Clone(c.OpeningTerms)}
		}
	}
	return out
}

// term is a Term resolved: the input's index, the rate per node, the
// payment-term weights and the opening receivables per leaf.
type term struct {
	in       int
	rate     []decimal.Decimal // per node; nil without a rate
	negate   bool
	collect  bool
	terms    []uint64 // payment terms as integer weights
	open     []uint64 // opening-collection weights
	openLeaf []int64  // opening receivables per leaf (and zero elsewhere)
}

// derivations returns the spec's derivations, shorthands first (collection,
// expense, profit, as the course lists them), then Derived, each validated
// against the targets (seen) and each other, in an order where every input
// comes before the metric derived from it.
func (s Spec) derivations(targets map[Metric]bool) ([]Derivation, error) {
	var ds []Derivation
	if s.Collection != nil {
		ds = append(ds, Derivation{Metric: Collection, Terms: []Term{{Metric: Revenue, Collect: s.Collection}}})
	}
	if s.ExpenseRatio != nil {
		ds = append(ds, Derivation{Metric: Expense, Terms: []Term{{Metric: Revenue, Rate: s.ExpenseRatio}}})
	}
	if s.GrossMargin != nil {
		d := Derivation{Metric: Profit, Terms: []Term{{Metric: Revenue, Rate: s.GrossMargin}}}
		if s.ExpenseRatio != nil || targets[Expense] || slices.ContainsFunc(s.Derived, func(d Derivation) bool { return d.Metric == Expense }) {
			d.Terms = append(d.Terms, Term{Metric: Expense, Negate: true})
		}
		ds = append(ds, d)
	}
	ds = append(ds, s.Derived...)
	return orderDerivations(ds, targets)
}

// orderDerivations validates derivations against the targets and returns
// them with every input before the metrics derived from it (the given order
// where it allows). Errors wrap [ErrInvalidMetric] (an empty, repeated or
// target metric, an unknown input, a cycle, more than one collection term),
// [ErrInvalidID] or [ErrInvalidRate] (a term with both a rate and payment
// terms).
func orderDerivations(ds []Derivation, targets map[Metric]bool) ([]Derivation, error) {
	derived := map[Metric]int{}
	collects := 0
	for k, d := range ds {
		switch {
		case d.Metric == "":
			return nil, fmt.Errorf("plan: derivation %d: no metric: %w", k+1, ErrInvalidMetric)
		case !portable(string(d.Metric)):
			return nil, fmt.Errorf("plan: derived metric %q: %w", d.Metric, ErrInvalidID)
		case targets[d.Metric]:
			return nil, fmt.Errorf("plan: %s is both a target and derived: %w", d.Metric, ErrInvalidMetric)
		case len(d.Terms) == 0:
			return nil, fmt.Errorf("plan: derived %s has no terms: %w", d.Metric, ErrInvalidMetric)
		}
		if _, dup := derived[d.Metric]; dup {
			return nil, fmt.Errorf("plan: %s is derived twice: %w", d.Metric, ErrInvalidMetric)
		}
		derived[d.Metric] = k
		for _, t := range d.Terms {
			if t.Rate != nil && t.Collect != nil {
				return nil, fmt.Errorf("plan: derived %s: a term of %s with both a rate and payment terms: %w", d.Metric, t.Metric, ErrInvalidRate)
			}
			if t.Collect != nil {
				collects++
			}
		}
	}
	if collects > 1 {
		return nil, fmt.Errorf("plan: %d collection terms, at most one: %w", collects, ErrInvalidMetric)
	}
	for _, d := range ds {
		for _, t := range d.Terms {
			if _, ok := derived[t.Metric]; !ok && !targets[t.Metric] {
				return nil, fmt.Errorf("plan: derived %s needs %s, which the plan neither targets nor derives: %w", d.Metric, t.Metric, ErrInvalidMetric)
			}
		}
	}
	// Depth-first topological order; a grey node seen again is a cycle.
	const (
		white = iota
		grey
		black
	)
	state := make([]int, len(ds))
	out := make([]Derivation, 0, len(ds))
	var visit func(k int, path []Metric) error
	visit = func(k int, path []Metric) error {
		switch state[k] {
		case black:
			return nil
		case grey:
			return fmt.Errorf("plan: derived metrics form a cycle: %v: %w", append(path, ds[k].Metric), ErrInvalidMetric)
		}
		state[k] = grey
		for _, t := range ds[k].Terms {
			if j, ok := derived[t.Metric]; ok {
				if err := visit(j, append(path, ds[k].Metric)); err != nil {
					return err
				}
			}
		}
		state[k] = black
		out = append(out, ds[k])
		return nil
	}
	for k := range ds {
		if err := visit(k, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// derived resolves the derivations of a new plan, whose targets are split
// already, and derives their metrics.
func (b *builder) derived(ds []Derivation) error {
	p := b.p
	for _, d := range ds {
		rd, err := p.resolve(d, func(c *CollectionRule, in int) ([]int64, error) { return b.openingByLeaf(c.Opening, in) })
		if err != nil {
			return err
		}
		p.derived = append(p.derived, rd)
	}
	return p.derive()
}

// resolve turns a validated derivation into its per-node form; opening
// returns the opening receivables per leaf of a collection term.
func (p *Plan) resolve(d Derivation, opening func(c *CollectionRule, in int) ([]int64, error)) (derivation, error) {
	t := p.tree
	rd := derivation{m: p.midx[d.Metric]}
	rd.spec = Derivation{Metric: d.Metric}
	for _, tm := range d.Terms {
		rt := term{in: p.midx[tm.Metric], negate: tm.Negate}
		// The plan keeps its own copy of the rule: a caller who edits its
		// Rates later changes neither the plan nor what it writes.
		spec := Term{Metric: tm.Metric, Negate: tm.Negate, Rate: cloneRates(tm.Rate)}
		if tm.Rate != nil {
			lo, hi, what := decimal.NewFromInt(-1000), decimal.NewFromInt(1000), fmt.Sprintf("rate of %s in %s", tm.Metric, d.Metric)
			switch {
			case d.Metric == Expense && len(d.Terms) == 1 && tm.Metric == Revenue:
				lo, what = decimal.Zero, "expense ratio"
			case d.Metric == Profit && tm.Metric == Revenue:
				lo, hi, what = decimal.NewFromInt(-1), decimal.NewFromInt(1), "gross margin"
			}
			var err error
			if rt.rate, err = rateTable(t, tm.Rate, what, lo, hi); err != nil {
				return derivation{}, err
			}
		}
		if cr := tm.Collect; cr != nil {
			rt.collect = true
			var err error
			if rt.terms, err = termWeights(cr.Terms, "payment terms", true); err != nil {
				return derivation{}, err
			}
			if cr.OpeningTerms != nil {
				if rt.open, err = termWeights(cr.OpeningTerms, "opening terms", false); err != nil {
					return derivation{}, err
				}
			} else {
				// Tail of the terms: w_j = Σ_{k>j} terms_k.
				for j := 0; j+1 < len(rt.terms); j++ {
					var sum uint64
					for _, x := range rt.terms[j+1:] {
						sum += x
					}
					rt.open = append(rt.open, sum)
				}
				if len(rt.open) == 0 {
					rt.open = []uint64{1}
				}
			}
			if rt.openLeaf, err = opening(cr, rt.in); err != nil {
				return derivation{}, err
			}
			spec.Collect = &CollectionRule{Terms: slices.Clone(cr.Terms), OpeningTerms: slices.Clone(cr.OpeningTerms)}
		}
		rd.terms = append(rd.terms, rt)
		rd.spec.Terms = append(rd.spec.Terms, spec)
	}
	return rd, nil
}

// isDerived reports whether metric m is derived.
func (p *Plan) isDerived(m Metric) bool {
	mi, ok := p.midx[m]
	return ok && slices.ContainsFunc(p.derived, func(d derivation) bool { return d.m == mi })
}

// feedsDerived reports whether a derived metric depends on metric index mi.
func (p *Plan) feedsDerived(mi int) bool {
	return slices.ContainsFunc(p.derived, func(d derivation) bool {
		return slices.ContainsFunc(d.terms, func(t term) bool { return t.in == mi })
	})
}

// derive recomputes the derived metrics, in order, leaf by leaf, and sums
// them up the tree. A derived amount or sum beyond ±10^18 units is a
// [CellError] wrapping [ErrOverflow]; the derived rows are then unspecified,
// and a caller that must leave the plan unchanged restores them.
func (p *Plan) derive() error {
	t := p.tree
	var sp money.Splitter
	w := make([]uint64, 12)
	dst := make([]int64, 12)
	buf := make([]int64, 12)
	var acc [12]money.Acc
	for _, d := range p.derived {
		lo, hi := p.lay.monthly().metricSpan(d.m)
		clear(p.cells[lo:hi])
		for i := range t.Len() {
			if len(t.kids(i)) > 0 {
				continue
			}
			acc = [12]money.Acc{}
			for _, tm := range d.terms {
				r := p.row(tm.in, i)
				switch {
				case tm.rate != nil:
					a, err := applyRate(r[FY], tm.rate[i])
					if err != nil {
						return p.cellErr(d.m, i, FY, err)
					}
					for k, v := range r[:12] {
						w[k] = uint64(max(v, -v))
					}
					if !sp.Split(dst, a, w) {
						clear(dst)
					}
				case tm.collect:
					clear(dst)
					var c [12]money.Acc
					for m := range 12 {
						if r[m] == 0 {
							continue
						}
						parts := buf[:len(tm.terms)]
						sp.Split(parts, r[m], tm.terms)
						for k, v := range parts {
							if m+k < 12 {
								c[m+k].Add(v)
							}
						}
					}
					if o := tm.openLeaf[i]; o != 0 {
						parts := buf[:len(tm.open)]
						sp.Split(parts, o, tm.open)
						for k, v := range parts {
							c[k].Add(v)
						}
					}
					for k := range 12 {
						v, ok := c[k].Value()
						if !ok {
							return p.cellErr(d.m, i, Period(k), fmt.Errorf("collection: %w", ErrOverflow))
						}
						dst[k] = v
					}
				default:
					copy(dst, r[:12])
				}
				for k, v := range dst {
					if tm.negate {
						acc[k].Sub(v)
					} else {
						acc[k].Add(v)
					}
				}
			}
			row := p.months(d.m, i)
			for k := range 12 {
				v, ok := acc[k].Value()
				if !ok {
					return p.cellErr(d.m, i, Period(k), ErrOverflow)
				}
				row[k] = v
			}
		}
		if err := p.rollUp(d.m); err != nil {
			return err
		}
	}
	return p.rollOpening()
}

// deriveOrRestore re-derives the derived metrics after an input changed.
// If a derived amount overflows, it puts back the derived rows and opening
// receivables as they were and returns the error; the caller undoes its own
// change of the input. Only what derive writes is saved.
func (p *Plan) deriveOrRestore() error {
	saved := make([][]int64, len(p.derived))
	savedAggs := make([]map[int]int64, len(p.derived))
	for k, d := range p.derived {
		lo, hi := p.lay.monthly().metricSpan(d.m)
		saved[k] = slices.Clone(p.cells[lo:hi])
		savedAggs[k] = p.aggsOf(d.m)
	}
	opening := slices.Clone(p.opening)
	if err := p.derive(); err != nil {
		for k, d := range p.derived {
			lo, _ := p.lay.monthly().metricSpan(d.m)
			copy(p.cells[lo:], saved[k])
			p.clearAggs(d.m)
			maps.Copy(p.aggs, savedAggs[k])
		}
		p.opening = opening
		return err
	}
	return nil
}

// rollOpening sets the opening receivables of every node from its leaves'
// (those of the plan's collection term); without one it leaves them.
func (p *Plan) rollOpening() error {
	for _, d := range p.derived {
		for _, tm := range d.terms {
			if !tm.collect {
				continue
			}
			return p.setOpening(tm.openLeaf, d.m)
		}
	}
	return nil
}

// setOpening sets the opening receivables of every node from those of the
// leaves (zero elsewhere in leaves), summed up the tree; an overflow is a
// [CellError] on metric m.
func (p *Plan) setOpening(leaves []int64, m int) error {
	t := p.tree
	p.opening = append(p.opening[:0], leaves...)
	for i := t.Len() - 1; i > 0; i-- {
		v, err := money.Add(p.opening[t.parent[i]], p.opening[i])
		if err != nil {
			return p.cellErr(m, int(t.parent[i]), M1, fmt.Errorf("opening receivables: %w", err))
		}
		p.opening[t.parent[i]] = v
	}
	return nil
}

// collectTerm returns the plan's collection term and its metric's index,
// or ok false when it has none.
func (p *Plan) collectTerm() (tm term, m int, ok bool) {
	for _, d := range p.derived {
		for _, t := range d.terms {
			if t.collect {
				return t, d.m, true
			}
		}
	}
	return term{}, 0, false
}

// equal reports whether two resolved derivations compute the same: the same
// metric and terms, rates per node, payment terms and leaf openings.
func (d derivation) equal(e derivation) bool {
	return d.m == e.m && slices.EqualFunc(d.terms, e.terms, term.equal)
}

func (t term) equal(u term) bool {
	return t.in == u.in && t.negate == u.negate && t.collect == u.collect &&
		slices.EqualFunc(t.rate, u.rate, decimal.Decimal.Equal) &&
		slices.Equal(t.terms, u.terms) && slices.Equal(t.open, u.open) && slices.Equal(t.openLeaf, u.openLeaf)
}
