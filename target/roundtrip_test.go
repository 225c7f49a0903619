package target

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// randomLinkedSpec is randomSpec with revenue-linked collection, expense
// and profit, a caller-defined derivation, rates by node and a calendar
// with holidays and a weekend of its own.
func randomLinkedSpec(r *rand.Rand) Spec {
	s := randomSpec(r, dec("8765432.10"))
	nodes := s.Tree.Nodes()
	pick := func() string { return nodes[r.IntN(len(nodes))].ID }
	s.Collection = &CollectionRule{
		Terms:   []decimal.Decimal{dec("0.3"), dec("0.5"), dec("0.2")},
		Opening: map[string]decimal.Decimal{pick(): dec("12345.67")},
	}
	if r.IntN(2) == 0 {
		s.Collection.OpeningTerms = []decimal.Decimal{dec("2"), dec("1")}
	}
	s.ExpenseRatio = &Rates{Default: dec("0.18"), ByNode: map[string]decimal.Decimal{pick(): dec("0.25")}}
	s.GrossMargin = &Rates{Default: dec("0.32"), ByNode: map[string]decimal.Decimal{pick(): dec("0.27")}}
	s.Derived = []Derivation{{Metric: "contribution", Terms: []Term{
		{Metric: Profit}, {Metric: "visits", Rate: &Rates{Default: dec("-0.015")}, Negate: true}}}}
	s.LowerIsBetter = []Metric{Expense, "visits"}
	s.Calendar.Weekend = []time.Weekday{time.Friday, time.Saturday}
	s.Calendar.Holidays = []time.Time{s.Calendar.Start().AddDate(0, 2, 3)}
	s.Calendar.ExtraWorkdays = []time.Time{s.Calendar.Start().AddDate(0, 4, 1)}
	return s
}

// randomLock applies one random lock of revenue or visits and returns what
// it was, for the same lock on another plan.
type lockCall struct {
	node   string
	metric Metric
	per    Period
	amount decimal.Decimal
}

func randomLockCall(r *rand.Rand, p *Plan) lockCall {
	nodes := p.tree.nodes
	n := nodes[r.IntN(len(nodes))]
	m := []Metric{Revenue, "visits"}[r.IntN(2)]
	per := []Period{FY, M1, M5, M12, Q3, H2}[r.IntN(6)]
	cur, _ := p.Amount(n.ID, m, per)
	return lockCall{n.ID, m, per, cur.Add(decimal.New(r.Int64N(200001)-100000, -2))}
}

// TestJSONRoundTripBehaves: a JSON round trip of a random linked plan with
// random locks gives an equal plan, and the same further lock gives equal
// plans again (or the same refusal): the derivations and locks came back.
func TestJSONRoundTripBehaves(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for k := range 60 {
		p := MustNewPlan(randomLinkedSpec(r))
		for range 1 + r.IntN(4) {
			l := randomLockCall(r, p)
			_ = p.Lock(l.node, l.metric, l.per, l.amount) // a refused lock leaves the plan as it was
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ReadJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("case %d: ReadJSON(MarshalJSON()) error: %v", k, err)
		}
		if !q.Equal(p) {
			t.Fatalf("case %d: JSON round trip changed the plan", k)
		}
		var u Plan
		if err := json.Unmarshal(b, &u); err != nil || !u.Equal(p) {
			t.Fatalf("case %d: UnmarshalJSON = %v, equal %v", k, err, u.Equal(p))
		}
		if _, err := q.Amount(q.tree.Root(), "contribution", FY); err != nil {
			t.Fatal(err)
		}
		if err := q.Lock(q.tree.Root(), Expense, FY, dec("1")); !errors.Is(err, ErrDerivedMetric) {
			t.Fatalf("case %d: locking a derived metric of the read-back plan: %v, want ErrDerivedMetric", k, err)
		}
		for range 3 {
			l := randomLockCall(r, p)
			errP := p.Lock(l.node, l.metric, l.per, l.amount)
			errQ := q.Lock(l.node, l.metric, l.per, l.amount)
			if (errP == nil) != (errQ == nil) || (errP != nil && errP.Error() != errQ.Error()) {
				t.Fatalf("case %d: lock %+v: original %v, read back %v", k, l, errP, errQ)
			}
			if !q.Equal(p) {
				t.Fatalf("case %d: after lock %+v the read-back plan differs", k, l)
			}
			if mm := q.Check(); mm != nil {
				t.Fatalf("case %d: read-back plan incoherent after a lock: %v", k, mm[0])
			}
		}
		if info, ok := q.Metric(Expense); !ok || info.Derived == nil || !info.LowerIsBetter {
			t.Fatalf("case %d: Metric(expense) = %+v, %v", k, info, ok)
		}
	}
}

// TestReadJSONVersion1 reads a file of the first version (no "version",
// no derivations): the amounts come back, the metrics are plain.
func TestReadJSONVersion1(t *testing.T) {
	v1 := `{"calendar":{"startYear":2027,"firstMonth":1},"unit":"1","metrics":["revenue"],` +
		`"periods":["2027-01","2027-02","2027-03","2027-04","2027-05","2027-06","2027-07","2027-08","2027-09","2027-10","2027-11","2027-12","Q1","Q2","Q3","Q4","H1","H2","FY"],` +
		`"nodes":[{"id":"CO","level":"company","amounts":{"revenue":["1","1","1","1","1","1","1","1","1","1","1","1","3","3","3","3","6","6","12"]}}]}`
	p, err := ReadJSON(bytes.NewReader([]byte(v1)))
	if err != nil {
		t.Fatal(err)
	}
	if fy, _ := p.Amount("CO", Revenue, FY); !fy.Equal(dec("12")) {
		t.Errorf("FY = %s, want 12", fy)
	}
	if _, err := ReadJSON(bytes.NewReader([]byte(`{"version":3}`))); !errors.Is(err, ErrSyntax) {
		t.Errorf("version 3: error = %v, want ErrSyntax", err)
	}
}

// TestSpanLockDeterministic locks a quarter on many clones of one plan:
// every clone must come out the same (the months of the span used to be
// rebalanced in a map's random order).
func TestSpanLockDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 44))
	for k := range 20 {
		p := MustNewPlan(randomLinkedSpec(r))
		l := randomLockCall(r, p)
		l.per = Q3
		first := p.Clone()
		errFirst := first.Lock(l.node, l.metric, l.per, l.amount)
		for range 15 {
			q := p.Clone()
			err := q.Lock(l.node, l.metric, l.per, l.amount)
			if (err == nil) != (errFirst == nil) || !q.Equal(first) {
				t.Fatalf("case %d: the same quarter lock gave different plans (%v, %v)", k, errFirst, err)
			}
		}
	}
}

// TestCSVRoundTripBehaves: a CSV round trip of a random linked plan with
// random locks and names gives an equal plan that behaves the same under a
// further lock: the columns carry the cells, names and locks, the rules line
// the derivations, calendar and opening receivables.
func TestCSVRoundTripBehaves(t *testing.T) {
	r := rand.New(rand.NewPCG(45, 46))
	for k := range 60 {
		p := randomLockedPlan(r, k, "Name")
		var buf bytes.Buffer
		if err := p.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		if hasRules := bytes.HasPrefix(buf.Bytes(), []byte(`"`+rulesPrefix)); hasRules != (k%3 != 0) {
			t.Fatalf("case %d: rules line written %v", k, hasRules)
		}
		q, err := ReadCSV(&buf, decimal.Zero)
		if err != nil {
			t.Fatalf("case %d: ReadCSV(WriteCSV()) error: %v", k, err)
		}
		if !q.Equal(p) {
			t.Fatalf("case %d: CSV round trip changed the plan", k)
		}
		sameUnderLocks(t, r, k, p, q)
	}
}

// randomLockedPlan is the plan of case k of the CSV round-trip tests: a
// random plan, every third without rules (so without a rules row), the
// names of half its nodes "prefix, "quoted" ID", and one to four random
// locks.
func randomLockedPlan(r *rand.Rand, k int, prefix string) *Plan {
	var s Spec
	if k%3 == 0 {
		s = randomSpec(r, dec("-4567891.23"))
	} else {
		s = randomLinkedSpec(r)
	}
	rows := s.Tree.Nodes()
	for i := range rows {
		if r.IntN(2) == 0 {
			rows[i].Name = prefix + ", \"quoted\" " + rows[i].ID
		}
	}
	s.Tree = MustNewTree(rows)
	p := MustNewPlan(s)
	for range 1 + r.IntN(4) {
		l := randomLockCall(r, p)
		_ = p.Lock(l.node, l.metric, l.per, l.amount)
	}
	return p
}

// sameUnderLocks applies the same three random locks to p and q, a plan
// read back from p, and fails case k unless both accept or refuse each
// alike and stay equal: the derivations and locks came back.
func sameUnderLocks(t *testing.T, r *rand.Rand, k int, p, q *Plan) {
	t.Helper()
	for range 3 {
		l := randomLockCall(r, p)
		errP := p.Lock(l.node, l.metric, l.per, l.amount)
		errQ := q.Lock(l.node, l.metric, l.per, l.amount)
		if (errP == nil) != (errQ == nil) || !q.Equal(p) {
			t.Fatalf("case %d: lock %+v: original %v, read back %v, equal %v", k, l, errP, errQ, q.Equal(p))
		}
	}
}

func TestReadCSVRulesLineErrors(t *testing.T) {
	body := "path,level,metric,period,amount\nCO,company,revenue,2027-01,1\n"
	for _, tt := range []struct {
		rules string
		want  error
	}{
		{`#plan {"version":2,`, ErrSyntax},
		{`#plan {"version":9,"calendar":{"startYear":2027,"firstMonth":1}}`, ErrSyntax},
		{`#plan {"version":2,"calendar":{"startYear":2026,"firstMonth":1}}`, ErrInvalidCalendar},
		{`#plan {"version":2,"calendar":{"startYear":2027,"firstMonth":1},"derived":[{"metric":"x","terms":[{"metric":"nothing"}]}]}`, ErrUnknownMetric},
	} {
		_, err := ReadCSV(strings.NewReader(tt.rules+"\n"+body), decimal.Zero)
		var pe *ParseError
		if !errors.Is(err, tt.want) || !errors.As(err, &pe) || pe.Line != 1 {
			t.Errorf("ReadCSV(%q) error = %v, want a line-1 ParseError wrapping %v", tt.rules, err, tt.want)
		}
	}
	// Lines of the cells count the rules line.
	_, err := ReadCSV(strings.NewReader(`#plan {"version":2,"calendar":{"startYear":2027,"firstMonth":1}}`+"\n"+body+"CO,company,revenue,2027-02,x\n"), decimal.Zero)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 4 {
		t.Errorf("bad amount after a rules line: error = %v, want line 4", err)
	}
}

// TestSetDerives: a hand edit of an input re-derives the derived metrics;
// a derived metric cannot be set.
func TestSetDerives(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
		Targets:      []Target{{Metric: Revenue, Annual: dec("1200")}},
		ExpenseRatio: &Rates{Default: dec("0.5")}})
	if err := p.Set("A", Revenue, FY, dec("2000")); err != nil {
		t.Fatal(err)
	}
	if e, _ := p.Amount("A", Expense, FY); !e.Equal(dec("1000")) {
		t.Errorf("expense after setting revenue = %s, want 1000", e)
	}
	if err := p.Set("A", Expense, FY, dec("1")); !errors.Is(err, ErrDerivedMetric) {
		t.Errorf("Set(expense) = %v, want ErrDerivedMetric", err)
	}
}

// TestReadCSVRulesLinePadded reads a file a spreadsheet saved again: the
// rules cell alone in a row padded with empty cells.
func TestReadCSVRulesLinePadded(t *testing.T) {
	p := MustNewPlan(randomLinkedSpec(rand.New(rand.NewPCG(47, 48))))
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(buf.String(), "\n")
	q, err := ReadCSV(strings.NewReader(first+",,,,,,\r\n"+rest), decimal.Zero)
	if err != nil || !q.Equal(p) {
		t.Fatalf("padded rules row: %v, equal %v", err, err == nil && q.Equal(p))
	}
}

// TestPlanOwnsItsRules: editing the Rates a plan was built from changes
// neither the plan's rules nor what it writes.
func TestPlanOwnsItsRules(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	rates := &Rates{Default: dec("0.2"), ByNode: map[string]decimal.Decimal{"A": dec("0.3")}}
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
		Targets: []Target{{Metric: Revenue, Annual: dec("1000")}}, ExpenseRatio: rates})
	before, _ := json.Marshal(p)
	rates.ByNode["A"] = dec("0.9")
	rates.Default = dec("0.5")
	after, _ := json.Marshal(p)
	if !bytes.Equal(before, after) {
		t.Error("editing the spec's Rates changed the plan's JSON")
	}
	info, _ := p.Metric(Expense)
	info.Derived.Terms[0].Rate.ByNode["A"] = dec("0.7")
	if again, _ := json.Marshal(p); !bytes.Equal(before, again) {
		t.Error("editing Plan.Metric's rule changed the plan")
	}
}
