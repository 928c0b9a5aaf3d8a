# SPDX-License-Identifier: GPL-3.0-or-later
# What an outsider tripped on at 80x24 (issue 15, the review after the
# redesign), each checked on what was saved: a label the list cuts is shown
# whole under the list while the cursor is on it; typing on a calculation
# says it is one and from what; the office's review names the unit in its
# title; F5 approve asks (naming the report, the unit and the period) and no
# keeps it; in the devices list Enter asks with the code shown, and the
# cursor stays on the device approved, so a second Enter never approves the
# next one unseen.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Xuân Lập"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db b.db setup field --unit thon-xuan-lap --pack p.bcp --office-fingerprint "$(fpr_of o.db)"

# --- the field: the whole label under the cursor, and a calculation says so
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
# the list cuts it; the whole label is on the screen only once the cursor
# is on its line, on the row the list leaves free above the status line
wait_for "Trong đó dùng nước sạch theo quy ch"
case "$(screen)" in *"theo quy chuẩn"*) fail "the whole label shown before the cursor came" ;; esac
down_until "Trong đó dùng nước sạch theo quy chuẩn"
row=$(screen | grep -n "^ Trong đó dùng nước sạch theo quy chuẩn" | cut -d: -f1)
expect_eq "the whole label's row" "$row" 22
tm send-keys -t bc 5 0 Enter
wait_for "Tỷ lệ hộ dùng nước sạch"
# the cursor went on over the rate (a calculation): back up onto it, type
tm send-keys -t bc Up
sleep 0.3
tm send-keys -t bc 7
wait_for "Trường này tự tính từ: Trong đó dùng nước sạch theo quy chuẩn, Tổng số hộ;"
wait_for "     không gõ vào được."
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --show "$n" --format json
expect_contains "the value typed" "$OUT" '"ho-nuoc-sach":"50"'
case "$OUT" in *'"ty-le-nuoc-sach":"7'*) fail "typed into a calculation: $OUT" ;; esac

# --- the idle lock: unlocking goes back to the form, on the same field,
# not home; the value being typed when it locked was kept
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_IDLE_SECONDS=2"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
tm send-keys -t bc Down 4 1 2
wait_for "Tổng số nhân khẩu *                 412"
sleep 3
wait_for "Đã tự khóa sau 2 giây không dùng."
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "kỳ 2026-10 — nháp, tự lưu"
wait_for "Tổng số nhân khẩu *                 412"
case "$(screen)" in *"Việc cần làm"*) fail "unlocking went home: $(screen)" ;; esac
# the cursor is where it was: Enter edits the same value
tm send-keys -t bc BSpace BSpace BSpace 3 9 9 Enter
wait_for "Tổng số nhân khẩu *                 399"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --show "$n" --format json
expect_contains "typed after unlocking" "$OUT" '"so-nhan-khau":"399"'

# --- the office
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
# Đồng Tâm's has many values: its revision lists more changes than a screen
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9, "ho-can-ngheo": 5, "ho-nuoc-hvs": 90, "ho-nuoc-sach": 80, "ho-thu-gom-rac": 70, "vu-antt": 1, "phan-anh": 2, "phan-anh-da-xu-ly": 2, "lao-dong": 300, "lao-dong-nong-nghiep": 200, "sinh": 3, "tu": 1, "chuyen-den": 2, "chuyen-di": 4, "doi-tuong-chinh-sach": 12, "ho-ngheo-moi": 1, "ho-thoat-ngheo": 2, "buoi-tuyen-truyen": 4}' > many.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final many.json
run_bc 0 --db b.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db b.db export --out b.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db import b.bcb
# --- a finalised form is read only: its key bar offers F4 to reopen, not
# the keys that would edit; F4 brings them back
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc Enter
wait_for "kỳ 2026-10 — đã hoàn tất"
wait_for "F4 Mở lại để sửa F9 Kiểm tra Esc Quay lại"
case "$(screen)" in *"Nhập/chọn giá trị"*|*"F2 Chép"*) fail "edit keys on a final form: $(screen)" ;; esac
tm send-keys -t bc F4
wait_for "Enter Nhập/chọn giá trị"
tm send-keys -t bc F10
wait_for "EXITED 0"
fa=$(fpr_of a.db)
fb=$(fpr_of b.db)
state() {	# FPR: the device's state as stored
	run_bc 0 --db o.db devices --format tsv
	printf '%s\n' "$OUT" | awk -F '\t' -v f="$1" '$1 == f { print $3 }'
}
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F8
wait_for "Thiết bị của các đơn vị"
# the lit device's code is in the question; Enter, c approves it
first=$(screen | grep -o "$fa\|$fb" | head -1)
[ "$first" = "$fa" ] && second=$fb || second=$fa
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $first của"
tm send-keys -t bc c
wait_for "Đã duyệt $first"
# a second Enter asks about the same device, never the next one waiting
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $first của"
tm send-keys -t bc k
wait_for "Chưa duyệt: $first vẫn như cũ."
expect_eq "the first approved" "$(state "$first")" approved
expect_eq "the second still waits" "$(state "$second")" pending
# the list puts those waiting first: the other one is now above
tm send-keys -t bc Up Enter
wait_for "Duyệt thiết bị $second của"
tm send-keys -t bc c
wait_for "Đã duyệt $second"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
# the review names the unit; F5 asks; k keeps it unapproved, c approves
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc "dong tam"
wait_for "1 / 2 báo cáo"
tm send-keys -t bc Enter
wait_for "Thôn Đồng Tâm — Báo cáo của thôn"
tm send-keys -t bc F5
wait_for "Duyệt Báo cáo tháng của Thôn Đồng Tâm, kỳ 2026-10? (c: có, k: không)"
tm send-keys -t bc k
wait_for "Chưa duyệt."
run_bc 0 --db o.db status --period 2026-10 --format tsv
case "$OUT" in *approved*) fail "approved though the answer was no: $OUT" ;; esac
tm send-keys -t bc F5
wait_for "(c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã duyệt."
# F7: every change of every revision, none summed up as "… and N more";
# the list scrolls to its last line
tm send-keys -t bc F7
wait_for "Lần 1"
wait_for "Dòng 1–"
case "$(screen)" in *"thay đổi khác"*) fail "changes left out: $(screen)" ;; esac
tm send-keys -t bc PgDn PgDn PgDn
wait_for "Số buổi tuyên truyền, họp dân: — → 4"
tm send-keys -t bc Escape
# F8: the audit trail, its long lines wrapped, not cut
tm send-keys -t bc F8
wait_for "Dòng 1–"
tm send-keys -t bc Escape
# the inbox's line under the list: a return's reason wrapped, whole
tm send-keys -t bc Escape
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc C-u xuan
wait_for "1 / 2 báo cáo"
tm send-keys -t bc Enter
wait_for "Thôn Xuân Lập — Báo cáo của thôn"
tm send-keys -t bc F6
wait_for "Lý do trả lại:"
tm send-keys -t bc "Thieu so lieu ve ho ngheo cua thang nay, can bo sung va gui lai KETTHUC9" Enter
wait_for "(c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã trả lại"
tm send-keys -t bc Escape
wait_for "Hộp thư: báo cáo đã nhận"
wait_for "lý do trả lại: Thieu"
wait_for "KETTHUC9"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db o.db audit --object nl09-thon-thang/thon-dong-tam/2026-10 --format tsv
expect_contains "approved on yes" "$OUT" "approve	nl09-thon-thang/thon-dong-tam/2026-10"

# --- a task table: the pane under it wraps what the plan says of the row
# (its deadline, target and product), never cuts it
jul=$(date -d '2026-07-02 08:00' +%s)
sed 's/product: Biên bản niêm yết$/product: Biên bản niêm yết công khai kế hoạch sử dụng đất tại nhà văn hoá thôn, có chữ ký của trưởng thôn và đại diện các hộ, gửi kèm ảnh chụp/' \
    "$SRC/tests/e2e/fixtures/plan-papi.yaml" > papi.yaml
grep -q "gửi kèm ảnh chụp" papi.yaml || fail "the fixture changed: no long product made"
BAOCAO_NOW=$jul run_bc 0 --db o2.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$jul run_bc 0 --db o2.db units add --kind thon --name "Thôn Đồng Tâm"
BAOCAO_NOW=$jul run_bc 0 --db o2.db forms install papi.yaml
BAOCAO_NOW=$jul run_bc 0 --db o2.db pack --out p2.bcp
BAOCAO_NOW=$jul run_bc 0 --db c.db setup field --unit thon-dong-tam --pack p2.bcp --office-fingerprint "$(fpr_of o2.db)"
tui_start "$T/c.db" "TZ=$TZ BAOCAO_NOW=$jul"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Nâng cao Chỉ số PAPI"
tm send-keys -t bc Down Enter
wait_for "Enter: mở bảng"
tm send-keys -t bc Enter
wait_for "STT. Nhiệm vụ"
tm send-keys -t bc Down
wait_for "Hạn: 30/06/2026 — QUÁ HẠN · Chỉ tiêu: ≥ 100% · Sản phẩm: Biên bản niêm"
wait_for "gửi kèm ảnh chụp"
tm send-keys -t bc F10
wait_for "EXITED 0"
