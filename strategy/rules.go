package strategy

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
)

// RuleOptions configures [AssociationRules]. The zero RuleOptions is
// invalid: MinSupport must be positive.
type RuleOptions struct {
	// MinSupport is the least share of baskets an itemset must appear in,
	// a fraction in (0, 1].
	MinSupport float64
	// MinConfidence is the least confidence of a rule, a fraction in
	// [0, 1].
	MinConfidence float64
	// MaxItems bounds the size of an itemset (antecedent and consequent
	// together); 0 means no limit.
	MaxItems int
	// OneConsequent keeps only rules with a single consequent item, as R's
	// arules does; false gives every split, as mlxtend's association_rules.
	OneConsequent bool
	// MinLift is the least lift of a rule; 0 keeps every rule.
	MinLift float64
}

// MaxConviction is the documented conviction of a rule whose confidence is
// one: (1 − support(consequent)) / (1 − confidence) is infinite there, and
// the package never returns an infinity.
const MaxConviction = math.MaxFloat64

// Limits of [AssociationRules]: beyond them the result wraps
// [ErrTooLarge] instead of exhausting memory.
const (
	MaxItemsets = 5_000_000
	MaxRules    = 10_000_000
)

// Rule is an association rule Antecedent ⇒ Consequent over baskets (Agrawal,
// Imieliński & Swami 1993):
//
//	support    = P(A ∪ C)               (share of baskets holding both)
//	confidence = support / P(A)
//	lift       = confidence / P(C)
//	leverage   = support − P(A)·P(C)
//	conviction = (1 − P(C)) / (1 − confidence), MaxConviction when confidence = 1
//
// Items are sorted. Pattern is the course's label of the relation, set by
// [Label]. The zero Rule is empty.
type Rule struct {
	Antecedent, Consequent []string
	Support, Confidence    float64
	Lift                   float64
	Leverage, Conviction   float64
	// AntecedentSupport and ConsequentSupport are P(A) and P(C); Count is
	// the number of baskets holding both.
	AntecedentSupport, ConsequentSupport float64
	Count                                int
	Pattern                              Pattern
}

// AssociationRules mines the rules of baskets whose itemset (antecedent ∪
// consequent) reaches opt.MinSupport and whose confidence reaches
// opt.MinConfidence (and lift opt.MinLift): every non-empty split of every
// frequent itemset into antecedent and consequent (only one-item
// consequents with OneConsequent), up to opt.MaxItems items. A basket is a
// set: a product repeated in it counts once; an empty basket counts in the
// total. Rules are sorted by confidence, then lift, descending, then by
// antecedent and consequent.
//
// Frequent itemsets are found by Eclat (Zaki 2000): pairs are counted
// basket by basket, larger itemsets by intersecting sorted basket lists.
// Errors wrap [ErrInvalidProbability] (a threshold out of range),
// [ErrInvalidOption] (MaxItems < 0), [ErrInvalidBasket] (an empty product
// name) or [ErrTooLarge] (more than [MaxItemsets] frequent itemsets or
// [MaxRules] rules: raise MinSupport or set MaxItems).
func AssociationRules(baskets [][]string, opt RuleOptions) ([]Rule, error) {
	r, err := associationRules(baskets, opt)
	return r, wrap(err)
}

func associationRules(baskets [][]string, opt RuleOptions) ([]Rule, error) {
	if !(opt.MinSupport > 0 && opt.MinSupport <= 1) {
		return nil, fmt.Errorf("minimum support %v: want a fraction in (0, 1]: %w", opt.MinSupport, ErrInvalidProbability)
	}
	if err := fraction("minimum confidence", opt.MinConfidence); err != nil {
		return nil, err
	}
	if !(opt.MinLift >= 0) || math.IsInf(opt.MinLift, 0) {
		return nil, fmt.Errorf("minimum lift %v: %w", opt.MinLift, ErrInvalidOption)
	}
	if opt.MaxItems < 0 {
		return nil, fmt.Errorf("maximum items %d: %w", opt.MaxItems, ErrInvalidOption)
	}
	if len(baskets) == 0 {
		return nil, nil
	}
	m, err := mine(baskets, opt)
	if err != nil {
		return nil, err
	}
	return m.rules(opt)
}

// miner holds the frequent itemsets of a set of baskets.
type miner struct {
	names   []string         // frequent items, sorted; their index is their code
	n       float64          // baskets
	support map[string]int32 // key of a frequent itemset → its count
	sets    [][]int32        // frequent itemsets of two or more items
}

func key(items []int32) string {
	b := make([]byte, 4*len(items))
	for i, x := range items {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(x))
	}
	return string(b)
}

func mine(baskets [][]string, opt RuleOptions) (*miner, error) {
	// Item counts, each product once per basket.
	count := map[string]int32{}
	seen := map[string]int{}
	for b, bk := range baskets {
		for _, it := range bk {
			if it == "" {
				return nil, fmt.Errorf("basket %d: empty product name: %w", b+1, ErrInvalidBasket)
			}
			if seen[it] != b+1 {
				seen[it] = b + 1
				count[it]++
			}
		}
	}
	n := len(baskets)
	minCount := int32(math.Ceil(opt.MinSupport*float64(n) - 1e-9))
	minCount = max(1, minCount)
	var names []string
	for it, c := range count {
		if c >= minCount {
			names = append(names, it)
		}
	}
	slices.Sort(names)
	code := make(map[string]int32, len(names))
	for i, s := range names {
		code[s] = int32(i)
	}
	m := &miner{names: names, n: float64(n), support: map[string]int32{}}
	for i, s := range names {
		m.support[key([]int32{int32(i)})] = count[s]
	}
	if opt.MaxItems == 1 || len(names) < 2 {
		return m, nil
	}
	// Basket lists of the frequent items, and each basket's frequent items.
	f := len(names)
	tids := make([][]int32, f)
	rows := make([][]int32, 0, n)
	for b, bk := range baskets {
		var row []int32
		for _, it := range bk {
			if c, ok := code[it]; ok && (len(tids[c]) == 0 || tids[c][len(tids[c])-1] != int32(b)) {
				tids[c] = append(tids[c], int32(b))
				row = append(row, c)
			}
		}
		if len(row) > 1 {
			slices.Sort(row)
			rows = append(rows, row)
		}
	}
	// Pair counts, basket by basket, in a triangular table when it fits.
	var pair func(a, b int32) int32
	if f <= 4096 {
		tri := make([]int32, f*(f-1)/2)
		idx := func(a, b int32) int { return int(b)*(int(b)-1)/2 + int(a) } // a < b
		for _, row := range rows {
			for j := 1; j < len(row); j++ {
				bj := int(row[j]) * (int(row[j]) - 1) / 2
				for _, a := range row[:j] {
					tri[bj+int(a)]++
				}
			}
		}
		pair = func(a, b int32) int32 { return tri[idx(a, b)] }
	} else {
		pair = func(a, b int32) int32 { return int32(intersectCount(tids[a], tids[b])) }
	}
	type ext struct {
		item int32
		tid  []int32
	}
	// bits marks the baskets of the extension being grown, so that each
	// intersection with it costs one look-up per basket of the other list.
	bits := make([]uint64, (n+63)/64)
	mark := func(tid []int32, on bool) {
		for _, b := range tid {
			if on {
				bits[b>>6] |= 1 << (uint(b) & 63)
			} else {
				bits[b>>6] = 0
			}
		}
	}
	filter := func(tid []int32) []int32 {
		out := make([]int32, 0, len(tid)/2)
		for _, b := range tid {
			if bits[b>>6]&(1<<(uint(b)&63)) != 0 {
				out = append(out, b)
			}
		}
		return out
	}
	countIn := func(tid []int32) int32 {
		c := int32(0)
		for _, b := range tid {
			c += int32(bits[b>>6] >> (uint(b) & 63) & 1)
		}
		return c
	}
	var walk func(prefix []int32, exts []ext) error
	deeper := opt.MaxItems == 0 || opt.MaxItems > 2
	walk = func(prefix []int32, exts []ext) error {
		for i, e := range exts {
			set := append(slices.Clone(prefix), e.item)
			var next []ext
			marked := false
			for _, o := range exts[i+1:] {
				if len(set) == 1 {
					c := pair(e.item, o.item)
					if c < minCount {
						continue
					}
					s := []int32{e.item, o.item}
					m.support[key(s)] = c
					m.sets = append(m.sets, s)
					if deeper {
						if !marked {
							mark(e.tid, true)
							marked = true
						}
						next = append(next, ext{o.item, filter(o.tid)})
					}
					continue
				}
				// Every (k−1)-subset must be frequent: the pair of the two
				// new items is the cheap test.
				if pair(e.item, o.item) < minCount {
					continue
				}
				if !marked {
					mark(e.tid, true)
					marked = true
				}
				s := append(slices.Clone(set), o.item)
				grow := opt.MaxItems == 0 || len(s) < opt.MaxItems
				var t []int32
				var c int32
				if grow {
					t = filter(o.tid)
					c = int32(len(t))
				} else {
					c = countIn(o.tid)
				}
				if c < minCount {
					continue
				}
				m.support[key(s)] = c
				m.sets = append(m.sets, s)
				if grow {
					next = append(next, ext{o.item, t})
				}
			}
			if marked {
				mark(e.tid, false)
			}
			if len(m.sets) > MaxItemsets {
				return fmt.Errorf("more than %d frequent itemsets at support %v: %w", MaxItemsets, opt.MinSupport, ErrTooLarge)
			}
			if len(next) > 1 {
				if err := walk(set, next); err != nil {
					return err
				}
			}
		}
		return nil
	}
	top := make([]ext, f)
	for i := range top {
		top[i] = ext{int32(i), tids[i]}
	}
	if err := walk(nil, top); err != nil {
		return nil, err
	}
	return m, nil
}

func intersectCount(a, b []int32) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

func (m *miner) rules(opt RuleOptions) ([]Rule, error) {
	var out []Rule
	for _, s := range m.sets {
		k := len(s)
		cnt := m.support[key(s)]
		sup := float64(cnt) / m.n
		for mask := 1; mask < 1<<k-1; mask++ {
			var a, c []int32
			for i, x := range s {
				if mask&(1<<i) != 0 {
					a = append(a, x)
				} else {
					c = append(c, x)
				}
			}
			if opt.OneConsequent && len(c) != 1 {
				continue
			}
			ca := m.support[key(a)]
			sa := float64(ca) / m.n
			sc := float64(m.support[key(c)]) / m.n
			conf := float64(cnt) / float64(ca)
			if conf < opt.MinConfidence {
				continue
			}
			lift := conf / sc
			if lift < opt.MinLift {
				continue
			}
			conv := MaxConviction
			if conf < 1 {
				conv = (1 - sc) / (1 - conf)
			}
			out = append(out, Rule{
				Antecedent: m.itemNames(a), Consequent: m.itemNames(c),
				Support: sup, Confidence: conf, Lift: lift,
				Leverage: sup - sa*sc, Conviction: conv,
				AntecedentSupport: sa, ConsequentSupport: sc, Count: int(cnt),
			})
			if len(out) > MaxRules {
				return nil, fmt.Errorf("more than %d rules: %w", MaxRules, ErrTooLarge)
			}
		}
	}
	slices.SortFunc(out, compareRules)
	return out, nil
}

func (m *miner) itemNames(s []int32) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = m.names[x]
	}
	return out
}

func compareRules(a, b Rule) int {
	if c := cmp.Compare(b.Confidence, a.Confidence); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Lift, a.Lift); c != 0 {
		return c
	}
	if c := slices.Compare(a.Antecedent, b.Antecedent); c != 0 {
		return c
	}
	return slices.Compare(a.Consequent, b.Consequent)
}

// String writes the rule as "a, b ⇒ c".
func (r Rule) String() string {
	return strings.Join(r.Antecedent, ", ") + " ⇒ " + strings.Join(r.Consequent, ", ")
}
