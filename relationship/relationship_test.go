package relationship

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func costs(xs ...string) Costs {
	var c Costs
	for k, x := range xs {
		c[k] = d(x)
	}
	return c
}

func TestDecide(t *testing.T) {
	base := costs("2000", "5000", "3000", "4000", "1000") // 15,000
	tank, _ := CaseProfiles()[0].Lever(d("6000"), d("2500"))
	service := Lever{Name: "service", Kind: ExcellentService, Raises: costs("0", "0", "0", "3000", "0"), Cost: d("1200")}
	contract := Lever{Name: "contract", Kind: ExitBarriers, Raises: costs("0", "0", "0", "0", "4000"), Cost: d("1000")}
	levers := []Lever{tank, service, contract}
	tests := []struct {
		name      string
		advantage string
		want      Decision
	}{
		{"rival below our switching cost", "12000", Decision{SwitchingCost: d("15000"), Advantage: d("12000"), Margin: d("3000"),
			MaxPremium: d("3000"), RestoreCost: d("0")}},
		{"equal: the rival does not win", "15000", Decision{SwitchingCost: d("15000"), Advantage: d("15000"), Margin: d("0"),
			MaxPremium: d("0"), RestoreCost: d("0")}},
		{"rival ahead by 2,500: the contract is cheapest", "17500", Decision{SwitchingCost: d("15000"), Advantage: d("17500"), Margin: d("-2500"),
			Switches: true, MaxPremium: d("0"), Restore: []int{2}, Restorable: true, RestoreCost: d("1000")}},
		{"ahead by 6,500: contract and service", "21500", Decision{SwitchingCost: d("15000"), Advantage: d("21500"), Margin: d("-6500"),
			Switches: true, MaxPremium: d("0"), Restore: []int{1, 2}, Restorable: true, RestoreCost: d("2200")}},
		{"ahead by 9,000: the tank and the contract", "24000", Decision{SwitchingCost: d("15000"), Advantage: d("24000"), Margin: d("-9000"),
			Switches: true, MaxPremium: d("0"), Restore: []int{0, 2}, Restorable: true, RestoreCost: d("3500")}},
		{"ahead by 20,000: nothing suffices", "35000", Decision{SwitchingCost: d("15000"), Advantage: d("35000"), Margin: d("-20000"),
			Switches: true, MaxPremium: d("0"), RestoreCost: d("0")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decide(base, d(tt.advantage), levers)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Decide mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDecideLeastCost checks the search against brute force on random
// lever sets.
func TestDecideLeastCost(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		n := 1 + r.IntN(8)
		levers := make([]Lever, n)
		for k := range levers {
			levers[k].Raises[r.IntN(NumCostTypes)] = decimal.New(r.Int64N(50), 2)
			levers[k].Cost = decimal.New(r.Int64N(20), 2)
		}
		adv := decimal.New(r.Int64N(150), 2)
		got, err := Decide(Costs{}, adv, levers)
		if err != nil {
			t.Fatal(err)
		}
		need := adv.IntPart()
		bestCost, found := int64(math.MaxInt64), false
		for mask := 1; mask < 1<<n; mask++ {
			var e, c int64
			for k := range n {
				if mask&(1<<k) != 0 {
					x, _ := levers[k].Effect()
					e += x.IntPart()
					c += levers[k].Cost.IntPart()
				}
			}
			if e >= need && c < bestCost {
				bestCost, found = c, true
			}
		}
		if need == 0 {
			if got.Switches {
				t.Fatalf("no advantage but switches")
			}
			continue
		}
		if got.Restorable != found || (found && got.RestoreCost.IntPart() != bestCost) {
			t.Fatalf("levers %v, advantage %s: got %v %s, brute force %v %d", levers, adv, got.Restorable, got.RestoreCost, found, bestCost)
		}
	}
}

// TestMarginMonotone: raising any switching-cost type never lowers the
// retention margin.
func TestMarginMonotone(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		var c Costs
		for k := range c {
			c[k] = decimal.New(r.Int64N(1_000_000), -2)
		}
		adv := decimal.New(r.Int64N(5_000_000)-1_000_000, -2)
		before, err := Decide(c, adv, nil)
		if err != nil {
			t.Fatal(err)
		}
		k := r.IntN(NumCostTypes)
		c[k] = c[k].Add(decimal.New(r.Int64N(100_000), -2))
		after, err := Decide(c, adv, nil)
		if err != nil {
			t.Fatal(err)
		}
		if after.Margin.LessThan(before.Margin) || (!before.Switches && after.Switches) {
			t.Fatalf("raising %s lowered the margin: %s → %s", CostType(k), before.Margin, after.Margin)
		}
	}
}

func TestDecideErrors(t *testing.T) {
	tests := []struct {
		name   string
		c      Costs
		adv    string
		levers []Lever
		want   error
	}{
		{"negative cost", costs("-1"), "0", nil, ErrInvalidAmount},
		{"fractional cent", costs("0.001"), "0", nil, ErrInvalidAmount},
		{"beyond the bound", costs("9000000000000000", "9000000000000000"), "0", nil, ErrOverflow},
		{"advantage fraction of a cent", Costs{}, "0.005", nil, ErrInvalidAmount},
		{"negative lever cost", Costs{}, "1", []Lever{{Cost: d("-5")}}, ErrInvalidAmount},
		{"too many levers", Costs{}, "1", make([]Lever, MaxLevers+1), ErrTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decide(tt.c, d(tt.adv), tt.levers)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if strings.Count(err.Error(), "relationship: ") != 1 || !strings.HasPrefix(err.Error(), "relationship: ") {
				t.Errorf("prefix: %q", err)
			}
		})
	}
}

func TestProfilesAndCategories(t *testing.T) {
	for _, p := range CaseProfiles() {
		l, err := p.Lever(d("1000.01"), d("300"))
		if err != nil {
			t.Fatal(err)
		}
		if e, _ := l.Effect(); !e.Equal(d("1000.01")) {
			t.Errorf("%s: effect %s, want the whole rise", p.Name, e)
		}
		if ret, ok := l.Return(); !ok || math.Abs(ret-1000.01/300) > 1e-12 {
			t.Errorf("%s: return %v %v", p.Name, ret, ok)
		}
	}
	if _, err := (Profile{Name: "pct", Weights: [NumCostTypes]float64{50, 50}}).Lever(d("1"), d("1")); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("percentages as weights: %v", err)
	}
	cat, err := costs("10", "20.01", "30", "40.03", "50.01").ByCategory()
	if err != nil {
		t.Fatal(err)
	}
	// Procedural: search 10 + trial 20.01 + learning 30; financial: legal
	// 50.01; relational: relationship 40.03.
	want := [3]decimal.Decimal{d("60.01"), d("50.01"), d("40.03")}
	for k := range want {
		if !cat[k].Equal(want[k]) {
			t.Errorf("%s = %s, want %s", Category(k), cat[k], want[k])
		}
	}
	for ty := range CostType(NumCostTypes) {
		back, err := ParseCostType(strings.ToUpper(ty.String()))
		if err != nil || back != ty {
			t.Errorf("ParseCostType(%s) = %v, %v", ty, back, err)
		}
	}
}

func TestRatingScale(t *testing.T) {
	s := RatingScale{Min: 1, Max: 5, PerPoint: costs("1000", "2000", "500", "800", "3000")}
	c, err := s.Costs([NumCostTypes]int{1, 3, 5, 2, 4})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(costs("0", "4000", "2000", "800", "9000"), c); diff != "" {
		t.Error(diff)
	}
	if _, err := s.Costs([NumCostTypes]int{0, 1, 1, 1, 1}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("off the scale: %v", err)
	}
	if _, err := (RatingScale{}).Costs([NumCostTypes]int{}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("zero scale: %v", err)
	}
}

func TestWallet(t *testing.T) {
	for n := 1; n <= 30; n++ {
		sum := 0.0
		prev := math.Inf(1)
		for r := 1; r <= n; r++ {
			s, err := WalletShare(r, n)
			if err != nil {
				t.Fatal(err)
			}
			if s >= prev {
				t.Errorf("n=%d: rank %d share %v not below rank %d", n, r, s, r-1)
			}
			prev = s
			sum += s
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("n=%d: shares sum to %v", n, sum)
		}
	}
	// Keiningham et al.'s illustration: with two brands the first gets
	// 2/3 and the second 1/3.
	if s, _ := WalletShare(1, 2); math.Abs(s-2.0/3) > 1e-15 {
		t.Errorf("rank 1 of 2: %v", s)
	}
	for _, c := range [][2]int{{0, 3}, {4, 3}, {1, 0}} {
		if _, err := WalletShare(c[0], c[1]); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("WalletShare%v: %v", c, err)
		}
	}
	g, err := CompareWallet(d("300000"), d("1000000"), 1, 3)
	if err != nil || math.Abs(g.Expected-0.5) > 1e-15 || math.Abs(g.Gap+0.2) > 1e-12 {
		t.Errorf("CompareWallet = %+v, %v", g, err)
	}
	for _, c := range [][2]string{{"2", "1"}, {"-1", "5"}, {"1", "0"}, {"0.001", "1"}} {
		if _, err := ShareOfWallet(d(c[0]), d(c[1])); !errors.Is(err, ErrInvalidAmount) {
			t.Errorf("ShareOfWallet%v: %v", c, err)
		}
	}
}

func TestScorecard(t *testing.T) {
	s := DefaultScorecard()
	tests := []struct {
		name   string
		sc     Scores
		grade  Grade
		failed []Dimension
	}{
		{"all 90", Scores{90, 90, 90, 90, 90, 90, 90}, GradeA, nil},
		{"all 75", Scores{75, 75, 75, 75, 75, 75, 75}, GradeB, nil},
		{"all 60", Scores{60, 60, 60, 60, 60, 60, 60}, GradeC, nil},
		{"all 50", Scores{50, 59.9, 50, 50, 50, 50, 50}, GradeD, []Dimension{Quality}},
		{"excellent but unsafe", Scores{100, 100, 100, 100, 100, 100, 49}, GradeD, []Dimension{Safety}},
	}
	for _, tt := range tests {
		r, err := s.Rate(tt.sc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Grade != tt.grade || !cmp.Equal(r.Failed, tt.failed) {
			t.Errorf("%s: grade %s failed %v, want %s %v", tt.name, r.Grade, r.Failed, tt.grade, tt.failed)
		}
	}
	bad := []Scorecard{{}, {Weights: [NumDimensions]float64{25, 25, 25, 25}}, func() Scorecard { c := DefaultScorecard(); c.Cuts = [3]float64{50, 70, 85}; return c }()}
	for _, b := range bad {
		if _, err := b.Rate(Scores{}); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("scorecard %+v: %v", b, err)
		}
	}
	if _, err := s.Rate(Scores{math.NaN()}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("NaN score: %v", err)
	}
	tr, err := s.Trend(Scores{80, 80, 80, 80, 80, 80, 80}, Scores{85, 80, 70, 80, 80, 80, 80})
	if err != nil || !cmp.Equal(tr.Improved, []Dimension{Technology}) || !cmp.Equal(tr.Worsened, []Dimension{Response}) || tr.Change[Response] != -10 {
		t.Errorf("Trend = %+v, %v", tr, err)
	}
	w, _ := s.Warnings(Scores{90, 90, 90, 65, 90, 90, 90})
	var names []string
	for _, x := range w {
		names = append(names, x.Name)
	}
	if diff := cmp.Diff([]string{"late or short deliveries", "a new buyer reviews the supplier base"}, names); diff != "" {
		t.Error(diff)
	}
}

// TestGateAlwaysFails: a failed gate fails the grade whatever the others.
func TestGateAlwaysFails(t *testing.T) {
	s := DefaultScorecard()
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		var sc Scores
		for k := range sc {
			sc[k] = 100 * r.Float64()
		}
		dim := []Dimension{Quality, Safety}[r.IntN(2)]
		sc[dim] = s.Gates[dim] * r.Float64() * 0.999
		got, err := s.Rate(sc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Grade != GradeD {
			t.Fatalf("%v below the %s gate graded %s", sc, dim, got.Grade)
		}
	}
}

// FuzzParseNames feeds any text to the name readers of the enumerations:
// each either refuses it with ErrInvalidOption or reads a value that
// writes back to a name reading to the same value.
func FuzzParseNames(f *testing.F) {
	for _, s := range []string{"trial", "Strategic Partner", "核心供应商", "信任", "decision maker", "B", "-", "gift", "exit barriers", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(name string, err error, write func() ([]byte, error), reread func([]byte) (any, error), v any) {
			if err != nil {
				if !errors.Is(err, ErrInvalidOption) {
					t.Fatalf("%s(%q): %v", name, s, err)
				}
				return
			}
			b, err := write()
			if err != nil {
				t.Fatalf("%s(%q) = %v does not write: %v", name, s, v, err)
			}
			back, err := reread(b)
			if err != nil || back != v {
				t.Fatalf("%s: %q → %v → %q → %v, %v", name, s, v, b, back, err)
			}
		}
		var c CostType
		err := c.UnmarshalText([]byte(s))
		check("cost type", err, c.MarshalText, func(b []byte) (any, error) { var x CostType; err := x.UnmarshalText(b); return x, err }, c)
		if ct, err := ParseCostType(s); err == nil && ct != c {
			t.Fatalf("ParseCostType(%q) = %v, UnmarshalText %v", s, ct, c)
		}
		var r Rung
		err = r.UnmarshalText([]byte(s))
		check("rung", err, r.MarshalText, func(b []byte) (any, error) { var x Rung; err := x.UnmarshalText(b); return x, err }, r)
		var st Step
		err = st.UnmarshalText([]byte(s))
		check("step", err, st.MarshalText, func(b []byte) (any, error) { var x Step; err := x.UnmarshalText(b); return x, err }, st)
		var ro Role
		err = ro.UnmarshalText([]byte(s))
		check("role", err, ro.MarshalText, func(b []byte) (any, error) { var x Role; err := x.UnmarshalText(b); return x, err }, ro)
		var g Grade
		err = g.UnmarshalText([]byte(s))
		check("grade", err, g.MarshalText, func(b []byte) (any, error) { var x Grade; err := x.UnmarshalText(b); return x, err }, g)
		var k ActivityKind
		err = k.UnmarshalText([]byte(s))
		check("activity", err, k.MarshalText, func(b []byte) (any, error) { var x ActivityKind; err := x.UnmarshalText(b); return x, err }, k)
		var lk LeverKind
		err = lk.UnmarshalText([]byte(s))
		check("lever", err, lk.MarshalText, func(b []byte) (any, error) { var x LeverKind; err := x.UnmarshalText(b); return x, err }, lk)
		var l Level
		err = l.UnmarshalText([]byte(s))
		check("level", err, l.MarshalText, func(b []byte) (any, error) { var x Level; err := x.UnmarshalText(b); return x, err }, l)
	})
}

// FuzzDecide builds costs, a lever from a profile and an advantage from
// outside data: either a matched error, or a decision whose margin is the
// costs less the advantage and whose levers, when they restore it, do.
func FuzzDecide(f *testing.F) {
	f.Add("15000", "2000.50", "0", "300", "4000", 0.5, 0.5, "9000", "2500", "17500")
	f.Add("-1", "0", "0", "0", "0", 1.0, 0.0, "0", "0", "0")
	f.Add("1e20", "0", "0", "0", "0", 50.0, 50.0, "1", "1", "1")
	f.Fuzz(func(t *testing.T, c0, c1, c2, c3, c4 string, w0, w1 float64, rise, cost, adv string) {
		var c Costs
		for k, s := range []string{c0, c1, c2, c3, c4} {
			v, err := decimal.NewFromString(s)
			if err != nil {
				return
			}
			c[k] = v
		}
		dr, err1 := decimal.NewFromString(rise)
		dc, err2 := decimal.NewFromString(cost)
		da, err3 := decimal.NewFromString(adv)
		if err1 != nil || err2 != nil || err3 != nil {
			return
		}
		matched := func(err error) bool {
			return errors.Is(err, ErrInvalidAmount) || errors.Is(err, ErrInvalidOption) || errors.Is(err, ErrOverflow)
		}
		var levers []Lever
		l, err := Profile{Name: "p", Weights: [NumCostTypes]float64{w0, w1, 1 - w0 - w1}}.Lever(dr, dc)
		if err != nil {
			if !matched(err) {
				t.Fatalf("Lever: %v", err)
			}
		} else {
			if e, err := l.Effect(); err == nil && !e.Equal(dr) {
				t.Fatalf("lever effect %s, rise %s", e, dr)
			}
			levers = append(levers, l)
		}
		d, err := Decide(c, da, levers)
		if err != nil {
			if !matched(err) {
				t.Fatalf("Decide: %v", err)
			}
			return
		}
		total, _ := c.Total()
		if !d.Margin.Equal(total.Sub(da)) || d.Switches != d.Margin.IsNegative() {
			t.Fatalf("margin %s, switches %v for costs %s and advantage %s", d.Margin, d.Switches, total, da)
		}
		if d.Restorable {
			sum := decimal.Zero
			for _, k := range d.Restore {
				e, _ := levers[k].Effect()
				sum = sum.Add(e)
			}
			if sum.LessThan(d.Margin.Neg()) {
				t.Fatalf("levers %v add %s, margin %s", d.Restore, sum, d.Margin)
			}
		}
	})
}
