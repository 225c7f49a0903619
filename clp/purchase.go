package clp

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"
)

// PurchaseModel is the one contract of the four fitted non-contractual
// purchase models — [BGNBD], [MBGNBD], [ParetoNBD] and [BGBB] (BG/BB counts
// time in opportunities): the probability that a customer is alive, the
// expected purchases of a new customer and of a customer with a history, the
// distribution of purchases, both predictions at once, the log-likelihood
// of customers and the simulation of new ones.
//
// The methods without an error return give NaN outside their
// precondition (positive finite parameters, a customer that passes
// [Customer.Validate], a finite non-negative horizon); [Score],
// [ScoreAll] and SimulateCustomers are the checked forms.
type PurchaseModel interface {
	TransactionModel
	// ExpectedPurchases is E[X(t)] for a customer new at time 0.
	ExpectedPurchases(t float64) float64
	// ProbPurchases is P(X(t) = n) for a new customer.
	ProbPurchases(n int, t float64) float64
	// Predict is PAlive(c) and ConditionalExpectedPurchases(t, c) in one
	// call.
	Predict(t float64, c Customer) (pAlive, expected float64)
	// LogLikelihood is the log-likelihood of customers (NaN when one is
	// invalid).
	LogLikelihood(cs []Customer) float64
	// SimulateCustomers draws n customers observed over horizon time units
	// (whole opportunities for BG/BB) with continuous purchase times, with
	// randomness only from src.
	SimulateCustomers(n int, horizon float64, src rand.Source) ([]Customer, error)
}

var (
	_ PurchaseModel = BGNBD{}
	_ PurchaseModel = MBGNBD{}
	_ PurchaseModel = ParetoNBD{}
	_ PurchaseModel = BGBB{}
)

// Expected is the checked form of ExpectedPurchases: E[X(t)] for a new
// customer under m, over t time units (opportunities for BG/BB). Errors
// wrap [ErrInvalidData] (parameters that are not positive and finite, a
// negative or non-finite t) or [ErrNotFinite] (no finite answer at these
// parameters).
func Expected(m PurchaseModel, t float64) (_ float64, err error) {
	defer wrapErr(&err)
	if err := validFor(m, Customer{T: 1}); err != nil {
		return 0, fmt.Errorf("expected purchases: %w", err)
	}
	if !(t >= 0) || math.IsInf(t, 0) {
		return 0, fmt.Errorf("expected purchases: horizon %v: %w", t, ErrInvalidData)
	}
	e := m.ExpectedPurchases(t)
	if !(e >= 0) || math.IsInf(e, 0) {
		return 0, fmt.Errorf("expected purchases: E[X(%v)] = %v under %+v: %w", t, e, m, ErrNotFinite)
	}
	return e, nil
}

// MaxPMF bounds the counts [PMF] returns.
const MaxPMF = 1 << 20

// PMF is the checked form of ProbPurchases: P(X(t) = n) for n = 0 … maxN
// for a new customer under m. Each probability is in [0, 1] and their sum
// at most one (within 1e-9); anything else, or parameters and arguments out
// of range (maxN above [MaxPMF]), is an error wrapping [ErrNotFinite] or
// [ErrInvalidData].
func PMF(m PurchaseModel, t float64, maxN int) (_ []float64, err error) {
	defer wrapErr(&err)
	if err := validFor(m, Customer{T: 1}); err != nil {
		return nil, fmt.Errorf("pmf: %w", err)
	}
	if !(t >= 0) || math.IsInf(t, 0) || maxN < 0 || maxN > MaxPMF {
		return nil, fmt.Errorf("pmf: horizon %v, counts 0 … %d: %w", t, maxN, ErrInvalidData)
	}
	out := make([]float64, maxN+1)
	sum := 0.0
	for n := range out {
		p := m.ProbPurchases(n, t)
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("pmf: P(X(%v) = %d) = %v under %+v: %w", t, n, p, m, ErrNotFinite)
		}
		out[n] = p
		sum += p
	}
	if sum > 1+1e-9 {
		return nil, fmt.Errorf("pmf: probabilities sum to %v under %+v: %w", sum, m, ErrNotFinite)
	}
	return out, nil
}

// MaxSimulated bounds the customers SimulateCustomers draws in one call.
const MaxSimulated = 50_000_000

// checkSimulation validates the arguments shared by the simulators.
func checkSimulation(m TransactionModel, n int, horizon float64) error {
	if err := validFor(m, Customer{T: 1}); err != nil {
		return err
	}
	if n < 0 || n > MaxSimulated {
		return fmt.Errorf("simulate %d customers, want 0 … %d: %w", n, MaxSimulated, ErrInvalidData)
	}
	if !(horizon > 0) || math.IsInf(horizon, 0) {
		return fmt.Errorf("simulation horizon %v, want positive and finite: %w", horizon, ErrInvalidData)
	}
	return nil
}

// SimulateCustomers is the checked form of [BGNBD.Simulate] with
// continuous times. Errors wrap [ErrInvalidData], also when a customer
// reaches [MaxSimulatedPurchases].
func (m BGNBD) SimulateCustomers(n int, horizon float64, src rand.Source) (_ []Customer, err error) {
	defer wrapErr(&err)
	if err := checkSimulation(m, n, horizon); err != nil {
		return nil, err
	}
	return uncapped(simulateDropoutCapped(m.R, m.Alpha, m.A, m.B, false, n, horizon, 0, src))
}

// SimulateCustomers is the checked form of [MBGNBD.Simulate] with
// continuous times. Errors wrap [ErrInvalidData], also when a customer
// reaches [MaxSimulatedPurchases].
func (m MBGNBD) SimulateCustomers(n int, horizon float64, src rand.Source) (_ []Customer, err error) {
	defer wrapErr(&err)
	if err := checkSimulation(m, n, horizon); err != nil {
		return nil, err
	}
	return uncapped(simulateDropoutCapped(m.R, m.Alpha, m.A, m.B, true, n, horizon, 0, src))
}

// SimulateCustomers is the checked form of [ParetoNBD.Simulate] with
// continuous times. Errors wrap [ErrInvalidData], also when a customer
// reaches [MaxSimulatedPurchases].
func (m ParetoNBD) SimulateCustomers(n int, horizon float64, src rand.Source) (_ []Customer, err error) {
	defer wrapErr(&err)
	if err := checkSimulation(m, n, horizon); err != nil {
		return nil, err
	}
	return uncapped(m.simulate(n, horizon, 0, src))
}

func uncapped(cs []Customer, capped bool) ([]Customer, error) {
	if capped {
		return nil, fmt.Errorf("a simulated customer reached %d purchases: the parameters are outside what the simulator models: %w", MaxSimulatedPurchases, ErrInvalidData)
	}
	return cs, nil
}

// SimulateCustomers is the checked form of [BGBB.Simulate]: horizon is the
// number of opportunities, a whole number up to [MaxOpportunities]. Errors
// wrap [ErrInvalidData].
func (m BGBB) SimulateCustomers(n int, horizon float64, src rand.Source) (_ []Customer, err error) {
	defer wrapErr(&err)
	if err := checkSimulation(m, n, horizon); err != nil {
		return nil, err
	}
	if horizon != math.Trunc(horizon) || horizon > MaxOpportunities {
		return nil, fmt.Errorf("bg/bb horizon %v, want a whole number of opportunities up to %d: %w", horizon, MaxOpportunities, ErrInvalidData)
	}
	return m.Simulate(n, int(horizon), src), nil
}

// Predict returns [BGBB.PAlive] and [BGBB.ConditionalExpectedPurchases] of
// customer c over the next ⌊t⌋ opportunities, with the same preconditions.
func (m BGBB) Predict(t float64, c Customer) (pAlive, expected float64) {
	p := m.PAlive(c)
	e := m.ConditionalExpectedPurchases(t, c)
	if math.IsNaN(p) || math.IsNaN(e) {
		return math.NaN(), math.NaN()
	}
	return p, e
}

// ScoreAll is [Score] for every customer of cs at once, into the caller's
// slices pAlive and expected (one entry per customer), split over all
// cores; the result does not depend on the number of cores. The first
// invalid customer in cs order stops it with an error naming the customer
// by position (use [ScoreSummaries] for IDs); dst entries are then
// unspecified. It panics when a destination's length differs from cs's, a
// programmer error.
func ScoreAll(m TransactionModel, t float64, cs []Customer, pAlive, expected []float64) (err error) {
	defer wrapErr(&err)
	if len(pAlive) != len(cs) || len(expected) != len(cs) {
		panic("clp: ScoreAll dst length mismatch")
	}
	return scoreAll(m, t, len(cs), func(i int) Customer { return cs[i] }, func(i int) string { return fmt.Sprintf("customer %d", i+1) }, pAlive, expected)
}

// ScoreSummaries is [ScoreAll] for summaries, whose errors name the
// customer's ID.
func ScoreSummaries(m TransactionModel, t float64, ss []Summary, pAlive, expected []float64) (err error) {
	defer wrapErr(&err)
	if len(pAlive) != len(ss) || len(expected) != len(ss) {
		panic("clp: ScoreSummaries dst length mismatch")
	}
	return scoreAll(m, t, len(ss), func(i int) Customer { return ss[i].Customer }, func(i int) string { return fmt.Sprintf("customer %q", ss[i].ID) }, pAlive, expected)
}

func scoreAll(m TransactionModel, t float64, n int, at func(int) Customer, name func(int) string, pAlive, expected []float64) error {
	vp, fast := m.(validPredictor)
	fast = fast && validFor(m, Customer{T: 1}) == nil && t >= 0 && !math.IsInf(t, 0)
	return parallelFirstWith(n, 4096, func() func(i int) error {
		var predict func(Customer) (float64, float64)
		if bp, ok := m.(batchPredictor); ok && fast {
			predict = bp.newScorer(t)
		} else if fast {
			predict = func(c Customer) (float64, float64) { return vp.predictValid(t, c) }
		}
		return func(i int) error {
			c := at(i)
			if fast && c.valid() {
				// The model and horizon were checked once; Score below
				// handles (and names) whatever this path does not accept.
				if p, e := predict(c); p >= 0 && p <= 1 && e >= 0 && !math.IsInf(e, 0) {
					pAlive[i], expected[i] = p, e
					return nil
				}
			}
			p, e, err := Score(m, t, c)
			if err != nil {
				return fmt.Errorf("%s: %w", name(i), err)
			}
			pAlive[i], expected[i] = p, e
			return nil
		}
	})
}

// batchPredictor is implemented by the [validPredictor] models whose
// predictions over a batch share work between customers: newScorer returns
// an unchecked predictor at horizon t for one goroutine, which may keep
// tables between its calls.
type batchPredictor interface {
	newScorer(t float64) func(c Customer) (pAlive, expected float64)
}

// scorerMaxX bounds the purchase counts x for which a scorer keeps what
// customers with the same x share: 0 ≤ x < scorerMaxX.
const scorerMaxX = 4096

// sharedAt returns the entry of a scorer's per-x tables for count x
// (0 ≤ x < scorerMaxX), growing them with zero entries to hold it.
func sharedAt[T any](byX *[]T, x int) *T {
	if x >= len(*byX) {
		*byX = append(*byX, make([]T, x+1-len(*byX))...)
	}
	return &(*byX)[x]
}

var (
	_ batchPredictor = BGNBD{}
	_ batchPredictor = ParetoNBD{}
)

// parallelFirst runs fn for i = 0 … n−1 on all cores, in contiguous chunks
// of at least minChunk, each chunk stopping at its first error; it returns
// the error of the lowest i that failed, so the answer does not depend on
// the number of cores.
func parallelFirst(n, minChunk int, fn func(i int) error) error {
	return parallelFirstWith(n, minChunk, func() func(i int) error { return fn })
}

// parallelFirstWith is [parallelFirst] with a function of its own for each
// goroutine, made by newFn on it. The goroutines take the chunks in turn
// from a counter, sixteen per core where n allows, so that a core the
// machine slows down (another process, a hypervisor's steal) takes fewer
// of them instead of holding up the whole batch; chunks after one that
// failed are skipped.
func parallelFirstWith(n, minChunk int, newFn func() func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/minChunk))
	size := max(minChunk, (n+16*workers-1)/(16*workers))
	chunks := max(1, (n+size-1)/size)
	if workers == 1 {
		fn := newFn()
		for i := range n {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, chunks)
	var next, failed atomic.Int64
	failed.Store(int64(chunks))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := newFn()
			for {
				c := next.Add(1) - 1
				if c >= int64(chunks) || c > failed.Load() {
					return
				}
				for i := int(c) * size; i < min(n, int(c+1)*size); i++ {
					if err := fn(i); err != nil {
						errs[c] = err
						for f := failed.Load(); c < f && !failed.CompareAndSwap(f, c); f = failed.Load() {
						}
						break
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// LifetimeValues is [LifetimeValue] for every summary at once, each with
// its own X and MeanSpend, into the caller's dst (one entry per summary),
// split over all cores; the result does not depend on the number of cores.
// The first summary in ss order that fails stops it with an error naming
// its ID; dst entries are then unspecified. It panics when dst's length
// differs from ss's, a programmer error.
func LifetimeValues(m TransactionModel, gg GammaGamma, ss []Summary, cfg ValueConfig, dst []decimal.Decimal) (err error) {
	defer wrapErr(&err)
	if len(dst) != len(ss) {
		panic("clp: LifetimeValues dst length mismatch")
	}
	return parallelFirst(len(ss), 1024, func(i int) error {
		v, err := LifetimeValue(m, gg, ss[i].Customer, ss[i].MeanSpend, cfg)
		if err != nil {
			return fmt.Errorf("customer %q: %w", ss[i].ID, err)
		}
		dst[i] = v
		return nil
	})
}

// TopN returns the indexes of the n largest values, largest first (ties by
// index); all of them, sorted, when n ≥ len(values) and none when n ≤ 0.
// NaN values sort last.
func TopN(values []float64, n int) []int {
	if n <= 0 {
		return nil
	}
	idx := make([]int, len(values))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		x, y := values[a], values[b]
		switch {
		case math.IsNaN(x) && math.IsNaN(y):
			return 0
		case math.IsNaN(x):
			return 1
		case math.IsNaN(y):
			return -1
		}
		return cmp.Compare(y, x)
	})
	return idx[:min(n, len(idx))]
}

// PerPeriodRetention converts an annual retention rate into the retention
// per period of a year divided into periodsPerYear equal periods (12 for
// months, 52 for weeks): annual^(1/periodsPerYear), the rate that compounds
// to the annual one. 0.85 a year is 0.98655 a month; typing 0.85 as the
// monthly retention instead would keep 14 % of customers after a year, not
// 85 %. Errors wrap [ErrInvalidRetention] (annual outside [0, 1]: 85 for
// 85 % is refused) or [ErrInvalidData] (periodsPerYear < 1).
func PerPeriodRetention(annual float64, periodsPerYear int) (_ float64, err error) {
	defer wrapErr(&err)
	if !(annual >= 0 && annual <= 1) {
		return 0, fmt.Errorf("annual retention %v, want a fraction in [0, 1] (0.85 for 85 %%): %w", annual, ErrInvalidRetention)
	}
	if periodsPerYear < 1 {
		return 0, fmt.Errorf("%d periods a year: %w", periodsPerYear, ErrInvalidData)
	}
	return math.Pow(annual, 1/float64(periodsPerYear)), nil
}

// badArgs reports parameters that are not positive and finite, or a time
// that is NaN or infinite: the unchecked predictions' NaN cases.
func badArgs(t float64, params ...float64) bool {
	return math.IsNaN(t) || math.IsInf(t, 0) || !positive(params...)
}
