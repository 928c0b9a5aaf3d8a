#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test.sh: install what is missing, build with warnings as errors, and run the
# whole test suite twice: on the normal build and on the ASan + UBSan build,
# the peak memory of import against hostile files, the store tortured
# against plain SQLite (200 seeds; 50 on ASan), the Check suites and e2e
# scripts on an i386 cross build (tools/test-i386.sh), the packaging checks
# (make check-pkg: make install, hardening, man pages, both .deb files),
# then the libFuzzer targets: their committed corpora replayed, then a
# bounded run each (FUZZ_TIME seconds).
set -eu
cd "$(dirname "$0")/.."
sh tools/deps.sh
sh tools/spdx.sh   # every source file names its licence (GPL-3.0-or-later)
make -j2 WERROR=1
make -j2 WERROR=1 check
make -j2 WERROR=1 bounds   # peak memory of import on hostile files (release build)
make -j2 WERROR=1 torture-quick   # the store against plain SQLite, 200 seeds
make -j2 WERROR=1 bench-smoke     # the benchmarks at tiny sizes: they still do their work
# The 32-bit laptops: a cross build for i386, its Check suites and e2e.
sh tools/test-i386.sh
# Packaging: flags, hardening, install/uninstall, the two .deb files.
make WERROR=1 check-pkg
make -j2 WERROR=1 check-asan
ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp make -j2 WERROR=1 V=asan torture-quick TORTURE_SEEDS=50
make fuzz FUZZ_TIME="${FUZZ_TIME:-15}"
echo "test.sh: all suites passed (normal, i386 and ASan/UBSan builds, packages, fuzzing)"
