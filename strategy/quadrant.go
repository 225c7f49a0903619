package strategy

// Quadrant is a cell of the Ansoff product–market matrix (Ansoff 1957,
// "Strategies for Diversification", Harvard Business Review 35(5)). The
// quadrants are ordered from the least to the most risky, the order Ansoff
// gives: the zero Quadrant is [MarketPenetration].
type Quadrant uint8

const (
	// MarketPenetration sells existing products in existing markets (老市场老产品).
	MarketPenetration Quadrant = iota
	// ProductDevelopment sells new products in existing markets (老市场新产品).
	ProductDevelopment
	// MarketDevelopment sells existing products in new markets (新市场老产品).
	MarketDevelopment
	// Diversification sells new products in new markets (新市场新产品).
	Diversification
)

// Quadrants lists the four quadrants from the least to the most risky.
var Quadrants = [4]Quadrant{MarketPenetration, ProductDevelopment, MarketDevelopment, Diversification}

var quadrantNames = nameTable{
	{"market-penetration", "market penetration", "市场渗透"},
	{"product-development", "product development", "产品开发"},
	{"market-development", "market development", "市场开发"},
	{"diversification", "diversification", "多元化"},
}

// Valid reports whether q is one of the four quadrants.
func (q Quadrant) Valid() bool { return quadrantNames.valid(uint8(q)) }

// String returns the quadrant's key ("market-penetration", …), or
// "Quadrant(n)" for an invalid one.
func (q Quadrant) String() string { return quadrantNames.key("Quadrant", uint8(q)) }

// Title returns the quadrant's name in English ("en") or Chinese ("zh");
// any other language gets English.
func (q Quadrant) Title(lang string) string { return quadrantNames.title("Quadrant", uint8(q), lang) }

// MarshalText writes the quadrant's key; an invalid quadrant is an error
// wrapping [ErrInvalidInitiative].
func (q Quadrant) MarshalText() ([]byte, error) {
	return quadrantNames.marshal("Quadrant", uint8(q), ErrInvalidInitiative)
}

// UnmarshalText reads what [ParseQuadrant] accepts.
func (q *Quadrant) UnmarshalText(b []byte) error {
	v, err := ParseQuadrant(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}

// ParseQuadrant reads a quadrant's key, its English name (any case) or its
// Chinese name. Anything else wraps [ErrInvalidInitiative].
func ParseQuadrant(s string) (Quadrant, error) {
	v, err := quadrantNames.parse("Quadrant", s, ErrInvalidInitiative)
	return Quadrant(v), err
}

// Assumption is a planning default for a quadrant: the probability that an
// initiative succeeds and the months before it brings revenue. The zero
// Assumption is a certain success with no lead time.
type Assumption struct {
	Probability float64 // a fraction in [0, 1]
	LeadMonths  int     // months from the decision to the first revenue
	// Source says where the figures come from.
	Source string
}

// assumptionSource is the honest provenance of [DefaultAssumption].
const assumptionSource = "assumption: the risk order is Ansoff (1957); the figures are salesgrowth's planning defaults, " +
	"not published rates (no universal success rates exist) — override them with your own record"

// DefaultAssumption returns the library's planning default for q:
//
//	quadrant             probability  lead months
//	market penetration   0.75         3
//	product development  0.45         9
//	market development   0.35         6
//	diversification      0.10         18
//
// These are assumptions, labelled so in Source: Ansoff (1957) ranks the
// quadrants by risk but gives no rates, and none hold across industries.
// The spacing follows the ordering (penetration safest, diversification the
// "suicide cell"); replace them with the firm's own record of initiatives.
// An invalid q gets the zero Assumption and false.
func DefaultAssumption(q Quadrant) (Assumption, bool) {
	if !q.Valid() {
		return Assumption{}, false
	}
	a := [4]Assumption{{0.75, 3, ""}, {0.45, 9, ""}, {0.35, 6, ""}, {0.10, 18, ""}}[q]
	a.Source = assumptionSource
	return a, true
}
