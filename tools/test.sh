#!/bin/sh
# test.sh: install what is missing, build with warnings as errors, and run the
# whole test suite twice: on the normal build and on the ASan + UBSan build,
# the peak memory of import against hostile files, then the libFuzzer
# targets: their committed corpora replayed, then a bounded run each
# (FUZZ_TIME seconds).
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
make -j2 WERROR=1
make -j2 WERROR=1 check
make -j2 WERROR=1 bounds   # peak memory of import on hostile files (release build)
make -j2 WERROR=1 check-asan
make fuzz FUZZ_TIME="${FUZZ_TIME:-15}"
echo "test.sh: all suites passed (normal and ASan/UBSan builds, fuzzing)"
