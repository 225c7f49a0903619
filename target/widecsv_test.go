package target

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestWideCSVRoundTripBehaves is TestCSVRoundTripBehaves for the wide
// format, in English and in Chinese, with and without a byte-order mark.
func TestWideCSVRoundTripBehaves(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	for k := range 40 {
		p := randomLockedPlan(r, k, "名称")
		opt := WideCSV{Lang: []string{"en", "zh", ""}[k%3], BOM: k%2 == 0}
		var buf bytes.Buffer
		if err := p.WriteWideCSV(&buf, opt); err != nil {
			t.Fatal(err)
		}
		if got := bytes.HasPrefix(buf.Bytes(), []byte(utf8BOM)); got != opt.BOM {
			t.Fatalf("case %d: BOM written %v, want %v", k, got, opt.BOM)
		}
		q, err := ReadWideCSV(&buf, decimal.Zero)
		if err != nil {
			t.Fatalf("case %d %+v: ReadWideCSV(WriteWideCSV()) error: %v", k, opt, err)
		}
		if !q.Equal(p) {
			t.Fatalf("case %d %+v: wide CSV round trip changed the plan", k, opt)
		}
		sameUnderLocks(t, r, k, p, q)
	}
}

// TestWideCSVLayout checks the table a spreadsheet opens: the header, one
// row a node and metric with 19 periods, Chinese terms under -lang zh.
func TestWideCSVLayout(t *testing.T) {
	tree := MustNewTree([]Node{{ID: "CO"}, {ID: "N", Parent: "CO", Name: "华北"}, {ID: "S", Parent: "CO"}})
	p := MustNewPlan(Spec{Tree: tree, Calendar: Calendar{StartYear: 2026},
		Targets: []Target{{Metric: Revenue, Annual: dec("1200")}, {Metric: "visits", Annual: dec("24")}}})
	var buf bytes.Buffer
	if err := p.WriteWideCSV(&buf, WideCSV{Lang: "zh", BOM: true}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(recs[0], ",")
	if want := "路径,层级,名称,指标,2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12,Q1,Q2,Q3,Q4,H1,H2,FY,锁定"; head != want {
		t.Errorf("header %s\nwant   %s", head, want)
	}
	if len(recs) != 1+2*3 {
		t.Fatalf("%d rows, want 7", len(recs))
	}
	if got := strings.Join(recs[2][:5], ","); got != "CO/N,区域,华北,销售额,50.00" {
		t.Errorf("row 2 starts %s", got)
	}
	if got := recs[4][3] + " " + recs[4][len(recs[4])-2]; got != "visits 24.00" {
		t.Errorf("first visits row: %s", got)
	}
}

func TestReadWideCSVErrors(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       error
	}{
		{"no path column", "level,name,metric,2026-01\n", ErrSyntax},
		{"missing periods", "path,level,name,metric,2026-01,FY\nCO,company,CO,revenue,1,1\n", ErrInvalidPeriod},
		{"locked period not a column", "path,level,name,metric,2026-01,2026-02,2026-03,2026-04,2026-05,2026-06,2026-07,2026-08,2026-09,2026-10,2026-11,2026-12,Q1,Q2,Q3,Q4,H1,H2,FY,locked\n" +
			"CO,company,CO,revenue,1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,6,6,12,Q5\n", ErrInvalidPeriod},
		{"empty", "", ErrSyntax},
	} {
		_, err := ReadWideCSV(strings.NewReader(tt.body), decimal.Zero)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}

func FuzzReadWideCSV(f *testing.F) {
	head := "path,level,name,metric,2027-01,2027-02,2027-03,2027-04,2027-05,2027-06,2027-07,2027-08,2027-09,2027-10,2027-11,2027-12,Q1,Q2,Q3,Q4,H1,H2,FY,locked\n"
	f.Add(head + "CO,company,CO,revenue,1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,6,6,12,FY\n")
	f.Add(utf8BOM + head + "CO,公司,总部,销售额,1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,6,6,12,\nCO/A,区域,华北,销售额,1,1,1,1,1,1,1,1,1,1,1,1,3,3,3,3,6,6,12,2027-03 Q1\n")
	f.Add(strings.Replace(head, "path", "路径", 1) + "R/S,,,x,-1,0,0,0,0,0,0,0,0,0,0,0,-1,0,0,0,-1,0,-1,\n")
	f.Add("\"#plan {}\"\n" + head)
	small := ReadOptions{MaxCells: 1 << 16}
	f.Fuzz(func(t *testing.T, data string) {
		p, err := small.ReadWideCSV(strings.NewReader(data), decimal.Zero)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ReadWideCSV error %v is not a ParseError", err)
			}
			return
		}
		for _, opt := range []WideCSV{{}, {Lang: "zh", BOM: true}} {
			var buf bytes.Buffer
			if err := p.WriteWideCSV(&buf, opt); err != nil {
				t.Fatal(err)
			}
			q, err := ReadWideCSV(&buf, decimal.Zero)
			if err != nil {
				t.Fatalf("ReadWideCSV(WriteWideCSV(plan, %+v)) error: %v", opt, err)
			}
			if !q.Equal(p) {
				t.Fatalf("wide CSV round trip (%+v) changed the plan", opt)
			}
		}
	})
}
