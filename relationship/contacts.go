package relationship

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/lang"
	"github.com/salesgrowth/salesgrowth/internal/money"
)

// Role is a contact's part in the customer's buying decision. The zero
// Role is [DecisionMaker].
type Role uint8

const (
	DecisionMaker Role = iota // decides
	Influencer                // shapes the decision
	User                      // uses what we sell
	Gatekeeper                // controls access and information
	Coach                     // guides us from inside
)

var roleNames = []string{"decision maker", "influencer", "user", "gatekeeper", "coach"}

// String returns the role's name.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", uint8(r))
}

// Step is a key decision maker's relationship step. The zero Step is
// [NoRelationship].
type Step uint8

const (
	NoRelationship Step = iota // not yet
	Goodwill                   // 好感: a favourable first impression
	Trust                      // 信任: we keep our word and the contact relies on it
	Interest                   // 利益: the contact gains from working with us
	EmotionalBond              // 情感: a personal bond beyond business
)

var stepNames = []string{"none", "goodwill", "trust", "interest", "emotional bond"}
var stepChinese = []string{"无", "好感", "信任", "利益", "情感"}

// String returns the step's English name.
func (s Step) String() string {
	if int(s) < len(stepNames) {
		return stepNames[s]
	}
	return fmt.Sprintf("Step(%d)", uint8(s))
}

// Title returns the step's name in English ([Step.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), [Step.Chinese].
func (s Step) Title(tag string) string { return lang.Pick(tag, s.String(), s.Chinese()) }

// Chinese returns the step's name in the course's Chinese.
func (s Step) Chinese() string {
	if int(s) < len(stepChinese) {
		return stepChinese[s]
	}
	return s.String()
}

// Level is a contact's level in the customer's organisation. The zero
// Level is [Executive].
type Level uint8

const (
	Executive   Level = iota // top management
	Management               // department heads, managers
	Operational              // staff
)

// String returns executive, management or operational.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Evidence is something that happened and shows a contact has reached a
// step, such as "asked us to join the spec review" for trust. The zero
// Evidence shows nothing.
type Evidence struct {
	Step Step   `json:"step"`
	Note string `json:"note"`
}

// Contact is one person at the customer. The zero Contact is an unnamed
// decision maker with no influence, which [AnalyzeMap] refuses.
type Contact struct {
	Name       string     `json:"name"`
	Title      string     `json:"title,omitempty"`
	Role       Role       `json:"role"`
	Level      Level      `json:"level"`
	Influence  float64    `json:"influence"` // weight in the decision, in [0, 1]
	Attitude   int        `json:"attitude"`  // −2 (opponent) … +2 (champion)
	Evidence   []Evidence `json:"evidence,omitempty"`
	VIP        bool       `json:"vip,omitempty"`         // member of our VIP club
	RisingStar bool       `json:"rising_star,omitempty"` // 明日之星: likely to rise in the customer's organisation
	Leaving    bool       `json:"leaving,omitempty"`     // about to leave the customer or the role
	Owner      string     `json:"owner,omitempty"`       // the member of our account team who covers the contact; empty: nobody
}

// Step returns the highest step the contact's evidence reaches without a
// gap: goodwill needs evidence of goodwill, trust needs evidence of both,
// and so on.
func (c Contact) Step() Step {
	var seen [EmotionalBond + 1]bool
	for _, e := range c.Evidence {
		if e.Step <= EmotionalBond {
			seen[e.Step] = true
		}
	}
	s := NoRelationship
	for s < EmotionalBond && seen[s+1] {
		s++
	}
	return s
}

// ActivityKind is a broad-relationship activity. The zero ActivityKind is
// [Visit].
type ActivityKind uint8

const (
	Visit          ActivityKind = iota // a visit to or from the contact
	StudyTour                          // a study tour
	SocialEvent                        // dinners, sports, events
	Gift                               // a gift, within the gift policy
	MutualBusiness                     // business we bring to the customer
)

var activityNames = []string{"visit", "study tour", "social event", "gift", "mutual business"}

// String returns the activity's name.
func (k ActivityKind) String() string {
	if int(k) < len(activityNames) {
		return activityNames[k]
	}
	return fmt.Sprintf("ActivityKind(%d)", uint8(k))
}

// Activity is one logged broad-relationship activity with a contact. The
// zero Activity names no contact, which [AnalyzeMap] refuses.
type Activity struct {
	Contact string          `json:"contact"` // the contact's Name
	Kind    ActivityKind    `json:"kind"`
	Date    time.Time       `json:"date"`
	Value   decimal.Decimal `json:"value"` // the money spent (for gifts, checked against the policy)
}

// MapOptions configures [AnalyzeMap]. The zero MapOptions has no gift limit
// and counts contacts of influence 0.5 or more as influential.
type MapOptions struct {
	// GiftLimit is the most the gifts to one contact may be worth in the
	// activities given (the policy's limit for their period); zero means
	// no limit.
	GiftLimit decimal.Decimal `json:"gift_limit"`
	// Influential is the influence from which a contact's opposition or
	// lack of cover is a risk; zero means 0.5.
	Influential float64 `json:"influential,omitempty"`
}

// Risk kinds reported by [AnalyzeMap].
const (
	RiskSingleThreaded   = "single-threaded"                   // at most one contact at trust or beyond
	RiskOpponent         = "influential opponent"              // influential, attitude −1 or −2
	RiskUncoveredDecider = "decision maker without ties"       // a decision maker at no step
	RiskChampionLeaving  = "champion leaving"                  // attitude +1 or +2, about to leave
	RiskGiftOverLimit    = "gifts over the policy limit"       // gifts to one contact above MapOptions.GiftLimit
	RiskNoOwner          = "influential contact without owner" // influential or a decision maker, and nobody covers them
)

// Risk is one risk of the account, naming the contact where there is one.
// The zero Risk names nothing.
type Risk struct {
	Kind    string
	Contact string
}

// MapReport is the analysis of a decision-maker map. The zero MapReport is
// an empty map.
type MapReport struct {
	// Coverage is the influence-weighted share of contacts covered: with
	// an owner and either at trust or beyond or with a logged activity.
	Coverage float64
	// Support is Σ influence × attitude / (2 Σ influence), −1 … +1.
	Support float64
	// Steps counts contacts by step.
	Steps [EmotionalBond + 1]int
	// Risks lists the risks, in contact order.
	Risks []Risk
	// RisingStars and VIPs name the flagged contacts, in contact order.
	RisingStars, VIPs []string
	// Team maps each owner to the contacts they cover, in contact order.
	Team map[string][]string
	// Gaps names the contacts nobody in the team covers, in contact order.
	Gaps []string
	// Activities counts the logged activities per contact.
	Activities map[string]int
}

// AnalyzeMap analyses the decision-maker map of one account: coverage and
// support weighted by influence, the relationship steps from evidence, the
// risks (single-threaded account, an influential opponent, a decision
// maker with no relationship, a champion about to leave, gifts over the
// policy limit, an influential contact nobody owns), rising stars, VIPs
// and the virtual account team with its gaps.
//
// Errors wrap [ErrInvalidOption] (no contacts, an empty or repeated name,
// influence outside [0, 1] or all zero, an attitude outside −2 … +2, an
// unknown role, level or step, an activity with an unknown contact) or
// [ErrInvalidAmount] (a negative or fractional-cent activity value).
func AnalyzeMap(contacts []Contact, activities []Activity, opt MapOptions) (MapReport, error) {
	r, err := analyzeMap(contacts, activities, opt)
	return r, wrap(err)
}

func analyzeMap(contacts []Contact, activities []Activity, opt MapOptions) (MapReport, error) {
	if len(contacts) == 0 {
		return MapReport{}, fmt.Errorf("no contacts: %w", ErrInvalidOption)
	}
	infl := opt.Influential
	if infl == 0 {
		infl = 0.5
	}
	if !(infl > 0 && infl <= 1) {
		return MapReport{}, fmt.Errorf("influential from %v, want a fraction in (0, 1]: %w", infl, ErrInvalidOption)
	}
	limit, err := money.Cent().Count(opt.GiftLimit)
	if err != nil || limit < 0 {
		return MapReport{}, fmt.Errorf("gift limit %s: %w", opt.GiftLimit, ErrInvalidAmount)
	}
	index := make(map[string]int, len(contacts))
	total := 0.0
	for k, c := range contacts {
		name := strings.TrimSpace(c.Name)
		switch {
		case name == "":
			return MapReport{}, fmt.Errorf("contact %d: no name: %w", k+1, ErrInvalidOption)
		case !(c.Influence >= 0 && c.Influence <= 1):
			return MapReport{}, fmt.Errorf("contact %q: influence %v, want a fraction in [0, 1]: %w", name, c.Influence, ErrInvalidOption)
		case c.Attitude < -2 || c.Attitude > 2:
			return MapReport{}, fmt.Errorf("contact %q: attitude %d, want −2 … +2: %w", name, c.Attitude, ErrInvalidOption)
		case int(c.Role) >= len(roleNames) || c.Level > Operational:
			return MapReport{}, fmt.Errorf("contact %q: role %d, level %d: %w", name, c.Role, c.Level, ErrInvalidOption)
		}
		for _, e := range c.Evidence {
			if e.Step > EmotionalBond || e.Step == NoRelationship {
				return MapReport{}, fmt.Errorf("contact %q: evidence of step %d: %w", name, e.Step, ErrInvalidOption)
			}
		}
		if _, dup := index[name]; dup {
			return MapReport{}, fmt.Errorf("contact %q twice: %w", name, ErrInvalidOption)
		}
		index[name] = k
		total += c.Influence
	}
	if total == 0 {
		return MapReport{}, fmt.Errorf("no contact has influence: %w", ErrInvalidOption)
	}
	r := MapReport{Team: map[string][]string{}, Activities: map[string]int{}}
	gifts := make([]money.Acc, len(contacts))
	for k, a := range activities {
		i, ok := index[strings.TrimSpace(a.Contact)]
		if !ok {
			return MapReport{}, fmt.Errorf("activity %d: unknown contact %q: %w", k+1, a.Contact, ErrInvalidOption)
		}
		if int(a.Kind) >= len(activityNames) {
			return MapReport{}, fmt.Errorf("activity %d: kind %d: %w", k+1, a.Kind, ErrInvalidOption)
		}
		v, err := money.Cent().Count(a.Value)
		if err != nil || v < 0 {
			return MapReport{}, fmt.Errorf("activity %d with %q: value %s, want whole cents ≥ 0: %w", k+1, a.Contact, a.Value, ErrInvalidAmount)
		}
		r.Activities[contacts[i].Name]++
		if a.Kind == Gift {
			gifts[i].Add(v)
		}
	}
	trusted := 0
	covered, support := 0.0, 0.0
	for k, c := range contacts {
		step := c.Step()
		r.Steps[step]++
		if step >= Trust {
			trusted++
		}
		if c.Owner == "" {
			r.Gaps = append(r.Gaps, c.Name)
		} else {
			r.Team[c.Owner] = append(r.Team[c.Owner], c.Name)
			if step >= Trust || r.Activities[c.Name] > 0 {
				covered += c.Influence
			}
		}
		support += c.Influence * float64(c.Attitude)
		if c.RisingStar {
			r.RisingStars = append(r.RisingStars, c.Name)
		}
		if c.VIP {
			r.VIPs = append(r.VIPs, c.Name)
		}
		if c.Influence >= infl && c.Attitude < 0 {
			r.Risks = append(r.Risks, Risk{RiskOpponent, c.Name})
		}
		if c.Role == DecisionMaker && step == NoRelationship {
			r.Risks = append(r.Risks, Risk{RiskUncoveredDecider, c.Name})
		}
		if c.Attitude > 0 && c.Leaving {
			r.Risks = append(r.Risks, Risk{RiskChampionLeaving, c.Name})
		}
		if c.Owner == "" && (c.Influence >= infl || c.Role == DecisionMaker) {
			r.Risks = append(r.Risks, Risk{RiskNoOwner, c.Name})
		}
		if g, err := gifts[k].Result(); err != nil || (limit > 0 && g > limit) {
			r.Risks = append(r.Risks, Risk{RiskGiftOverLimit, c.Name})
		}
	}
	if trusted <= 1 {
		r.Risks = slices.Insert(r.Risks, 0, Risk{Kind: RiskSingleThreaded})
	}
	r.Coverage = covered / total
	r.Support = support / (2 * total)
	if math.IsNaN(r.Coverage) || math.IsNaN(r.Support) {
		return MapReport{}, fmt.Errorf("influence sums to %v: %w", total, ErrInvalidOption)
	}
	return r, nil
}
