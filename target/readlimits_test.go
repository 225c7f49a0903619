package target

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestReadCSVTooLarge feeds a small file that names many nodes and many
// metrics: the reader must refuse it before allocating every combination.
func TestReadCSVTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("path,level,metric,period,amount\n")
	for k := range 6000 {
		fmt.Fprintf(&b, "CO/n%d,,m0,2027-01,1\n", k)
		fmt.Fprintf(&b, "CO,,m%d,2027-01,1\n", k+1)
	}
	_, err := ReadCSV(strings.NewReader(b.String()), dec("0.01"))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadCSV(%d KB naming 6,001 nodes × 6,001 metrics) error = %v, want ErrTooLarge", b.Len()/1000, err)
	}
	// A caller can raise the limit (here: lower it to see it bite earlier).
	small := "path,level,metric,period,amount\nCO,,revenue,2027-01,1\nCO/A,,revenue,2027-01,1\n"
	if _, err := (ReadOptions{MaxCells: 2 * 19}).ReadCSV(strings.NewReader(small), dec("0.01")); err != nil {
		t.Errorf("ReadCSV within the limit error = %v", err)
	}
	if _, err := (ReadOptions{MaxCells: 2*19 - 1}).ReadCSV(strings.NewReader(small), dec("0.01")); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadCSV one cell over the limit error = %v, want ErrTooLarge", err)
	}
	if _, err := (ReadOptions{MaxCells: -1}).ReadCSV(strings.NewReader(small), dec("0.01")); !errors.Is(err, ErrInvalidSpec) {
		t.Errorf("ReadOptions{MaxCells: -1} error = %v, want ErrInvalidSpec", err)
	}
}

func TestReadJSONTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"calendar":{"startYear":2027,"firstMonth":1},"unit":"0.01","metrics":[`)
	for k := range 6000 {
		if k > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"m%d"`, k)
	}
	b.WriteString(`],"periods":["2027-01","2027-02","2027-03","2027-04","2027-05","2027-06","2027-07","2027-08","2027-09","2027-10","2027-11","2027-12","Q1","Q2","Q3","Q4","H1","H2","FY"],"nodes":[{"id":"CO","level":"company","amounts":{}}`)
	for k := range 6000 {
		fmt.Fprintf(&b, `,{"id":"n%d","parent":"CO","level":"x","amounts":{}}`, k)
	}
	b.WriteString("]}")
	if _, err := ReadJSON(strings.NewReader(b.String())); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadJSON(6,001 nodes × 6,000 metrics) error = %v, want ErrTooLarge", err)
	}
}

func TestReadJSONTrailingData(t *testing.T) {
	p := MustNewPlan(Spec{Tree: MustNewTree([]Node{{ID: "CO"}}), Calendar: Calendar{StartYear: 2027},
		Targets: []Target{{Metric: Revenue, Annual: dec("12")}}})
	js, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, tail := range []string{"{}", " x", "\n[1]"} {
		_, err := ReadJSON(bytes.NewReader(append(append([]byte(nil), js...), tail...)))
		var pe *ParseError
		if !errors.Is(err, ErrSyntax) || !errors.As(err, &pe) {
			t.Errorf("ReadJSON(plan + %q) error = %v, want a ParseError wrapping ErrSyntax", tail, err)
		}
	}
	if _, err := ReadJSON(bytes.NewReader(append(js, " \n\t"...))); err != nil {
		t.Errorf("ReadJSON(plan + white space) error = %v", err)
	}
}
