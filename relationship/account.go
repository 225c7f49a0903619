package relationship

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shopspring/decimal"
)

// MaxAccountBytes bounds an account file [ReadAccount] reads.
const MaxAccountBytes = 8 << 20

// Wallet is the customer's spend in our category, ours within it, and our
// rank among the brands it buys. The zero Wallet has a total of zero,
// which [CompareWallet] refuses.
type Wallet struct {
	Ours   decimal.Decimal `json:"ours"`
	Total  decimal.Decimal `json:"total"`
	Rank   int             `json:"rank"`
	Brands int             `json:"brands"`
}

// Account is everything known of one key account, as an account file holds
// it. Share of wallet and scorecard grade on the ladder come from Wallet and
// Scores. The zero Account has no contacts, which [Account.Analyze]
// refuses.
type Account struct {
	Name           string          `json:"name"`
	SwitchingCosts Costs           `json:"switching_costs"`
	RivalAdvantage decimal.Decimal `json:"rival_advantage"` // the rival's advantage in delivered value, same horizon
	Levers         []Lever         `json:"levers,omitempty"`
	// Scorecard is the customer's supplier scorecard; nil means
	// [DefaultScorecard].
	Scorecard      *Scorecard `json:"scorecard,omitempty"`
	Scores         Scores     `json:"scores"`
	PreviousScores *Scores    `json:"previous_scores,omitempty"` // the review before, for the trend
	Wallet         *Wallet    `json:"wallet,omitempty"`          // nil: no wallet data
	// Ladder holds the rung criteria; nil means [DefaultLadder].
	Ladder           *Ladder    `json:"ladder,omitempty"`
	ContractYears    float64    `json:"contract_years"`
	JointInitiatives int        `json:"joint_initiatives"`
	ExecutiveSponsor bool       `json:"executive_sponsor"`
	Contacts         []Contact  `json:"contacts"`
	Activities       []Activity `json:"activities,omitempty"`
	Map              MapOptions `json:"map_options"`
}

// AccountReport is the analysis of one account. The zero AccountReport is
// an empty report.
type AccountReport struct {
	Decision  Decision
	Rating    Rating
	Trend     *Trend // nil without previous scores
	Warnings  []Situation
	Wallet    *WalletGap // nil without wallet data
	Placement Placement
	Map       MapReport
}

// Analyze runs every measure of the package on the account: the switching
// decision, the scorecard rating, trend and warnings, the wallet against
// the Wallet Allocation Rule, the rung on the ladder and the
// decision-maker map. Errors are those of the measures.
func (a Account) Analyze() (AccountReport, error) {
	var r AccountReport
	var err error
	if r.Decision, err = Decide(a.SwitchingCosts, a.RivalAdvantage, a.Levers); err != nil {
		return AccountReport{}, err
	}
	sc := DefaultScorecard()
	if a.Scorecard != nil {
		sc = *a.Scorecard
	}
	if r.Rating, err = sc.Rate(a.Scores); err != nil {
		return AccountReport{}, err
	}
	if a.PreviousScores != nil {
		t, err := sc.Trend(*a.PreviousScores, a.Scores)
		if err != nil {
			return AccountReport{}, err
		}
		r.Trend = &t
	}
	if r.Warnings, err = sc.Warnings(a.Scores); err != nil {
		return AccountReport{}, err
	}
	share := 0.0
	if a.Wallet != nil {
		g, err := CompareWallet(a.Wallet.Ours, a.Wallet.Total, a.Wallet.Rank, a.Wallet.Brands)
		if err != nil {
			return AccountReport{}, err
		}
		r.Wallet, share = &g, g.Actual
	}
	ladder := DefaultLadder()
	if a.Ladder != nil {
		ladder = *a.Ladder
	}
	st := Standing{ShareOfWallet: share, Grade: r.Rating.Grade, ContractYears: a.ContractYears,
		JointInitiatives: a.JointInitiatives, ExecutiveSponsor: a.ExecutiveSponsor}
	if r.Placement, err = ladder.Place(st); err != nil {
		return AccountReport{}, err
	}
	if r.Map, err = AnalyzeMap(a.Contacts, a.Activities, a.Map); err != nil {
		return AccountReport{}, err
	}
	return r, nil
}

// WriteJSON writes the account as an indented account file, which
// [ReadAccount] reads back to an equal account.
func (a Account) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return wrap(fmt.Errorf("account %q: %w", a.Name, err))
	}
	_, err = w.Write(append(b, '\n'))
	return wrap(err)
}

// ReadAccount reads an account file (JSON, at most [MaxAccountBytes]): the
// fields of [Account], enumerations by name ("decision maker", "trust" or
// "信任", "B"), money as strings or numbers. Unknown fields and trailing
// data are errors, and the account must analyse: ReadAccount runs
// [Account.Analyze] once and returns its error. Errors wrap [ErrSyntax]
// for malformed JSON, else the sentinel of the measure that refused it.
func ReadAccount(r io.Reader) (Account, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxAccountBytes+1))
	if err != nil {
		return Account{}, wrap(fmt.Errorf("account: %w", err))
	}
	if len(b) > MaxAccountBytes {
		return Account{}, wrap(fmt.Errorf("account file over %d bytes: %w", MaxAccountBytes, ErrSyntax))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var a Account
	if err := dec.Decode(&a); err != nil {
		if errors.Is(err, ErrInvalidOption) || errors.Is(err, ErrInvalidAmount) {
			return Account{}, wrap(err)
		}
		return Account{}, wrap(fmt.Errorf("account: %v: %w", err, ErrSyntax))
	}
	if dec.More() {
		return Account{}, wrap(fmt.Errorf("account: data after the account: %w", ErrSyntax))
	}
	if _, err := a.Analyze(); err != nil {
		return Account{}, err
	}
	return a, nil
}
