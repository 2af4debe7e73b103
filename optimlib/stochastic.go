package optimlib

import (
	"math"
	"math/rand/v2"
)

// MiniBatch turns a Dataset into a stochastic Objective: every gradient it
// returns is estimated from the next batch of B examples,
//
//	ĝ(w) = (1/|β|)·Σ_{i∈β} ∇ℓ_i(w)     (mean, the default)
//	ĝ(w) = (N/|β|)·Σ_{i∈β} ∇ℓ_i(w)     (Sum)
//
// an unbiased estimate of ∇L(w) (of ∇Σℓ_i with Sum). The examples are
// visited in a random order that is reshuffled at the start of every epoch
// (one pass over the data); batches are consecutive runs of that order, and
// the last batch of an epoch is smaller when B does not divide N (PyTorch's
// DataLoader with drop_last=False). So an epoch is ⌈N/B⌉ batches.
//
//   - BatchSize 1: stochastic gradient descent, one example per step;
//   - 1 < BatchSize < N: mini-batch descent;
//   - BatchSize ≤ 0 or ≥ N: full batch, every estimate is the exact gradient
//     (the examples are then not shuffled, so the result is bit-identical to
//     FullBatch or TotalLoss).
//
// Every call of Grad or FuncGrad draws the next batch; Func evaluates the loss
// over the batch drawn last (drawing the first one if none was drawn yet). A
// Run therefore sees a fresh batch at every step, and the loss it records is
// the noisy mini-batch loss (RunMiniBatch adds the full-data loss per epoch).
//
// The order is drawn from PCG(Seed), so the same Seed gives the same batches.
// The zero state is ready: the shuffle starts on the first draw, and Reset
// starts the sequence over. A MiniBatch is not safe for concurrent use.
type MiniBatch struct {
	// Data is the dataset.
	Data Dataset
	// BatchSize is B (≤ 0 or ≥ N: full batch).
	BatchSize int
	// Sum scales the estimate to the total Σℓ_i instead of the mean.
	Sum bool
	// Seed seeds the shuffling.
	Seed uint64

	rng      *rand.Rand
	perm     []int
	batch    []int
	pos      int
	epochs   int
	draws    int
	examples int
	work     []float64
}

// NewMiniBatch returns the estimator of the mean loss of d with batches of
// batchSize examples, shuffled by PCG(seed).
func NewMiniBatch(d Dataset, batchSize int, seed uint64) *MiniBatch {
	return &MiniBatch{Data: d, BatchSize: batchSize, Seed: seed}
}

// Reset starts the batch sequence over: the next draw begins a fresh first
// epoch shuffled from Seed again, and the counters return to 0.
func (m *MiniBatch) Reset() {
	m.rng, m.perm, m.batch = nil, m.perm[:0], nil
	m.pos, m.epochs, m.draws, m.examples = 0, 0, 0, 0
}

// EffectiveBatchSize returns the batch size actually used: BatchSize clamped
// to 1..N, with N for a full batch (0 for an empty dataset).
func (m *MiniBatch) EffectiveBatchSize() int {
	n := m.dataLen()
	if m.BatchSize <= 0 || m.BatchSize >= n {
		return n
	}
	return m.BatchSize
}

// BatchesPerEpoch returns ⌈N/B⌉, the number of draws in one epoch.
func (m *MiniBatch) BatchesPerEpoch() int {
	b := m.EffectiveBatchSize()
	if b == 0 {
		return 0
	}
	return (m.dataLen() + b - 1) / b
}

// Draws returns the number of batches drawn since the start or Reset.
func (m *MiniBatch) Draws() int { return m.draws }

// Epochs returns the number of completed passes over the data.
func (m *MiniBatch) Epochs() int { return m.epochs }

// Examples returns the number of example gradients evaluated so far (the
// sizes of all batches drawn), the cost measure that compares batch sizes.
func (m *MiniBatch) Examples() int { return m.examples }

// Batch returns a copy of the indices of the batch drawn last (nil before the
// first draw).
func (m *MiniBatch) Batch() []int { return append([]int(nil), m.batch...) }

// Next draws the next batch and returns a copy of its indices. Grad and
// FuncGrad call it; call it yourself to walk through the batches of an epoch.
func (m *MiniBatch) Next() []int {
	m.next()
	return m.Batch()
}

// next advances to the next batch, reshuffling at the start of an epoch.
func (m *MiniBatch) next() {
	n := m.dataLen()
	if n == 0 {
		m.batch = nil
		return
	}
	b := m.EffectiveBatchSize()
	if len(m.perm) != n {
		m.perm = make([]int, n)
		m.pos = 0
	}
	if m.pos == 0 || m.pos >= n {
		m.pos = 0
		m.shuffle(b < n)
	}
	end := min(m.pos+b, n)
	m.batch = m.perm[m.pos:end]
	m.pos = end
	if m.pos == n {
		m.epochs++
	}
	m.draws++
	m.examples += len(m.batch)
}

// shuffle refills the order with 0..N−1, shuffled when random is set.
func (m *MiniBatch) shuffle(random bool) {
	for i := range m.perm {
		m.perm[i] = i
	}
	if !random {
		return
	}
	if m.rng == nil {
		m.rng = seededRand(m.Seed, streamBatch)
	}
	m.rng.Shuffle(len(m.perm), func(i, j int) { m.perm[i], m.perm[j] = m.perm[j], m.perm[i] })
}

// Func returns the loss over the batch drawn last, scaled like the gradient:
// (1/|β|)Σ_{i∈β} ℓ_i(w), or (N/|β|)Σ with Sum. NaN without data.
func (m *MiniBatch) Func(w []float64) float64 {
	if m.batch == nil {
		m.next()
	}
	if len(m.batch) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, i := range m.batch {
		s += m.Data.ExampleLoss(i, w)
	}
	return s * m.batchScale()
}

// Grad draws the next batch and writes its gradient estimate ĝ(w) into grad.
func (m *MiniBatch) Grad(grad, w []float64) {
	m.next()
	m.batchGrad(grad, w)
}

// FuncGrad draws the next batch, writes ĝ(w) into grad and returns the loss
// over the same batch.
func (m *MiniBatch) FuncGrad(grad, w []float64) float64 {
	m.next()
	m.batchGrad(grad, w)
	return m.Func(w)
}

// batchGrad writes the estimate over the current batch into grad.
func (m *MiniBatch) batchGrad(grad, w []float64) {
	if len(m.batch) == 0 {
		vecFillNaN(grad)
		return
	}
	clear(grad)
	m.work = sumExampleGrads(m.Data, grad, w, m.work, 0, len(m.batch), m.batch)
	vecScale(grad, m.batchScale())
}

// batchScale is 1/|β| (mean) or N/|β| (Sum).
func (m *MiniBatch) batchScale() float64 {
	if m.Sum {
		return float64(m.dataLen()) / float64(len(m.batch))
	}
	return 1 / float64(len(m.batch))
}

// dataLen returns N (0 for a nil dataset).
func (m *MiniBatch) dataLen() int {
	if m.Data == nil {
		return 0
	}
	return m.Data.Len()
}
