# SPDX-License-Identifier: GPL-3.0-or-later
# What bundles and packs mean when clocks and backups go wrong: the office's
# fingerprint confirmed at field setup; a field laptop whose clock went back
# (its new revision still wins, flagged); lateness by the office's receipt,
# and a day received on paper; an incident imported the day it happened;
# an office restored from a backup (its older pack is offered, not lost; a
# bundle acknowledging newer packs moves it on).
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-11-05 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Lam Sơn"
run_bc 0 --db o.db pack --out p1.bcp
fo=$(fpr_of o.db)

# --- the office's key, checked by a person -------------------------------
run_bc 2 --db a.db setup field --unit thon-dong-tam --pack p1.bcp </dev/null
expect_contains "no terminal, no option" "$ERR" "--office-fingerprint"
expect_contains "the fingerprint is shown" "$ERR" "$fo (Ngọc Lặc)"
[ ! -e a.db ] || fail "a refused setup left a.db"
run_bc 4 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint AAAA-BBBB-CCCC-DDDD
expect_contains "wrong fingerprint" "$ERR" "không phải AAAA-BBBB-CCCC-DDDD"
[ ! -e a.db ] || fail "a refused setup left a.db"
run_bc 2 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint nonsense
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(echo "$fo" | tr 'A-Z-' 'a-z ')"
run_bc 0 --db b.db setup field --unit thon-lam-son --pack p1.bcp --office-fingerprint "$fo"
run_bc 0 --db a.db status
expect_contains "field shows the office" "$OUT" "Mã văn phòng:            $fo (Ngọc Lặc)"

# Make both devices known and approved.
run_bc 0 --db a.db export --out a0.bcb
run_bc 0 --db b.db export --out b0.bcb
run_bc 0 --db o.db import a0.bcb b0.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
run_bc 0 --db o.db devices approve "$(fpr_of b.db)"

# --- a clock that went back -----------------------------------------------
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > v1.json
printf '{"so-ho": 120, "so-nhan-khau": 400, "ho-ngheo": 9}' > v2.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
run_bc 0 --db a.db export --out a1.bcb
run_bc 0 --db o.db import a1.bcb
expect_contains "first" "$OUT" "(1 mới, 0 cũ hơn giữ trong lịch sử, 0 đã có; 0 giữ lại)"
# the CMOS battery dies: the laptop thinks it is early October
BAOCAO_NOW=$(at '2026-10-03 09:00') run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v2.json
BAOCAO_NOW=$(at '2026-10-03 09:05') run_bc 0 --db a.db export --out a2.bcb
run_bc 0 --db o.db import a2.bcb
expect_contains "newer by the device's numbering" "$OUT" "(1 mới, 0 cũ hơn giữ trong lịch sử, 0 đã có; 0 giữ lại)"
expect_contains "flagged" "$OUT" "chú ý: giờ máy gửi lùi so với tệp trước (tệp ghi 2026-10-03T09:05)"
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv
expect_contains "the new figures are current" "$OUT" "120"
# a clock in the future is flagged too
BAOCAO_NOW=$(at '2027-01-01 09:00') run_bc 0 --db b.db export --out bf.bcb
run_bc 0 --db o.db import bf.bcb
expect_contains "future" "$OUT" "giờ máy gửi ở tương lai"

# --- lateness by the office's receipt; a day received on paper -----------
# Lam Sơn's laptop says 9 November (before the deadline, 10/11 00:00), but
# its bundle reaches the office on the 12th: late.
printf '{"so-ho": 50, "so-nhan-khau": 210, "ho-ngheo": 6}' > b.json
BAOCAO_NOW=$(at '2026-11-09 10:00') run_bc 0 --db b.db fill --form nl09-thon-thang --period 2026-10 --final b.json
BAOCAO_NOW=$(at '2026-11-09 10:00') run_bc 0 --db b.db export --out b1.bcb
export BAOCAO_NOW=$(at '2026-11-12 09:00')
run_bc 0 --db o.db import b1.bcb
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "late by receipt" "$OUT" "nl09-thon-thang	2026-10	thon-lam-son	late	3420	2026-11-10T00:00	2026-11-12T09:00"
run_bc 0 --db o.db status --period 2026-10
expect_contains "the device's claim beside the receipt" "$OUT" "thon-dong-tam       đúng hạn (nhận 2026-11-05T08:00; máy ghi 2026-10-03T09:00: giờ máy gửi lùi so với tệp trước)"
# the paper copy had come on the 9th
run_bc 2 --db o.db review received --form nl09-thon-thang --unit thon-lam-son --period 2026-10 --date 2026-11-09
expect_contains "reason needed" "$ERR" "--reason"
run_bc 2 --db o.db review received --form nl09-thon-thang --unit thon-lam-son --period 2026-10 --date 2026-11-31 --reason "x"
run_bc 2 --db o.db review received --form nl09-thon-thang --unit thon-lam-son --period 2026-10 --date 2026-11-20 --reason "x"
expect_contains "future day" "$ERR" "tương lai"
# a paper receipt dated before the period began: refused, naming both days
run_bc 2 --db o.db review received --form nl09-thon-thang --unit thon-lam-son --period 2026-10 --date 2026-09-30 --reason "x"
expect_contains "receipt before the period" "$ERR" "ngày nhận 2026-09-30 trước khi kỳ 2026-10 bắt đầu (2026-10-01)"
run_bc 2 --db o.db review received --form nl09-thon-thang --unit thon-khong-co --period 2026-10 --date 2026-11-09 --reason "x"
run_bc 0 --db o.db review received --form nl09-thon-thang --unit thon-lam-son --period 2026-10 --date 2026-11-09 --reason "Bản giấy nộp tại bộ phận một cửa"
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "on time by paper" "$OUT" "nl09-thon-thang	2026-10	thon-lam-son	on-time		2026-11-10T00:00	2026-11-09T00:00"
run_bc 0 --db o.db audit --format tsv
expect_contains "paper receipt audited" "$OUT" "Bản giấy nộp tại bộ phận một cửa"

# --- an incident, imported the day it happens -----------------------------
export BAOCAO_NOW=$(at '2026-11-12 10:00')
printf '{"sv-loai": "khac", "sv-ngay": "2026-11-12", "sv-dia-diem": "Đội 3", "sv-muc-do": "thuong", "sv-noi-dung": "Cây đổ chắn đường"}' > inc.json
run_bc 0 --db a.db fill --form nl09-thon-su-viec --period 2026-11-12T09:30 --final inc.json
run_bc 0 --db a.db export --out a3.bcb
run_bc 0 --db o.db import a3.bcb
expect_contains "incident kept, not held" "$OUT" "0 giữ lại)"
run_bc 0 --db o.db status --period 2026-11-12T09:30 --format tsv
expect_contains "incident on time" "$OUT" "nl09-thon-su-viec	2026-11-12T09:30	thon-dong-tam	on-time"

# --- held back: a laptop whose clock runs ahead sends an incident "today"
# that has not happened yet for the office
BAOCAO_NOW=$(at '2026-11-20 08:00') run_bc 0 --db a.db fill --form nl09-thon-su-viec --period 2026-11-20T07:00 --final - <<J
{"sv-loai": "khac", "sv-ngay": "2026-11-20", "sv-dia-diem": "Đội 1", "sv-muc-do": "thuong", "sv-noi-dung": "Mất điện"}
J
BAOCAO_NOW=$(at '2026-11-20 08:00') run_bc 0 --db a.db export --out a5.bcb
run_bc 0 --db o.db import a5.bcb
expect_contains "held with the reason" "$OUT" "giữ lại nl09-thon-su-viec 2026-11-20T07:00: kỳ 2026-11-20T07:00 chưa bắt đầu (theo giờ của văn phòng)"
run_bc 0 --db o.db status
expect_contains "held in status" "$OUT" "nl09-thon-su-viec         2026-11-20T07:00 thon-dong-tam       kỳ 2026-11-20T07:00 chưa bắt đầu"
run_bc 0 --db o.db status --period 2026-11-20T07:00 --format tsv
case "$OUT" in *"2026-11-20T07:00	thon-dong-tam	on-time"*) fail "a held submission counted as reported" ;; esac
# the office's inbox, by keyboard: the held one with its reason, the odd clock marked
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "Hộp thư"
wait_for "giữ lại"
tm send-keys -t bc "giu lai"
wait_for "Giữ lại: kỳ 2026-11-20T07:00 chưa bắt đầu (theo giờ của văn phòng)"
tm send-keys -t bc Enter
wait_for "Giữ lại, chưa nhập: kỳ 2026-11-20T07:00 chưa bắt đầu"
tm send-keys -t bc C-u "lam son"
wait_for "2026-11-12T09:00 thon-lam-son      2026-10          đã nhận !"
wait_for "! giờ máy gửi lùi so với tệp trước (máy ghi 2026-11-09T10:00)"
# who has reported (F4): the receipt decides, the device's claim beside it
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F4
wait_for "Tình hình nộp báo cáo"
tm send-keys -t bc / C-u 2026-10 Enter
wait_for "Tình hình nộp báo cáo — 2026-10"
wait_for "đúng hạn !   nl09-thon-thang             2026-10    Thôn Đồng Tâm"
down_until "Hạn 10/11/2026 00:00 · nhận 05/11/2026 08:00 · máy ghi 03/10/2026 09:00 (lùi)"
tm send-keys -t bc F10
wait_for "EXITED 0"

# --- an office restored from a backup --------------------------------------
cp o.db o-backup.db
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db o.db pack --out p3.bcp
run_bc 0 --db a.db apply p3.bcp
expect_contains "p3" "$OUT" "p3.bcp: 0 biểu mẫu mới"
# the disk dies; the office restores yesterday's backup and returns a report
cp o-backup.db o.db
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-dong-tam --period 2026-10 --reason "Số hộ tăng 20 so với tháng trước: kiểm tra lại"
run_bc 0 --db o.db pack --out p3b.bcp
run_bc 0 --db a.db apply p3b.bcp
expect_contains "older pack: said clearly" "$OUT" "văn phòng vừa được khôi phục từ bản sao lưu"
expect_contains "older pack: how to accept" "$OUT" "baocao apply --accept-older p3b.bcp"
run_bc 0 --db a.db status
expect_contains "nothing changed yet" "$OUT" "bị trả lại 0"
run_bc 0 --db a.db apply --accept-older p3b.bcp
run_bc 0 --db a.db status
expect_contains "the return arrived" "$OUT" "Số hộ tăng 20 so với tháng trước"
# the same number as a pack applied, different content: not taken as "applied"
cp o-backup.db o2.db
run_bc 0 --db o2.db pack --out q2.bcp
run_bc 0 --db a.db apply q2.bcp
expect_contains "same number, other pack" "$OUT" "--accept-older q2.bcp"
# the interface asks the same question: no leaves it, yes applies it
tm kill-server 2>/dev/null
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc C-p
wait_for "Áp dụng gói của văn phòng"
tm send-keys -t bc C-u "$T/q2.bcp" Enter
wait_for "Văn phòng có thể đã được khôi phục từ bản sao lưu."
wait_for "Vẫn áp dụng gói này? c: có, k: không"
tm send-keys -t bc k
wait_for "Không áp dụng; không đổi gì."
tm send-keys -t bc Enter
wait_for "> q2.bcp"
tm send-keys -t bc Enter
wait_for "Vẫn áp dụng gói này? c: có, k: không"
tm send-keys -t bc c
wait_for "Đã áp dụng: 0 biểu mẫu mới"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db audit --format tsv
expect_contains "accepted, audited" "$OUT" "accept-older-pack"
# the unit's next bundle tells the office it had applied pack 3 ...
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final v1.json
run_bc 0 --db a.db export --out a4.bcb
run_bc 0 --db o.db import a4.bcb
expect_contains "the office learns it was restored" "$OUT" "khôi phục từ bản sao lưu"
# ... so its next pack is taken as new, with no question
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-10
run_bc 0 --db o.db pack --out p5.bcp
run_bc 0 --db a.db apply p5.bcp
expect_contains "next pack applies" "$OUT" "p5.bcp: 0 biểu mẫu mới"
run_bc 0 --db a.db status
expect_contains "approved" "$OUT" "đã duyệt 1, bị trả lại 0"
run_bc 0 --db o.db audit --format tsv
expect_contains "sequence moved, audited" "$OUT" "seq-restored"

# --- a revoked device learns it from the next pack --------------------------
run_bc 0 --db o.db devices revoke "$(fpr_of b.db)"
run_bc 0 --db o.db pack --out p6.bcp
run_bc 0 --db b.db apply p6.bcp
expect_contains "told" "$OUT" "Văn phòng đã thu hồi thiết bị này"
run_bc 2 --db b.db export --out b9.bcb
expect_contains "stops exporting" "$ERR" "văn phòng đã thu hồi thiết bị này ($(fpr_of b.db)): không xuất được"
[ ! -e b9.bcb ] || fail "a revoked device wrote a bundle"
run_bc 0 --db b.db status
expect_contains "status says so" "$OUT" "ĐÃ BỊ VĂN PHÒNG THU HỒI"
# approved again: the next pack lifts it
run_bc 0 --db o.db devices approve "$(fpr_of b.db)"
run_bc 0 --db o.db pack --out p7.bcp
run_bc 0 --db b.db apply p7.bcp
run_bc 0 --db b.db export --out b9.bcb
run_bc 0 --db b.db audit --format tsv
expect_contains "audited on the field" "$OUT" "device-revoked"
