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
// error wrapping [ErrInvalidSpec].
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
	if p.isLinked(m) {
		return fmt.Errorf("lock %s %s %s: %s is derived from revenue; lock revenue instead: %w", node, m, per, m, ErrInvalidSpec)
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
	lo, hi := p.lay.metricSpan(mi)
	r := rebalancer{
		p:     p,
		m:     mi,
		vals:  append([]int64(nil), p.cells[lo:hi]...),
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
		if err := r.propagate(i, per, delta); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	default:
		deltas, err := r.lockSpan(i, per, u)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		for k, d := range deltas {
			if err := r.propagate(i, Period(k), d); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
		}
	}
	if err := r.run(); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	copy(p.cells[lo:hi], r.vals)
	p.locks = r.locks
	if m == Revenue {
		p.derive()
	}
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
		kids := t.children[i]
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
func (r *rebalancer) propagate(i int, per Period, delta int64) error {
	t := r.p.tree
	for a := i; ; {
		pa := t.parent[a]
		if pa < 0 {
			if per == FY && a != i {
				return fmt.Errorf("no unlocked node can absorb the change without changing the total of %q: %w",
					t.nodes[a].ID, ErrLockConflict)
			}
			return r.refitRoot()
		}
		r.dirty[pa] = true
		for _, s := range t.children[pa] {
			if s != a && !r.locked(s, per) {
				return nil
			}
		}
		if delta == 0 {
			return nil
		}
		if r.locked(pa, per) {
			return fmt.Errorf("%q %s is locked and its children cannot change it: %w", t.nodes[pa].ID, per, ErrLockConflict)
		}
		r.row(pa)[per] += delta
		r.pins.add(r.p.cell(r.m, pa, per))
		a = pa
	}
}

// lockSpan locks the months of a quarter or half of node i at a total of u
// and returns the change of each month, indexed by month.
func (r *rebalancer) lockSpan(i int, per Period, u int64) (map[int]int64, error) {
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
	deltas := make(map[int]int64, len(free))
	for k, mth := range free {
		deltas[mth] = parts[k] - row[mth]
		row[mth] = parts[k]
		r.locks.add(r.p.cell(r.m, i, Period(mth)))
	}
	return deltas, nil
}

// refitRoot re-spreads the root's year over its unlocked months.
func (r *rebalancer) refitRoot() error {
	row := r.row(0)
	var free []int
	rest := row[FY]
	for k := range 12 {
		if r.locked(0, Period(k)) {
			rest -= row[k]
		} else {
			free = append(free, k)
		}
	}
	if len(free) == 0 {
		if rest != 0 {
			return fmt.Errorf("every month of %q is locked: %w", r.p.tree.nodes[0].ID, ErrLockConflict)
		}
	} else {
		var cur int64
		for _, mth := range free {
			cur += row[mth]
		}
		if cur != rest {
			parts := make([]int64, len(free))
			r.sp.SplitLike(parts, rest, gather(row, free))
			for k, mth := range free {
				row[mth] = parts[k]
			}
		}
	}
	fy := row[FY]
	fillAggregates(row)
	if row[FY] != fy {
		return fmt.Errorf("root months do not sum to the year: %w", ErrLockConflict)
	}
	if len(r.p.tree.children[0]) > 0 {
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
	kids := t.children[i]
	pr := r.row(i)
	id := t.nodes[i].ID
	// Annual targets of the children.
	target := make([]int64, len(kids))
	rest := pr[FY]
	var free []int
	var freeSum int64
	for k, c := range kids {
		target[k] = r.row(c)[FY]
		if r.locked(c, FY) {
			rest -= target[k]
		} else {
			free = append(free, k)
			freeSum += target[k]
		}
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
	var col [12]int64
	for k, c := range kids {
		cr := r.row(c)
		var s int64
		for mth := range 12 {
			seed[12*k+mth] = cr[mth]
			lock[12*k+mth] = r.locked(c, Period(mth))
			s += cr[mth]
			col[mth] += cr[mth]
		}
		if s != target[k] {
			consistent = false
		}
	}
	for mth := range 12 {
		if col[mth] != pr[mth] {
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
		fillAggregates(cr)
		if changed && len(t.children[c]) > 0 {
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
	rt := append([]int64(nil), rowT...)
	ct := colT
	for k := range nr {
		for m := range 12 {
			if lock[12*k+m] {
				rt[k] -= seed[12*k+m]
				ct[m] -= seed[12*k+m]
			}
		}
	}
	var sr, sc int64
	for _, v := range rt {
		sr += v
	}
	for _, v := range ct {
		sc += v
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
	// Round each row to its exact target.
	out := make([]int64, len(seed))
	for k := range nr {
		roundRow(out[12*k:12*k+12], x[12*k:12*k+12], lock[12*k:12*k+12], rt[k], sign)
	}
	// Make the columns exact by moving units within rows.
	var e [12]int64
	for m := range 12 {
		e[m] = ct[m]
		for k := range nr {
			e[m] -= out[12*k+m]
		}
	}
	for {
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
		// Move one unit from column lo to column hi in the row where it
		// brings both cells closest to their fitted values.
		best, bestScore := -1, math.Inf(-1)
		for k := range nr {
			a, b := 12*k+hi, 12*k+lo
			if lock[a] || lock[b] {
				continue
			}
			score := (sign*x[a] - float64(out[a])) + (float64(out[b]) - sign*x[b])
			if score > bestScore {
				best, bestScore = k, score
			}
		}
		if best < 0 {
			return nil, fmt.Errorf("no row can move a unit between months %d and %d: %w", lo+1, hi+1, ErrLockConflict)
		}
		out[12*best+hi]++
		out[12*best+lo]--
		e[hi]--
		e[lo]++
	}
	for j := range out {
		if lock[j] {
			out[j] = seed[j]
		}
	}
	return out, nil
}

// ipf is iterative proportional fitting of the free cells of x (≥ 0) to row
// sums rt and column sums ct (≥ 0). Rows or columns with nothing to scale
// are first seeded from the other margin.
func ipf(x []float64, lock []bool, rt []float64, ct [12]float64) {
	nr := len(rt)
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
	for range 1000 {
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
		if worst < 1e-7 {
			return
		}
	}
}

// additiveFit moves the free cells of x by alternating equal additive
// corrections of rows and columns until both margins hold.
func additiveFit(x []float64, lock []bool, rt []float64, ct [12]float64) {
	nr := len(rt)
	for range 1000 {
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
		if worst < 1e-7 {
			return
		}
	}
}

// roundRow rounds the free cells of one fitted row (in the fitted sign) to
// integers summing to target − nothing for locked cells: floors first, then
// units to the largest fractions (or away from the smallest when the floors
// overshoot).
func roundRow(dst []int64, x []float64, lock []bool, target int64, sign float64) {
	type cellFrac struct {
		m    int
		frac float64
	}
	var cells []cellFrac
	var sum int64
	for m := range 12 {
		if lock[m] {
			continue
		}
		v := sign * x[m]
		f := math.Floor(v)
		dst[m] = int64(f)
		sum += dst[m]
		cells = append(cells, cellFrac{m, v - f})
	}
	if len(cells) == 0 {
		return
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
	k := target - sum
	for j := 0; k > 0; j = (j + 1) % len(cells) {
		dst[cells[j].m]++
		k--
	}
	for j := len(cells) - 1; k < 0; j = (j - 1 + len(cells)) % len(cells) {
		dst[cells[j].m]--
		k++
	}
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
