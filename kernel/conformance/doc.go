// Package conformance checks the built descent binary against real Jupyter
// clients: the jupyter_kernel_test suite, nbconvert executing a notebook, and
// jupyter-console. It has no code of its own, only tests.
//
// The tests need Debian's Jupyter packages (run with /usr/bin/python3). They
// skip when Jupyter is absent, unless DESCENT_REQUIRE_JUPYTER=1 is set (as CI
// does), which turns the skip into a failure.
package conformance
