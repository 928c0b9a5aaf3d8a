#!/bin/sh
# test.sh: install what is missing, build with warnings as errors, and run the
# whole test suite twice: on the normal build and on the ASan + UBSan build,
# with the store tortured against plain SQLite (200 seeds; 50 on ASan), then
# the libFuzzer targets for a bounded time each (FUZZ_TIME seconds).
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
make -j2 WERROR=1
make -j2 WERROR=1 check
make -j2 WERROR=1 torture-quick
make -j2 WERROR=1 check-asan
ASAN_OPTIONS=detect_leaks=1 make -j2 WERROR=1 V=asan torture-quick TORTURE_SEEDS=50
make fuzz FUZZ_TIME="${FUZZ_TIME:-15}"
echo "test.sh: all suites passed (normal and ASan/UBSan builds, fuzzing)"
