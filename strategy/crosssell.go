package strategy

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pattern is one of the course's four cross-selling patterns, a label on a
// relation between two products. The zero Pattern is [NoPattern].
type Pattern uint8

const (
	NoPattern           Pattern = iota // no label
	ComplementaryBundle                // products used together, sold as a bundle (互补产品捆绑)
	AftermarketParts                   // spare parts and consumables of an installed product (售后配件)
	ValueChainExtension                // the customer's next step up or down its value chain (价值链延伸)
	ValueAddedServices                 // services around the product: installation, training, maintenance (增值服务)
)

var patternNames = nameTable{
	{"none", "no pattern", "无"},
	{"complementary-bundle", "complementary bundle", "互补产品捆绑"},
	{"aftermarket-parts", "aftermarket parts", "售后配件"},
	{"value-chain-extension", "value-chain extension", "价值链延伸"},
	{"value-added-services", "value-added services", "增值服务"},
}

// Valid reports whether p is one of the patterns.
func (p Pattern) Valid() bool { return patternNames.valid(uint8(p)) }

// String returns the pattern's key ("complementary-bundle", …).
func (p Pattern) String() string { return patternNames.key("Pattern", uint8(p)) }

// Title returns the pattern's name in English ("en") or Chinese ("zh").
func (p Pattern) Title(lang string) string { return patternNames.title("Pattern", uint8(p), lang) }

// MarshalText writes the pattern's key; an invalid pattern wraps
// [ErrInvalidOption].
func (p Pattern) MarshalText() ([]byte, error) {
	return patternNames.marshal("Pattern", uint8(p), ErrInvalidOption)
}

// UnmarshalText reads what [ParsePattern] accepts.
func (p *Pattern) UnmarshalText(b []byte) error {
	v, err := ParsePattern(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParsePattern reads a pattern's key, English name (any case) or Chinese
// name; anything else wraps [ErrInvalidOption].
func ParsePattern(s string) (Pattern, error) {
	v, err := patternNames.parse("Pattern", s, ErrInvalidOption)
	return Pattern(v), err
}

// Relation labels what buying From leads to: To, by a [Pattern]. The zero
// Relation relates nothing.
type Relation struct {
	From, To string
	Pattern  Pattern
}

// Label returns a copy of rules in which each rule carries the pattern of
// the first relation whose From is in its antecedent and whose To is in its
// consequent; the others get [NoPattern]. rules is not modified.
func Label(rules []Rule, rel []Relation) []Rule {
	out := slices.Clone(rules)
	for i := range out {
		out[i].Pattern = NoPattern
		for _, r := range rel {
			if slices.Contains(out[i].Antecedent, r.From) && slices.Contains(out[i].Consequent, r.To) {
				out[i].Pattern = r.Pattern
				break
			}
		}
	}
	return out
}

// Suggestion is a product to offer a customer next. The zero Suggestion
// suggests nothing.
type Suggestion struct {
	Product string
	// Score is the highest confidence of a rule that recommends Product;
	// Lift and Rule are that rule's lift and the rule itself.
	Score, Lift float64
	Rule        Rule
}

// NextBest scores the products a customer who bought owned does not have:
// a rule recommends each product of its consequent that is not owned when
// its whole antecedent is owned; a product's score is the highest
// confidence among the rules recommending it (ties: the higher lift, then
// the rule order). It returns the best n suggestions (n ≤ 0: all), by score,
// then lift, descending, then by product name.
func NextBest(rules []Rule, owned []string, n int) []Suggestion {
	have := make(map[string]bool, len(owned))
	for _, o := range owned {
		have[o] = true
	}
	best := map[string]Suggestion{}
	for _, r := range rules {
		applies := true
		for _, a := range r.Antecedent {
			if !have[a] {
				applies = false
				break
			}
		}
		if !applies {
			continue
		}
		for _, c := range r.Consequent {
			if have[c] {
				continue
			}
			s, ok := best[c]
			if !ok || r.Confidence > s.Score || (r.Confidence == s.Score && r.Lift > s.Lift) {
				best[c] = Suggestion{Product: c, Score: r.Confidence, Lift: r.Lift, Rule: r}
			}
		}
	}
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Lift, a.Lift); c != 0 {
			return c
		}
		return cmp.Compare(a.Product, b.Product)
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Baskets are purchases grouped by customer or order: Items[i] are the
// products of IDs[i], each once, in order of first purchase; baskets are in
// order of their first line. The zero Baskets is empty.
type Baskets struct {
	IDs   []string
	Items [][]string
}

// MaxPurchaseLines bounds the lines [ReadBasketsCSV] reads.
const MaxPurchaseLines = 100_000_000

var (
	basketColumns  = []string{"customer", "order", "basket", "customer_id", "order_id"}
	productColumns = []string{"product", "item", "sku", "product_id"}
)

// ReadBasketsCSV reads purchases in long form: a header naming the basket
// column (customer, order, basket, customer_id or order_id) and the
// product column (product, item, sku or product_id), any case, other
// columns ignored; then one line per purchase. A product bought twice by
// the same basket counts once. Errors are a *[ParseError] with the line and
// the column, wrapping [ErrSyntax] (no header, a missing or repeated column,
// a malformed line, more than [MaxPurchaseLines] lines) or
// [ErrInvalidBasket] (an empty name).
func ReadBasketsCSV(r io.Reader) (Baskets, error) {
	b, err := readBasketsCSV(r)
	return b, wrap(err)
}

func readBasketsCSV(r io.Reader) (Baskets, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Baskets{}, &ParseError{Line: 1, Err: fmt.Errorf("no header: %w", ErrSyntax)}
		}
		return Baskets{}, &ParseError{Line: 1, Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
	}
	bc, pc := -1, -1
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, c := range []struct {
			names []string
			dst   *int
		}{{basketColumns, &bc}, {productColumns, &pc}} {
			if slices.Contains(c.names, h) {
				if *c.dst >= 0 {
					return Baskets{}, &ParseError{Line: 1, Field: h, Err: fmt.Errorf("column twice: %w", ErrSyntax)}
				}
				*c.dst = i
			}
		}
	}
	if bc < 0 || pc < 0 {
		return Baskets{}, &ParseError{Line: 1, Err: fmt.Errorf("header %q: want a customer or order column and a product column: %w", head, ErrSyntax)}
	}
	bName, pName := strings.TrimSpace(head[bc]), strings.TrimSpace(head[pc])
	var out Baskets
	index := map[string]int{}
	product := map[string]int32{}
	var names []string
	var codes [][]int32
	finish := func() Baskets {
		out.Items = make([][]string, len(codes))
		for k, cs := range codes {
			out.Items[k] = make([]string, len(cs))
			for j, c := range cs {
				out.Items[k][j] = names[c]
			}
		}
		return out
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return finish(), nil
		}
		if err != nil {
			return Baskets{}, &ParseError{Line: line, Err: fmt.Errorf("%v: %w", err, ErrSyntax)}
		}
		if line > MaxPurchaseLines+1 {
			return Baskets{}, &ParseError{Line: line, Err: fmt.Errorf("more than %d purchase lines: %w", MaxPurchaseLines, ErrSyntax)}
		}
		if len(rec) <= max(bc, pc) {
			return Baskets{}, &ParseError{Line: line, Err: fmt.Errorf("%d fields, want at least %d: %w", len(rec), max(bc, pc)+1, ErrSyntax)}
		}
		id, prod := strings.TrimSpace(rec[bc]), strings.TrimSpace(rec[pc])
		if id == "" {
			return Baskets{}, &ParseError{Line: line, Field: bName, Err: fmt.Errorf("empty: %w", ErrInvalidBasket)}
		}
		if prod == "" {
			return Baskets{}, &ParseError{Line: line, Field: pName, Err: fmt.Errorf("empty: %w", ErrInvalidBasket)}
		}
		k, ok := index[id]
		if !ok {
			k = len(out.IDs)
			index[id] = k
			out.IDs = append(out.IDs, id)
			codes = append(codes, nil)
		}
		c, ok := product[prod]
		if !ok {
			c = int32(len(names))
			product[prod] = c
			names = append(names, prod)
		}
		if !slices.Contains(codes[k], c) {
			codes[k] = append(codes[k], c)
		}
	}
}

// WriteCSV writes the baskets in the long form [ReadBasketsCSV] reads,
// with the header "customer,product": reading it back gives the same
// baskets, except that a basket with no product has no line to be written
// on and is left out.
func (b Baskets) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"customer", "product"}); err != nil {
		return wrap(err)
	}
	for i, id := range b.IDs {
		if i >= len(b.Items) {
			break
		}
		for _, p := range b.Items[i] {
			if err := cw.Write([]string{id, p}); err != nil {
				return wrap(err)
			}
		}
	}
	cw.Flush()
	return wrap(cw.Error())
}
