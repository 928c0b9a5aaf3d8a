#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# deps.sh: install the Debian 12 packages baocao needs to build, test and run.
#
# Only what is missing is installed, so a second run does nothing and needs no
# network. Run as root (or with sudo available). The list is the one README names.
set -eu

# Libraries (with their -dev headers) and the tools the test suite drives.
# Named although nothing above pulls them in without Recommends (which
# --no-install-recommends leaves out) or on a minimal image: zlib1g-dev
# (xlsxwriter.pc links -lz), libclang-rt-14-dev (libFuzzer for clang 14),
# procps (pgrep/pkill). The printable report draws with pango and cairo in
# Liberation Serif (Times' metrics); its tests read it back with pdftotext
# (poppler-utils) and check the long JSON against its schema (python3-jsonschema).
# llvm (llvm-profdata, llvm-cov: make fuzz-cov). The unit tests check
# Vietnamese sort order against ICU's CLDR vi (libicu-dev). dpkg-dev, binutils
# and lintian: make deb and its checks (tools/test-i386.sh installs the i386
# cross toolchain).
PKGS="gcc make pkg-config
libncurses-dev libsqlite3-dev libsodium-dev libzstd-dev check
libyaml-dev libutf8proc-dev libxlsxwriter-dev libjansson-dev libcsv-dev zlib1g-dev
libpango1.0-dev libcairo2-dev fonts-liberation2 libminizip-dev libexpat1-dev libicu-dev
tmux zstd unzip clang libclang-rt-14-dev llvm valgrind sqlite3 procps poppler-utils python3-jsonschema
dpkg-dev binutils lintian"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
		echo "deps: these packages are missing and I am not root:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
