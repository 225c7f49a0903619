package main

import (
	"bytes"
	"flag"
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
