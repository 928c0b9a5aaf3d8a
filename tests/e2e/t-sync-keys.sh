# SPDX-License-Identifier: GPL-3.0-or-later
# Keys people can change: the office rotates its key (the next pack carries
# the new key signed by the old; units check it and switch; bundles sealed
# to the old key still open); a unit rotates its device key (twice, the
# next bundle carries the chain; the office approves the new key in the
# old one's place and counts its revisions as the same device's); a pack
# or bundle signed by a key no chain leads to is refused as before.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
fo1=$(fpr_of o.db)
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$fo1"
fa1=$(fpr_of a.db)
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a1.bcb
run_bc 0 --db o.db import a1.bcb
run_bc 0 --db o.db devices approve "$fa1"

# --- the office rotates ------------------------------------------------------
run_bc 2 --db o.db keys spin
run_bc 0 --db o.db keys rotate
fo2=$(fpr_of o.db)
[ "$fo2" != "$fo1" ] || fail "the office's fingerprint did not change"
expect_contains "rotate says what next" "$OUT" "Đã đổi khoá của máy này: $fo2 (thay $fo1)."
run_bc 0 --db o.db keys
expect_contains "history" "$OUT" "$fo1 -> $fo2"
# a bundle sealed to the old key, before the unit hears of the new one
printf '{"so-ho": 101, "so-nhan-khau": 404, "ho-ngheo": 8}' > nov.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final nov.json
run_bc 0 --db a.db export --out a2.bcb
run_bc 0 --db o.db import a2.bcb
expect_contains "old key still opens" "$OUT" "(1 mới, 0 cũ hơn giữ trong lịch sử, 1 đã có; 0 giữ lại)"
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
expect_contains "the unit switches" "$OUT" "Văn phòng đã đổi khoá"
run_bc 0 --db a.db status
expect_contains "the new office key" "$OUT" "Mã văn phòng:            $fo2 (Ngọc Lặc)"
run_bc 0 --db a.db audit --format tsv
expect_contains "audited" "$OUT" "office-key-rotated	$fo1	$fo2"
# an old pack, signed by the replaced key, is not the trusted office any more
run_bc 4 --db a.db apply p1.bcp
expect_contains "old key refused" "$ERR" "gói này không do văn phòng đã tin cậy ký"
# another office's pack: no chain leads to its key
run_bc 0 --db x.db setup office --commune "Xã Khác"
run_bc 0 --db x.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db x.db keys rotate
run_bc 0 --db x.db pack --out x.bcp
run_bc 4 --db a.db apply x.bcp
expect_contains "forged chain refused" "$ERR" "gói này không do văn phòng đã tin cậy ký"

# --- the unit rotates, twice -------------------------------------------------
# September reached the office, but the unit has no receipt for it yet
printf '{"so-ho": 99, "so-nhan-khau": 398, "ho-ngheo": 9}' > sep.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-09 --final sep.json
run_bc 0 --db a.db export --out a25.bcb
run_bc 0 --db o.db import a25.bcb
run_bc 0 --db a.db keys rotate
run_bc 0 --db a.db keys rotate
fa3=$(fpr_of a.db)
[ "$fa3" != "$fa1" ] || fail "the unit's fingerprint did not change"
run_bc 0 --db a.db export --out a3.bcb
run_bc 0 --db o.db import a3.bcb
expect_contains "the office follows the chain" "$OUT" "thiết bị đã đổi khoá (khoá cũ ký xác nhận): nay dùng $fa3"
expect_contains "not a new revision: the same device" "$OUT" "(0 mới, 0 cũ hơn giữ trong lịch sử, 1 đã có; 0 giữ lại)"
run_bc 0 --db o.db devices --format tsv
expect_contains "new key approved" "$OUT" "$fa3	thon-dong-tam	approved"
expect_contains "old key retired" "$OUT" "$fa1	thon-dong-tam	revoked"
# the next pack lists the old key as revoked; the unit, on its new key, goes on
run_bc 0 --db o.db pack --out p3.bcp
run_bc 0 --db a.db apply p3.bcp
run_bc 0 --db a.db export --out a4.bcb
run_bc 0 --db o.db import a4.bcb
expect_contains "goes on" "$OUT" "a4.bcb: đã nhập"
run_bc 0 --db o.db audit --format tsv
expect_contains "office audit" "$OUT" "device-key-rotated	$fa1	"

# the laptop is stolen: the office revokes its key; the thief changes the
# key and exports: held, and `devices` marks it as coming from the revoked one
run_bc 0 --db o.db devices revoke "$fa3"
run_bc 0 --db a.db keys rotate
fa5=$(fpr_of a.db)
run_bc 0 --db a.db export --out a5.bcb
run_bc 0 --db o.db import a5.bcb
run_bc 0 --db o.db devices
expect_contains "from a revoked key" "$OUT" "đổi khoá từ máy đã thu hồi $fa3"
run_bc 0 --db o.db devices --format tsv
expect_contains "from a revoked key, tsv" "$OUT" "$fa5	thon-dong-tam	pending	0	1	"
expect_contains "from a revoked key, tsv column" "$OUT" "	$fa3"
