#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind.sh [SCRIPT...]: the main paths under valgrind (memcheck, leaks
# fatal): the catalogue-by-keys Check suite, then end-to-end scripts with
# the test binary (baocao-test: the scripts make cheap-key databases) run
# through valgrind (the TUI ones too, with longer waits).
# Slow (several minutes), so not part of tools/test.sh.
set -eu
cd "$(dirname "$0")/.."
src=$PWD
make -j2 >/dev/null
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
wrap=$PWD/build/release/baocao-valgrind
printf '#!/bin/sh\nexec %s %s "$@"\n' "$VG" "$PWD/build/release/baocao-test" > "$wrap"
chmod +x "$wrap"
CK_FORK=no CK_RUN_SUITE=tui $VG build/release/tests/check_unit
[ $# -gt 0 ] || set -- t-fill t-forms t-sync t-office t-demo t-tui-setup t-tui-exchange t-tui-office
failed=0
for t in "$@"; do
	T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-vg-XXXXXX")
	if (cd "$T" && BAOCAO=$wrap SRC=$src WAIT_TENTHS=900 T=$T sh "$src/tests/e2e/$t.sh"); then
		echo "ok   $t (valgrind)"
		rm -rf "$T"
	else
		echo "FAIL $t (valgrind): kept $T"
		failed=1
	fi
done
exit $failed
