#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t-install.sh: make install into a temporary DESTDIR puts the binary, the
# docs, the format guides, the catalogue and the man pages (when given)
# under PREFIX, and make uninstall takes every file back out, leaving no
# folder of baocao's own behind.
# Usage: sh t-install.sh   (from the top of the tree, after make)
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-install-XXXXXX")
trap 'rm -rf "$T"' EXIT
D=$T/root
fail=0
no() { echo "t-install: $*" >&2; fail=1; }
printf '.TH BAOCAO 1\n' > "$T/en.1"
printf '.TH BAOCAO 1\n' > "$T/vi.1"
make -s --no-print-directory install DESTDIR="$D" PREFIX=/usr MAN_EN="$T/en.1" \
    MAN_VI="$T/vi.1" >/dev/null || { echo "t-install: make install failed" >&2; exit 1; }
for f in bin/baocao share/man/man1/baocao.1 share/man/vi/man1/baocao.1 \
    share/doc/baocao/README.md share/doc/baocao/LICENSE \
    share/doc/baocao/forms/FORMAT.md share/doc/baocao/sync/FORMAT.md \
    share/doc/baocao/storage/FORMAT.md share/doc/baocao/catalog/holidays.yaml; do
	[ -f "$D/usr/$f" ] || no "make install put no /usr/$f"
done
[ -x "$D/usr/bin/baocao" ] || no "/usr/bin/baocao is not executable"
"$D/usr/bin/baocao" --version | grep -q GPL-3.0-or-later || no "the installed baocao --version names no licence"
[ "$(find "$D" -path '*/usr/local*' | wc -l)" = 0 ] || no "PREFIX=/usr ignored"
make -s --no-print-directory uninstall DESTDIR="$D" PREFIX=/usr >/dev/null || no "make uninstall failed"
left=$(find "$D" \( -type f -o -type l -o -name '*baocao*' \))
[ -z "$left" ] || no "make uninstall left: $left"
# An uninstall of nothing is no error (a second run, or another PREFIX).
make -s --no-print-directory uninstall DESTDIR="$D" PREFIX=/opt/none >/dev/null || no "a second uninstall failed"
[ $fail = 0 ] && echo "t-install: install and uninstall (DESTDIR, PREFIX) leave nothing behind"
exit $fail
