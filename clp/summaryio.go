package clp

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// MaxSummaries bounds the rows [ReadSummariesCSV] reads.
const MaxSummaries = 50_000_000

// summaryColumns are the accepted header names of each field, the first
// the one [WriteSummariesCSV] writes: this package's, lifetimes' and
// BTYD's.
var summaryColumns = [][]string{
	{"id", "customer_id", "cust"},
	{"x", "frequency"},
	{"t_x", "recency"},
	{"t", "age", "t.cal"},
	{"mean_spend", "monetary_value", "m.x"},
}

// ReadSummariesCSV reads a customer summary table, the layout lifetimes,
// BTYD and warehouses export: a header naming an ID column (id,
// customer_id or cust), repeat purchases (x or frequency), recency (t_x or
// recency), age (t, age or T.cal) and, optionally, the mean spend of the
// repeat purchases (mean_spend, monetary_value or m.x), in any order and
// any case; other columns are ignored. Each row must be a summary
// [Customer.Validate] accepts. Errors are [*ParseError] values naming the
// line and the field, wrapping [ErrInvalidData] (or [ErrNotFinite]).
func ReadSummariesCSV(r io.Reader) (_ []Summary, err error) {
	defer wrapErr(&err)
	next, err := recordReader(r, false)
	if err != nil {
		return nil, err
	}
	head, _, err := next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &ParseError{Line: 1, Err: fmt.Errorf("no header: %w", ErrInvalidData)}
		}
		return nil, err
	}
	col := []int{-1, -1, -1, -1, -1}
	for i, h := range head {
		h = strings.ToLower(headerName(h))
		for k, names := range summaryColumns {
			if slices.Contains(names, h) {
				if col[k] >= 0 {
					return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column twice: %w", ErrInvalidData)}
				}
				col[k] = i
			}
		}
	}
	for k := range 4 {
		if col[k] < 0 {
			return nil, &ParseError{Line: 1, Field: summaryColumns[k][0], Err: fmt.Errorf("no such column: %w", ErrInvalidData)}
		}
	}
	var out []Summary
	seen := map[string]int{}
	for {
		rec, line, err := next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(out) == MaxSummaries {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("more than %d summaries: %w", MaxSummaries, ErrInvalidData)}
		}
		var v [5]float64
		var id string
		for k, c := range col {
			if c < 0 {
				continue
			}
			name := summaryColumns[k][0]
			if c >= len(rec) {
				return nil, &ParseError{Line: line, Field: name, Err: fmt.Errorf("missing: %w", ErrInvalidData)}
			}
			s := strings.TrimSpace(rec[c])
			if k == 0 {
				if s == "" {
					return nil, &ParseError{Line: line, Field: name, Err: fmt.Errorf("empty ID: %w", ErrInvalidData)}
				}
				id = s
				continue
			}
			if s == "" && k == 4 {
				continue
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, &ParseError{Line: line, Field: name, Err: fmt.Errorf("%q is not a number: %w", s, ErrInvalidData)}
			}
			v[k] = x
		}
		if prev, dup := seen[id]; dup {
			return nil, &ParseError{Line: line, Field: summaryColumns[0][0], Err: fmt.Errorf("customer %q already on line %d: %w", id, prev, ErrInvalidData)}
		}
		seen[id] = line
		c := Customer{X: v[1], Tx: v[2], T: v[3]}
		if err := c.Validate(); err != nil {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("customer %q: %w", id, err)}
		}
		if !(v[4] >= 0) || v[4] > MaxEventAmount {
			return nil, &ParseError{Line: line, Field: summaryColumns[4][0], Err: fmt.Errorf("customer %q: mean spend %v: %w", id, v[4], ErrInvalidData)}
		}
		out = append(out, Summary{ID: id, Customer: c, MeanSpend: v[4]})
	}
}

// WriteSummariesCSV writes summaries as id,x,t_x,t,mean_spend, numbers in
// the shortest form that reads back to the same float64, which
// [ReadSummariesCSV] reads back to the same IDs, customers and mean
// spends.
func WriteSummariesCSV(w io.Writer, ss []Summary) (err error) {
	defer wrapErr(&err)
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "x", "t_x", "t", "mean_spend"}); err != nil {
		return err
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, s := range ss {
		if err := cw.Write([]string{s.ID, f(s.X), f(s.Tx), f(s.T), f(s.MeanSpend)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
