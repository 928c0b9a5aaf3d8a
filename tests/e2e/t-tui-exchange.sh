# SPDX-License-Identifier: GPL-3.0-or-later
# Exchanging files from the interface: a village exports a bundle with F5
# (path edited), the office imports a whole folder with F5 and sees one
# line per file, then writes a pack with F6 that the village applies.
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

# The village: F5, a path typed in place of the name proposed, Enter.
tui_start "$T/a.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F5 Gửi/nhận tệp"
tm send-keys -t bc F5
wait_for "Xuất tệp báo cáo gửi văn phòng"
tm send-keys -t bc C-u "$T/usb/dong-tam.bcb" Enter
wait_for "Đã ghi 1 báo cáo vào $T/usb/dong-tam.bcb"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
[ -s usb/dong-tam.bcb ] || fail "no bundle written"

# The office: F5, a folder typed, then every bundle in it; a damaged copy
# is refused on its own line.
head -c 100 usb/dong-tam.bcb > usb/hong.bcb
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F5
wait_for "Nhập tệp báo cáo của đơn vị"
tm send-keys -t bc C-u "$T/usb" Enter
wait_for "> [ Tất cả 2 tệp .bcb trong thư mục này ]"
tm send-keys -t bc Enter
wait_for "dong-tam.bcb: giữ chờ duyệt thiết bị"
wait_for "từ chối: tệp bị cắt cụt"
wait_for " — hong.bcb"
tm send-keys -t bc Escape
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
run_bc 0 --db o.db devices --format tsv
fa=$(printf '%s\n' "$OUT" | cut -f1)
run_bc 0 --db o.db devices approve "$fa"
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 --reason "Thiếu số liệu nước sạch"

# The office writes a pack with F6; the village applies it with F6.
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F6
wait_for "Làm gói gửi các đơn vị"
tm send-keys -t bc C-u "$T/usb/vanphong.bcp" Enter
wait_for "Đã ghi gói vào $T/usb/vanphong.bcp"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
tui_start "$T/a.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc C-p
wait_for "Áp dụng gói của văn phòng"
tm send-keys -t bc C-u "$T/usb/vanphong.bcp" Enter
wait_for "Đã áp dụng: 0 biểu mẫu mới, 1 xác nhận của văn phòng."
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db status
expect_contains "returned on the field" "$OUT" "bị trả lại 1"
