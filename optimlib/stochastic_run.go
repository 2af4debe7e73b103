package optimlib

import (
	"errors"
	"fmt"
	"math"
)

// MiniBatchConfig configures RunMiniBatch.
type MiniBatchConfig struct {
	// BatchSize is B: 1 for SGD, N (or 0) for full-batch descent.
	BatchSize int
	// Epochs, when > 0, limits the run to Epochs passes over the data:
	// MaxSteps = Epochs·⌈N/B⌉ (it overrides Run.MaxSteps).
	Epochs int
	// Seed seeds the shuffling of the examples.
	Seed uint64
	// Sum estimates the total Σℓ_i instead of the mean (for sampling a
	// posterior with SGLD; see DataObjective).
	Sum bool
	// Run holds the stop rules, the trace stride, the callback and the
	// context, as for Run. Its MaxSteps counts steps (batches); Epochs, when
	// set, replaces it. GradTol and Patience see the noisy mini-batch values.
	Run RunConfig
}

// MiniBatchResult is the outcome of RunMiniBatch.
//
// The embedded Result is the runner's, with one change: F and GradNorm are
// the full-data f(X) and ‖∇f(X)‖ (the mean loss, or the total with Sum), not
// the last batch's. Its Trace has one
// point per recorded step with the mini-batch loss and gradient norm the
// optimizer saw (the noisy curve); EpochTrace has the full-data loss and
// gradient norm at every epoch boundary, the curve that compares batch sizes.
type MiniBatchResult struct {
	Result
	// BatchSize is the batch size actually used (N for a full batch).
	BatchSize int
	// BatchesPerEpoch is ⌈N/B⌉.
	BatchesPerEpoch int
	// Epochs is the number of passes over the data the steps made
	// (fractional when the run stopped inside an epoch).
	Epochs float64
	// Examples is the number of example gradients evaluated, the cost that is
	// fair across batch sizes. It counts every batch drawn, including the one
	// evaluated at the final point (Steps + 1 batches in all), but not the
	// full-data evaluations of EpochTrace.
	Examples int
	// EpochTrace holds the full-data f and ‖∇f‖ at the start (epoch 0) and
	// after each completed epoch; its step column is the epoch number.
	EpochTrace *Trace

	dataN int
}

// TraceEpochs returns, for each point of the step trace, the epoch it falls
// in as a fraction: step k is ⌊k/P⌋ + min((k mod P)·B, N)/N epochs in, with
// P = ⌈N/B⌉ batches per epoch. Plot the step trace's losses against it to
// overlay runs with different batch sizes.
func (r *MiniBatchResult) TraceEpochs() []float64 {
	if r == nil || r.Trace == nil {
		return nil
	}
	out := make([]float64, r.Trace.Len())
	for i := range out {
		out[i] = r.epochAt(r.Trace.StepAt(i))
	}
	return out
}

// epochAt converts a step count k into fractional epochs:
// ⌊k/P⌋ + min((k mod P)·B, N)/N.
func (r *MiniBatchResult) epochAt(k int) float64 {
	p := r.BatchesPerEpoch
	if p <= 0 || r.dataN <= 0 {
		return math.NaN()
	}
	full, within := k/p, k%p
	return float64(full) + float64(min(within*r.BatchSize, r.dataN))/float64(r.dataN)
}

// RunMiniBatch minimizes the loss of d with opt, estimating each gradient from
// a batch of cfg.BatchSize examples (see MiniBatch), from w0, under the stop
// rules of cfg.Run. At step k:
//
//	β_k = next batch (reshuffled each epoch),   ĝ_k = (1/|β_k|)·Σ_{i∈β_k} ∇ℓ_i(w_k),
//	w_{k+1} = opt.Step(w_k, ĝ_k)
//
// so any Optimizer becomes its stochastic version: GD becomes SGD, Adam
// becomes mini-batch Adam. It reuses Run: the stop reasons, the
// interruption and the callback are Run's. Defaults: BatchSize 0 (full
// batch), Epochs 0 (cfg.Run.MaxSteps steps, DefaultMaxSteps if 0), Seed 0.
//
// The full-data loss is evaluated once per epoch for EpochTrace (N example
// losses and gradients, about the cost of one epoch of full-batch descent).
func RunMiniBatch(d Dataset, opt Optimizer, w0 []float64, cfg MiniBatchConfig) (res *MiniBatchResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.RunMiniBatch: the dataset or optimizer panicked: %v", p)
			if res != nil {
				res.Reason, res.Err = StopFailed, err
			}
		}
	}()
	switch {
	case d == nil:
		return nil, errors.New("optimlib.RunMiniBatch: nil dataset")
	case d.Len() == 0:
		return nil, errors.New("optimlib.RunMiniBatch: empty dataset")
	case len(w0) != d.NumParams():
		return nil, fmt.Errorf("optimlib.RunMiniBatch: w0 has %d entries, the dataset has %d parameters",
			len(w0), d.NumParams())
	case cfg.Epochs < 0:
		return nil, fmt.Errorf("optimlib.RunMiniBatch: negative Epochs %d", cfg.Epochs)
	case opt == nil:
		return nil, errors.New("optimlib.RunMiniBatch: nil optimizer")
	}
	mb := &MiniBatch{Data: d, BatchSize: cfg.BatchSize, Sum: cfg.Sum, Seed: cfg.Seed}
	per := mb.BatchesPerEpoch()
	full := &DataObjective{Data: d, Sum: cfg.Sum}
	out := &MiniBatchResult{BatchSize: mb.EffectiveBatchSize(), BatchesPerEpoch: per, dataN: d.Len(),
		EpochTrace: NewTrace(len(w0))}

	grad := make([]float64, len(w0))
	recordEpoch := func(k int, w []float64) {
		f := full.FuncGrad(grad, w)
		out.EpochTrace.Add(k/per, w, f, vecNorm(grad), opt.LearningRate())
	}
	run := cfg.Run
	if cfg.Epochs > 0 {
		run.MaxSteps = cfg.Epochs * per
	}
	user, every := run.Callback, max(run.CallbackEvery, 1)
	lastEpoch := -1
	run.CallbackEvery = 1
	run.Callback = func(k int, w []float64, f float64) bool {
		if k%per == 0 && k/per != lastEpoch {
			lastEpoch = k / per
			recordEpoch(k, w)
		}
		if user != nil && k%every == 0 {
			return user(k, w, f)
		}
		return true
	}
	inner, err := Run(mb, opt, w0, run)
	if inner == nil {
		return nil, fmt.Errorf("optimlib.RunMiniBatch: %w", err)
	}
	out.Result = *inner
	out.Epochs = out.epochAt(inner.Steps)
	out.Examples = mb.Examples()
	if err != nil {
		return out, err
	}
	res = out
	if inner.Steps%per == 0 && inner.Steps/per != lastEpoch {
		recordEpoch(inner.Steps, inner.X)
	}
	out.F = full.FuncGrad(grad, inner.X)
	out.GradNorm = vecNorm(grad)
	return out, nil
}
