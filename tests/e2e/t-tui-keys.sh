# SPDX-License-Identifier: GPL-3.0-or-later
# README's key table is the interface's: the block between its markers must
# be exactly what `baocao tui-keys` prints from the key tables the modes
# dispatch with (make keys-table prints it to paste). Any key added,
# removed or said differently on either side fails here.
. "$(dirname "$0")/lib.sh"

readme="$SRC/README.md"
sed -n '/^<!-- keys: generated/,/^<!-- keys: end -->/p' "$readme" |
    sed '1,/-->$/d; $d' > readme-keys.md
[ -s readme-keys.md ] || fail "README has no generated key table between its markers"
"$BAOCAO" tui-keys > tables-keys.md || fail "baocao tui-keys failed"
grep -q '^| F1, Ctrl-G | everywhere | Help |$' tables-keys.md ||
    fail "tui-keys does not print the global keys"
if ! diff -u readme-keys.md tables-keys.md > keys.diff; then
	cat keys.diff >&2
	fail "README's key table differs from the key tables (make keys-table prints them)"
fi
