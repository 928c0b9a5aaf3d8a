# SPDX-License-Identifier: GPL-3.0-or-later
# Traps the office clerk fell into (issue 15), each checked on what was
# saved: F8 opens the devices screen and a second F8 never revokes by
# itself — it asks, naming the device's unit and fingerprint, and Esc keeps
# it; yes revokes, Enter approves again. In a submission's F9 list of
# errors and warnings F5 approves, F6 returns (asked, naming it) and F8
# shows the audit trail in Vietnamese words. Deleting a row of a repeat asks, naming
# the row; no keeps it.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-09 --final oct.json
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
fpr=$(fpr_of a.db)
# the office's own monthly report, with one overdue task in its repeat
printf '{"nv-giao": 3, "nv-hoan-thanh": 1, "nv-qua-han": 1, "nv-qua-han-ds": [{"nvqh-ten": "Sửa đường", "nvqh-don-vi": "Thôn Đồng Tâm", "nvqh-han": "2026-10-20"}]}' > vp.json
run_bc 0 --db o.db fill --unit van-phong --form nl01-van-phong-thang --period 2026-10 vp.json

# state: the device's state as the store has it
state() {
	run_bc 0 --db o.db devices --format tsv
	printf '%s\n' "$OUT" | awk -F '\t' -v f="$fpr" '$1 == f { print $3 }'
}

open_office() {
	tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$now"
	wait_for "Mật khẩu:"
	tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
	wait_for "Việc cần làm"
}

# --- F8 twice: the second asks, naming the device; Esc keeps it
open_office
tm send-keys -t bc F8
wait_for "Thiết bị của các đơn vị"
tm send-keys -t bc F8
wait_for "Thu hồi $fpr của thon-dong-tam, bỏ 1 tệp đang giữ?"
# a window made too small meanwhile: no key answers what cannot be read,
# and the question is there again once it is large enough
tm resize-window -t bc -x 60 -y 20
wait_for "Cửa sổ quá nhỏ (60x20)"
tm send-keys -t bc c
sleep 0.3
tm resize-window -t bc -x 80 -y 24
wait_for "Thu hồi $fpr của thon-dong-tam, bỏ 1 tệp đang giữ?"
tm send-keys -t bc Escape
wait_for "Không thu hồi: $fpr vẫn như cũ."
tm send-keys -t bc F10
wait_for "EXITED 0"
expect_eq "not revoked by F8 F8" "$(state)" pending

# --- approve, then revoke on purpose, then undo by approving again
open_office
tm send-keys -t bc F8
wait_for "Thiết bị của các đơn vị"
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $fpr của thon-dong-tam?"
tm send-keys -t bc c
wait_for "Đã duyệt $fpr"
tm send-keys -t bc F8
wait_for "Thu hồi thiết bị $fpr của thon-dong-tam? (c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã thu hồi $fpr. Enter để duyệt lại nếu nhầm."
tm send-keys -t bc F10
wait_for "EXITED 0"
expect_eq "revoked when said yes" "$(state)" revoked
open_office
tm send-keys -t bc F8
wait_for "đã thu hồi"
tm send-keys -t bc Enter
wait_for "Duyệt thiết bị $fpr của thon-dong-tam?"
tm send-keys -t bc c
wait_for "Đã duyệt $fpr"
tm send-keys -t bc F10
wait_for "EXITED 0"
expect_eq "approved again" "$(state)" approved

# --- the review's F9 view: F5 approves September; for October F6 returns
# (asked), F8 reads the audit trail
open_office
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc 2026-09
wait_for "1 / 2 báo cáo"
tm send-keys -t bc Enter
wait_for "kỳ 2026-09"
tm send-keys -t bc F9
wait_for "Kiểm tra:"
tm send-keys -t bc F5
wait_for "Duyệt Báo cáo tháng của Thôn Đồng Tâm, kỳ 2026-09? (c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã duyệt."
run_bc 0 --db o.db audit --object nl09-thon-thang/thon-dong-tam/2026-09 --format tsv
expect_contains "approved from F9" "$OUT" "approve	nl09-thon-thang/thon-dong-tam/2026-09"
tm send-keys -t bc Escape Escape
wait_for "Hộp thư: báo cáo đã nhận"
tm send-keys -t bc C-u 2026-10
wait_for "1 / 2 báo cáo"
tm send-keys -t bc Enter
wait_for "100 hộ"
tm send-keys -t bc F9
wait_for "Kiểm tra:"
tm send-keys -t bc F6
wait_for "Lý do trả lại:"
tm send-keys -t bc "Thieeus soos hooj" Enter
wait_for "Trả lại Báo cáo tháng của Thôn Đồng Tâm, kỳ 2026-10? (c: có, k: không)"
tm send-keys -t bc k
wait_for "Chưa trả lại. Enter: hỏi lại; Esc: bỏ."
run_bc 0 --db o.db status --period 2026-10 --format tsv
case "$OUT" in *returned*) fail "returned though the answer was no: $OUT" ;; esac
tm send-keys -t bc Enter
wait_for "(c: có, k: không)"
tm send-keys -t bc c
wait_for "Đã trả lại; đơn vị nhận lý do trong gói tới."
tm send-keys -t bc F9 F8
wait_for "trả lại"
wait_for "đã nhận"
case "$(screen)" in *" return "*|*received*|*"rev "*) fail "English words in the audit view: $(screen)" ;; esac
tm send-keys -t bc Escape F10
wait_for "EXITED 0"
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "returned" "$OUT" "nl09-thon-thang	2026-10	thon-dong-tam	returned"

# --- F8 on a repeat's row: asked, naming it; k keeps it, c deletes it
vp_saved() {
	run_bc 0 --db o.db history --unit van-phong --form nl01-van-phong-thang --period 2026-10 --format tsv
	n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
	run_bc 0 --db o.db history --unit van-phong --form nl01-van-phong-thang --period 2026-10 --show "$n" --format json
}
open_office
tm send-keys -t bc / "bao cao thang nl01" Enter Enter
wait_for "Nhiệm vụ quá hạn — 1 dòng"
# to the row's first field: the ninth below the report's first
tm send-keys -t bc Down Down Down Down Down Down Down Down Down
sleep 0.3
tm send-keys -t bc F8
wait_for 'Xoá dòng 1 của "Nhiệm vụ quá hạn" cùng mọi giá trị của dòng?'
tm send-keys -t bc k
wait_for "Không xoá."
vp_saved
expect_contains "kept after no" "$OUT" '"nvqh-ten":"Sửa đường"'
tm send-keys -t bc F8
wait_for 'Xoá dòng 1 của "Nhiệm vụ quá hạn"'
tm send-keys -t bc c
wait_for "Đã xoá dòng 1."
tm send-keys -t bc F10
wait_for "EXITED 0"
vp_saved
case "$OUT" in *"Sửa đường"*) fail "the row is still saved after yes: $OUT" ;; esac
