# SPDX-License-Identifier: GPL-3.0-or-later
# Under a 256 MiB memory limit, with the real Argon2id cost (not the test
# one): setup, unlock and a month's work (fills, status, export) succeed,
# because setup chose a key cost that fits (a quarter of the limit); a file
# whose key needs more stops with one clear line saying how much, exit 1,
# never killed without a word; passwd --kdf-memory makes it fit.
#
# The limit: systemd-run --user --scope -p MemoryMax=256M where a user
# manager answers, else prlimit --as (the address space, ulimit -v), else
# the shell's ulimit -v; skipped, saying why, only if none works.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)
LIMIT=268435456

# passwd --kdf-memory: sizes out of range or not sizes are refused before
# anything is asked or written (these run whatever the limit mechanism).
run_bc 0 --db k.db setup office --commune "Xã Thử"
cp k.db k0.db
for bad in 63M 2G 1025M 63 abc 64X 0 -5 "" 64MB1 64iB; do
	BAOCAO_NEW_PASSPHRASE=x run_bc 2 --db k.db passwd --kdf-memory "$bad"
	expect_contains "--kdf-memory '$bad'" "$ERR" "baocao: --kdf-memory '$bad': cần một cỡ từ 64 MiB đến 1024 MiB"
done
cmp -s k.db k0.db || fail "a refused passwd --kdf-memory changed k.db"

# lim.sh CMD...: CMD under the limit.
if systemd-run --user --scope -q -p MemoryMax=$LIMIT -p MemorySwapMax=0 true 2>/dev/null; then
	how="systemd-run MemoryMax=256M"
	echo "exec systemd-run --user --scope -q -p MemoryMax=$LIMIT -p MemorySwapMax=0 \"\$@\"" > lim.sh
elif prlimit --as=$LIMIT true 2>/dev/null; then
	how="prlimit --as=256M"
	echo "exec prlimit --as=$LIMIT \"\$@\"" > lim.sh
elif (ulimit -v $((LIMIT / 1024))) 2>/dev/null; then
	how="ulimit -v 256M"
	echo "ulimit -v $((LIMIT / 1024)) && exec \"\$@\"" > lim.sh
else
	echo "t-memlimit.sh: skipped: no way to limit memory here (no systemd-run --user, prlimit or ulimit -v)" >&2
	exit 0
fi
# An ASan build reserves terabytes of address space: it cannot start under an
# address-space limit at all (a cgroup limit is another matter).
if ! sh lim.sh "$BAOCAO" --version >/dev/null 2>&1; then
	echo "t-memlimit.sh: skipped: $BAOCAO does not start under $how (an ASan build?)" >&2
	exit 0
fi

# run_lim STATUS ARGS...: run_bc under the limit, with the real key cost;
# a signal (status > 128) is a failure whatever was expected.
run_lim() {
	want=$1
	shift
	OUT=$(env -u BAOCAO_KDF sh "$T/lim.sh" "$BAOCAO" "$@" 2>"$T/stderr")
	got=$?
	ERR=$(cat "$T/stderr")
	[ "$got" -lt 128 ] || fail "baocao $* under $how: killed (status $got; stderr: $ERR)"
	[ "$got" = "$want" ] || fail "baocao $* under $how: exit $got, want $want (stderr: $ERR)"
}
# slot_kib DB: the Argon2id memory (KiB) of the key slot in use (the other
# is empty after setup or passwd): FORMAT.md, slot at 32 or 160, cost at +12.
slot_kib() {
	a=$(od -An -tu4 --endian=big -j 44 -N4 "$1" | tr -d ' ')
	b=$(od -An -tu4 --endian=big -j 172 -N4 "$1" | tr -d ' ')
	echo $((a > b ? a : b))
}

# The office, outside the limit (test cost): the pack a village starts from.
run_bc 0 --db o.db setup office --commune "Xã Thử"
printf '%s\n' "$OUT" > o.out
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
fpr=$(fpr_of o.db)

# The village, under the limit: setup picks a cost that fits.
run_lim 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$fpr"
kib=$(slot_kib a.db)
[ "$kib" -ge 65536 ] && [ "$kib" -le 65536 ] ||
	fail "setup under $how chose $kib KiB, want 65536 (a quarter of 256 MiB)"
# ... and says so, in one line on stdout, with how to raise it later
expect_contains "setup says the cost" "$OUT" "Khoá mật khẩu dùng Argon2id 64 MiB (mặc định 256 MiB) vì giới hạn bộ nhớ của tiến trình chỉ có 256 MiB; nơi có đủ bộ nhớ, tăng bằng 'baocao passwd --kdf-memory 256M'."
expect_eq "setup: nothing on stderr" "$ERR" ""
case "$(cat o.out)" in *Argon2id*) fail "setup at the default cost spoke of it: $(cat o.out)" ;; esac
# A month's work, command by command and in one batch.
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_lim 0 --db a.db fill --form nl09-thon-thang --period 2026-10 oct.json
run_lim 0 --db a.db status
cat > month.txt <<'B'
fill --form nl09-thon-thang --period 2026-10 --final oct.json
status
history --form nl09-thon-thang --period 2026-10
export --out a1.bcb
B
run_lim 0 --db a.db batch month.txt
expect_contains "exported" "$OUT" "a1.bcb: 1 báo cáo"
run_bc 0 --db o.db import a1.bcb
expect_contains "the office reads it" "$OUT" "thon-dong-tam"
# The office's PDF report, ten times under a tighter limit (96 MiB): pango
# and fontconfig start threads, and glibc gave each its own malloc arena,
# 64 MiB of address space apiece; about half such runs were killed by GLib
# ("creating thread"), without a word from baocao (one in fifteen at 256
# MiB). One arena (cli/main.c) leaves room.
sed "s/$LIMIT/100663296/" lim.sh > lim96.sh
for i in 1 2 3 4 5 6 7 8 9 10; do
	env -u BAOCAO_KDF sh lim96.sh "$BAOCAO" --db o.db report --form nl09-thon-thang \
	    --period 2026-10 --format pdf --out "r$i.pdf" >/dev/null 2>stderr
	got=$?
	[ "$got" = 0 ] || fail "PDF report $i under 96 MiB: exit $got ($(tail -1 stderr))"
	[ "$(head -c 4 "r$i.pdf")" = "%PDF" ] || fail "r$i.pdf is not a PDF"
done

# A key that needs more than the limit allows: one line, how much, exit 1.
cp a.db big.db
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" run_bc 0 --db big.db passwd --kdf-memory 256M
expect_eq "256 MiB stored" "$(slot_kib big.db)" 262144
run_lim 1 --db big.db status
expect_contains "how much" "$ERR" "baocao: không đủ bộ nhớ để mở khoá: cần 272 MiB (Argon2id)"
[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "not one line: $ERR"
expect_contains "where: the file, last" "$ERR" " MiB — big.db"
run_lim 1 --db big.db batch month.txt
expect_contains "batch: line 1" "$ERR" "baocao: dòng 1: không đủ bộ nhớ để mở khoá"
BAOCAO_LANG=en run_lim 1 --db big.db status
expect_contains "English" "$ERR" "baocao: not enough memory to unlock: 272 MiB needed (Argon2id)"
# passwd under the limit cannot make such a key either: said, nothing changed.
cp big.db big0.db
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" run_bc 0 --db a.db passwd --kdf-memory 64M
cp a.db small.db
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" run_lim 1 --db small.db passwd --kdf-memory 512M
expect_contains "passwd: how much" "$ERR" "không đủ bộ nhớ để tạo khoá: cần 528 MiB"
expect_eq "small.db kept its key" "$(slot_kib small.db)" 65536
# passwd under the limit, no --kdf-memory: the machine's cost, said; with
# --kdf-memory, the cost asked for, nothing said.
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" BAOCAO_LANG=en run_lim 0 --db small.db passwd
expect_contains "passwd: the cost said" "$OUT" "The passphrase key uses Argon2id 64 MiB (default 256 MiB) because this process's memory limit has only 256 MiB; where there is the memory, raise it with 'baocao passwd --kdf-memory 256M'."
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" run_lim 0 --db small.db passwd --kdf-memory 64M
expect_eq "passwd --kdf-memory: nothing said of it" "$OUT" "Đã đổi mật khẩu."
# Made to fit (outside the limit), it opens under it.
BAOCAO_NEW_PASSPHRASE="$BAOCAO_PASSPHRASE" run_bc 0 --db big.db passwd --kdf-memory 64M
run_lim 0 --db big.db status
echo "t-memlimit.sh: limit by $how" >&2
exit 0
