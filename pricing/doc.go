// Package pricing answers a customer's price-cut demand with value and
// measures price sensitivity.
//
// This first part holds the price-sensitivity surveys: [VanWestendorp]
// analyses a Van Westendorp survey (the four cumulative curves, the
// optimal and indifference price points, the acceptable range by the
// original or the narrower definition, step or linear crossings, the
// standard or the forced-minimum ECDF of pricesensitivitymeter 1.3.1,
// respondent weights, inconsistent answers dropped and counted, and the
// Newton–Miller–Smith reach and revenue optima); [ReadRespondentsCSV] reads
// its answers with line-and-field errors.
//
// Prices are float64 in the survey's currency; shares and probabilities
// are fractions in [0, 1], never percentages. Errors wrap the package's
// sentinels and start with "pricing: " once. Every function is a pure
// function of its inputs and safe for concurrent use; no input is
// modified.
package pricing
