package clp

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func simulatedSummaries(t *testing.T, n int) []Summary {
	t.Helper()
	m := BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	cs, err := m.SimulateCustomers(n, 39, rand.NewPCG(9, 10))
	if err != nil {
		t.Fatal(err)
	}
	g := GammaGamma{P: 6.25, Q: 3.74, Gamma: 15.44}
	x := make([]float64, len(cs))
	for i, c := range cs {
		x[i] = max(1, c.X)
	}
	spend := g.Simulate(x, rand.NewPCG(11, 12))
	ss := make([]Summary, len(cs))
	for i, c := range cs {
		ss[i] = Summary{ID: fmt.Sprintf("K%05d", i+1), Customer: c}
		if c.X > 0 {
			ss[i].MeanSpend = spend[i]
		}
	}
	return ss
}

// A customer first seen on the calibration end day made every fit refuse
// the whole data set; the Summaries fits drop it, count it and report.
func TestFitSummariesReport(t *testing.T) {
	ss := simulatedSummaries(t, 3000)
	ss = append(ss, Summary{ID: "NEW-1"}, Summary{ID: "NEW-2"})
	m, rep, err := FitBGNBDSummaries(ss, nil)
	if err != nil {
		t.Fatal(err)
	}
	cs, _, _ := Fittable(ss)
	if rep.Used != 3000 || rep.Dropped != 2 || rep.DropReason == "" || rep.Iterations == 0 || rep.Evaluations == 0 || rep.Status == "" {
		t.Errorf("report %+v", rep)
	}
	if math.Abs(rep.LogLikelihood-m.LogLikelihood(cs)) > 1e-9*math.Abs(rep.LogLikelihood) || len(rep.StdErrors) != 4 {
		t.Errorf("LL %v vs %v, SE %v", rep.LogLikelihood, m.LogLikelihood(cs), rep.StdErrors)
	}
	direct, err := FitBGNBD(cs, nil)
	if err != nil || direct != m {
		t.Errorf("FitBGNBD on the same customers %+v, %v; Summaries fit %+v", direct, err, m)
	}
	if _, rep, err := FitParetoNBDSummaries(ss, nil); err != nil || rep.Dropped != 2 || len(rep.StdErrors) != 4 {
		t.Errorf("pareto/nbd: %+v, %v", rep, err)
	}
	if _, rep, err := FitMBGNBDSummaries(ss, nil); err != nil || rep.Dropped != 2 {
		t.Errorf("mbg/nbd: %+v, %v", rep, err)
	}
	// Any other invalid summary is an error naming its ID.
	bad := append([]Summary(nil), ss...)
	bad[1234].Tx = bad[1234].T + 1
	if _, _, err := FitBGNBDSummaries(bad, nil); !errors.Is(err, ErrInvalidData) || !strings.Contains(err.Error(), `"K01235"`) {
		t.Errorf("bad summary: %v", err)
	}
	if _, _, err := FitBGNBDSummaries(ss, &FitOptions{Weights: []float64{1}}); !errors.Is(err, ErrInvalidData) {
		t.Errorf("weights of the wrong length: %v", err)
	}
}

// FitGammaGamma refused the whole data set for one customer without a
// repeat purchase and named it by position (customer 4224 was customer
// 10244); the Summaries fit skips and counts, and names by ID.
func TestFitGammaGammaSummaries(t *testing.T) {
	ss := simulatedSummaries(t, 4000)
	zero := 0
	for _, s := range ss {
		if s.X == 0 {
			zero++
		}
	}
	ss = append(ss, Summary{ID: "FREE", Customer: Customer{X: 2, Tx: 3, T: 10}, MeanSpend: 0})
	g, rep, err := FitGammaGammaSummaries(ss, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Dropped != zero+1 || rep.Used != len(ss)-zero-1 || len(rep.StdErrors) != 3 || rep.Iterations == 0 {
		t.Errorf("report %+v (want %d dropped)", rep, zero+1)
	}
	if !(g.P > 0 && g.Q > 1) {
		t.Errorf("fit %+v", g)
	}
	ss[7].MeanSpend = math.NaN()
	ss[7].X = 3
	if _, _, err := FitGammaGammaSummaries(ss, nil); !errors.Is(err, ErrNotFinite) || !strings.Contains(err.Error(), `"K00008"`) {
		t.Errorf("NaN spend: %v", err)
	}
	if _, _, err := FitGammaGammaSummaries([]Summary{{ID: "A"}}, nil); !errors.Is(err, ErrInvalidData) {
		t.Errorf("no repeat buyer: %v", err)
	}
}
