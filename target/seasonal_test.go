package target

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// series builds a monthly history from a seasonal pattern, a yearly growth
// factor and a number of years.
func series(pattern [12]float64, growth float64, years int) []decimal.Decimal {
	var out []decimal.Decimal
	level := 1.0
	for range years {
		for _, v := range pattern {
			out = append(out, decimal.NewFromFloat(v*level*1000).Round(2))
		}
		level *= growth
	}
	return out
}

func normalised(p [12]float64) Profile {
	var s float64
	for _, v := range p {
		s += v
	}
	var out Profile
	for i, v := range p {
		out[i] = v / s
	}
	return out
}

func TestSeasonalityRecoversPattern(t *testing.T) {
	pattern := [12]float64{0.8, 0.7, 1, 1, 1.1, 1.1, 0.9, 0.8, 1.1, 1.2, 1.3, 1.6}
	want := normalised(pattern)
	approx := cmpopts.EquateApprox(0, 1e-6)
	for _, m := range []SeasonalMethod{SimpleAverage, YearlyShares, MovingAverageRatio} {
		// Without growth every method recovers the pattern (the moving
		// average of a pure seasonal series is flat).
		got, err := Seasonality(series(pattern, 1, 3), m)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if diff := cmp.Diff(want, got, approx); diff != "" {
			t.Errorf("Seasonality(no growth, %s) mismatch (-want +got):\n%s", m, diff)
		}
	}
	// Step growth between years: yearly shares still recover the pattern.
	ys, _ := Seasonality(series(pattern, 1.3, 3), YearlyShares)
	if diff := cmp.Diff(want, ys, approx); diff != "" {
		t.Errorf("Seasonality(growth, yearly-shares) mismatch (-want +got):\n%s", diff)
	}
	// Two years with different patterns and a tripled total: the simple
	// average follows the big year, yearly shares weigh both years equally.
	a := [12]float64{2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	b := [12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}
	var two []decimal.Decimal
	for _, v := range a {
		two = append(two, decimal.NewFromFloat(v*100))
	}
	for _, v := range b {
		two = append(two, decimal.NewFromFloat(v*300))
	}
	sa, _ := Seasonality(two, SimpleAverage)
	ys, _ = Seasonality(two, YearlyShares)
	if got, want := sa[0], (200.0+300)/(1300+3900); math.Abs(got-want) > 1e-12 {
		t.Errorf("simple average Jan = %v, want %v", got, want)
	}
	if got, want := ys[0], (2.0/13+1.0/13)/2; math.Abs(got-want) > 1e-12 {
		t.Errorf("yearly shares Jan = %v, want %v", got, want)
	}
	// A smooth trend of 30 % a year: the moving-average ratio removes it,
	// yearly shares keep the within-year drift.
	var trend []decimal.Decimal
	for k := range 48 {
		trend = append(trend, decimal.NewFromFloat(1000*pattern[k%12]*math.Pow(1.3, float64(k)/12)))
	}
	ma, _ := Seasonality(trend, MovingAverageRatio)
	ys, _ = Seasonality(trend, YearlyShares)
	var errMA, errYS float64
	for i := range want {
		errMA = max(errMA, math.Abs(ma[i]-want[i]))
		errYS = max(errYS, math.Abs(ys[i]-want[i]))
	}
	if errMA > 0.001 || errMA*10 >= errYS {
		t.Errorf("with a trend: moving-average error %.5f, yearly-shares error %.5f", errMA, errYS)
	}
}

func TestSeasonalityPartialYearAndZeros(t *testing.T) {
	pattern := [12]float64{0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3}
	h := series(pattern, 1, 2)
	h = append(h, decimal.NewFromInt(999999)) // a trailing partial year is ignored
	for _, m := range []SeasonalMethod{SimpleAverage, YearlyShares} {
		got, err := Seasonality(h, m)
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != 0 || math.Abs(got[11]-3.0/13) > 1e-12 {
			t.Errorf("%s: Jan %v Dec %v", m, got[0], got[11])
		}
	}
}

func TestSeasonalityErrors(t *testing.T) {
	flat := series([12]float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 2)
	zeroYear := append(make([]decimal.Decimal, 12), flat[:12]...)
	neg := append([]decimal.Decimal{decimal.NewFromInt(-1)}, flat[1:]...)
	tests := []struct {
		name   string
		hist   []decimal.Decimal
		method SeasonalMethod
		want   error
	}{
		{"empty", nil, SimpleAverage, ErrShortHistory},
		{"11 months", flat[:11], YearlyShares, ErrShortHistory},
		{"23 months for moving average", flat[:23], MovingAverageRatio, ErrShortHistory},
		{"negative", neg, SimpleAverage, ErrInvalidHistory},
		{"zero year", zeroYear, YearlyShares, ErrInvalidHistory},
		{"all zero", make([]decimal.Decimal, 24), SimpleAverage, ErrZeroWeights},
		{"zero moving average", make([]decimal.Decimal, 24), MovingAverageRatio, ErrInvalidHistory},
		{"unknown method", flat, SeasonalMethod(7), ErrUnknownOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Seasonality(tt.hist, tt.method)
			if !errors.Is(err, tt.want) {
				t.Errorf("Seasonality() = %v, %v; want %v", p, err, tt.want)
			}
		})
	}
}

func TestProfiles(t *testing.T) {
	if err := FlatProfile().Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name string
		p    Profile
		want error
	}{
		{"zero", Profile{}, ErrZeroWeights},
		{"negative", Profile{1, -1}, ErrNegativeWeight},
		{"NaN", Profile{math.NaN()}, ErrInvalidWeight},
		{"Inf", Profile{math.Inf(1)}, ErrInvalidWeight},
	}
	for _, tt := range bad {
		if err := tt.p.Validate(); !errors.Is(err, tt.want) {
			t.Errorf("%s: Validate() = %v, want %v", tt.name, err, tt.want)
		}
		if tt.name != "NaN" && tt.p.Normalize() != tt.p {
			t.Errorf("%s: Normalize changed an invalid profile", tt.name)
		}
	}
	if _, err := Blend(FlatProfile(), FlatProfile(), 1.5); !errors.Is(err, ErrInvalidRate) {
		t.Errorf("Blend(share 1.5) = %v", err)
	}
	if _, err := Blend(Profile{}, FlatProfile(), 0.5); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("Blend(zero profile) = %v", err)
	}
	if _, err := Blend(FlatProfile(), Profile{}, 0.5); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("Blend(…, zero profile) = %v", err)
	}
	if _, err := WorkingDayProfile(Calendar{StartYear: 2027, Weekend: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}); !errors.Is(err, ErrZeroWeights) {
		t.Errorf("WorkingDayProfile(no working day) = %v", err)
	}
	if _, err := WorkingDayProfile(Calendar{}); !errors.Is(err, ErrInvalidCalendar) {
		t.Errorf("WorkingDayProfile(zero calendar) = %v", err)
	}
	q := Profile{1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4}.Quarters()
	if diff := cmp.Diff([4]float64{0.1, 0.2, 0.3, 0.4}, q, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("Quarters() mismatch:\n%s", diff)
	}
	for _, m := range []SeasonalMethod{SimpleAverage, YearlyShares, MovingAverageRatio, 9} {
		if m.String() == "" {
			t.Errorf("empty name for %d", m)
		}
	}
}
