package strategy

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/target"
)

// floats reads little-endian float64s from b.
func floats(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

func floatBytes(xs ...float64) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return b
}

// isOurs reports whether err wraps one of the package's sentinels and
// carries the prefix once.
func isOurs(err error) bool {
	for _, s := range []error{ErrInvalidAmount, ErrOverflow, ErrInvalidProbability, ErrInvalidSeries, ErrInvalidInitiative,
		ErrInvalidOption, ErrNeedSource, ErrInfeasible, ErrNoFit, ErrInvalidBasket, ErrSyntax, ErrTooLarge} {
		if errors.Is(err, s) {
			return strings.Count(err.Error(), "strategy: ") == 1
		}
	}
	return false
}

func FuzzReadBasketsCSV(f *testing.F) {
	f.Add("customer,product\nc1,bolt\nc1,nut\nc2,bolt\n")
	f.Add("Order,SKU,qty\no1,a,1\no1,a,2\n")
	f.Add("customer,product\n\"c1\",\"a,b\"\n,x\n")
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ReadBasketsCSV(strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			if !isOurs(err) || !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		if len(b.IDs) != len(b.Items) {
			t.Fatalf("%d IDs, %d baskets", len(b.IDs), len(b.Items))
		}
		var sb strings.Builder
		if err := b.WriteCSV(&sb); err != nil {
			t.Fatal(err)
		}
		back, err := ReadBasketsCSV(strings.NewReader(sb.String()))
		if err != nil {
			t.Fatalf("rereading %q: %v", sb.String(), err)
		}
		if len(back.IDs) != len(b.IDs) {
			t.Fatalf("round trip: %d baskets, then %d", len(b.IDs), len(back.IDs))
		}
		for i := range b.Items {
			if strings.Join(b.Items[i], "\x00") != strings.Join(back.Items[i], "\x00") || b.IDs[i] != back.IDs[i] {
				t.Fatalf("basket %d: %q %q, then %q %q", i, b.IDs[i], b.Items[i], back.IDs[i], back.Items[i])
			}
		}
		if len(b.Items) > 0 && len(b.Items) < 200 {
			if _, err := AssociationRules(b.Items, RuleOptions{MinSupport: 0.2, MaxItems: 4}); err != nil && !isOurs(err) {
				t.Fatalf("rules: %v", err)
			}
		}
	})
}

func FuzzAssociationRules(f *testing.F) {
	f.Add("ab,abc,bc,c,,aab", 0.2, 0.5, uint8(0))
	f.Add("abcdef,abcdef,abc", 0.5, 1.0, uint8(3))
	f.Fuzz(func(t *testing.T, spec string, sup, conf float64, o uint8) {
		var baskets [][]string
		for _, b := range strings.Split(spec, ",") {
			var items []string
			for _, r := range b {
				items = append(items, string(r))
			}
			baskets = append(baskets, items)
		}
		if len(baskets) > 100 {
			return
		}
		opt := RuleOptions{MinSupport: sup, MinConfidence: conf, MaxItems: int(o % 5), OneConsequent: o&8 != 0}
		if opt.MaxItems == 0 {
			opt.MaxItems = 6 // keep the fuzzer's itemsets small
		}
		rules, err := AssociationRules(baskets, opt)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		for _, r := range rules {
			for _, x := range []float64{r.Support, r.Confidence, r.Lift, r.Leverage, r.Conviction} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("rule %v: non-finite measure %+v", r, r)
				}
			}
			if r.Confidence < conf || r.Support < sup-1e-9 || r.Confidence > 1+1e-12 {
				t.Fatalf("rule %v below the thresholds: %+v", r, r)
			}
		}
	})
}

func FuzzFitBass(f *testing.F) {
	f.Add(floatBytes(Bass{P: 0.03, Q: 0.38, M: 1000}.Forecast(1, 10)...))
	f.Add(floatBytes(1, 0, 0, 5, math.NaN()))
	f.Add(floatBytes(1e300, 1e300, 1e-300, 3))
	f.Fuzz(func(t *testing.T, b []byte) {
		s := floats(b)
		if len(s) > 200 {
			return
		}
		fit, err := FitBassDetail(s)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		if fit.Validate() != nil {
			t.Fatalf("fit %+v is not a valid model", fit.Bass)
		}
		for _, x := range []float64{fit.SSE, fit.R2, fit.SE.P, fit.SE.Q, fit.SE.M} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("non-finite diagnostic in %+v", fit)
			}
		}
		if _, err := DetectStage(s, StageOptions{Rule: BassRule}); err != nil && !isOurs(err) {
			t.Fatal(err)
		}
	})
}

func FuzzTrendAndStage(f *testing.F) {
	f.Add(floatBytes(10, 12, 15, 15, 18, 20, 19, 22, 25), uint8(0), 0.9)
	f.Add(floatBytes(1, 0, 1e15, -3), uint8(1), 0.5)
	f.Fuzz(func(t *testing.T, b []byte, kind uint8, level float64) {
		s := floats(b)
		if len(s) > 500 {
			return
		}
		h := make([]decimal.Decimal, 0, len(s))
		for _, x := range s {
			if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e15 {
				return
			}
			h = append(h, decimal.NewFromFloat(x).Round(2))
		}
		bl, err := TrendBaseline(h, TrendKind(kind%3), level)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
		} else {
			var tgt [12]decimal.Decimal
			if _, err := PlanningGap(tgt, bl); err != nil && !isOurs(err) {
				t.Fatal(err)
			}
		}
		r, err := DetectStage(s, StageOptions{Window: int(kind%4) + 1})
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		if !r.Stage.Valid() || math.IsNaN(r.Growth) || math.IsInf(r.Growth, 0) {
			t.Fatalf("%+v", r)
		}
	})
}

func FuzzEvaluate(f *testing.F) {
	f.Add(floatBytes(100, 0.5, 10, 50, 0.4, 5), "120", uint8(0))
	f.Add(floatBytes(1e17, 1, 0, 1e17, 1, 0), "-5", uint8(0xff))
	f.Fuzz(func(t *testing.T, b []byte, gap string, o uint8) {
		v := floats(b)
		g, err := decimal.NewFromString(gap)
		if err != nil || len(v) > 3*14 {
			return
		}
		var inits []Initiative
		for i := 0; i+3 <= len(v); i += 3 {
			if math.IsNaN(v[i]) || math.IsInf(v[i], 0) || math.IsNaN(v[i+2]) || math.IsInf(v[i+2], 0) {
				return
			}
			in := Initiative{Name: string(rune('A' + i/3)), Revenue: decimal.NewFromFloat(v[i]).Round(2),
				Probability: v[i+1], Cost: decimal.NewFromFloat(v[i+2]).Round(2), Start: target.Month(1 + int(o)%12),
				Quadrant: Quadrant(o % 5)}
			if o&16 != 0 && i > 0 {
				in.DependsOn = "A"
			}
			inits = append(inits, in)
		}
		var gp Gap
		gp.Gap[0] = g
		pf, err := Evaluate(gp, inits, PortfolioOptions{MaxOutcomes: 4096})
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		if math.IsNaN(pf.PClose) || pf.PClose < 0 || pf.PClose > 1 || math.IsNaN(pf.Variance) || math.IsInf(pf.Coverage, 0) {
			t.Fatalf("%+v", pf)
		}
		if len(inits) <= 8 {
			if _, err := Select(g, inits, 0.5, SelectOptions{}); err != nil && !isOurs(err) {
				t.Fatal(err)
			}
		}
	})
}

func FuzzExpandAndTarget(f *testing.F) {
	f.Add(floatBytes(8, 0.6, 0.5, 180000, 400, 0.02, 0.1, 60000), "1200000.01")
	f.Add(floatBytes(-1, 2, math.NaN(), -5), "-3")
	f.Fuzz(func(t *testing.T, b []byte, annual string) {
		v := floats(b)
		var layers []Layer
		for i := 0; i+4 <= len(v) && len(layers) < 8; i += 4 {
			if math.IsNaN(v[i+3]) || math.IsInf(v[i+3], 0) || math.Abs(v[i+3]) > 1e15 || math.IsNaN(v[i]) || math.Abs(v[i]) > 2e9 {
				return
			}
			layers = append(layers, Layer{Kind: LayerKind(i / 4 % 5), Potential: int(v[i]), Referral: v[i+1], Conversion: v[i+2],
				Revenue: decimal.NewFromFloat(v[i+3]).Round(2)})
		}
		e, err := Expand(layers)
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
		} else if math.IsNaN(e.StdDev) || math.IsInf(e.Expected, 0) || e.Revenue.IsNegative() {
			t.Fatalf("%+v", e)
		}
		a, err := decimal.NewFromString(annual)
		if err != nil {
			return
		}
		m, err := MonthlyTarget(a, target.Profile{})
		if err != nil {
			if !isOurs(err) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		var s decimal.Decimal
		for _, x := range m {
			s = s.Add(x)
		}
		if !s.Equal(a) {
			t.Fatalf("months %v sum to %v, not %v", m, s, a)
		}
	})
}
