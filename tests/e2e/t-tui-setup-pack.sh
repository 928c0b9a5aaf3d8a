# SPDX-License-Identifier: GPL-3.0-or-later
# A new unit's computer, set up from the interface (issue 15, the outsider's
# review): the office writes the setup pack from its home (Ctrl-S, as
# `baocao pack --setup`), named apart from its normal packs; the first-run
# picker puts its cursor on that setup pack even when a normal pack (sealed
# to approved devices only) on the stick is newer; choosing the normal pack
# says why not and what to do, whole (wrapped), and sets nothing up. The
# picker's key bar says what Enter does: write, or read.
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
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
mkdir -p usb

# --- the office: Ctrl-S from home, the name proposed, Enter writes it
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$now HOME=$T/usb USER=nobody"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc C-s
wait_for "Làm gói cài đặt cho đơn vị mới"
wait_for "ngoc-lac-cai-dat-2026-11-05.bcp"
# the key bar says what Enter does here: write (and, below, read)
wait_for "Enter Ghi vào tệp này"
tm send-keys -t bc Enter
wait_for "Đã ghi gói cài đặt vào"
wait_for "$T/usb/ngoc-lac-cai-dat-2026-11-05.bcp (3"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
# a picker that reads never says it writes
tm send-keys -t bc F5
wait_for "Nhập tệp báo cáo của đơn vị"
wait_for "Enter Đọc tệp này"
case "$(screen)" in *"Ghi vào"*|*"(ghi"*) fail "a reading picker says it writes: $(screen)" ;; esac
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
[ -s usb/ngoc-lac-cai-dat-2026-11-05.bcp ] || fail "no setup pack written"
# a normal pack, newer, on the same stick: sealed to the approved device
touch -d '2026-11-05 08:00' usb/ngoc-lac-cai-dat-2026-11-05.bcp
run_bc 0 --db o.db pack --out usb/vanphong.bcp
touch -d '2026-11-05 09:00' usb/vanphong.bcp

# --- the new computer: the cursor on the setup pack, not the newer one
tui_start "$T/b.db" "TZ=$TZ BAOCAO_NOW=$now HOME=$T/usb USER=nobody"
wait_for "Cài đặt lần đầu"
tm send-keys -t bc Down Enter
wait_for "Thư mục:    $T/usb"
wait_for "> ngoc-lac-cai-dat-2026-11-05.bcp"
# the normal pack, chosen on purpose: refused, the whole reason shown
down_until "> vanphong.bcp"
tm send-keys -t bc Enter
wait_for "gói này chỉ dành cho các thiết bị đã được văn"
wait_for "('baocao pack --setup')"
[ ! -e b.db ] || fail "a database was made from a sealed pack"
# the setup pack sets it up
tm send-keys -t bc Up Enter
wait_for "Mã văn phòng:   $(fpr_of o.db)"
tm send-keys -t bc Enter
wait_for "chọn đơn vị của máy này:"
wait_for "thon-xuan-lap            Thôn Xuân Lập"
tm send-keys -t bc Down Enter "$BAOCAO_PASSPHRASE" Down "$BAOCAO_PASSPHRASE" Enter
wait_for "Đơn vị: thon-xuan-lap"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db b.db forms list --format tsv
expect_contains "village forms" "$OUT" "nl09-thon-thang"
