package target

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// ReadTree reads tree rows from CSV with a header line. The columns id and
// parent are required; name, level, weight and potential are optional; every
// column whose name starts with "history" is a history period named by the
// number after it (history2023, history_2024, history-2025), and the
// periods are ordered by that number whatever the order of the columns, so
// a header written newest first reads the same as one written oldest
// first. The numbers must be consecutive and distinct; a lone column named
// "history" is one period. A header whose history periods cannot be ordered
// (a missing or repeated number, a gap, "history" beside numbered columns)
// is an error wrapping [ErrSyntax]. Empty numeric cells are zero; a row
// whose history cells are all empty has no history of its own (it takes the
// sum of its children's), otherwise an empty history cell is zero. Columns may come in any order and unknown
// columns are an error, so that a typo does not silently drop data.
//
// Errors are [*ParseError] values naming the line and field, wrapping
// [ErrSyntax] or the errors of [NewTree].
func ReadTree(r io.Reader) (*Tree, error) {
	res, err := readTree(r)
	return res, wrap(err)
}

// readTree is [ReadTree] with its errors not yet prefixed.
func readTree(r io.Reader) (*Tree, error) {
	cr := csv.NewReader(r)
	head, err := readHeader(cr)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	var hist []int
	for k, h := range head {
		switch {
		case strings.HasPrefix(h, "history"):
			hist = append(hist, k)
		case h == "id" || h == "parent" || h == "name" || h == "level" || h == "weight" || h == "potential":
			if _, dup := col[h]; dup {
				return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column repeated: %w", ErrSyntax)}
			}
			col[h] = k
		default:
			return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("unknown column: %w", ErrSyntax)}
		}
	}
	if hist, err = orderHistory(head, hist); err != nil {
		return nil, err
	}
	for _, h := range []string{"id", "parent"} {
		if _, ok := col[h]; !ok {
			return nil, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column missing from header: %w", ErrSyntax)}
		}
	}
	get := func(rec []string, name string) string {
		if k, ok := col[name]; ok {
			return strings.TrimSpace(rec[k])
		}
		return ""
	}
	num := func(line int, field, s string) (decimal.Decimal, error) {
		if s == "" {
			return decimal.Zero, nil
		}
		d, err := decimal.NewFromString(s)
		if err != nil {
			return decimal.Zero, &ParseError{Line: line, Field: field, Err: fmt.Errorf("%q: %w", s, ErrSyntax)}
		}
		return d, nil
	}
	var rows []Node
	var lines []int
	err = eachRecord(cr, 0, func(rec []string, line int) error {
		n := Node{ID: get(rec, "id"), Parent: get(rec, "parent"), Name: get(rec, "name"), Level: get(rec, "level")}
		if n.Weight, err = num(line, "weight", get(rec, "weight")); err != nil {
			return err
		}
		if n.Potential, err = num(line, "potential", get(rec, "potential")); err != nil {
			return err
		}
		empty := true
		for _, k := range hist {
			empty = empty && strings.TrimSpace(rec[k]) == ""
		}
		for _, k := range hist {
			if empty {
				break
			}
			h, err := num(line, head[k], strings.TrimSpace(rec[k]))
			if err != nil {
				return err
			}
			n.History = append(n.History, h)
		}
		rows = append(rows, n)
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t, bad, err := buildTree(rows, true) // the rows and their histories are its own
	if err != nil {
		pe := &ParseError{Field: "id", Err: err}
		if bad >= 0 {
			pe.Line = lines[bad]
		}
		return nil, pe
	}
	return t, nil
}

// orderHistory returns the history columns ordered by the period number in
// their names, or a ParseError for a header whose periods cannot be ordered.
func orderHistory(head []string, cols []int) ([]int, error) {
	if len(cols) == 1 && head[cols[0]] == "history" {
		return cols, nil
	}
	type period struct {
		n   int
		col int
	}
	ps := make([]period, len(cols))
	for k, c := range cols {
		suffix := strings.TrimLeft(strings.TrimPrefix(head[c], "history"), "_- ")
		n, err := strconv.Atoi(suffix)
		if err != nil || n < 0 || n > 1_000_000 {
			return nil, &ParseError{Line: 1, Field: head[c], Err: fmt.Errorf("history column without a period number (history2024): %w", ErrSyntax)}
		}
		ps[k] = period{n, c}
	}
	slices.SortFunc(ps, func(a, b period) int { return a.n - b.n })
	out := make([]int, len(ps))
	for k, p := range ps {
		if k > 0 && p.n == ps[k-1].n {
			return nil, &ParseError{Line: 1, Field: head[p.col], Err: fmt.Errorf("history period %d given twice: %w", p.n, ErrSyntax)}
		}
		if k > 0 && p.n != ps[k-1].n+1 {
			return nil, &ParseError{Line: 1, Field: head[p.col], Err: fmt.Errorf("history periods jump from %d to %d: %w", ps[k-1].n, p.n, ErrSyntax)}
		}
		out[k] = p.col
	}
	return out, nil
}
