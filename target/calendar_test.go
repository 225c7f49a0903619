package target

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCalendarMonths(t *testing.T) {
	tests := []struct {
		name   string
		cal    Calendar
		labels []string
	}{
		{"calendar year", Calendar{StartYear: 2027}, []string{"2027-01", "2027-06", "2027-12"}},
		{"April start", Calendar{StartYear: 2026, FirstMonth: time.April}, []string{"2026-04", "2026-09", "2027-03"}},
		{"December start", Calendar{StartYear: 2026, FirstMonth: time.December}, []string{"2026-12", "2027-05", "2027-11"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := []string{tt.cal.Label(M1), tt.cal.Label(M6), tt.cal.Label(M12)}
			if diff := cmp.Diff(tt.labels, got); diff != "" {
				t.Errorf("labels mismatch (-want +got):\n%s", diff)
			}
			for k := range 12 {
				y, m := tt.cal.Month(Period(k))
				i, ok := tt.cal.MonthOf(day(y, m, 15))
				if !ok || i != Period(k) {
					t.Errorf("MonthOf(Month(%d)) = %d, %v", k, i, ok)
				}
				p, err := tt.cal.ParseLabel(tt.cal.Label(Period(k)))
				if err != nil || p != Period(k) {
					t.Errorf("ParseLabel(Label(%d)) = %v, %v", k, p, err)
				}
			}
			if _, ok := tt.cal.MonthOf(tt.cal.Start().AddDate(0, 0, -1)); ok {
				t.Error("day before the start is inside the year")
			}
			if _, ok := tt.cal.MonthOf(tt.cal.End()); ok {
				t.Error("End() is inside the year")
			}
			days := 0
			for _, n := range tt.cal.Days() {
				days += n
			}
			if want := int(tt.cal.End().Sub(tt.cal.Start()).Hours() / 24); days != want {
				t.Errorf("Days() sums to %d, want %d", days, want)
			}
		})
	}
}

func TestWorkingDays(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		want [12]int
	}{
		{"2027 Monday to Friday", Calendar{StartYear: 2027}, [12]int{21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 23}},
		{"holidays and a worked Saturday", Calendar{
			StartYear:     2027,
			Holidays:      []time.Time{day(2027, 1, 1), day(2027, 12, 24), day(2027, 12, 25), day(2026, 12, 31)},
			ExtraWorkdays: []time.Time{day(2027, 1, 9), day(2027, 12, 25)},
		}, [12]int{21, 20, 23, 22, 21, 22, 22, 22, 22, 21, 22, 22}},
		{"Friday-Saturday weekend", Calendar{StartYear: 2027, Weekend: []time.Weekday{time.Friday, time.Saturday}},
			[12]int{21, 20, 23, 21, 22, 22, 21, 23, 22, 21, 22, 22}},
		{"no weekend", Calendar{StartYear: 2027, Weekend: []time.Weekday{}},
			[12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}},
		{"leap year February", Calendar{StartYear: 2028, Weekend: []time.Weekday{}},
			[12]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cal.WorkingDays()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("WorkingDays() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCalendarErrors(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
	}{
		{"zero value", Calendar{}},
		{"year 10000", Calendar{StartYear: 10000}},
		{"month 13", Calendar{StartYear: 2027, FirstMonth: 13}},
		{"bad weekday", Calendar{StartYear: 2027, Weekend: []time.Weekday{9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cal.Validate(); !errors.Is(err, ErrInvalidCalendar) {
				t.Errorf("Validate() = %v, want ErrInvalidCalendar", err)
			}
			if _, err := tt.cal.WorkingDays(); !errors.Is(err, ErrInvalidCalendar) {
				t.Errorf("WorkingDays() = %v, want ErrInvalidCalendar", err)
			}
		})
	}
	cal := Calendar{StartYear: 2027}
	for _, s := range []string{"2026-12", "2028-01", "2027-13", "Q5", "", "FY2027"} {
		if _, err := cal.ParseLabel(s); !errors.Is(err, ErrInvalidPeriod) {
			t.Errorf("ParseLabel(%q) = %v, want ErrInvalidPeriod", s, err)
		}
	}
}

func TestPeriod(t *testing.T) {
	for p := M1; p <= FY; p++ {
		got, err := ParsePeriod(p.String())
		if err != nil || got != p {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", p.String(), got, err, p)
		}
		first, last := p.Span()
		if first < 0 || last > 12 || first >= last {
			t.Errorf("%v.Span() = %d, %d", p, first, last)
		}
	}
	if p, err := ParsePeriod("m3"); err != nil || p != M3 {
		t.Errorf("ParsePeriod(m3) = %v, %v", p, err)
	}
	if Period(19).Valid() || Period(19).String() != "Period(19)" {
		t.Error("Period(19) is valid")
	}
	if f, l := Period(40).Span(); f != 0 || l != 0 {
		t.Errorf("Period(40).Span() = %d, %d", f, l)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"Month(0)", func() { Month(0) }},
		{"Month(13)", func() { Month(13) }},
		{"Quarter(5)", func() { Quarter(5) }},
		{"Calendar.Month(Q1)", func() { Calendar{StartYear: 2027}.Month(Q1) }},
		{"MustNewTree", func() { MustNewTree(nil) }},
		{"MustNewPlan", func() { MustNewPlan(Spec{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !panics(tt.f) {
				t.Errorf("%s did not panic", tt.name)
			}
		})
	}
}

func panics(f func()) (did bool) {
	defer func() { did = recover() != nil }()
	f()
	return false
}
