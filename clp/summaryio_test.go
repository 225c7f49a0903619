package clp

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadSummariesCSV(t *testing.T) {
	in := "ID,frequency,recency,T,monetary_value,extra\n1,2,30.43,38.86,22.5,x\n2,0,0,38.86,,y\n"
	ss, err := ReadSummariesCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Summary{{ID: "1", Customer: Customer{2, 30.43, 38.86}, MeanSpend: 22.5}, {ID: "2", Customer: Customer{0, 0, 38.86}}}
	if diff := cmp.Diff(want, ss); diff != "" {
		t.Error(diff)
	}
	var buf bytes.Buffer
	if err := WriteSummariesCSV(&buf, ss); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSummariesCSV(&buf)
	if err != nil || !cmp.Equal(ss, back) {
		t.Errorf("round trip: %v %v", back, err)
	}
	bad := []struct{ name, in, field string }{
		{"no recency", "id,x,t\n1,0,3\n", "t_x"},
		{"not a number", "id,x,t_x,t\n1,2,abc,4\n", "t_x"},
		{"recency beyond age", "id,x,t_x,t\n1,2,5,4\n", ""},
		{"duplicate", "id,x,t_x,t\n1,2,3,4\n1,1,2,4\n", "id"},
		{"negative spend", "id,x,t_x,t,mean_spend\n1,2,3,4,-1\n", "mean_spend"},
		{"NaN", "id,x,t_x,t\n1,NaN,3,4\n", ""},
	}
	for _, b := range bad {
		_, err := ReadSummariesCSV(strings.NewReader(b.in))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Field != b.field || pe.Line < 1 || (!errors.Is(err, ErrInvalidData) && !errors.Is(err, ErrNotFinite)) {
			t.Errorf("%s: %v (want field %q)", b.name, err, b.field)
		}
	}
}

// TestReadSummariesCDNOW reads the CDNOW summary of the shared data, as
// lifetimes exports it.
func TestReadSummariesCDNOW(t *testing.T) {
	f, err := os.Open("../../shared/data/cdnow_customers_summary.csv")
	if err != nil {
		t.Skip("shared data absent:", err)
	}
	defer f.Close()
	ss, err := ReadSummariesCSV(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2357 || ss[0].ID != "1" || ss[0].X != 2 || ss[0].Tx != 30.43 {
		t.Errorf("%d summaries, first %+v", len(ss), ss[0])
	}
}

func FuzzReadSummariesCSV(f *testing.F) {
	f.Add("ID,frequency,recency,T\n1,2,30.43,38.86\n2,1,1.71,38.86\n")
	f.Add("id,x,t_x,t,mean_spend\na,0,0,1,\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ReadSummariesCSV(strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || (!errors.Is(err, ErrInvalidData) && !errors.Is(err, ErrNotFinite)) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteSummariesCSV(&buf, ss); err != nil {
			t.Fatal(err)
		}
		back, err := ReadSummariesCSV(&buf)
		if err != nil || !cmp.Equal(ss, back) {
			t.Fatalf("round trip: %v", err)
		}
	})
}
