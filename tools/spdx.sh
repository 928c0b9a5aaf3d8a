#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# spdx.sh: every C source, header and shell script of baocao says its
# licence in its first lines: `SPDX-License-Identifier: GPL-3.0-or-later`
# (a /* */ comment on line 1 of .c/.h files; a # comment on line 1 of a
# script, or line 2 after its #! line).
#
#   sh tools/spdx.sh [--check] [FILE...]   list the files without the line
#                                          (or with another identifier);
#                                          exit 1 if any
#   sh tools/spdx.sh --add [FILE...]       add the line where it is missing
#                                          (a file with another identifier
#                                          is named and left alone: exit 1)
#
# Without FILE: every *.c, *.h and *.sh git knows or would add (git ls-files,
# ignored files left out; outside a
# git checkout, the same found under the top folder, build/ left out).
set -eu
cd "$(dirname "$0")/.."
ID="SPDX-License-Identifier: GPL-3.0-or-later"
mode=check
case "${1:-}" in
--check) shift ;;
--add) mode=add; shift ;;
-*) echo "usage: spdx.sh [--check | --add] [FILE...]" >&2; exit 2 ;;
esac

list() {
	if [ $# -gt 0 ]; then
		printf '%s\n' "$@"
	elif git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard -- '*.c' '*.h' '*.sh'
	else
		find . -path ./build -prune -o -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' \) \
		    -print | sed 's|^\./||' | LC_ALL=C sort
	fi
}

bad=0 n=0 added=0 missing=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in $(list "$@"); do
	[ -f "$f" ] || { echo "spdx: $f: no such file" >&2; bad=1; continue; }
	n=$((n + 1))
	head3=$(head -n 3 "$f")
	if printf '%s\n' "$head3" | grep -q "$ID"; then
		continue
	fi
	if printf '%s\n' "$head3" | grep -q 'SPDX-License-Identifier:'; then
		echo "spdx: $f: another licence identifier: $(printf '%s\n' "$head3" | grep 'SPDX-License-Identifier:')" >&2
		bad=1
		continue
	fi
	if [ $mode = check ]; then
		echo "spdx: $f: no '$ID' in its first lines" >&2
		bad=1 missing=$((missing + 1))
		continue
	fi
	case $f in
	*.sh)
		if head -n 1 "$f" | grep -q '^#!'; then
			{ head -n 1 "$f"; echo "# $ID"; tail -n +2 "$f"; } > "$tmp"
		else
			{ echo "# $ID"; cat "$f"; } > "$tmp"
		fi ;;
	*) { echo "/* $ID */"; cat "$f"; } > "$tmp" ;;
	esac
	# Keep the file itself (its mode, its links): write over it.
	cat "$tmp" > "$f"
	added=$((added + 1))
done
if [ $mode = add ]; then
	echo "spdx: $n files, $added given the line"
elif [ $bad = 0 ]; then
	echo "spdx: $n files, every one $ID"
else
	echo "spdx: $missing of $n files lack the line (sh tools/spdx.sh --add)" >&2
fi
exit $bad
