package target

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// randomReview is case k of the review round-trip tests: a random plan
// (randomLockedPlan), actuals for a random subset of leaf months — some a
// little off plan, some inner nodes reporting themselves, with a figure
// that differs from their leaves' sum — and a random as-of date, time basis,
// working-day calendar, thresholds and lower-is-better metrics.
func randomReview(t *testing.T, r *rand.Rand, k int) *Review {
	t.Helper()
	p := randomLockedPlan(r, k, "名称")
	a := p.NewActuals()
	asOf := r.IntN(12)
	for mi, m := range p.metrics {
		for i, nd := range p.tree.nodes {
			leaf := len(p.tree.kids(i)) == 0
			for mo := 0; mo <= asOf; mo++ {
				if leaf && r.IntN(5) == 0 || !leaf && r.IntN(12) != 0 {
					continue // unreported; inner nodes mostly left to their leaves
				}
				v := p.row(mi, i)[mo] + int64(r.IntN(2001)-1000)
				if err := a.Set(nd.ID, m, Period(mo), p.amount(v)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	y, mo := p.cal.Month(Period(asOf))
	cfg := ReviewConfig{AsOf: time.Date(y, mo, 1+r.IntN(28), 0, 0, 0, 0, time.UTC), WorkingDays: r.IntN(2) == 0}
	if r.IntN(3) == 0 {
		cal := p.cal
		cal.Holidays = []time.Time{cal.Start().AddDate(0, 0, r.IntN(365))}
		cfg.Calendar = &cal
	}
	if r.IntN(2) == 0 {
		cfg.Thresholds = Thresholds{Ahead: 1.1, OnTrack: 0.95, Behind: 0.8}
	}
	switch r.IntN(3) {
	case 0:
		cfg.LowerIsBetter = []Metric{}
	case 1:
		cfg.LowerIsBetter = []Metric{p.metrics[r.IntN(len(p.metrics))]}
	}
	rev, err := NewReview(p, a, cfg)
	if err != nil {
		t.Fatalf("case %d: %v", k, err)
	}
	return rev
}

// sameReview fails unless q behaves as rev: the same as-of month and time
// progress, the same rows, progress, contributors and ratios for every node
// and metric, and the same text and JSON.
func sameReview(t *testing.T, k int, rev, q *Review) {
	t.Helper()
	if rev.AsOf() != q.AsOf() || rev.TimeProgress() != q.TimeProgress() {
		t.Fatalf("case %d: as of %s, %v; read back %s, %v", k, rev.AsOf(), rev.TimeProgress(), q.AsOf(), q.TimeProgress())
	}
	eq := cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })
	var ids []string
	for _, nd := range rev.p.tree.nodes {
		ids = append(ids, nd.ID)
		for _, m := range rev.p.metrics {
			w1, _ := rev.windows(nd.ID, m)
			w2, _ := q.windows(nd.ID, m)
			g1, _ := rev.Progress(nd.ID, m)
			g2, _ := q.Progress(nd.ID, m)
			c1, _ := rev.Contributors(nd.ID, m, 5)
			c2, _ := q.Contributors(nd.ID, m, 5)
			// Decimals print by value (String), so the text compares them.
			if x, y := fmt.Sprintf("%+v", []any{w1, g1, c1}), fmt.Sprintf("%+v", []any{w2, g2, c2}); x != y {
				t.Fatalf("case %d: %s %s differs (-written +read):\n%s", k, nd.ID, m, cmp.Diff(x, y))
			}
		}
		r1, _ := rev.Ratios(nd.ID)
		r2, _ := q.Ratios(nd.ID)
		if !cmp.Equal(r1, r2, eq) {
			t.Fatalf("case %d: ratios of %s differ:\n%s", k, nd.ID, cmp.Diff(r1, r2, eq))
		}
	}
	var t1, t2 bytes.Buffer
	if err := rev.WriteText(&t1, ids); err != nil {
		t.Fatal(err)
	}
	if err := q.WriteText(&t2, ids); err != nil {
		t.Fatal(err)
	}
	j1, err1 := rev.MarshalJSON()
	j2, err2 := q.MarshalJSON()
	if t1.String() != t2.String() || err1 != nil || err2 != nil || !bytes.Equal(j1, j2) {
		t.Fatalf("case %d: text or JSON of the review read back differs", k)
	}
}

// TestReviewCSVRoundTripBehaves: the long and the wide review CSV, in
// English and Chinese, with and without a byte-order mark, read back into a
// review that behaves as the one written and writes the same files.
func TestReviewCSVRoundTripBehaves(t *testing.T) {
	r := rand.New(rand.NewPCG(151, 152))
	for k := range 24 {
		rev := randomReview(t, r, k)
		var long bytes.Buffer
		if err := rev.WriteCSV(&long); err != nil {
			t.Fatal(err)
		}
		q, err := rev.p.ReadReviewCSV(bytes.NewReader(long.Bytes()))
		if err != nil {
			t.Fatalf("case %d: ReadReviewCSV(WriteCSV()) error: %v", k, err)
		}
		sameReview(t, k, rev, q)
		var again bytes.Buffer
		if err := q.WriteCSV(&again); err != nil || again.String() != long.String() {
			t.Fatalf("case %d: long CSV written again differs (%v)", k, err)
		}

		js, err := rev.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		j, err := ReadReviewJSON(bytes.NewReader(js), rev.p)
		if err != nil {
			t.Fatalf("case %d: ReadReviewJSON(MarshalJSON()) error: %v", k, err)
		}
		sameReview(t, k, rev, j)

		opt := ReviewCSV{Lang: []string{"en", "zh", ""}[k%3], BOM: k%2 == 0}
		var wide bytes.Buffer
		if err := rev.WriteWideCSV(&wide, opt); err != nil {
			t.Fatal(err)
		}
		if got := bytes.HasPrefix(wide.Bytes(), []byte(utf8BOM)); got != opt.BOM {
			t.Fatalf("case %d: BOM written %v, want %v", k, got, opt.BOM)
		}
		w, err := ReadReviewWideCSV(bytes.NewReader(wide.Bytes()), rev.p)
		if err != nil {
			t.Fatalf("case %d %+v: ReadReviewWideCSV(WriteWideCSV()) error: %v", k, opt, err)
		}
		sameReview(t, k, rev, w)
		again.Reset()
		if err := w.WriteWideCSV(&again, opt); err != nil || again.String() != wide.String() {
			t.Fatalf("case %d: wide CSV written again differs (%v)", k, err)
		}
	}
}

// TestReadReviewCSVSavedBySpreadsheet: a file saved back by a spreadsheet —
// CRLF line ends, trailing zeros of amounts and ratios dropped, the
// configuration cell unquoted by hand is not accepted but a padded row is —
// reads as the review written.
func TestReadReviewCSVSavedBySpreadsheet(t *testing.T) {
	r := rand.New(rand.NewPCG(153, 154))
	trailing := regexp.MustCompile(`(\.\d*[1-9])0+([,\r\n])`)
	whole := regexp.MustCompile(`\.0+([,\r\n])`)
	for k := range 10 {
		rev := randomReview(t, r, k)
		for _, write := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return rev.WriteCSV(b) },
			func(b *bytes.Buffer) error { return rev.WriteWideCSV(b, ReviewCSV{Lang: "zh", BOM: true}) },
		} {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			first, rest, _ := strings.Cut(buf.String(), "\n")
			rest = strings.ReplaceAll(rest, "\n", "\r\n")
			for range 2 { // adjacent cells overlap the matches
				rest = whole.ReplaceAllString(trailing.ReplaceAllString(rest, "$1$2"), "$1")
			}
			if strings.Contains(rest, ".000000,") || strings.Contains(rest, "\n\n") {
				t.Fatalf("case %d: the file was not saved as a spreadsheet would", k)
			}
			saved := first + ",,\r\n" + rest
			read := rev.p.ReadReviewCSV
			if strings.HasPrefix(buf.String(), utf8BOM) {
				read = rev.p.ReadReviewWideCSV
			}
			q, err := read(strings.NewReader(saved))
			if err != nil {
				t.Fatalf("case %d: saved file: %v", k, err)
			}
			sameReview(t, k, rev, q)
		}
	}
}

func TestReadReviewCSVLayout(t *testing.T) {
	p := reviewPlan(t)
	a := copyPlan(p, 0)
	if err := a.Set("A", Revenue, M2, dec("150")); err != nil { // A reports itself; A1, A2 and B do not
		t.Fatal(err)
	}
	rev, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 2, 14, 0, 0, 0, 0, time.UTC), LowerIsBetter: []Metric{Expense}})
	if err != nil {
		t.Fatal(err)
	}
	var wide bytes.Buffer
	if err := rev.WriteWideCSV(&wide, ReviewCSV{Lang: "zh"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(wide.String()), "\n")
	want := []string{
		`"#review {""version"":1,""asOf"":""2027-02-14"",""thresholds"":{""ahead"":1.05,""onTrack"":0.97,""behind"":0.9},""lowerIsBetter"":[""expense""]}"`,
		"路径,层级,名称,指标,2027-01 计划,2027-01 实际,2027-01 差异,2027-01 完成率,2027-01 状态,2027-01 缺报," +
			"2027-02 计划,2027-02 实际,2027-02 差异,2027-02 完成率,2027-02 状态,2027-02 缺报," +
			"季初至今 计划,季初至今 实际,季初至今 差异,季初至今 完成率,季初至今 状态,季初至今 缺报," +
			"年初至今 计划,年初至今 实际,年初至今 差异,年初至今 完成率,年初至今 状态,年初至今 缺报," +
			"年度计划,累计实际,时间进度,完成进度,剩余缺口,按速率预测,按季节性预测,实际+计划预测,预计结果",
		// CO: February only partly reported (A, not B), so 100 of plan
		// against 150; seasonal forecast 350 × 2400 / 300 = 2800.
		"CO,公司,CO,销售额,200,200,0,1.000000,正常,0,100,150,50,1.500000,领先,1,300,350,50,1.166667,领先,1,300,350,50,1.166667,领先,1," +
			"2400,350,0.123288,0.145833,2050,2100,2800,2450,领先",
		"CO/A,区域,A,销售额,100,100,0,1.000000,正常,0,100,150,50,1.500000,领先,0,200,250,50,1.250000,领先,0,200,250,50,1.250000,领先,0," +
			"1200,250,0.123288,0.208333,950,1500,1500,1250,领先",
		"CO/A/A1,行业,A1,销售额,50,50,0,1.000000,正常,0,50,0,0,,无数据,1,50,50,0,1.000000,正常,1,50,50,0,1.000000,正常,1," +
			"600,50,0.123288,0.083333,550,600,600,600,正常",
	}
	if diff := cmp.Diff(want, lines[:5]); diff != "" {
		t.Errorf("wide review CSV (-want +got):\n%s", diff)
	}
	q, err := p.ReadReviewWideCSV(&wide)
	if err != nil {
		t.Fatal(err)
	}
	// A's own report came back as A's, not spread over its leaves.
	if row, err := q.Month("A", Revenue, M2); err != nil || !row.Actual.Equal(dec("150")) || row.Missing != 0 {
		t.Errorf("A's February read back = %+v, %v; want 150, complete", row, err)
	}
}

// TestReadReviewIncoherentPlan: in a plan whose children do not add up to
// their parent (a month set on an inner node), a parent that reported
// itself exactly its leaves' sum is reviewed against its own plan, the
// leaves' sum against theirs; the readers tell the two apart by the plan
// column and read each back as written.
func TestReadReviewIncoherentPlan(t *testing.T) {
	for _, own := range []string{"", "100", "120"} {
		p := reviewPlan(t)
		if err := p.Set("A", Revenue, M1, dec("130")); err != nil { // A1 + A2 plan 100
			t.Fatal(err)
		}
		a := copyPlan(p, 0)
		if own != "" {
			if err := a.Set("A", Revenue, M1, dec(own)); err != nil {
				t.Fatal(err)
			}
		}
		rev, err := NewReview(p, a, ReviewConfig{AsOf: endOf(2027, time.January)})
		if err != nil {
			t.Fatal(err)
		}
		var long, wide bytes.Buffer
		if err := rev.WriteCSV(&long); err != nil {
			t.Fatal(err)
		}
		if err := rev.WriteWideCSV(&wide, ReviewCSV{}); err != nil {
			t.Fatal(err)
		}
		js, err := rev.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		for name, read := range map[string]func() (*Review, error){
			"long": func() (*Review, error) { return p.ReadReviewCSV(bytes.NewReader(long.Bytes())) },
			"wide": func() (*Review, error) { return p.ReadReviewWideCSV(bytes.NewReader(wide.Bytes())) },
			"json": func() (*Review, error) { return p.ReadReviewJSON(bytes.NewReader(js)) },
		} {
			q, err := read()
			if err != nil {
				t.Fatalf("A's own report %q, %s: %v", own, name, err)
			}
			sameReview(t, 0, rev, q)
		}
	}
}

func TestReadReviewCSVErrors(t *testing.T) {
	p := reviewPlan(t)
	rev, err := NewReview(p, copyPlan(p, 1), ReviewConfig{AsOf: endOf(2027, time.February)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rev.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	lines := strings.SplitAfter(good, "\n")
	config, head, body := lines[0], lines[1], strings.Join(lines[2:], "")
	other := MustNewPlan(Spec{Tree: p.tree, Calendar: Calendar{StartYear: 2027}, Unit: dec("1"),
		Targets: []Target{{Metric: Revenue, Annual: dec("2400")}, {Metric: Expense, Annual: dec("1200")},
			{Metric: Profit, Annual: dec("-240")}, {Metric: Collection, Annual: dec("2400")}},
		DefaultProfile: Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}})
	tests := []struct {
		name string
		p    *Plan
		data string
		want error
		line int
	}{
		{"empty", p, "", ErrSyntax, 1},
		{"no configuration", p, head + body, ErrSyntax, 1},
		{"bad configuration", p, `"#review {""version"":1,""asOf"":""2027-02-30""}"` + "\n" + head + body, ErrSyntax, 1},
		{"unknown field", p, `"#review {""version"":1,""asOf"":""2027-02-28"",""x"":1}"` + "\n" + head + body, ErrSyntax, 1},
		{"version", p, strings.Replace(config, `""version"":1`, `""version"":2`, 1) + head + body, ErrSyntax, 1},
		{"as-of outside", p, strings.Replace(config, "2027-02-28", "2028-02-28", 1) + head + body, ErrInvalidPeriod, 1},
		{"thresholds", p, strings.Replace(config, `""ahead"":1.05`, `""ahead"":0.5`, 1) + head + body, ErrInvalidRate, 1},
		{"lower-is-better", p, strings.Replace(config, `[""expense""]`, `[""units""]`, 1) + head + body, ErrUnknownMetric, 1},
		{"no header", p, config, ErrSyntax, 2},
		{"column missing", p, config + strings.Replace(head, ",missing", "", 1) + body, ErrSyntax, 2},
		{"row missing", p, config + head + strings.Join(lines[3:], ""), ErrSyntax, 0},
		{"row twice", p, config + head + lines[2] + body, ErrSyntax, 4},
		{"unknown node", p, config + head + strings.Replace(body, "CO/A/A1,", "CO/A/A9,", 1), ErrUnknownNode, 0},
		{"wrong path", p, config + head + strings.Replace(body, "CO/A/A1,", "CO/B/A1,", 1), ErrUnknownNode, 0},
		{"unknown metric", p, config + head + strings.Replace(body, ",revenue,", ",units,", 1), ErrUnknownMetric, 3},
		{"after as-of", p, config + head + strings.Replace(body, ",2027-02,", ",2027-03,", 1), ErrInvalidPeriod, 4},
		{"edited actual", p, config + head + strings.Replace(body, "CO,company,revenue,2027-01,200,200,0,", "CO,company,revenue,2027-01,200,201,0,", 1), ErrMismatchedActuals, 3},
		{"edited status", p, config + head + strings.Replace(body, "1.000000,on track,1,0,", "1.000000,ahead,1,0,", 1), ErrMismatchedActuals, 3},
		{"not a multiple", p, config + head + strings.Replace(body, "CO/A/A1,industry,revenue,2027-01,50,50,", "CO/A/A1,industry,revenue,2027-01,50,50.5,", 1), ErrNotMultiple, 0},
		{"bad amount", p, config + head + strings.Replace(body, "CO,company,revenue,2027-01,200,", "CO,company,revenue,2027-01,2x0,", 1), ErrSyntax, 3},
		{"bad quote", p, config + head + `"CO` + "\n", ErrSyntax, 3},
		{"another plan", other, good, ErrMismatchedActuals, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.p.ReadReviewCSV(strings.NewReader(tt.data))
			var pe *ParseError
			if !errors.Is(err, tt.want) || !errors.As(err, &pe) {
				t.Fatalf("ReadReviewCSV() = %v, want a ParseError wrapping %v", err, tt.want)
			}
			if tt.line > 0 && pe.Line != tt.line {
				t.Errorf("error on line %d, want %d: %v", pe.Line, tt.line, err)
			}
			if !strings.HasPrefix(err.Error(), "target: ") || strings.Count(err.Error(), "target: ") != 1 {
				t.Errorf("error %q lacks the single package prefix", err)
			}
		})
	}
}

func TestReadReviewWideCSVErrors(t *testing.T) {
	p := reviewPlan(t)
	rev, err := NewReview(p, copyPlan(p, 1), ReviewConfig{AsOf: endOf(2027, time.February)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rev.WriteWideCSV(&buf, ReviewCSV{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	config, head, body := lines[0], lines[1], strings.Join(lines[2:], "")
	tests := []struct {
		name, data string
		want       error
	}{
		{"column missing", config + strings.Replace(head, ",landing", "", 1) + body, ErrSyntax},
		{"column twice", config + strings.Replace(head, "landing", "annual plan", 1) + body, ErrSyntax},
		{"month after as-of", config + strings.Replace(head, "QTD plan", "2027-03 plan", 1) + body, ErrSyntax},
		{"row missing", config + head + strings.Join(lines[3:], ""), ErrSyntax},
		{"row twice", config + head + lines[2] + body, ErrSyntax},
		{"edited", config + head + strings.Replace(body, ",on track\n", ",ahead\n", 1), ErrMismatchedActuals},
		{"long file", config + strings.Join(strings.SplitAfter(func() string {
			var b bytes.Buffer
			_ = rev.WriteCSV(&b)
			return b.String()
		}(), "\n")[1:], ""), ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.ReadReviewWideCSV(strings.NewReader(tt.data))
			var pe *ParseError
			if !errors.Is(err, tt.want) || !errors.As(err, &pe) {
				t.Fatalf("ReadReviewWideCSV() = %v, want a ParseError wrapping %v", err, tt.want)
			}
		})
	}
}

func TestReadReviewJSONErrors(t *testing.T) {
	p := reviewPlan(t)
	rev, err := NewReview(p, copyPlan(p, 1), ReviewConfig{AsOf: endOf(2027, time.February)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := rev.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	good := string(b)
	tests := []struct {
		name, data, field string
		want              error
	}{
		{"not JSON", "{", "", ErrSyntax},
		{"unknown field", strings.Replace(good, `"asOf"`, `"x":1,"asOf"`, 1), "", ErrSyntax},
		{"two documents", good + good, "", ErrSyntax},
		{"version", strings.Replace(good, `"version":1`, `"version":3`, 1), "config", ErrSyntax},
		{"as-of edited", strings.Replace(good, `"asOf":"2027-02-28","timeProgress"`, `"asOf":"2027-02-27","timeProgress"`, 1), "asOf", ErrMismatchedActuals},
		{"config as-of outside", strings.Replace(good, `"version":1,"asOf":"2027-02-28"`, `"version":1,"asOf":"2026-02-28"`, 1), "config", ErrInvalidPeriod},
		{"unknown node", strings.Replace(good, `"path":"CO/B"`, `"path":"CO/X"`, 1), "nodes[4].path", ErrUnknownNode},
		{"node twice", strings.Replace(good, `"path":"CO/B"`, `"path":"CO/A"`, 1), "nodes[4].path", ErrSyntax},
		{"unknown metric", strings.Replace(good, `"expense":`, `"units":`, 1), "nodes[0].metrics", ErrUnknownMetric},
		{"edited actual", strings.Replace(good, `"actual":"200"`, `"actual":"201"`, 1), "nodes[0].metrics.expense.rows[2]", ErrMismatchedActuals}, // metrics by name: QTD of expense comes first
		{"edited forecast", strings.Replace(good, `"landing":"on track"`, `"landing":"ahead"`, 1), "nodes[0].metrics.collection.progress", ErrMismatchedActuals},
		{"not a multiple", strings.Replace(good, `"window":"2027-01","plan":"50","actual":"50"`, `"window":"2027-01","plan":"50","actual":"50.5"`, 1), "nodes[1].metrics.expense.rows[0].actual", ErrNotMultiple},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.data == good {
				t.Fatal("the case does not change the document")
			}
			_, err := p.ReadReviewJSON(strings.NewReader(tt.data))
			var pe *ParseError
			if !errors.Is(err, tt.want) || !errors.As(err, &pe) {
				t.Fatalf("ReadReviewJSON() = %v, want a ParseError wrapping %v", err, tt.want)
			}
			if tt.field != "" && pe.Field != tt.field {
				t.Errorf("error in field %q, want %q: %v", pe.Field, tt.field, err)
			}
		})
	}
}

// fuzzReview is the review the fuzz targets read files against.
func fuzzReview(f *testing.F) *Review {
	p := MustNewPlan(Spec{
		Tree:     MustNewTree([]Node{{ID: "CO"}, {ID: "A", Parent: "CO"}, {ID: "A1", Parent: "A"}, {ID: "B", Parent: "CO"}}),
		Calendar: Calendar{StartYear: 2027}, Unit: dec("0.01"),
		Targets:        []Target{{Metric: Revenue, Annual: dec("1200")}, {Metric: Expense, Annual: dec("600")}},
		DefaultProfile: Profile{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	})
	a := p.NewActuals()
	for _, c := range []struct {
		node string
		m    Metric
		k    Period
		v    string
	}{{"A1", Revenue, M1, "90"}, {"B", Revenue, M1, "120.5"}, {"A1", Expense, M2, "40"}, {"A", Revenue, M2, "75"}} {
		if err := a.Set(c.node, c.m, c.k, dec(c.v)); err != nil {
			f.Fatal(err)
		}
	}
	rev, err := NewReview(p, a, ReviewConfig{AsOf: time.Date(2027, 2, 10, 0, 0, 0, 0, time.UTC), WorkingDays: true})
	if err != nil {
		f.Fatal(err)
	}
	return rev
}

func FuzzReadReviewCSV(f *testing.F) {
	rev := fuzzReview(f)
	var buf bytes.Buffer
	if err := rev.WriteCSV(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.String())
	f.Add(strings.ReplaceAll(buf.String(), ".00,", ","))
	f.Add(utf8BOM + buf.String()[:300])
	f.Add(`"#review {""version"":1,""asOf"":""2027-01-31""}"` + "\npath,level,metric,window\n")
	f.Fuzz(func(t *testing.T, data string) {
		checkReviewRead(t, data, rev.p.ReadReviewCSV, func(q *Review, b *bytes.Buffer) error { return q.WriteCSV(b) })
	})
}

func FuzzReadReviewWideCSV(f *testing.F) {
	rev := fuzzReview(f)
	for _, opt := range []ReviewCSV{{}, {Lang: "zh", BOM: true}} {
		var buf bytes.Buffer
		if err := rev.WriteWideCSV(&buf, opt); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.String())
	}
	f.Add(`"#review {""version"":1,""asOf"":""2027-01-31""}"` + "\npath,level,name,metric,2027-01 plan\n")
	f.Fuzz(func(t *testing.T, data string) {
		checkReviewRead(t, data, rev.p.ReadReviewWideCSV, func(q *Review, b *bytes.Buffer) error { return q.WriteWideCSV(b, ReviewCSV{Lang: "zh"}) })
	})
}

func FuzzReadReviewJSON(f *testing.F) {
	rev := fuzzReview(f)
	b, err := rev.MarshalJSON()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add(`{"asOf":"2027-02-10","config":{"version":1,"asOf":"2027-02-10","thresholds":{"ahead":1.05,"onTrack":0.97,"behind":0.9},"lowerIsBetter":[]},"nodes":[]}`)
	f.Fuzz(func(t *testing.T, data string) {
		checkReviewRead(t, data, rev.p.ReadReviewJSON, func(q *Review, b *bytes.Buffer) error {
			js, err := q.MarshalJSON()
			b.Write(js)
			return err
		})
	})
}

// checkReviewRead is the property of the review fuzz targets: an error is
// a ParseError or wraps one of the package's sentinels, never a panic; a
// review read writes a file that reads back as the same review.
func checkReviewRead(t *testing.T, data string, read func(io.Reader) (*Review, error), write func(*Review, *bytes.Buffer) error) {
	q, err := read(strings.NewReader(data))
	if err != nil {
		if !strings.HasPrefix(err.Error(), "target: ") {
			t.Fatalf("error %q lacks the package prefix", err)
		}
		return
	}
	var b1 bytes.Buffer
	if err := write(q, &b1); err != nil {
		t.Fatal(err)
	}
	q2, err := read(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatalf("reading the written review: %v", err)
	}
	var b2 bytes.Buffer
	if err := write(q2, &b2); err != nil || b1.String() != b2.String() {
		t.Fatalf("a review read back writes another file (%v)", err)
	}
}
