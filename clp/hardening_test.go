package clp

import (
	"errors"
	"math"
	"testing"
)

// TestFitHugeRepeatCount: a customer with 10^15 repeat purchases used to
// make the likelihood tables ask for petabytes and panic on the optimiser's
// goroutine, killing the process; the fit now returns (a result or an
// error) without tables that follow the largest count.
func TestFitHugeRepeatCount(t *testing.T) {
	cs := []Customer{{X: 1e15, Tx: 30, T: 39}, {X: 2, Tx: 10, T: 39}, {X: 0, Tx: 0, T: 39}, {X: 5, Tx: 20, T: 30}}
	if _, err := FitBGNBD(cs, nil); err != nil && !errors.Is(err, ErrNoConvergence) {
		t.Errorf("FitBGNBD(x = 1e15) error = %v", err)
	}
	if _, err := FitMBGNBD(cs, nil); err != nil && !errors.Is(err, ErrNoConvergence) {
		t.Errorf("FitMBGNBD(x = 1e15) error = %v", err)
	}
	if _, err := FitBGNBD([]Customer{{X: 1e300, Tx: 30, T: 39}}, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("FitBGNBD(x = 1e300) error = %v, want ErrInvalidData", err)
	}
}

// TestRiseTableBeyondCap checks the direct evaluation above the table
// against the recursion.
func TestRiseTableBeyondCap(t *testing.T) {
	for _, v := range []float64{0.243, 1, 4.41, 79.3} {
		full := riseTable{v: v, lg: make([]float64, maxTable+101), dg: make([]float64, maxTable+101)}
		for x := 0; x < maxTable+100; x++ {
			full.lg[x+1] = full.lg[x] + math.Log(v+float64(x))
			full.dg[x+1] = full.dg[x] + 1/(v+float64(x))
		}
		capped := lnTables(v, maxTable+100)
		for _, x := range []int{maxTable - 1, maxTable, maxTable + 1, maxTable + 100} {
			lg, dg := capped.at(x)
			if math.Abs(lg-full.lg[x]) > 1e-9*math.Abs(full.lg[x]) || math.Abs(dg-full.dg[x]) > 1e-9*math.Abs(full.dg[x]) {
				t.Errorf("v %v x %d: (%v, %v), want (%v, %v)", v, x, lg, dg, full.lg[x], full.dg[x])
			}
		}
	}
}

func TestGuptaLehmannBeyondFloat(t *testing.T) {
	if v, err := GuptaLehmann(1e308, 0.99, 0); !errors.Is(err, ErrOverflow) {
		t.Errorf("GuptaLehmann(1e308, 0.99, 0) = %v, %v; want ErrOverflow", v, err)
	}
	if v, err := GuptaLehmann(100, 0.8, 0.1); err != nil || math.Abs(v-80/0.3) > 1e-9 {
		t.Errorf("GuptaLehmann(100, 0.8, 0.1) = %v, %v", v, err)
	}
}
