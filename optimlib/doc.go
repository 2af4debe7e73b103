// Package optimlib is the compiled library behind the optimization lessons:
// first-order optimizers with PyTorch's exact update rules and defaults,
// line-search, quasi-Newton, Newton and simplex methods from
// gonum.org/v1/gonum/optimize, learning-rate schedules, a runner with stop
// rules, budgets and a recorded trace, escape methods (restarts, annealing,
// noise, basin hopping), and adapters that turn plain Go functions into
// objectives.
//
// A lesson cell typically reads:
//
//	f := func(x []float64) float64 { return 100*math.Pow(x[1]-x[0]*x[0], 2) + math.Pow(1-x[0], 2) }
//	obj := optimlib.FromFunc(f)                      // ∇f by central differences
//	opt := optimlib.NewAdam(0.01)                    // torch.optim.Adam(lr=0.01)
//	opt.Schedule = optimlib.NewCosineLR(0.01, 5000)  // any optimizer takes any schedule
//	res, err := optimlib.Run(obj, opt, []float64{-1.5, 2}, optimlib.RunConfig{
//		MaxSteps: 5000, GradTol: 1e-6, Patience: 200, PlateauTol: 1e-12,
//	})
//	fmt.Println(res)                                 // why it stopped, steps, f, x
//	xs, ys, losses := res.Trace.Xs(), res.Trace.Ys(), res.Trace.Losses()
//
// and optimlib.Minimize(obj, opt, x0, steps) is the one-line form. Swapping
// NewAdam(0.01) for NewLBFGS(), NewBFGS(), NewCG(), NewNewton(),
// NewDampedNewton(), NewNelderMead() or NewLineSearchGD() changes nothing
// else: these Searchers evaluate f themselves between iterates, and Run
// drives them under the same rules, with every evaluation in
// res.Trace.Evals().
//
// Conventions:
//
//   - Every first-order optimizer is NewXxx(lr) returning a pointer whose
//     exported fields are the hyperparameters, preset to torch.optim's
//     defaults; the doc comment of each type states its update rule and where
//     optax or the textbooks differ. Steps update x in place and allocate
//     nothing. The searchers are NewXxx() with gonum's defaults, stated the
//     same way.
//   - Momentum is the lesson's form v ← βv − η∇f, x ← x + v; SGD (with its
//     Momentum field) is PyTorch's b ← μb + ∇f, x ← x − ηb. They agree at a
//     constant rate and differ under a schedule.
//   - Step indices t are 0-based: step t uses Schedule.LR(t), the same rate
//     PyTorch uses after t calls of scheduler.step().
//   - Weight decay is coupled L2 (added to the gradient) unless a type says
//     Decoupled; L1 adds λ₁·sign(x) to the gradient on every optimizer (not
//     in PyTorch). Both are seen by the method like the rest of the gradient,
//     so the adaptive methods rescale them per coordinate (the reason AdamW
//     decouples L2). Maximize ascends.
//   - Evaluations are charged by one rule, stated on Cost. Every Result
//     reports FuncEvals, GradEvals,
//     HessEvals and Cost; every method takes a budget MaxEvals (RunConfig,
//     RestartConfig, AnnealConfig, MHConfig, BasinHoppingConfig,
//     ExperimentConfig) and never spends more; Compare runs several methods
//     at the same budget.
//   - Run checks a context and a process-wide interrupt hook (SetInterrupt)
//     about every millisecond, so a long compiled run can always be stopped;
//     divergence and interruption are stop reasons, never panics.
//   - The API uses no generics and no unexported types, so that the yaegi
//     interpreter can expose all of it to notebook cells, and its interfaces
//     (Objective, Optimizer, Schedule) are small enough for a cell to
//     implement.
package optimlib
