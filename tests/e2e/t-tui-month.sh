# SPDX-License-Identifier: GPL-3.0-or-later
# A month of a village's reports, typed key by key at 80x24 as a village
# head would, and counted: unlock, open October's report, enter the demo's
# figures (tools/demo-data.sh) and its task row, check and finalise; report
# an incident (the demo's, typed in Telex); write the bundle to the USB
# stick with the file picker; quit. Prints "month: N keys" and fails above
# 300. Then what was SAVED is read back from the database (not the screen),
# and the office imports the bundle and reads the same values.
#
# Every key goes through `k` (named keys, 1 each) or `ty` (a string, one
# key per character), so the count is what a person presses.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now
export BAOCAO_MEDIA="$T/media/*"
MAX_KEYS=300

keys=0
k() {	# named keys: Enter, Down, F9, C-u ...
	tm send-keys -t bc "$@"
	keys=$((keys + $#))
}
ty() {	# typed text, one key per character
	tm send-keys -t bc -l "$1"
	keys=$((keys + $(printf %s "$1" | wc -m)))
}

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
# September, sent as the demo did: October is the month to do
printf '{"so-ho": 212, "so-nhan-khau": 846, "ho-ngheo": 19, "ho-can-ngheo": 23, "ho-nuoc-hvs": 201, "ho-nuoc-sach": 139, "ho-thu-gom-rac": 180, "phan-anh": 4, "phan-anh-da-xu-ly": 4}' > sep.json
BAOCAO_NOW=$(date -d '2026-10-06 08:00' +%s) run_bc 0 --db a.db fill --form nl09-thon-thang \
    --period 2026-09 --final sep.json
mkdir -p "$T/media/USB"
start=$(date +%s)

tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_MEDIA='$BAOCAO_MEDIA'"
wait_for "Mật khẩu:"
ty "$BAOCAO_PASSPHRASE"
k Enter
wait_for "2026-11-10  2026-10     Chưa làm    Báo cáo tháng"

# October's report: the demo's figures
k Enter
wait_for "kỳ 2026-10 — chưa làm"
wait_for "Tổng số hộ *"
ty 214; k Enter; ty 851; k Enter; ty 18; k Enter; ty 22; k Enter
wait_for "8.41 %"
# Enter went on over the rate, a calculation
ty 204; k Enter; ty 146; k Enter
wait_for "68.22 %"
ty 186; k Enter
k Down; ty 2; k Enter
wait_for "Trong đó đã được giải quyết"
ty 1; k Enter
wait_for "1 lượt"
# the task table: task 1 done, 100 %
k PgDn
wait_for "Bảng 4 nhiệm vụ (0 đã hoàn thành) — Enter: mở bảng"
k Enter
wait_for "STT. Nhiệm vụ               Tình trạng"
k Enter
wait_for "Đã hoàn thành"
k Down Down Enter
wait_for "1. Cung cấp số liệu gốc từ  Đã hoàn thành"
k Right; ty 100; k Enter
wait_for "Đã hoàn thành   100"
k Escape
wait_for "Bảng 4 nhiệm vụ (1 đã hoàn thành)"
k F9
wait_for "Kiểm tra: 0 lỗi, 0 cảnh báo chưa giải thích"
k F9
wait_for "Đã hoàn tất (lần sửa 1)"
k Escape
wait_for "2026-11-10  2026-10     Hoàn tất"

# An incident yesterday afternoon, the demo's, typed in Telex
k Down Down Down Enter
wait_for "Xảy ra lúc (ngày/tháng/năm giờ:phút):"
k C-u; ty "04/11/2026 16:40"; k Enter
wait_for "kỳ 2026-11-04T16:40 — chưa làm"
wait_for "Thuộc nhiệm vụ *"
k Enter
wait_for "Enter: chọn  gõ để lọc"
k Down Enter
wait_for "5. Báo cáo nhanh vụ việc phát sinh"
# a choice made goes on to the next field; the day and hour are those
# just given, on to the place
wait_for "04/11/2026"
wait_for "16:40"
k Down Down
ty "Bowf suoois Khe Lau, ddooij 3"; k Enter
wait_for "Bờ suối Khe Lau, đội 3"
k Enter
wait_for "Enter: chọn  gõ để lọc"
k Down Enter
wait_for "Phức tạp"
ty 4; k Enter
wait_for "4 người"
ty "Satj lowr bowf suoois sau muwa lowns, nuwowcs trafn vafo 4 hooj"; k Enter
wait_for "Sạt lở bờ suối sau mưa lớn"
ty "Di chuyeenr taif sarn, cawms bieenr carnh baos"; k Enter
wait_for "Di chuyển tài sản, cắm biển"
ty "DDeef nghij xax hoox trowj kef tamj"; k Enter
wait_for "Đề nghị xã hỗ trợ kè tạm"
k F9
wait_for "Kiểm tra: 0 lỗi, 0 cảnh báo chưa giải thích"
k F9
wait_for "Đã hoàn tất (lần sửa 1)"
k Escape
wait_for "Việc cần làm"

# To the USB stick: the picker opens there with the name proposed, by the
# periods of the reports it carries (September and October; the incident
# does not name it), never by the month it is written in
k F5
wait_for "Tên tệp:    thon-dong-tam-2026-09_2026-10.bcb"
k Enter
wait_for "Đã ghi 3 báo cáo vào"	# September, never sent, goes too
k Escape
wait_for "Việc cần làm"
k F10
wait_for "EXITED 0"
tm kill-server
secs=$(($(date +%s) - start))
echo "month: $keys keys ($secs s)"
[ "$keys" -le "$MAX_KEYS" ] || fail "a month took $keys keys, more than $MAX_KEYS"

# What was saved, read back from the village's database
run_bc 0 --db a.db history --form nl09-thon-thang --period 2026-10 --show 1 --format json
month=$OUT
for kv in '"so-ho":"214"' '"so-nhan-khau":"851"' '"ho-ngheo":"18"' '"ho-can-ngheo":"22"' \
    '"ho-nuoc-hvs":"204"' '"ho-nuoc-sach":"146"' '"ho-thu-gom-rac":"186"' '"phan-anh":"2"' \
    '"phan-anh-da-xu-ly":"1"' '"nv-trang-thai":"xong"' '"nv-ket-qua":"100"'; do
	expect_contains "October saved" "$month" "$kv"
done
case "$month" in *'"vu-antt"'*) fail "a value never typed was saved: $month" ;; esac
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-11-04T16:40 --show 1 --format json
incident=$OUT
for kv in '"sv-loai":"stt-5"' '"sv-ngay":"2026-11-04"' '"sv-gio":"16:40"' \
    '"sv-dia-diem":"Bờ suối Khe Lau, đội 3"' '"sv-muc-do":"phuc-tap"' '"sv-anh-huong":"4"' \
    '"sv-noi-dung":"Sạt lở bờ suối sau mưa lớn, nước tràn vào 4 hộ"' \
    '"sv-bien-phap":"Di chuyển tài sản, cắm biển cảnh báo"' \
    '"sv-de-xuat":"Đề nghị xã hỗ trợ kè tạm"'; do
	expect_contains "incident saved" "$incident" "$kv"
done
run_bc 0 --db a.db status
expect_contains "both final" "$OUT" "hoàn tất 3"

# The office imports the stick's bundle: the same values
[ -s "$T/media/USB/thon-dong-tam-2026-09_2026-10.bcb" ] || fail "no bundle on the stick: $(ls "$T/media/USB")"
run_bc 0 --db o.db import "$T/media/USB/thon-dong-tam-2026-09_2026-10.bcb"
run_bc 0 --db o.db devices approve "$("$BAOCAO" --db o.db devices --format tsv | cut -f1)"
run_bc 0 --db o.db history --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 \
    --show 1 --format json
expect_eq "October at the office" "$OUT" "$month"
run_bc 0 --db o.db history --form nl09-thon-su-viec --unit thon-dong-tam \
    --period 2026-11-04T16:40 --show 1 --format json
expect_eq "the incident at the office" "$OUT" "$incident"
