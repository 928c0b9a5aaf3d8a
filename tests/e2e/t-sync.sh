# SPDX-License-Identifier: GPL-3.0-or-later
# Sync through files only: an office and two villages, two periods; devices
# held then approved; receipts, an approval and a return back on the field;
# a changed byte, a truncation, another office's file, a replayed older
# bundle and a revoked device, each with its message; batches go on past a
# bad file.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Lam Sơn"
run_bc 0 --db o.db pack --out p1.bcp
expect_contains "pack" "$OUT" "p1.bcp: gói của văn phòng"
cp o.db o0.db   # the office before any import, for the replay test below
grep -a -q 'thon-dong-tam' p1.bcp && fail "the pack is compressed, not plain JSON"

# Field set-up from the pack: the office key is trusted, the forms of the
# unit's kind installed, the commune named.
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
expect_contains "forms from the pack" "$OUT" "Đã cài 4 biểu mẫu."
run_bc 0 --db b.db setup field --unit thon-lam-son --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db a.db status
expect_contains "commune from pack" "$OUT" "Ngọc Lặc"
run_bc 2 --db c.db setup field --unit thon-khong-co --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
expect_eq "unit not on roster" "$ERR" "baocao: đơn vị 'thon-khong-co' không có trong danh sách của văn phòng — p1.bcp"
[ ! -e c.db ] || fail "a refused setup left c.db"

# Each village finalises October and November.
for u in a b; do
	printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
	printf '{"so-ho": 101, "so-nhan-khau": 404, "ho-ngheo": 8}' > nov.json
	run_bc 0 --db $u.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
	run_bc 0 --db $u.db fill --form nl09-thon-thang --period 2026-11 --final nov.json
done
run_bc 0 --db a.db export --out a1.bcb
expect_contains "export" "$OUT" "a1.bcb: 2 báo cáo"
grep -a -q 'so-ho' a1.bcb && fail "the bundle is readable on the way"
# Exporting again without new work gives the same submissions.
run_bc 0 --db a.db export --out a2.bcb
expect_contains "export again" "$OUT" "a2.bcb: 2 báo cáo"
run_bc 0 --db b.db export --out b1.bcb

# Unknown devices: held, not dropped.
run_bc 0 --db o.db import a1.bcb b1.bcb
fa=$("$BAOCAO" --db a.db status | sed -n 's/^Mã thiết bị: *//p')
fb=$("$BAOCAO" --db b.db status | sed -n 's/^Mã thiết bị: *//p')
expect_eq "held" "$OUT" "a1.bcb: giữ chờ duyệt thiết bị $fa (đơn vị thon-dong-tam): 'baocao devices approve $fa'
b1.bcb: giữ chờ duyệt thiết bị $fb (đơn vị thon-lam-son): 'baocao devices approve $fb'"
run_bc 0 --db o.db devices --format tsv
expect_contains "pending" "$OUT" "$fa	thon-dong-tam	pending	0	1"
# Approving imports what was held; the fingerprint may be typed loosely.
run_bc 0 --db o.db devices approve "$(echo "$fa" | tr 'A-Z-' 'a-z ')"
expect_eq "approve a" "$OUT" "Đã duyệt thiết bị; đã nhập 1 tệp đang giữ."
run_bc 0 --db o.db devices approve "$fb"
# The same bundle twice changes nothing; an equivalent one neither.
run_bc 0 --db o.db import a1.bcb a2.bcb
expect_eq "idempotent" "$OUT" "a1.bcb: đã nhập trước đó, không đổi gì
a2.bcb: đã nhập 2 báo cáo của thon-dong-tam (0 mới, 0 cũ hơn giữ trong lịch sử, 2 đã có; 0 giữ lại)"

# Damaged or forged files are refused, one line each, and the batch goes on.
cp a2.bcb bad.bcb
flip_byte bad.bcb 200
head -c $(($(wc -c < a2.bcb) - 20)) a2.bcb > cut.bcb
run_bc 0 --db o2.db setup office --commune "Xã Khác"
run_bc 0 --db o2.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o2.db pack --out other.bcp
run_bc 4 --db o.db import bad.bcb cut.bcb p1.bcp a1.bcb
expect_eq "bad batch" "$OUT" "từ chối: không mở được: gửi văn phòng khác, hoặc bị sửa, cắt, hỏng — bad.bcb
từ chối: không mở được: gửi văn phòng khác, hoặc bị sửa, cắt, hỏng — cut.bcb
từ chối: đây là gói của văn phòng, không phải tệp báo cáo của đơn vị — p1.bcp
a1.bcb: đã nhập trước đó, không đổi gì"
run_bc 4 --db o2.db import a1.bcb
expect_eq "another office" "$OUT" "từ chối: không mở được: gửi văn phòng khác, hoặc bị sửa, cắt, hỏng — a1.bcb"

# A revision after the office's answer replaces the earlier one; a replayed
# older bundle afterwards loses nothing.
printf '{"so-ho": 102, "so-nhan-khau": 410, "ho-ngheo": 8}' > nov.json
BAOCAO_NOW=$((BAOCAO_NOW + 3600)) run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final nov.json
BAOCAO_NOW=$((BAOCAO_NOW + 3600)) run_bc 0 --db a.db export --out a3.bcb
run_bc 0 --db o.db import a3.bcb
expect_contains "newer" "$OUT" "(1 mới, 0 cũ hơn giữ trong lịch sử, 1 đã có; 0 giữ lại)"
run_bc 0 --db o.db import a2.bcb
expect_contains "same file again" "$OUT" "a2.bcb: đã nhập trước đó"
# Bundles arriving out of order: the newer first, then the older one.
run_bc 0 --db o0.db import a3.bcb
run_bc 0 --db o0.db devices approve "$fa"
run_bc 0 --db o0.db import a1.bcb
expect_eq "older after newer" "$OUT" "a1.bcb: đã nhập 2 báo cáo của thon-dong-tam (0 mới, 1 cũ hơn giữ trong lịch sử, 1 đã có; 0 giữ lại)"
run_bc 0 --db o0.db audit --format tsv
expect_contains "kept in history" "$OUT" "(older, kept in history)"

# The office approves one, returns another; the next pack tells the units.
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-10
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-lam-son --period 2026-11 --reason "Thiếu số hộ cận nghèo"
run_bc 2 --db o.db review return --form nl09-thon-thang --unit thon-lam-son --period 2026-11
expect_contains "reason needed" "$ERR" "--reason"
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
expect_eq "apply a" "$OUT" "p2.bcp: 0 biểu mẫu mới, 2 xác nhận của văn phòng."
run_bc 0 --db a.db apply p2.bcp
expect_eq "apply twice" "$OUT" "p2.bcp: đã áp dụng gói này, không đổi gì."
run_bc 0 --db a.db apply p1.bcp
expect_contains "older pack" "$OUT" "không đổi gì"
run_bc 0 --db a.db status
expect_contains "a: approved and received" "$OUT" "2 (nháp 0, hoàn tất 1, đã duyệt 1, bị trả lại 0)"
run_bc 0 --db b.db apply p2.bcp
run_bc 0 --db b.db status
expect_contains "b: returned" "$OUT" "bị trả lại 1"
run_bc 0 --db b.db audit --format tsv
expect_contains "reason on the field" "$OUT" "Thiếu số hộ cận nghèo"

# Packs: only the trusted office's; a bundle is not a pack.
run_bc 4 --db a.db apply other.bcp
expect_eq "other office's pack" "$ERR" "baocao: gói này không do văn phòng đã tin cậy ký — other.bcp"
run_bc 2 --db a.db apply a1.bcb
expect_eq "bundle as pack" "$ERR" "baocao: đây là tệp báo cáo của đơn vị, không phải gói của văn phòng — a1.bcb"

# A revoked device is refused.
run_bc 0 --db o.db devices revoke "$fb"
run_bc 0 --db b.db export --out b2.bcb
run_bc 4 --db o.db import b2.bcb
expect_eq "revoked" "$OUT" "từ chối: thiết bị $fb đã bị thu hồi — b2.bcb"

# Roles: the office does not export, a field unit does not import or pack.
run_bc 2 --db o.db export --out x.bcb
run_bc 4 --db a.db import a1.bcb
run_bc 2 --db a.db pack --out x.bcp
[ ! -e x.bcb ] && [ ! -e x.bcp ] || fail "a refused command wrote a file"
