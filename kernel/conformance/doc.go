// Package conformance checks the built descent binary against real Jupyter
// clients: the jupyter_kernel_test suite, nbconvert executing a notebook (one
// with widgets too), jupyter_client's KernelClient, jupyter-console in tmux,
// classic Notebook in headless Chromium, a JupyterHub with a PAM user, and
// the widgets in headless Chromium through a test page built from npm's
// Jupyter widgets packages on Debian's Notebook server (widgetpage/: npm ci
// && npm run build before the test). It has no code of its own, only tests.
//
// browser/ is a reusable Python harness (harness.py) for tests in a real
// browser: a Notebook 6.4 server on 127.0.0.1 with a token and the kernel
// installed in a private JUPYTER_DATA_DIR, headless Chromium through
// chromedriver with a fresh profile, page helpers, and a BrowserTest base
// class that saves a screenshot, the page and the console log of every
// failing test. A Go test runs a module of it with runBrowserTests.
//
// The tests need Debian's Jupyter packages (run with /usr/bin/python3),
// chromium, chromium-driver, python3-selenium and jupyterhub. They skip
// when these are absent, unless DESCENT_REQUIRE_JUPYTER=1 is set (as CI
// does), which turns the skip into a failure.
package conformance
