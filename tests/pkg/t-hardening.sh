#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t-hardening.sh: the binaries we ship carry Debian's hardening, read from
# the ELF itself (readelf, binutils): position-independent (type DYN, PIE),
# full RELRO (a GNU_RELRO segment and BIND_NOW), fortified libc calls
# (__*_chk symbols) and the stack protector (__stack_chk_fail*).
# Usage: sh t-hardening.sh BINARY...
set -u
fail=0
for b in "$@"; do
	bad=""
	h=$(LC_ALL=C readelf -h "$b") || { echo "t-hardening: cannot read $b" >&2; exit 1; }
	echo "$h" | grep -q 'Type: *DYN' || bad="$bad not-PIE"
	LC_ALL=C readelf -lW "$b" | grep -q 'GNU_RELRO' || bad="$bad no-RELRO"
	LC_ALL=C readelf -dW "$b" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW' || bad="$bad no-BIND_NOW"
	syms=$(LC_ALL=C readelf --dyn-syms -W "$b")
	echo "$syms" | grep -Eq ' __[a-z_]+_chk(@|$)' || bad="$bad not-fortified"
	echo "$syms" | grep -q '__stack_chk_fail' || bad="$bad no-stack-protector"
	if [ -n "$bad" ]; then
		echo "t-hardening: $b:$bad" >&2
		fail=1
	else
		echo "t-hardening: $b: PIE, full RELRO, fortified, stack protector"
	fi
done
exit $fail
