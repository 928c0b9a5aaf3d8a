# SPDX-License-Identifier: GPL-3.0-or-later
# Bundle format 4 (sync/FORMAT.md), end to end: a device's first bundle
# carries its whole key and unit; once the office has sealed a pack to it,
# its bundles name it by fingerprint alone (exactly 32 - 10 + 1 + the unit
# id's length bytes fewer: the same content, 'export --with-key' beside
# it); an office restored from a backup older than the approval refuses
# such a bundle in one line saying which device and what to do, and reads
# the unit's --with-key bundle; a revoked device's is refused; format 3
# from an older baocao still imports.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

fmt() { od -An -tu1 -j9 -N1 "$1" | tr -d ' '; }

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > m.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-09 --final m.json
run_bc 0 --db a.db export --out a1.bcb
[ "$(fmt a1.bcb)" = 4 ] || fail "a1.bcb: format $(fmt a1.bcb)"
grep -a -q 'thon-dong-tam' a1.bcb && fail "the unit shows in the bundle"
cp o.db o-before.db
run_bc 0 --db o.db import a1.bcb
fa=$(fpr_of a.db)
run_bc 0 --db o.db devices approve "$fa"
expect_eq "approve" "$OUT" "Đã duyệt thiết bị; đã nhập 1 tệp đang giữ."

# Sealed to the device: from now on its fingerprint stands for its key.
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final m.json
run_bc 0 --db a.db export --out short.bcb
run_bc 0 --db a.db export --with-key --out long.bcb
s=$(wc -c < short.bcb)
l=$(wc -c < long.bcb)
[ $((l - s)) = $((32 - 10 + 1 + 13)) ] || fail "short $s, long $l bytes: not 36 apart"
echo "t-sync-compact: a month of three values: $s bytes ($l with the key)" >&2
run_bc 0 --db o.db import short.bcb
expect_contains "short form read" "$OUT" "short.bcb: đã nhập 1 báo cáo của thon-dong-tam (1 mới"
run_bc 0 --db o.db import long.bcb
expect_contains "long form read" "$OUT" "long.bcb: đã nhập 1 báo cáo của thon-dong-tam (0 mới"

# An office restored from before the approval does not know the key.
cp o.db o-now.db
cp o-before.db o.db
run_bc 2 --db o.db import short.bcb
expect_eq "unknown fingerprint" "$OUT" "từ chối: tệp chỉ ghi dấu vân tay $fa của thiết bị gửi, mà văn phòng này không có khóa của nó (văn phòng chưa từng duyệt thiết bị, hoặc đã khôi phục từ bản sao lưu cũ hơn): ở đơn vị, hãy xuất lại kèm khóa ('baocao export --with-key') — short.bcb"
BAOCAO_LANG=en run_bc 2 --db o.db import short.bcb
expect_contains "in English" "$OUT" "names its sender only by fingerprint $fa"
run_bc 0 --db o.db import long.bcb
expect_contains "with the key: held for approval" "$OUT" "long.bcb"
run_bc 0 --db o.db devices --format tsv
expect_contains "pending again" "$OUT" "$fa	thon-dong-tam	pending"

# Revoked: its fingerprint is known, and refused as the device's.
cp o-now.db o.db
run_bc 0 --db o.db devices revoke "$fa"
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final m.json
run_bc 0 --db a.db export --out late.bcb
run_bc 4 --db o.db import late.bcb
expect_contains "revoked" "$OUT" "thiết bị $fa đã bị thu hồi"
