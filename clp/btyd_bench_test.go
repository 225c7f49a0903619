package clp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkFit fits BG/NBD and Pareto/NBD to the CDNOW sample (2,357
// customers) and to the summaries of the master log (23,570 customers).
func BenchmarkFit(b *testing.B) {
	sample, _ := cdnowCBS(b)
	master := masterSummaries(b)
	for _, data := range []struct {
		name string
		cs   []Customer
	}{{"cdnow-sample", sample}, {"cdnow-master", master}} {
		b.Run("bgnbd/"+data.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := FitBGNBD(data.cs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("paretonbd/"+data.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := FitParetoNBD(data.cs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// masterSummaries summarises the CDNOW master log (calibration to
// 1997-09-30), skipping when it is absent.
func masterSummaries(b *testing.B) []Customer {
	f, err := os.Open(filepath.Join("..", "..", "shared", "data", "cdnow_master_elog.txt"))
	if err != nil {
		b.Skipf("reference data not available: %v", err)
	}
	defer f.Close()
	ev, err := ReadEvents(f, LogFormat{CustomerColumn: "customer_id", DateColumn: "date", AmountColumn: "dollar_value", Whitespace: true})
	if err != nil {
		b.Fatal(err)
	}
	ss, err := Summarize(ev, SummaryOptions{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	return Customers(ss)
}

// simulatedBase returns n BG/NBD customers acquired over twelve weeks and
// observed to week 39, with purchase times on days.
func simulatedBase(n int) []Customer {
	m := BGNBD{0.243, 4.414, 0.793, 2.426}
	src := rand.NewPCG(uint64(n), 3)
	var cs []Customer
	for k := range 12 {
		cs = append(cs, m.Simulate(n/12, 39-float64(k)*7/7, 1.0/7, src)...)
	}
	return cs
}

// BenchmarkFitSimulated fits BG/NBD to a million simulated customers.
func BenchmarkFitSimulated(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		cs := simulatedBase(n)
		b.Run(fmt.Sprintf("bgnbd/customers=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := FitBGNBD(cs, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPredict scores a million customers: P(alive) and the expected
// purchases of the next 39 weeks, for BG/NBD and Pareto/NBD.
func BenchmarkPredict(b *testing.B) {
	cs := simulatedBase(1_000_000)
	bg := BGNBD{0.243, 4.414, 0.793, 2.426}
	pn := ParetoNBD{0.553, 10.578, 0.606, 11.669}
	alive := make([]float64, len(cs))
	next := make([]float64, len(cs))
	b.Run("bgnbd/customers=1000000", func(b *testing.B) {
		for b.Loop() {
			for i, c := range cs {
				alive[i], next[i] = bg.Predict(39, c)
			}
		}
	})
	b.Run("paretonbd/customers=1000000", func(b *testing.B) {
		for b.Loop() {
			for i, c := range cs {
				alive[i], next[i] = pn.Predict(39, c)
			}
		}
	})
}
