# SPDX-License-Identifier: GPL-3.0-or-later
# Sync format 2, end to end (sync/FORMAT.md): a stranger's bundle is held
# unread and listed with its size; packs are sealed to the approved devices
# (a new unit needs the setup pack, a revoked device reads no newer pack);
# format-1 files are refused with how to get a new one. (The limits on
# content: tests/bounds/import-bounds.c, `make bounds`.)
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Lam Sơn"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db b.db setup field --unit thon-lam-son --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a1.bcb
size=$(wc -c < a1.bcb)

# Nothing of the sender in the clear: not its fingerprint's key, not the unit.
grep -a -q 'thon-dong-tam' a1.bcb && fail "the unit shows in the bundle"
# A stranger's bundle: held as it came, unread, listed with its size.
run_bc 0 --db o.db import a1.bcb
fa=$("$BAOCAO" --db o.db devices --format tsv | cut -f1)
run_bc 0 --db o.db devices
expect_contains "held, unread" "$OUT" "1 tệp đang giữ, $size byte, chưa đọc"
run_bc 0 --db o.db devices --format tsv
expect_eq "held tsv" "$OUT" "$fa	thon-dong-tam	pending	0	1	$size	"
run_bc 0 --db o.db devices approve "$fa"
expect_eq "approve" "$OUT" "Đã duyệt thiết bị; đã nhập 1 tệp đang giữ."

# Packs go sealed to the approved devices: a reads it; the unit whose device
# is not approved cannot, nor can a new installation set up from it.
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
expect_eq "a applies" "$OUT" "p2.bcp: 0 biểu mẫu mới, 1 xác nhận của văn phòng."
run_bc 4 --db b.db apply p2.bcp
expect_contains "b is not a recipient" "$ERR" "gói không gửi cho máy này"
run_bc 2 --db c.db setup field --unit thon-lam-son --pack p2.bcp --office-fingerprint "$(fpr_of o.db)"
expect_contains "setup needs the setup pack" "$ERR" "baocao pack --setup"
[ ! -e c.db ] || fail "a refused setup left c.db"
run_bc 0 --db o.db pack --setup --out setup.bcp
run_bc 0 --db c.db setup field --unit thon-lam-son --pack setup.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 2 --db o.db pack --setup
expect_contains "pack --setup needs --out" "$ERR" "pack [--setup] --out"
run_bc 2 --db a.db export --setup --out x.bcb

# A device the office approved once and then revoked still gets the next
# pack, to learn it was revoked (and stop exporting); a key the office only
# ever held and refused (anyone can send a bundle from a throwaway key)
# reads no pack at all.
run_bc 0 --db b.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db b.db export --out b1.bcb
run_bc 0 --db o.db import b1.bcb
fb=$("$BAOCAO" --db o.db devices --format tsv | grep -v "^$fa" | cut -f1)
run_bc 0 --db o.db devices approve "$fb"
run_bc 0 --db o.db devices revoke "$fa"
run_bc 0 --db o.db units add --kind thon --name "Thôn Lạ"
run_bc 0 --db o.db pack --setup --out setup2.bcp
run_bc 0 --db s.db setup field --unit thon-la --pack setup2.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db s.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db s.db export --out s1.bcb
run_bc 0 --db o.db import s1.bcb
run_bc 0 --db o.db devices revoke "$(fpr_of s.db)"
run_bc 0 --db o.db pack --out p3.bcp
run_bc 0 --db a.db apply p3.bcp
expect_contains "revoked: told by the pack" "$OUT" "Văn phòng đã thu hồi thiết bị này"
run_bc 2 --db a.db export --out a9.bcb
[ ! -e a9.bcb ] || fail "a revoked device wrote a bundle"
# told once: the next pack is not sealed to it; an open setup pack (any new
# unit has one) does not lift the revocation
run_bc 0 --db o.db pack --out p4.bcp
run_bc 4 --db a.db apply p4.bcp
expect_contains "revoked: reads no later pack" "$ERR" "gói không gửi cho máy này"
run_bc 0 --db b.db apply p4.bcp
run_bc 0 --db o.db pack --setup --out setup3.bcp
run_bc 0 --db a.db apply setup3.bcp
run_bc 2 --db a.db export --out a9.bcb
[ ! -e a9.bcb ] || fail "a setup pack lifted the revocation"
run_bc 4 --db s.db apply p3.bcp
expect_contains "refused, never approved: not a recipient" "$ERR" "gói không gửi cho máy này"
run_bc 0 --db b.db apply p3.bcp

# Format 1 (an older baocao): refused, saying how to get a new file.
printf 'BAOCAO-S\000\001\001\001' > v1.bcb
head -c 200 /dev/zero >> v1.bcb
run_bc 4 --db o.db import v1.bcb
expect_line "format 1 bundle" "$OUT" "^từ chối: tệp định dạng 1 (bản baocao cũ) không còn được nhận.* — v1.bcb$"
expect_contains "format 1: export again" "$OUT" "('baocao export')"
printf 'BAOCAO-S\000\001\002\000' > v1.bcp
head -c 200 /dev/zero >> v1.bcp
run_bc 2 --db a.db apply v1.bcp
expect_contains "format 1 pack" "$ERR" "('baocao pack')"
BAOCAO_LANG=en run_bc 4 --db o.db import v1.bcb
expect_contains "format 1 in English" "$OUT" "update baocao at the unit and export again"
