package relationship

import (
	"fmt"
	"math"

	"github.com/salesgrowth/salesgrowth/internal/lang"
)

// Rung is a step of the organisational relationship ladder. The zero Rung
// is [GeneralSupplier].
type Rung uint8

const (
	GeneralSupplier  Rung = iota // 一般供应商: one of many
	MajorSupplier                // 主要供应商: a large share
	CoreSupplier                 // 核心供应商: the first call, a contract
	StrategicPartner             // 战略伙伴: joint plans, executive sponsorship
)

// NumRungs is the number of rungs.
const NumRungs = 4

var rungNames = [NumRungs]string{"general supplier", "major supplier", "core supplier", "strategic partner"}
var rungChinese = [NumRungs]string{"一般供应商", "主要供应商", "核心供应商", "战略伙伴"}

// String returns the rung's English name.
func (r Rung) String() string {
	if r < NumRungs {
		return rungNames[r]
	}
	return fmt.Sprintf("Rung(%d)", uint8(r))
}

// Title returns the rung's name in English ([Rung.String]) or, for a
// Chinese language tag ("zh", "zh-CN", …), [Rung.Chinese].
func (r Rung) Title(tag string) string { return lang.Pick(tag, r.String(), r.Chinese()) }

// Chinese returns the rung's name in the course's Chinese.
func (r Rung) Chinese() string {
	if r < NumRungs {
		return rungChinese[r]
	}
	return r.String()
}

// ParseRung returns the rung of an English name (any case) or Chinese
// name; others wrap [ErrInvalidOption].
func ParseRung(s string) (Rung, error) {
	if k, ok := lookupName(s, rungNames[:], rungChinese[:]); ok {
		return Rung(k), nil
	}
	return 0, wrap(fmt.Errorf("rung %q: %w", s, ErrInvalidOption))
}

// Standing is where an account stands on the ladder's criteria. The zero
// Standing has no share, no grade, no contract, no joint initiative and
// no sponsor.
type Standing struct {
	ShareOfWallet    float64 // fraction of the customer's category spend
	Grade            Grade   // our grade on the customer's scorecard
	ContractYears    float64 // length of the running contract
	JointInitiatives int     // joint projects, plans or developments
	ExecutiveSponsor bool    // an executive of each side owns the relationship
}

// Criteria are the entry criteria of one rung: the least share of wallet,
// the worst grade accepted (NoGrade: none asked), the least contract
// length and number of joint initiatives, and whether executive
// sponsorship is required. The zero Criteria asks nothing.
type Criteria struct {
	MinShare            float64 `json:"min_share"`
	WorstGrade          Grade   `json:"worst_grade"`
	MinContractYears    float64 `json:"min_contract_years"`
	MinJointInitiatives int     `json:"min_joint_initiatives"`
	ExecutiveSponsor    bool    `json:"executive_sponsor"`
}

// Ladder holds the entry criteria of each rung; those of
// GeneralSupplier are ignored. The zero Ladder puts every account on the
// top rung; start from [DefaultLadder].
type Ladder [NumRungs]Criteria

// DefaultLadder returns this library's default criteria: major supplier
// from a 20 % share and grade C; core supplier from 40 %, grade B, a
// contract of a year and one joint initiative; strategic partner from 60 %,
// grade A, three contract years, three joint initiatives and executive
// sponsorship.
func DefaultLadder() Ladder {
	return Ladder{
		MajorSupplier:    {MinShare: 0.2, WorstGrade: GradeC},
		CoreSupplier:     {MinShare: 0.4, WorstGrade: GradeB, MinContractYears: 1, MinJointInitiatives: 1},
		StrategicPartner: {MinShare: 0.6, WorstGrade: GradeA, MinContractYears: 3, MinJointInitiatives: 3, ExecutiveSponsor: true},
	}
}

// Placement is an account's rung and what it lacks for the next. The zero
// Placement is a general supplier lacking nothing listed.
type Placement struct {
	Rung    Rung
	Next    Rung     // the rung above, or Rung itself at the top
	Missing []string // what is missing for Next, one line per criterion
}

// Place returns the highest rung whose criteria, and those of every rung
// below it, the standing meets, and the criteria of the next rung it
// misses. Errors wrap [ErrInvalidOption] (a share outside [0, 1] — 25 for
// 25 % is refused —, a negative or non-finite contract length, a negative
// count of initiatives, an unknown grade).
func (l Ladder) Place(s Standing) (Placement, error) {
	switch {
	case !(s.ShareOfWallet >= 0 && s.ShareOfWallet <= 1):
		return Placement{}, wrap(fmt.Errorf("share of wallet %v, want a fraction in [0, 1]: %w", s.ShareOfWallet, ErrInvalidOption))
	case !(s.ContractYears >= 0) || math.IsInf(s.ContractYears, 0):
		return Placement{}, wrap(fmt.Errorf("contract of %v years: %w", s.ContractYears, ErrInvalidOption))
	case s.JointInitiatives < 0:
		return Placement{}, wrap(fmt.Errorf("%d joint initiatives: %w", s.JointInitiatives, ErrInvalidOption))
	case s.Grade > GradeD:
		return Placement{}, wrap(fmt.Errorf("grade %d: %w", s.Grade, ErrInvalidOption))
	}
	p := Placement{}
	for r := MajorSupplier; r < NumRungs; r++ {
		if m := l[r].missing(s); len(m) > 0 {
			p.Next, p.Missing = r, m
			return p, nil
		}
		p.Rung = r
	}
	p.Next = p.Rung
	return p, nil
}

func (c Criteria) missing(s Standing) []string {
	var out []string
	if s.ShareOfWallet < c.MinShare {
		out = append(out, fmt.Sprintf("share of wallet %.0f %% of the %.0f %% needed", 100*s.ShareOfWallet, 100*c.MinShare))
	}
	if c.WorstGrade != NoGrade && (s.Grade == NoGrade || s.Grade > c.WorstGrade) {
		out = append(out, fmt.Sprintf("scorecard grade %s, %s or better needed", s.Grade, c.WorstGrade))
	}
	if s.ContractYears < c.MinContractYears {
		out = append(out, fmt.Sprintf("contract of %g years, %g needed", s.ContractYears, c.MinContractYears))
	}
	if s.JointInitiatives < c.MinJointInitiatives {
		out = append(out, fmt.Sprintf("%d joint initiatives, %d needed", s.JointInitiatives, c.MinJointInitiatives))
	}
	if c.ExecutiveSponsor && !s.ExecutiveSponsor {
		out = append(out, "executive sponsorship on both sides")
	}
	return out
}
