// Package relationship measures how deep a key-account relationship is and
// how safe it is from a rival.
//
// Switching costs: the course's five types ([CostType]: search, trial,
// learning, relationship, legal) as [Costs] in money, or rated on a
// [RatingScale] and converted, mapped onto the eight facets and three
// categories of Burnham, Frels & Mahajan (2003) ([CostType.Facets],
// [Costs.ByCategory]). The five levers that raise them ([LeverKind]) are
// [Lever]s with a cost, an effect and a return; [CaseProfiles] are the
// course's cases as ready-made profiles. [Decide] applies the course's
// switching rule — a rival wins only when its advantage in delivered value
// exceeds the switching cost — and reports the retention margin, the
// largest price premium we can hold and the least-cost levers that close a
// negative margin.
//
// The supplier scorecard ([Scorecard], [DefaultScorecard]) weighs the seven
// TQRDCES dimensions into a total and a grade A–D, with minimum gates that
// fail the supplier whatever the total, trends between two reviews, and the
// checklist of the seven typical situations in which a customer changes
// supplier ([SwitchSituations], [Scorecard.Warnings]).
//
// Share of wallet ([ShareOfWallet]) and the Wallet Allocation Rule of
// Keiningham et al. (2015) ([WalletShare], [CompareWallet]).
//
// The organisational ladder — general supplier, major supplier, core
// supplier, strategic partner (一般供应商, 主要供应商, 核心供应商, 战略伙伴)
// — places an account by configurable entry criteria and lists what is
// missing for the next rung ([Ladder.Place], [DefaultLadder]). The
// decision-maker map ([AnalyzeMap]) holds contacts with role, level,
// influence, attitude and the evidence of their relationship step —
// goodwill, trust, interest, emotional bond (好感, 信任, 利益, 情感) — and the
// logged broad-relationship activities; it reports coverage and support
// weighted by influence, the risks, rising stars (明日之星), VIPs and the
// virtual account team.
//
// An [Account] holds all of it in one file ([ReadAccount],
// [Account.WriteJSON], which round-trip) and [Account.Analyze] runs every
// measure.
//
// Money crosses the API as [decimal.Decimal] in whole cents, bounded by
// 10^18 cents; fractions are fractions (0.25 for 25 %), never percentages.
// Errors wrap the package's sentinels ([ErrInvalidAmount],
// [ErrInvalidOption], [ErrOverflow], [ErrTooMany]) and start with
// "relationship: " once. Everything is a pure function of its inputs and
// safe for concurrent use; no input is modified.
package relationship
