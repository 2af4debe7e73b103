package optimlib

// The Must forms below are for notebook cells: each calls the function it
// is named after and panics with that function's error instead of
// returning it, so that a lesson reads
//
//	res := optimlib.MustRun(land, opt, x0, optimlib.RunConfig{MaxSteps: 400})
//
// rather than four lines ending in if err != nil { panic(err) }. The errors
// they turn into panics are those of bad input (an empty start, a negative
// step count, a batch larger than the data); a notebook shows the panic as
// the cell's error. Code that wants to handle the error calls the function
// itself.

// MustRun is Run, panicking with its error.
func MustRun(obj Objective, opt Optimizer, x0 []float64, cfg RunConfig) *Result {
	res, err := Run(obj, opt, x0, cfg)
	must(err)
	return res
}

// MustRunMiniBatch is RunMiniBatch, panicking with its error.
func MustRunMiniBatch(d Dataset, opt Optimizer, w0 []float64, cfg MiniBatchConfig) *MiniBatchResult {
	res, err := RunMiniBatch(d, opt, w0, cfg)
	must(err)
	return res
}

// MustLinearRegression is NewLinearRegression, panicking with its error.
func MustLinearRegression(n int, trueW []float64, noise float64, seed uint64) *LinearRegression {
	d, err := NewLinearRegression(n, trueW, noise, seed)
	must(err)
	return d
}

// MustMixturePosterior is NewMixturePosterior, panicking with its error.
func MustMixturePosterior(n int, seed uint64) *MixturePosterior {
	d, err := NewMixturePosterior(n, seed)
	must(err)
	return d
}

// MustGradNoiseVariance is GradNoiseVariance, panicking with its error.
func MustGradNoiseVariance(d Dataset, w []float64, batchSize int) float64 {
	v, err := GradNoiseVariance(d, w, batchSize)
	must(err)
	return v
}

// MustSampleGradNoiseVariance is SampleGradNoiseVariance, panicking with
// its error.
func MustSampleGradNoiseVariance(d Dataset, w []float64, batchSize, draws int, seed uint64) float64 {
	v, err := SampleGradNoiseVariance(d, w, batchSize, draws, seed)
	must(err)
	return v
}

// MustRestarts is Restarts, panicking with its error.
func MustRestarts(obj Objective, opt Optimizer, x0 []float64, cfg RestartConfig) *RestartResult {
	res, err := Restarts(obj, opt, x0, cfg)
	must(err)
	return res
}

// MustAnneal is Anneal, panicking with its error.
func MustAnneal(obj Objective, x0 []float64, cfg AnnealConfig) *AnnealResult {
	res, err := Anneal(obj, x0, cfg)
	must(err)
	return res
}

// MustMetropolisHastings is MetropolisHastings, panicking with its error.
func MustMetropolisHastings(obj Objective, x0 []float64, cfg MHConfig) *MHResult {
	res, err := MetropolisHastings(obj, x0, cfg)
	must(err)
	return res
}

// MustMiniBatchMH is MiniBatchMH, panicking with its error.
func MustMiniBatchMH(d Dataset, theta0 []float64, cfg MiniBatchMHConfig) *MiniBatchMHResult {
	res, err := MiniBatchMH(d, theta0, cfg)
	must(err)
	return res
}

// MustRunExperiment is RunExperiment, panicking with its error.
func MustRunExperiment(trial Trial, cfg ExperimentConfig) *Experiment {
	exp, err := RunExperiment(trial, cfg)
	must(err)
	return exp
}

// MustRegularizationPath is RegularizationPath, panicking with its error.
func MustRegularizationPath(f Objective, x0, lambdas []float64, alpha float64, cfg PathConfig) *Path {
	path, err := RegularizationPath(f, x0, lambdas, alpha, cfg)
	must(err)
	return path
}

// MustBasinHopping is BasinHopping, panicking with its error.
func MustBasinHopping(obj Objective, x0 []float64, cfg BasinHoppingConfig) *BasinHoppingResult {
	res, err := BasinHopping(obj, x0, cfg)
	must(err)
	return res
}

// MustCompare is Compare, panicking with its error.
func MustCompare(cfg ExperimentConfig, contestants ...Contestant) *Comparison {
	cmp, err := Compare(cfg, contestants...)
	must(err)
	return cmp
}

// must panics with err when it is not nil.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
