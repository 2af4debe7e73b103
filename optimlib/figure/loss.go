package figure

// LossCurves draws loss against step for one or more series, with a legend
// of their names. The y axis is logarithmic when Options.YScale is
// ScaleLog, or by default (ScaleAuto) when the positive losses span at
// least two decades; on a log axis, losses ≤ 0 (a run that reached exactly
// 0, or a loss that can be negative) cannot be shown: they are left out,
// the line breaks there, and Notes says how many. The axes are labelled
// "step" and "loss" unless Options says otherwise.
func LossCurves(opt Options, series ...Series) *Figure {
	return lineChart(opt, series, chartSpec{kind: "loss", xLabel: "step", yLabel: "loss", autoLog: true, what: "losses", whatOne: "loss"})
}

// lossAxis returns the x values of a loss curve recorded at steps, and the
// default x label: steps as they are, in epochs (step / StepsPerEpoch), or
// in evaluations (step × EvalsPerStep).
func lossAxis(steps []float64, opt Options) ([]float64, string) {
	switch {
	case opt.StepsPerEpoch > 0:
		out := make([]float64, len(steps))
		for i, s := range steps {
			out[i] = s / float64(opt.StepsPerEpoch)
		}
		return out, "epoch"
	case opt.EvalsPerStep > 0:
		out := make([]float64, len(steps))
		for i, s := range steps {
			out[i] = s * opt.EvalsPerStep
		}
		return out, "evaluations"
	}
	return steps, "step"
}
