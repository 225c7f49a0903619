package pricing

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MaxRespondents bounds the rows [ReadRespondentsCSV] reads.
const MaxRespondents = 50_000_000

var respondentColumns = []string{"too_cheap", "cheap", "expensive", "too_expensive", "weight", "intent_cheap", "intent_expensive"}

// ReadRespondentsCSV reads Van Westendorp answers from CSV with a header
// row naming the columns too_cheap, cheap, expensive and too_expensive
// (required), weight, intent_cheap and intent_expensive (optional), in any
// order and any case; other columns (an ID, say) are ignored. An empty
// optional cell is zero: weight one, intent not asked. Errors name the line
// and the field and wrap [ErrSyntax] (a missing column, a cell that is not
// a number, more than [MaxRespondents] rows) or [ErrInvalidAnswer] (a NaN,
// infinite or negative price or weight, a fractional intent).
func ReadRespondentsCSV(r io.Reader) ([]Respondent, error) {
	rs, err := readRespondentsCSV(r)
	return rs, wrap(err)
}

func readRespondentsCSV(r io.Reader) ([]Respondent, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("line 1: no header: %w", ErrSyntax)
		}
		return nil, fmt.Errorf("line 1: %v: %w", err, ErrSyntax)
	}
	col := make([]int, len(respondentColumns))
	for k := range col {
		col[k] = -1
	}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for k, name := range respondentColumns {
			if h == name {
				if col[k] >= 0 {
					return nil, fmt.Errorf("line 1: column %q twice: %w", name, ErrSyntax)
				}
				col[k] = i
			}
		}
	}
	for k := range 4 {
		if col[k] < 0 {
			return nil, fmt.Errorf("line 1: no column %q: %w", respondentColumns[k], ErrSyntax)
		}
	}
	var out []Respondent
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v: %w", pe.Line, pe.Err, ErrSyntax)
			}
			return nil, fmt.Errorf("%v: %w", err, ErrSyntax)
		}
		line, _ := cr.FieldPos(0)
		if len(out) == MaxRespondents {
			return nil, fmt.Errorf("line %d: more than %d respondents: %w", line, MaxRespondents, ErrSyntax)
		}
		var v [7]float64
		for k, c := range col {
			if c < 0 {
				continue
			}
			if c >= len(rec) {
				if k < 4 {
					return nil, fmt.Errorf("line %d: no field %s: %w", line, respondentColumns[k], ErrSyntax)
				}
				continue
			}
			s := strings.TrimSpace(rec[c])
			if s == "" && k >= 4 {
				continue
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("line %d, field %s: %q is not a number: %w", line, respondentColumns[k], s, ErrSyntax)
			}
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || (k >= 5 && (x != math.Trunc(x) || x > 1000)) {
				return nil, fmt.Errorf("line %d, field %s: %v: %w", line, respondentColumns[k], x, ErrInvalidAnswer)
			}
			v[k] = x
		}
		out = append(out, Respondent{TooCheap: v[0], Cheap: v[1], Expensive: v[2], TooExpensive: v[3], Weight: v[4],
			IntentCheap: int(v[5]), IntentExpensive: int(v[6])})
	}
}

// WriteRespondentsCSV writes answers in the format [ReadRespondentsCSV]
// reads, every column present, numbers in the shortest form that reads
// back to the same float64.
func WriteRespondentsCSV(w io.Writer, rs []Respondent) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(respondentColumns); err != nil {
		return wrap(err)
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, r := range rs {
		rec := []string{f(r.TooCheap), f(r.Cheap), f(r.Expensive), f(r.TooExpensive), f(r.Weight),
			strconv.Itoa(r.IntentCheap), strconv.Itoa(r.IntentExpensive)}
		if err := cw.Write(rec); err != nil {
			return wrap(err)
		}
	}
	cw.Flush()
	return wrap(cw.Error())
}
