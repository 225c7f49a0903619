package tiering

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewReport(t *testing.T) {
	values := []float64{600, 250, 100, 40, 10, -100}
	a, err := Assign(values, Options{Method: ByProfitShare})
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReport(values, a)
	if err != nil {
		t.Fatal(err)
	}
	// Positive value 1,000: strategic 600 (60 %), value 250, standard 100,
	// transactional 40 + 10 − 100 = −50 (−5 %).
	want := Report{Customers: 6, Total: 900, ProfitShare: 0.9, Mean: 150, Median: 70, Rows: [NumTiers]TierRow{
		{Tier: Transactional, Count: 3, CustomerShare: 0.5, Total: -50, ProfitShare: -0.05, Mean: -50.0 / 3, Median: 10, Lower: math.Inf(-1), LossMakers: 1},
		{Tier: Standard, Count: 1, CustomerShare: 1.0 / 6, Total: 100, ProfitShare: 0.1, Mean: 100, Median: 100, Lower: 100},
		{Tier: Value, Count: 1, CustomerShare: 1.0 / 6, Total: 250, ProfitShare: 0.25, Mean: 250, Median: 250, Lower: 250},
		{Tier: Strategic, Count: 1, CustomerShare: 1.0 / 6, Total: 600, ProfitShare: 0.6, Mean: 600, Median: 600, Lower: 600},
	}}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("NewReport mismatch (-want +got):\n%s", diff)
	}
	if _, err := NewReport(values[:2], a); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("NewReport with other values: %v", err)
	}
}

// TestReportRoundTrips writes random reports as CSV and JSON and reads them
// back unchanged.
func TestReportRoundTrips(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 100 {
		values := make([]float64, 1+r.IntN(200))
		for i := range values {
			values[i] = math.Exp(r.NormFloat64()*2) - 2
		}
		a, err := Assign(values, Options{Method: Method(1 + trial%3)})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := NewReport(values, a)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := rep.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadReportCSV(&buf)
		if err != nil {
			t.Fatalf("ReadReportCSV(WriteCSV()) error: %v", err)
		}
		if diff := cmp.Diff(rep, back); diff != "" {
			t.Fatalf("CSV round trip mismatch (-want +got):\n%s", diff)
		}
		// The spreadsheet form, Chinese with a byte-order mark, reads back
		// the same.
		buf.Reset()
		if err := rep.WriteCSVWith(&buf, CSVOptions{Lang: "zh", BOM: trial%2 == 0}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(buf.Bytes(), []byte("层级,客户数")) || bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) != (trial%2 == 0) {
			t.Fatalf("Chinese CSV starts %q", buf.String()[:40])
		}
		back, err = ReadReportCSV(&buf)
		if err != nil {
			t.Fatalf("ReadReportCSV(WriteCSVWith(zh)) error: %v", err)
		}
		if diff := cmp.Diff(rep, back); diff != "" {
			t.Fatalf("Chinese CSV round trip mismatch (-want +got):\n%s", diff)
		}
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON Report
		if err := json.Unmarshal(b, &fromJSON); err != nil {
			t.Fatalf("Unmarshal(Marshal()) error: %v", err)
		}
		if diff := cmp.Diff(rep, fromJSON); diff != "" {
			t.Fatalf("JSON round trip mismatch (-want +got):\n%s", diff)
		}
	}
}

func TestReadReportCSVErrors(t *testing.T) {
	head := "tier,count,customer_share,total,profit_share,mean,median,lower,loss_makers\n"
	row := func(tier string) string { return tier + ",1,0.25,10,0.25,10,10,1,0\n" }
	all := "all,4,1,40,1,10,10,,0\n"
	tests := []struct {
		name, in string
		want     error
	}{
		{"empty", "", ErrSyntax},
		{"wrong header", "a,b,c,d,e,f,g,h,i\n", ErrSyntax},
		{"missing tier", head + row("value") + row("standard") + row("strategic") + all, ErrSyntax},
		{"tier twice", head + row("value") + row("value") + row("standard") + row("strategic") + row("transactional") + all, ErrSyntax},
		{"unknown tier", head + row("gold"), ErrUnknownTier},
		{"bad number", head + "value,x,0.25,10,0.25,10,10,1,0\n", ErrSyntax},
		{"no all line", head + row("value") + row("standard") + row("strategic") + row("transactional"), ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadReportCSV(strings.NewReader(tt.in)); !errors.Is(err, tt.want) {
				t.Errorf("ReadReportCSV error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestReportWriteText(t *testing.T) {
	values := []float64{600, 250, 100, 40, 10, -100}
	a, _ := Assign(values, Options{Method: ByProfitShare})
	rep, _ := NewReport(values, a)
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.Contains(lines[0], "strategic") || !strings.Contains(lines[3], "transactional") {
		t.Errorf("pyramid lines:\n%s", buf.String())
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 132 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
}

func FuzzReadReportCSV(f *testing.F) {
	values := []float64{600, 250, 100, 40, 10, -100}
	a, _ := Assign(values, Options{Method: ByProfitShare})
	rep, _ := NewReport(values, a)
	var buf bytes.Buffer
	_ = rep.WriteCSV(&buf)
	f.Add(buf.String())
	f.Add("tier,count\n")
	f.Fuzz(func(t *testing.T, in string) {
		r, err := ReadReportCSV(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrUnknownTier) {
				t.Fatalf("error %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := r.WriteCSV(&out); err != nil {
			t.Fatal(err)
		}
		back, err := ReadReportCSV(&out)
		if err != nil || !cmp.Equal(r, back) {
			t.Fatalf("round trip of a read report: %v", err)
		}
	})
}

func FuzzReportJSON(f *testing.F) {
	values := []float64{600, 250, 100, 40, 10, -100}
	a, _ := Assign(values, Options{Method: ByProfitShare})
	rep, _ := NewReport(values, a)
	b, _ := json.Marshal(rep)
	f.Add(string(b))
	f.Add(`{"rows":[]}`)
	f.Add(`{}`)
	f.Fuzz(func(t *testing.T, in string) {
		var r Report
		if err := json.Unmarshal([]byte(in), &r); err != nil {
			return // malformed JSON or a report that is not one
		}
		out, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("a report that was read cannot be written: %v", err)
		}
		var back Report
		if err := json.Unmarshal(out, &back); err != nil || !cmp.Equal(r, back) {
			t.Fatalf("round trip of a read report: %v\n%s", err, out)
		}
	})
}
