# SPDX-License-Identifier: GPL-3.0-or-later
# Files that are not what they seem: `import` skips a FIFO, a folder, a
# symlink loop and a device with one line each and goes on with the batch;
# every --out (export, pack, report) refuses a FIFO, a folder, a symlink
# and a device, refuses an existing file without --force, replaces it with
# --force, and leaves no temporary file.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a1.bcb

mkdir hostile
mkfifo hostile/fifo
ln -s loop2 hostile/loop1
ln -s loop1 hostile/loop2
mkdir hostile/dir.bcb
echo "keep me" > hostile/target
ln -s target hostile/link
dev=
if [ "$(id -u)" = 0 ] && mknod hostile/null c 1 3 2>/dev/null; then
	dev=hostile/null	# our own node in the temp folder, never /dev/*
fi

# import: the FIFO would block a plain open forever; a timeout proves it does not.
OUT=$(timeout 20 "$BAOCAO" --db o.db import hostile/fifo hostile/dir.bcb hostile/loop1 \
    $dev a1.bcb 2>"$T/stderr")
got=$?
[ $got = 2 ] || fail "import of a hostile batch: exit $got, want 2 ($(cat "$T/stderr"))"
expect_contains "fifo skipped" "$OUT" "bỏ qua: là một đường ống (FIFO), không phải tệp thường — hostile/fifo"
expect_contains "dir skipped" "$OUT" "bỏ qua: là một thư mục, không phải tệp thường — hostile/dir.bcb"
expect_contains "loop skipped" "$OUT" "bỏ qua: liên kết tượng trưng vòng quanh, không phải tệp thường — hostile/loop1"
[ -z "$dev" ] || expect_contains "device skipped" "$OUT" "bỏ qua: là một thiết bị, không phải tệp thường — hostile/null"
expect_contains "the batch goes on" "$OUT" "a1.bcb: giữ chờ duyệt thiết bị"
# apply and setup --pack read the same way
run_bc 2 --db a.db apply hostile/fifo
expect_contains "apply fifo" "$ERR" "không phải tệp thường"

# --out: never into a FIFO, folder, symlink or device; never over a file
# without --force.
for p in hostile/fifo hostile/dir.bcb hostile/link hostile/loop1 $dev; do
	run_bc 2 --db a.db export --out "$p"
	expect_contains "export --out $p" "$ERR" "không ghi vào đó"
	run_bc 2 --db o.db pack --out "$p" --force
	run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out "$p" --force
	run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx --out "$p" --force
done
expect_eq "the symlink's target" "$(cat hostile/target)" "keep me"
[ -p hostile/fifo ] || fail "the FIFO was replaced"
[ -z "$dev" ] || [ -c "$dev" ] || fail "the device node was replaced"

run_bc 2 --db a.db export --out a1.bcb
expect_eq "exists" "$ERR" "baocao: đã có tệp này; thêm --force để ghi đè — a1.bcb"
before=$(cksum < a1.bcb)
run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out a1.bcb
expect_eq "report over a file" "$(cksum < a1.bcb)" "$before"
run_bc 0 --db a.db export --out a1.bcb --force
run_bc 0 --db o.db pack --out p1.bcp --force
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out r.csv
run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out r.csv
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out r.csv --force

# A temporary file left by a killed writer is removed by the next write.
: > a2.bcb.tmp-999999999
run_bc 0 --db a.db export --out a2.bcb
left=$(ls | grep -c 'tmp-' || true)
expect_eq "temporary files left" "$left" 0

# A half-built setup left by a killed process never blocks the next one.
: > n.db.setup-999999999
: > n.db.setup-999999999-wal
run_bc 0 --db n.db setup office --commune "Ngọc Lặc"
left=$(ls | grep -c 'setup-' || true)
expect_eq "setup leftovers" "$left" 0
