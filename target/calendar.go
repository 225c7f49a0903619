package target

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Calendar is a fiscal year: twelve consecutive calendar months starting in
// FirstMonth of StartYear, with the weekly pattern and the exceptions that
// decide which days are working days.
//
// The zero value is not a valid calendar: StartYear must be set. A zero
// FirstMonth means January and a nil Weekend means Saturday and Sunday.
// Calendar is a value; its methods do not modify it.
type Calendar struct {
	// StartYear is the calendar year in which the fiscal year begins: with
	// FirstMonth April, StartYear 2025 is April 2025 … March 2026.
	StartYear int
	// FirstMonth is the first month of the fiscal year; zero means January.
	FirstMonth time.Month
	// Weekend lists the weekdays that are not working days; nil means
	// Saturday and Sunday, and an empty non-nil slice means none.
	Weekend []time.Weekday
	// Holidays are non-working days; only their dates count, and dates
	// outside the fiscal year are ignored.
	Holidays []time.Time
	// ExtraWorkdays are working days that the weekly pattern would make
	// days off (a Saturday worked to bridge a holiday). A date listed both
	// here and in Holidays is a holiday.
	ExtraWorkdays []time.Time
}

// Validate reports whether the calendar is usable: StartYear within 1 … 9999
// and FirstMonth zero or January … December. Errors wrap [ErrInvalidCalendar].
func (c Calendar) Validate() error {
	return wrap(c.validate())
}

// validate is [Calendar.Validate] with its errors not yet prefixed.
func (c Calendar) validate() error {
	if c.StartYear < 1 || c.StartYear > 9999 {
		return fmt.Errorf("calendar: start year %d: %w", c.StartYear, ErrInvalidCalendar)
	}
	if c.FirstMonth < 0 || c.FirstMonth > time.December {
		return fmt.Errorf("calendar: first month %d: %w", c.FirstMonth, ErrInvalidCalendar)
	}
	for _, d := range c.Weekend {
		if d < time.Sunday || d > time.Saturday {
			return fmt.Errorf("calendar: weekday %d: %w", d, ErrInvalidCalendar)
		}
	}
	return nil
}

func (c Calendar) first() time.Month {
	if c.FirstMonth == 0 {
		return time.January
	}
	return c.FirstMonth
}

// Month returns the calendar year and month of fiscal month p (M1 is the
// first fiscal month). It panics when p is not a month, a programmer error.
func (c Calendar) Month(p Period) (year int, month time.Month) {
	if !p.IsMonth() {
		panic(fmt.Sprintf("target: Calendar.Month(%s): not a month", p))
	}
	m := int(c.first()) - 1 + int(p)
	return c.StartYear + m/12, time.Month(m%12 + 1)
}

// MonthOf returns the fiscal month of the date t, and false when t falls
// outside the fiscal year.
func (c Calendar) MonthOf(t time.Time) (Period, bool) {
	i := (t.Year()-c.StartYear)*12 + int(t.Month()) - int(c.first())
	if i < 0 || i >= 12 {
		return 0, false
	}
	return Period(i), true
}

// Start returns midnight UTC of the first day of the fiscal year.
func (c Calendar) Start() time.Time {
	return time.Date(c.StartYear, c.first(), 1, 0, 0, 0, 0, time.UTC)
}

// End returns midnight UTC of the first day after the fiscal year.
func (c Calendar) End() time.Time { return c.Start().AddDate(1, 0, 0) }

// Days returns the number of calendar days in each fiscal month.
func (c Calendar) Days() [12]int {
	var out [12]int
	for i := range out {
		y, m := c.Month(Period(i))
		out[i] = time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
	}
	return out
}

// WorkingDays returns the number of working days in each fiscal month: days
// not in Weekend, plus ExtraWorkdays, minus Holidays.
func (c Calendar) WorkingDays() ([12]int, error) {
	res, err := c.workingDays()
	return res, wrap(err)
}

// workingDays is [Calendar.WorkingDays] with its errors not yet prefixed.
func (c Calendar) workingDays() ([12]int, error) {
	var out [12]int
	if err := c.validate(); err != nil {
		return out, err
	}
	isWorking := c.workingDay()
	for d := c.Start(); d.Before(c.End()); d = d.AddDate(0, 0, 1) {
		if isWorking(d) {
			i, _ := c.MonthOf(d)
			out[i]++
		}
	}
	return out, nil
}

// workingDay returns a function that reports whether a date is a working
// day of the calendar.
func (c Calendar) workingDay() func(time.Time) bool {
	weekend := c.Weekend
	if weekend == nil {
		weekend = []time.Weekday{time.Saturday, time.Sunday}
	}
	type ymd struct {
		y int
		m time.Month
		d int
	}
	key := func(t time.Time) ymd { return ymd{t.Year(), t.Month(), t.Day()} }
	holiday := map[ymd]bool{}
	for _, h := range c.Holidays {
		holiday[key(h)] = true
	}
	extra := map[ymd]bool{}
	for _, e := range c.ExtraWorkdays {
		extra[key(e)] = true
	}
	return func(d time.Time) bool {
		k := key(d)
		if holiday[k] {
			return false
		}
		return !slices.Contains(weekend, d.Weekday()) || extra[k]
	}
}

// Label returns the name of period p in this calendar: "2025-04" for a month,
// and "Q1" … "Q4", "H1", "H2", "FY" for the others.
func (c Calendar) Label(p Period) string {
	if p.IsMonth() {
		y, m := c.Month(p)
		return fmt.Sprintf("%04d-%02d", y, int(m))
	}
	return p.String()
}

// ParseLabel is the inverse of [Calendar.Label]. It also accepts the names of
// [ParsePeriod]. A month outside the fiscal year or an unknown name is an
// error wrapping [ErrInvalidPeriod].
func (c Calendar) ParseLabel(s string) (Period, error) {
	res, err := c.parseLabel(s)
	return res, wrap(err)
}

// parseLabel is [Calendar.ParseLabel] with its errors not yet prefixed.
func (c Calendar) parseLabel(s string) (Period, error) {
	if len(s) == 7 && s[4] == '-' {
		y, err1 := strconv.Atoi(s[:4])
		m, err2 := strconv.Atoi(s[5:])
		if err1 == nil && err2 == nil && m >= 1 && m <= 12 {
			if i, ok := c.MonthOf(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)); ok {
				return Period(i), nil
			}
		}
		return 0, fmt.Errorf("month %q outside the fiscal year starting %s: %w", s, c.Label(M1), ErrInvalidPeriod)
	}
	return parsePeriod(s)
}

// equal reports whether c and d describe the same fiscal year and working
// days: the same start, first month, weekend and dates (compared as days).
func (c Calendar) equal(d Calendar) bool {
	if c.StartYear != d.StartYear || c.first() != d.first() || (c.Weekend == nil) != (d.Weekend == nil) ||
		!slices.Equal(c.Weekend, d.Weekend) || len(c.Holidays) != len(d.Holidays) || len(c.ExtraWorkdays) != len(d.ExtraWorkdays) {
		return false
	}
	sameDays := func(a, b []time.Time) bool {
		for k := range a {
			ya, ma, da := a[k].Date()
			yb, mb, db := b[k].Date()
			if ya != yb || ma != mb || da != db {
				return false
			}
		}
		return true
	}
	return sameDays(c.Holidays, d.Holidays) && sameDays(c.ExtraWorkdays, d.ExtraWorkdays)
}
