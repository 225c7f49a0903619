package target

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/shopspring/decimal"
	"testing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
func TestScratch(t *testing.T) {
	tr := MustNewTree([]Node{{ID: "co"}, {ID: "N", Parent: "co", History: []decimal.Decimal{d("100"), d("120")}}, {ID: "S", Parent: "co", History: []decimal.Decimal{d("50"), d("90")}},
		{ID: "a", Parent: "N", Weight: d("1")}, {ID: "b", Parent: "N", Weight: d("2")}, {ID: "c", Parent: "S", Weight: d("1")}})
	sp := Spec{Tree: tr, Calendar: Calendar{StartYear: 2025}, Targets: []Target{{Metric: Revenue, Annual: d("1000000")}, {Metric: Expense, Annual: d("300000")}},
		Weights:     map[string]WeightSource{"region": {Method: HistoryTotal}, "industry": {Method: Explicit}},
		Profiles:    map[string]Profile{"b": {1, 1, 1, 1, 1, 1, 5, 5, 5, 1, 1, 1}},
		Collection:  &CollectionRule{Terms: []decimal.Decimal{d("0.3"), d("0.5"), d("0.2")}, Opening: map[string]decimal.Decimal{"N": d("5000")}},
		GrossMargin: &Rates{Default: d("0.4")}}
	p, err := NewPlan(sp)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"co", "N", "S", "a", "b", "c"} {
		for _, m := range p.Metrics() {
			a, _ := p.Amounts(id, m)
			fmt.Println(id, m, a)
		}
	}
	fmt.Println(p.Check())
	fmt.Println(p.ClosingReceivables("co"))
	if err := p.Lock("a", Revenue, FY, d("300000")); err != nil {
		t.Fatal(err)
	}
	if err := p.Lock("c", Revenue, M7, d("10000")); err != nil {
		t.Fatal(err)
	}
	if err := p.Lock("N", Revenue, Q4, d("100000")); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"co", "N", "S", "a", "b", "c"} {
		a, _ := p.Amounts(id, Revenue)
		fmt.Println(id, a)
	}
	fmt.Println(p.Check())
	g, err := p.Gaps(Revenue, FY, map[string]decimal.Decimal{"a": d("250000"), "S": d("400000")})
	fmt.Println(g, err)
}
func TestScratchIO(t *testing.T) {
	tr := MustNewTree([]Node{{ID: "co"}, {ID: "N", Parent: "co"}, {ID: "S", Parent: "co"}, {ID: "a", Parent: "N"}})
	p := MustNewPlan(Spec{Tree: tr, Calendar: Calendar{StartYear: 2025, FirstMonth: 4}, Targets: []Target{{Metric: Revenue, Annual: d("1000")}}})
	var b bytes.Buffer
	p.WriteCSV(&b)
	fmt.Println(b.String()[:300])
	q, err := ReadCSV(bytes.NewReader(b.Bytes()), decimal.Zero)
	fmt.Println(err, q.Check(), q.Calendar())
	var b2 bytes.Buffer
	q.WriteCSV(&b2)
	fmt.Println(bytes.Equal(b.Bytes(), b2.Bytes()))
	js, _ := json.MarshalIndent(p, "", " ")
	fmt.Println(string(js[:400]))
	r, err := ReadJSON(bytes.NewReader(js))
	fmt.Println(err)
	js2, _ := json.MarshalIndent(r, "", " ")
	fmt.Println(bytes.Equal(js, js2))
	bad := bytes.Replace(js, []byte(`"83.33"`), []byte(`"83.333"`), 1)
	_, err = ReadJSON(bytes.NewReader(bad))
	fmt.Println(err)
	bad = bytes.Replace(b.Bytes(), []byte("co/N,region,revenue,2025-05"), []byte("co/N,region,revenue,2026-05"), 1)
	_, err = ReadCSV(bytes.NewReader(bad), decimal.Zero)
	fmt.Println(err)
}
