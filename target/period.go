package target

import (
	"fmt"
	"strings"
)

// Period is a cell of the fiscal year: one of the twelve fiscal months, the
// four quarters, the two halves or the full year. Months are numbered in
// fiscal order: M1 is the calendar's first month (see [Calendar.FirstMonth]).
//
// The zero Period is [M1].
type Period uint8

// The periods of a fiscal year.
const (
	M1 Period = iota
	M2
	M3
	M4
	M5
	M6
	M7
	M8
	M9
	M10
	M11
	M12
	Q1
	Q2
	Q3
	Q4
	H1
	H2
	FY
)

// numPeriods is the number of periods stored per node and metric.
const numPeriods = int(FY) + 1

// Month returns the period of fiscal month i, 1 ≤ i ≤ 12. It panics for any
// other i, a programmer error.
func Month(i int) Period {
	if i < 1 || i > 12 {
		panic(fmt.Sprintf("target.Month(%d): month out of range", i))
	}
	return Period(i - 1)
}

// Quarter returns quarter q, 1 ≤ q ≤ 4. It panics for any other q, a
// programmer error.
func Quarter(q int) Period {
	if q < 1 || q > 4 {
		panic(fmt.Sprintf("target.Quarter(%d): quarter out of range", q))
	}
	return Q1 + Period(q-1)
}

// Valid reports whether p is one of the defined periods.
func (p Period) Valid() bool { return p <= FY }

// IsMonth reports whether p is a single month.
func (p Period) IsMonth() bool { return p <= M12 }

// Span returns the fiscal months covered by p as a half-open range of month
// indexes: months first … last−1, with 0 for M1. It returns (0, 0) for an
// invalid period.
func (p Period) Span() (first, last int) {
	switch {
	case p <= M12:
		return int(p), int(p) + 1
	case p <= Q4:
		q := int(p - Q1)
		return 3 * q, 3*q + 3
	case p <= H2:
		h := int(p - H1)
		return 6 * h, 6*h + 6
	case p == FY:
		return 0, 12
	}
	return 0, 0
}

// String returns "M01" … "M12", "Q1" … "Q4", "H1", "H2" or "FY".
func (p Period) String() string {
	switch {
	case p <= M12:
		return fmt.Sprintf("M%02d", int(p)+1)
	case p <= Q4:
		return fmt.Sprintf("Q%d", int(p-Q1)+1)
	case p <= H2:
		return fmt.Sprintf("H%d", int(p-H1)+1)
	case p == FY:
		return "FY"
	}
	return fmt.Sprintf("Period(%d)", uint8(p))
}

// ParsePeriod parses the output of [Period.String], case-insensitively, and
// also accepts "M1" … "M9". Other text is an error wrapping [ErrInvalidPeriod].
func ParsePeriod(s string) (Period, error) {
	res, err := parsePeriod(s)
	return res, wrap(err)
}

// parsePeriod is [ParsePeriod] with its errors not yet prefixed.
func parsePeriod(s string) (Period, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for p := M1; p <= FY; p++ {
		if u == p.String() {
			return p, nil
		}
	}
	if len(u) == 2 && u[0] == 'M' && u[1] >= '1' && u[1] <= '9' {
		return Period(u[1] - '1'), nil
	}
	return 0, fmt.Errorf("period %q: %w", s, ErrInvalidPeriod)
}
