#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t-flags.sh: the Makefile keeps what the caller gives it (CFLAGS, CPPFLAGS,
# LDFLAGS from the environment and from the command line, as
# dpkg-buildflags and cross builds pass them), asks PKG_CONFIG and CC where
# told, and adds its own flags (warnings, hardening) instead of dropping
# either. Read from `make -n` (nothing is built) in a temporary build folder.
# Usage: sh t-flags.sh   (from the top of the tree)
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/baocao-flags-XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0
check() { # what, pattern, output
	if printf '%s\n' "$3" | grep -q -- "$2"; then :; else
		echo "t-flags: $1: no '$2' in the commands" >&2
		fail=1
	fi
}
mk() { make -n -B --no-print-directory O="$T/o" "$@" "$T/o/baocao" 2>&1; }

out=$(CFLAGS=-DENV_CFLAG CPPFLAGS=-DENV_CPPFLAG LDFLAGS=-Wl,--env-ldflag mk)
check "CFLAGS from the environment" -DENV_CFLAG "$out"
check "CPPFLAGS from the environment" -DENV_CPPFLAG "$out"
check "LDFLAGS from the environment" -Wl,--env-ldflag "$out"
check "our warnings beside them" -Wextra "$out"
check "pkg-config's flags beside them" -DBAOCAO_VERSION "$out"
check "hardening" -D_FORTIFY_SOURCE=2 "$out"
check "hardening" -fstack-protector-strong "$out"
check "hardening" "-z,now" "$out"
check "hardening" "-pie" "$out"

out=$(mk CFLAGS=-DCMD_CFLAG LDFLAGS=-Wl,--cmd-ldflag CC=my-cc)
check "CFLAGS on the command line" -DCMD_CFLAG "$out"
check "LDFLAGS on the command line" -Wl,--cmd-ldflag "$out"
check "CC on the command line" "^my-cc " "$out"
check "our flags kept with CFLAGS given" -Wextra "$out"

# A caller's own fortify level wins, without a redefinition.
out=$(CPPFLAGS=-D_FORTIFY_SOURCE=3 mk)
check "the caller's fortify level" -D_FORTIFY_SOURCE=3 "$out"
if printf '%s\n' "$out" | grep -q -- -D_FORTIFY_SOURCE=2; then
	echo "t-flags: fortify defined twice when CPPFLAGS sets it" >&2
	fail=1
fi
out=$(mk HARDEN=0)
if printf '%s\n' "$out" | grep -q -- -fstack-protector-strong; then
	echo "t-flags: HARDEN=0 still hardens" >&2
	fail=1
fi

# PKG_CONFIG: a stand-in that answers with a marker.
cat > "$T/fake-pkg-config" <<'EOS'
#!/bin/sh
case "$*" in *--cflags*) echo -DFAKE_PKG_CFLAGS ;; *) echo -lfake_pkg ;; esac
EOS
chmod +x "$T/fake-pkg-config"
out=$(mk PKG_CONFIG="$T/fake-pkg-config")
check "PKG_CONFIG's cflags" -DFAKE_PKG_CFLAGS "$out"
check "PKG_CONFIG's libs" -lfake_pkg "$out"
[ $fail = 0 ] && echo "t-flags: environment and command-line flags kept, hardening on"
exit $fail
