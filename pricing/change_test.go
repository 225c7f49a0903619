package pricing

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestBreakEvenVolume(t *testing.T) {
	tests := []struct {
		dp, cm, dc, want float64
	}{
		{0.05, 0.40, 0, -0.05 / 0.45}, // −11.1 %
		{-0.10, 0.40, 0, 0.10 / 0.30}, // +33.3 %
		{-0.10, 0.40, -0.05, 0.05 / 0.35},
		{0, 0.3, 0, 0},
	}
	for _, tt := range tests {
		got, err := BreakEvenVolume(tt.dp, tt.cm, tt.dc)
		if err != nil || math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("BreakEvenVolume(%v, %v, %v) = %v, %v; want %v", tt.dp, tt.cm, tt.dc, got, err, tt.want)
		}
	}
	if v, _ := BreakEvenVolume(0.05, 0.40, 0); math.Round(v*1000)/10 != -11.1 {
		t.Errorf("+5 %% at 40 %%: %v", v)
	}
	if v, _ := VolumeToPayForCut(0.08, 0.30); math.Abs(v-0.08/0.22) > 1e-15 {
		t.Errorf("8 %% off at 30 %%: %v", v)
	}
	for _, c := range [][3]float64{{5, 0.4, 0}, {0.05, 40, 0}, {-0.5, 0.4, 0}, {math.NaN(), 0.4, 0}} {
		if _, err := BreakEvenVolume(c[0], c[1], c[2]); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("BreakEvenVolume%v: %v", c, err)
		}
	}
}

// TestProfitImpactZeroAtBreakEven: the contribution change is zero exactly
// at the break-even volume, positive above it.
func TestProfitImpactZeroAtBreakEven(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1000 {
		cm := 0.05 + 0.9*r.Float64()
		dp := -cm*0.9 + 1.5*r.Float64()*cm
		be, err := BreakEvenVolume(dp, cm, 0)
		if err != nil {
			continue
		}
		gain := ((cm+dp)*(1+be) - cm) / cm
		if math.Abs(gain) > 1e-12 {
			t.Fatalf("gain at break-even %v (cm %v, dp %v)", gain, cm, dp)
		}
	}
	rows, err := ProfitImpact(0.4, []float64{-0.1, 0, 0.05}, -2)
	if err != nil {
		t.Fatal(err)
	}
	// −10 % with ε = −2: volume 0.9^−2 − 1 = +23.5 %, below the +33.3 %
	// break-even: contribution falls.
	if rows[0].ContributionGain >= 0 || rows[1].ContributionGain != 0 || math.Abs(rows[0].ExpectedVolume-(1/0.81-1)) > 1e-15 {
		t.Errorf("rows %+v", rows)
	}
	if _, err := ProfitImpact(0.4, []float64{0.1}, 1.5); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("positive elasticity: %v", err)
	}
}

func TestElasticity(t *testing.T) {
	if e, _ := ArcElasticity(10, 100, 12, 80); math.Abs(e-(-20.0/90)/(2.0/11)) > 1e-15 {
		t.Errorf("arc %v", e)
	}
	if e, _ := PointElasticity(-5, 10, 100); e != -0.5 {
		t.Errorf("point %v", e)
	}
	// Exact constant elasticity −1.8: the fit recovers it with R² = 1.
	var p, q []float64
	for _, x := range []float64{8, 9, 10, 11, 12, 14} {
		p, q = append(p, x), append(q, 5000*math.Pow(x, -1.8))
	}
	e, err := EstimateElasticity(p, q, 0)
	if err != nil || math.Abs(e.Value+1.8) > 1e-12 || math.Abs(e.R2-1) > 1e-12 || e.Low > e.Value || e.High < e.Value {
		t.Errorf("fit %+v, %v", e, err)
	}
	// Noisy history: the 95 % interval covers the true value most times.
	r := rand.New(rand.NewPCG(7, 8))
	covered := 0
	for range 400 {
		var p, q []float64
		for range 20 {
			x := 5 + 10*r.Float64()
			p, q = append(p, x), append(q, 1000*math.Pow(x, -1.5)*math.Exp(0.1*r.NormFloat64()))
		}
		e, _ := EstimateElasticity(p, q, 0.95)
		if e.Low <= -1.5 && -1.5 <= e.High {
			covered++
		}
	}
	if covered < 360 || covered > 395 {
		t.Errorf("95 %% interval covered %d of 400", covered)
	}
	if got, _ := OptimalPrice(10, -3); math.Abs(got-15) > 1e-12 {
		t.Errorf("optimal price %v, want 15", got)
	}
	for _, el := range []float64{-1, -0.5, 0, math.Inf(-1)} {
		if _, err := OptimalPrice(10, el); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("OptimalPrice(10, %v): %v", el, err)
		}
	}
	if _, err := EstimateElasticity([]float64{1, 1, 1}, []float64{1, 2, 3}, 0); !errors.Is(err, ErrInvalidAnswer) {
		t.Errorf("equal prices: %v", err)
	}
}
