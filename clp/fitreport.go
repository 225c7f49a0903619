package clp

import (
	"fmt"
	"math"
)

// FitReport is what a fit on summaries did. The zero FitReport is a fit
// that used nothing.
type FitReport struct {
	// LogLikelihood is the log-likelihood of the customers used at the
	// fitted parameters (weighted when weights were given).
	LogLikelihood float64
	// StdErrors are the asymptotic standard errors of the parameters in
	// the model's field order, from the inverse Hessian of the (weighted)
	// log-likelihood; nil, with StdErrorsErr saying why, when the Hessian is
	// not positive definite.
	StdErrors    []float64
	StdErrorsErr string
	// Used counts the customers fitted; Dropped those left out and why
	// (DropReason): age zero for the purchase models, no repeat purchase or
	// no positive mean spend for Gamma-Gamma.
	Used, Dropped int
	DropReason    string
	// Iterations, Evaluations and Status are the optimiser's (gonum's
	// BFGS, or L-BFGS for BG/NBD): major iterations, function and gradient evaluations, and the
	// status it stopped with.
	Iterations, Evaluations int
	Status                  string
}

// usable applies the rule of the purchase models: a customer first seen on
// the calibration end day (x = t_x = T = 0) carries no information and is
// dropped; any other invalid summary is an error naming its ID.
func usable(name string, ss []Summary, weights []float64) (_ []Customer, _ []float64, kept []Summary, dropped int, err error) {
	if weights != nil && len(weights) != len(ss) {
		return nil, nil, nil, 0, fmt.Errorf("%s: %d weights for %d summaries: %w", name, len(weights), len(ss), ErrInvalidData)
	}
	cs := make([]Customer, 0, len(ss))
	var ws []float64
	for i, s := range ss {
		c := s.Customer
		if c.X == 0 && c.Tx == 0 && c.T == 0 {
			dropped++
			continue
		}
		if err := c.Validate(); err != nil {
			return nil, nil, nil, 0, fmt.Errorf("%s: customer %q: %w", name, s.ID, err)
		}
		cs, kept = append(cs, c), append(kept, s)
		if weights != nil {
			ws = append(ws, weights[i])
		}
	}
	return cs, ws, kept, dropped, nil
}

// fitSummaries runs a purchase-model fit on the usable summaries and
// reports it.
func fitSummaries[M interface{ LogLikelihood([]Customer) float64 }](name string, ss []Summary, opt *FitOptions,
	fit func([]Customer, *FitOptions) (M, error), se func(M, []Customer, []float64) ([]float64, error)) (M, FitReport, error) {
	var zero M
	o := opt.get()
	cs, ws, _, dropped, err := usable(name, ss, o.Weights)
	if err != nil {
		return zero, FitReport{}, err
	}
	var st fitStats
	o.Weights, o.stats = ws, &st
	m, err := fit(cs, &o)
	rep := FitReport{Used: len(cs), Dropped: dropped, Iterations: st.iterations, Evaluations: st.evaluations, Status: st.status}
	if dropped > 0 {
		rep.DropReason = "age zero: first purchase on the calibration end day"
	}
	if err != nil {
		return zero, rep, err
	}
	if ws == nil {
		rep.LogLikelihood = m.LogLikelihood(cs)
	} else {
		rep.LogLikelihood = weightedLL(m, cs, ws)
	}
	if rep.StdErrors, err = se(m, cs, ws); err != nil {
		rep.StdErrors, rep.StdErrorsErr = nil, err.Error()
	}
	if math.IsNaN(rep.LogLikelihood) || math.IsInf(rep.LogLikelihood, 0) {
		return zero, rep, fmt.Errorf("%s: log-likelihood %v at the fit: %w", name, rep.LogLikelihood, ErrNoConvergence)
	}
	return m, rep, nil
}

func weightedLL[M interface{ LogLikelihood([]Customer) float64 }](m M, cs []Customer, ws []float64) float64 {
	s := 0.0
	one := make([]Customer, 1)
	for i, c := range cs {
		one[0] = c
		s += ws[i] * m.LogLikelihood(one)
	}
	return s
}

// FitBGNBDSummaries is [FitBGNBD] on summaries: customers of age zero are
// dropped and counted, any other invalid summary is an error naming its ID,
// and the report gives the log-likelihood, standard errors and what the
// optimiser did. opt.Weights, when set, has one entry per summary.
func FitBGNBDSummaries(ss []Summary, opt *FitOptions) (_ BGNBD, _ FitReport, err error) {
	defer wrapErr(&err)
	return fitSummaries("bg/nbd", ss, opt, FitBGNBD, BGNBD.WeightedStandardErrors)
}

// FitMBGNBDSummaries is [FitMBGNBD] on summaries, as [FitBGNBDSummaries].
func FitMBGNBDSummaries(ss []Summary, opt *FitOptions) (_ MBGNBD, _ FitReport, err error) {
	defer wrapErr(&err)
	return fitSummaries("mbg/nbd", ss, opt, FitMBGNBD, MBGNBD.WeightedStandardErrors)
}

// FitParetoNBDSummaries is [FitParetoNBD] on summaries, as
// [FitBGNBDSummaries].
func FitParetoNBDSummaries(ss []Summary, opt *FitOptions) (_ ParetoNBD, _ FitReport, err error) {
	defer wrapErr(&err)
	return fitSummaries("pareto/nbd", ss, opt, FitParetoNBD, ParetoNBD.WeightedStandardErrors)
}

// FitGammaGammaSummaries is [FitGammaGamma] on summaries: it fits the
// repeat buyers (X ≥ 1) with a positive mean spend, skips the others and
// counts them (Dropped), and names a summary with a NaN or infinite value
// by its ID. opt.Weights is not supported here (ErrInvalidData): weigh by
// repeating summaries.
func FitGammaGammaSummaries(ss []Summary, opt *FitOptions) (_ GammaGamma, _ FitReport, err error) {
	defer wrapErr(&err)
	o := opt.get()
	if o.Weights != nil {
		return GammaGamma{}, FitReport{}, fmt.Errorf("gamma-gamma: weights on summaries: %w", ErrInvalidData)
	}
	var x, m []float64
	dropped := 0
	for _, s := range ss {
		if math.IsNaN(s.X) || math.IsInf(s.X, 0) || math.IsNaN(s.MeanSpend) || math.IsInf(s.MeanSpend, 0) {
			return GammaGamma{}, FitReport{}, fmt.Errorf("gamma-gamma: customer %q: x %v, mean spend %v: %w", s.ID, s.X, s.MeanSpend, ErrNotFinite)
		}
		if s.X < 1 || s.MeanSpend <= 0 {
			dropped++
			continue
		}
		if err := checkSpend(0, s.X, s.MeanSpend); err != nil {
			return GammaGamma{}, FitReport{}, fmt.Errorf("gamma-gamma: customer %q: x %v, mean spend %v: %w", s.ID, s.X, s.MeanSpend, ErrInvalidData)
		}
		x, m = append(x, s.X), append(m, s.MeanSpend)
	}
	var st fitStats
	o.stats = &st
	rep := FitReport{Used: len(x), Dropped: dropped}
	if dropped > 0 {
		rep.DropReason = "no repeat purchase or no positive mean spend"
	}
	if len(x) == 0 {
		return GammaGamma{}, rep, fmt.Errorf("gamma-gamma: no repeat buyer with a positive mean spend among %d summaries: %w", len(ss), ErrInvalidData)
	}
	g, err := FitGammaGamma(x, m, &o)
	rep.Iterations, rep.Evaluations, rep.Status = st.iterations, st.evaluations, st.status
	if err != nil {
		return GammaGamma{}, rep, err
	}
	rep.LogLikelihood = g.LogLikelihood(x, m)
	if rep.StdErrors, err = g.StandardErrors(x, m); err != nil {
		rep.StdErrors, rep.StdErrorsErr = nil, err.Error()
	}
	return g, rep, nil
}

// withWeights puts weights, the data, into a copy of the options; weights
// in both places are an error.
func withWeights(name string, weights []float64, opt *FitOptions) (*FitOptions, error) {
	o := opt.get()
	if o.Weights != nil {
		return nil, fmt.Errorf("%s: weights both as an argument and in FitOptions: %w", name, ErrInvalidData)
	}
	if weights == nil {
		return nil, fmt.Errorf("%s: nil weights: %w", name, ErrInvalidData)
	}
	o.Weights = weights
	return &o, nil
}

// fitWeighted runs a fit on customers with the weights as data.
func fitWeighted[M any](name string, cs []Customer, weights []float64, opt *FitOptions, fit func([]Customer, *FitOptions) (M, error)) (M, error) {
	o, err := withWeights(name, weights, opt)
	if err != nil {
		var zero M
		return zero, err
	}
	return fit(cs, o)
}

// FitBGNBDWeighted is [FitBGNBD] with a weight per customer (a count of
// identical customers, such as a recency/frequency pattern's), the weights
// passed as data rather than in [FitOptions]. Errors are FitBGNBD's, and
// [ErrInvalidData] for weights given twice or of the wrong length.
func FitBGNBDWeighted(cs []Customer, weights []float64, opt *FitOptions) (_ BGNBD, err error) {
	defer wrapErr(&err)
	return fitWeighted("bg/nbd", cs, weights, opt, FitBGNBD)
}

// FitMBGNBDWeighted is [FitMBGNBD] with weights, as [FitBGNBDWeighted].
func FitMBGNBDWeighted(cs []Customer, weights []float64, opt *FitOptions) (_ MBGNBD, err error) {
	defer wrapErr(&err)
	return fitWeighted("mbg/nbd", cs, weights, opt, FitMBGNBD)
}

// FitParetoNBDWeighted is [FitParetoNBD] with weights, as
// [FitBGNBDWeighted].
func FitParetoNBDWeighted(cs []Customer, weights []float64, opt *FitOptions) (_ ParetoNBD, err error) {
	defer wrapErr(&err)
	return fitWeighted("pareto/nbd", cs, weights, opt, FitParetoNBD)
}

// FitBGBBWeighted is [FitBGBB] with weights (the donation data's pattern
// counts), as [FitBGNBDWeighted].
func FitBGBBWeighted(cs []Customer, weights []float64, opt *FitOptions) (_ BGBB, err error) {
	defer wrapErr(&err)
	return fitWeighted("bg/bb", cs, weights, opt, FitBGBB)
}

// FitGammaGammaWeighted is [FitGammaGamma] with weights, as
// [FitBGNBDWeighted].
func FitGammaGammaWeighted(x, meanSpend, weights []float64, opt *FitOptions) (_ GammaGamma, err error) {
	defer wrapErr(&err)
	o, err := withWeights("gamma-gamma", weights, opt)
	if err != nil {
		return GammaGamma{}, err
	}
	return FitGammaGamma(x, meanSpend, o)
}
