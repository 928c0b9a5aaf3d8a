#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# mkdeb.sh: turn a `make install DESTDIR=ROOT PREFIX=/usr` tree into
# OUTDIR/baocao_VERSION_ARCH.deb, the way debhelper would, with dpkg-dev's
# own tools only: the binary stripped (debug sections and .comment out), man
# pages and the changelog compressed (gzip -9n), debian/copyright in place of
# LICENSE, ${shlibs:Depends} from dpkg-shlibdeps (which reads the :ARCH
# libraries' symbols files, so a cross-built i386 binary gets i386 versions),
# the control file from dpkg-gencontrol (debian/control, debian/changelog,
# Installed-Size), md5sums, and files owned by root without fakeroot
# (dpkg-deb --root-owner-group).
#
# Why not dpkg-buildpackage + debhelper: it builds in a clean tree from
# scratch and checks Build-Depends for the host architecture, so the i386
# package would need a second full build and the :i386 build dependencies
# declared the cross way; this script packages the builds the test suite has
# already made and tested, offline, with nothing beyond dpkg-dev and
# binutils. debian/rules uses it too, so `dpkg-buildpackage -b -us -uc`
# (and `-a i386 -d` for the cross build) work as well, debhelper-free.
#
# Usage: sh tools/mkdeb.sh ARCH ROOT VERSION OUTDIR   (run from the top)
set -eu
[ $# = 4 ] || { echo "usage: mkdeb.sh ARCH ROOT VERSION OUTDIR" >&2; exit 2; }
arch=$1 root=$2 version=$3 out=$4
[ -x "$root/usr/bin/baocao" ] || { echo "mkdeb.sh: no $root/usr/bin/baocao (make install DESTDIR=$root PREFIX=/usr first)" >&2; exit 1; }
[ -f debian/control ] || { echo "mkdeb.sh: run from the top of the tree (no debian/control)" >&2; exit 2; }
umask 022
doc=$root/usr/share/doc/baocao

# Debian ships the licence once, in /usr/share/common-licenses; copyright
# points at it.
rm -f "$doc/LICENSE"
install -m 0644 debian/copyright "$doc/copyright"
gzip -9nc debian/changelog > "$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"
for m in "$root"/usr/share/man/man1/baocao.1 "$root"/usr/share/man/*/man1/baocao.1; do
	[ -f "$m" ] && gzip -9nf "$m"
done

case $arch in
amd64) strip=strip ;;
i386) strip=i686-linux-gnu-strip ;;
*) echo "mkdeb.sh: unknown architecture $arch (amd64 or i386)" >&2; exit 2 ;;
esac
command -v "$strip" >/dev/null 2>&1 || strip=strip
"$strip" --remove-section=.comment --remove-section=.note --strip-unneeded \
    "$root/usr/bin/baocao"

# "nam" is Vietnamese (year: năm, the south: Nam), not a misspelt "name".
ov=$root/usr/share/lintian/overrides
mkdir -p "$ov"
printf '%s\n' "# Vietnamese words (nam: year, south), not misspelt English" \
    "baocao: spelling-error-in-binary nam name [usr/bin/baocao]" > "$ov/baocao"
chmod 0644 "$ov/baocao"

mkdir -p "$root/DEBIAN"
subst=$(mktemp)
# dpkg-gencontrol rewrites its -f file by writing FILE.new and renaming it
# over FILE: never give it /dev/null (that replaces the device node).
files=$(mktemp)
trap 'rm -f "$subst" "$files" "$files.new"' EXIT
export DEB_HOST_ARCH="$arch"
echo "misc:Depends=" > "$subst"
# It warns that the binary is not under debian/baocao/: the tree is
# build/deb/root-ARCH on purpose (nothing built lands in debian/).
dpkg-shlibdeps -T"$subst" -e "$root/usr/bin/baocao" 2>&1 |
    grep -v 'should already be installed in their package' >&2 || :
grep -q '^shlibs:Depends=.*libc6' "$subst" || { echo "mkdeb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
dpkg-gencontrol -pbaocao -P"$root" -T"$subst" -v"$version" -f"$files" \
    -DArchitecture="$arch"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' |
    LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums" "$root/DEBIAN/control"
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/baocao_${version}_${arch}.deb" >/dev/null
echo "$out/baocao_${version}_${arch}.deb"
