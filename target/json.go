package target

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// jsonVersion is the version of the plan JSON that [Plan.MarshalJSON]
// writes. Version 1 (files without a "version" key) had no working-day
// calendar, derivations or lower-is-better metrics; [ReadJSON] reads both.
const jsonVersion = 2

// jsonPlan is the JSON form of a plan.
type jsonPlan struct {
	Version       int              `json:"version,omitempty"`
	Calendar      jsonCalendar     `json:"calendar"`
	Unit          string           `json:"unit"`
	Metrics       []Metric         `json:"metrics"`
	LowerIsBetter *[]Metric        `json:"lowerIsBetter,omitempty"`
	Derived       []jsonDerivation `json:"derived,omitempty"`
	Periods       []string         `json:"periods"`
	Nodes         []jsonNode       `json:"nodes"`
	Locks         []jsonLock       `json:"locks,omitempty"`
}

type jsonCalendar struct {
	StartYear     int      `json:"startYear"`
	FirstMonth    int      `json:"firstMonth"`
	Weekend       *[]int   `json:"weekend,omitempty"` // absent: Saturday and Sunday
	Holidays      []string `json:"holidays,omitempty"`
	ExtraWorkdays []string `json:"extraWorkdays,omitempty"`
}

type jsonDerivation struct {
	Metric Metric     `json:"metric"`
	Terms  []jsonTerm `json:"terms"`
}

type jsonTerm struct {
	Metric  Metric       `json:"metric"`
	Rate    *jsonRates   `json:"rate,omitempty"`
	Collect *jsonCollect `json:"collect,omitempty"`
	Negate  bool         `json:"negate,omitempty"`
}

type jsonRates struct {
	Default string            `json:"default"`
	ByNode  map[string]string `json:"byNode,omitempty"`
}

type jsonCollect struct {
	Terms        []string `json:"terms"`
	OpeningTerms []string `json:"openingTerms,omitempty"`
}

type jsonNode struct {
	ID      string              `json:"id"`
	Parent  string              `json:"parent,omitempty"`
	Name    string              `json:"name,omitempty"`
	Level   string              `json:"level"`
	Amounts map[Metric][]string `json:"amounts"`
	Opening string              `json:"openingReceivables,omitempty"`
}

type jsonLock struct {
	Node   string `json:"node"`
	Metric Metric `json:"metric"`
	Period string `json:"period"`
}

// MarshalJSON encodes the plan losslessly, as version 2 of the plan JSON:
// the fiscal calendar with its weekend, holidays and extra working days, the
// unit, the metrics in order with those for which less is better, the
// derivations (see [Derivation]) with their rates, the period labels, every
// node (depth-first) with its name, level, amounts per metric as strings in
// period order and opening receivables, and the locked cells. [ReadJSON] and
// [Plan.UnmarshalJSON] read it back to a plan that is [Plan.Equal] to this
// one and behaves like it: its derived metrics follow a later lock exactly
// as this plan's would.
func (p *Plan) MarshalJSON() ([]byte, error) {
	res, err := p.marshalJSON()
	return res, wrap(err)
}

// marshalJSON is [Plan.MarshalJSON] with its errors not yet prefixed.
func (p *Plan) marshalJSON() ([]byte, error) {
	jp := jsonPlan{
		Version:  jsonVersion,
		Calendar: calendarJSON(p.cal),
		Unit:     p.unit.Decimal().String(),
		Metrics:  p.metrics,
		Periods:  make([]string, numPeriods),
	}
	lower := []Metric{}
	for mi, m := range p.metrics {
		if p.lower[mi] {
			lower = append(lower, m)
		}
	}
	jp.LowerIsBetter = &lower
	for _, d := range p.derived {
		jp.Derived = append(jp.Derived, derivationJSON(d.spec))
	}
	for k := range jp.Periods {
		jp.Periods[k] = p.cal.Label(Period(k))
	}
	places := p.places()
	for i, nd := range p.tree.nodes {
		jn := jsonNode{ID: nd.ID, Parent: nd.Parent, Name: nd.Name, Level: nd.Level, Amounts: map[Metric][]string{}}
		if jn.Name == jn.ID {
			jn.Name = ""
		}
		for mi, m := range p.metrics {
			vals := make([]string, numPeriods)
			for k, u := range p.row(mi, i) {
				vals[k] = p.amount(u).StringFixed(places)
			}
			jn.Amounts[m] = vals
		}
		if p.opening != nil {
			jn.Opening = p.amount(p.opening[i]).StringFixed(places)
		}
		jp.Nodes = append(jp.Nodes, jn)
	}
	for _, c := range p.sortedLocks() {
		mi, i, k := p.lay.coords(c)
		jp.Locks = append(jp.Locks, jsonLock{p.tree.nodes[i].ID, p.metrics[mi], p.cal.Label(Period(k))})
	}
	return json.Marshal(jp)
}

// UnmarshalJSON reads a plan written by [Plan.MarshalJSON] into p, as
// [ReadJSON] does, replacing what p held; on error p is unchanged.
func (p *Plan) UnmarshalJSON(data []byte) error {
	q, err := ReadOptions{}.readJSON(bytes.NewReader(data))
	if err != nil {
		return wrap(err)
	}
	*p = *q
	return nil
}

func calendarJSON(c Calendar) jsonCalendar {
	jc := jsonCalendar{StartYear: c.StartYear, FirstMonth: int(c.first())}
	if c.Weekend != nil {
		w := make([]int, len(c.Weekend))
		for k, d := range c.Weekend {
			w[k] = int(d)
		}
		jc.Weekend = &w
	}
	for _, d := range c.Holidays {
		jc.Holidays = append(jc.Holidays, d.Format(time.DateOnly))
	}
	for _, d := range c.ExtraWorkdays {
		jc.ExtraWorkdays = append(jc.ExtraWorkdays, d.Format(time.DateOnly))
	}
	return jc
}

// calendar returns the calendar of jc, or an error naming the field.
func (jc jsonCalendar) calendar() (Calendar, error) {
	c := Calendar{StartYear: jc.StartYear, FirstMonth: time.Month(jc.FirstMonth)}
	if jc.Weekend != nil {
		c.Weekend = make([]time.Weekday, len(*jc.Weekend))
		for k, d := range *jc.Weekend {
			if d < 0 || d > 6 {
				return Calendar{}, &ParseError{Field: fmt.Sprintf("calendar.weekend[%d]", k), Err: fmt.Errorf("weekday %d: %w", d, ErrInvalidCalendar)}
			}
			c.Weekend[k] = time.Weekday(d)
		}
	}
	days := func(field string, ss []string) ([]time.Time, error) {
		var out []time.Time
		for k, s := range ss {
			d, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return nil, &ParseError{Field: fmt.Sprintf("calendar.%s[%d]", field, k), Err: fmt.Errorf("date %q: %w", s, ErrSyntax)}
			}
			out = append(out, d)
		}
		return out, nil
	}
	var err error
	if c.Holidays, err = days("holidays", jc.Holidays); err != nil {
		return Calendar{}, err
	}
	if c.ExtraWorkdays, err = days("extraWorkdays", jc.ExtraWorkdays); err != nil {
		return Calendar{}, err
	}
	if err := c.validate(); err != nil {
		return Calendar{}, &ParseError{Field: "calendar", Err: err}
	}
	return c, nil
}

func derivationJSON(d Derivation) jsonDerivation {
	jd := jsonDerivation{Metric: d.Metric}
	strs := func(ds []decimal.Decimal) []string {
		if ds == nil {
			return nil
		}
		out := make([]string, len(ds))
		for k, v := range ds {
			out[k] = v.String()
		}
		return out
	}
	for _, t := range d.Terms {
		jt := jsonTerm{Metric: t.Metric, Negate: t.Negate}
		if t.Rate != nil {
			jt.Rate = &jsonRates{Default: t.Rate.Default.String()}
			if len(t.Rate.ByNode) > 0 {
				jt.Rate.ByNode = make(map[string]string, len(t.Rate.ByNode))
				for id, v := range t.Rate.ByNode {
					jt.Rate.ByNode[id] = v.String()
				}
			}
		}
		if t.Collect != nil {
			jt.Collect = &jsonCollect{Terms: strs(t.Collect.Terms), OpeningTerms: strs(t.Collect.OpeningTerms)}
		}
		jd.Terms = append(jd.Terms, jt)
	}
	return jd
}

// derivation returns the Derivation of jd; field names it in errors.
func (jd jsonDerivation) derivation(field string) (Derivation, error) {
	num := func(f, s string) (decimal.Decimal, error) {
		v, err := decimal.NewFromString(s)
		if err != nil {
			return decimal.Decimal{}, &ParseError{Field: f, Err: fmt.Errorf("%q: %w", s, ErrSyntax)}
		}
		return v, nil
	}
	nums := func(f string, ss []string) ([]decimal.Decimal, error) {
		if ss == nil {
			return nil, nil
		}
		out := make([]decimal.Decimal, len(ss))
		for k, s := range ss {
			v, err := num(fmt.Sprintf("%s[%d]", f, k), s)
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, nil
	}
	d := Derivation{Metric: jd.Metric}
	for k, jt := range jd.Terms {
		f := fmt.Sprintf("%s.terms[%d]", field, k)
		t := Term{Metric: jt.Metric, Negate: jt.Negate}
		if jt.Rate != nil {
			def, err := num(f+".rate.default", jt.Rate.Default)
			if err != nil {
				return Derivation{}, err
			}
			t.Rate = &Rates{Default: def}
			if jt.Rate.ByNode != nil {
				t.Rate.ByNode = make(map[string]decimal.Decimal, len(jt.Rate.ByNode))
				for id, s := range jt.Rate.ByNode {
					if t.Rate.ByNode[id], err = num(f+".rate.byNode."+id, s); err != nil {
						return Derivation{}, err
					}
				}
			}
		}
		if jt.Collect != nil {
			terms, err := nums(f+".collect.terms", jt.Collect.Terms)
			if err != nil {
				return Derivation{}, err
			}
			open, err := nums(f+".collect.openingTerms", jt.Collect.OpeningTerms)
			if err != nil {
				return Derivation{}, err
			}
			t.Collect = &CollectionRule{Terms: terms, OpeningTerms: open}
		}
		d.Terms = append(d.Terms, t)
	}
	return d, nil
}

// ReadJSON reads a plan written by [Plan.MarshalJSON], version 2 or the
// earlier version 1, and rejects anything after it but white space. Like
// [ReadCSV] it keeps the amounts as written, so [Plan.Check] reports any
// that do not add up; its derivations and locks are those written, so a
// later lock derives and rebalances as in the plan that was written.
//
// Errors are [*ParseError] values naming the line (of the node, for
// errors inside one) and the field, wrapping [ErrSyntax] (also for an
// unknown version), [ErrTooLarge] (see [ReadOptions]), or the errors of
// [NewTree], [Calendar.Validate], the amount checks and the derivations'
// validation ([ErrInvalidMetric], [ErrInvalidRate], [ErrUnknownNode]).
func ReadJSON(r io.Reader) (*Plan, error) {
	return ReadOptions{}.ReadJSON(r)
}

// readJSON is [ReadJSON] with its errors not yet prefixed.
func (o ReadOptions) readJSON(r io.Reader) (*Plan, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	// Line numbers by binary search over the newline offsets, so that
	// naming the line of every node stays linear in the input.
	var newlines []int64
	for k, c := range data {
		if c == '\n' {
			newlines = append(newlines, int64(k))
		}
	}
	lineAt := func(off int64) int {
		n, _ := slices.BinarySearch(newlines, off)
		return 1 + n
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var jp jsonPlan
	if err := dec.Decode(&jp); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, &ParseError{Line: lineAt(se.Offset), Err: fmt.Errorf("%v: %w", se, ErrSyntax)}
		case errors.As(err, &te):
			return nil, &ParseError{Line: lineAt(te.Offset), Field: te.Field, Err: fmt.Errorf("%v: %w", te, ErrSyntax)}
		}
		return nil, &ParseError{Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
	}
	if tok, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		return nil, &ParseError{Line: lineAt(off), Err: fmt.Errorf("data after the plan (%v): %w", tok, ErrSyntax)}
	}
	if jp.Version < 0 || jp.Version > jsonVersion {
		return nil, &ParseError{Field: "version", Err: fmt.Errorf("version %d; this reader knows 1 … %d: %w", jp.Version, jsonVersion, ErrSyntax)}
	}
	// Line of each node: find the offsets of the node objects.
	nodeLines := jsonNodeLines(data, lineAt)
	nodeLine := func(k int) int {
		if k < len(nodeLines) {
			return nodeLines[k]
		}
		return 0
	}
	cal, err := jp.Calendar.calendar()
	if err != nil {
		return nil, err
	}
	ud, err := decimal.NewFromString(jp.Unit)
	if err != nil {
		return nil, &ParseError{Field: "unit", Err: fmt.Errorf("unit %q: %w", jp.Unit, ErrInvalidUnit)}
	}
	unit, err := money.NewUnit(ud)
	if err != nil {
		return nil, &ParseError{Field: "unit", Err: err}
	}
	if len(jp.Periods) != numPeriods {
		return nil, &ParseError{Field: "periods", Err: fmt.Errorf("%d periods, want %d: %w", len(jp.Periods), numPeriods, ErrSyntax)}
	}
	for k, l := range jp.Periods {
		if per, err := cal.parseLabel(l); err != nil || per != Period(k) {
			return nil, &ParseError{Field: fmt.Sprintf("periods[%d]", k), Err: fmt.Errorf("%q: %w", l, ErrInvalidPeriod)}
		}
	}
	mseen := map[Metric]bool{}
	for k, m := range jp.Metrics {
		if m == "" || mseen[m] || !portable(string(m)) {
			return nil, &ParseError{Field: fmt.Sprintf("metrics[%d]", k), Err: fmt.Errorf("metric %q empty, repeated or not portable: %w", m, ErrSyntax)}
		}
		mseen[m] = true
	}
	rows := make([]Node, len(jp.Nodes))
	for k, jn := range jp.Nodes {
		rows[k] = Node{ID: jn.ID, Parent: jn.Parent, Name: jn.Name, Level: jn.Level}
	}
	tree, err := newTree(rows)
	if err != nil {
		return nil, &ParseError{Field: "nodes", Err: err}
	}
	if err := o.checkCells(tree.Len(), len(jp.Metrics)); err != nil {
		return nil, &ParseError{Field: "nodes", Err: err}
	}
	p := newPlan(tree, cal, unit, append([]Metric(nil), jp.Metrics...))
	if jp.LowerIsBetter != nil {
		if err := p.setLowerIsBetter(*jp.LowerIsBetter); err != nil {
			return nil, &ParseError{Field: "lowerIsBetter", Err: err}
		}
	}
	hasOpening := false
	for k, jn := range jp.Nodes {
		i := tree.byID.pos(jn.ID)
		for m, vals := range jn.Amounts {
			mi, ok := p.midx[m]
			if !ok {
				return nil, &ParseError{Line: nodeLine(k), Field: fmt.Sprintf("nodes[%d].amounts.%s", k, m), Err: fmt.Errorf("metric %q not in metrics: %w", m, ErrUnknownMetric)}
			}
			if len(vals) != numPeriods {
				return nil, &ParseError{Line: nodeLine(k), Field: fmt.Sprintf("nodes[%d].amounts.%s", k, m), Err: fmt.Errorf("%d amounts, want %d: %w", len(vals), numPeriods, ErrSyntax)}
			}
			var row [numPeriods]int64
			for per, v := range vals {
				field := fmt.Sprintf("nodes[%d].amounts.%s[%d]", k, m, per)
				a, err := decimal.NewFromString(v)
				if err != nil {
					return nil, &ParseError{Line: nodeLine(k), Field: field, Err: fmt.Errorf("%q: %w", v, ErrSyntax)}
				}
				if row[per], err = p.toUnits("amount", a); err != nil {
					return nil, &ParseError{Line: nodeLine(k), Field: field, Err: err}
				}
			}
			p.setRow(mi, i, &row)
		}
		if jn.Opening != "" {
			if !hasOpening {
				p.opening = make([]int64, tree.Len())
				hasOpening = true
			}
			a, err := decimal.NewFromString(jn.Opening)
			if err != nil {
				return nil, &ParseError{Line: nodeLine(k), Field: fmt.Sprintf("nodes[%d].openingReceivables", k), Err: fmt.Errorf("%q: %w", jn.Opening, ErrSyntax)}
			}
			if p.opening[i], err = p.toUnits("opening receivables", a); err != nil {
				return nil, &ParseError{Line: nodeLine(k), Field: fmt.Sprintf("nodes[%d].openingReceivables", k), Err: err}
			}
		}
	}
	if err := p.readDerivations(jp.Derived); err != nil {
		return nil, err
	}
	for k, l := range jp.Locks {
		field := fmt.Sprintf("locks[%d]", k)
		i, ok := tree.byID.get(l.Node)
		if !ok {
			return nil, &ParseError{Field: field, Err: fmt.Errorf("node %q: %w", l.Node, ErrUnknownNode)}
		}
		mi, ok := p.midx[l.Metric]
		if !ok {
			return nil, &ParseError{Field: field, Err: fmt.Errorf("metric %q: %w", l.Metric, ErrUnknownMetric)}
		}
		if p.isDerived(l.Metric) {
			return nil, &ParseError{Field: field, Err: fmt.Errorf("lock on %s: %w", l.Metric, ErrDerivedMetric)}
		}
		per, err := cal.parseLabel(l.Period)
		if err != nil || !(per.IsMonth() || per == FY) {
			return nil, &ParseError{Field: field, Err: fmt.Errorf("period %q: %w", l.Period, ErrInvalidPeriod)}
		}
		p.locks.add(p.cell(mi, i, per))
	}
	return p, nil
}

// readDerivations resolves the derivations of a plan read from JSON; the
// opening receivables of a collection term are the leaves' as read.
func (p *Plan) readDerivations(jds []jsonDerivation) error {
	if len(jds) == 0 {
		return nil
	}
	ds := make([]Derivation, len(jds))
	derived := map[Metric]bool{}
	for k, jd := range jds {
		d, err := jd.derivation(fmt.Sprintf("derived[%d]", k))
		if err != nil {
			return err
		}
		if _, ok := p.midx[d.Metric]; !ok {
			return &ParseError{Field: fmt.Sprintf("derived[%d]", k), Err: fmt.Errorf("metric %q not in metrics: %w", d.Metric, ErrUnknownMetric)}
		}
		ds[k], derived[d.Metric] = d, true
	}
	targets := map[Metric]bool{}
	for _, m := range p.metrics {
		if !derived[m] {
			targets[m] = true
		}
	}
	ordered, err := orderDerivations(ds, targets)
	if err != nil {
		return &ParseError{Field: "derived", Err: err}
	}
	leaves := func(*CollectionRule, int) ([]int64, error) {
		out := make([]int64, p.tree.Len())
		if p.opening != nil {
			for i := range out {
				if len(p.tree.kids(i)) == 0 {
					out[i] = p.opening[i]
				}
			}
		}
		return out, nil
	}
	for _, d := range ordered {
		rd, err := p.resolve(d, leaves)
		if err != nil {
			return &ParseError{Field: "derived", Err: err}
		}
		p.derived = append(p.derived, rd)
	}
	return nil
}
