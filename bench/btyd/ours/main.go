// Command ours is the Go side of the BTYD side-by-side benchmark against
// ../shared/bench/btyd_run.py: it reads the same raw little-endian float64
// file (rows of x, t_x, T, or x, mean spend for gg), runs the workload and
// prints the compute seconds, the parameters and the log-likelihood (fits)
// or the sums of P(alive) and of the conditional expectations over 39
// weeks (predictions), in the peer's layout, so the answers can be compared.
//
//	go run ./bench/btyd/ours [-reps N] [-cpuprofile F] {bgnbd|pnbd|gg|predict_bgnbd|predict_pnbd} FILE
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/pprof"
	"time"

	"github.com/salesgrowth/salesgrowth/clp"
)

func main() {
	reps := flag.Int("reps", 1, "repetitions")
	profile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: ours [-reps N] [-cpuprofile F] {bgnbd|pnbd|gg|predict_bgnbd|predict_pnbd} FILE")
		os.Exit(2)
	}
	wl, path := flag.Arg(0), flag.Arg(1)
	t0 := time.Now()
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cols := 3
	if wl == "gg" {
		cols = 2
	}
	if len(raw)%(8*cols) != 0 {
		fmt.Fprintf(os.Stderr, "%s: %d bytes is not whole rows of %d float64\n", path, len(raw), cols)
		os.Exit(1)
	}
	v := make([]float64, len(raw)/8)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(raw[8*i:]))
	}
	n := len(v) / cols
	read := time.Since(t0)
	for range *reps {
		if err := run(wl, v, n, read); err != nil {
			fmt.Fprintln(os.Stderr, err)
			pprof.StopCPUProfile()
			os.Exit(1)
		}
	}
}

func run(wl string, v []float64, n int, read time.Duration) error {
	if wl == "gg" {
		x, m := make([]float64, n), make([]float64, n)
		for i := range n {
			x[i], m[i] = v[2*i], v[2*i+1]
		}
		t := time.Now()
		g, err := clp.FitGammaGamma(x, m, nil)
		dt := time.Since(t)
		if err != nil {
			return err
		}
		fmt.Printf("go %s n=%d read=%.4fs compute=%.4fs params=%.6g %.6g %.6g LL=%.6f\n", wl, n, read.Seconds(), dt.Seconds(), g.P, g.Q, g.Gamma, g.LogLikelihood(x, m))
		return nil
	}
	cs := make([]clp.Customer, n)
	for i := range cs {
		cs[i] = clp.Customer{X: v[3*i], Tx: v[3*i+1], T: v[3*i+2]}
	}
	switch wl {
	case "bgnbd", "pnbd":
		// The log-likelihood at the optimum is computed after the clock
		// stops, as the peer does.
		t := time.Now()
		var m clp.PurchaseModel
		var ps []float64
		if wl == "bgnbd" {
			bg, err := clp.FitBGNBD(cs, nil)
			if err != nil {
				return err
			}
			m, ps = bg, []float64{bg.R, bg.Alpha, bg.A, bg.B}
		} else {
			pn, err := clp.FitParetoNBD(cs, nil)
			if err != nil {
				return err
			}
			m, ps = pn, []float64{pn.R, pn.Alpha, pn.S, pn.Beta}
		}
		dt := time.Since(t)
		fmt.Printf("go %s n=%d read=%.4fs compute=%.4fs params=%.6g %.6g %.6g %.6g LL=%.6f\n", wl, n, read.Seconds(), dt.Seconds(), ps[0], ps[1], ps[2], ps[3], m.LogLikelihood(cs))
	case "predict_bgnbd", "predict_pnbd":
		var m clp.TransactionModel = clp.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
		if wl == "predict_pnbd" {
			m = clp.ParetoNBD{R: 0.553, Alpha: 10.578, S: 0.606, Beta: 11.669}
		}
		pa, e := make([]float64, n), make([]float64, n)
		t := time.Now()
		if err := clp.ScoreAll(m, 39, cs, pa, e); err != nil {
			return err
		}
		dt := time.Since(t)
		var sp, se float64
		for i := range pa {
			sp += pa[i]
			se += e[i]
		}
		fmt.Printf("go %s n=%d read=%.4fs compute=%.4fs sum_palive=%.6f sum_expected=%.6f\n", wl, n, read.Seconds(), dt.Seconds(), sp, se)
	default:
		return fmt.Errorf("unknown workload %q", wl)
	}
	return nil
}
