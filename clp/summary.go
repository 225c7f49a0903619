package clp

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Event is one transaction of an event log.
type Event struct {
	Customer string
	Time     time.Time
	Amount   decimal.Decimal
}

// TimeUnit is the unit of recency and age in summaries.
type TimeUnit uint8

const (
	// Weeks (days / 7), the unit of the CDNOW studies; the default.
	Weeks TimeUnit = iota
	// Days.
	Days
	// Months of 365.25/12 days.
	Months
)

// days returns the length of the unit in days.
func (u TimeUnit) days() float64 {
	switch u {
	case Days:
		return 1
	case Months:
		return 365.25 / 12
	}
	return 7
}

// String returns "weeks", "days" or "months".
func (u TimeUnit) String() string {
	switch u {
	case Days:
		return "days"
	case Months:
		return "months"
	case Weeks:
		return "weeks"
	}
	return fmt.Sprintf("TimeUnit(%d)", uint8(u))
}

// SummaryOptions configures summaries of an event log.
type SummaryOptions struct {
	// CalibrationEnd is the last day of the calibration period; required.
	CalibrationEnd time.Time
	// HoldoutEnd, when set, is the last day of a holdout period that
	// starts the day after CalibrationEnd.
	HoldoutEnd time.Time
	// Unit is the unit of recency and age; the zero value is weeks.
	Unit TimeUnit
}

// Validate reports whether the options are usable: a calibration end, a
// holdout end (if any) after it, and a known unit. Errors wrap
// [ErrInvalidData].
func (o SummaryOptions) Validate() (err error) {
	defer wrapErr(&err)
	switch {
	case o.CalibrationEnd.IsZero():
		return fmt.Errorf("summary: no calibration end: %w", ErrInvalidData)
	case !o.HoldoutEnd.IsZero() && !dayOf(o.HoldoutEnd).After(dayOf(o.CalibrationEnd)):
		return fmt.Errorf("summary: holdout ends %s, not after the calibration end: %w", o.HoldoutEnd.Format(time.DateOnly), ErrInvalidData)
	case o.Unit > Months:
		return fmt.Errorf("summary: unit %d: %w", o.Unit, ErrInvalidData)
	}
	return nil
}

// Summary is one customer's summary of an event log, in the conventions of
// lifetimes and BTYD: purchases on the same calendar day are one purchase
// (their amounts added); X counts the purchase days in calibration after the
// first; recency Tx is the time from the first to the last purchase day and
// age T from the first purchase day to the calibration end; MeanSpend is
// the mean value of the repeat purchase days only (zero when X = 0). A day
// whose amounts net below zero is a return day: not a purchase (it counts
// in neither X nor recency), its amount netted into TotalSpend or
// HoldoutSpend; a customer with return days only is left out.
type Summary struct {
	ID string
	Customer
	MeanSpend float64
	// First is the day of the first purchase.
	First time.Time
	// TotalSpend is the calibration spend including the first purchase.
	TotalSpend float64
	// HoldoutX counts the purchase days in the holdout period and
	// HoldoutSpend their value.
	HoldoutX, HoldoutSpend float64
}

// RFM returns the marketing convention of recency, frequency and monetary
// value where it differs from the modelling one: recency is the time since
// the last purchase (T − Tx), frequency counts all purchase days (X + 1) and
// monetary value is the mean of all purchase days, the first included.
func (s Summary) RFM() (recency, frequency, monetary float64) {
	return s.T - s.Tx, s.X + 1, s.TotalSpend / (s.X + 1)
}

// dayOf returns the calendar day of t, as midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dayNumber returns the days since 1970-01-01 of t's calendar day.
func dayNumber(t time.Time) int64 {
	return dayOf(t).Unix() / 86400
}

// Summarizer accumulates an event log into per-customer, per-day totals.
// Summarizers of shards of a log combine with [Summarizer.Merge] into the
// summarizer of the whole log, whatever the split, so a log too large for
// one machine can be summarised anywhere: the state is exactly the log
// grouped by (customer, day) with amounts added, which any distributed
// engine can compute and feed back as events. It is not safe for concurrent
// use.
type Summarizer struct {
	opt  SummaryOptions
	days map[string]map[int64]float64
}

// NewSummarizer returns an empty summarizer.
func NewSummarizer(opt SummaryOptions) (_ *Summarizer, err error) {
	defer wrapErr(&err)
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return &Summarizer{opt: opt, days: map[string]map[int64]float64{}}, nil
}

// MaxEventAmount bounds the magnitude of one event's amount, so that no sum
// of a log's amounts leaves float64 (two purchases of 10^308 summed to +Inf).
const MaxEventAmount = 1e18

// Add records one event. Events after the holdout end (or the calibration
// end, without holdout) are ignored. An empty customer ID or an amount
// beyond ±[MaxEventAmount] (or not finite) is an error wrapping
// [ErrInvalidData].
func (s *Summarizer) Add(e Event) (err error) {
	defer wrapErr(&err)
	if e.Customer == "" {
		return fmt.Errorf("summary: event without customer: %w", ErrInvalidData)
	}
	a := e.Amount.InexactFloat64()
	if !(math.Abs(a) <= MaxEventAmount) {
		return fmt.Errorf("summary: customer %q amount %s beyond ±%g: %w", e.Customer, e.Amount, float64(MaxEventAmount), ErrInvalidData)
	}
	end := s.opt.CalibrationEnd
	if !s.opt.HoldoutEnd.IsZero() {
		end = s.opt.HoldoutEnd
	}
	day := dayNumber(e.Time)
	if day > dayNumber(end) {
		return nil
	}
	m := s.days[e.Customer]
	if m == nil {
		m = map[int64]float64{}
		s.days[e.Customer] = m
	}
	m[day] += a
	return nil
}

// Merge adds the events recorded by o. The options must be equal
// ([ErrInvalidData] otherwise); o is not modified.
func (s *Summarizer) Merge(o *Summarizer) (err error) {
	defer wrapErr(&err)
	if !s.opt.CalibrationEnd.Equal(o.opt.CalibrationEnd) || !s.opt.HoldoutEnd.Equal(o.opt.HoldoutEnd) || s.opt.Unit != o.opt.Unit {
		return fmt.Errorf("summary: merging summarizers with different options: %w", ErrInvalidData)
	}
	for id, od := range o.days {
		m := s.days[id]
		if m == nil {
			m = make(map[int64]float64, len(od))
			s.days[id] = m
		}
		for d, a := range od {
			m[d] += a
		}
	}
	return nil
}

// Summaries returns the summary of every customer whose first purchase is
// within the calibration period, sorted by ID.
func (s *Summarizer) Summaries() []Summary {
	cal := dayNumber(s.opt.CalibrationEnd)
	unit := s.opt.Unit.days()
	out := make([]Summary, 0, len(s.days))
	for id, m := range s.days {
		days := make([]int64, 0, len(m))
		var returns []int64 // days whose amounts net below zero
		for d, a := range m {
			if a < 0 {
				returns = append(returns, d)
				continue
			}
			days = append(days, d)
		}
		if len(days) == 0 {
			continue // returns only: not a customer of the period
		}
		slices.Sort(days)
		first := days[0]
		if first > cal {
			continue
		}
		sm := Summary{ID: id, First: time.Unix(first*86400, 0).UTC()}
		last := first
		var repeat float64
		for _, d := range days {
			if d <= cal {
				sm.TotalSpend += m[d]
				if d != first {
					sm.X++
					repeat += m[d]
				}
				last = d
			} else {
				sm.HoldoutX++
				sm.HoldoutSpend += m[d]
			}
		}
		for _, d := range returns {
			if d <= cal {
				sm.TotalSpend += m[d]
			} else {
				sm.HoldoutSpend += m[d]
			}
		}
		sm.Tx = float64(last-first) / unit
		sm.T = float64(cal-first) / unit
		if sm.X > 0 {
			sm.MeanSpend = repeat / sm.X
		}
		out = append(out, sm)
	}
	slices.SortFunc(out, func(a, b Summary) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Summarize summarises events; see [Summarizer].
func Summarize(events []Event, opt SummaryOptions) (_ []Summary, err error) {
	defer wrapErr(&err)
	s, err := NewSummarizer(opt)
	if err != nil {
		return nil, err
	}
	for i, e := range events {
		if err := s.Add(e); err != nil {
			return nil, fmt.Errorf("event %d: %w", i+1, err)
		}
	}
	return s.Summaries(), nil
}

// Fittable returns the model inputs of the summaries the purchase models
// accept, with their IDs in the same order, and the number dropped: a
// customer whose first purchase falls on the calibration end day has age
// zero, carries no information on its rate, and would make every fit
// refuse the whole data set. An error a fit returns for customer i names
// ids[i].
func Fittable(ss []Summary) (cs []Customer, ids []string, dropped int) {
	cs, ids = make([]Customer, 0, len(ss)), make([]string, 0, len(ss))
	for _, s := range ss {
		if s.Customer.Validate() != nil {
			dropped++
			continue
		}
		cs, ids = append(cs, s.Customer), append(ids, s.ID)
	}
	return cs, ids, dropped
}

// Customers returns the model inputs of summaries, all of them; see
// [Fittable] for the ones a fit accepts.
func Customers(ss []Summary) []Customer {
	out := make([]Customer, len(ss))
	for i, s := range ss {
		out[i] = s.Customer
	}
	return out
}

// LogFormat describes an event log file. Columns are found by header name
// (case-insensitive), or by zero-based index with NoHeader.
type LogFormat struct {
	// CustomerColumn, DateColumn and AmountColumn name the columns; an
	// empty AmountColumn means the log has no amounts (they are zero).
	CustomerColumn, DateColumn, AmountColumn string
	// NoHeader says the file has no header line; the columns are then
	// CustomerIndex, DateIndex and AmountIndex (−1: no amounts).
	NoHeader                              bool
	CustomerIndex, DateIndex, AmountIndex int
	// DateLayout is the time.Parse layout of the date column; empty means
	// "20060102".
	DateLayout string
	// Whitespace splits lines on runs of spaces and tabs instead of reading
	// CSV.
	Whitespace bool
}

// ParseError describes a problem in an event log: the line (1-based), the
// field and the underlying error.
type ParseError struct {
	Line  int    // 1-based line, 0 when unknown
	Field string // the column, empty when the whole line is at fault
	Err   error  // the underlying error, wrapping ErrInvalidData
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("line %d, field %q: %v", e.Line, e.Field, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// ReadEvents reads an event log in format f. Errors are [*ParseError] values
// naming the line and field and wrapping [ErrInvalidData].
func ReadEvents(r io.Reader, f LogFormat) (_ []Event, err error) {
	defer wrapErr(&err)
	layout := f.DateLayout
	if layout == "" {
		layout = "20060102"
	}
	next, err := recordReader(r, f.Whitespace)
	if err != nil {
		return nil, err
	}
	cust, date, amount := f.CustomerIndex, f.DateIndex, f.AmountIndex
	line := 0
	if !f.NoHeader {
		head, l, err := next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, &ParseError{Line: 1, Err: fmt.Errorf("empty log: %w", ErrInvalidData)}
			}
			return nil, err
		}
		line = l
		find := func(name string) (int, error) {
			for k, h := range head {
				if strings.EqualFold(headerName(h), name) {
					return k, nil
				}
			}
			return 0, &ParseError{Line: l, Field: name, Err: fmt.Errorf("column missing from header: %w", ErrInvalidData)}
		}
		if cust, err = find(f.CustomerColumn); err != nil {
			return nil, err
		}
		if date, err = find(f.DateColumn); err != nil {
			return nil, err
		}
		amount = -1
		if f.AmountColumn != "" {
			if amount, err = find(f.AmountColumn); err != nil {
				return nil, err
			}
		}
	}
	var out []Event
	for {
		rec, l, err := next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		line = l
		field := func(k int, name string) (string, error) {
			if k < 0 || k >= len(rec) {
				return "", &ParseError{Line: line, Field: name, Err: fmt.Errorf("%d fields, no column %d: %w", len(rec), k+1, ErrInvalidData)}
			}
			return strings.TrimSpace(rec[k]), nil
		}
		id, err := field(cust, "customer")
		if err != nil {
			return nil, err
		}
		if id == "" {
			return nil, &ParseError{Line: line, Field: "customer", Err: fmt.Errorf("empty customer: %w", ErrInvalidData)}
		}
		ds, err := field(date, "date")
		if err != nil {
			return nil, err
		}
		t, err := time.Parse(layout, ds)
		if err != nil {
			return nil, &ParseError{Line: line, Field: "date", Err: fmt.Errorf("%q: %w", ds, ErrInvalidData)}
		}
		e := Event{Customer: id, Time: t}
		if amount >= 0 {
			as, err := field(amount, "amount")
			if err != nil {
				return nil, err
			}
			if e.Amount, err = decimal.NewFromString(as); err != nil {
				return nil, &ParseError{Line: line, Field: "amount", Err: fmt.Errorf("%q: %w", as, ErrInvalidData)}
			}
		}
		out = append(out, e)
	}
}

// headerName returns a header cell without surrounding space and the UTF-8
// byte-order mark some exports put before the first column.
func headerName(h string) string { return strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) }

// recordReader returns a function yielding the records of r and their line
// numbers: CSV, or whitespace-separated fields, skipping blank lines.
func recordReader(r io.Reader, whitespace bool) (func() ([]string, int, error), error) {
	if !whitespace {
		cr := csv.NewReader(r)
		cr.FieldsPerRecord = -1
		return func() ([]string, int, error) {
			rec, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					return nil, pe.Line, &ParseError{Line: pe.Line, Err: fmt.Errorf("%v: %w", pe.Err, ErrInvalidData)}
				}
				return nil, 0, err
			}
			l, _ := cr.FieldPos(0)
			return rec, l, nil
		}, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	return func() ([]string, int, error) {
		for sc.Scan() {
			line++
			if f := strings.Fields(sc.Text()); len(f) > 0 {
				return f, line, nil
			}
		}
		if err := sc.Err(); err != nil {
			return nil, line, &ParseError{Line: line + 1, Err: fmt.Errorf("%v: %w", err, ErrInvalidData)}
		}
		return nil, line, io.EOF
	}, nil
}
