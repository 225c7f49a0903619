package strategy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// mlxtendBaskets is the example data of mlxtend's apriori and
// association_rules documentation; the last basket holds Onion twice.
var mlxtendBaskets = [][]string{
	{"Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
	{"Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
	{"Milk", "Apple", "Kidney Beans", "Eggs"},
	{"Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"},
	{"Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"},
}

func TestAssociationRulesMlxtendExample(t *testing.T) {
	rules, err := AssociationRules(mlxtendBaskets, RuleOptions{MinSupport: 0.6, MinConfidence: 0.7})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Rule                                    string
		Support, Confidence, Lift, Leverage, Cv float64
	}
	var got []row
	for _, r := range rules {
		got = append(got, row{r.String(), r.Support, r.Confidence, r.Lift, r.Leverage, r.Conviction})
	}
	// By the definitions: P(Eggs) = .8, P(Kidney Beans) = 1, P(Onion) = .6
	// (Onion counts once in the last basket), P(Eggs, Onion) = .6.
	inf := MaxConviction
	want := []row{
		{"Kidney Beans, Onion ⇒ Eggs", 0.6, 1, 1.25, 0.12, inf},
		{"Onion ⇒ Eggs", 0.6, 1, 1.25, 0.12, inf},
		{"Onion ⇒ Eggs, Kidney Beans", 0.6, 1, 1.25, 0.12, inf},
		{"Eggs ⇒ Kidney Beans", 0.8, 1, 1, 0, inf},
		{"Eggs, Onion ⇒ Kidney Beans", 0.6, 1, 1, 0, inf},
		{"Milk ⇒ Kidney Beans", 0.6, 1, 1, 0, inf},
		{"Onion ⇒ Kidney Beans", 0.6, 1, 1, 0, inf},
		{"Yogurt ⇒ Kidney Beans", 0.6, 1, 1, 0, inf},
		{"Kidney Beans ⇒ Eggs", 0.8, 0.8, 1, 0, 1},
		{"Eggs ⇒ Kidney Beans, Onion", 0.6, 0.75, 1.25, 0.12, 1.6},
		{"Eggs ⇒ Onion", 0.6, 0.75, 1.25, 0.12, 1.6},
		{"Eggs, Kidney Beans ⇒ Onion", 0.6, 0.75, 1.25, 0.12, 1.6},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	one, err := AssociationRules(mlxtendBaskets, RuleOptions{MinSupport: 0.6, MinConfidence: 0.7, OneConsequent: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != 10 {
		t.Errorf("%d one-consequent rules, want 10", len(one))
	}
}

// bruteRules enumerates every itemset of the products directly.
func bruteRules(baskets [][]string, opt RuleOptions) []string {
	prods := map[string]bool{}
	for _, b := range baskets {
		for _, p := range b {
			prods[p] = true
		}
	}
	var names []string
	for p := range prods {
		names = append(names, p)
	}
	slices.Sort(names)
	n := len(baskets)
	supp := func(mask int) int {
		c := 0
		for _, b := range baskets {
			all := true
			for i, p := range names {
				if mask&(1<<i) != 0 && !slices.Contains(b, p) {
					all = false
					break
				}
			}
			if all {
				c++
			}
		}
		return c
	}
	pick := func(mask int) []string {
		var s []string
		for i, p := range names {
			if mask&(1<<i) != 0 {
				s = append(s, p)
			}
		}
		return s
	}
	var out []string
	for set := 1; set < 1<<len(names); set++ {
		k := popcount(set)
		if k < 2 || (opt.MaxItems > 0 && k > opt.MaxItems) {
			continue
		}
		c := supp(set)
		if float64(c) < opt.MinSupport*float64(n)-1e-9 || c == 0 {
			continue
		}
		for a := (set - 1) & set; a > 0; a = (a - 1) & set {
			cons := set &^ a
			if opt.OneConsequent && popcount(cons) != 1 {
				continue
			}
			conf := float64(c) / float64(supp(a))
			if conf < opt.MinConfidence {
				continue
			}
			lift := conf / (float64(supp(cons)) / float64(n))
			out = append(out, fmt.Sprintf("%s ⇒ %s %d %.12f %.12f", strings.Join(pick(a), ", "), strings.Join(pick(cons), ", "), c, conf, lift))
		}
	}
	slices.Sort(out)
	return out
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func TestAssociationRulesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for trial := range 60 {
		nProd := 2 + r.IntN(7)
		baskets := make([][]string, 5+r.IntN(40))
		for i := range baskets {
			for range r.IntN(6) {
				baskets[i] = append(baskets[i], string(rune('a'+r.IntN(nProd))))
			}
		}
		opt := RuleOptions{
			MinSupport:    []float64{0.02, 0.1, 0.2, 0.3}[r.IntN(4)],
			MinConfidence: []float64{0, 0.3, 0.6}[r.IntN(3)],
			MaxItems:      []int{0, 2, 3}[r.IntN(3)],
			OneConsequent: r.IntN(2) == 0,
		}
		rules, err := AssociationRules(baskets, opt)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ru := range rules {
			got = append(got, fmt.Sprintf("%s %d %.12f %.12f", ru, ru.Count, ru.Confidence, ru.Lift))
		}
		slices.Sort(got)
		if diff := cmp.Diff(bruteRules(baskets, opt), got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("trial %d, %+v (-brute +got):\n%s", trial, opt, diff)
		}
	}
}

func TestAssociationRulesErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    [][]string
		opt  RuleOptions
		want error
	}{
		{"zero support", mlxtendBaskets, RuleOptions{}, ErrInvalidProbability},
		{"percent", mlxtendBaskets, RuleOptions{MinSupport: 60}, ErrInvalidProbability},
		{"confidence", mlxtendBaskets, RuleOptions{MinSupport: 0.5, MinConfidence: 1.5}, ErrInvalidProbability},
		{"max items", mlxtendBaskets, RuleOptions{MinSupport: 0.5, MaxItems: -1}, ErrInvalidOption},
		{"empty product", [][]string{{"a", ""}}, RuleOptions{MinSupport: 0.5}, ErrInvalidBasket},
	} {
		if _, err := AssociationRules(tc.b, tc.opt); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestNextBest(t *testing.T) {
	rules, err := AssociationRules(mlxtendBaskets, RuleOptions{MinSupport: 0.4, MinConfidence: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	got := NextBest(rules, []string{"Onion", "Milk"}, 3)
	var names []string
	for _, s := range got {
		names = append(names, fmt.Sprintf("%s %.2f", s.Product, s.Score))
		if s.Product == "Onion" || s.Product == "Milk" {
			t.Errorf("suggests %s, already owned", s.Product)
		}
	}
	if diff := cmp.Diff([]string{"Eggs 1.00", "Kidney Beans 1.00", "Nutmeg 0.67"}, names); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	labelled := Label(rules, []Relation{{From: "Milk", To: "Yogurt", Pattern: ComplementaryBundle}})
	for i, r := range labelled {
		want := NoPattern
		if slices.Contains(r.Antecedent, "Milk") && slices.Contains(r.Consequent, "Yogurt") {
			want = ComplementaryBundle
		}
		if r.Pattern != want || rules[i].Pattern != NoPattern {
			t.Errorf("%v: pattern %v, want %v", r, r.Pattern, want)
		}
	}
}

func TestReadBasketsCSV(t *testing.T) {
	in := "Customer,Product,qty\nc1,bolt,2\nc1,nut,1\nc2,bolt,1\nc1,bolt,5\n"
	b, err := ReadBasketsCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Baskets{IDs: []string{"c1", "c2"}, Items: [][]string{{"bolt", "nut"}, {"bolt"}}}
	if diff := cmp.Diff(want, b); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var sb strings.Builder
	if err := b.WriteCSV(&sb); err != nil {
		t.Fatal(err)
	}
	back, err := ReadBasketsCSV(strings.NewReader(sb.String()))
	if err != nil || !cmp.Equal(b, back) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	for _, tc := range []struct {
		in    string
		line  int
		field string
		want  error
	}{
		{"", 1, "", ErrSyntax},
		{"customer,qty\n", 1, "", ErrSyntax},
		{"customer,product,order\n", 1, "order", ErrSyntax},
		{"customer,product\nc1\n", 2, "", ErrSyntax},
		{"customer,product\nc1,a\n,b\n", 3, "customer", ErrInvalidBasket},
		{"order,item\no1, \n", 2, "item", ErrInvalidBasket},
		{"customer,product\n\"c1,a\n", 2, "", ErrSyntax},
	} {
		_, err := ReadBasketsCSV(strings.NewReader(tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, tc.want) || pe.Line != tc.line || pe.Field != tc.field {
			t.Errorf("%q: got %v, want line %d field %q %v", tc.in, err, tc.line, tc.field, tc.want)
		}
	}
}
