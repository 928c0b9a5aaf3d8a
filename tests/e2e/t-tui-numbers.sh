# SPDX-License-Identifier: GPL-3.0-or-later
# Numbers typed in the interface go through the one reader (forms/num.c):
# "1.234" in a whole-number field is 1234; "15.000" in a decimal field is
# refused with both readings and the value kept; "15.000,5" is 15000.5.
# The stored values are read back with `history --show`.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now

run_bc 0 --db a.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
wait_for "2026-10     Chưa làm    Báo cáo tháng"
tm send-keys -t bc Enter
wait_for "Tổng số hộ *"
tm send-keys -t bc 1.234 Enter
wait_for "Tổng số hộ *                        1234 hộ"
# on to the decimal field "Diện tích GPMB" (m²), one value a field
tm send-keys -t bc 5000 Enter 12 Enter 5 Enter 100 Enter 50 Enter 80 Enter 0 Enter 0 Enter 0 Enter
wait_for "Số trường hợp biến động đất đai phá 0 trường hợp"
tm send-keys -t bc 15.000 Enter
wait_for '"15.000" chưa rõ: 15 nghìn thì ghi 15000, 15 thì ghi 15 hoặc 15,0'
tm send-keys -t bc C-u "15.000,5" Enter
wait_for "Diện tích GPMB đã bàn giao trong th 15000.5"
tm send-keys -t bc Escape F10
wait_for "EXITED 0"
tui_cleanup
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --show 1
expect_contains "whole: thousands" "$OUT" '"so-ho","1234"'
expect_contains "decimal: Vietnamese" "$OUT" '"gpmb-dien-tich","15000.5"'
