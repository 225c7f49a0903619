package target

import (
	"fmt"
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Lock fixes one cell at amount and rebalances the plan around it, so that
// the plan stays coherent, every earlier lock holds, and every total that is
// not locked stays put: a customer's commitment is taken from its siblings, a
// region's June from its other months.
//
// Locking a year (FY) fixes the node's annual amount: its unlocked siblings
// share the difference in proportion to their current amounts, and every
// changed node passes the change down to its children the same way. Locking
// a month keeps the node's year: its other months, and the same month of
// its siblings, absorb the change. Locking a quarter or a half locks its
// months, split by their current amounts. Locking a cell of the root changes
// the company total and so every node below.
//
// Rebalancing uses the current plan as the weights: annual amounts are
// re-split by the largest-remainder method, and each changed group of
// siblings × months is refitted by iterative proportional fitting on the
// current amounts (additive fitting where signs are mixed), then rounded to
// whole units with exact row and column sums. Groups whose totals did not
// change are left untouched.
//
// When collection, expense or profit are linked to revenue (see [Spec]), a
// revenue lock derives them again; locking a linked metric itself is an
// error wrapping [ErrDerivedMetric].
//
// Lock needs a coherent plan ([ErrIncoherent]) and fails with
// [ErrLockConflict], leaving the plan unchanged, when the locks cannot all
// hold; other errors are those of [Plan.Set].
func (p *Plan) Lock(node string, m Metric, per Period, amount decimal.Decimal) error {
	return wrap(p.lock(node, m, per, amount))
}

// lock is [Plan.Lock] with its errors not yet prefixed.
func (p *Plan) lock(node string, m Metric, per Period, amount decimal.Decimal) error {
	i, mi, err := p.index(node, m, per)
	if err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	if p.isDerived(m) {
		return fmt.Errorf("lock %s %s %s: %s is derived from other metrics; lock its inputs instead: %w", node, m, per, m, ErrDerivedMetric)
	}
	u, err := p.toUnits(fmt.Sprintf("lock %s %s %s", node, m, per), amount)
	if err != nil {
		return err
	}
	for _, mm := range p.Check() {
		if mm.Metric == m {
			return fmt.Errorf("lock: %s: %w", mm, ErrIncoherent)
		}
	}
	r := rebalancer{
		p:     p,
		m:     mi,
		vals:  p.expand(mi),
		locks: p.locks.clone(3),
		pins:  cellSet{},
		dirty: make([]bool, p.tree.Len()),
	}
	r.implyLocks()
	row := r.row(i)
	where := fmt.Sprintf("lock %s %s %s", node, m, per)
	switch {
	case per == FY || per.IsMonth():
		delta := u - row[per]
		row[per] = u
		r.locks.add(p.cell(mi, i, per))
		top, err := r.propagate(i, per, delta)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if per.IsMonth() {
			if err := r.compensate(i, top, per, delta); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			if top == 0 {
				if err := r.refitRoot(); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
			}
		}
	default:
		deltas, err := r.lockSpan(i, per, u)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for _, d := range deltas {
			top, err := r.propagate(i, Period(d.month), d.delta)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			if top == 0 {
				if err := r.refitRoot(); err != nil {
					return fmt.Errorf("%s: %w", where, err)
				}
			}
		}
	}
	if err := r.run(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if err := r.checkRange(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if p.feedsDerived(mi) {
		// Derive from the new amounts, and leave the plan as it was if a
		// derived amount overflows.
		old := p.expand(mi)
		p.fold(mi, r.vals)
		if err := p.deriveOrRestore(); err != nil {
			p.fold(mi, old)
			return fmt.Errorf("%s: %w", where, err)
		}
	} else {
		p.fold(mi, r.vals)
	}
	p.locks = r.locks
	return nil
}

// Unlock removes the lock of a cell, if any; the amount stays. Unlocking a
// quarter or a half unlocks its months.
func (p *Plan) Unlock(node string, m Metric, per Period) error {
	return wrap(p.unlock(node, m, per))
}

// unlock is [Plan.Unlock] with its errors not yet prefixed.
func (p *Plan) unlock(node string, m Metric, per Period) error {
	i, mi, err := p.index(node, m, per)
	if err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	if per == FY {
		p.locks.del(p.cell(mi, i, FY))
		return nil
	}
	first, last := per.Span()
	for k := first; k < last; k++ {
		p.locks.del(p.cell(mi, i, Period(k)))
	}
	return nil
}

// Locked reports whether a cell is locked; a quarter or a half is locked when
// all its months are.
func (p *Plan) Locked(node string, m Metric, per Period) bool {
	i, mi, err := p.index(node, m, per)
	if err != nil {
		return false
	}
	if per == FY {
		return p.locks.has(p.cell(mi, i, FY))
	}
	first, last := per.Span()
	for k := first; k < last; k++ {
		if !p.locks.has(p.cell(mi, i, Period(k))) {
			return false
		}
	}
	return true
}

// expand returns every period of every row of metric mi, laid out by
// p.lay.singleMetric(): the rebalancer's copy.
func (p *Plan) expand(mi int) []int64 {
	l := p.lay.singleMetric()
	vals := make([]int64, l.size())
	for i := range p.tree.Len() {
		*(*[numPeriods]int64)(rowOf(l, vals, 0, i)) = p.row(mi, i)
	}
	return vals
}

// fold stores the rows of metric mi from vals, laid out as [Plan.expand]
// returns them.
func (p *Plan) fold(mi int, vals []int64) {
	l := p.lay.singleMetric()
	for i := range p.tree.Len() {
		p.setRow(mi, i, (*[numPeriods]int64)(rowOf(l, vals, 0, i)))
	}
}

// rebalancer works on a copy of one metric's rows.
type rebalancer struct {
	p     *Plan
	m     int
	vals  []int64 // [node][period] of metric m
	locks cellSet
	pins  cellSet // cells forced by a lock below them, for this call only
	// implied holds the cells fixed by earlier locks below them: a cell
	// whose children all have it locked, or a year whose months are all
	// locked.
	implied cellSet
	dirty   []bool // node whose children group must be refitted
	sp      money.Splitter
}

func (r *rebalancer) row(i int) []int64 {
	return rowOf(r.p.lay.singleMetric(), r.vals, 0, i)
}

func (r *rebalancer) locked(i int, per Period) bool {
	c := r.p.cell(r.m, i, per)
	return r.locks.has(c) || r.pins.has(c) || r.implied.has(c)
}

// implyLocks fills r.implied from the current locks, bottom-up.
func (r *rebalancer) implyLocks() {
	t := r.p.tree
	r.implied = cellSet{}
	if len(r.locks) == 0 {
		return
	}
	for i := t.Len() - 1; i >= 0; i-- {
		kids := t.kids(i)
		allMonths := true
		for per := M1; per <= FY; per++ {
			if per > M12 && per < FY {
				continue
			}
			c := r.p.cell(r.m, i, per)
			if !r.locks.has(c) && len(kids) > 0 {
				all := true
				for _, k := range kids {
					if !r.locked(k, per) {
						all = false
						break
					}
				}
				if all {
					r.implied.add(c)
				}
			}
			if per == FY && allMonths && !r.locks.has(c) {
				r.implied.add(c)
			}
			if per <= M12 && !r.locked(i, per) {
				allMonths = false
			}
		}
	}
}

// propagate finds who absorbs a change of delta in cell (i, per): the
// siblings of i if one of them has that cell unlocked; otherwise the parent
// must change by the same delta (its cell is pinned) and the search goes on
// one level up. A month change that reaches the root is absorbed by the
// root's other months; a year change that reaches the root would change the
// company total, which only a lock on the root itself may do.
//
// A month change that the siblings could absorb only by turning their month
// past zero (taking 1,000 from siblings that plan 200 that month, or any
// amount from a month they plan at zero) goes up to the parent instead when
// the parent's month is free: the parent's other months then absorb it, so
// no month changes sign that the lock did not ask for.
//
// It returns the highest node whose cell changed: the one whose siblings
// absorb the change, or the root.
func (r *rebalancer) propagate(i int, per Period, delta int64) (top int, err error) {
	t := r.p.tree
	for a := i; ; {
		pa := int(t.parent[a])
		if pa < 0 {
			if per == FY && a != i {
				return 0, fmt.Errorf("no unlocked node can absorb the change without changing the total of %q: %w",
					t.nodes[a].ID, ErrLockConflict)
			}
			if per.IsMonth() {
				return a, nil // the caller compensates, then refits the root
			}
			return a, r.refitRoot()
		}
		r.dirty[pa] = true
		free := false
		var cur money.Acc
		for _, s := range t.kids(pa) {
			if s != a && !r.locked(s, per) {
				free = true
				cur.Add(r.row(s)[per])
			}
		}
		if free && (per == FY || r.locked(pa, per) || absorbs(cur, delta)) {
			return a, nil
		}
		if delta == 0 {
			return a, nil
		}
		if r.locked(pa, per) {
			return 0, fmt.Errorf("%q %s is locked and its children cannot change it: %w", t.nodes[pa].ID, per, ErrLockConflict)
		}
		v, err := money.Add(r.row(pa)[per], delta)
		if err != nil {
			return 0, r.p.cellErr(r.m, pa, per, err)
		}
		r.row(pa)[per] = v
		r.pins.add(r.p.cell(r.m, pa, per))
		a = pa
	}
}

// compensate keeps the year of node i after its month per changed by
// delta: its other unlocked months give up delta in proportion to their
// current amounts (equally when they are all zero), and every ancestor up
// to top, whose month per carries the change, takes the same compensation in
// its other months, pinned. The change then stays on the path from i to top
// instead of spreading over nodes the lock did not concern. An ancestor
// with one of those months locked ends the path; the fit of its group
// balances the rest.
func (r *rebalancer) compensate(i, top int, per Period, delta int64) error {
	if delta == 0 || i == 0 {
		return nil // the root's year is kept by refitRoot
	}
	t := r.p.tree
	var months []int
	for k := range 12 {
		if k != int(per) && !r.locked(i, Period(k)) {
			months = append(months, k)
		}
	}
	if len(months) == 0 {
		return nil // the fit refuses if the year cannot hold
	}
	comp := make([]int64, len(months))
	r.sp.SplitLike(comp, -delta, gather(r.row(i), months))
	for a := i; ; a = int(t.parent[a]) {
		if a != i {
			for _, k := range months {
				if r.locked(a, Period(k)) {
					return nil
				}
			}
		}
		row := r.row(a)
		for j, k := range months {
			v, err := money.Add(row[k], comp[j])
			if err != nil {
				return r.p.cellErr(r.m, a, Period(k), err)
			}
			row[k] = v
			if a != i {
				r.pins.add(r.p.cell(r.m, a, Period(k)))
			}
		}
		if err := r.p.aggregatesErr(r.m, a, fillAggregates(row)); err != nil {
			return err
		}
		if len(t.kids(a)) > 0 {
			r.dirty[a] = true // its children follow its new months
		}
		if a == top {
			return nil
		}
	}
}

// absorbs reports whether free siblings whose cells sum to cur can give up
// delta without their sum crossing zero.
func absorbs(cur money.Acc, delta int64) bool {
	c, ok := cur.Value()
	if !ok {
		return true // far beyond any single change: the fit decides
	}
	next := c - delta // both within ±10^18: no wrap
	switch {
	case c > 0:
		return next >= 0
	case c < 0:
		return next <= 0
	}
	return delta == 0
}

// checkRange returns a [CellError] wrapping [ErrOverflow] for the first cell
// of the rebalanced metric beyond ±10^18 units. Every sum on the way is
// checked; this is the last guard that no part of a rebalance left the
// bound.
func (r *rebalancer) checkRange() error {
	for c, v := range r.vals {
		if !money.InRange(v) {
			_, i, k := r.p.lay.singleMetric().coords(c)
			return r.p.cellErr(r.m, i, Period(k), ErrOverflow)
		}
	}
	return nil
}

// monthDelta is the change of one month of a locked span.
type monthDelta struct {
	month int
	delta int64
}

// lockSpan locks the months of a quarter or half of node i at a total of u
// and returns the change of each free month, in month order (an order that
// does not depend on a map's, so that the same lock always rebalances the
// same way).
func (r *rebalancer) lockSpan(i int, per Period, u int64) ([]monthDelta, error) {
	row := r.row(i)
	first, last := per.Span()
	var free []int
	rest := u
	for k := first; k < last; k++ {
		if r.locked(i, Period(k)) {
			rest -= row[k]
			r.locks.add(r.p.cell(r.m, i, Period(k)))
		} else {
			free = append(free, k)
		}
	}
	if len(free) == 0 {
		if rest != 0 {
			return nil, fmt.Errorf("all months of %s are locked at another total: %w", per, ErrLockConflict)
		}
		return nil, nil
	}
	parts := make([]int64, len(free))
	r.sp.SplitLike(parts, rest, gather(row, free))
	deltas := make([]monthDelta, len(free))
	for k, mth := range free {
		deltas[k] = monthDelta{mth, parts[k] - row[mth]}
		row[mth] = parts[k]
		r.locks.add(r.p.cell(r.m, i, Period(mth)))
	}
	return deltas, nil
}

// refitRoot re-spreads the root's year over its unlocked months.
func (r *rebalancer) refitRoot() error {
	row := r.row(0)
	var free []int
	var restAcc, curAcc money.Acc
	restAcc.Add(row[FY])
	for k := range 12 {
		if r.locked(0, Period(k)) {
			restAcc.Sub(row[k])
		} else {
			free = append(free, k)
			curAcc.Add(row[k])
		}
	}
	rest, ok1 := restAcc.Value()
	cur, ok2 := curAcc.Value()
	if !ok1 || !ok2 {
		return r.p.cellErr(r.m, 0, FY, fmt.Errorf("months of the root: %w", ErrOverflow))
	}
	if len(free) == 0 {
		if rest != 0 {
			return fmt.Errorf("every month of %q is locked: %w", r.p.tree.nodes[0].ID, ErrLockConflict)
		}
	} else {
		if cur != rest {
			parts := make([]int64, len(free))
			r.sp.SplitLike(parts, rest, gather(row, free))
			for k, mth := range free {
				row[mth] = parts[k]
			}
		}
	}
	fy := row[FY]
	if err := r.p.aggregatesErr(r.m, 0, fillAggregates(row)); err != nil {
		return err
	}
	if row[FY] != fy {
		return fmt.Errorf("root months do not sum to the year: %w", ErrLockConflict)
	}
	if len(r.p.tree.kids(0)) > 0 {
		r.dirty[0] = true
	}
	return nil
}

// run refits the dirty groups top-down; refitting a group may dirty the
// groups of the children it changed.
func (r *rebalancer) run() error {
	t := r.p.tree
	for i := range t.Len() {
		if r.dirty[i] {
			if err := r.refitGroup(i); err != nil {
				return err
			}
		}
	}
	return nil
}

// refitGroup makes node i's children sum to node i, month by month and in the
// year, honouring the locks.
func (r *rebalancer) refitGroup(i int) error {
	t := r.p.tree
	kids := t.kids(i)
	pr := r.row(i)
	id := t.nodes[i].ID
	// Annual targets of the children.
	target := make([]int64, len(kids))
	var restAcc, freeAcc money.Acc
	restAcc.Add(pr[FY])
	var free []int
	for k, c := range kids {
		target[k] = r.row(c)[FY]
		if r.locked(c, FY) {
			restAcc.Sub(target[k])
		} else {
			free = append(free, k)
			freeAcc.Add(target[k])
		}
	}
	rest, ok1 := restAcc.Value()
	freeSum, ok2 := freeAcc.Value()
	if !ok1 || !ok2 {
		return r.p.cellErr(r.m, i, FY, fmt.Errorf("children of %q: %w", id, ErrOverflow))
	}
	if rest != freeSum {
		if len(free) == 0 {
			return fmt.Errorf("the children of %q are all locked and miss its total: %w", id, ErrLockConflict)
		}
		parts := make([]int64, len(free))
		r.sp.SplitLike(parts, rest, gather(target, free))
		for k, f := range free {
			target[f] = parts[k]
		}
	}
	// Months: rows are the children, columns the parent's months.
	nr := len(kids)
	seed := make([]int64, 12*nr)
	lock := make([]bool, 12*nr)
	consistent := true
	var col [12]money.Acc
	for k, c := range kids {
		cr := r.row(c)
		var s money.Acc
		for mth := range 12 {
			seed[12*k+mth] = cr[mth]
			lock[12*k+mth] = r.locked(c, Period(mth))
			s.Add(cr[mth])
			col[mth].Add(cr[mth])
		}
		if v, ok := s.Value(); !ok || v != target[k] {
			consistent = false
		}
	}
	for mth := range 12 {
		if v, ok := col[mth].Value(); !ok || v != pr[mth] {
			consistent = false
		}
	}
	if consistent {
		return nil
	}
	var colT [12]int64
	copy(colT[:], pr[:12])
	got, err := fit2D(seed, lock, target, colT)
	if err != nil {
		return fmt.Errorf("children of %q: %w", id, err)
	}
	for k, c := range kids {
		cr := r.row(c)
		changed := false
		for mth := range 12 {
			if cr[mth] != got[12*k+mth] {
				changed = true
				cr[mth] = got[12*k+mth]
			}
		}
		if err := r.p.aggregatesErr(r.m, c, fillAggregates(cr)); err != nil {
			return err
		}
		if changed && len(t.kids(c)) > 0 {
			r.dirty[c] = true
		}
	}
	return nil
}

// gather returns v[i] for each i in idx.
func gather(v []int64, idx []int) []int64 {
	out := make([]int64, len(idx))
	for k, i := range idx {
		out[k] = v[i]
	}
	return out
}

// fit2D returns an integer matrix (rows × 12, row-major) with row sums rowT,
// column sums colT, the locked cells of seed unchanged, and the free cells
// as close as it can to the proportions of seed: iterative proportional
// fitting (RAS) when every free target has one sign, additive fitting
// otherwise, then row-wise largest-remainder rounding and unit moves between
// columns to make the column sums exact.
func fit2D(seed []int64, lock []bool, rowT []int64, colT [12]int64) ([]int64, error) {
	nr := len(rowT)
	rt := make([]int64, nr)
	var ct [12]int64
	var ca [12]money.Acc
	for m := range 12 {
		ca[m].Add(colT[m])
	}
	var sr, sc money.Acc
	for k := range nr {
		var ra money.Acc
		ra.Add(rowT[k])
		for m := range 12 {
			if lock[12*k+m] {
				ra.Sub(seed[12*k+m])
				ca[m].Sub(seed[12*k+m])
			}
		}
		v, ok := ra.Value()
		if !ok {
			return nil, fmt.Errorf("row %d: free part of the year: %w", k+1, ErrOverflow)
		}
		rt[k] = v
		sr.Add(v)
	}
	for m := range 12 {
		v, ok := ca[m].Value()
		if !ok {
			return nil, fmt.Errorf("month %d: free part of the month: %w", m+1, ErrOverflow)
		}
		ct[m] = v
		sc.Add(v)
	}
	if sr != sc {
		return nil, fmt.Errorf("locked cells leave rows and months unequal: %w", ErrLockConflict)
	}
	for k := range nr {
		nf := 0
		for m := range 12 {
			if !lock[12*k+m] {
				nf++
			}
		}
		if nf == 0 && rt[k] != 0 {
			return nil, fmt.Errorf("row %d has every month locked at another total: %w", k+1, ErrLockConflict)
		}
	}
	for m := range 12 {
		nf := 0
		for k := range nr {
			if !lock[12*k+m] {
				nf++
			}
		}
		if nf == 0 && ct[m] != 0 {
			return nil, fmt.Errorf("month %d is locked in every row at another total: %w", m+1, ErrLockConflict)
		}
	}
	// Sign: fit magnitudes when every free target has the same sign.
	pos, neg := true, true
	for _, v := range rt {
		pos, neg = pos && v >= 0, neg && v <= 0
	}
	for _, v := range ct {
		pos, neg = pos && v >= 0, neg && v <= 0
	}
	sign := 1.0
	if neg && !pos {
		sign = -1
	}
	x := make([]float64, len(seed))
	multiplicative := pos || neg
	for j, v := range seed {
		if lock[j] {
			continue
		}
		x[j] = sign * float64(v)
		if x[j] < 0 {
			multiplicative = false
		}
	}
	frt := make([]float64, nr)
	for k, v := range rt {
		frt[k] = sign * float64(v)
	}
	var fct [12]float64
	for m, v := range ct {
		fct[m] = sign * float64(v)
	}
	if multiplicative {
		ipf(x, lock, frt, fct)
	} else {
		additiveFit(x, lock, frt, fct)
	}
	for j, v := range x {
		if math.IsNaN(v) || math.Abs(v) > money.MaxCount {
			return nil, fmt.Errorf("row %d, month %d: the fit left the range of amounts: %w", j/12+1, j%12+1, ErrLockConflict)
		}
	}
	// Round each row to its exact target.
	out := make([]int64, len(seed))
	for k := range nr {
		if err := roundRow(out[12*k:12*k+12], x[12*k:12*k+12], lock[12*k:12*k+12], rt[k], sign); err != nil {
			return nil, fmt.Errorf("row %d: %w", k+1, err)
		}
	}
	// Make the columns exact by moving units within rows. Each step moves,
	// in the row where it brings both cells closest to their fitted values,
	// as many units as one column lacks and another has in excess — never so
	// many that the giving cell crosses zero while another row could give
	// instead — so the number of steps depends on the rows and months, not
	// on the amounts.
	var e [12]int64
	for m := range 12 {
		var s money.Acc
		s.Add(ct[m])
		for k := range nr {
			s.Sub(out[12*k+m])
		}
		v, ok := s.Value()
		if !ok {
			return nil, fmt.Errorf("month %d: rounded rows: %w", m+1, ErrOverflow)
		}
		e[m] = v
	}
	for step := 0; ; step++ {
		hi, lo := 0, 0
		for m := range 12 {
			if e[m] > e[hi] {
				hi = m
			}
			if e[m] < e[lo] {
				lo = m
			}
		}
		if e[hi] == 0 {
			break
		}
		if step > 24*(nr+1) {
			return nil, fmt.Errorf("months do not balance after %d moves: %w", step, ErrLockConflict)
		}
		need := min(e[hi], -e[lo])
		best, bestScore, bestCap := -1, math.Inf(-1), int64(0)
		fallback, fallbackScore := -1, math.Inf(-1)
		for k := range nr {
			a, b := 12*k+hi, 12*k+lo
			if lock[a] || lock[b] {
				continue
			}
			score := (sign*x[a] - float64(out[a])) + (float64(out[b]) - sign*x[b])
			if score > fallbackScore {
				fallback, fallbackScore = k, score
			}
			// Units the move can take without a cell crossing zero: b falls
			// toward zero in a positive fit, a rises toward zero in a
			// negative one.
			capacity := out[b]
			if sign < 0 {
				capacity = -out[a]
			}
			if capacity > 0 && score > bestScore {
				best, bestScore, bestCap = k, score, capacity
			}
		}
		move := need
		switch {
		case best >= 0:
			move = min(need, bestCap)
		case fallback >= 0:
			best = fallback
		default:
			return nil, fmt.Errorf("no row can move a unit between months %d and %d: %w", lo+1, hi+1, ErrLockConflict)
		}
		out[12*best+hi] += move
		out[12*best+lo] -= move
		e[hi] -= move
		e[lo] += move
	}
	for j := range out {
		if lock[j] {
			out[j] = seed[j]
		}
	}
	return out, nil
}

// fitTolerance is the largest margin error at which a fit stops: 10⁻⁷ of a
// unit, or the rounding error of a float64 sum of that many cells at the
// size of the largest margin when that is coarser. Rounding to whole units
// and the exact column balance then remove what is left, so the fit only
// has to come within a fraction of a unit.
func fitTolerance(rt []float64, ct [12]float64) float64 {
	var top float64
	for _, v := range rt {
		top = max(top, math.Abs(v))
	}
	for _, v := range ct {
		top = max(top, math.Abs(v))
	}
	return max(1e-7, top*1e-15*float64(len(rt)+12))
}

// ipf is iterative proportional fitting of the free cells of x (≥ 0) to row
// sums rt and column sums ct (≥ 0). Rows or columns with nothing to scale
// are first seeded from the other margin.
func ipf(x []float64, lock []bool, rt []float64, ct [12]float64) {
	nr := len(rt)
	tol := fitTolerance(rt, ct)
	for k := range nr {
		var s float64
		for m := range 12 {
			s += x[12*k+m]
		}
		if s == 0 && rt[k] > 0 {
			for m := range 12 {
				if !lock[12*k+m] {
					x[12*k+m] = ct[m] + 1e-9
				}
			}
		}
	}
	for m := range 12 {
		var s float64
		for k := range nr {
			s += x[12*k+m]
		}
		if s == 0 && ct[m] > 0 {
			for k := range nr {
				if !lock[12*k+m] {
					x[12*k+m] = rt[k] + 1e-9
				}
			}
		}
	}
	prev := math.Inf(1)
	for it := range 1000 {
		var worst float64
		for k := range nr {
			row := x[12*k : 12*k+12]
			var s float64
			for _, v := range row {
				s += v
			}
			if s > 0 {
				f := rt[k] / s
				worst = max(worst, math.Abs(s-rt[k]))
				for m := range row {
					row[m] *= f
				}
			}
		}
		for m := range 12 {
			var s float64
			for k := range nr {
				s += x[12*k+m]
			}
			if s > 0 {
				f := ct[m] / s
				worst = max(worst, math.Abs(s-ct[m]))
				for k := range nr {
					x[12*k+m] *= f
				}
			}
		}
		if worst < tol || (it > 8 && worst > 0.999*prev) {
			return // converged, or stalled at float64's resolution
		}
		prev = worst
	}
}

// additiveFit moves the free cells of x by alternating equal additive
// corrections of rows and columns until both margins hold.
func additiveFit(x []float64, lock []bool, rt []float64, ct [12]float64) {
	nr := len(rt)
	tol := fitTolerance(rt, ct)
	prev := math.Inf(1)
	for it := range 1000 {
		var worst float64
		for k := range nr {
			var s float64
			nf := 0
			for m := range 12 {
				if !lock[12*k+m] {
					s += x[12*k+m]
					nf++
				}
			}
			if nf > 0 {
				d := (rt[k] - s) / float64(nf)
				worst = max(worst, math.Abs(rt[k]-s))
				for m := range 12 {
					if !lock[12*k+m] {
						x[12*k+m] += d
					}
				}
			}
		}
		for m := range 12 {
			var s float64
			nf := 0
			for k := range nr {
				if !lock[12*k+m] {
					s += x[12*k+m]
					nf++
				}
			}
			if nf > 0 {
				d := (ct[m] - s) / float64(nf)
				worst = max(worst, math.Abs(ct[m]-s))
				for k := range nr {
					if !lock[12*k+m] {
						x[12*k+m] += d
					}
				}
			}
		}
		if worst < tol || (it > 8 && worst > 0.999*prev) {
			return // converged, or stalled at float64's resolution
		}
		prev = worst
	}
}

// roundRow rounds the free cells of one fitted row (in the fitted sign) to
// integers summing to target − nothing for locked cells: floors first, then
// units to the largest fractions (or away from the smallest when the floors
// overshoot).
func roundRow(dst []int64, x []float64, lock []bool, target int64, sign float64) error {
	type cellFrac struct {
		m    int
		frac float64
	}
	var cells []cellFrac
	var diff money.Acc
	diff.Add(target)
	for m := range 12 {
		if lock[m] {
			continue
		}
		v := sign * x[m]
		f := math.Floor(v)
		dst[m] = int64(f) // |f| ≤ 10^18, checked by the caller
		diff.Sub(dst[m])
		cells = append(cells, cellFrac{m, v - f})
	}
	if len(cells) == 0 {
		return nil
	}
	slices.SortStableFunc(cells, func(a, b cellFrac) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	// Hand out the difference evenly, the remainder to the largest
	// fractions (or taken from the smallest): a whole number of rounds at
	// once, so the time does not depend on the difference.
	k, err := diff.Result()
	if err != nil {
		return err
	}
	n := int64(len(cells))
	q, rem := k/n, k%n
	for _, c := range cells {
		dst[c.m] += q
	}
	for j := int64(0); j < rem; j++ {
		dst[cells[j].m]++
	}
	for j := int64(0); j < -rem; j++ {
		dst[cells[n-1-j].m]--
	}
	return nil
}

// sortedLocks returns the locked cells in cell order: node, metric and
// period order within the plan's layout.
func (p *Plan) sortedLocks() []int {
	out := make([]int, 0, len(p.locks))
	for c := range p.locks {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}
