# SPDX-License-Identifier: GPL-3.0-or-later
# The interface asks before replacing a file: F5 export onto a bundle that
# exists asks "Ghi đè?"; k leaves the file as it was, c replaces it; a FIFO
# is refused at once (never opened, never waited on).
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
mkdir usb
echo "an older bundle" > usb/dong-tam.bcb
mkfifo usb/fifo.bcb

tui_start "$T/a.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F5 Gửi/nhận tệp"
tm send-keys -t bc F5
wait_for "Xuất tệp báo cáo gửi văn phòng"
tm send-keys -t bc C-u "$T/usb/fifo.bcb" Enter
wait_for "là một đường ống (FIFO)"
tm send-keys -t bc C-u "$T/usb/dong-tam.bcb" Enter
wait_for "dong-tam.bcb đã có. Ghi đè? (c: có, phím khác: không)"
tm send-keys -t bc k
wait_for "Không ghi: $T/usb/dong-tam.bcb vẫn như cũ."
expect_eq "kept" "$(cat usb/dong-tam.bcb)" "an older bundle"
tm send-keys -t bc Enter
wait_for "dong-tam.bcb đã có. Ghi đè?"
tm send-keys -t bc c
wait_for "Đã ghi 1 báo cáo vào $T/usb/dong-tam.bcb"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
[ "$(cat usb/dong-tam.bcb)" != "an older bundle" ] || fail "not replaced after c"
[ -p usb/fifo.bcb ] || fail "the FIFO was replaced"
[ "$(ls usb | grep -c tmp-)" = 0 ] || fail "a temporary file was left: $(ls usb)"
