package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/salesgrowth/salesgrowth/examples/internal/golden"
	"github.com/salesgrowth/salesgrowth/examples/internal/northwind"
	"github.com/salesgrowth/salesgrowth/target"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestRunGolden(t *testing.T) {
	golden.Run(t, run, *update,
		golden.Case{Name: "monthlyreview"},
		golden.Case{Name: "monthlyreview_january_workdays", Args: []string{"-month", "1", "-workdays"}},
		golden.Case{Name: "monthlyreview_december", Args: []string{"-month", "12"}},
		golden.Case{Name: "monthlyreview_zh", Args: []string{"-lang", "zh"}},
		golden.Case{Name: "monthlyreview_zh_wan", Args: []string{"-lang", "zh", "-wan"}},
	)
}

func TestRunWritesFiles(t *testing.T) {
	dir := t.TempDir()
	csvPath, jsonPath := filepath.Join(dir, "review.csv"), filepath.Join(dir, "review.json")
	var out bytes.Buffer
	if err := run(&out, []string{"-csv", csvPath, "-json", jsonPath}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	// The configuration row, a header and 40 nodes × 4 metrics × (7 months
	// + QTD + YTD) rows.
	if got, want := len(lines), 2+40*4*9; got != want {
		t.Errorf("review CSV has %d lines, want %d", got, want)
	}
	j, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		AsOf  string            `json:"asOf"`
		Nodes []json.RawMessage `json:"nodes"`
	}
	if err := json.Unmarshal(j, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.AsOf != "2027-07-31" || len(doc.Nodes) != 40 {
		t.Errorf("JSON review as of %s with %d nodes", doc.AsOf, len(doc.Nodes))
	}
}

// TestRunWritesWideCSV checks that the wide review CSV, in Chinese with a
// byte-order mark, opens as a spreadsheet table and reads back, with the
// long CSV, as the same review of the Northwind plan.
func TestRunWritesWideCSV(t *testing.T) {
	dir := t.TempDir()
	wide, long := filepath.Join(dir, "wide.csv"), filepath.Join(dir, "long.csv")
	var out bytes.Buffer
	if err := run(&out, []string{"-lang", "zh", "-bom", "-wide-csv", wide, "-csv", long}); err != nil {
		t.Fatal(err)
	}
	c, err := northwind.Build(northwind.Options{Season: target.YearlyShares})
	if err != nil {
		t.Fatal(err)
	}
	read := func(path string, read func(io.Reader) (*target.Review, error)) []byte {
		t.Helper()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rev, err := read(f)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		var b bytes.Buffer
		if err := rev.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	b, _ := os.ReadFile(wide)
	lines := strings.Split(string(b), "\n")
	if !strings.HasPrefix(lines[0], "\ufeff\"#review ") || !strings.HasPrefix(lines[1], "路径,层级,名称,指标,2027-01 计划,2027-01 实际") ||
		len(lines) != 2+4*40+1 {
		t.Errorf("wide review CSV starts %q, %q; %d lines", lines[0][:min(len(lines[0]), 20)], lines[1][:min(len(lines[1]), 60)], len(lines))
	}
	if !bytes.Equal(read(wide, c.Plan.ReadReviewWideCSV), read(long, c.Plan.ReadReviewCSV)) {
		t.Error("the wide and the long CSV hold different reviews")
	}
}

func TestRunErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("node,metric,period,amount\nNOPE,revenue,2027-01,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-month", "13"}, {"-actuals", bad}, {"-actuals", filepath.Join(t.TempDir(), "missing.csv")}} {
		var out bytes.Buffer
		if err := run(&out, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

// TestReportWidth checks that the report fits a 132-column terminal or
// printout, and that a review at the end of the year shows no run rate for
// a next month that does not exist.
func TestReportWidth(t *testing.T) {
	for _, args := range [][]string{nil, {"-month", "1", "-workdays"}, {"-month", "12"}} {
		var out bytes.Buffer
		if err := run(&out, args); err != nil {
			t.Fatal(err)
		}
		for k, line := range strings.Split(out.String(), "\n") {
			if n := len([]rune(line)); n > 132 {
				t.Errorf("run(%q) line %d is %d columns wide, want at most 132: %q", args, k+1, n, line)
			}
		}
		if len(args) == 2 && args[1] == "12" {
			inTable := false
			for _, line := range strings.Split(out.String(), "\n") {
				switch {
				case strings.Contains(line, "next month (seasonal)"):
					inTable = true
				case strings.TrimSpace(line) == "":
					inTable = false
				case inTable:
					if f := strings.Fields(line); f[len(f)-1] != "-" || f[len(f)-2] != "-" {
						t.Errorf("December review shows a run rate for a month after the year: %q", line)
					}
				}
			}
		}
	}
}

// TestRunCharts renders the review's charts in both formats and compares
// the SVGs, English and Chinese, with their golden files.
func TestRunCharts(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		svgs, _ := golden.Charts(t, run, []string{"-lang", lang}, "plan_vs_actual", "variance_waterfall")
		for name, svg := range svgs {
			golden.Check(t, "chart_"+name+"_"+lang+".svg", svg, *update)
		}
	}
}
