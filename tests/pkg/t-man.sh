#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t-man.sh: the man pages baocao(1), English (man/en) and Vietnamese
# (man/vi), render without a single groff warning; each names every verb
# `baocao --help` prints and every option of each verb's --help (so a verb
# or option added later without its man entry fails here), every
# environment variable of README's table and every exit code; make install
# puts them where man finds them, by -M and by language.
# Usage: sh tests/pkg/t-man.sh [BAOCAO]   (from the top of the tree, after make)
set -u
B=${1:-build/release/baocao}
T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-man-XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0
no() { echo "t-man: $*" >&2; fail=1; }

# 1. Both render with every warning on (-ww), UTF-8 input through preconv.
for l in en vi; do
	p=man/$l/baocao.1
	[ -f "$p" ] || { no "$p missing"; continue; }
	LC_ALL=C.UTF-8 groff -k -man -Tutf8 -ww "$p" > "$T/$l.txt" 2> "$T/$l.err"
	[ -s "$T/$l.err" ] && { no "$p: groff warns:"; cat "$T/$l.err" >&2; }
	[ -s "$T/$l.txt" ] || no "$p rendered to nothing"
	# The text as a reader sees it (bold/underline overstrikes removed).
	sed 's/.\x08//g' "$T/$l.txt" > "$T/$l.plain"
done

# 2. Every verb of `baocao --help` (the two-space indented first words)
#    has its own subsection, in both languages.
verbs=$(env -u BAOCAO_KDF BAOCAO_LANG=en "$B" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ "$(echo "$verbs" | wc -w)" -ge 10 ] || no "baocao --help listed too few verbs: $verbs"
for l in en vi; do
	for v in $verbs; do
		grep -q "^\.SS $v\$" "man/$l/baocao.1" || no "man/$l/baocao.1 has no section for the verb '$v'"
	done
done

# ... and every option each verb's --help names, in both.
for v in $verbs; do
	opts=$(env -u BAOCAO_KDF BAOCAO_LANG=en "$B" "$v" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
	for o in $opts; do
		mo=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
		for l in en vi; do
			grep -q -- "$mo" "man/$l/baocao.1" || no "man/$l/baocao.1 does not name $o (baocao $v --help)"
		done
	done
done

# 3. Every variable of README's environment table, in both.
vars=$(sed -n 's/^| `\(BAOCAO_[A-Z_]*\)[=`].*/\1/p' README.md)
[ "$(echo "$vars" | wc -w)" -ge 5 ] || no "README's table gave too few variables: $vars"
for l in en vi; do
	for v in $vars; do
		grep -q "^\.B $v\$" "man/$l/baocao.1" || no "man/$l/baocao.1 does not describe $v"
	done
	# Every exit code of README's table.
	for c in 0 1 2 3 4; do
		grep -q "^\.B $c\$" "man/$l/baocao.1" || no "man/$l/baocao.1 does not list exit code $c"
	done
done

# 4. Installed, man finds both: by -M, and the Vietnamese one by -L vi and
#    by its path.
D=$T/root
make -s --no-print-directory install DESTDIR="$D" PREFIX=/usr >/dev/null 2>"$T/inst.err" \
	|| { no "make install failed:"; cat "$T/inst.err" >&2; }
M=$D/usr/share/man
[ -f "$M/man1/baocao.1" ] || no "make install put no man1/baocao.1"
[ -f "$M/vi/man1/baocao.1" ] || no "make install put no vi/man1/baocao.1"
MANPAGER=cat MANWIDTH=80 LC_ALL=C.UTF-8 man -M "$M" baocao > "$T/m-en" 2> "$T/m-en.err" \
	|| { no "man -M ... baocao failed:"; cat "$T/m-en.err" >&2; }
grep -q 'offline periodic reports' "$T/m-en" || no "man -M ... baocao did not show the English page"
# The Vietnamese tree as man sees it under a vi locale: -L vi when this
# machine has a Vietnamese locale (man-db falls back to English without
# one), the vi/ folder by -M otherwise.
if locale -a 2>/dev/null | grep -qi '^vi_VN'; then
	vl=$(locale -a | grep -i '^vi_VN' | head -n 1)
	MANPAGER=cat MANWIDTH=80 LC_ALL=$vl man -L vi -M "$M" baocao > "$T/m-vi" 2> "$T/m-vi.err" \
		|| { no "man -L vi -M ... baocao failed:"; cat "$T/m-vi.err" >&2; }
else
	MANPAGER=cat MANWIDTH=80 LC_ALL=C.UTF-8 man -M "$M/vi" baocao > "$T/m-vi" 2> "$T/m-vi.err" \
		|| { no "man -M .../vi baocao failed:"; cat "$T/m-vi.err" >&2; }
fi
grep -q 'báo cáo định kỳ' "$T/m-vi" || no "man did not show the installed Vietnamese page"
MANPAGER=cat MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$M/vi/man1/baocao.1" > "$T/m-vl" 2>&1 \
	|| no "man -l on the installed Vietnamese page failed"
grep -q 'MÃ THOÁT' "$T/m-vl" || no "man -l on the installed Vietnamese page shows no MÃ THOÁT"

[ $fail = 0 ] && echo "t-man: both man pages render cleanly, name all $(echo $verbs | wc -w) verbs and $(echo $vars | wc -w) variables, and man finds them installed"
exit $fail
