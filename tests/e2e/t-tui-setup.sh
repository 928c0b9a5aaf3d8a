# SPDX-License-Identifier: GPL-3.0-or-later
# First run in the interface: an office named by Telex typing, a passphrase
# too short then mistyped; a village set up from the office's pack found on
# its "USB stick", choosing its unit from the pack's roster. The commune is
# named once ("Xã Ngọc Lặc", never "Xã Xã"); the passphrase fields go on
# with ↓ and Tab as well as Enter.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
pass="mat khau cua xa 2026"

tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_KDF=test"
wait_for "Cài đặt lần đầu"
wait_for "Văn phòng HĐND và UBND xã (nhận, tổng hợp báo cáo)"
tm send-keys -t bc Enter
wait_for "Tên xã:"
tm send-keys -t bc "Xax Ngocj Lawcj" Enter
wait_for "Đặt mật khẩu"
tm send-keys -t bc "ngan" 
wait_for "Độ mạnh: quá ngắn"
tm send-keys -t bc Enter
wait_for "Mật khẩu cần ít nhất 8 ký tự."
tm send-keys -t bc C-u "$pass"
wait_for "Độ mạnh: mạnh"
tm send-keys -t bc Enter "something else" Enter
wait_for "Hai lần nhập mật khẩu không khớp. Nhập lại."
# Tab goes to the field below, Up back to the first (what was typed stays)
tm send-keys -t bc "$pass" Tab "$pass"
wait_for "Nhập lại:         ********************"
tm send-keys -t bc Up
wait_for "Mật khẩu:"
tm send-keys -t bc Down Enter
wait_for "Xã Ngọc Lặc"
wait_for "Việc cần làm"
case "$(screen)" in *"Xã Xã"*) fail "the commune named twice: $(screen)" ;; esac
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

BAOCAO_PASSPHRASE="$pass" run_bc 0 --db o.db status
expect_contains "commune" "$OUT" "Xã Ngọc Lặc"
BAOCAO_PASSPHRASE="$pass" run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
BAOCAO_PASSPHRASE="$pass" run_bc 0 --db o.db units add --kind truong --name "Trường Tiểu học Ngọc Lặc"
mkdir -p usb
BAOCAO_PASSPHRASE="$pass" run_bc 0 --db o.db pack --out usb/vanphong.bcp

# The village: the pack on the stick is offered (the picker's cursor on it);
# the roster is the pack's.
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_KDF=test HOME=$T/usb USER=nobody"
wait_for "Cài đặt lần đầu"
tm send-keys -t bc Down Enter
wait_for "Thư mục:    $T/usb"
wait_for "> vanphong.bcp"
tm send-keys -t bc Enter
# the office's name and fingerprint, to compare with the office's screen
fo=$(BAOCAO_PASSPHRASE="$pass" fpr_of o.db)
wait_for "Mã văn phòng:   $fo"
wait_for "Văn phòng:      Xã Ngọc Lặc"
tm send-keys -t bc Escape
wait_for "Mã không đúng: đừng dùng gói này"
tm send-keys -t bc Enter
wait_for "Mã văn phòng:   $fo"
tm send-keys -t bc Enter
wait_for "Xã Ngọc Lặc — chọn đơn vị của máy này:"
case "$(screen)" in *"Xã Xã"*) fail "the commune named twice: $(screen)" ;; esac
wait_for "thon-dong-tam            Thôn Đồng Tâm"
case "$(screen)" in *van-phong*) fail "the office is offered as a unit" ;; esac
tm send-keys -t bc Enter "$pass" Down "$pass" Enter
wait_for "Đơn vị: thon-dong-tam · Mã văn phòng: $fo"
wait_for "Báo cáo tháng · Báo cáo của thôn"
tm send-keys -t bc F10
wait_for "EXITED 0"
BAOCAO_PASSPHRASE="$pass" run_bc 0 --db a.db forms list --format tsv
expect_contains "village forms" "$OUT" "nl09-thon-thang"

# A damaged pack is refused at the screen, and nothing is created.
head -c 200 usb/vanphong.bcp > usb/hong.bcp
tui_start "$T/b.db" "TZ=$TZ BAOCAO_KDF=test"
wait_for "Cài đặt lần đầu"
tm send-keys -t bc Down Enter C-u "$T/usb/hong.bcp" Enter
wait_for "tệp bị cắt cụt hoặc bị thêm dữ liệu"
tm send-keys -t bc F10
wait_for "EXITED 0"
[ ! -e b.db ] || fail "a database was made from a damaged pack"
