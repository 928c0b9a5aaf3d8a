# SPDX-License-Identifier: GPL-3.0-or-later
# Paths without typing: the file picker starts on the USB stick
# (BAOCAO_MEDIA points at a folder of this test), proposes the bundle's name
# ("thon-dong-tam-2026-10.bcb") so F5 Enter writes it; remembers the folder;
# asks before replacing a file and "k" keeps it byte for byte; never offers
# a FIFO or a symbolic link and refuses them when typed; the office imports
# the bundle from the picker, one file, then the whole folder.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW="$(date -d '2026-10-31 09:00' +%s)"
export BAOCAO_MEDIA="$T/media/*"

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
usb="$T/media/USB-A"
mkdir -p "$usb/cu" elsewhere
mkfifo "$usb/fifo.bcb"
echo "not a bundle" > elsewhere/x.bcb
ln -s "$T/elsewhere/x.bcb" "$usb/link.bcb"
echo "a note" > "$usb/ghi-chu.txt"

# The village: F5 opens the picker on the stick with the name proposed;
# Enter writes it. Two keys.
tui_start "$T/a.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F5 Gửi/nhận tệp"
tm send-keys -t bc F5
wait_for "Tên tệp:    thon-dong-tam-2026-10.bcb"
wait_for "Trên USB USB-A"
s=$(screen)
expect_contains "the folder is listed" "$s" "cu/"
case "$s" in *fifo.bcb* | *link.bcb* | *ghi-chu.txt*) fail "offered what is no bundle file:
$s" ;; esac
tm send-keys -t bc Enter
wait_for "Đã ghi 1 báo cáo vào"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
[ -s "$usb/thon-dong-tam-2026-10.bcb" ] || fail "no bundle on the stick: $(ls "$usb")"
cp "$usb/thon-dong-tam-2026-10.bcb" first.bcb

# A second stick sorts first, but the picker starts where the last file
# went; the name proposed is free ("-2"). Choosing the existing bundle asks,
# naming it; "k" keeps it byte for byte. A FIFO typed is refused.
mkdir -p "$T/media/0-KHAC"
tui_start "$T/a.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F5 Gửi/nhận tệp"
tm send-keys -t bc F5
wait_for "Tên tệp:    thon-dong-tam-2026-10-2.bcb"
expect_contains "the folder last used" "$(screen)" "Trên USB USB-A"
tm send-keys -t bc Down
down_until "> thon-dong-tam-2026-10.bcb"
tm send-keys -t bc Enter
wait_for "thon-dong-tam-2026-10.bcb đã có. Ghi đè? (c: có, phím khác: không)"
tm send-keys -t bc k
wait_for "Không ghi: thon-dong-tam-2026-10.bcb vẫn như cũ."
cmp -s first.bcb "$usb/thon-dong-tam-2026-10.bcb" || fail "the bundle changed after k"
tm send-keys -t bc Tab C-u fifo.bcb Enter
wait_for "đường ống (FIFO)"
tm send-keys -t bc C-u link.bcb Enter
wait_for "liên kết"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
[ -p "$usb/fifo.bcb" ] || fail "the FIFO was replaced"
[ -L "$usb/link.bcb" ] || fail "the link was replaced"
expect_eq "the linked file" "$(cat elsewhere/x.bcb)" "not a bundle"
cmp -s first.bcb "$usb/thon-dong-tam-2026-10.bcb" || fail "the bundle changed"
[ ! -e "$usb/thon-dong-tam-2026-10-2.bcb" ] || fail "a second bundle was written"
[ "$(ls "$usb" | grep -c tmp-)" = 0 ] || fail "a temporary file was left: $(ls "$usb")"

# The office: F5 starts on the stick; the bundle is picked from the list
# (a FIFO or a link typed is refused, never read). Held: the device is new.
rmdir "$T/media/0-KHAC"
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F5
wait_for "Nhập tệp báo cáo của đơn vị"
wait_for "[ Tất cả 1 tệp .bcb trong thư mục này ]"
s=$(screen)
case "$s" in *fifo.bcb* | *link.bcb*) fail "offered a FIFO or a link:
$s" ;; esac
tm send-keys -t bc / "$usb/fifo.bcb" Enter
wait_for "fifo.bcb không phải là tệp thường"
tm send-keys -t bc C-u "$usb/link.bcb" Enter
wait_for "link.bcb là một liên kết"
tm send-keys -t bc Escape
down_until "> thon-dong-tam-2026-10.bcb"
tm send-keys -t bc Enter
wait_for "thon-dong-tam-2026-10.bcb: giữ chờ duyệt thiết bị"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
run_bc 0 --db o.db status
expect_contains "held, not imported" "$OUT" "Báo cáo:                 0 "
expect_contains "the device waits" "$OUT" "(chờ duyệt 1)"
run_bc 0 --db o.db devices --format tsv
fa=$(printf '%s\n' "$OUT" | cut -f1)
[ -n "$fa" ] || fail "the held bundle left no device to approve: $OUT"
run_bc 0 --db o.db devices approve "$fa"
run_bc 0 --db o.db status --period 2026-10
expect_contains "imported on approval" "$OUT" "Báo cáo:                 1 (nháp 0, hoàn tất 1"

# The whole folder at once, from the first line of the picker: the bundle
# (no FIFO, no link) is read again and known.
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F5
wait_for "> [ Tất cả 1 tệp .bcb trong thư mục này ]"
tm send-keys -t bc Enter
wait_for "thon-dong-tam-2026-10.bcb: đã nhập trước đó"
s=$(screen)
case "$s" in *fifo* | *link*) fail "the folder import read a FIFO or a link:
$s" ;; esac
tm send-keys -t bc Escape
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

# A report written from F9 goes through the same picker: F5 Enter writes
# the XLSX onto the stick; F5 again proposes "-2", Esc writes nothing;
# choosing the existing file asks, naming it, and "k" keeps it byte for byte.
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc F9
wait_for "Báo cáo tổng hợp"
tm send-keys -t bc "nl09-thon-t" Enter
wait_for "nl09-thon-thang — kỳ 2026-10"
tm send-keys -t bc F5
wait_for "Tên tệp:    nl09-thon-thang-2026-10.xlsx"
wait_for "Trên USB USB-A"
tm send-keys -t bc Enter
wait_for "Đã ghi nl09-thon-thang-2026-10.xlsx vào"
cp "$usb/nl09-thon-thang-2026-10.xlsx" first.xlsx
tm send-keys -t bc F5
wait_for "Tên tệp:    nl09-thon-thang-2026-10-2.xlsx"
tm send-keys -t bc Escape
wait_for "nl09-thon-thang — kỳ 2026-10"
tm send-keys -t bc F5
wait_for "Tên tệp:    nl09-thon-thang-2026-10-2.xlsx"
tm send-keys -t bc Down
down_until "> nl09-thon-thang-2026-10.xlsx"
tm send-keys -t bc Enter
wait_for "nl09-thon-thang-2026-10.xlsx đã có. Ghi đè? (c: có, phím khác: không)"
tm send-keys -t bc k
wait_for "Không ghi: nl09-thon-thang-2026-10.xlsx vẫn như cũ."
tm send-keys -t bc Escape
wait_for "nl09-thon-thang — kỳ 2026-10"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server
cmp -s first.xlsx "$usb/nl09-thon-thang-2026-10.xlsx" || fail "the report changed after k"
[ ! -e "$usb/nl09-thon-thang-2026-10-2.xlsx" ] || fail "Esc wrote a report"
unzip -l "$usb/nl09-thon-thang-2026-10.xlsx" | grep -q sheet1.xml || fail "the XLSX is not a workbook"
