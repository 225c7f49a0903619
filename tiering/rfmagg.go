package tiering

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// custAgg is one customer's purchases up to the as-of date.
type custAgg struct {
	id   string
	last int // day number of the last purchase
	n    int // purchases
	sum  money.Acc
}

// logRec is one event of the log reduced to what the aggregation needs.
type logRec struct {
	id  string // the customer
	h   uint64 // hash of id
	day int32  // day number of the event
	cnt int64  // amount in units
}

// custTable is the open-addressing table of one partition's customers.
type custTable struct {
	slots []int32  // 0 is empty, else 1 + index into aggs
	hs    []uint64 // hash of each customer's ID
	aggs  []custAgg
}

// add counts one record of customer id.
func (t *custTable) add(r logRec) {
	id := r.id
	if 2*(len(t.aggs)+1) > len(t.slots) { // keep the load at most one half
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := r.h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.aggs = append(t.aggs, custAgg{id: id, last: int(r.day), n: 1})
			t.aggs[len(t.aggs)-1].sum.Add(r.cnt)
			t.hs = append(t.hs, r.h)
			t.slots[i] = int32(len(t.aggs))
			return
		}
		if a := &t.aggs[s-1]; t.hs[s-1] == r.h && a.id == id {
			a.last = max(a.last, int(r.day))
			a.n++
			a.sum.Add(r.cnt)
			return
		}
	}
}

// grow doubles the slots and re-inserts the customers.
func (t *custTable) grow() {
	t.slots = make([]int32, max(64, 2*len(t.slots)))
	mask := uint64(len(t.slots) - 1)
	for k, h := range t.hs {
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

// maxLogEvents bounds the events of one log (their indexes are int32).
const maxLogEvents = math.MaxInt32

// logBlock is the number of events reduced to records at a time: the
// scratch space is two blocks of records however long the log.
const logBlock = 1 << 20

// aggregateLog groups the events up to day asOf by customer, in parallel
// over the cores. The customers are spread over partitions by the top
// bits of their ID's hash, each partition small enough for the cache. The
// log is read block events at a time: the workers reduce their runs of the
// block to records and deal them by partition (a radix partition), then
// each partition's records update its table, partitions in parallel. At
// the end each partition is sorted by ID; [mergeSorted] merges them.
//
// The result is sorted by customer ID and depends neither on the number of
// workers nor on hash: the first invalid event of the log is the one
// reported, a customer's aggregate is a maximum, a count and an exact sum,
// and a hash only decides where an ID is looked for, never which IDs are
// equal.
func aggregateLog(events []Event, asOf int, unit money.Unit, hash func(string) uint64, block int) ([][]custAgg, error) {
	n := len(events)
	if n > maxLogEvents {
		return nil, fmt.Errorf("rfm: %d events, at most %d: %w", n, maxLogEvents, ErrInvalidOption)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, n/(1<<15)))
	// About 16,384 events a partition, at most 1,024 partitions (more
	// write streams than that thrash the TLB while dealing).
	pbits := min(10, bits.Len(uint(n/16384)))
	parts := 1 << pbits
	shift := uint(64 - pbits)
	partOf := func(h uint64) int {
		if pbits == 0 {
			return 0
		}
		return int(h >> shift)
	}

	tables := make([]custTable, parts)
	block = max(1, min(n, block))
	local := make([][]logRec, workers) // each worker's records of the block
	counts := make([][]int, workers)
	for w := range workers {
		local[w] = make([]logRec, block/workers+1)
		counts[w] = make([]int, parts)
	}
	dealt := make([]logRec, block)
	next := make([][]int, workers) // per worker, where its next record of each partition goes
	for w := range next {
		next[w] = make([]int, parts)
	}
	start := make([]int, parts+1)
	errs := make([]error, workers)
	for b := 0; b < n; b += block {
		e := min(n, b+block)
		parallel(workers, func(w int) {
			lo, hi := b+w*(e-b)/workers, b+(w+1)*(e-b)/workers
			rs, c := local[w][:hi-lo], counts[w]
			clear(c)
			// Two passes over the run: hashing the IDs alone keeps many
			// loads of their bytes in flight at once; with the rest of the
			// work in the same loop they would wait for memory one by one.
			for k := lo; k < hi; k++ {
				id := events[k].Customer
				if id == "" {
					errs[w] = fmt.Errorf("rfm: event %d: no customer: %w", k+1, ErrInvalidOption)
					hi = k // an earlier bad event in the second pass comes first
					break
				}
				rs[k-lo] = logRec{id: id, h: hash(id)}
			}
			j := 0
			for k := lo; k < hi; k++ {
				ev := &events[k]
				d := dayNumber(ev.Date)
				if d > asOf {
					continue
				}
				if d < math.MinInt32 {
					errs[w] = fmt.Errorf("rfm: event %d of %q: date %s out of range: %w", k+1, ev.Customer, ev.Date, ErrInvalidOption)
					return
				}
				cnt, err := unit.Count(ev.Amount)
				if err != nil {
					errs[w] = fmt.Errorf("rfm: event %d of %q: amount %s: %v: %w", k+1, ev.Customer, ev.Amount, err, ErrInvalidAmount)
					return
				}
				r := rs[k-lo]
				r.day, r.cnt = int32(d), cnt
				rs[j] = r
				j++
				c[partOf(r.h)]++
			}
			local[w] = rs[:j]
		})
		for _, err := range errs { // the runs are in log order: the first error is the log's first
			if err != nil {
				return nil, err
			}
		}
		// Deal: worker w writes its records of a partition after those of
		// the workers before it, so a partition's records stay in log order.
		pos := 0
		for p := range parts {
			start[p] = pos
			for w := range workers {
				next[w][p] = pos
				pos += counts[w][p]
			}
		}
		start[parts] = pos
		parallel(workers, func(w int) {
			nx := next[w]
			for _, r := range local[w] {
				p := partOf(r.h)
				dealt[nx[p]] = r
				nx[p]++
			}
		})
		parallel(workers, func(w int) {
			for p := w; p < parts; p += workers {
				t := &tables[p]
				for _, r := range dealt[start[p]:start[p+1]] {
					t.add(r)
				}
			}
		})
	}
	local, dealt = nil, nil
	groups := make([][]custAgg, parts)
	parallel(workers, func(w int) {
		for p := w; p < parts; p += workers {
			g := tables[p].aggs
			slices.SortFunc(g, func(a, b custAgg) int { return strings.Compare(a.id, b.id) })
			groups[p] = g
			tables[p] = custTable{aggs: g}
		}
	})
	return groups, nil
}

// parallel runs f(0) … f(workers−1) at once and waits for them.
func parallel(workers int, f func(w int)) {
	if workers == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	wg.Add(workers)
	for w := range workers {
		go func() {
			defer wg.Done()
			f(w)
		}()
	}
	wg.Wait()
}

// mergeSorted calls emit with the customers of lists, each sorted by ID
// with no ID in two lists, in ID order, and returns their number. A
// tournament tree of losers merges them: each customer costs about
// log2(len(lists)) comparisons.
func mergeSorted(lists [][]custAgg, emit func(*custAgg)) int {
	total := 0
	for _, l := range lists {
		total += len(l)
	}
	k := len(lists)
	switch k {
	case 0:
		return 0
	case 1:
		for i := range lists[0] {
			emit(&lists[0][i])
		}
		return total
	}
	pos := make([]int, k)
	before := func(a, b int) bool { // list a's head comes before list b's; an exhausted list comes last
		if pos[a] == len(lists[a]) {
			return false
		}
		if pos[b] == len(lists[b]) {
			return true
		}
		return lists[a][pos[a]].id < lists[b][pos[b]].id
	}
	// Nodes 1 … k−1 of a heap-ordered tree hold the loser of their match,
	// leaf k+i is list i; loser[0] is the overall winner.
	loser := make([]int, k)
	win := make([]int, 2*k)
	for i := range k {
		win[k+i] = i
	}
	for node := k - 1; node >= 1; node-- {
		a, b := win[2*node], win[2*node+1]
		if before(b, a) {
			a, b = b, a
		}
		win[node], loser[node] = a, b
	}
	loser[0] = win[1]
	for range total {
		w := loser[0]
		emit(&lists[w][pos[w]])
		pos[w]++
		for node := (k + w) / 2; node >= 1; node /= 2 {
			if before(loser[node], w) {
				w, loser[node] = loser[node], w
			}
		}
		loser[0] = w
	}
	return total
}

// newIDHash returns a hash of customer IDs with a fresh seed.
func newIDHash() func(string) uint64 {
	seed := maphash.MakeSeed()
	return func(s string) uint64 { return maphash.String(seed, s) }
}
