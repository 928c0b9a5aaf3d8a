# SPDX-License-Identifier: GPL-3.0-or-later
# What a village head hits every month (issue 17), each asserted on what was
# SAVED (read back with the CLI), not only on the screen:
# - Enter in a multiple choice moves on to the next value, as everywhere:
#   the next number typed goes to the next field, not into the list;
# - a draft reopens on its first required value left empty (a task
#   table's cell: on the table);
# - Ctrl-C leaves as F10 does, keeping the value being typed, exit 0;
#   SIGTERM keeps it as well;
# - home counts every state, a return first ("! Bị trả lại 1");
# - the incident's time is a proposal: "9h15" typed replaces it (it made
#   "07/12/2026 10:009h15"), Backspace edits it;
# - F5 proposes the bundle's name by the period it carries, not the month;
# - `forms list` keeps its columns with a 26-character form id.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_MEDIA="$T/media/*"
now=$(date -d '2026-12-07 10:00' +%s)
export BAOCAO_NOW=$now
july=$(date -d '2026-05-20 08:00' +%s)
F=nl09-thon-thang

# --- forms list: a 26-character id, the next columns where the others' are
BAOCAO_NOW=$july run_bc 0 --db o2.db setup office --commune "Thử"
cat > dai.yaml <<'Y'
form: tq-bieu-mau-co-ma-that-dai
version: 1
title: Biểu mẫu có mã dài
unit: tram-y-te
reports:
  - {id: quy, period: quarter, deadline: day 10 of next quarter}
fields:
  - {name: so, type: integer, label: Số}
Y
run_bc 0 --db o2.db forms install dai.yaml
run_bc 0 --db o2.db forms list
long=$(printf '%s\n' "$OUT" | grep '^tq-bieu-mau-co-ma-that-dai ')
short=$(printf '%s\n' "$OUT" | grep '^kt01-tthc-quy ')
expect_eq "the id is 26 characters" "$(printf %s tq-bieu-mau-co-ma-that-dai | wc -c)" 26
# both lines say "Quý" before the period: the bytes before it are columns
a=${long%%2026-Q4*}
b=${short%%2026-Q4*}
expect_eq "forms list: the period column lines up" "${#a}" "${#b}"
a=${long%%tram-y-te*}
b=${short%%tt-hcc*}
expect_eq "forms list: the unit column lines up" "${#a}" "${#b}"

# --- a draft whose required fields are filled but for a task table's
# cell: it reopens on the table (the office's own report, van-phong)
cat > luoi.yaml <<'Y'
form: tq-luoi
version: 1
title: Biểu có bảng
unit: van-phong
reports:
  - {id: thang, period: month, deadline: day 10 of next month}
fields:
  - {name: so, type: integer, label: Số văn bản, required: true}
  - {name: ghi, type: text, label: Ghi chú}
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Việc một}
      - {id: "2", label: Việc hai}
    columns:
      - {name: nv-kq, type: integer, label: Kết quả, required: true}
Y
run_bc 0 --db o2.db forms install luoi.yaml
printf '{"so": 5}' > so.json
run_bc 0 --db o2.db fill --form tq-luoi --period 2026-11 --unit van-phong so.json
tui_start "$T/o2.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc / "tq-luoi 2026-11" Enter Enter
wait_for "kỳ 2026-11 — nháp"
tm send-keys -t bc Enter 7 Enter
wait_for "Việc một"
tm send-keys -t bc Escape Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db o2.db history --form tq-luoi --unit van-phong --period 2026-11 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
run_bc 0 --db o2.db history --form tq-luoi --unit van-phong --period 2026-11 --show "$n" \
    --format json
expect_contains "the first field untouched" "$OUT" '"so":"5"'
expect_contains "the table's first cell took the value" "$OUT" '{"_row":"1","nv-kq":"7"}'

# --- a village with a submission in every state the unit side has
BAOCAO_NOW=$july run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$july run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
BAOCAO_NOW=$july run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp \
    --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > v.json
for m in 08 09 10; do
	run_bc 0 --db a.db fill --form $F --period 2026-$m --final v.json
done
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
run_bc 0 --db o.db review approve --form $F --unit thon-dong-tam --period 2026-09
run_bc 0 --db o.db review return --form $F --unit thon-dong-tam --period 2026-08 --reason "Sai"
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
run_bc 0 --db a.db fill --form $F --period 2026-06 --final v.json
run_bc 0 --db a.db export --out b.bcb

# last: what the first field holds in the latest revision of November
saved() {
	run_bc 0 --db a.db history --form $F --period 2026-11 --format tsv
	n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
	run_bc 0 --db a.db history --form $F --period 2026-11 --show "$n" --format json
}

# --- November, new: after the multiple choice, Enter goes on to the next
# field; so-nhan-khau (required) is left empty
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "2026-11     Chưa làm    Báo cáo tháng"
tm send-keys -t bc / "nl09-thon-thang 2026-11" Enter Enter
wait_for "kỳ 2026-11 — chưa làm"
wait_for "Tổng số hộ *"
tm send-keys -t bc 100 Enter Down 5 Enter 1 Enter 50 Enter 40 Enter 80 Enter 0 Enter 0 Enter \
    0 Enter 0 Enter
wait_for "Diện tích GPMB đã bàn giao trong th 0"
tm send-keys -t bc khong Enter 3 Enter
wait_for "Số buổi tuyên truyền, họp dân       3"
tm send-keys -t bc Enter
wait_for "Cách: chọn/bỏ dòng sáng"
tm send-keys -t bc t h u c Space
wait_for "[x] An toàn thực phẩm"
tm send-keys -t bc Enter
wait_for "Nội dung đã tuyên truyền            An toàn thực phẩm"
tm send-keys -t bc 7 Enter
wait_for "Số người mới tham gia BHYT nhờ vận  7"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
saved
expect_contains "the number after the choice went to the next field" "$OUT" '"nguoi-moi-bhyt":"7"'
expect_contains "the choice kept" "$OUT" '"noi-dung-tuyen-truyen":"attp"'
case "$OUT" in *'"so-nhan-khau"'*) fail "so-nhan-khau should be empty: $OUT" ;; esac

# July final, not yet exported: now every state is here
run_bc 0 --db a.db fill --form $F --period 2026-07 --final v.json

# --- home counts each state; the draft reopens on "Tổng số nhân khẩu";
# Ctrl-C while a value is typed keeps it and exits 0
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "2026-11     Nháp        Báo cáo tháng"
wait_for "! Bị trả lại 1 · Nháp 1 · Hoàn tất 1 · Đã xuất 1 · Đã nhận 1 · Đã duyệt 1"
tm send-keys -t bc / "nl09-thon-thang 2026-11" Enter Enter
wait_for "kỳ 2026-11 — nháp"
tm send-keys -t bc 400 Enter
wait_for "Tổng số nhân khẩu *                 400"
tm send-keys -t bc 2
wait_for "Số hộ nghèo *                       2"
tm send-keys -t bc C-c
wait_for "EXITED 0"
saved
expect_contains "the reopened draft's first empty field took the value" "$OUT" \
    '"so-nhan-khau":"400"'
expect_contains "the first field kept its value" "$OUT" '"so-ho":"100"'
expect_contains "Ctrl-C kept the value being typed" "$OUT" '"ho-ngheo":"2"'

# --- SIGTERM while typing keeps the value too (asking nothing)
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "2026-11     Nháp        Báo cáo tháng"
tm send-keys -t bc / "nl09-thon-thang 2026-11" Enter Enter
wait_for "kỳ 2026-11 — nháp"
tm send-keys -t bc Down Down 3
wait_for "Số hộ nghèo *                       3"
kill -TERM "$(tui_pid)"
wait_for "EXITED 143"
saved
expect_contains "SIGTERM kept the value being typed" "$OUT" '"ho-ngheo":"3"'

# --- the incident's time: typed over the proposal, or edited
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc / "nhanh" Enter
wait_for "Đột xuất"
tm send-keys -t bc Down Enter
wait_for "07/12/2026 10:00     gõ để thay, ← sửa"
tm send-keys -t bc 9h15
wait_for "phút):   9h15"
case "$(screen)" in *"gõ để thay"*) fail "the hint stays once typed over: $(screen)" ;; esac
tm send-keys -t bc Enter
wait_for "kỳ 2026-12-07T09:15 — chưa làm"
wait_for "Thuộc nhiệm vụ *"
tm send-keys -t bc Enter
wait_for "Enter: chọn  gõ để lọc"
tm send-keys -t bc "vu viec" Enter
wait_for "5. Báo cáo nhanh vụ việc"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc Down Enter
wait_for "07/12/2026 10:00"
tm send-keys -t bc BSpace BSpace BSpace BSpace BSpace 08h05
wait_for "phút):   07/12/2026 08h05"
tm send-keys -t bc Enter
wait_for "kỳ 2026-12-07T08:05 — chưa làm"
tm send-keys -t bc Enter
wait_for "Enter: chọn  gõ để lọc"
tm send-keys -t bc "vu viec" Enter
wait_for "5. Báo cáo nhanh vụ việc"
tm send-keys -t bc Escape
wait_for "Việc cần làm"

# --- F5: the name is July's, the period the bundle carries (new: only
# July), not December's
mkdir -p media/USB
tm send-keys -t bc F5
wait_for "Tên tệp:    thon-dong-tam-2026-07.bcb"
tm send-keys -t bc Enter
wait_for "Đã ghi"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-07T09:15 --format tsv
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-07T08:05 --format tsv
[ -s media/USB/thon-dong-tam-2026-07.bcb ] || fail "no bundle named by July: $(ls media/USB)"
run_bc 0 --db o.db import media/USB/thon-dong-tam-2026-07.bcb
expect_contains "the bundle carries July" "$OUT" "2026-07"

# --- only an incident new: it names the bundle, its time with "h" (no ':'
# on a USB stick's FAT)
printf '{"sv-loai": "stt-5", "sv-ngay": "2026-12-07", "sv-gio": "09:15", "sv-dia-diem": "Đội 3",
  "sv-muc-do": "thuong", "sv-noi-dung": "Cây đổ chắn đường"}' > inc.json
run_bc 0 --db a.db fill --form nl09-thon-su-viec --period 2026-12-07T09:15 --final inc.json
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc F5
wait_for "Tên tệp:    thon-dong-tam-2026-12-07T09h15.bcb"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
