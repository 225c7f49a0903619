package target

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// A review file — the long CSV of [Review.WriteCSV] or the wide one of
// [Review.WriteWideCSV] — holds every due month of every node and metric, so
// the actuals can be read back from it; the configuration row holds what the
// cells cannot (the as-of date, the time basis, the thresholds and the
// lower-is-better metrics). The readers rebuild the actuals, review them
// against the plan they are given and check every cell of the file against
// that review, so that what they return is the review that was written, or
// an error naming the first cell that differs.

// reviewConfigPrefix starts the configuration cell of a review CSV.
const reviewConfigPrefix = "#review "

// jsonReviewConfig is the configuration row of a review CSV.
type jsonReviewConfig struct {
	Version     int           `json:"version"`
	AsOf        string        `json:"asOf"`
	WorkingDays bool          `json:"workingDays,omitempty"`
	Calendar    *jsonCalendar `json:"calendar,omitempty"` // the working-day calendar when not the plan's
	Thresholds  struct {
		Ahead   float64 `json:"ahead"`
		OnTrack float64 `json:"onTrack"`
		Behind  float64 `json:"behind"`
	} `json:"thresholds"`
	LowerIsBetter []Metric `json:"lowerIsBetter"`
}

// configJSON returns the review's configuration as the files record it:
// the thresholds and lower-is-better metrics in effect, spelt out.
func (r *Review) configJSON() jsonReviewConfig {
	jc := jsonReviewConfig{Version: 1, AsOf: r.cfg.AsOf.Format(time.DateOnly), WorkingDays: r.cfg.WorkingDays,
		LowerIsBetter: []Metric{}}
	if r.cfg.Calendar != nil {
		c := calendarJSON(*r.cfg.Calendar)
		jc.Calendar = &c
	}
	jc.Thresholds.Ahead, jc.Thresholds.OnTrack, jc.Thresholds.Behind = r.th.Ahead, r.th.OnTrack, r.th.Behind
	for mi, m := range r.p.metrics {
		if r.lower[mi] {
			jc.LowerIsBetter = append(jc.LowerIsBetter, m)
		}
	}
	return jc
}

// writeConfigRow writes the "#review {…}" row: one quoted cell, as the
// plan's rules row.
func (r *Review) writeConfigRow(cw *csv.Writer) error {
	b, err := json.Marshal(r.configJSON())
	if err != nil {
		return err
	}
	return cw.Write([]string{reviewConfigPrefix + string(b)})
}

// readReviewConfig reads the configuration row that starts a review CSV,
// after an optional byte-order mark.
func (p *Plan) readReviewConfig(br *bufio.Reader) (ReviewConfig, error) {
	skipBOM(br)
	bad := func(err error) error { return &ParseError{Line: 1, Field: "#review", Err: err} }
	line, err := br.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return ReviewConfig{}, err
	}
	lr := csv.NewReader(strings.NewReader(line))
	lr.FieldsPerRecord = -1
	rec, err := lr.Read()
	if err != nil || !strings.HasPrefix(rec[0], reviewConfigPrefix) {
		return ReviewConfig{}, bad(fmt.Errorf("a review CSV starts with its %q configuration row: %w", strings.TrimSpace(reviewConfigPrefix), ErrSyntax))
	}
	for _, extra := range rec[1:] {
		if extra != "" {
			return ReviewConfig{}, bad(fmt.Errorf("cells after the configuration: %w", ErrSyntax))
		}
	}
	dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(rec[0], reviewConfigPrefix)))
	dec.DisallowUnknownFields()
	var jc jsonReviewConfig
	if err := dec.Decode(&jc); err != nil {
		return ReviewConfig{}, bad(fmt.Errorf("%v: %w", err, ErrSyntax))
	}
	cfg, err := p.reviewConfig(jc)
	if err != nil {
		return ReviewConfig{}, bad(err)
	}
	return cfg, nil
}

// reviewConfig checks a recorded configuration against the plan and
// returns it.
func (p *Plan) reviewConfig(jc jsonReviewConfig) (ReviewConfig, error) {
	if jc.Version != 1 {
		return ReviewConfig{}, fmt.Errorf("version %d; this reader knows 1: %w", jc.Version, ErrSyntax)
	}
	asOf, err := time.Parse(time.DateOnly, jc.AsOf)
	if err != nil {
		return ReviewConfig{}, fmt.Errorf("as-of date %q: %w", jc.AsOf, ErrSyntax)
	}
	cfg := ReviewConfig{AsOf: asOf, WorkingDays: jc.WorkingDays, LowerIsBetter: []Metric{},
		Thresholds: Thresholds{Ahead: jc.Thresholds.Ahead, OnTrack: jc.Thresholds.OnTrack, Behind: jc.Thresholds.Behind}}
	if jc.Calendar != nil {
		c, err := jc.Calendar.calendar()
		if err != nil {
			return ReviewConfig{}, err
		}
		cfg.Calendar = &c
	}
	for _, m := range jc.LowerIsBetter {
		if _, ok := p.midx[m]; !ok {
			return ReviewConfig{}, fmt.Errorf("lower-is-better metric %q: %w", m, ErrUnknownMetric)
		}
		if !slices.Contains(cfg.LowerIsBetter, m) {
			cfg.LowerIsBetter = append(cfg.LowerIsBetter, m)
		}
	}
	if err := cfg.validate(); err != nil {
		return ReviewConfig{}, err
	}
	if _, ok := p.cal.MonthOf(asOf); !ok {
		return ReviewConfig{}, fmt.Errorf("as-of %s outside the fiscal year %s … %s: %w", jc.AsOf, p.cal.Label(M1), p.cal.Label(M12), ErrInvalidPeriod)
	}
	return cfg, nil
}

// cellKind is how a review file's cell compares: amounts by value with the
// unit's places, ratios by value to six decimals, and so on.
type cellKind uint8

const (
	kindText   cellKind = iota // as written, spaces trimmed
	kindLevel                  // a level, English or Chinese
	kindMetric                 // a metric, English or Chinese
	kindWindow                 // a month label, QTD or YTD, English or Chinese
	kindAmount                 // a decimal amount or empty
	kindRatio                  // a fraction or empty
	kindStatus                 // a status, English or Chinese
	kindInt                    // a count
)

// canonical returns the cell s in the form the writer gives it in English,
// so that a file a spreadsheet saved back ("1200" for "1200.00", "0.97" for
// "0.970000") compares equal.
func (p *Plan) canonical(kind cellKind, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" && kind >= kindAmount && kind != kindStatus {
		return "", nil
	}
	switch kind {
	case kindLevel:
		if k, ok := fromTitle["level "+s]; ok {
			return k, nil
		}
	case kindMetric:
		if k, ok := fromTitle["metric "+s]; ok {
			return k, nil
		}
	case kindWindow:
		switch s {
		case "QTD", "YTD":
			return s, nil
		case reviewText["QTD"]:
			return "QTD", nil
		case reviewText["YTD"]:
			return "YTD", nil
		}
		k, err := p.cal.parseLabel(s)
		if err != nil || !k.IsMonth() {
			return "", fmt.Errorf("window %q is not a month, QTD or YTD: %w", s, ErrInvalidPeriod)
		}
		return p.cal.Label(k), nil
	case kindAmount:
		d, err := decimal.NewFromString(s)
		if err != nil {
			return "", fmt.Errorf("amount %q: %w", s, ErrSyntax)
		}
		if !d.Equal(d.Round(p.places())) {
			return d.String(), nil // finer than the unit: equal to no amount written
		}
		return d.StringFixed(p.places()), nil
	case kindRatio:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return "", fmt.Errorf("ratio %q: %w", s, ErrSyntax)
		}
		return strconv.FormatFloat(x, 'f', 6, 64), nil
	case kindStatus:
		for st := NoData; st <= Ahead; st++ {
			if strings.EqualFold(s, st.String()) || s == st.Title("zh") {
				return st.String(), nil
			}
		}
		return "", fmt.Errorf("status %q: %w", s, ErrSyntax)
	case kindInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			return "", fmt.Errorf("count %q: %w", s, ErrSyntax)
		}
		return strconv.Itoa(n), nil
	}
	return s, nil
}

// reviewRow is one data row of a review file: its line, its key and its
// cells in the writer's column order.
type reviewRow struct {
	line  int
	cells []string
}

// reviewFile is a review file read into rows by key, with the kinds and
// names of the writer's columns.
type reviewFile struct {
	p     *Plan
	kinds []cellKind
	heads []string // the column names as the file has them, for errors
	rows  map[int]reviewRow
}

// nodeOfPath returns the node index of a path cell: the path of IDs from the
// root, as the writers write it.
func (p *Plan) nodeOfPath(path string) (int, error) {
	path = strings.TrimSpace(path)
	i, ok := p.tree.byID.get(lastSegment(path))
	if !ok || p.tree.path(i) != path {
		return 0, fmt.Errorf("node %q: %w", path, ErrUnknownNode)
	}
	return i, nil
}

// month returns the actual, the plan of what was reported, in units, and
// the state of one due month of a node and metric, from the cells of its
// row in columns c: plan, actual, status and missing.
func (f *reviewFile) month(row reviewRow, c [4]int) (units, plan int64, state uint8, err error) {
	fail := func(col int, err error) error {
		return &ParseError{Line: row.line, Field: f.heads[col], Err: err}
	}
	st, err := f.p.canonical(kindStatus, row.cells[c[2]])
	if err != nil {
		return 0, 0, 0, fail(c[2], err)
	}
	miss, err := f.p.canonical(kindInt, row.cells[c[3]])
	if err != nil {
		return 0, 0, 0, fail(c[3], err)
	}
	switch {
	case miss == "0":
		state = reportedAll
	case st == NoData.String():
		return 0, 0, reportedNone, nil
	default:
		state = reportedPart
	}
	var v [2]int64
	for j, col := range c[:2] {
		s := strings.TrimSpace(row.cells[col])
		if s == "" {
			return 0, 0, 0, fail(col, fmt.Errorf("empty for a reported month: %w", ErrSyntax))
		}
		d, err := decimal.NewFromString(s)
		if err != nil {
			return 0, 0, 0, fail(col, fmt.Errorf("amount %q: %w", s, ErrSyntax))
		}
		if v[j], err = f.p.unit.Count(d); err != nil {
			return 0, 0, 0, fail(col, err)
		}
	}
	return v[1], v[0], state, nil
}

// rebuildActuals returns the actuals that give the months of the file: the
// leaves' reports, and an inner node's own report where its children do
// not give what the file shows for it — neither its actual nor, in a plan
// whose children do not add up to their parent, the plan of what was
// reported (a node's own report compares with its own plan, a sum of
// reports with the sum of the reporters' plans). month gives the units of
// the actual and of the reported plan and the state of a node, metric and
// due month.
func (p *Plan) rebuildActuals(asOf int, month func(mi, i, k int) (units, plan int64, state uint8, err error)) (*Actuals, error) {
	a := p.NewActuals()
	n := p.tree.Len()
	rp := make([]int64, n*12) // the plan of what was reported, as the review will sum it
	for mi := range p.metrics {
		for i := n - 1; i >= 0; i-- { // children before parents
			kids := p.tree.kids(i)
			pr := p.months(mi, i)
			for k := 0; k <= asOf; k++ {
				units, plan, state, err := month(mi, i, k)
				if err != nil {
					return nil, err
				}
				var acc money.Acc
				for _, ch := range kids {
					acc.Add(rp[ch*12+k])
				}
				sum, fits := acc.Value()
				rp[i*12+k] = sum
				if state != reportedAll {
					continue // a partly reported node is its children's sum
				}
				if len(kids) > 0 {
					if v, st, ok := a.rolled(mi, i, k); ok && fits && st == reportedAll && v == units && sum == plan {
						continue
					}
				}
				c := a.lay.at(mi, i, k)
				a.cells[c], a.has[c] = units, true
				rp[i*12+k] = pr[k]
			}
		}
	}
	return a, nil
}

// check compares every row of the file with the rows of the review the
// writer gives (records), cell by cell; the first difference is a
// [*ParseError] wrapping [ErrMismatchedActuals].
func (f *reviewFile) check(records func(emit func(key int, rec []string) error) error) error {
	return records(func(key int, want []string) error {
		row, ok := f.rows[key]
		if !ok {
			return &ParseError{Field: want[0], Err: fmt.Errorf("no row for %s: %w", strings.Join(want[:4], " "), ErrSyntax)}
		}
		for c, kind := range f.kinds {
			got, err := f.p.canonical(kind, row.cells[c])
			if err != nil {
				return &ParseError{Line: row.line, Field: f.heads[c], Err: err}
			}
			if w, _ := f.p.canonical(kind, want[c]); got != w {
				return &ParseError{Line: row.line, Field: f.heads[c], Err: fmt.Errorf("%q, but the plan and the file's actuals give %q: %w", row.cells[c], want[c], ErrMismatchedActuals)}
			}
		}
		return nil
	})
}

// longKey is the key of the long record of node i, metric mi and window k
// (a due month, then QTD and YTD) of a review as of fiscal month asOf.
func (p *Plan) longKey(asOf, i, mi, k int) int { return (i*len(p.metrics)+mi)*(asOf+3) + k }

// ReadReviewCSV reads the review that [Review.WriteCSV] wrote for plan p;
// it is [Plan.ReadReviewCSV].
func ReadReviewCSV(r io.Reader, p *Plan) (*Review, error) { return p.ReadReviewCSV(r) }

// ReadReviewCSV reads a review of the plan from the long CSV of
// [Review.WriteCSV], with or without a byte-order mark: the configuration
// row, then a row for every node, metric and window in any order. It
// rebuilds the actuals from the due months, reviews them against the plan
// and checks every cell of the file against that review (amounts by value,
// ratios to six decimals, so a file a spreadsheet saved back reads too), so
// the review returned is equal to the one written and behaves the same.
//
// Errors are [*ParseError] values naming the line and column, wrapping
// [ErrSyntax] (layout, a row missing or given twice, a cell that does not
// parse), [ErrUnknownNode], [ErrUnknownMetric], [ErrInvalidPeriod] (a window
// after the as-of month), [ErrNotMultiple], [ErrOverflow] or
// [ErrMismatchedActuals] (a cell that differs from what the plan and the
// actuals give: a review of another plan, or an edited file), or the errors
// of [NewReview].
func (p *Plan) ReadReviewCSV(r io.Reader) (*Review, error) {
	res, err := p.readReviewCSV(r)
	return res, wrap(err)
}

func (p *Plan) readReviewCSV(r io.Reader) (*Review, error) {
	br := bufio.NewReader(r)
	cfg, err := p.readReviewConfig(br)
	if err != nil {
		return nil, err
	}
	asOf, _ := p.cal.MonthOf(cfg.AsOf)
	windows := int(asOf) + 3
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	head, err := readHeader(cr)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			pe.Line++
		}
		return nil, err
	}
	want := reviewCSVHeader()
	col := make([]int, len(want))
	for c, h := range want {
		if col[c] = slices.Index(head, h); col[c] < 0 {
			return nil, &ParseError{Line: 2, Field: h, Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	f := &reviewFile{p: p, heads: want, rows: map[int]reviewRow{},
		kinds: []cellKind{kindText, kindLevel, kindMetric, kindWindow, kindAmount, kindAmount, kindAmount, kindRatio,
			kindStatus, kindInt, kindInt, kindAmount, kindAmount, kindRatio, kindRatio, kindAmount, kindAmount, kindAmount, kindAmount}}
	err = f.readRows(cr, col, p.tree.Len()*len(p.metrics)*windows, 2, func(i, mi int, cells []string, line int) (int, error) {
		w, err := p.canonical(kindWindow, cells[3])
		if err != nil {
			return 0, &ParseError{Line: line, Field: "window", Err: err}
		}
		k := windows - 1
		switch w {
		case "QTD":
			k = windows - 2
		case "YTD":
		default:
			k0, _ := p.cal.parseLabel(w)
			if k = int(k0); k > int(asOf) {
				return 0, &ParseError{Line: line, Field: "window", Err: fmt.Errorf("%s is after the as-of month %s: %w", w, p.cal.Label(asOf), ErrInvalidPeriod)}
			}
		}
		return p.longKey(int(asOf), i, mi, k), nil
	})
	if err != nil {
		return nil, err
	}
	return f.review(cfg, func(mi, i, k int) (reviewRow, [4]int, bool) {
		row, ok := f.rows[p.longKey(int(asOf), i, mi, k)]
		return row, [4]int{4, 5, 8, 10}, ok
	}, func(rev *Review) func(func(int, []string) error) error { return rev.longRecords })
}

// readRows reads the data rows of a review CSV into f.rows, at most limit:
// the node of column 0 and the metric of column metric, then key, which
// gives the row's key from them and the cells (ordered as the writer's
// columns; col maps them to the file's). A key given twice is an error.
func (f *reviewFile) readRows(cr *csv.Reader, col []int, limit, metric int, key func(i, mi int, cells []string, line int) (int, error)) error {
	p := f.p
	return eachRecord(cr, 1 /* after the configuration row */, func(rec []string, line int) error {
		if len(f.rows) == limit {
			return &ParseError{Line: line, Err: fmt.Errorf("more than the plan's %d rows: %w", limit, ErrSyntax)}
		}
		cells := make([]string, len(col))
		for c, k := range col {
			cells[c] = rec[k]
		}
		i, err := p.nodeOfPath(cells[0])
		if err != nil {
			return &ParseError{Line: line, Field: f.heads[0], Err: err}
		}
		m, err := p.canonical(kindMetric, cells[metric])
		mi, ok := p.midx[Metric(m)]
		if err != nil || !ok {
			return &ParseError{Line: line, Field: f.heads[metric], Err: fmt.Errorf("metric %q: %w", cells[metric], ErrUnknownMetric)}
		}
		k, err := key(i, mi, cells, line)
		if err != nil {
			return err
		}
		if _, dup := f.rows[k]; dup {
			return &ParseError{Line: line, Err: fmt.Errorf("row %s given twice: %w", strings.Join(cells[:4], " "), ErrSyntax)}
		}
		f.rows[k] = reviewRow{line: line, cells: cells}
		return nil
	})
}

// review rebuilds the actuals from the due months of the file's rows —
// month gives the row of a metric, node and month and the columns of its
// actual, status and missing cells — reviews them with cfg and checks
// every row against the records of that review.
func (f *reviewFile) review(cfg ReviewConfig, month func(mi, i, k int) (reviewRow, [4]int, bool),
	records func(*Review) func(func(int, []string) error) error) (*Review, error) {
	p := f.p
	asOf, _ := p.cal.MonthOf(cfg.AsOf)
	a, err := p.rebuildActuals(int(asOf), func(mi, i, k int) (int64, int64, uint8, error) {
		row, c, ok := month(mi, i, k)
		if !ok {
			return 0, 0, 0, &ParseError{Field: f.heads[0], Err: fmt.Errorf("no row for %s %s %s: %w", p.tree.path(i), p.metrics[mi], p.cal.Label(Period(k)), ErrSyntax)}
		}
		return f.month(row, c)
	})
	if err != nil {
		return nil, err
	}
	rev, err := newReview(p, a, cfg)
	if err != nil {
		return nil, err
	}
	if err := f.check(records(rev)); err != nil {
		return nil, err
	}
	return rev, nil
}

// ReviewCSV configures [Review.WriteWideCSV]. The zero value writes English
// headers without a byte-order mark.
type ReviewCSV struct {
	// Lang is the language of the headers, levels, metrics and statuses: a
	// Chinese tag ("zh", "zh-CN", …) writes the course's Chinese (计划,
	// 实际, 差异, 完成率, 状态, 缺报, 年初至今 …); anything else English.
	Lang string
	// BOM starts the file with a UTF-8 byte-order mark, so that Excel
	// shows Chinese names correctly.
	BOM bool
}

// reviewMeasures are the columns of each window of the wide review CSV, and
// reviewYear the full-year columns, in English and Chinese.
var (
	reviewMeasures = [2][6]string{{"plan", "actual", "variance", "completion", "status", "missing"},
		{"计划", "实际", "差异", "完成率", "状态", "缺报"}}
	reviewYear = [2][9]string{{"annual plan", "actual to date", "time progress", "completion progress", "gap to go",
		"forecast run rate", "forecast seasonal", "forecast actual + plan", "landing"},
		{"年度计划", "累计实际", "时间进度", "完成进度", "剩余缺口", "按速率预测", "按季节性预测", "实际+计划预测", "预计结果"}}
	reviewMeasureKinds = [6]cellKind{kindAmount, kindAmount, kindAmount, kindRatio, kindStatus, kindInt}
	reviewYearKinds    = [9]cellKind{kindAmount, kindAmount, kindRatio, kindRatio, kindAmount, kindAmount, kindAmount, kindAmount, kindStatus}
)

// wideHeader returns the columns of the wide CSV of a review as of fiscal
// month asOf in a language (0 English, 1 Chinese) and their kinds.
func (p *Plan) wideHeader(asOf, zh int) ([]string, []cellKind) {
	heads := append([]string{}, wideHeads[zh][:4]...)
	kinds := []cellKind{kindText, kindLevel, kindText, kindMetric}
	for k := 0; k < asOf+3; k++ {
		w := p.windowLabel(asOf, k)
		if zh == 1 && k > asOf {
			w = reviewText[w]
		}
		for j, m := range reviewMeasures[zh] {
			heads = append(heads, w+" "+m)
			kinds = append(kinds, reviewMeasureKinds[j])
		}
	}
	return append(heads, reviewYear[zh][:]...), append(kinds, reviewYearKinds[:]...)
}

// windowLabel is the label of window k of a review as of fiscal month
// asOf: a month label, QTD or YTD.
func (p *Plan) windowLabel(asOf, k int) string {
	switch k {
	case asOf + 1:
		return "QTD"
	case asOf + 2:
		return "YTD"
	}
	return p.cal.Label(Period(k))
}

// WriteWideCSV writes the review as the table a spreadsheet shows: the
// configuration row of [Review.WriteCSV], then one row a metric and node —
// metric by metric, nodes depth-first — with the node's path, level and
// name, then for each due month, the quarter to date and the year to date
// the columns plan, actual, variance, completion, status and missing
// ("2027-01 plan", …, "YTD missing"), then the full year: annual plan,
// actual to date, time progress, completion progress, gap to go, the three
// forecasts and the landing status. Amounts have the unit's decimals;
// ratios are fractions with six decimals, empty when undefined.
// [Plan.ReadReviewWideCSV] reads it back.
func (r *Review) WriteWideCSV(w io.Writer, opt ReviewCSV) error {
	return wrap(r.writeWideCSV(w, opt))
}

func (r *Review) writeWideCSV(w io.Writer, opt ReviewCSV) error {
	cw, bw := newCSVWriter(w, opt.BOM)
	if err := r.writeConfigRow(cw); err != nil {
		return err
	}
	zh := 0
	if lang.Chinese(opt.Lang) {
		zh = 1
	}
	head, _ := r.p.wideHeader(r.asOf, zh)
	if err := cw.Write(head); err != nil {
		return err
	}
	if err := r.wideRecords(opt.Lang, func(_ int, rec []string) error { return cw.Write(rec) }); err != nil {
		return err
	}
	return flushCSV(cw, bw)
}

// wideRecords calls emit with every record of [Review.WriteWideCSV] after
// the header, in order, and its key mi·nodes + i. The record is reused.
func (r *Review) wideRecords(tag string, emit func(key int, rec []string) error) error {
	p := r.p
	places := p.places()
	n := p.tree.Len()
	rec := make([]string, 4+6*(r.asOf+3)+9)
	for mi, m := range p.metrics {
		for i, nd := range p.tree.nodes {
			rows, err := r.windows(nd.ID, m)
			if err != nil {
				return err
			}
			rec[0], rec[1], rec[2], rec[3] = p.tree.path(i), LevelTitle(nd.Level, tag), nd.Name, m.Title(tag)
			for k, row := range rows {
				c := rec[4+6*k:]
				c[0], c[1], c[2] = row.Plan.StringFixed(places), row.Actual.StringFixed(places), row.Variance.StringFixed(places)
				c[3], c[4], c[5] = ratioField(row.Completion), row.Status.Title(tag), strconv.Itoa(row.Missing)
			}
			g := r.progress(i, mi)
			c := rec[4+6*len(rows):]
			c[0], c[1] = g.Annual.StringFixed(places), g.ActualToDate.StringFixed(places)
			c[2], c[3] = strconv.FormatFloat(g.TimeProgress, 'f', 6, 64), ratioField(g.CompletionProgress)
			c[4], c[5], c[6] = g.GapToGo.StringFixed(places), nullField(g.ForecastLinear, places), nullField(g.ForecastSeasonal, places)
			c[7], c[8] = g.ForecastActualPlusPlan.StringFixed(places), g.ForecastStatus.Title(tag)
			if err := emit(mi*n+i, rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReadReviewWideCSV reads the review that [Review.WriteWideCSV] wrote for
// plan p; it is [Plan.ReadReviewWideCSV].
func ReadReviewWideCSV(r io.Reader, p *Plan) (*Review, error) { return p.ReadReviewWideCSV(r) }

// ReadReviewWideCSV reads a review of the plan from the wide CSV of
// [Review.WriteWideCSV], with English or Chinese headers, with or without a
// byte-order mark; columns and rows may come in any order. Like
// [Plan.ReadReviewCSV] it rebuilds the actuals, reviews them and checks
// every cell, with the same errors; the columns must be those of the
// configuration's as-of month.
func (p *Plan) ReadReviewWideCSV(r io.Reader) (*Review, error) {
	res, err := p.readReviewWideCSV(r)
	return res, wrap(err)
}

func (p *Plan) readReviewWideCSV(r io.Reader) (*Review, error) {
	br := bufio.NewReader(r)
	cfg, err := p.readReviewConfig(br)
	if err != nil {
		return nil, err
	}
	asOf, _ := p.cal.MonthOf(cfg.AsOf)
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ParseError{Line: 2, Err: fmt.Errorf("no header: %w", ErrSyntax)}
		}
		return nil, &ParseError{Line: 2, Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
	}
	// Map the file's columns onto the writer's, whichever language each
	// header is in.
	want := [2][]string{}
	var kinds []cellKind
	want[0], kinds = p.wideHeader(int(asOf), 0)
	want[1], _ = p.wideHeader(int(asOf), 1)
	col := make([]int, len(kinds))
	for c := range col {
		col[c] = -1
	}
	for k, h := range head {
		h = strings.TrimSpace(h)
		found := false
		for _, names := range want {
			if c := slices.Index(names, h); c >= 0 {
				if col[c] >= 0 {
					return nil, &ParseError{Line: 2, Field: h, Err: fmt.Errorf("column given twice: %w", ErrSyntax)}
				}
				col[c], found = k, true
				break
			}
		}
		if !found && h != "" {
			return nil, &ParseError{Line: 2, Field: h, Err: fmt.Errorf("not a column of a review as of %s: %w", p.cal.Label(asOf), ErrSyntax)}
		}
	}
	for c, k := range col {
		if k < 0 {
			return nil, &ParseError{Line: 2, Field: want[0][c], Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	n := p.tree.Len()
	f := &reviewFile{p: p, heads: want[0], kinds: kinds, rows: map[int]reviewRow{}}
	err = f.readRows(cr, col, n*len(p.metrics), 3, func(i, mi int, _ []string, _ int) (int, error) { return mi*n + i, nil })
	if err != nil {
		return nil, err
	}
	return f.review(cfg, func(mi, i, k int) (reviewRow, [4]int, bool) {
		row, ok := f.rows[mi*n+i]
		return row, [4]int{4 + 6*k, 4 + 6*k + 1, 4 + 6*k + 4, 4 + 6*k + 5}, ok
	}, func(rev *Review) func(func(int, []string) error) error {
		return func(emit func(int, []string) error) error { return rev.wideRecords("", emit) }
	})
}

// ReadReviewJSON reads the review that [Review.MarshalJSON] wrote for plan
// p; it is [Plan.ReadReviewJSON].
func ReadReviewJSON(r io.Reader, p *Plan) (*Review, error) { return p.ReadReviewJSON(r) }

// ReadReviewJSON reads a review of the plan from the JSON of
// [Review.MarshalJSON]: like [Plan.ReadReviewCSV] it takes the
// configuration, rebuilds the actuals from the due months, reviews them and
// checks the whole document against that review — exactly, as JSON is
// written by programs — so the review returned is equal to the one written.
// Nodes may come in any order. Errors are [*ParseError] values naming the
// JSON path, wrapping [ErrSyntax], [ErrUnknownNode], [ErrUnknownMetric],
// [ErrNotMultiple], [ErrOverflow] or [ErrMismatchedActuals], or the errors of
// [NewReview].
func (p *Plan) ReadReviewJSON(r io.Reader) (*Review, error) {
	res, err := p.readReviewJSON(r)
	return res, wrap(err)
}

func (p *Plan) readReviewJSON(r io.Reader) (*Review, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var doc jsonReview
	if err := dec.Decode(&doc); err != nil {
		return nil, &ParseError{Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
	}
	if dec.More() {
		return nil, &ParseError{Err: fmt.Errorf("data after the review: %w", ErrSyntax)}
	}
	cfg, err := p.reviewConfig(doc.Config)
	if err != nil {
		return nil, &ParseError{Field: "config", Err: err}
	}
	asOf, _ := p.cal.MonthOf(cfg.AsOf)
	n, windows := p.tree.Len(), int(asOf)+3
	if len(doc.Nodes) != n {
		return nil, &ParseError{Field: "nodes", Err: fmt.Errorf("%d nodes, the plan has %d: %w", len(doc.Nodes), n, ErrSyntax)}
	}
	at := make([]int, n) // the document's index of each node
	for i := range at {
		at[i] = -1
	}
	for k, jn := range doc.Nodes {
		field := fmt.Sprintf("nodes[%d]", k)
		i, err := p.nodeOfPath(jn.Path)
		if err != nil {
			return nil, &ParseError{Field: field + ".path", Err: err}
		}
		if at[i] >= 0 {
			return nil, &ParseError{Field: field + ".path", Err: fmt.Errorf("%s given twice: %w", jn.Path, ErrSyntax)}
		}
		at[i] = k
		for m, jm := range jn.Metrics {
			if _, ok := p.midx[m]; !ok {
				return nil, &ParseError{Field: field + ".metrics", Err: fmt.Errorf("metric %q: %w", m, ErrUnknownMetric)}
			}
			if len(jm.Rows) != windows {
				return nil, &ParseError{Field: fmt.Sprintf("%s.metrics.%s.rows", field, m), Err: fmt.Errorf("%d rows, want %d for a review as of %s: %w", len(jm.Rows), windows, p.cal.Label(asOf), ErrSyntax)}
			}
		}
		if len(jn.Metrics) != len(p.metrics) {
			return nil, &ParseError{Field: field + ".metrics", Err: fmt.Errorf("%d metrics, the plan has %d: %w", len(jn.Metrics), len(p.metrics), ErrSyntax)}
		}
	}
	f := &reviewFile{p: p, heads: []string{"plan", "actual", "status", "missing"}}
	a, err := p.rebuildActuals(int(asOf), func(mi, i, k int) (int64, int64, uint8, error) {
		row := doc.Nodes[at[i]].Metrics[p.metrics[mi]].Rows[k]
		units, plan, state, err := f.month(reviewRow{cells: []string{row.Plan, row.Actual, row.Status, strconv.Itoa(row.Missing)}}, [4]int{0, 1, 2, 3})
		if pe, ok := err.(*ParseError); ok {
			pe.Field = fmt.Sprintf("nodes[%d].metrics.%s.rows[%d].%s", at[i], p.metrics[mi], k, pe.Field)
		}
		return units, plan, state, err
	})
	if err != nil {
		return nil, err
	}
	rev, err := newReview(p, a, cfg)
	if err != nil {
		return nil, err
	}
	want, err := rev.jsonDoc()
	if err != nil {
		return nil, err
	}
	differs := func(field string, got, want any) error {
		b1, _ := json.Marshal(got)
		b2, _ := json.Marshal(want)
		return &ParseError{Field: field, Err: fmt.Errorf("%s, but the plan and the document's actuals give %s: %w", b1, b2, ErrMismatchedActuals)}
	}
	if doc.AsOf != want.AsOf || doc.TimeProgress != want.TimeProgress {
		return nil, differs("asOf", []any{doc.AsOf, doc.TimeProgress}, []any{want.AsOf, want.TimeProgress})
	}
	for i, wn := range want.Nodes {
		k := at[i]
		gn := doc.Nodes[k]
		if gn.Level != wn.Level {
			return nil, differs(fmt.Sprintf("nodes[%d].level", k), gn.Level, wn.Level)
		}
		for _, m := range p.metrics {
			g, w := gn.Metrics[m], wn.Metrics[m]
			for j := range w.Rows {
				if !reflect.DeepEqual(g.Rows[j], w.Rows[j]) {
					return nil, differs(fmt.Sprintf("nodes[%d].metrics.%s.rows[%d]", k, m, j), g.Rows[j], w.Rows[j])
				}
			}
			if !reflect.DeepEqual(g.Progress, w.Progress) {
				return nil, differs(fmt.Sprintf("nodes[%d].metrics.%s.progress", k, m), g.Progress, w.Progress)
			}
		}
	}
	return rev, nil
}
