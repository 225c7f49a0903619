package target

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestActualsRollUp(t *testing.T) {
	p := reviewPlan(t)
	a := NewActuals(p)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.Set("A1", Revenue, M1, dec("10")))
	must(a.Set("A2", Revenue, M1, dec("5")))
	must(a.Set("A1", Revenue, M2, dec("7")))
	must(a.Set("B", Revenue, M3, dec("3")))
	must(a.Set("A", Revenue, M3, dec("100"))) // an inner node reported itself
	tests := []struct {
		node     string
		month    Period
		want     string
		complete bool
	}{
		{"A", M1, "15", true},
		{"A", M2, "7", false}, // A2 missing
		{"CO", M1, "15", false},
		{"CO", M3, "103", true},
		{"A1", M3, "0", false},
		{"B", M1, "0", false},
	}
	for _, tt := range tests {
		got, ok, err := a.Amount(tt.node, Revenue, tt.month)
		if err != nil || got.String() != tt.want || ok != tt.complete {
			t.Errorf("Amount(%s, %s) = %s, %v, %v; want %s, %v", tt.node, tt.month, got, ok, err, tt.want, tt.complete)
		}
	}
	act, repPlan, state, err := a.rollUp(p)
	if err != nil {
		t.Fatal(err)
	}
	n := p.tree.Len()
	co := p.tree.byID.pos("CO")
	if act[co*12+0] != 15 || repPlan[co*12+0] != 100 || state[co*12+0] != reportedPart {
		t.Errorf("CO January: actual %d plan %d state %d", act[co*12], repPlan[co*12], state[co*12])
	}
	_ = n
	for _, bad := range []struct {
		name string
		err  error
		want error
	}{
		{"unknown node", a.Set("X", Revenue, M1, dec("1")), ErrUnknownNode},
		{"unknown metric", a.Set("A1", "units", M1, dec("1")), ErrUnknownMetric},
		{"quarter", a.Set("A1", Revenue, Q1, dec("1")), ErrInvalidPeriod},
		{"not a multiple", a.Set("A1", Revenue, M1, dec("0.5")), ErrNotMultiple},
		{"overflow", a.Set("A1", Revenue, M1, dec("1e19")), ErrOverflow},
	} {
		if !errors.Is(bad.err, bad.want) {
			t.Errorf("%s: %v, want %v", bad.name, bad.err, bad.want)
		}
	}
	if _, _, err := a.Amount("X", Revenue, M1); !errors.Is(err, ErrUnknownNode) {
		t.Errorf("Amount(X) = %v", err)
	}
}

func TestActualsCSV(t *testing.T) {
	p := reviewPlan(t)
	const data = "Node,Metric,Period,Amount\n" +
		"A1,revenue,2027-01,10\n" +
		"CO/A/A2,revenue,M01,5\n" +
		"B,expense,2027-02,\n" + // empty: not reported
		"B,expense,2027-03,7\n"
	a, err := ReadActualsCSV(strings.NewReader(data), p)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := a.Amount("A", Revenue, M1); v.String() != "15" || !ok {
		t.Errorf("A January = %s, %v", v, ok)
	}
	if _, ok, _ := a.Amount("B", Expense, M2); ok {
		t.Error("an empty amount counts as reported")
	}
	var buf bytes.Buffer
	if err := a.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := "node,metric,period,amount\nA1,revenue,2027-01,10\nA2,revenue,2027-01,5\nB,expense,2027-03,7\n"
	if buf.String() != want {
		t.Errorf("WriteCSV() =\n%s\nwant\n%s", buf.String(), want)
	}
	back, err := ReadActualsCSV(&buf, p)
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := back.Amount("CO", Revenue, M1); !v.Equal(dec("15")) {
		t.Errorf("round trip lost data: %s", v)
	}
}

func TestReadActualsCSVErrors(t *testing.T) {
	p := reviewPlan(t)
	const head = "node,metric,period,amount\n"
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		want  error
	}{
		{"empty", "", 1, "", ErrSyntax},
		{"missing column", "node,metric,period\n", 1, "amount", ErrSyntax},
		{"unknown node", head + "A1,revenue,2027-01,1\nZZ,revenue,2027-01,1\n", 3, "node", ErrUnknownNode},
		{"unknown metric", head + "A1,units,2027-01,1\n", 2, "metric", ErrUnknownMetric},
		{"quarter", head + "A1,revenue,Q1,1\n", 2, "period", ErrInvalidPeriod},
		{"outside year", head + "A1,revenue,2028-01,1\n", 2, "period", ErrInvalidPeriod},
		{"bad amount", head + "A1,revenue,2027-01,ten\n", 2, "amount", ErrSyntax},
		{"not a multiple", head + "A1,revenue,2027-01,0.5\n", 2, "amount", ErrNotMultiple},
		{"twice", head + "A1,revenue,2027-01,1\nA1,revenue,M01,2\n", 3, "period", ErrSyntax},
		{"ragged", head + "A1,revenue\n", 2, "", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadActualsCSV(strings.NewReader(tt.data), p)
			checkParseError(t, "ReadActualsCSV", err, tt.line, tt.field, tt.want)
		})
	}
}

func FuzzReadActualsCSV(f *testing.F) {
	f.Add("node,metric,period,amount\nA1,revenue,2027-01,10\nCO/A/A2,revenue,M01,5\nB,expense,2027-03,7\n")
	f.Add("amount,period,metric,path\n-3,2027-12,profit,CO\n,2027-11,profit,CO\n")
	f.Add("node,metric,period,amount\nA1,revenue,2027-01,1e3\nA1,revenue,2027-01,1\n")
	f.Fuzz(func(t *testing.T, data string) {
		tree := MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "B", Parent: "CO"}, {ID: "A1", Parent: "A"}, {ID: "A2", Parent: "A"}})
		p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
			Targets: []Target{{Metric: Revenue, Annual: dec("2400")}, {Metric: Expense, Annual: dec("1200")}, {Metric: Profit, Annual: dec("-240")}}})
		a, err := ReadActualsCSV(strings.NewReader(data), p)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := a.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		b, err := ReadActualsCSV(&buf, p)
		if err != nil {
			t.Fatalf("ReadActualsCSV(WriteCSV()) error: %v", err)
		}
		for c := range a.cells {
			if a.cells[c] != b.cells[c] || a.has[c] != b.has[c] {
				t.Fatal("round trip changed the actuals")
			}
		}
		// Any actuals can be reviewed.
		rev, err := NewReview(p, a, ReviewConfig{AsOf: endOf(2027, 12)})
		if err != nil {
			t.Fatal(err)
		}
		for row, g := range rev.All() {
			if row.Completion.Valid && (row.Completion.Value != row.Completion.Value) || g.TimeProgress != 1 {
				t.Fatal("NaN completion")
			}
		}
		_ = decimal.Zero
	})
}
