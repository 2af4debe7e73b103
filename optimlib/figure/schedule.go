package figure

// LearningRates draws learning rate against step for one or more series,
// with a legend of their names: the plain-data form of Schedules. The y
// axis is linear unless Options.YScale is ScaleLog.
func LearningRates(opt Options, series ...Series) *Figure {
	return lineChart(opt, series, chartSpec{kind: "schedule", xLabel: "step", yLabel: "learning rate", what: "rates", whatOne: "rate"})
}
