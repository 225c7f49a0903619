package strategy

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestBassCurve(t *testing.T) {
	b := Bass{P: 0.03, Q: 0.38, M: 100_000}
	sum := 0.0
	for k := 1; k <= 200; k++ {
		sum += b.Adoptions(k)
	}
	if math.Abs(sum-b.M) > 1e-6*b.M || math.Abs(b.Cumulative(200)-sum) > 1e-6 {
		t.Errorf("adoptions sum to %v, cumulative %v, want M", sum, b.Cumulative(200))
	}
	tp, rate := b.Peak()
	if want := math.Log(0.38/0.03) / 0.41; math.Abs(tp-want) > 1e-12 {
		t.Errorf("peak time %v, want %v", tp, want)
	}
	// The density at the peak time is the peak rate.
	h := 1e-5
	dens := (b.Cumulative(tp+h) - b.Cumulative(tp-h)) / (2 * h)
	if math.Abs(dens-rate) > 1e-4*rate {
		t.Errorf("peak rate %v, density there %v", rate, dens)
	}
	if tp, r := (Bass{P: 0.5, Q: 0.1, M: 10}).Peak(); tp != 0 || r != 5 {
		t.Errorf("q < p: peak %v at %v, want 5 at launch", r, tp)
	}
	if (Bass{}).Adoptions(1) != 0 || (Bass{}).Validate() == nil || (Bass{P: math.NaN(), Q: 1, M: 1}).Validate() == nil {
		t.Error("zero or NaN model accepted")
	}
}

// TestFitBassRecovery: the fit recovers the parameters of a noise-free
// series exactly and of a noisy one (fixed seed) within three standard
// errors.
func TestFitBassRecovery(t *testing.T) {
	truth := Bass{P: 0.03, Q: 0.38, M: 10_000}
	clean := truth.Forecast(1, 15)
	f, err := FitBassDetail(clean)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]float64{{f.P, truth.P}, {f.Q, truth.Q}, {f.M, truth.M}} {
		if math.Abs(c[0]-c[1]) > 1e-5*c[1] {
			t.Errorf("noise-free fit %+v, want %+v", f.Bass, truth)
		}
	}
	r := rand.New(rand.NewPCG(41, 42))
	for trial := range 20 {
		noisy := make([]float64, len(clean))
		for k, x := range clean {
			noisy[k] = max(0, x*(1+0.05*r.NormFloat64()))
		}
		f, err := FitBassDetail(noisy)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Identified || f.R2 < 0.95 {
			t.Fatalf("trial %d: %+v", trial, f)
		}
		for _, c := range [][3]float64{{f.P, truth.P, f.SE.P}, {f.Q, truth.Q, f.SE.Q}, {f.M, truth.M, f.SE.M}} {
			if math.Abs(c[0]-c[1]) > 4*c[2] {
				t.Errorf("trial %d: estimate %v, truth %v, SE %v", trial, c[0], c[1], c[2])
			}
		}
	}
	b, err := FitBass(clean)
	if err != nil || b != f.Bass && math.Abs(b.P-truth.P) > 1e-5 {
		t.Errorf("FitBass %+v, %v", b, err)
	}
}

func TestFitBassErrors(t *testing.T) {
	for _, s := range [][]float64{nil, {1, 2, 3}, {1, 2, math.NaN(), 4}, {1, -2, 3, 4}, {0, 0, 0, 0}, {1, math.Inf(1), 1, 1}} {
		if _, err := FitBass(s); !errors.Is(err, ErrInvalidSeries) {
			t.Errorf("%v: got %v, want ErrInvalidSeries", s, err)
		}
	}
}

func BenchmarkFitBass(b *testing.B) {
	s := Bass{P: 0.03, Q: 0.38, M: 10_000}.Forecast(1, 20)
	r := rand.New(rand.NewPCG(1, 2))
	for k := range s {
		s[k] *= 1 + 0.05*r.NormFloat64()
	}
	for b.Loop() {
		if _, err := FitBass(s); err != nil {
			b.Fatal(err)
		}
	}
}
