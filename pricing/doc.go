// Package pricing answers a customer's price-cut demand with value and
// measures price sensitivity.
//
// Value to the customer: [Delivered] and [Compare] are Kotler's customer
// delivered value — total customer value less total customer cost — of our
// offer against a competitor's, with the cost cut or value rise that beats
// it by a margin and the largest price that still wins. [LifeCycleCost] and
// [CompareAlternatives] are the life-cycle cost (total cost of ownership)
// by year, discounted, with the equivalent annual cost that compares
// alternatives of different lives; the course's cost-reduction and
// value-raising solutions are labels ([SupplyChainVMI], [HoldingCost], …).
// [ComputeEVC] is the economic value to the customer (Forbis & Mehta) with
// its price window ([EVC.At]).
//
// Strategy: typed tables in English and Chinese by life-cycle stage
// ([StageStrategies]), competitive position ([PositionStrategy]), the
// price–quality grid ([PriceQuality]), product-line pricing and the
// principles of solution pricing, and [Recommend], which says why.
// Price-change economics: [BreakEvenVolume], [VolumeToPayForCut],
// [ProfitImpact]; elasticity: [ArcElasticity], [PointElasticity],
// [CrossElasticity], [EstimateElasticity] (log-log with R² and an
// interval), [OptimalPrice]. Business models: [CompareLicensing].
//
// Price-sensitivity surveys: [VanWestendorp] (the four cumulative curves,
// the optimal and indifference price points, the acceptable range by the
// original or the narrower definition, step or linear crossings, the
// standard or the forced-minimum ECDF of pricesensitivitymeter 1.3.1,
// respondent weights, inconsistent answers dropped and counted, and the
// Newton–Miller–Smith reach and revenue optima), read from CSV by
// [ReadRespondentsCSV]; [GaborGranger] (weighted acceptance smoothed by
// [NonIncreasing], arc elasticities, revenue and profit optima, a bootstrap
// interval).
//
// Money crosses the API as decimal.Decimal in whole cents, checked by the
// module's money kernel; survey prices are float64. Rates carry their
// basis in their name (DiscountAnnual); shares, rates and probabilities
// are fractions, never percentages. Errors wrap the package's sentinels and
// start with "pricing: " once. Every function is a pure function of its
// inputs and safe for concurrent use; no input is modified.
package pricing
