#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# unikey-extract.sh: write tests/data/unikey-telex.tsv from a copy of
# Unikey's test file, so anyone holding that file can regenerate the data
# and diff it against ours:
#
#   sh tests/data/unikey-extract.sh testunikey.cpp COMMIT | diff - tests/data/unikey-telex.tsv
#
# It reads the table expectedTelexData{ ... }; of fcitx5-unikey's
# test/testunikey.cpp: each {"keys", "expected"}, line becomes
# keys<TAB>expected, and a line Unikey comments out (// {"keys", ...})
# becomes #keys<TAB>expected, in the file's order. COMMIT is the commit of
# the copy (written into the header only).
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 testunikey.cpp [commit]" >&2
	exit 2
fi
src=$1
commit=${2:-unknown}
[ -r "$src" ] || { echo "$0: cannot read $src" >&2; exit 1; }

# the cases first, so that nothing is written if the file is not understood
cases=$(awk '
	/expectedTelexData[ \t]*\{/ { inside = 1; next }
	inside && /^[ \t]*\};/ { inside = 0; done = 1; next }
	!inside { next }
	{
		line = $0
		off = ""
		if (line ~ /^[ \t]*\/\//) {
			off = "#"
			sub(/^[ \t]*\/\/[ \t]*/, "", line)
		}
		sub(/^[ \t]*/, "", line)
		if (line == "")
			next
		if (line !~ /^\{"[^"]*", "[^"]*"\},$/) {
			printf "unikey-extract: line %d not understood: %s\n", NR, $0 > "/dev/stderr"
			bad = 1
			next
		}
		sub(/^\{"/, "", line)
		sub(/"\},$/, "", line)
		split(line, kv, /", "/)
		printf "%s%s\t%s\n", off, kv[1], kv[2]
	}
	END {
		if (!done) {
			print "unikey-extract: no expectedTelexData table found" > "/dev/stderr"
			exit 2
		}
		exit bad ? 2 : 0
	}
' "$src") || exit 2

cat <<HEADER
## Unikey's Telex test cases: keys<TAB>what Unikey types for them.
##
## From the table expectedTelexData of test/testunikey.cpp in the repository
## fcitx/fcitx5-unikey (https://github.com/fcitx/fcitx5-unikey), commit
## $commit,
## SPDX-FileCopyrightText: 2021-2021 CSSlayer <wengxt@gmail.com>,
## licence GPL-2.0-or-later (this project is GPL-3.0-or-later).
## Unikey runs them with spell check and auto-restore off; each case is one
## word typed from empty and committed with Return.
##
## A line starting with # (one) is a case Unikey's file comments out (its
## test does not check it); lines starting with ## are comments. Written by
## tests/data/unikey-extract.sh; read by tests/unit/check-vnime.c.
HEADER
printf '%s\n' "$cases"
