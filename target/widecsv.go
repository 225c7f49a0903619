package target

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// utf8BOM is the byte-order mark that tells Excel a CSV file is UTF-8.
const utf8BOM = "\ufeff"

// newCSVWriter returns a CSV writer on w through a buffer (flush both with
// [flushCSV]), which starts with a UTF-8 byte-order mark when bom is set.
func newCSVWriter(w io.Writer, bom bool) (*csv.Writer, *bufio.Writer) {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString(utf8BOM)
	}
	return csv.NewWriter(bw), bw
}

// skipBOM reads past a UTF-8 byte-order mark at the start of br, as a
// spreadsheet saves UTF-8.
func skipBOM(br *bufio.Reader) {
	if head, _ := br.Peek(len(utf8BOM)); string(head) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
}

// WideCSV configures [Plan.WriteWideCSV]. The zero value writes English
// headers without a byte-order mark.
type WideCSV struct {
	// Lang is the language of the headers, the levels and the four result
	// metrics: a Chinese tag ("zh", "zh-CN", …) writes 路径, 层级, 名称,
	// 指标, 锁定, the levels of [LevelTitle] and the metrics of
	// [Metric.Title]; anything else writes English.
	Lang string
	// BOM starts the file with a UTF-8 byte-order mark, without which
	// Excel reads a CSV file in the system's code page and garbles Chinese
	// names.
	BOM bool
}

// wideHeads are the wide format's fixed columns in English and Chinese.
var wideHeads = [2][5]string{{"path", "level", "name", "metric", "locked"}, {"路径", "层级", "名称", "指标", "锁定"}}

// WriteWideCSV writes the plan as the table a spreadsheet shows: one row a
// node and metric — metric by metric, nodes depth-first — with the node's
// path (IDs from the root joined by '/'), level and name, then the 19
// periods as columns (the calendar's month labels "2026-01" …, Q1 … Q4, H1,
// H2, FY), then the node's locked periods, separated by spaces. Amounts have
// the unit's decimal places. The rules row of [Plan.WriteCSV] comes first
// when the plan has rules, so [ReadWideCSV] gives back an equal plan that
// behaves the same; the long format of WriteCSV stays the one for
// programs.
func (p *Plan) WriteWideCSV(w io.Writer, opt WideCSV) error {
	return wrap(p.writeWideCSV(w, opt))
}

func (p *Plan) writeWideCSV(w io.Writer, opt WideCSV) error {
	cw, bw := newCSVWriter(w, opt.BOM)
	if err := p.writeRulesRow(cw); err != nil {
		return err
	}
	heads := wideHeads[0]
	if lang.Chinese(opt.Lang) {
		heads = wideHeads[1]
	}
	labels := p.periodLabels()
	head := append(append(heads[:4:4], labels...), heads[4])
	if err := cw.Write(head); err != nil {
		return err
	}
	places := p.places()
	rec := make([]string, len(head))
	var locked []string
	for mi, m := range p.metrics {
		for i, nd := range p.tree.nodes {
			rec[0], rec[1], rec[2], rec[3] = p.tree.path(i), LevelTitle(nd.Level, opt.Lang), nd.Name, m.Title(opt.Lang)
			locked = locked[:0]
			for k, u := range p.row(mi, i) {
				rec[4+k] = p.amount(u).StringFixed(places)
				if p.locks.has(p.cell(mi, i, Period(k))) {
					locked = append(locked, labels[k])
				}
			}
			rec[len(rec)-1] = strings.Join(locked, " ")
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	return flushCSV(cw, bw)
}

// ReadWideCSV reads a plan in the wide format of [Plan.WriteWideCSV], with
// English or Chinese headers, with or without a byte-order mark. unit is
// the plan's rounding unit (zero means 0.01). The fixed columns may come in
// any order; every period column must be there, under the labels of one
// fiscal year. Chinese level and metric names read as the English ones they
// translate. Errors are [*ParseError] values as [ReadCSV]'s, within
// [DefaultMaxCells].
func ReadWideCSV(r io.Reader, unit decimal.Decimal) (*Plan, error) {
	return ReadOptions{}.ReadWideCSV(r, unit)
}

// ReadWideCSV is [ReadWideCSV] with the options' limit, which also bounds
// the rows read (each row is 19 cells).
func (o ReadOptions) ReadWideCSV(r io.Reader, unit decimal.Decimal) (*Plan, error) {
	if err := o.checkCells(0, 0); err != nil {
		return nil, wrap(err)
	}
	p, err := o.readRulesAnd(r, unit, o.readWideRecords)
	return p, wrap(err)
}

// fromTitle maps the Chinese names the wide writer uses back to keys.
var fromTitle = func() map[string]string {
	m := map[string]string{}
	for k, v := range levelChinese {
		m["level "+v] = k
	}
	for k, v := range metricChinese {
		m["metric "+v] = string(k)
	}
	return m
}()

// readWideRecords reads the header and rows of a wide CSV as long records.
func (o ReadOptions) readWideRecords(r io.Reader, u money.Unit) (*Plan, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := readHeader(cr)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for k, h := range head {
		for _, names := range wideHeads {
			for j, n := range names {
				if h == n {
					col[wideHeads[0][j]] = k
				}
			}
		}
	}
	for _, h := range wideHeads[0][:4] {
		if _, ok := col[h]; !ok {
			return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	// The period columns: 12 month labels and the 7 aggregates.
	var periods []int // column of each period label in the file
	var labels []string
	for k, h := range head {
		if _, ok := monthKey(h); ok || isAggregateLabel(h) {
			periods, labels = append(periods, k), append(labels, strings.ToUpper(h))
		}
	}
	if len(periods) != numPeriods {
		return nil, &ParseError{Line: 1, Field: "period", Err: fmt.Errorf("%d period columns, want %d (12 months, Q1 … Q4, H1, H2, FY): %w", len(periods), numPeriods, ErrInvalidPeriod)}
	}
	for k, l := range labels {
		if _, ok := monthKey(l); ok {
			labels[k] = head[periods[k]] // month labels as written
		}
	}
	var recs []csvRecord
	err = eachRecord(cr, 0, func(rec []string, line int) error {
		if err := o.checkCells(len(recs)/numPeriods+1, 1); err != nil {
			return &ParseError{Line: line, Err: err}
		}
		level, metric := rec[col["level"]], rec[col["metric"]]
		if k, ok := fromTitle["level "+level]; ok {
			level = k
		}
		if k, ok := fromTitle["metric "+metric]; ok {
			metric = k
		}
		var locked map[string]bool
		if k, ok := col["locked"]; ok && rec[k] != "" {
			locked = map[string]bool{}
			for _, l := range strings.Fields(rec[k]) {
				locked[strings.ToUpper(l)] = true
			}
		}
		for k, c := range periods {
			r := csvRecord{line: line, path: rec[col["path"]], level: level, name: rec[col["name"]], metric: metric, period: labels[k], amount: rec[c]}
			if locked[strings.ToUpper(labels[k])] {
				r.locked = "true"
				delete(locked, strings.ToUpper(labels[k]))
			}
			recs = append(recs, r)
		}
		for l := range locked {
			return &ParseError{Line: line, Field: "locked", Err: fmt.Errorf("locked period %q is not a column: %w", l, ErrInvalidPeriod)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o.buildFromRecords(recs, u)
}

// isAggregateLabel reports whether h is Q1 … Q4, H1, H2 or FY, in any case.
func isAggregateLabel(h string) bool {
	p, err := parsePeriod(h)
	return err == nil && !p.IsMonth()
}
