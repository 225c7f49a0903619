package target

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Actuals holds reported results in the shape of a plan: node × metric ×
// fiscal month, in the plan's unit. A month that has not been reported is
// absent, which is not the same as zero. Results are usually reported for
// the leaves; an inner node that was not reported itself has the sum of
// what was reported below it, complete when every leaf below it reported.
//
// Actuals know the plan they were made for: its tree, fiscal calendar, unit
// and metrics in order. [NewReview] compares them with the plan it reviews,
// re-keys actuals whose metrics only come in another order, and refuses
// others with [ErrMismatchedActuals].
//
// Build it with [Plan.NewActuals] and [Actuals.Set], or read it with
// [Plan.ReadActualsCSV]. Set must not run concurrently with other methods;
// the others are safe for concurrent use. The zero Actuals is not usable.
type Actuals struct {
	tree    *Tree
	cal     Calendar
	unit    money.Unit
	metrics []Metric
	midx    map[Metric]int
	lay     layout  // the plan's metrics and nodes, twelve months
	cells   []int64 // laid out by lay
	has     []bool
}

// NewActuals returns empty actuals for plan p; it is [Plan.NewActuals].
func NewActuals(p *Plan) *Actuals { return p.NewActuals() }

// NewActuals returns empty actuals for the plan: its tree, calendar, unit
// and metrics.
func (p *Plan) NewActuals() *Actuals {
	lay := p.lay.monthly()
	a := &Actuals{tree: p.tree, cal: p.cal, unit: p.unit, lay: lay, metrics: slices.Clone(p.metrics),
		midx: make(map[Metric]int, len(p.metrics)), cells: make([]int64, lay.size()), has: make([]bool, lay.size())}
	for i, m := range a.metrics {
		a.midx[m] = i
	}
	return a
}

// forPlan returns actuals keyed like plan p: a itself when it was made for
// a plan of the same shape, a copy with the metrics re-keyed when only their
// order differs, or an error wrapping [ErrMismatchedActuals] naming what
// differs (tree, calendar, unit or metrics).
func (a *Actuals) forPlan(p *Plan) (*Actuals, error) {
	var diffs []string
	if !sameNodes(a.tree, p.tree) {
		diffs = append(diffs, "tree")
	}
	if !a.cal.equal(p.cal) {
		diffs = append(diffs, fmt.Sprintf("fiscal year (actuals %s, plan %s)", a.cal.Label(M1), p.cal.Label(M1)))
	}
	if !a.unit.Decimal().Equal(p.unit.Decimal()) {
		diffs = append(diffs, fmt.Sprintf("unit (actuals %s, plan %s)", a.unit.Decimal(), p.unit.Decimal()))
	}
	sameOrder := slices.Equal(a.metrics, p.metrics)
	if !sameOrder {
		x, y := slices.Clone(a.metrics), slices.Clone(p.metrics)
		slices.Sort(x)
		slices.Sort(y)
		if !slices.Equal(x, y) {
			diffs = append(diffs, fmt.Sprintf("metrics (actuals %q, plan %q)", a.metrics, p.metrics))
		}
	}
	if len(diffs) > 0 {
		return nil, fmt.Errorf("actuals made for another plan: %s: %w", strings.Join(diffs, ", "), ErrMismatchedActuals)
	}
	if sameOrder {
		return a, nil
	}
	b := p.NewActuals()
	b.tree = a.tree
	for mi, m := range a.metrics {
		to := b.midx[m]
		for i := range a.tree.Len() {
			copy(rowOf(b.lay, b.cells, to, i), rowOf(a.lay, a.cells, mi, i))
			copy(rowOf(b.lay, b.has, to, i), rowOf(a.lay, a.has, mi, i))
		}
	}
	return b, nil
}

// sameNodes reports whether two trees have the same nodes (IDs and parents)
// in the same order.
func sameNodes(s, t *Tree) bool {
	if s == t {
		return true
	}
	if s.Len() != t.Len() {
		return false
	}
	for i, n := range s.nodes {
		if n.ID != t.nodes[i].ID || s.parent[i] != t.parent[i] {
			return false
		}
	}
	return true
}

func (a *Actuals) index(node string, m Metric, month Period) (int, error) {
	i, ok := a.tree.byID.get(node)
	if !ok {
		return 0, fmt.Errorf("node %q: %w", node, ErrUnknownNode)
	}
	mi, ok := a.midx[m]
	if !ok {
		return 0, fmt.Errorf("metric %q: %w", m, ErrUnknownMetric)
	}
	if !month.IsMonth() {
		return 0, fmt.Errorf("actuals are monthly, not %s: %w", month, ErrInvalidPeriod)
	}
	return a.lay.at(mi, i, int(month)), nil
}

// Set records the actual amount of one node, metric and month. The amount
// must be a multiple of the plan's unit. Errors wrap [ErrUnknownNode],
// [ErrUnknownMetric], [ErrInvalidPeriod] (not a month), [ErrNotMultiple] or
// [ErrOverflow].
func (a *Actuals) Set(node string, m Metric, month Period, amount decimal.Decimal) error {
	return wrap(a.set(node, m, month, amount))
}

// set is [Actuals.Set] with its errors not yet prefixed.
func (a *Actuals) set(node string, m Metric, month Period, amount decimal.Decimal) error {
	c, err := a.index(node, m, month)
	if err != nil {
		return fmt.Errorf("actuals: %w", err)
	}
	u, err := a.unit.Count(amount)
	if err != nil {
		return fmt.Errorf("actuals %s %s %s: %w", node, m, month, err)
	}
	a.cells[c], a.has[c] = u, true
	return nil
}

// Amount returns the actual of one node, metric and month — the node's own
// report, or else the sum of what the nodes below it reported — and whether
// the month is complete: reported by the node itself or by every leaf below
// it. A month nothing below the node reported is zero and not complete.
func (a *Actuals) Amount(node string, m Metric, month Period) (decimal.Decimal, bool, error) {
	res, ok, err := a.amount(node, m, month)
	return res, ok, wrap(err)
}

// amount is [Actuals.Amount] with its errors not yet prefixed.
func (a *Actuals) amount(node string, m Metric, month Period) (decimal.Decimal, bool, error) {
	c, err := a.index(node, m, month)
	if err != nil {
		return decimal.Decimal{}, false, fmt.Errorf("actuals: %w", err)
	}
	mi, i, _ := a.lay.coords(c)
	u, state, ok := a.rolled(mi, i, int(month))
	if !ok {
		return decimal.Decimal{}, false, a.cellErr(mi, i, month, fmt.Errorf("actuals: sum below the node: %w", ErrOverflow))
	}
	return a.unit.Amount(u), state == reportedAll, nil
}

// How much of a node's month was reported.
const (
	reportedNone uint8 = iota
	reportedPart
	reportedAll
)

// rolled returns the actual of node i, metric mi, month k and how much of
// it was reported; ok is false when a sum leaves ±10^18 units.
func (a *Actuals) rolled(mi, i, k int) (v int64, state uint8, ok bool) {
	c := a.lay.at(mi, i, k)
	if a.has[c] {
		return a.cells[c], reportedAll, true
	}
	kids := a.tree.kids(i)
	if len(kids) == 0 {
		return 0, reportedNone, true
	}
	var s money.Acc
	all, any := true, false
	for _, ch := range kids {
		v, st, ok := a.rolled(mi, ch, k)
		if !ok {
			return 0, 0, false
		}
		s.Add(v)
		all = all && st == reportedAll
		any = any || st != reportedNone
	}
	sum, ok := s.Value()
	switch {
	case !ok:
		return 0, 0, false
	case all:
		return sum, reportedAll, true
	case any:
		return sum, reportedPart, true
	}
	return 0, reportedNone, true
}

// cellErr wraps err in a [CellError] naming node i, metric mi and month.
func (a *Actuals) cellErr(mi, i int, month Period, err error) error {
	return &CellError{Node: a.tree.nodes[i].ID, Metric: a.metrics[mi], Period: month, Err: err}
}

// rollUp returns, for every node, metric and month, the actual (the node's
// own report or the sum of its descendants'), the plan of the reported part
// (for a like-for-like comparison) and how much was reported, in one
// bottom-up pass. A sum beyond ±10^18 units is a [CellError] wrapping
// [ErrOverflow].
func (a *Actuals) rollUp(p *Plan) (act, repPlan []int64, state []uint8, err error) {
	n := a.tree.Len()
	act = make([]int64, len(a.cells))
	repPlan = make([]int64, len(a.cells))
	state = make([]uint8, len(a.cells))
	for mi := range a.metrics {
		for i := n - 1; i >= 0; i-- {
			base := a.lay.base(mi, i)
			pr := p.months(mi, i)
			kids := a.tree.kids(i)
			if len(kids) > 0 {
				var all, any [12]int
				var sa, sp [12]money.Acc
				for _, ch := range kids {
					cb := a.lay.base(mi, ch)
					for k := range 12 {
						sa[k].Add(act[cb+k])
						sp[k].Add(repPlan[cb+k])
						switch state[cb+k] {
						case reportedAll:
							all[k]++
							any[k]++
						case reportedPart:
							any[k]++
						}
					}
				}
				for k := range 12 {
					va, oka := sa[k].Value()
					vp, okp := sp[k].Value()
					if (!oka || !okp) && !a.has[base+k] {
						return nil, nil, nil, a.cellErr(mi, i, Period(k), fmt.Errorf("actuals: sum of children: %w", ErrOverflow))
					}
					act[base+k], repPlan[base+k] = va, vp
					switch {
					case all[k] == len(kids):
						state[base+k] = reportedAll
					case any[k] > 0:
						state[base+k] = reportedPart
					default:
						act[base+k], repPlan[base+k] = 0, 0
					}
				}
			}
			for k := range 12 {
				if c := base + k; a.has[c] {
					act[c], repPlan[c], state[c] = a.cells[c], pr[k], reportedAll
				}
			}
		}
	}
	return act, repPlan, state, nil
}

// ReadActualsCSV reads actuals for plan p from CSV with a header line and the
// columns node (a node ID; a path of IDs joined by '/' is accepted too),
// metric, period (a month label of the plan's calendar such as "2027-03", or
// M01 … M12) and amount, in any order. Empty amounts are skipped (not
// reported). Errors are [*ParseError] values naming the line and field,
// wrapping [ErrSyntax], [ErrUnknownNode], [ErrUnknownMetric],
// [ErrInvalidPeriod], [ErrNotMultiple] or [ErrOverflow]; a cell given twice
// is an error too.
//
// It is [Plan.ReadActualsCSV].
func ReadActualsCSV(r io.Reader, p *Plan) (*Actuals, error) {
	return p.ReadActualsCSV(r)
}

// ReadActualsCSV reads actuals for the plan from CSV; see [ReadActualsCSV]
// for the format and errors.
func (p *Plan) ReadActualsCSV(r io.Reader) (*Actuals, error) {
	res, err := readActualsCSV(r, p)
	return res, wrap(err)
}

// readActualsCSV is [ReadActualsCSV] with its errors not yet prefixed.
func readActualsCSV(r io.Reader, p *Plan) (*Actuals, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := readHeader(cr)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for k, h := range head {
		if h == "path" {
			h = "node"
		}
		col[h] = k
	}
	for _, h := range []string{"node", "metric", "period", "amount"} {
		if _, ok := col[h]; !ok {
			return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	a := NewActuals(p)
	err = eachRecord(cr, 0, func(rec []string, line int) error {
		amount := strings.TrimSpace(rec[col["amount"]])
		if amount == "" {
			return nil // not reported
		}
		// Names are matched as written, so that every ID the tree accepts
		// reads back; only a name that matches nothing is tried trimmed of
		// spaces, for files typed by hand.
		node, ok := lookupName(rec[col["node"]], func(s string) bool { return p.tree.byID.has(lastSegment(s)) })
		if !ok {
			return &ParseError{Line: line, Field: "node", Err: fmt.Errorf("%q: %w", rec[col["node"]], ErrUnknownNode)}
		}
		node = lastSegment(node)
		ms, ok := lookupName(rec[col["metric"]], func(s string) bool { _, ok := p.midx[Metric(s)]; return ok })
		m := Metric(ms)
		if !ok {
			return &ParseError{Line: line, Field: "metric", Err: fmt.Errorf("%q: %w", m, ErrUnknownMetric)}
		}
		per, err := p.cal.parseLabel(strings.TrimSpace(rec[col["period"]]))
		if err == nil && !per.IsMonth() {
			err = fmt.Errorf("%q is not a month: %w", rec[col["period"]], ErrInvalidPeriod)
		}
		if err != nil {
			return &ParseError{Line: line, Field: "period", Err: err}
		}
		v, err := decimal.NewFromString(amount)
		if err != nil {
			return &ParseError{Line: line, Field: "amount", Err: fmt.Errorf("%q: %w", amount, ErrSyntax)}
		}
		c, _ := a.index(node, m, per)
		if a.has[c] {
			return &ParseError{Line: line, Field: "period", Err: fmt.Errorf("%s %s %s given twice: %w", node, m, rec[col["period"]], ErrSyntax)}
		}
		if err := a.set(node, m, per, v); err != nil {
			return &ParseError{Line: line, Field: "amount", Err: err}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// WriteCSV writes the reported actuals (not the rolled-up ones) in the
// format [ReadActualsCSV] reads, nodes depth-first, then metrics, then
// months.
func (a *Actuals) WriteCSV(w io.Writer) error {
	return wrap(a.writeCSV(w))
}

// writeCSV is [Actuals.WriteCSV] with its errors not yet prefixed.
func (a *Actuals) writeCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"node", "metric", "period", "amount"}); err != nil {
		return err
	}
	metrics := a.metrics
	places := a.unit.Places()
	for i, nd := range a.tree.nodes {
		for mi, m := range metrics {
			for k := range 12 {
				c := a.lay.at(mi, i, k)
				if !a.has[c] {
					continue
				}
				v := a.unit.Amount(a.cells[c])
				if err := cw.Write([]string{nd.ID, string(m), a.cal.Label(Period(k)), v.StringFixed(places)}); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// lookupName returns s if known(s), else s trimmed of spaces if that is
// known; ok is false when neither is.
func lookupName(s string, known func(string) bool) (string, bool) {
	if known(s) {
		return s, true
	}
	if t := strings.TrimSpace(s); t != s && known(t) {
		return t, true
	}
	return s, false
}

// lastSegment returns the last ID of a node path "CO/R1/A", or s itself.
func lastSegment(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }
