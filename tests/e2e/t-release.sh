# SPDX-License-Identifier: GPL-3.0-or-later
# The release binary refuses the test-only switch BAOCAO_KDF (a cheap
# Argon2id cost): exit 2, one line, nothing made. $BAOCAO_RELEASE names it
# (make check and make check-asan set it); the test build ($BAOCAO) takes
# BAOCAO_KDF=test and refuses any other value.
. "$(dirname "$0")/lib.sh"

if [ -z "${BAOCAO_RELEASE:-}" ]; then
	echo "t-release.sh: skipped: BAOCAO_RELEASE (the release binary) is not set" >&2
	exit 0
fi
[ -x "$BAOCAO_RELEASE" ] || fail "BAOCAO_RELEASE=$BAOCAO_RELEASE is not a program"

# run_rel EXPECTED-STATUS ARGS...: as run_bc, on the release binary.
run_rel() {
	want=$1
	shift
	OUT=$("$BAOCAO_RELEASE" "$@" 2>"$T/stderr")
	got=$?
	ERR=$(cat "$T/stderr")
	[ "$got" = "$want" ] || fail "release baocao $*: exit $got, want $want (stderr: $ERR)"
}

run_rel 2 --db r.db setup office --commune "Xã Thử"
expect_eq "release refuses BAOCAO_KDF=test" "$ERR" "baocao: BAOCAO_KDF chỉ dành cho bản dựng kiểm thử; bản phát hành này không dùng khoá yếu: hãy bỏ biến này (unset BAOCAO_KDF)"
[ -z "$OUT" ] || fail "release refusal printed on stdout: $OUT"
BAOCAO_LANG=en run_rel 2 --db r.db setup field --unit thon-a --kind thon --name "Thôn A"
expect_eq "release refuses BAOCAO_KDF=test (en)" "$ERR" "baocao: BAOCAO_KDF is for test builds only; this release build does not make weak keys: unset BAOCAO_KDF"
# The interface (no verb) too, before curses starts; and any other value.
run_rel 2 --db r.db
BAOCAO_KDF=fast run_rel 2 --db r.db setup office --commune "Xã Thử"
set -- r.db*
[ "$1" = "r.db*" ] || fail "a refused setup left files behind: $*"

# An existing database is not touched either: passwd would write a new slot.
run_bc 0 --db t.db setup office --commune "Xã Thử"
cp t.db t0.db
BAOCAO_NEW_PASSPHRASE="release passphrase 2" run_rel 2 --db t.db passwd
cmp -s t.db t0.db || fail "a refused passwd changed t.db"

# Without it the release works (the real Argon2id cost, no warning) and
# opens what the test build made, saying its key is weak, until passwd
# rewraps it with the real cost.
(
	unset BAOCAO_KDF
	run_rel 0 --db r.db setup office --commune "Xã Thử"
	run_rel 0 --db r.db units --format tsv
	expect_eq "no warning on a real key" "$ERR" ""
	run_rel 0 --db t.db units --format tsv
	expect_contains "release opens t.db" "$OUT" "van-phong"
	expect_eq "weak key said" "$ERR" "baocao: mật khẩu được bảo vệ bằng khoá yếu (Argon2id 1 lượt, 32 KiB); hãy chạy 'baocao passwd' để tăng cường — t.db"
	BAOCAO_NEW_PASSPHRASE="release passphrase 2" run_rel 0 --db t.db passwd
	expect_eq "passwd itself does not advise passwd" "$ERR" ""
	BAOCAO_PASSPHRASE="release passphrase 2" run_rel 0 --db t.db units --format tsv
	expect_eq "strengthened" "$ERR" ""
) || exit 1

# The test build: 'test' works (every other script), anything else is refused.
BAOCAO_KDF=fast run_bc 2 --db u.db setup office --commune "Xã Thử"
expect_eq "test build refuses another value" "$ERR" "baocao: BAOCAO_KDF: chỉ nhận giá trị 'test'"
[ ! -e u.db ] || fail "a refused setup made u.db"
