package target

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// sameAmounts reports whether two plans of the same shape hold the same
// amounts in every cell.
func sameAmounts(p, q *Plan) bool {
	return slices.Equal(p.cells, q.cells) && maps.Equal(p.aggs, q.aggs)
}

// refCheck is Plan.Check of plain rows of 19 periods, as the plan stored
// them before it kept the months only.
func refCheck(p *Plan, rows [][][numPeriods]int64) []Mismatch {
	var out []Mismatch
	t := p.tree
	for i := range t.Len() {
		for mi, m := range p.metrics {
			r := rows[mi][i]
			for per := Q1; per <= FY; per++ {
				first, last := per.Span()
				var s int64
				for _, v := range r[first:last] {
					s += v
				}
				if s != r[per] {
					out = append(out, Mismatch{t.nodes[i].ID, m, per, "months", p.amount(r[per]), p.amount(s)})
				}
			}
			kids := t.kids(i)
			if len(kids) == 0 {
				continue
			}
			for per := M1; per <= FY; per++ {
				var s int64
				for _, c := range kids {
					s += rows[mi][c][per]
				}
				if s != r[per] {
					out = append(out, Mismatch{t.nodes[i].ID, m, per, "children", p.amount(r[per]), p.amount(s)})
				}
			}
		}
	}
	return out
}

// TestSetKeepsEveryOtherCell edits random cells of random plans with Set —
// months, quarters, halves and years — and checks the plan against plain
// rows of 19 periods edited the same way: every amount, every mismatch
// Check reports, and the three file formats reading back the same plan.
// Undoing the edits in reverse gives back the plan as built, with no
// aggregate kept apart from its months.
func TestSetKeepsEveryOtherCell(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 19))
	for k := range 40 {
		p := MustNewPlan(randomSpec(r, decimal.New(r.Int64N(1e9), -2)))
		built := p.Clone()
		n := p.tree.Len()
		rows := make([][][numPeriods]int64, len(p.metrics))
		for mi := range rows {
			rows[mi] = make([][numPeriods]int64, n)
			for i := range n {
				rows[mi][i] = p.row(mi, i)
			}
		}
		type edit struct {
			mi, i    int
			per      Period
			old, new int64
		}
		var edits []edit
		for range 1 + r.IntN(12) {
			e := edit{mi: 0, i: r.IntN(n), per: Period(r.IntN(numPeriods))}
			e.old = rows[e.mi][e.i][e.per]
			e.new = e.old + r.Int64N(2001) - 1000
			if r.IntN(4) == 0 {
				e.new = e.old // writing a cell's own amount changes nothing
			}
			if err := p.Set(p.tree.nodes[e.i].ID, p.metrics[e.mi], e.per, p.amount(e.new)); err != nil {
				t.Fatalf("case %d: Set: %v", k, err)
			}
			rows[e.mi][e.i][e.per] = e.new
			edits = append(edits, e)
		}
		for mi := range rows {
			for i := range n {
				if got := p.row(mi, i); got != rows[mi][i] {
					t.Fatalf("case %d: %s %s: %v, want %v", k, p.tree.nodes[i].ID, p.metrics[mi], got, rows[mi][i])
				}
				for per := M1; per <= FY; per++ {
					if got := p.at(mi, i, per); got != rows[mi][i][per] {
						t.Fatalf("case %d: %s %s %s: %d, want %d", k, p.tree.nodes[i].ID, p.metrics[mi], per, got, rows[mi][i][per])
					}
				}
			}
		}
		if diff := cmp.Diff(refCheck(p, rows), p.Check()); diff != "" {
			t.Fatalf("case %d: Check (-want +got):\n%s", k, diff)
		}
		var long, wide, js bytes.Buffer
		if err := p.WriteCSV(&long); err != nil {
			t.Fatal(err)
		}
		if err := p.WriteWideCSV(&wide, WideCSV{}); err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(&js).Encode(p); err != nil {
			t.Fatal(err)
		}
		for name, read := range map[string]func() (*Plan, error){
			"long": func() (*Plan, error) { return ReadCSV(&long, p.unit.Decimal()) },
			"wide": func() (*Plan, error) { return ReadWideCSV(&wide, p.unit.Decimal()) },
			"json": func() (*Plan, error) { return ReadJSON(&js) },
		} {
			q, err := read()
			if err != nil {
				t.Fatalf("case %d: %s: %v", k, name, err)
			}
			if !q.Equal(p) || !sameAmounts(p, q) {
				t.Fatalf("case %d: the %s file reads back another plan", k, name)
			}
		}
		for _, e := range slices.Backward(edits) {
			if err := p.Set(p.tree.nodes[e.i].ID, p.metrics[e.mi], e.per, p.amount(e.old)); err != nil {
				t.Fatal(err)
			}
		}
		if !p.Equal(built) || len(p.aggs) != 0 || p.Check() != nil {
			t.Fatalf("case %d: undoing the edits leaves %d aggregates apart, %d mismatches", k, len(p.aggs), len(p.Check()))
		}
	}
}

// TestAggregatesGivenBeyondTheirMonths reads a plan whose months, 10^18
// units each, sum beyond int64 while every quarter, half and year is given
// as zero: the aggregates read back as written, and Check reports the true
// sums.
func TestAggregatesGivenBeyondTheirMonths(t *testing.T) {
	var b strings.Builder
	b.WriteString("path,level,metric,period,amount\n")
	big := "1000000000000000000"
	for m := 1; m <= 12; m++ {
		b.WriteString("CO,company,revenue,2027-" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[m-1] + "," + big + "\n")
	}
	for _, l := range []string{"Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY"} {
		b.WriteString("CO,company,revenue," + l + ",0\n")
	}
	p, err := ReadCSV(strings.NewReader(b.String()), decimal.NewFromInt(1))
	if err != nil {
		t.Fatal(err)
	}
	for per := Q1; per <= FY; per++ {
		if a, err := p.Amount("CO", Revenue, per); err != nil || !a.IsZero() {
			t.Fatalf("%s: %s, %v; want 0 as written", per, a, err)
		}
	}
	mm := p.Check()
	if len(mm) != 7 || mm[6].Period != FY || mm[6].Want.String() != "12000000000000000000" {
		t.Fatalf("Check: %v", mm)
	}
}
