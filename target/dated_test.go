package target

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestReadTreeHistoryOrder checks that history columns are ordered by the
// period in their names: a header written newest first gives the same tree.
func TestReadTreeHistoryOrder(t *testing.T) {
	oldest := "id,parent,history2023,history2024,history2025\nCO,,,,\nA,CO,10,20,90\nB,CO,30,20,10\n"
	newest := "id,parent,history2025,history2024,history2023\nCO,,,,\nA,CO,90,20,10\nB,CO,10,20,30\n"
	mixed := "history_2024,id,history-2025,parent,history 2023\n,CO,,,\n20,A,90,CO,10\n20,B,10,CO,30\n"
	var want []decimal.Decimal
	for k, in := range []string{oldest, newest, mixed} {
		tr, err := ReadTree(strings.NewReader(in))
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		n, _ := tr.Node("A")
		if k == 0 {
			want = n.History
			continue
		}
		if !slices.EqualFunc(n.History, want, decimal.Decimal.Equal) {
			t.Errorf("case %d: A's history = %v, want %v (oldest first)", k, n.History, want)
		}
		// A window of one period takes the newest year: 2025.
		sh, err := tr.Shares("CO", WeightSource{Method: HistoryTotal, Window: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !sh[0].Share.Equal(dec("0.9")) {
			t.Errorf("case %d: A's share of 2025 = %s, want 0.9", k, sh[0].Share)
		}
	}
	for _, head := range []string{
		"id,parent,history2024,history2024", // repeated
		"id,parent,history2023,history2025", // gap
		"id,parent,history,history2024",     // unnumbered beside numbered
		"id,parent,historyX",                // no number
	} {
		_, err := ReadTree(strings.NewReader(head + "\nCO,,,\n"))
		if !errors.Is(err, ErrSyntax) {
			t.Errorf("ReadTree(header %q) error = %v, want ErrSyntax", head, err)
		}
	}
}

// TestCalendarSeasonality feeds calendar-year history (January first) with
// a December peak to a fiscal year starting in April: the peak must land in
// fiscal month 9, not in March.
func TestCalendarSeasonality(t *testing.T) {
	cal := Calendar{StartYear: 2027, FirstMonth: time.April}
	var hist []decimal.Decimal
	for y := range 3 {
		for m := time.January; m <= time.December; m++ {
			v := int64(100 + 10*y)
			if m == time.December {
				v = 500
			}
			hist = append(hist, decimal.NewFromInt(v))
		}
	}
	for _, m := range []SeasonalMethod{SimpleAverage, YearlyShares, MovingAverageRatio} {
		p, err := cal.Seasonality(hist, time.January, m)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		top := 0
		for k := range p {
			if p[k] > p[top] {
				top = k
			}
		}
		if Period(top) != M9 {
			t.Errorf("%s: peak in %s (%s), want M09 (December)", m, Period(top), cal.Label(Period(top)))
		}
	}
	// History that already starts with the fiscal year gives what
	// Seasonality gives.
	aligned, _ := cal.Seasonality(hist[3:27], time.April, YearlyShares)
	direct, _ := Seasonality(hist[3:27], YearlyShares)
	if aligned != direct {
		t.Errorf("aligned history: %v, want %v", aligned, direct)
	}
	if _, err := cal.Seasonality(hist, 13, SimpleAverage); !errors.Is(err, ErrInvalidPeriod) {
		t.Errorf("first month 13: error = %v, want ErrInvalidPeriod", err)
	}
}
