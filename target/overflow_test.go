package target

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// nearBound is 9·10^17 units in cents: 9,000,000,000,000,000.00. Twelve
// months of it, summed in int64, wrap around to a negative year.
const nearBound = "9000000000000000.00"

func overflowTree() *Tree {
	return MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}})
}

// flatPlan returns a coherent plan of CO → A, B with every leaf month at
// amount.
func flatPlan(t *testing.T, amount string) *Plan {
	t.Helper()
	p, err := NewPlan(Spec{Tree: overflowTree(), Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec(amount).Mul(decimal.NewFromInt(24))}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadCSVYearBeyondBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("path,level,metric,period,amount\n")
	for k := 1; k <= 12; k++ {
		fmt.Fprintf(&b, "CO,company,revenue,2027-%02d,%s\n", k, nearBound)
	}
	_, err := ReadCSV(strings.NewReader(b.String()), dec("0.01"))
	var ce *CellError
	if !errors.Is(err, ErrOverflow) || !errors.As(err, &ce) || ce.Node != "CO" || ce.Metric != Revenue {
		t.Fatalf("ReadCSV(twelve months of %s) error = %v, want a CellError for CO revenue wrapping ErrOverflow", nearBound, err)
	}
	// With the year written in the file, the file reads; Check reports the
	// true sum of the months, not a wrapped one.
	b.WriteString("CO,company,revenue,FY,1.00\n")
	b.WriteString("CO,company,revenue,Q1,1.00\nCO,company,revenue,Q2,1.00\nCO,company,revenue,Q3,1.00\nCO,company,revenue,Q4,1.00\n")
	b.WriteString("CO,company,revenue,H1,1.00\nCO,company,revenue,H2,1.00\n")
	p, err := ReadCSV(strings.NewReader(b.String()), dec("0.01"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range p.Check() {
		if m.Period == FY && m.Kind == "months" {
			found = true
			if want := dec(nearBound).Mul(decimal.NewFromInt(12)); !m.Want.Equal(want) {
				t.Errorf("Check() FY want = %s, want the exact sum %s", m.Want, want)
			}
		}
	}
	if !found {
		t.Errorf("Check() = %v, want an FY mismatch", p.Check())
	}
}

func TestCheckChildrenBeyondBound(t *testing.T) {
	p := flatPlan(t, "1")
	// Two children of 6·10^17 units in January: their sum, 1.2·10^18, is
	// beyond the bound; the parent holds something else.
	for _, id := range []string{"A", "B"} {
		if err := p.Set(id, Revenue, M1, dec("6000000000000000")); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range p.Check() {
		if m.Node == "CO" && m.Period == M1 && m.Kind == "children" {
			if !m.Want.Equal(dec("12000000000000000")) {
				t.Errorf("Check() CO M01 want = %s, want 12000000000000000", m.Want)
			}
			return
		}
	}
	t.Errorf("Check() = %v, want a children mismatch for CO M01", p.Check())
}

func TestGapsBeyondBound(t *testing.T) {
	p := flatPlan(t, "1")
	_, err := p.Gaps(Revenue, FY, map[string]decimal.Decimal{"A": dec(nearBound), "B": dec(nearBound)})
	var ce *CellError
	if !errors.Is(err, ErrOverflow) || !errors.As(err, &ce) || ce.Node != "CO" {
		t.Errorf("Gaps() error = %v, want a CellError for CO wrapping ErrOverflow", err)
	}
}

func TestActualsBeyondBound(t *testing.T) {
	p := flatPlan(t, "1")
	a := NewActuals(p)
	for _, id := range []string{"A", "B"} {
		if err := a.Set(id, Revenue, M1, dec(nearBound)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := a.Amount("CO", Revenue, M1); !errors.Is(err, ErrOverflow) {
		t.Errorf("Amount(CO) error = %v, want ErrOverflow", err)
	}
	if _, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewReview error = %v, want ErrOverflow from the roll-up", err)
	}
}

func TestReviewYearToDateBeyondBound(t *testing.T) {
	p := flatPlan(t, "1")
	a := NewActuals(p)
	for k := range 12 {
		if err := a.Set("A", Revenue, Period(k), dec(nearBound)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)})
	// The company's year to date (A's actuals rolled up) is the first sum
	// beyond the bound, in depth-first order.
	var ce *CellError
	if !errors.Is(err, ErrOverflow) || !errors.As(err, &ce) || ce.Node != "CO" || ce.Metric != Revenue {
		t.Errorf("NewReview error = %v, want a CellError for CO revenue wrapping ErrOverflow", err)
	}
}

func TestForecastSeasonalBeyondBound(t *testing.T) {
	// A plan of 0.01 a month against an actual of 10^15 in January: the
	// seasonal forecast is 1.2·10^16, beyond 10^18 cents' worth of units
	// only in its extrapolation; it must be that value, not a wrapped one.
	p := flatPlan(t, "0.01")
	a := NewActuals(p)
	if err := a.Set("A", Revenue, M1, dec("1000000000000000")); err != nil {
		t.Fatal(err)
	}
	r, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	g, err := r.Progress("A", Revenue)
	if err != nil {
		t.Fatal(err)
	}
	if want := dec("12000000000000000"); !g.ForecastSeasonal.Valid || !g.ForecastSeasonal.Decimal.Equal(want) {
		t.Errorf("ForecastSeasonal = %v, want %s", g.ForecastSeasonal, want)
	}
	if want := dec("12000000000000000"); !g.ForecastLinear.Decimal.Equal(want) {
		t.Errorf("ForecastLinear = %v, want %s", g.ForecastLinear, want)
	}
}

func TestExpenseRatioBeyondBound(t *testing.T) {
	_, err := NewPlan(Spec{Tree: overflowTree(), Calendar: Calendar{StartYear: 2027},
		Targets:      []Target{{Metric: Revenue, Annual: dec("1000000000000000")}},
		ExpenseRatio: &Rates{Default: dec("1000")}})
	if !errors.Is(err, ErrOverflow) {
		t.Errorf("NewPlan(expense ratio 1000 on 10^15) error = %v, want ErrOverflow", err)
	}
}

// TestLocksNearBound locks cells of random plans at amounts near the bound:
// each lock returns (nothing loops on the amount), and either succeeds with a
// coherent plan whose locks hold or fails with ErrOverflow or
// ErrLockConflict, leaving the plan unchanged.
func TestLocksNearBound(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	big := []string{"9000000000000000", "-9000000000000000", "9999999999999999.99", "-9999999999999999.99", "5000000000000000", "-7777777777777777.77"}
	for trial := range 40 {
		p := MustNewPlan(Spec{Tree: randomTree(r, 3, 4), Calendar: Calendar{StartYear: 2027},
			Targets: []Target{{Metric: Revenue, Annual: dec(big[r.IntN(len(big))])}}})
		ids := p.tree.nodes
		for k := range 9 {
			id := ids[r.IntN(len(ids))].ID
			per := []Period{FY, M1, M7, M12, Q2, H1}[r.IntN(6)]
			amount := dec(big[r.IntN(len(big))])
			before := p.Clone()
			err := p.Lock(id, Revenue, per, amount)
			switch {
			case err == nil:
				if mm := p.Check(); len(mm) > 0 {
					t.Fatalf("trial %d lock %d (%s %s %s): incoherent: %v", trial, k, id, per, amount, mm[0])
				}
				if got, _ := p.Amount(id, Revenue, per); !got.Equal(amount) {
					t.Fatalf("trial %d lock %d: %s %s = %s, want %s", trial, k, id, per, got, amount)
				}
			case errors.Is(err, ErrOverflow) || errors.Is(err, ErrLockConflict):
				if !p.Equal(before) {
					t.Fatalf("trial %d lock %d: refused lock (%v) changed the plan", trial, k, err)
				}
			default:
				t.Fatalf("trial %d lock %d (%s %s %s): unexpected error %v", trial, k, id, per, amount, err)
			}
		}
	}
}

// TestLockLargeAmountIsFast locks a month far beyond a plan that has only
// two non-zero months: the time does not grow with the amount, and no
// month of a sibling turns negative.
func TestLockLargeAmountIsFast(t *testing.T) {
	var prof Profile
	prof[0], prof[1] = 1, 1
	for _, amount := range []string{"1000", "100000000.00", "9000000000000000"} {
		p := MustNewPlan(Spec{Tree: overflowTree(), Calendar: Calendar{StartYear: 2027}, DefaultProfile: prof,
			Targets: []Target{{Metric: Revenue, Annual: dec("10000")}}})
		err := p.Lock("A", Revenue, M3, dec(amount))
		if err != nil {
			if !errors.Is(err, ErrLockConflict) {
				t.Errorf("Lock(A M03 %s) error = %v", amount, err)
			}
			continue
		}
		b, _ := p.Amounts("B", Revenue)
		for k, v := range b[:12] {
			if v.Sign() < 0 {
				t.Errorf("Lock(A M03 %s): B %s = %s, want no negative month", amount, Period(k), v)
			}
		}
		if mm := p.Check(); len(mm) > 0 {
			t.Errorf("Lock(A M03 %s): incoherent: %v", amount, mm[0])
		}
	}
}

// TestPlansNearBound builds random linked plans with totals near the bound
// and expense ratios up to the maximum: each is either coherent and exact
// (the root's revenue is the target, every sum adds up) or refused with
// ErrOverflow — never a plan whose sums wrapped.
func TestPlansNearBound(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	totals := []string{"10000000000000000", "-10000000000000000", "9999999999999999.99", "123456789012345.67"}
	ratios := []string{"0.18", "5", "99.5", "1000"}
	accepted, refused := 0, 0
	for k := range 80 {
		s := randomSpec(r, dec(totals[r.IntN(len(totals))]))
		s.ExpenseRatio = &Rates{Default: dec(ratios[r.IntN(len(ratios))])}
		s.GrossMargin = &Rates{Default: dec("0.3")}
		s.Collection = &CollectionRule{Terms: []decimal.Decimal{dec("0.5"), dec("0.5")},
			Opening: map[string]decimal.Decimal{s.Tree.Root(): dec(totals[r.IntN(len(totals))])}}
		p, err := NewPlan(s)
		if err != nil {
			if !errors.Is(err, ErrOverflow) {
				t.Fatalf("case %d: NewPlan error %v, want nil or ErrOverflow", k, err)
			}
			refused++
			continue
		}
		accepted++
		if mm := p.Check(); mm != nil {
			t.Fatalf("case %d: %d mismatches, first %v", k, len(mm), mm[0])
		}
		if got, _ := p.Amount(s.Tree.Root(), Revenue, FY); !got.Equal(s.Targets[0].Annual) {
			t.Fatalf("case %d: root revenue %s, want %s", k, got, s.Targets[0].Annual)
		}
	}
	if accepted == 0 || refused == 0 {
		t.Errorf("accepted %d, refused %d: want both outcomes exercised", accepted, refused)
	}
}

// TestDerivedOverflowLeavesPlan: a lock or an edit whose derived amounts
// would overflow is refused and leaves the plan exactly as it was.
func TestDerivedOverflowLeavesPlan(t *testing.T) {
	p := MustNewPlan(Spec{Tree: overflowTree(), Calendar: Calendar{StartYear: 2027},
		Targets:      []Target{{Metric: Revenue, Annual: dec("1000")}},
		ExpenseRatio: &Rates{Default: dec("1000")},
		Collection:   &CollectionRule{Terms: []decimal.Decimal{dec("1")}, Opening: map[string]decimal.Decimal{"A": dec("5")}}})
	before := p.Clone()
	if err := p.Lock("A", Revenue, FY, dec("2000000000000000")); !errors.Is(err, ErrOverflow) {
		t.Fatalf("Lock error = %v, want ErrOverflow from the expense ratio", err)
	}
	if !p.Equal(before) {
		t.Error("a refused lock changed the plan")
	}
	if err := p.Set("A", Revenue, FY, dec("2000000000000000")); !errors.Is(err, ErrOverflow) {
		t.Fatalf("Set error = %v, want ErrOverflow", err)
	}
	if !p.Equal(before) {
		t.Error("a refused edit changed the plan")
	}
}
