#!/bin/sh
# test.sh: install what is missing, build with warnings as errors, and run the
# whole test suite twice: on the normal build and on the ASan + UBSan build.
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
make -j2 WERROR=1
make -j2 WERROR=1 check
make -j2 WERROR=1 check-asan
echo "test.sh: all suites passed (normal and ASan/UBSan builds)"
