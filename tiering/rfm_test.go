package tiering

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 0, 0, 0, time.UTC) }

func ev(c string, t time.Time, a string) Event {
	return Event{Customer: c, Date: t, Amount: decimal.RequireFromString(a)}
}

func TestScoreRFMValues(t *testing.T) {
	asOf := day(2027, 6, 30)
	events := []Event{
		ev("A", day(2027, 6, 29), "100"), ev("A", day(2027, 5, 1), "50"), ev("A", day(2027, 1, 10), "25.50"),
		ev("B", day(2026, 12, 31), "400"),
		ev("C", day(2027, 6, 1), "20"), ev("C", day(2027, 6, 2), "-5"), // a return nets against the total
		ev("D", day(2027, 7, 5), "999"), // after the as-of date: ignored, D has no purchase
	}
	r, err := ScoreRFM(events, RFMOptions{AsOf: asOf, Bins: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(r.Customers))
	for i, c := range r.Customers {
		got[i] = fmt.Sprintf("%s %d %d %s R%d F%d M%d", c.Customer, c.RecencyDays, c.Frequency, c.Monetary.StringFixed(2), c.R, c.F, c.M)
	}
	// Three customers in three bins by NTILE: one each.
	want := []string{"A 1 3 175.50 R3 F3 M2", "B 181 1 400.00 R1 F1 M3", "C 28 2 15.00 R2 F2 M1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ScoreRFM mismatch (-want +got):\n%s", diff)
	}
	mean, _ := ScoreRFM(events, RFMOptions{AsOf: asOf, Bins: 3, MonetaryMean: true})
	if m := mean.Customers[0].Monetary; !m.Equal(decimal.RequireFromString("58.5")) {
		t.Errorf("mean monetary of A = %s, want 58.5", m)
	}
}

// tieLog is a tie-heavy log of twelve customers c01 … c12 with these
// recencies in days, purchase counts and totals as of asOf.
var (
	tieRecency   = []int{5, 30, 5, 200, 10, 30, 5, 90, 30, 10, 200, 30}
	tieFrequency = []int{1, 2, 13, 1, 2, 3, 1, 5, 8, 1, 2, 5}
	tieMonetary  = []string{"100", "250.5", "5000", "100", "400", "1000", "250.5", "1000", "1000", "250.5", "400", "1000"}
	tieAsOf      = day(2027, 12, 31)
)

func tieLog() []Event {
	var events []Event
	for i := range tieRecency {
		id := fmt.Sprintf("c%02d", i+1)
		last := tieAsOf.AddDate(0, 0, -tieRecency[i])
		for k := 1; k < tieFrequency[i]; k++ {
			events = append(events, ev(id, last.AddDate(0, 0, -k), "0"))
		}
		events = append(events, ev(id, last, tieMonetary[i]))
	}
	return events
}

// TestScoreRFMTies scores one tie-heavy log with the three methods:
// NTILE splits ties by customer ID, quantile breaks keep them together as
// R's rfm package does, cut points follow the caller.
func TestScoreRFMTies(t *testing.T) {
	type scores struct{ R, F, M []int }
	score := func(opt RFMOptions) (scores, RFMCuts) {
		opt.AsOf = tieAsOf
		r, err := ScoreRFM(tieLog(), opt)
		if err != nil {
			t.Fatal(err)
		}
		var s scores
		for i, c := range r.Customers {
			if c.RecencyDays != tieRecency[i] || c.Frequency != tieFrequency[i] || !c.Monetary.Equal(decimal.RequireFromString(tieMonetary[i])) {
				t.Fatalf("customer %s: %d days, %d purchases, %s", c.Customer, c.RecencyDays, c.Frequency, c.Monetary)
			}
			s.R, s.F, s.M = append(s.R, c.R), append(s.F, c.F), append(s.M, c.M)
		}
		return s, r.Cuts
	}
	tests := []struct {
		name     string
		opt      RFMOptions
		want     scores
		wantCuts RFMCuts
	}{
		// R's rfm package's rule (rfm_table_customer) on this table, by
		// testdata/rfm_ties.R with R 4's quantile(type = 7).
		{"R rfm, 5 bins", RFMOptions{Method: QuantileTies},
			scores{R: []int{5, 3, 5, 1, 4, 3, 5, 1, 3, 4, 1, 3}, F: []int{1, 2, 5, 1, 2, 3, 1, 4, 5, 1, 2, 4}, M: []int{1, 1, 5, 1, 3, 4, 1, 4, 4, 1, 3, 4}},
			RFMCuts{Recency: []float64{7, 19, 31, 79}, Frequency: []float64{2, 3, 3.6, 6}, Monetary: []float64{251.5, 311.3, 761, 1001}}},
		{"R rfm, 4 bins", RFMOptions{Method: QuantileTies, Bins: 4},
			scores{R: []int{4, 3, 4, 1, 3, 3, 4, 1, 3, 3, 1, 3}, F: []int{1, 2, 4, 1, 2, 3, 1, 3, 4, 1, 2, 3}, M: []int{1, 1, 4, 1, 2, 3, 1, 3, 3, 1, 2, 3}},
			RFMCuts{Recency: []float64{9.75, 31, 46}, Frequency: []float64{2, 3, 6}, Monetary: []float64{251.5, 401, 1001}}},
		// NTILE deals 12 into 3, 3, 2, 2, 2; equal values in ID order.
		{"ntile splits ties", RFMOptions{Method: NTile},
			scores{R: []int{4, 2, 5, 1, 3, 2, 5, 1, 2, 4, 1, 3}, F: []int{1, 2, 5, 1, 2, 3, 1, 4, 5, 2, 3, 4}, M: []int{1, 1, 5, 1, 2, 3, 2, 4, 4, 2, 3, 5}},
			RFMCuts{Recency: []float64{5, 10, 30, 90}, Frequency: []float64{1, 2, 5, 8}, Monetary: []float64{250.5, 400, 1000, 1000}}},
		{"cut points", RFMOptions{Method: CutPoints, Cuts: RFMCuts{Recency: []float64{7, 14, 31, 100}, Frequency: []float64{2, 3, 5, 8}, Monetary: []float64{100, 250.5, 1000, 5000}}},
			scores{R: []int{5, 3, 5, 1, 4, 3, 5, 2, 3, 4, 1, 3}, F: []int{1, 2, 5, 1, 2, 3, 1, 4, 5, 1, 2, 4}, M: []int{2, 3, 5, 2, 3, 4, 3, 4, 4, 3, 3, 4}},
			RFMCuts{Recency: []float64{7, 14, 31, 100}, Frequency: []float64{2, 3, 5, 8}, Monetary: []float64{100, 250.5, 1000, 5000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cuts := score(tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("scores mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantCuts, cuts, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("cut points mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreRFMErrors(t *testing.T) {
	good := []Event{ev("A", day(2027, 1, 1), "1")}
	tests := []struct {
		name   string
		events []Event
		opt    RFMOptions
		want   error
	}{
		{"no as-of", good, RFMOptions{}, ErrInvalidOption},
		{"one bin", good, RFMOptions{AsOf: day(2027, 2, 1), Bins: 1}, ErrInvalidOption},
		{"no events before as-of", good, RFMOptions{AsOf: day(2026, 1, 1)}, ErrNoValues},
		{"not a multiple", []Event{ev("A", day(2027, 1, 1), "0.001")}, RFMOptions{AsOf: day(2027, 2, 1)}, ErrInvalidAmount},
		{"no customer", []Event{ev("", day(2027, 1, 1), "1")}, RFMOptions{AsOf: day(2027, 2, 1)}, ErrInvalidOption},
		{"cut points missing", good, RFMOptions{AsOf: day(2027, 2, 1), Method: CutPoints}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ScoreRFM(tt.events, tt.opt); !errors.Is(err, tt.want) {
				t.Errorf("ScoreRFM error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestSegments(t *testing.T) {
	asOf := day(2027, 12, 31)
	var events []Event
	// Ten customers with recency, frequency and spend rising together: the
	// top scores are champions, the bottom hibernating.
	for i := range 10 {
		for k := 0; k <= i; k++ {
			events = append(events, ev(fmt.Sprintf("c%d", i), day(2027, time.Month(1+i), 1+k), fmt.Sprint(10*(i+1))))
		}
	}
	r, err := ScoreRFM(events, RFMOptions{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Customers[9].Segment; s != "champions" {
		t.Errorf("best customer segment %q", s)
	}
	if s := r.Customers[0].Segment; s != "hibernating" {
		t.Errorf("worst customer segment %q", s)
	}
	if len(r.Cuts.Recency) != 4 || len(r.Cuts.Frequency) != 4 {
		t.Errorf("cuts %+v", r.Cuts)
	}
}

func TestDayNumber(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		t    time.Time
		want int
	}{
		{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(1969, 12, 31, 23, 59, 0, 0, time.UTC), -1},
		{time.Date(1970, 1, 2, 0, 30, 0, 0, cet), 1}, // 23:30 UTC the day before, but the 2nd in its location
	} {
		if got := dayNumber(tt.t); got != tt.want {
			t.Errorf("dayNumber(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
}

// FuzzScoreRFM scores random small logs: every customer with a purchase up
// to the as-of date appears once, with scores in 1 … bins, or the log is
// refused with a documented error.
func FuzzScoreRFM(f *testing.F) {
	f.Add([]byte{1, 10, 5, 2, 20, 7, 1, 3, 200}, uint8(5), uint8(0))
	f.Add([]byte{0, 0, 0}, uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, bins, method uint8) {
		var events []Event
		for k := 0; k+2 < len(data); k += 3 {
			events = append(events, Event{Customer: fmt.Sprintf("c%d", data[k]%7),
				Date: day(2027, 1, 1).AddDate(0, 0, int(data[k+1])), Amount: decimal.New(int64(data[k+2])-50, -2)})
		}
		opt := RFMOptions{AsOf: day(2027, 6, 1), Bins: int(bins % 12), Method: ScoreMethod(method % 2)}
		r, err := ScoreRFM(events, opt)
		if err != nil {
			if !errors.Is(err, ErrNoValues) && !errors.Is(err, ErrInvalidOption) {
				t.Fatalf("error %v", err)
			}
			return
		}
		b := opt.Bins
		if b == 0 {
			b = 5
		}
		seen := map[string]bool{}
		for _, c := range r.Customers {
			if seen[c.Customer] || c.R < 1 || c.R > b || c.F < 1 || c.F > b || c.M < 1 || c.M > b || c.Frequency < 1 || c.RecencyDays < 0 {
				t.Fatalf("customer %+v with %d bins", c, b)
			}
			seen[c.Customer] = true
		}
	})
}
