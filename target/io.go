package target

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// csvHeader returns the required columns of the long CSV format.
func csvHeader() []string { return []string{"path", "level", "metric", "period", "amount"} }

// csvWriteHeader returns the columns [Plan.WriteCSV] writes: the required
// ones, the node's name and whether the cell is locked.
func csvWriteHeader() []string {
	return []string{"path", "level", "name", "metric", "period", "amount", "locked"}
}

// places returns the number of decimal places that show a multiple of unit.
func (p *Plan) places() int32 {
	return p.unit.Places()
}

// WriteCSV writes the plan in long format, one cell a line, with the header
// path,level,name,metric,period,amount,locked. The path is the node IDs from
// the root joined by '/'; name is the node's display name; the period is a
// month label of the calendar ("2025-04") or Q1 … Q4, H1, H2, FY; the amount
// has the unit's decimal places; locked is "true" for a locked cell and empty
// otherwise. Nodes come depth-first, then metrics in plan order, then
// periods in [Period] order.
//
// The long format is for spreadsheets: it carries the tree, the names and
// levels, the fiscal year's first month, every amount and the locks in its
// columns. What columns cannot carry — the derivations, the metrics for which
// less is better when they are not the default, the calendar's weekend,
// holidays and extra working days, and the opening receivables — goes into
// one row before the header, a single quoted cell "#plan " followed by JSON
// in the format of [Plan.MarshalJSON], written only when the plan has any
// of it. [ReadCSV]
// reads it back, so a round trip gives an equal plan that behaves the same
// under later locks; a spreadsheet shows the line as its first row, and a
// file without it reads as a plan without rules.
func (p *Plan) WriteCSV(w io.Writer) error {
	return wrap(p.writeCSV(w))
}

// writeCSV is [Plan.WriteCSV] with its errors not yet prefixed.
func (p *Plan) writeCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := p.writeRulesRow(cw); err != nil {
		return err
	}
	if err := cw.Write(csvWriteHeader()); err != nil {
		return err
	}
	labels := p.periodLabels()
	places := p.places()
	rec := make([]string, 7)
	for i, nd := range p.tree.nodes {
		path := p.tree.path(i)
		for mi, m := range p.metrics {
			for k, u := range p.row(mi, i) {
				rec[0], rec[1], rec[2], rec[3], rec[4] = path, nd.Level, nd.Name, string(m), labels[k]
				rec[5] = p.amount(u).StringFixed(places)
				rec[6] = ""
				if p.locks.has(p.cell(mi, i, Period(k))) {
					rec[6] = "true"
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	return flushCSV(cw, bw)
}

// flushCSV flushes cw into bw and bw into its writer, returning the first
// error.
func flushCSV(cw *csv.Writer, bw *bufio.Writer) error {
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeRulesRow writes the rules row of the plan CSVs when the plan has
// rules: one quoted cell, so that a spreadsheet keeps it in A1 and writes it
// back the same.
func (p *Plan) writeRulesRow(cw *csv.Writer) error {
	rules, ok, err := p.rulesLine()
	if err != nil || !ok {
		return err
	}
	return cw.Write([]string{rules})
}

// periodLabels returns the calendar's label of every period, in Period
// order: the month labels, then Q1 … FY.
func (p *Plan) periodLabels() []string {
	labels := make([]string, numPeriods)
	for k := range labels {
		labels[k] = p.cal.Label(Period(k))
	}
	return labels
}

// csvRecord is one parsed CSV line.
type csvRecord struct {
	line                        int
	path, level, metric, period string
	name, amount, locked        string
}

// ReadCSV reads a plan in the long format of [Plan.WriteCSV]. unit is the
// plan's rounding unit (zero means 0.01). The columns may come in any order;
// name and locked are optional, and so is the rules row before the header
// (its calendar must start where the month labels do).
// The tree is rebuilt from the paths (a node's parent is the previous
// segment), the fiscal calendar from the month labels (the earliest month is
// the first fiscal month; all months must fall within twelve). Missing month
// cells are zero; a quarter, half or year that is missing is the sum of its
// months, and one that is present is kept as written, so that [Plan.Check]
// reports it if it does not add up.
//
// Errors are [*ParseError] values naming the line and field; they wrap
// [ErrSyntax], [ErrInvalidPeriod], [ErrNotMultiple], [ErrOverflow],
// [ErrInvalidID], [ErrDuplicateID] or [ErrCycle].
//
// A file whose nodes × metrics × periods would exceed
// [DefaultMaxCells] cells is refused with [ErrTooLarge] before anything is
// allocated for them; [ReadOptions.ReadCSV] sets another limit.
func ReadCSV(r io.Reader, unit decimal.Decimal) (*Plan, error) {
	return ReadOptions{}.ReadCSV(r, unit)
}

// DefaultMaxCells is the number of cells (nodes × metrics × 19 periods) a
// plan file may ask for when [ReadOptions.MaxCells] is zero: 2^27, about
// 1 GiB of amounts, room for a plan of a million leaves and four metrics.
const DefaultMaxCells = 1 << 27

// ReadOptions configures the plan readers. Its zero value reads with the
// default limit; it is a value, safe for concurrent use.
type ReadOptions struct {
	// MaxCells bounds nodes × metrics × 19 periods of the plan a file
	// describes, so that a small file cannot make the reader allocate
	// gigabytes (a CSV naming many nodes and many metrics asks for every
	// combination). Zero means [DefaultMaxCells]; a negative value is an
	// error wrapping [ErrInvalidSpec].
	MaxCells int64
}

// ReadCSV is [ReadCSV] with the options' limit.
func (o ReadOptions) ReadCSV(r io.Reader, unit decimal.Decimal) (*Plan, error) {
	res, err := o.readCSV(r, unit)
	return res, wrap(err)
}

// ReadJSON is [ReadJSON] with the options' limit.
func (o ReadOptions) ReadJSON(r io.Reader) (*Plan, error) {
	res, err := o.readJSON(r)
	return res, wrap(err)
}

// checkCells returns an error wrapping [ErrTooLarge] when a plan of n nodes
// and m metrics exceeds the limit.
func (o ReadOptions) checkCells(n, m int) error {
	limit := o.MaxCells
	switch {
	case limit < 0:
		return fmt.Errorf("read options: max cells %d: %w", limit, ErrInvalidSpec)
	case limit == 0:
		limit = DefaultMaxCells
	}
	if cells := int64(n) * int64(m) * int64(numPeriods); cells > limit {
		return fmt.Errorf("%d nodes × %d metrics × %d periods = %d cells, over the limit of %d (ReadOptions.MaxCells): %w",
			n, m, numPeriods, cells, limit, ErrTooLarge)
	}
	return nil
}

// readCSV is [ReadCSV] with its errors not yet prefixed.
func (o ReadOptions) readCSV(r io.Reader, unit decimal.Decimal) (*Plan, error) {
	return o.readRulesAnd(r, unit, o.readCSVRecords)
}

// readRulesAnd reads the optional rules line of a plan CSV, then the rest
// with records, and applies the rules to the plan read.
func (o ReadOptions) readRulesAnd(r io.Reader, unit decimal.Decimal, records func(io.Reader, money.Unit) (*Plan, error)) (*Plan, error) {
	u, err := unitOrCent(unit)
	if err != nil {
		return nil, fmt.Errorf("read csv: %w", err)
	}
	br := bufio.NewReader(r)
	skipBOM(br)
	meta, err := readRulesLine(br)
	if err != nil {
		return nil, err
	}
	p, err := records(br, u)
	if err != nil {
		var pe *ParseError
		if meta != nil && errors.As(err, &pe) && pe.Line > 0 {
			pe.Line++ // the rules line came first
		}
		return nil, err
	}
	if meta != nil {
		if err := p.applyRules(meta); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// readCSVRecords reads the header and the cells of a long CSV.
func (o ReadOptions) readCSVRecords(r io.Reader, u money.Unit) (*Plan, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := readHeader(cr)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for k, h := range head {
		col[h] = k
	}
	for _, h := range csvHeader() {
		if _, ok := col[h]; !ok {
			return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	var recs []csvRecord
	err = eachRecord(cr, 0, func(rec []string, line int) error {
		cr := csvRecord{
			line: line, path: rec[col["path"]], level: rec[col["level"]], metric: rec[col["metric"]],
			period: rec[col["period"]], amount: rec[col["amount"]],
		}
		if k, ok := col["name"]; ok {
			cr.name = rec[k]
		}
		if k, ok := col["locked"]; ok {
			cr.locked = rec[k]
		}
		recs = append(recs, cr)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o.buildFromRecords(recs, u)
}

// readHeader reads a CSV header line and returns its column names trimmed,
// lower-cased and without a byte-order mark.
func readHeader(cr *csv.Reader) ([]string, error) {
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ParseError{Line: 1, Err: fmt.Errorf("empty file, no header: %w", ErrSyntax)}
		}
		return nil, csvError(err)
	}
	out := make([]string, len(head))
	for k, h := range head {
		out[k] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	}
	return out, nil
}

// eachRecord calls fn with every remaining record of cr and its line: the
// reader's line plus offset, the lines read before cr started (a
// configuration row). It stops at the end of the input or at fn's first
// error; a CSV syntax error is a [*ParseError] wrapping [ErrSyntax].
func eachRecord(cr *csv.Reader, offset int, fn func(rec []string, line int) error) error {
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			err = csvError(err)
			if pe, ok := err.(*ParseError); ok {
				pe.Line += offset
			}
			return err
		}
		line, _ := cr.FieldPos(0)
		if err := fn(rec, line+offset); err != nil {
			return err
		}
	}
}

// csvError turns an encoding/csv error into a ParseError.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.Line, Err: fmt.Errorf("%v: %w", pe.Err, ErrSyntax)}
	}
	return err
}

// buildFromRecords assembles a plan from parsed long-format records.
func (o ReadOptions) buildFromRecords(recs []csvRecord, unit money.Unit) (*Plan, error) {
	// Calendar from the month labels.
	first := -1
	for _, r := range recs {
		if ym, ok := monthKey(r.period); ok && (first < 0 || ym < first) {
			first = ym
		}
	}
	if first < 0 {
		return nil, &ParseError{Field: "period", Err: fmt.Errorf("no month label (YYYY-MM) in the file: %w", ErrInvalidPeriod)}
	}
	cal := Calendar{StartYear: first / 12, FirstMonth: time.Month(first%12 + 1)}
	if err := cal.validate(); err != nil {
		return nil, &ParseError{Field: "period", Err: err}
	}
	// Nodes in order of first appearance.
	var rows []Node
	seen := map[string]int{} // id → index in rows
	paths := map[string]string{}
	var metrics []Metric
	mseen := map[Metric]bool{}
	for _, r := range recs {
		if r.path == "" {
			return nil, &ParseError{Line: r.line, Field: "path", Err: fmt.Errorf("empty path: %w", ErrInvalidID)}
		}
		segs := strings.Split(r.path, "/")
		for k, id := range segs {
			prefix := strings.Join(segs[:k+1], "/")
			if id == "" {
				return nil, &ParseError{Line: r.line, Field: "path", Err: fmt.Errorf("path %q has an empty segment: %w", r.path, ErrInvalidID)}
			}
			if j, ok := seen[id]; ok {
				if paths[id] != prefix {
					return nil, &ParseError{Line: r.line, Field: "path", Err: fmt.Errorf("node %q at %q and %q: %w", id, paths[id], prefix, ErrDuplicateID)}
				}
				if k == len(segs)-1 && r.level != "" {
					if rows[j].Level == "" {
						rows[j].Level = r.level
					} else if rows[j].Level != r.level {
						return nil, &ParseError{Line: r.line, Field: "level", Err: fmt.Errorf("node %q has levels %q and %q: %w", id, rows[j].Level, r.level, ErrSyntax)}
					}
				}
				if k == len(segs)-1 && r.name != "" {
					if rows[j].Name == "" {
						rows[j].Name = r.name
					} else if rows[j].Name != r.name {
						return nil, &ParseError{Line: r.line, Field: "name", Err: fmt.Errorf("node %q has names %q and %q: %w", id, rows[j].Name, r.name, ErrSyntax)}
					}
				}
				continue
			}
			nd := Node{ID: id}
			if k > 0 {
				nd.Parent = segs[k-1]
			}
			if k == len(segs)-1 {
				nd.Level, nd.Name = r.level, r.name
			}
			seen[id] = len(rows)
			paths[id] = prefix
			rows = append(rows, nd)
		}
		m := Metric(r.metric)
		if m == "" {
			return nil, &ParseError{Line: r.line, Field: "metric", Err: fmt.Errorf("empty metric: %w", ErrSyntax)}
		}
		if !mseen[m] {
			mseen[m] = true
			metrics = append(metrics, m)
		}
	}
	tree, err := newTree(rows)
	if err != nil {
		return nil, &ParseError{Field: "path", Err: err}
	}
	if err := o.checkCells(tree.Len(), len(metrics)); err != nil {
		return nil, &ParseError{Field: "path", Err: err}
	}
	p := newPlan(tree, cal, unit, metrics)
	full := make([]int64, p.lay.size())
	present := make([]bool, len(full))
	for _, r := range recs {
		per, err := cal.parseLabel(strings.TrimSpace(r.period))
		if err != nil {
			return nil, &ParseError{Line: r.line, Field: "period", Err: err}
		}
		id := r.path[strings.LastIndexByte(r.path, '/')+1:]
		i := tree.byID.pos(id)
		mi := p.midx[Metric(r.metric)]
		a, err := decimal.NewFromString(strings.TrimSpace(r.amount))
		if err != nil {
			return nil, &ParseError{Line: r.line, Field: "amount", Err: fmt.Errorf("%q: %w", r.amount, ErrSyntax)}
		}
		u, err := p.toUnits("amount", a)
		if err != nil {
			return nil, &ParseError{Line: r.line, Field: "amount", Err: err}
		}
		c := p.cell(mi, i, per)
		if present[c] {
			return nil, &ParseError{Line: r.line, Field: "period", Err: fmt.Errorf("%s %s %s given twice: %w", r.path, r.metric, r.period, ErrSyntax)}
		}
		present[c] = true
		full[c] = u
		switch strings.ToLower(strings.TrimSpace(r.locked)) {
		case "", "false":
		case "true":
			if !per.IsMonth() && per != FY {
				return nil, &ParseError{Line: r.line, Field: "locked", Err: fmt.Errorf("%s is locked through its months, not itself: %w", per, ErrInvalidPeriod)}
			}
			p.locks.add(c)
		default:
			return nil, &ParseError{Line: r.line, Field: "locked", Err: fmt.Errorf("%q, want true, false or empty: %w", r.locked, ErrSyntax)}
		}
	}
	if err := p.setCells(full, present); err != nil {
		return nil, &ParseError{Field: "amount", Err: err}
	}
	return p, nil
}

// setCells stores the cells read from a file, laid out by p.lay, computing
// the quarters, halves and years that were not given from the months. An
// aggregate to compute whose sum is beyond ±10^18 units is a [CellError]
// wrapping [ErrOverflow]; one that was given is kept as written, and
// [Plan.Check] reports it if it does not add up.
func (p *Plan) setCells(full []int64, present []bool) error {
	for mi := range p.metrics {
		for i := range p.tree.Len() {
			r, has := (*[numPeriods]int64)(rowOf(p.lay, full, mi, i)), rowOf(p.lay, present, mi, i)
			for per := Q1; per <= FY; per++ {
				if has[per] {
					continue
				}
				first, last := per.Span()
				v, err := money.Sum(r[first:last])
				if err != nil {
					return p.cellErr(mi, i, per, err)
				}
				r[per] = v
			}
			p.setRow(mi, i, r)
		}
	}
	return nil
}

// monthKey returns year·12 + month−1 for a "YYYY-MM" label.
func monthKey(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[4] != '-' {
		return 0, false
	}
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, false
	}
	return t.Year()*12 + int(t.Month()) - 1, true
}

// jsonNodeLines returns the line of each element of the top-level "nodes"
// array, by walking the tokens.
func jsonNodeLines(data []byte, lineAt func(int64) int) []int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		if key != "nodes" {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return nil
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return nil
		}
		var lines []int
		for dec.More() {
			off := dec.InputOffset()
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return lines
			}
			// The element starts after any whitespace and comma at off.
			for off < int64(len(data)) && strings.ContainsRune(" \t\r\n,", rune(data[off])) {
				off++
			}
			lines = append(lines, lineAt(off))
		}
		return lines
	}
	return nil
}

// rulesPrefix starts the line of rules before the header of a plan CSV.
const rulesPrefix = "#plan "

// jsonRules are the parts of a plan that the CSV columns cannot carry.
type jsonRules struct {
	Version       int               `json:"version"`
	Calendar      jsonCalendar      `json:"calendar"`
	LowerIsBetter *[]Metric         `json:"lowerIsBetter,omitempty"`
	Derived       []jsonDerivation  `json:"derived,omitempty"`
	Opening       map[string]string `json:"openingReceivables"` // by leaf ID; null: none
}

// rulesLine returns the "#plan {…}" cell of the plan's rules and whether
// the plan has any rule the columns cannot carry.
func (p *Plan) rulesLine() (string, bool, error) {
	jr := jsonRules{Version: jsonVersion, Calendar: calendarJSON(p.cal)}
	need := p.cal.Weekend != nil || len(p.cal.Holidays) > 0 || len(p.cal.ExtraWorkdays) > 0 || len(p.derived) > 0
	lower := []Metric{}
	for mi, m := range p.metrics {
		if p.lower[mi] {
			lower = append(lower, m)
		}
		if p.lower[mi] != (m == Expense) {
			need = true
		}
	}
	jr.LowerIsBetter = &lower
	for _, d := range p.derived {
		jr.Derived = append(jr.Derived, derivationJSON(d.spec))
	}
	if p.opening != nil {
		need = true
		jr.Opening = map[string]string{}
		for i, nd := range p.tree.nodes {
			if len(p.tree.kids(i)) == 0 && p.opening[i] != 0 {
				jr.Opening[nd.ID] = p.amount(p.opening[i]).String()
			}
		}
	}
	if !need {
		return "", false, nil
	}
	b, err := json.Marshal(jr)
	if err != nil {
		return "", false, err
	}
	return rulesPrefix + string(b), true, nil
}

// readRulesLine reads the rules line, if the input starts with one: a CSV
// record whose first cell starts with "#plan " (quoted or not) and whose
// other cells, if a spreadsheet padded the row, are empty.
func readRulesLine(br *bufio.Reader) (*jsonRules, error) {
	head, err := br.Peek(len(rulesPrefix) + 1)
	if err != nil || !(strings.HasPrefix(string(head), rulesPrefix) || strings.HasPrefix(string(head), `"`+rulesPrefix)) {
		return nil, nil // no rules line (or a file too short to have one)
	}
	line, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	cell := strings.TrimRight(line, "\r\n") // typed by hand: the line as it is
	if strings.HasPrefix(line, `"`) {
		lr := csv.NewReader(strings.NewReader(line))
		lr.FieldsPerRecord = -1
		rec, err := lr.Read()
		if err != nil {
			return nil, &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
		}
		for _, extra := range rec[1:] {
			if extra != "" {
				return nil, &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("cells after the rules: %w", ErrSyntax)}
			}
		}
		cell = rec[0]
	}
	dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(cell, rulesPrefix)))
	dec.DisallowUnknownFields()
	var jr jsonRules
	if err := dec.Decode(&jr); err != nil {
		return nil, &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
	}
	if jr.Version < 1 || jr.Version > jsonVersion {
		return nil, &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("version %d; this reader knows 1 … %d: %w", jr.Version, jsonVersion, ErrSyntax)}
	}
	return &jr, nil
}

// applyRules sets the rules of a CSV's rules line on the plan read from its
// cells: the calendar (whose first month must be the cells'), the
// lower-is-better metrics, the opening receivables and the derivations.
func (p *Plan) applyRules(jr *jsonRules) error {
	cal, err := jr.Calendar.calendar()
	if err != nil {
		return inLine1(err)
	}
	if cal.StartYear != p.cal.StartYear || cal.first() != p.cal.first() {
		return &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("calendar %s … does not match the cells' %s …: %w", cal.Label(M1), p.cal.Label(M1), ErrInvalidCalendar)}
	}
	p.cal = cal
	if jr.LowerIsBetter != nil {
		if err := p.setLowerIsBetter(*jr.LowerIsBetter); err != nil {
			return &ParseError{Line: 1, Field: "#plan", Err: err}
		}
	}
	if jr.Opening != nil {
		leaves := make([]int64, p.tree.Len())
		for id, s := range jr.Opening {
			i, ok := p.tree.byID.get(id)
			if !ok || len(p.tree.kids(i)) > 0 {
				return &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("opening receivables of %q, not a leaf: %w", id, ErrUnknownNode)}
			}
			a, err := decimal.NewFromString(s)
			if err != nil {
				return &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("opening receivables %q: %w", s, ErrSyntax)}
			}
			if leaves[i], err = p.toUnits("opening receivables", a); err != nil {
				return &ParseError{Line: 1, Field: "#plan", Err: err}
			}
		}
		if err := p.setOpening(leaves, 0); err != nil {
			return &ParseError{Line: 1, Field: "#plan", Err: err}
		}
	}
	if err := p.readDerivations(jr.Derived); err != nil {
		return inLine1(err)
	}
	for c := range p.locks {
		if mi, _, _ := p.lay.coords(c); p.isDerived(p.metrics[mi]) {
			return &ParseError{Line: 1, Field: "#plan", Err: fmt.Errorf("a lock on derived %s: %w", p.metrics[mi], ErrDerivedMetric)}
		}
	}
	return nil
}

// inLine1 places a ParseError without a line on the rules line.
func inLine1(err error) error {
	var pe *ParseError
	if errors.As(err, &pe) && pe.Line == 0 {
		pe.Line = 1
		pe.Field = "#plan." + pe.Field
	}
	return err
}
