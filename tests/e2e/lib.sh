# lib.sh: helpers for the end-to-end scripts. Each script is run by run.sh
# with $BAOCAO set to the binary under test and $T to a fresh directory.
# A script fails by exiting non-zero; `fail` says what and where.

fail() {
	echo "FAIL ${0##*/}: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_contains WHAT TEXT NEEDLE
expect_contains() {
	case "$2" in
	*"$3"*) ;;
	*) fail "$1: '$3' not in: $2" ;;
	esac
}

# run_bc EXPECTED-STATUS ARGS...: run baocao, keep stdout in $OUT, stderr in
# $ERR, and check the exit status.
run_bc() {
	want=$1
	shift
	OUT=$("$BAOCAO" "$@" 2>"$T/stderr")
	got=$?
	ERR=$(cat "$T/stderr")
	[ "$got" = "$want" ] || fail "baocao $*: exit $got, want $want (stderr: $ERR)"
}

export BAOCAO_KDF=test
export BAOCAO_PASSPHRASE="e2e passphrase 1"
unset BAOCAO_LANG XDG_DATA_HOME
export LANG=C.UTF-8
