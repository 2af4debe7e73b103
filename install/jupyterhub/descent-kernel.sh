#!/bin/sh
# descent-kernel.sh: build the descent kernel from a clone and install it
# for every user of a Jupyter installation (a JupyterHub, a container
# image), then check it as a user would. The JupyterHub guide (README.md
# here), the container recipe (Dockerfile here) and CI run these same
# steps.
#
#   sh install/jupyterhub/descent-kernel.sh build BINDIR
#       Build descent and descent-worker from the clone this script is in
#       into BINDIR (needs Go 1.26; nothing else).
#   sh install/jupyterhub/descent-kernel.sh install BINDIR FLAG...
#       Install the kernelspec with BINDIR's programs: FLAG is --prefix DIR
#       (a shared server: /usr/local, TLJH's /opt/tljh/user) or --sys-prefix
#       (the active conda or virtualenv environment, or $CONDA_DIR in the
#       jupyter/docker-stacks images). Both programs are copied into the
#       kernelspec, readable and executable by every user; BINDIR can be
#       removed afterwards.
#   sh install/jupyterhub/descent-kernel.sh check [NAME]
#       As the user who runs it: the kernelspec NAME (default descent) is
#       in `jupyter kernelspec list`, and a one-cell smoke test runs in it.
set -eu

die() {
	echo "descent-kernel.sh: $*" >&2
	exit 1
}

usage() {
	sed -n '2,/^set -eu/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

[ $# -ge 1 ] || usage
cmd=$1
shift

case $cmd in
build)
	[ $# -eq 1 ] || usage
	out=$1
	src=$(cd "$(dirname "$0")/../.." && pwd)
	[ -f "$src/go.mod" ] && [ -d "$src/cmd/descent-worker" ] || die "$src is not a clone of descent"
	command -v go >/dev/null || die "the go command is not on PATH (Go 1.26 builds descent)"
	mkdir -p "$out"
	out=$(cd "$out" && pwd)
	cd "$src"
	GOBIN="$out" go install . ./cmd/descent-worker
	"$out/descent" version
	;;
install)
	[ $# -ge 2 ] || usage
	bin=$1
	shift
	[ -x "$bin/descent" ] && [ -x "$bin/descent-worker" ] ||
		die "$bin does not hold descent and descent-worker; run: $0 build $bin"
	# The worker next to descent, not one named by the environment.
	DESCENT_WORKER= "$bin/descent" install --replace "$@"
	;;
check)
	[ $# -le 1 ] || usage
	name=${1:-descent}
	command -v jupyter >/dev/null || die "the jupyter command is not on PATH"
	echo "== jupyter kernelspec list (as $(id -un))"
	list=$(jupyter kernelspec list)
	echo "$list"
	echo "$list" | grep -q "^ *$name " || die "no kernelspec $name: install it with: $0 install BINDIR --prefix DIR (or --sys-prefix)"
	echo "== a one-cell smoke test in the $name kernel"
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	cat >"$dir/smoke.go" <<'EOF'
res := optimlib.Minimize(optimlib.Rosenbrock(2), optimlib.NewAdam(0.05), []float64{-1.5, 2}, 3000)
fmt.Printf("descent works: Adam on Rosenbrock reached f = %.2g in %d steps\n", res.F, res.Steps)
EOF
	out=$(cd "$dir" && jupyter run --kernel="$name" smoke.go 2>"$dir/stderr") || {
		cat "$dir/stderr" >&2
		die "the smoke test failed in the $name kernel"
	}
	echo "$out"
	echo "$out" | grep -q "^descent works: " || die "the smoke test printed nothing in the $name kernel"
	;;
*)
	usage
	;;
esac
