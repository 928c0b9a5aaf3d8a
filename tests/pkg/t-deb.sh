#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t-deb.sh: the packages `make deb` made. Both exist for their architecture
# (the i386 one holds a 32-bit binary), depend on the libraries through
# ${shlibs:Depends} (apt resolves them on this machine), pass lintian without errors (its warnings are printed);
# the amd64 one installs with dpkg into a throwaway root (its own dpkg
# database; --force-depends, as that root has no libraries: the binary runs
# on this machine's), where baocao --version names the licence and
# `baocao setup office` makes a database with the real key cost, and
# dpkg --purge takes every file back out.
# Usage: sh t-deb.sh VERSION DEBDIR
set -u
[ $# = 2 ] || { echo "usage: t-deb.sh VERSION DEBDIR" >&2; exit 2; }
version=$1 dir=$2
T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-deb-XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "t-deb: $*" >&2; fail=1; }
for arch in amd64 i386; do
	deb=$dir/baocao_${version}_$arch.deb
	[ -f "$deb" ] || { no "no $deb (make deb)"; continue; }
	[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || no "$deb: not Architecture: $arch"
	dpkg-deb -f "$deb" Depends | grep -q 'libsodium23' || no "$deb: Depends names no libsodium23"
	dpkg-deb -x "$deb" "$T/x-$arch"
	class=ELF64; [ $arch = i386 ] && class=ELF32
	LC_ALL=C readelf -h "$T/x-$arch/usr/bin/baocao" | grep -q "Class: *$class" ||
	    no "$deb: /usr/bin/baocao is not $class"
	# Its Depends name real Debian 12 packages, which this machine has (the
	# -dev packages the build used pull them in): apt, simulating, installs
	# the package and nothing else.
	case $deb in /*) local_deb=$deb ;; *) local_deb=./$deb ;; esac
	apt-get -s -q install "$local_deb" > "$T/apt-$arch" 2>&1 ||
	    { no "$deb: apt-get -s install failed:"; cat "$T/apt-$arch" >&2; }
	[ "$(grep -c '^Inst ' "$T/apt-$arch")" = 1 ] ||
	    { no "$deb: its dependencies are not what this machine has:"; cat "$T/apt-$arch" >&2; }
	# Errors fail; the rest is shown (lintian's remark on running as
	# root is left out).
	lintian --fail-on error --tag-display-limit 0 "$deb" > "$T/lint" 2>&1; rc=$?
	grep -v 'running with root privileges' "$T/lint" > "$T/lintian-$arch"
	if [ $rc != 0 ]; then
		no "$deb: lintian errors (exit $rc):"; cat "$T/lintian-$arch" >&2
	fi
	# The man pages (man/en, man/vi) are in the package: no-manual-page
	# would say they were lost on the way.
	if grep -q 'no-manual-page' "$T/lintian-$arch"; then
		no "$deb: lintian finds no man page:"; cat "$T/lintian-$arch" >&2
	elif [ $rc = 0 ] && [ -s "$T/lintian-$arch" ]; then
		sed "s/^/t-deb: lintian ($arch): /" "$T/lintian-$arch"
	fi
done

R=$T/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/log"
: > "$R/var/lib/dpkg/status"
deb=$dir/baocao_${version}_amd64.deb
if dpkg --root="$R" --force-depends --force-script-chrootless -i "$deb" > "$T/dpkg.log" 2>&1; then
	B=$R/usr/bin/baocao
	"$B" --version > "$T/version" 2>&1 || no "installed baocao --version failed"
	grep -q "baocao $version" "$T/version" || no "installed baocao --version: $(cat "$T/version")"
	grep -q GPL-3.0-or-later "$T/version" || no "installed baocao --version names no licence"
	[ -f "$R/usr/share/doc/baocao/copyright" ] || no "no /usr/share/doc/baocao/copyright"
	(cd "$T" && HOME="$T" XDG_DATA_HOME="$T/data" BAOCAO_PASSPHRASE=thu-nghiem-cai-dat \
	    "$B" --db "$T/office.db" setup office --commune "Thử Nghiệm") > "$T/setup" 2>&1 ||
	    { no "installed baocao setup office failed:"; cat "$T/setup" >&2; }
	BAOCAO_PASSPHRASE=thu-nghiem-cai-dat "$B" --db "$T/office.db" status > "$T/status" 2>&1 ||
	    { no "installed baocao status failed:"; cat "$T/status" >&2; }
	# BAOCAO_KDF=test is for test builds: the packaged binary refuses it.
	BAOCAO_KDF=test "$B" --version >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || no "the packaged binary took BAOCAO_KDF=test (exit $rc)"
	dpkg --root="$R" --force-script-chrootless --purge baocao >> "$T/dpkg.log" 2>&1 || no "dpkg --purge failed"
	left=$(cd "$R" && find usr -type f 2>/dev/null)
	[ -z "$left" ] || no "dpkg --purge left: $left"
else
	no "dpkg -i into a throwaway root failed:"; cat "$T/dpkg.log" >&2
fi
[ $fail = 0 ] && echo "t-deb: amd64 and i386 packages: lintian clean of errors, install, run, purge"
exit $fail
