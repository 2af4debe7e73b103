package optimlib

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Gonum runs any method of gonum.org/v1/gonum/optimize (CmaEsChol,
// GuessAndCheck, a method of your own, or one of the methods this package
// wraps with other defaults) under Run, so that it gets a Result, a Trace,
// stop rules, a budget and interruption like every optimizer here. The
// method's Run goroutine talks to Run through gonum's channels; a method
// that panics ends the run with StopFailed. The method must not be shared
// by concurrent runs.
type Gonum struct {
	// Method is the gonum method.
	Method optimize.Method
	// Label names the method in Name ("" : its Go type).
	Label string
}

// NewGonum returns m wrapped for Run.
//
//	res := optimlib.Minimize(land, optimlib.NewGonum(&optimize.CmaEsChol{}), x0, 500)
func NewGonum(m optimize.Method) *Gonum { return &Gonum{Method: m} }

// Name returns Label or the method's Go type, e.g. "*optimize.CmaEsChol".
func (o *Gonum) Name() string {
	if o.Label != "" {
		return o.Label
	}
	return fmt.Sprintf("%T", o.Method)
}

// Reset does nothing: each run initializes the method afresh.
func (o *Gonum) Reset() {}

// LearningRate returns NaN: a gonum method has no learning rate.
func (o *Gonum) LearningRate() float64 { return math.NaN() }

// Step panics: run the method with Run or Minimize.
func (o *Gonum) Step(x, grad []float64) { panic(searchStepPanic("Gonum")) }

// NewSearch starts the method in its own goroutine.
func (o *Gonum) NewSearch() (Search, error) {
	if o.Method == nil {
		return nil, errors.New("nil gonum method")
	}
	return newMethodSearch(o.Method)
}

// methodSearch drives a gonum optimize.Method through its channels, one
// task at a time: it is the caller of the method's Run.
type methodSearch struct {
	method     optimize.Method
	grad, hess bool
	ops        chan optimize.Task
	results    chan optimize.Task
	task       optimize.Task // the task received last
	holding    bool          // the method waits for the result of task
	finished   bool          // the method's Run has returned
	panicked   any
}

// newMethodSearch asks m what it uses.
func newMethodSearch(m optimize.Method) (*methodSearch, error) {
	uses, err := m.Uses(optimize.Available{Grad: true, Hess: true})
	if err != nil {
		return nil, err
	}
	return &methodSearch{method: m, grad: uses.Grad, hess: uses.Hess}, nil
}

// Needs reports what the method uses.
func (s *methodSearch) Needs() (grad, hess bool) { return s.grad, s.hess }

// Init starts the method's Run with loc as its evaluated start, answers the
// major iteration it sends for the start, and returns its first request.
func (s *methodSearch) Init(loc *optimize.Location) (optimize.Operation, error) {
	dim := len(loc.X)
	if n := s.method.Init(dim, 1); n != 1 {
		return optimize.NoOperation, fmt.Errorf("the method wants %d concurrent tasks, Run gives it 1", n)
	}
	s.ops = make(chan optimize.Task)
	s.results = make(chan optimize.Task, 1)
	start := optimize.FuncEvaluation
	if s.grad {
		start |= optimize.GradEvaluation
	}
	if s.hess {
		start |= optimize.HessEvaluation
	}
	tasks := []optimize.Task{{Op: start, Location: cloneLocation(loc)}}
	go func() {
		defer func() {
			if p := recover(); p != nil {
				s.panicked = p
				close(s.ops)
			}
		}()
		s.method.Run(s.ops, s.results, tasks)
	}()
	// gonum's local methods first ask for what the start lacks (nothing:
	// NoOperation), then declare it a major iteration, which Run has
	// recorded already.
	op, err := s.receive(loc)
	for err == nil && op == optimize.NoOperation {
		op, err = s.Iterate(loc)
	}
	if err == nil && op == optimize.MajorIteration {
		return s.Iterate(loc)
	}
	return op, err
}

// Iterate answers the method's last request with loc and returns its next.
func (s *methodSearch) Iterate(loc *optimize.Location) (optimize.Operation, error) {
	if s.finished {
		return optimize.MethodDone, s.status()
	}
	answer(s.task, loc)
	s.holding = false
	s.results <- s.task
	return s.receive(loc)
}

// receive waits for the method's next task and copies its point into loc.
func (s *methodSearch) receive(loc *optimize.Location) (optimize.Operation, error) {
	task, ok := <-s.ops
	if !ok {
		s.finished = true
		if s.panicked != nil {
			return optimize.NoOperation, fmt.Errorf("the gonum method panicked: %v", s.panicked)
		}
		return optimize.MethodDone, s.status()
	}
	s.task, s.holding = task, true
	switch task.Op {
	case optimize.MethodDone:
		// The method has ended by its own test: answer as gonum's
		// Minimize does, and let its Run return.
		s.holding = false
		s.results <- optimize.Task{Op: optimize.PostIteration}
		s.finish()
		return optimize.MethodDone, s.status()
	case optimize.MajorIteration:
		copyLocation(loc, task.Location)
	default:
		copy(loc.X, task.X)
	}
	return task.Op, nil
}

// status returns the error a method ended with (nil for convergence).
func (s *methodSearch) status() error {
	st, ok := s.method.(optimize.Statuser)
	if !ok {
		return nil
	}
	status, err := st.Status()
	if err != nil {
		return err
	}
	if status == optimize.GradientThreshold {
		return methodStatus{status}
	}
	return nil
}

// finish closes the results and waits for Run to close its operations.
func (s *methodSearch) finish() {
	if s.finished {
		return
	}
	close(s.results)
	for range s.ops {
	}
	s.finished = true
}

// StepLength returns NaN: gonum's Method protocol does not tell.
func (s *methodSearch) StepLength() float64 { return math.NaN() }

// Close tells a running method that the optimization is over, as gonum's
// Minimize does, and waits for its Run to return.
func (s *methodSearch) Close() {
	if s.ops == nil || s.finished {
		return
	}
	if s.holding {
		s.results <- optimize.Task{Op: optimize.PostIteration}
		s.holding = false
	}
	s.finish()
}

// answer copies into the task's location what its operation asked for.
func answer(task optimize.Task, loc *optimize.Location) {
	dst, op := task.Location, task.Op
	if dst == loc || op == optimize.MajorIteration || op == optimize.NoOperation {
		return
	}
	if op&optimize.FuncEvaluation != 0 {
		dst.F = loc.F
	}
	if op&optimize.GradEvaluation != 0 {
		dst.Gradient = append(dst.Gradient[:0], loc.Gradient...)
	}
	if op&optimize.HessEvaluation != 0 {
		if dst.Hessian == nil || dst.Hessian.SymmetricDim() != loc.Hessian.SymmetricDim() {
			dst.Hessian = mat.NewSymDense(loc.Hessian.SymmetricDim(), nil)
		}
		dst.Hessian.CopySym(loc.Hessian)
	}
}

// cloneLocation returns a deep copy of loc.
func cloneLocation(loc *optimize.Location) *optimize.Location {
	c := &optimize.Location{}
	copyLocation(c, loc)
	return c
}

// copyLocation copies src into dst (reusing dst's storage).
func copyLocation(dst, src *optimize.Location) {
	if dst == src {
		return
	}
	dst.X = append(dst.X[:0], src.X...)
	dst.F = src.F
	if src.Gradient != nil {
		dst.Gradient = append(dst.Gradient[:0], src.Gradient...)
	}
	if src.Hessian != nil {
		if dst.Hessian == nil || dst.Hessian.SymmetricDim() != src.Hessian.SymmetricDim() {
			dst.Hessian = mat.NewSymDense(src.Hessian.SymmetricDim(), nil)
		}
		dst.Hessian.CopySym(src.Hessian)
	}
}
