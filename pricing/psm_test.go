package pricing

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// survey5 is a five-respondent survey whose curves are worked by hand in
// TestVanWestendorpHand, plus one inconsistent answer.
var survey5 = []Respondent{
	{TooCheap: 1, Cheap: 2, Expensive: 4, TooExpensive: 6, IntentCheap: 5, IntentExpensive: 3},
	{TooCheap: 2, Cheap: 3, Expensive: 5, TooExpensive: 7, IntentCheap: 5, IntentExpensive: 3},
	{TooCheap: 1, Cheap: 3, Expensive: 4, TooExpensive: 8, IntentCheap: 5, IntentExpensive: 3},
	{TooCheap: 2, Cheap: 4, Expensive: 6, TooExpensive: 9, IntentCheap: 5, IntentExpensive: 3},
	{TooCheap: 3, Cheap: 4, Expensive: 5, TooExpensive: 7, IntentCheap: 5, IntentExpensive: 3},
	{TooCheap: 5, Cheap: 4, Expensive: 6, TooExpensive: 7}, // too cheap above cheap: dropped
}

func TestVanWestendorpHand(t *testing.T) {
	approx := cmpopts.EquateApprox(0, 1e-12)
	p, err := VanWestendorp(survey5, PSMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"prices":        {1, 2, 3, 4, 5, 6, 7, 8, 9},
		"too cheap":     {.6, .2, 0, 0, 0, 0, 0, 0, 0},
		"cheap":         {1, .8, .4, 0, 0, 0, 0, 0, 0},
		"not cheap":     {0, .2, .6, 1, 1, 1, 1, 1, 1},
		"expensive":     {0, 0, 0, .4, .8, 1, 1, 1, 1},
		"not expensive": {1, 1, 1, .6, .2, 0, 0, 0, 0},
		"too expensive": {0, 0, 0, 0, 0, .2, .6, .8, 1},
	}
	got := map[string][]float64{"prices": p.Prices, "too cheap": p.TooCheap, "cheap": p.Cheap, "not cheap": p.NotCheap,
		"expensive": p.Expensive, "not expensive": p.NotExpensive, "too expensive": p.TooExpensive}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("curves (-want +got):\n%s", diff)
	}
	if p.Respondents != 5 || p.Inconsistent != 1 || p.Weight != 5 {
		t.Errorf("respondents %d, inconsistent %d, weight %v", p.Respondents, p.Inconsistent, p.Weight)
	}
	type points struct{ OPP, IPP, PMC, PME float64 }
	tests := []struct {
		name string
		opt  PSMOptions
		want points
	}{
		{"original, step", PSMOptions{}, points{3, 4, 2, 6}},
		{"original, linear", PSMOptions{Crossing: Linear}, points{3, 3.5, 2, 5.5}},
		{"narrower, step", PSMOptions{Range: Narrower}, points{3, 4, 3, 4}},
		{"level crossing: max", PSMOptions{Multiple: MaxPrice, Range: Narrower}, points{5, 4, 3, 5}},
		{"level crossing: mean", PSMOptions{Multiple: MeanPrice}, points{4, 4, 2, 6}},
		{"level crossing: median", PSMOptions{Multiple: MedianPrice, Range: Narrower}, points{4, 4, 3, 4.5}},
		{"forced-minimum ECDF", PSMOptions{ECDF: ForcedMinECDF}, points{3, 4, 3, 6}},
		{"forced-minimum ECDF, max", PSMOptions{ECDF: ForcedMinECDF, Multiple: MaxPrice}, points{6, 4, 3, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := VanWestendorp(survey5, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, points{p.OPP, p.IPP, p.PMC, p.PME}, approx); diff != "" {
				t.Errorf("price points (-want +got):\n%s", diff)
			}
		})
	}
	// Newton–Miller–Smith: intent 5 (0.7) at cheap, 3 (0.3) at expensive.
	if p.NMS == nil {
		t.Fatal("no NMS with every intent answered")
	}
	wantReach := []float64{0, .21, .45, .5, .295, .15, .055, .02, 0}
	if diff := cmp.Diff(wantReach, p.NMS.Reach, approx); diff != "" {
		t.Errorf("reach (-want +got):\n%s", diff)
	}
	if p.NMS.ReachPrice != 4 || p.NMS.RevenuePrice != 4 || math.Abs(p.NMS.Revenue[3]-2) > 1e-12 {
		t.Errorf("NMS optima %v %v, revenue at 4 %v", p.NMS.ReachPrice, p.NMS.RevenuePrice, p.NMS.Revenue[3])
	}
}

// TestVanWestendorpWeights: a weight of two is the same respondent twice.
func TestVanWestendorpWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100 {
		var rs, dup []Respondent
		for range 1 + r.IntN(30) {
			a := float64(1 + r.IntN(10))
			x := Respondent{TooCheap: a, Cheap: a + float64(1+r.IntN(5)), Expensive: a + 6 + float64(r.IntN(5)), TooExpensive: a + 12 + float64(r.IntN(5))}
			if r.IntN(3) == 0 {
				x.Weight = 2
				dup = append(dup, Respondent{x.TooCheap, x.Cheap, x.Expensive, x.TooExpensive, 0, 0, 0}, Respondent{x.TooCheap, x.Cheap, x.Expensive, x.TooExpensive, 0, 0, 0})
			} else {
				dup = append(dup, x)
			}
			rs = append(rs, x)
		}
		for _, opt := range []PSMOptions{{}, {Crossing: Linear, Range: Narrower}, {ECDF: ForcedMinECDF, Multiple: MedianPrice}} {
			a, errA := VanWestendorp(rs, opt)
			b, errB := VanWestendorp(dup, opt)
			if (errA == nil) != (errB == nil) {
				t.Fatalf("errors %v / %v", errA, errB)
			}
			if errA != nil {
				continue
			}
			a.Respondents, b.Respondents = 0, 0
			if diff := cmp.Diff(a, b, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Fatalf("weight 2 ≠ twice (-weighted +duplicated):\n%s", diff)
			}
			if opt.Range == Original && opt.Crossing == Step && (a.OPP < a.PMC || a.OPP > a.PME || a.IPP < a.PMC || a.IPP > a.PME) {
				t.Fatalf("points outside the range: %+v", [4]float64{a.PMC, a.OPP, a.IPP, a.PME})
			}
			// Curves are monotone and the range holds the points.
			for i := 1; i < len(a.Prices); i++ {
				if a.TooCheap[i] > a.TooCheap[i-1] || a.Cheap[i] > a.Cheap[i-1] || a.Expensive[i] < a.Expensive[i-1] || a.TooExpensive[i] < a.TooExpensive[i-1] {
					t.Fatalf("curves not monotone at %v", a.Prices[i])
				}
			}
		}
	}
}

func TestVanWestendorpErrors(t *testing.T) {
	good := survey5[:5]
	tests := []struct {
		name string
		rs   []Respondent
		opt  PSMOptions
		want error
	}{
		{"none", nil, PSMOptions{}, ErrNoRespondents},
		{"all inconsistent", []Respondent{{TooCheap: 3, Cheap: 2, Expensive: 4, TooExpensive: 5}}, PSMOptions{}, ErrNoRespondents},
		{"NaN", []Respondent{{TooCheap: math.NaN(), Cheap: 2, Expensive: 4, TooExpensive: 5}}, PSMOptions{}, ErrInvalidAnswer},
		{"negative price", []Respondent{{TooCheap: -1, Cheap: 2, Expensive: 4, TooExpensive: 5}}, PSMOptions{}, ErrInvalidAnswer},
		{"negative weight", []Respondent{{TooCheap: 1, Cheap: 2, Expensive: 4, TooExpensive: 5, Weight: -1}}, PSMOptions{}, ErrInvalidAnswer},
		{"intent off the scale", []Respondent{{TooCheap: 1, Cheap: 2, Expensive: 4, TooExpensive: 5, IntentCheap: 6}}, PSMOptions{}, ErrInvalidAnswer},
		{"calibration as percentages", good, PSMOptions{Calibration: []float64{0, 10, 30, 50, 70}}, ErrInvalidOption},
		{"unknown range", good, PSMOptions{Range: 7}, ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := VanWestendorp(tt.rs, tt.opt); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

// TestVanWestendorpPublished checks the survey of pricesensitivitymeter's
// vignette "Interpolation in Small Samples" (version 1.3.3; the data are
// the vignette's recipe, set.seed(1976), regenerated by
// testdata/psm_vignette.R). The vignette publishes the indifference price
// point where the "expensive" curve passes the "cheap" curve inside the price
// step between 14.25 and 15.13: 14.91, which Linear gives. The step
// points are what the package's rule (first price where the rising curve
// reaches the falling one, R's ecdf) gives in R 4.2.2.
func TestVanWestendorpPublished(t *testing.T) {
	f, err := os.Open("testdata/psm_vignette.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, err := ReadRespondentsCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	type points struct {
		OPP, IPP, PMC, PME   float64
		Respondents, Dropped int
	}
	for _, tc := range []struct {
		opt  PSMOptions
		want points
	}{
		{PSMOptions{}, points{10.14, 15.13, 9.56, 18.77, 46, 4}},
		{PSMOptions{ECDF: ForcedMinECDF}, points{10.14, 15.13, 9.56, 18.77, 46, 4}},
		{PSMOptions{Crossing: Linear}, points{10.14, 14.91, 9.56, 18.74, 46, 4}},
	} {
		p, err := VanWestendorp(rs, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		got := points{p.OPP, p.IPP, p.PMC, p.PME, p.Respondents, p.Inconsistent}
		if diff := cmp.Diff(tc.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%+v (-want +got):\n%s", tc.opt, diff)
		}
	}
}
