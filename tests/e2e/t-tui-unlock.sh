# The terminal interface under tmux: the unlock screen, a wrong then a right
# passphrase, the home screen with the device fingerprint, F1 help, resizing,
# the too-small screen, quitting, and SIGTERM leaving the terminal sane.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
fpr=$(printf '%s\n' "$OUT" | sed -n 's/^Mã thiết bị: //p')

sock="$T/tmux.sock"
tm() { tmux -S "$sock" "$@"; }
screen() { tm capture-pane -p -t bc; }
# wait_for TEXT: poll the screen for up to 10 s.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	fail "'$1' never appeared; the screen was:
$(screen)"
}
trap 'tm kill-server 2>/dev/null' EXIT

tm -f /dev/null new-session -d -s bc -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color BAOCAO_PASSPHRASE= '$BAOCAO' --db '$T/o.db'; echo EXITED \$?; sleep 30"
tm set -g window-size manual
wait_for "Mật khẩu:"
wait_for "F10 Thoát"

tm send-keys -t bc "wrong one" Enter
wait_for "Sai mật khẩu. Hãy thử lại."

tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Mã thiết bị: $fpr"
wait_for "Chưa có biểu mẫu nào được cài đặt."
wait_for "Xã Ngọc Lặc"

tm send-keys -t bc F1
wait_for "Trợ giúp: phím"
tm send-keys -t bc x
sleep 0.3
case "$(screen)" in *"Trợ giúp: phím"*) fail "help did not close" ;; esac

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
tm kill-session -t bc
tm -f /dev/null new-session -d -s bc -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color '$BAOCAO' --db '$T/o.db'; echo EXITED \$?; stty -a | grep -o ' echo ' ; sleep 30"
wait_for "Mật khẩu:"
pkill -TERM -f "$BAOCAO --db $T/o.db" || fail "could not signal baocao"
wait_for "EXITED 143"
wait_for " echo"
exit 0
