#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: run every tests/e2e/t-*.sh against $BAOCAO, each in a fresh
# directory, and print "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${BAOCAO:?set BAOCAO to the binary under test}"
BAOCAO=$(cd "$(dirname "$BAOCAO")" && pwd)/$(basename "$BAOCAO")
export BAOCAO
SRC=$(cd "$here/../.." && pwd)
export SRC
# The scripts make cheap-key databases (BAOCAO_KDF=test), which only a test
# build accepts: say so at once rather than fail every script.
if ! BAOCAO_KDF=test "$BAOCAO" --version >/dev/null 2>&1; then
	echo "run.sh: $BAOCAO refuses BAOCAO_KDF=test (a release build?);" \
	    "run the test build: BAOCAO=build/release/baocao-test (made by make)" >&2
	exit 1
fi
pass=0
failed=0
for t in "$here"/t-*.sh; do
	T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-e2e-XXXXXX")
	export T
	if (cd "$T" && sh "$t"); then
		pass=$((pass + 1))
		echo "ok   ${t##*/}"
	else
		failed=$((failed + 1))
		echo "FAIL ${t##*/}"
	fi
	rm -rf "$T"
done
echo "e2e: $pass passed, $failed failed"
[ "$failed" = 0 ]
