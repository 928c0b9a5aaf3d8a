# SPDX-License-Identifier: GPL-3.0-or-later
# A return, seen by the village (issue 15): the reason is in the message
# after the pack is applied, at the top of the home screen and at the top
# of the returned form; an older period (not on the home list) is reached
# with the period picker (F2), which lists past periods with their status;
# the fix is saved as a new final revision of that period.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now
why="Số hộ nghèo chưa khớp sổ"

BAOCAO_NOW=$(date -d '2026-07-20 08:00' +%s) run_bc 0 --db o.db setup office --commune "Xã Ngọc Lặc"
BAOCAO_NOW=$(date -d '2026-07-20 08:00' +%s) run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > aug.json
printf '{"so-ho": 101, "so-nhan-khau": 402, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-08 --final aug.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-dong-tam --period 2026-08 --reason "$why"
run_bc 0 --db o.db pack --out p2.bcp

tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
# the commune is named once
wait_for "Xã Ngọc Lặc"
case "$(screen)" in *"Xã Xã"*) fail "the commune named twice: $(screen)" ;; esac
# --- applying the pack says what came back, and why
tm send-keys -t bc F6
wait_for "Áp dụng gói của văn phòng"
tm send-keys -t bc C-u "$T/p2.bcp" Enter
wait_for "Văn phòng trả lại nl09-thon-thang kỳ 2026-08: $why"
tm send-keys -t bc Escape
# --- the home screen says it at the top, though August is not on the list
wait_for "! Văn phòng trả lại Báo cáo tháng kỳ 2026-08: $why"
# --- the period picker: October first (received), then back; August returned, July
# never done
wait_for "2026-10     Đã nhận"
tm send-keys -t bc F2
wait_for "Chọn kỳ báo cáo"
wait_for "2026-10           2026-11-10        Đã nhận"
wait_for "2026-08           2026-09-10        Bị trả lại"
wait_for "2026-07           2026-08-10        Chưa làm"
down_until "Văn phòng trả lại: $why"
tm send-keys -t bc Enter
# --- the form says it at the top
wait_for "kỳ 2026-08"
wait_for "! Văn phòng trả lại báo cáo này: $why"
tm send-keys -t bc Down Down Enter C-u 7 Enter
wait_for "Số hộ nghèo *                       7"
tm send-keys -t bc F9
wait_for "Kiểm tra: 0 lỗi"
tm send-keys -t bc F9
wait_for "Đã hoàn tất"
tm send-keys -t bc F10
wait_for "EXITED 0"
# what was saved: August final again, with the fix; October untouched
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-08 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
[ "$n" -ge 2 ] || fail "no new revision of August: $OUT"
expect_eq "August final again" "$(printf '%s\n' "$OUT" | tail -1 | cut -f5)" final
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-08 --show "$n" --format json
expect_contains "the fix saved" "$OUT" '"ho-ngheo":"7"'
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --format tsv
expect_eq "October untouched" "$(printf '%s\n' "$OUT" | wc -l)" 1
