# SPDX-License-Identifier: GPL-3.0-or-later
# A village laptop restored from a backup sends revisions and a file number
# the office already has with other content: the office keeps both, makes
# the new one current and says so — on the command line and in the
# interface, in the same words (sync_result_notes). The next pack moves the
# laptop's file numbering past what the office has.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > v1.json
printf '{"so-ho": 104, "so-nhan-khau": 410, "ho-ngheo": 8}' > v2.json
printf '{"so-ho": 111, "so-nhan-khau": 420, "ho-ngheo": 7}' > v3.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
run_bc 0 --db a.db export --out b1.bcb
run_bc 0 --db o.db import b1.bcb
fa=$("$BAOCAO" --db o.db devices --format tsv | cut -f1)
run_bc 0 --db o.db devices approve "$fa"
cp a.db backup.db
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v2.json
run_bc 0 --db a.db export --out b2.bcb
run_bc 0 --db o.db import b2.bcb
# the laptop dies; its backup comes back, and the village types again
cp backup.db a.db
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v3.json
run_bc 0 --db a.db export --out b3.bcb
cp o.db o2.db
cp o.db o3.db

# the command line
run_bc 0 --db o.db import b3.bcb
expect_contains "conflict said" "$OUT" "  cảnh báo: 1 báo cáo mang số bản đã nhận trước đó nhưng nội dung khác"
expect_contains "file number said" "$OUT" "  cảnh báo: thiết bị đánh số tệp này trùng một tệp trước"
# both kept, the newest typed is current
run_bc 0 --db o.db history --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 --format tsv
expect_eq "three revisions kept" "$(printf '%s\n' "$OUT" | grep -c .)" 3
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv
expect_contains "current is the newest typed" "$OUT" "111"
BAOCAO_LANG=en run_bc 0 --db o2.db import b3.bcb
expect_contains "conflict said (en)" "$OUT" "  warning: 1 submissions carry a revision number received before"

# the interface: the same warnings, wrapped, not cut
mkdir usb
cp b3.bcb usb/
tui_start "$T/o3.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F5
wait_for "Nhập tệp báo cáo của đơn vị"
tm send-keys -t bc C-u "$T/usb" Enter
wait_for "Tất cả 1 tệp .bcb"
tm send-keys -t bc Enter
wait_for "b3.bcb: thon-dong-tam"
wait_for "cảnh báo: 1 báo cáo mang số bản đã nhận trước đó"
wait_for "hiện hành, cần xem lại ('baocao history')"
wait_for "cảnh báo: thiết bị đánh số tệp này trùng một tệp"
tm send-keys -t bc Escape
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

# the next pack: the laptop numbers its files past what the office has
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
run_bc 0 --db a.db export --out b4.bcb
run_bc 0 --db o.db import b4.bcb
case "$OUT" in *"trùng một tệp"*) fail "file number reused after the pack: $OUT" ;; esac

# A laptop restored from a backup older than two revisions it sent (the
# office has its revision 3; the backup knows revision 1): once it has
# applied a pack, what it types next is numbered past 3, so the office
# takes it as the newest — not as an older revision set aside unseen.
run_bc 0 --db o.db units add --kind thon --name "Thôn Lam Sơn"
run_bc 0 --db o.db pack --setup --out p3.bcp
run_bc 0 --db c.db setup field --unit thon-lam-son --pack p3.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db c.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
cp c.db c-backup.db
run_bc 0 --db c.db fill --form nl09-thon-thang --period 2026-10 --final v2.json
run_bc 0 --db c.db fill --form nl09-thon-thang --period 2026-10 --final v3.json
run_bc 0 --db c.db export --out c1.bcb
run_bc 0 --db o.db import c1.bcb
fc=$("$BAOCAO" --db o.db devices --format tsv | grep thon-lam-son | cut -f1)
run_bc 0 --db o.db devices approve "$fc"
run_bc 0 --db o.db pack --out p4.bcp
cp c-backup.db c.db
# before it applies a pack: a second file past every earlier one, with an
# older revision than the office's — said, not silently set aside
printf '{"so-ho": 150, "so-nhan-khau": 425, "ho-ngheo": 7}' > v5.json
run_bc 0 --db c.db export --out c0a.bcb
run_bc 0 --db c.db fill --form nl09-thon-thang --period 2026-10 --final v5.json
run_bc 0 --db c.db export --out c0b.bcb
run_bc 0 --db o.db import c0a.bcb c0b.bcb
expect_contains "stale said" "$OUT" "cảnh báo: 1 báo cáo trong tệp mới này mang lần sửa cũ hơn lần văn phòng đã có"
run_bc 0 --db c.db apply p4.bcp
expect_contains "restored laptop told" "$OUT" "Văn phòng có bản mới hơn của 1 báo cáo"
printf '{"so-ho": 200, "so-nhan-khau": 430, "ho-ngheo": 6}' > v4.json
run_bc 0 --db c.db fill --form nl09-thon-thang --period 2026-10 --final v4.json
run_bc 0 --db c.db export --out c2.bcb
run_bc 0 --db o.db import c2.bcb
expect_contains "taken as new" "$OUT" "(1 mới, 0 cũ hơn"
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv
expect_contains "the newest typed counts" "$OUT" "200"

# An old pack from the stick, applied before: said so, never offered as
# "the office was restored" — accepting it would undo newer answers.
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 --reason "Thiếu số hộ cận nghèo"
run_bc 0 --db o.db pack --out p5.bcp
run_bc 0 --db a.db apply p5.bcp
run_bc 0 --db a.db status
expect_contains "returned at the field" "$OUT" "bị trả lại 1"
run_bc 0 --db a.db apply p2.bcp
expect_contains "replay said" "$OUT" "p2.bcp: đã áp dụng gói này, không đổi gì."
run_bc 0 --db a.db apply --accept-older p2.bcp
expect_contains "replay even when accepted" "$OUT" "p2.bcp: đã áp dụng gói này, không đổi gì."
run_bc 0 --db a.db status
expect_contains "the return stays" "$OUT" "bị trả lại 1"

# A second laptop for the same village (a new one, or a copy of the old):
# approving it says which device is approved for the unit already.
run_bc 0 --db o.db pack --setup --out ps.bcp
run_bc 0 --db a2.db setup field --unit thon-dong-tam --pack ps.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db a2.db fill --form nl09-thon-thang --period 2026-09 --final v1.json
run_bc 0 --db a2.db export --out a2.bcb
run_bc 0 --db o.db import a2.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a2.db)"
expect_contains "the other device named" "$OUT" "chú ý: $fa cũng đã được duyệt cho đơn vị thon-dong-tam"
