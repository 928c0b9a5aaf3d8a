# SPDX-License-Identifier: GPL-3.0-or-later
# The terminal interface under tmux: the unlock screen, a wrong then a right
# passphrase, the home screen with the device fingerprint, F1 help, resizing,
# the too-small screen, quitting, and SIGTERM leaving the terminal sane.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
fpr=$(printf '%s\n' "$OUT" | sed -n 's/^Mã thiết bị: //p')

now=$(TZ=Asia/Ho_Chi_Minh date -d '2026-11-05 08:00' +%s)
tui_start "$T/o.db" TZ=Asia/Ho_Chi_Minh BAOCAO_NOW=$now
wait_for "Mật khẩu:"
wait_for "F10 Thoát"

tm send-keys -t bc "wrong one" Enter
wait_for "Sai mật khẩu. Hãy thử lại."

tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Mã thiết bị: $fpr"
# What is due, soonest first, for the office's own forms: at 08:00 on 5
# November 2026 the Tân Ninh daily report leads, due "today 16:00".
wait_for "hôm nay 16:00 2026-11-05  Chưa làm    Số liệu điều hành hằng ngày và cảnh bá"
wait_for "2026-11-06    2026-W45    Chưa làm    Tổng hợp tuần · Nhiệm vụ chủ trì của V"
case "$(screen)" in *"Trạm Y tế"*) fail "another unit's forms on the office's list" ;; esac
wait_for "Xã Ngọc Lặc"

tm send-keys -t bc F1
wait_for "Trợ giúp: phím"
tm send-keys -t bc x
sleep 0.3
case "$(screen)" in *"Trợ giúp: phím"*) fail "help did not close" ;; esac

# The menu (F3): the screen's actions as a list; Enter does the chosen one.
tm send-keys -t bc F3
wait_for "Menu — ↑ ↓ chọn, Enter làm, Esc đóng"
wait_for "F5             Gửi/nhận tệp"
tm send-keys -t bc Down Enter
wait_for "Nhập tệp báo cáo của đơn vị"
tm send-keys -t bc Escape
wait_for "Việc cần làm"

tm resize-window -t bc -x 120 -y 40
sleep 0.3
wait_for "Mã thiết bị: $fpr"
[ "$(tm display -p -t bc '#{window_width}x#{window_height}')" = "120x40" ] || fail "resize failed"
tm resize-window -t bc -x 60 -y 20
wait_for "Cửa sổ quá nhỏ (60x20): cần ít nhất 80x24."
tm resize-window -t bc -x 80 -y 24
wait_for "Mã thiết bị: $fpr"
# No leftovers of the small screen after growing back.
case "$(screen)" in *"quá nhỏ"*) fail "garbage left after resize" ;; esac

tm send-keys -t bc F10
wait_for "EXITED 0"

# SIGTERM: the program ends and the terminal is usable (echo back on).
tui_run "env LANG=C.UTF-8 TERM=xterm-256color '$BAOCAO' --db '$T/o.db'; echo EXITED \$?; stty -a | grep -o ' echo ' ; sleep 30"
wait_for "Mật khẩu:"
pid=$(tui_pid)
[ -n "$pid" ] || fail "no baocao in the pane"
kill -TERM "$pid" || fail "could not signal baocao"
wait_for "EXITED 143"
wait_for " echo"
tm kill-server

# The Linux console's terminal type, screen's and tmux's work too: unlock,
# the help screen, quit. (Ctrl keys: tmux sends xterm's function keys,
# which a real Linux console does not.)
for term in linux screen tmux-256color; do
	infocmp "$term" >/dev/null 2>&1 || continue
	tui_start "$T/o.db" "TERM=$term"
	wait_for "Mật khẩu:"
	tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
	wait_for "Mã thiết bị: $fpr"
	tm send-keys -t bc C-g
	wait_for "Trợ giúp: phím"
	tm send-keys -t bc Escape C-q
	wait_for "EXITED 0"
	tm kill-server
done

# The English interface behind BAOCAO_LANG=en.
tui_start "$T/o.db" "BAOCAO_LANG=en"
wait_for "Passphrase:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "What is due"
tm send-keys -t bc F1
wait_for "Help: keys"
tm send-keys -t bc Escape F10
wait_for "EXITED 0"

# The demo's passphrase, printed by tools/demo.sh before the interface
# cleared the screen, is on the unlock screen too (issue 15).
grep -q 'BAOCAO_DEMO_PASSPHRASE=' "$SRC/tools/demo.sh" || fail "demo.sh does not pass its passphrase on"
tui_start "$T/o.db" "BAOCAO_DEMO_PASSPHRASE=demo-baocao"
wait_for "Dữ liệu mẫu — mật khẩu: demo-baocao"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Mã thiết bị: $fpr"
tm send-keys -t bc F10
wait_for "EXITED 0"
