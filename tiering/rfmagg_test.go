package tiering

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// aggRef is the definition the parallel aggregation must meet: a map of
// customers, then sorted by ID.
func aggRef(t *testing.T, events []Event, asOf int, unit money.Unit) []custAgg {
	t.Helper()
	m := map[string]*custAgg{}
	for _, e := range events {
		d := dayNumber(e.Date)
		if d > asOf {
			continue
		}
		c, err := unit.Count(e.Amount)
		if err != nil {
			t.Fatal(err)
		}
		a := m[e.Customer]
		if a == nil {
			a = &custAgg{id: e.Customer, last: d}
			m[e.Customer] = a
		}
		a.last = max(a.last, d)
		a.n++
		a.sum.Add(c)
	}
	var out []custAgg
	for _, a := range m {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b custAgg) int { return strings.Compare(a.id, b.id) })
	return out
}

func merged(groups [][]custAgg) []custAgg {
	var out []custAgg
	mergeSorted(groups, func(a *custAgg) { out = append(out, *a) })
	return out
}

// TestAggregateLogMatchesMap checks the partitioned, blocked, parallel
// aggregation against a plain map on logs whose IDs are separate strings
// (so equal IDs are found by content), with hashes that collide on
// purpose, blocks of every size and events after the as-of date.
func TestAggregateLogMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	asOf := dayNumber(start.AddDate(0, 0, 300))
	full := newIDHash()
	hashes := map[string]func(string) uint64{
		"maphash":  full,
		"3 bits":   func(s string) uint64 { return full(s) & 7 << 61 },            // 8 values, all in the partition bits
		"constant": func(string) uint64 { return 42 },                             // every ID collides
		"low only": func(s string) uint64 { return uint64(len(s)) ^ full(s)>>40 }, // one partition
	}
	for _, n := range []int{1, 7, 1000, 70_000, 150_000} {
		customers := 1 + n/8
		events := make([]Event, n)
		for k := range events {
			id := fmt.Sprintf("K%d", r.IntN(customers))
			events[k] = Event{Customer: strings.Clone(id), Date: start.AddDate(0, 0, r.IntN(330)),
				Amount: decimal.New(r.Int64N(2_000_000)-100_000, -2)}
		}
		want := aggRef(t, events, asOf, money.Cent())
		for name, h := range hashes {
			if n > 1000 && name == "constant" {
				continue // quadratic by design
			}
			for _, block := range []int{1, 3, 4096, n} {
				if n > 10_000 && block < 4096 {
					continue
				}
				groups, err := aggregateLog(events, asOf, money.Cent(), h, block)
				if err != nil {
					t.Fatal(err)
				}
				got := merged(groups)
				if diff := cmp.Diff(want, got, cmp.AllowUnexported(custAgg{}, money.Acc{})); diff != "" {
					t.Fatalf("n=%d hash %s block %d (-map +parallel):\n%s", n, name, block, diff)
				}
			}
		}
	}
}

// TestAggregateLogFirstError checks that the error reported is the first
// bad event of the log, whichever worker, pass or block meets it.
func TestAggregateLogFirstError(t *testing.T) {
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	asOf := dayNumber(start.AddDate(0, 0, 400))
	n := 200_000 // two workers on two cores or more
	base := make([]Event, n)
	for k := range base {
		base[k] = Event{Customer: fmt.Sprintf("C%d", k%5000), Date: start, Amount: decimal.New(int64(k), -2)}
	}
	noID := func(e *Event) { e.Customer = "" }
	badAmount := func(e *Event) { e.Amount = decimal.RequireFromString("0.001") }
	cases := []struct {
		name  string
		bad   map[int]func(*Event)
		first int
		want  error
	}{
		{"amount before ID in one run", map[int]func(*Event){1000: badAmount, 2000: noID}, 1000, ErrInvalidAmount},
		{"ID before amount in one run", map[int]func(*Event){1000: noID, 2000: badAmount}, 1000, ErrInvalidOption},
		{"second run's first", map[int]func(*Event){150_000: badAmount, 199_999: noID}, 150_000, ErrInvalidAmount},
		{"first run beats second", map[int]func(*Event){90_000: noID, 100_001: badAmount}, 90_000, ErrInvalidOption},
		{"last event", map[int]func(*Event){n - 1: noID}, n - 1, ErrInvalidOption},
	}
	for _, c := range cases {
		for _, block := range []int{7_000, n} {
			events := slices.Clone(base)
			for k, f := range c.bad {
				f(&events[k])
			}
			_, err := aggregateLog(events, asOf, money.Cent(), newIDHash(), block)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), fmt.Sprintf("event %d", c.first+1)) {
				t.Errorf("%s, block %d: %v, want event %d and %v", c.name, block, err, c.first+1, c.want)
			}
		}
	}
}

func TestMergeSortedEmpty(t *testing.T) {
	if got := merged(nil); got != nil {
		t.Errorf("no lists: %v", got)
	}
	lists := [][]custAgg{{}, {{id: "b"}}, {}, {{id: "a"}, {id: "c"}}, {}}
	got := merged(lists)
	var ids []string
	for _, a := range got {
		ids = append(ids, a.id)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids); diff != "" {
		t.Error(diff)
	}
}
