package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
	"github.com/salesgrowth/salesgrowth/target"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "annualplan"},
		golden.Case{Name: "annualplan_independent", Args: []string{"-linked=false"}},
		golden.Case{Name: "annualplan_moving_average", Args: []string{"-season", "moving-average-ratio"}},
		golden.Case{Name: "annualplan_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "annualplan_zh_wan", Args: []string{"-lang", "zh", "-wan", "-linked=false"}},
	)
}

func TestRunWritesFiles(t *testing.T) {
	dir := t.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "plan.csv"), filepath.Join(dir, "plan.json")
	var out bytes.Buffer
	if err := run(&out, []string{"-csv", csvPath, "-json", jsonPath}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := target.ReadCSV(f, decimal.Zero)
	if err != nil {
		t.Fatalf("ReadCSV(written plan) error: %v", err)
	}
	if mm := p.Check(); len(mm) != 0 {
		t.Errorf("written CSV plan has %d mismatches, first %v", len(mm), mm[0])
	}
	if got := p.Tree().Len(); got != 40 {
		t.Errorf("written CSV plan has %d nodes, want 40", got)
	}
	j, err := os.Open(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	q, err := target.ReadJSON(j)
	if err != nil {
		t.Fatalf("ReadJSON(written plan) error: %v", err)
	}
	if !q.Locked("BOREAL", target.Revenue, target.FY) {
		t.Error("JSON plan lost the lock on BOREAL")
	}
	for _, m := range p.Metrics() {
		a, _ := p.Amount("NW", m, target.FY)
		b, _ := q.Amount("NW", m, target.FY)
		if !a.Equal(b) {
			t.Errorf("%s FY: CSV %s, JSON %s", m, a, b)
		}
	}
}

func TestRunBadFlag(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, []string{"-season", "nonsense"}); err == nil {
		t.Error("run(-season nonsense) succeeded, want an error")
	}
}

// TestRunCharts renders every chart of the example in both formats and
// compares the SVGs, English and Chinese, with their golden files.
func TestRunCharts(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		svgs, _ := golden.Charts(t, run, []string{"-lang", lang}, "plan_by_region", "metrics_by_quarter")
		for name, svg := range svgs {
			golden.Check(t, "chart_"+name+"_"+lang+".svg", svg, *update)
		}
	}
}

// TestRunWritesWideCSV checks that the wide CSV, with a byte-order mark and
// Chinese headers, reads back as the plan the long CSV holds.
func TestRunWritesWideCSV(t *testing.T) {
	dir := t.TempDir()
	wide, long := filepath.Join(dir, "wide.csv"), filepath.Join(dir, "long.csv")
	var out bytes.Buffer
	if err := run(&out, []string{"-lang", "zh", "-bom", "-wide-csv", wide, "-csv", long}); err != nil {
		t.Fatal(err)
	}
	read := func(path string, reader func(io.Reader, decimal.Decimal) (*target.Plan, error)) *target.Plan {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		p, err := reader(f, decimal.Zero)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return p
	}
	b, _ := os.ReadFile(wide)
	if !bytes.HasPrefix(b, []byte("\ufeff")) || !bytes.Contains(b, []byte("路径,层级,名称,指标")) {
		t.Errorf("wide CSV starts %q", b[:min(len(b), 80)])
	}
	if !read(wide, target.ReadWideCSV).Equal(read(long, target.ReadCSV)) {
		t.Error("the wide and the long CSV hold different plans")
	}
}
