package strategy

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

func decs(xs ...string) []decimal.Decimal {
	out := make([]decimal.Decimal, len(xs))
	for i, x := range xs {
		out[i] = d(x)
	}
	return out
}

// TestTrendAgainstR checks the trends against R 4.2.2:
// predict(lm(y ~ t), data.frame(t = 6:7), interval = "prediction",
// level = 0.9) and exp(predict(lm(log(y) ~ t), …, level = 0.8)).
func TestTrendAgainstR(t *testing.T) {
	h := decs("10", "12", "15", "15", "18")
	lin, err := FitTrend(h, LinearTrend)
	if err != nil {
		t.Fatal(err)
	}
	got, err := lin.Forecast(2, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	want := []Interval{{19.7, 16.9859688880139, 22.4140311119862}, {21.6, 18.4661068138116, 24.7338931861884}}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("linear (-R +got):\n%s", diff)
	}
	if lin.R2 < 0.95-1e-12 || lin.R2 > 0.95+1e-12 {
		t.Errorf("R² %v, R says 0.95", lin.R2)
	}
	lg, err := FitTrend(h, LogLinearTrend)
	if err != nil {
		t.Fatal(err)
	}
	got, err = lg.Forecast(1, 0.8)
	if err != nil {
		t.Fatal(err)
	}
	want = []Interval{{20.8719853286095, 17.9672620604516, 24.2463080959115}}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("log-linear (-R +got):\n%s", diff)
	}
}

func TestTrendErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		h    []decimal.Decimal
		kind TrendKind
		want error
	}{
		{"short", decs("1", "2"), LinearTrend, ErrInvalidSeries},
		{"zero for log", decs("1", "0", "2"), LogLinearTrend, ErrInvalidSeries},
		{"negative", decs("1", "-1", "2"), LinearTrend, ErrInvalidAmount},
		{"fraction of a cent", decs("1", "1.001", "2"), LinearTrend, ErrInvalidAmount},
		{"kind", decs("1", "2", "3"), 7, ErrInvalidOption},
	} {
		if _, err := FitTrend(tc.h, tc.kind); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := (Trend{}).Forecast(3, 0.9); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("zero trend: %v", err)
	}
	tr, _ := FitTrend(decs("1", "2", "4"), LinearTrend)
	for _, level := range []float64{-0.1, 1, 90} {
		if _, err := tr.Forecast(1, level); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("level %v: %v", level, err)
		}
	}
}

func TestGapPeriodsAndSplit(t *testing.T) {
	tgt, err := MonthlyTarget(d("1200000"), target.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	hist := make([]decimal.Decimal, 24)
	for i := range hist {
		hist[i] = decimal.NewFromInt(int64(70000 + 500*i))
	}
	b, err := TrendBaseline(hist, LinearTrend, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	// An exact line: the band is the forecast itself, month 1 is t = 25.
	if !b.Months[0].Equal(d("82000")) || !b.Low[0].Equal(b.Months[0]) || !b.Months[11].Equal(d("87500")) {
		t.Fatalf("baseline %v … %v, band %v", b.Months[0], b.Months[11], b.Low[0])
	}
	g, err := PlanningGap(tgt, b)
	if err != nil {
		t.Fatal(err)
	}
	q1, _ := g.At(target.Q1)
	fy, _ := g.At(target.FY)
	if !q1.Gap.Equal(d("300000").Sub(d("82000").Add(d("82500")).Add(d("83000")))) || !fy.Gap.Equal(g.Year()) || !g.Year().Equal(d("183000")) {
		t.Errorf("Q1 gap %v, year %v", q1.Gap, g.Year())
	}
	op, st, err := g.Split(d("150000"))
	if err != nil || !op.Equal(d("150000")) || !st.Equal(d("33000")) {
		t.Errorf("split %v + %v, %v", op, st, err)
	}
	op, st, _ = g.Split(d("500000"))
	if !op.Equal(d("183000")) || !st.IsZero() {
		t.Errorf("split with ample penetration %v + %v", op, st)
	}
	if _, _, err := g.Split(d("-1")); !errors.Is(err, ErrInvalidAmount) {
		t.Errorf("negative penetration: %v", err)
	}
	if _, err := g.At(target.Period(99)); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("bad period: %v", err)
	}
}

func TestRunRateBaseline(t *testing.T) {
	var plan [12]decimal.Decimal
	for m := range plan {
		plan[m] = d("100")
	}
	b, err := RunRateBaseline(plan, decs("90", "80", "100"))
	if err != nil {
		t.Fatal(err)
	}
	// Completion 270/300 = 0.9: each remaining month is 90.
	want := []string{"90", "80", "100", "90", "90", "90", "90", "90", "90", "90", "90", "90"}
	var got []string
	for _, m := range b.Months {
		got = append(got, m.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := RunRateBaseline(plan, nil); !errors.Is(err, ErrInvalidSeries) {
		t.Errorf("no actuals: %v", err)
	}
	var zero [12]decimal.Decimal
	b, _ = RunRateBaseline(zero, decs("30", "10"))
	if !b.Months[5].Equal(d("20")) {
		t.Errorf("zero plan: month 6 %v, want the mean actual 20", b.Months[5])
	}
}

func TestMonthlyTargetExact(t *testing.T) {
	p := target.Profile{3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	m, err := MonthlyTarget(d("1000.01"), p)
	if err != nil {
		t.Fatal(err)
	}
	var s decimal.Decimal
	for _, x := range m {
		s = s.Add(x)
	}
	if !s.Equal(d("1000.01")) || !m[0].Equal(d("214.28")) || !m[1].Equal(d("71.43")) {
		t.Errorf("months %v sum to %v", m, s)
	}
	if _, err := MonthlyTarget(d("1"), target.Profile{-1}); !errors.Is(err, ErrInvalidSeries) {
		t.Errorf("bad profile: %v", err)
	}
}
