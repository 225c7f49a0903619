package target

// layout is the shape of the cells shared by a [Plan], its [Actuals] and
// its [Review]: metric-major, then node in the tree's depth-first order,
// then period. A plan's cells are indexed with numPeriods periods per row
// (months, quarters, halves, year) and store the twelve months only, as
// actuals and review sums do. It is the one place that knows the stride
// arithmetic.
type layout struct {
	metrics, nodes, periods int
}

// planLayout returns the layout of a plan with m metrics and n nodes.
func planLayout(m, n int) layout { return layout{m, n, numPeriods} }

// monthly returns the same metrics and nodes with the twelve months only.
func (l layout) monthly() layout { return layout{l.metrics, l.nodes, 12} }

// singleMetric returns the layout of one metric's rows.
func (l layout) singleMetric() layout { return layout{1, l.nodes, l.periods} }

// perNode returns the same metrics and nodes with one cell per row.
func (l layout) perNode() layout { return layout{l.metrics, l.nodes, 1} }

// size returns the number of cells.
func (l layout) size() int { return l.metrics * l.nodes * l.periods }

// base returns the index of the first period of metric m, node i.
func (l layout) base(m, i int) int { return (m*l.nodes + i) * l.periods }

// at returns the index of metric m, node i, period k.
func (l layout) at(m, i, k int) int { return (m*l.nodes+i)*l.periods + k }

// coords returns the metric, node and period of cell index c.
func (l layout) coords(c int) (m, i, k int) {
	k = c % l.periods
	c /= l.periods
	return c / l.nodes, c % l.nodes, k
}

// metricSpan returns the half-open range of cell indexes of metric m.
func (l layout) metricSpan(m int) (lo, hi int) {
	n := l.nodes * l.periods
	return m * n, (m + 1) * n
}

// rowOf returns the periods of metric m, node i in cells laid out by l.
func rowOf[T any](l layout, cells []T, m, i int) []T {
	b := l.base(m, i)
	return cells[b : b+l.periods : b+l.periods]
}

// cellSet is a set of cells of one layout, such as a plan's locks. Its zero
// value is an empty set that must be made with make before adding.
type cellSet map[int]struct{}

func (s cellSet) has(c int) bool { _, ok := s[c]; return ok }
func (s cellSet) add(c int)      { s[c] = struct{}{} }
func (s cellSet) del(c int)      { delete(s, c) }

// clone returns a copy of s with room for extra more cells.
func (s cellSet) clone(extra int) cellSet {
	out := make(cellSet, len(s)+extra)
	for c := range s {
		out[c] = struct{}{}
	}
	return out
}
