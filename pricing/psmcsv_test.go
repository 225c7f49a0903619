package pricing

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestPSMCSVRoundTrip writes real analyses, with and without the
// Newton–Miller–Smith extension, in both languages, with and without a
// byte-order mark, and reads back equal results.
func TestPSMCSVRoundTrip(t *testing.T) {
	for k, n := range []int{1, 12, 400} {
		rs := simulatedPSM(n, uint64(k+1))
		withNMS, err := VanWestendorp(rs, PSMOptions{})
		if err != nil && n > 1 {
			t.Fatal(err)
		}
		for i := range rs {
			rs[i].IntentCheap, rs[i].IntentExpensive = 0, 0
		}
		without, _ := VanWestendorp(rs, PSMOptions{Crossing: Linear})
		for _, p := range []PSM{withNMS, without, {}} {
			for _, opt := range []PSMCSV{{}, {Lang: "zh", BOM: true}, {Lang: "zh-CN"}, {BOM: true}} {
				var buf bytes.Buffer
				if err := p.WriteCSV(&buf, opt); err != nil {
					t.Fatal(err)
				}
				if bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) != opt.BOM {
					t.Fatalf("BOM %v: file starts %q", opt.BOM, buf.String()[:8])
				}
				back, err := ReadPSMCSV(&buf)
				if err != nil {
					t.Fatalf("n %d, %+v: ReadPSMCSV(WriteCSV()) error: %v", n, opt, err)
				}
				if diff := cmp.Diff(p, back, cmpopts.EquateEmpty()); diff != "" {
					t.Fatalf("n %d, %+v: round trip (-want +got):\n%s", n, opt, diff)
				}
			}
		}
	}
}

// TestPSMCSVLayout checks what a spreadsheet shows: the results first, then
// the curves by price, in Chinese under a Chinese tag.
func TestPSMCSVLayout(t *testing.T) {
	p, err := VanWestendorp(simulatedPSM(50, 3), PSMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.WriteCSV(&buf, PSMCSV{Lang: "zh"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if !strings.HasPrefix(lines[0], "最优价格,") || lines[9] != "价格,太便宜,便宜,贵,太贵,不便宜,不贵,NMS购买率,NMS收入" {
		t.Errorf("layout:\n%s", strings.Join(lines[:11], "\n"))
	}
	if got, want := len(lines)-1, 10+len(p.Prices); got != want {
		t.Errorf("%d lines, want %d", got, want)
	}
}

func TestReadPSMCSVErrors(t *testing.T) {
	head := "price,too_cheap,cheap,expensive,too_expensive,not_cheap,not_expensive\n"
	results := "opp,1\nipp,2\npmc,1\npme,3\nrespondents,4\ninconsistent,0\nweight,4\n"
	for _, tt := range []struct{ name, in string }{
		{"empty", ""},
		{"no header", results},
		{"unknown result", "foo,1\n" + head},
		{"missing result", "opp,1\n" + head},
		{"repeated result", "opp,1\n" + results + head},
		{"not a number", strings.Replace(results, "ipp,2", "ipp,x", 1) + head},
		{"infinite", strings.Replace(results, "ipp,2", "ipp,Inf", 1) + head},
		{"fractional count", strings.Replace(results, "respondents,4", "respondents,4.5", 1) + head},
		{"NMS prices without columns", results + "nms_reach_price,1\nnms_revenue_price,1\n" + head},
		{"short row", results + head + "1,1,1\n"},
		{"NaN cell", results + head + "1,NaN,1,0,0,0,1\n"},
	} {
		if _, err := ReadPSMCSV(strings.NewReader(tt.in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("%s: error %v, want ErrSyntax", tt.name, err)
		}
	}
	if err := (PSM{Prices: []float64{1}}).WriteCSV(&bytes.Buffer{}, PSMCSV{}); !errors.Is(err, ErrInvalidOption) {
		t.Errorf("curves shorter than the grid: %v", err)
	}
}

func FuzzReadPSMCSV(f *testing.F) {
	var buf bytes.Buffer
	p, _ := VanWestendorp(simulatedPSM(20, 9), PSMOptions{})
	_ = p.WriteCSV(&buf, PSMCSV{})
	f.Add(buf.String())
	buf.Reset()
	_ = p.WriteCSV(&buf, PSMCSV{Lang: "zh", BOM: true})
	f.Add(buf.String())
	f.Add("opp,1\nipp,2\npmc,1\npme,3\nrespondents,4\ninconsistent,0\nweight,4\nprice,too_cheap,cheap,expensive,too_expensive,not_cheap,not_expensive\n1,1,1,0,0,0,1\n")
	f.Fuzz(func(t *testing.T, data string) {
		p, err := ReadPSMCSV(strings.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v is not ErrSyntax", err)
			}
			return
		}
		for _, opt := range []PSMCSV{{}, {Lang: "zh", BOM: true}} {
			var out bytes.Buffer
			if err := p.WriteCSV(&out, opt); err != nil {
				t.Fatal(err)
			}
			q, err := ReadPSMCSV(&out)
			if err != nil {
				t.Fatalf("ReadPSMCSV(WriteCSV(%+v)) error: %v", opt, err)
			}
			if diff := cmp.Diff(p, q, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("round trip (%+v):\n%s", opt, diff)
			}
		}
	})
}
