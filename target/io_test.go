package target

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// checkParseError verifies that err is a *ParseError at line and field that
// wraps want.
func checkParseError(t *testing.T, fn string, err error, line int, field string, want error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, want) {
		t.Fatalf("%s() = %v, want a ParseError wrapping %v", fn, err, want)
	}
	if pe.Line != line || pe.Field != field {
		t.Errorf("%s() error at line %d field %q, want line %d field %q (%v)", fn, pe.Line, pe.Field, line, field, err)
	}
}

func TestCSVRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for k := range 30 {
		s := randomSpec(r, dec("-4567891.23"))
		p := MustNewPlan(s)
		var buf bytes.Buffer
		if err := p.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		text := buf.String()
		q, err := ReadCSV(&buf, decimal.Zero)
		if err != nil {
			t.Fatalf("case %d: ReadCSV(WriteCSV()) error: %v", k, err)
		}
		if !sameAmounts(p, q) || q.cal.StartYear != p.cal.StartYear || q.cal.first() != p.cal.first() {
			t.Fatalf("case %d: CSV round trip changed the plan", k)
		}
		var again bytes.Buffer
		_ = q.WriteCSV(&again)
		if again.String() != text {
			t.Fatalf("case %d: second CSV differs from the first", k)
		}
		for i, n := range p.tree.nodes {
			if q.tree.nodes[i].ID != n.ID || q.tree.nodes[i].Level != n.Level {
				t.Fatalf("case %d: node %d is %v, want %v", k, i, q.tree.nodes[i], n)
			}
		}
	}
}

func TestReadCSVMonthsOnly(t *testing.T) {
	const data = "metric,period,amount,level,path\n" +
		"revenue,2027-01,10.00,company,CO\n" +
		"revenue,2027-02,5.50,company,CO\n" +
		"revenue,2027-01,10.00,region,CO/A\n" +
		"revenue,2027-02,5.50,region,CO/A\n" +
		"revenue,Q1,99.00,region,CO/A\n"
	p, err := ReadCSV(strings.NewReader(data), decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	if fy, _ := p.Amount("CO", Revenue, FY); !fy.Equal(dec("15.5")) {
		t.Errorf("CO FY = %s, want the sum of its months 15.50", fy)
	}
	mm := p.Check()
	if len(mm) == 0 || mm[0].Node != "CO" || mm[0].Period != Q1 {
		t.Errorf("Check() = %v, want the written Q1 of A reported", mm)
	}
}

func TestReadCSVErrors(t *testing.T) {
	const head = "path,level,metric,period,amount\n"
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		want  error
	}{
		{"empty", "", 1, "", ErrSyntax},
		{"missing column", "path,level,metric,period\n", 1, "amount", ErrSyntax},
		{"bad amount", head + "CO,company,revenue,2027-01,1x\n", 2, "amount", ErrSyntax},
		{"not a multiple", head + "CO,company,revenue,2027-01,1.001\n", 2, "amount", ErrNotMultiple},
		{"overflow", head + "CO,company,revenue,2027-01,1e40\n", 2, "amount", ErrOverflow},
		{"bad period", head + "CO,company,revenue,2027-01,1\nCO,company,revenue,Q9,1\n", 3, "period", ErrInvalidPeriod},
		{"month outside year", head + "CO,company,revenue,2027-01,1\nCO,company,revenue,2028-01,1\n", 3, "period", ErrInvalidPeriod},
		{"no months", head + "CO,company,revenue,FY,1\n", 0, "period", ErrInvalidPeriod},
		{"empty path", head + ",company,revenue,2027-01,1\n", 2, "path", ErrInvalidID},
		{"empty segment", head + "CO//A,company,revenue,2027-01,1\n", 2, "path", ErrInvalidID},
		{"moved node", head + "CO,company,revenue,2027-01,1\nCO/A,r,revenue,2027-01,1\nCO/B/A,r,revenue,2027-01,1\n", 4, "path", ErrDuplicateID},
		{"two roots", head + "CO,company,revenue,2027-01,1\nXX,company,revenue,2027-01,1\n", 0, "path", ErrOrphan},
		{"level conflict", head + "CO,company,revenue,2027-01,1\nCO,region,revenue,2027-02,1\n", 3, "level", ErrSyntax},
		{"empty metric", head + "CO,company,,2027-01,1\n", 2, "metric", ErrSyntax},
		{"duplicate cell", head + "CO,company,revenue,2027-01,1\nCO,company,revenue,2027-01,2\n", 3, "period", ErrSyntax},
		{"ragged", head + "CO,company,revenue\n", 2, "", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.data), decimal.Zero)
			checkParseError(t, "ReadCSV", err, tt.line, tt.field, tt.want)
		})
	}
	if _, err := ReadCSV(strings.NewReader(head), dec("-1")); !errors.Is(err, ErrInvalidUnit) {
		t.Errorf("ReadCSV(unit −1) = %v", err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(33, 34))
	for k := range 20 {
		s := randomSpec(r, dec("7654321.09"))
		s.Targets = s.Targets[:1]
		s.Collection = &CollectionRule{Terms: decs("0.5", "0.5"), Opening: map[string]decimal.Decimal{s.Tree.Root(): dec("100")}}
		p := MustNewPlan(s)
		leaf := s.Tree.Leaves()[0]
		if err := p.Lock(leaf, Revenue, M3, dec("1000")); err != nil && !errors.Is(err, ErrLockConflict) {
			t.Fatal(err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ReadJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("case %d: ReadJSON(Marshal()) error: %v", k, err)
		}
		if !sameAmounts(p, q) || !slices.Equal(p.opening, q.opening) {
			t.Fatalf("case %d: JSON round trip changed the plan", k)
		}
		if len(p.locks) != len(q.locks) {
			t.Fatalf("case %d: %d locks, read back %d", k, len(p.locks), len(q.locks))
		}
		for c := range p.locks {
			if !q.locks.has(c) {
				t.Fatalf("case %d: lock on cell %d lost", k, c)
			}
		}
		b2, _ := json.Marshal(q)
		if !bytes.Equal(b, b2) {
			t.Fatalf("case %d: second JSON differs", k)
		}
		c1, _ := p.ClosingReceivables(s.Tree.Root())
		c2, _ := q.ClosingReceivables(s.Tree.Root())
		if !c1.Equal(c2) {
			t.Fatalf("case %d: closing receivables %s, read back %s", k, c1, c2)
		}
	}
}

func TestReadJSONErrors(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Targets: []Target{{Metric: Revenue, Annual: dec("12")}}})
	b, _ := json.MarshalIndent(p, "", " ")
	good := string(b)
	tests := []struct {
		name    string
		data    string
		line    int
		field   string
		want    error
		replace [2]string
	}{
		{name: "syntax", data: "{\n\"unit\": }", line: 2, want: ErrSyntax},
		{name: "type", data: "{\n\"unit\": 5}", line: 2, field: "unit", want: ErrSyntax},
		{name: "unknown field", data: `{"colour": 1}`, want: ErrSyntax},
		{name: "bad unit", replace: [2]string{`"unit": "0.01"`, `"unit": "abc"`}, field: "unit", want: ErrInvalidUnit},
		{name: "bad calendar", replace: [2]string{`"startYear": 2027`, `"startYear": 0`}, field: "calendar", want: ErrInvalidCalendar},
		{name: "bad period label", replace: [2]string{`"2027-03"`, `"2027-13"`}, field: "periods[2]", want: ErrInvalidPeriod},
		{name: "bad amount", replace: [2]string{`"1.00",`, `"1.0x",`}, line: 34, field: "nodes[0].amounts.revenue[0]", want: ErrSyntax},
		{name: "amount not a multiple", replace: [2]string{`"1.00",`, `"1.001",`}, line: 34, field: "nodes[0].amounts.revenue[0]", want: ErrNotMultiple},
		{name: "unknown metric", replace: [2]string{`"amounts": {
    "revenue"`, `"amounts": {
    "units"`}, line: 34, field: "nodes[0].amounts.units", want: ErrUnknownMetric},
		{name: "duplicate node", replace: [2]string{`"id": "A"`, `"id": "CO"`}, field: "nodes", want: ErrDuplicateID},
		{name: "repeated metric", replace: [2]string{`"metrics": [
  "revenue"`, `"metrics": [
  "revenue", "revenue"`}, field: "metrics[1]", want: ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == "" {
				if !strings.Contains(good, tt.replace[0]) {
					t.Fatalf("test JSON lacks %q", tt.replace[0])
				}
				data = strings.Replace(good, tt.replace[0], tt.replace[1], 1)
			}
			_, err := ReadJSON(strings.NewReader(data))
			checkParseError(t, "ReadJSON", err, tt.line, tt.field, tt.want)
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("path,level,metric,period,amount\nCO,company,revenue,2027-01,10.00\nCO/A,region,revenue,2027-01,10.00\n")
	f.Add("path,level,metric,period,amount\nCO,company,revenue,2027-04,1\nCO,company,revenue,2028-03,2\nCO,company,revenue,FY,3\n")
	f.Add("metric,amount,period,path,level\nx,-1,2027-12,R/S/T,\nx,1e2,Q4,R,\n")
	f.Add("path,level,metric,period,amount\nCO,company,revenue,2027-01,1\nCO,company,revenue,2027-01,2\n")
	// A small cell limit keeps every input's memory bounded.
	small := ReadOptions{MaxCells: 1 << 16}
	f.Fuzz(func(t *testing.T, data string) {
		p, err := small.ReadCSV(strings.NewReader(data), decimal.Zero)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadCSV error %v is not a ParseError", err)
			}
			return
		}
		// What was read writes out and reads back to the same plan.
		var buf bytes.Buffer
		if err := p.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		q, err := ReadCSV(&buf, decimal.Zero)
		if err != nil {
			t.Fatalf("ReadCSV(WriteCSV(plan)) error: %v", err)
		}
		if !sameAmounts(p, q) || p.tree.Len() != q.tree.Len() {
			t.Fatal("CSV round trip changed the plan")
		}
		_ = p.Check()
	})
}

func FuzzReadJSON(f *testing.F) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027, FirstMonth: 4}, Targets: []Target{{Metric: Revenue, Annual: dec("12")}}})
	_ = p.Lock("A", Revenue, M2, dec("3"))
	b, _ := json.Marshal(p)
	f.Add(string(b))
	f.Add(`{"calendar":{"startYear":2027,"firstMonth":1},"unit":"1","metrics":[],"periods":[],"nodes":[]}`)
	f.Add(`{"nodes":[{"id":"A"},{"id":"B","parent":"A"}]}`)
	small := ReadOptions{MaxCells: 1 << 16}
	f.Fuzz(func(t *testing.T, data string) {
		p, err := small.ReadJSON(strings.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadJSON error %v is not a ParseError", err)
			}
			return
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := ReadJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("ReadJSON(Marshal(plan)) error: %v", err)
		}
		if !sameAmounts(p, q) {
			t.Fatal("JSON round trip changed the plan")
		}
	})
}
