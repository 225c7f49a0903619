package relationship

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/salesgrowth/salesgrowth/internal/money"
)

// ShareOfWallet returns our share of the customer's spend in the category,
// ours / total, as a fraction. Errors wrap [ErrInvalidAmount] (negative
// money, fractions of a cent, ours above total, a total of zero).
func ShareOfWallet(ours, total decimal.Decimal) (float64, error) {
	o, err1 := money.Cent().Count(ours)
	t, err2 := money.Cent().Count(total)
	switch {
	case err1 != nil || err2 != nil:
		return 0, wrap(fmt.Errorf("share of wallet %s of %s: %w", ours, total, ErrInvalidAmount))
	case t <= 0 || o < 0 || o > t:
		return 0, wrap(fmt.Errorf("share of wallet %s of %s, want 0 ≤ ours ≤ total, total > 0: %w", ours, total, ErrInvalidAmount))
	}
	return float64(o) / float64(t), nil
}

// WalletShare returns the share of wallet the Wallet Allocation Rule of
// Keiningham, Aksoy, Buoye, Larivière, Williams & Wilson (2015), "The
// Wallet Allocation Rule", MIT Sloan Management Review, predicts for the
// brand a customer ranks rank-th of the brands it uses:
//
//	share = (1 − rank/(brands+1)) × 2/brands
//
// The shares over the ranks 1 … brands sum to one. Errors wrap
// [ErrInvalidOption] (brands < 1, rank outside 1 … brands).
func WalletShare(rank, brands int) (float64, error) {
	if brands < 1 || rank < 1 || rank > brands {
		return 0, wrap(fmt.Errorf("rank %d of %d brands: %w", rank, brands, ErrInvalidOption))
	}
	n := float64(brands)
	return (1 - float64(rank)/(n+1)) * 2 / n, nil
}

// WalletGap compares our actual share of wallet with what the Wallet
// Allocation Rule predicts for our rank. The zero WalletGap is an empty
// comparison.
type WalletGap struct {
	Rank, Brands int
	Actual       float64 // our share of wallet
	Expected     float64 // the rule's share for our rank
	Gap          float64 // Actual − Expected: negative means we get less than our rank earns
}

// CompareWallet returns our share of wallet against the Wallet Allocation
// Rule for our rank among the customer's brands. Errors are those of
// [ShareOfWallet] and [WalletShare].
func CompareWallet(ours, total decimal.Decimal, rank, brands int) (WalletGap, error) {
	a, err := ShareOfWallet(ours, total)
	if err != nil {
		return WalletGap{}, err
	}
	e, err := WalletShare(rank, brands)
	if err != nil {
		return WalletGap{}, err
	}
	return WalletGap{Rank: rank, Brands: brands, Actual: a, Expected: e, Gap: a - e}, nil
}
