# SPDX-License-Identifier: GPL-3.0-or-later
# A plan's event travels to the field (issue #14): a row due "3 working
# days after" an event the office records shows "chờ: ..." at the field
# until the office's next pack carries the day; then the field's grid and
# `forms show` give the row's real deadline. A correction follows the same
# way. (sync/FORMAT.md, "Events"; the pack without it: check-import.c.)
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-07-02 08:00' +%s)
export BAOCAO_NOW=$now

cat > ev.yaml <<Y
form: ev
version: 1
title: Kế hoạch có sự kiện
unit: van-phong
valid: {from: 2026-01-01, to: 2026-12-31}
events: [{id: hop, label: Có cuộc họp dân}]
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
choices:
  tt:
    - {value: chua, label: Chưa}
    - {value: xong, label: Xong, done: true}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Báo cáo sau họp, lead: thon, deadline: 3 ngày làm việc sau hop}
    columns:
      - {name: nv-tt, type: select_one, label: Tình trạng, list: tt}
Y
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db forms install ev.yaml
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db a.db forms show ev
expect_contains "not recorded yet" "$OUT" "hop: Có cuộc họp dân (văn phòng chưa ghi ngày; gói sau sẽ mang)"
# the field sends a first bundle and the office approves the device, so
# that the next pack is sealed to it
run_bc 0 --db a.db export --out a.bcb
run_bc 0 --db o.db import a.bcb
run_bc 0 --db o.db devices approve "$("$BAOCAO" --db o.db devices --format tsv | cut -f1)"

# the office records Wednesday 1 July: 3 working days after is Monday 6 July
run_bc 0 --db o.db forms event --form ev --event hop --date 2026-07-01
expect_contains "office: the row's date" "$OUT" "dòng 1: hạn 06/07/2026"
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db a.db apply p2.bcp
expect_contains "apply says so" "$OUT" "Văn phòng ghi ngày 1 sự kiện của kế hoạch"
run_bc 0 --db a.db forms show ev
expect_contains "field: the day" "$OUT" "hop: Có cuộc họp dân (ngày 2026-07-01)"
BAOCAO_LANG=en run_bc 0 --db a.db forms show ev
expect_contains "field: the day, in English" "$OUT" "hop: Có cuộc họp dân (on 2026-07-01)"

# a unit set up after the event was recorded has its day from the start
run_bc 0 --db o.db units add --kind thon --name "Thôn Minh Tiến"
run_bc 0 --db o.db pack --setup --out ps.bcp
run_bc 0 --db b.db setup field --unit thon-minh-tien --pack ps.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db b.db forms show ev
expect_contains "set up after: the day" "$OUT" "hop: Có cuộc họp dân (ngày 2026-07-01)"

# the field's grid: the row's deadline, no longer "waiting"
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Kế hoạch có sự kiện"
# the plan's line only (search, accents ignored), then open it
tm send-keys -t bc / "co su kien" Enter
wait_for "co su kien"
tm send-keys -t bc Enter
wait_for "Enter: mở bảng"
tm send-keys -t bc Enter
wait_for "STT. Nhiệm vụ"
tm send-keys -t bc Down
wait_for "Hạn: 06/07/2026"
case "$(screen)" in *"chờ:"*) fail "the field still waits for the event" ;; esac
tui_cleanup

# a correction: a recorded day is not replaced silently (it says the old
# one and asks for --replace); replaced, the next pack carries the new day
run_bc 2 --db o.db forms event --form ev --event hop --date 2026-06-30
expect_contains "replace asks" "$ERR" "sự kiện hop đã ghi ngày 2026-07-01; không thay bằng 2026-06-30 — thêm --replace"
run_bc 0 --db o.db forms show ev
expect_contains "nothing replaced" "$OUT" "ngày 2026-07-01"
# the same day again is no replacement
run_bc 0 --db o.db forms event --form ev --event hop --date 2026-07-01
# a day after today: "chưa đến ngày đó" unless --force
run_bc 2 --db o.db forms event --form ev --event hop --date 2026-09-01 --replace
expect_contains "future refused" "$ERR" "chưa đến ngày đó: 2026-09-01 là sau hôm nay (2026-07-02)"
run_bc 0 --db o.db forms event --form ev --event hop --date 2026-06-30 --replace
expect_contains "replace says the old day" "$OUT" "(thay ngày cũ 2026-07-01)"
expect_contains "and the row that moves" "$OUT" "dòng 1: hạn 03/07/2026"
run_bc 0 --db o.db pack --out p3.bcp
run_bc 0 --db a.db apply p3.bcp
expect_contains "apply: one day changed" "$OUT" "Văn phòng ghi ngày 1 sự kiện"
run_bc 0 --db a.db forms show ev
expect_contains "field: the corrected day" "$OUT" "hop: Có cuộc họp dân (ngày 2026-06-30)"
# nothing new: apply says nothing of events
run_bc 0 --db o.db pack --out p4.bcp
run_bc 0 --db a.db apply p4.bcp
case "$OUT" in *"sự kiện"*) fail "an unchanged day reported as new: $OUT" ;; esac

# a row's `due` that looks like an event's deadline but names none the plan
# declares gives no date: forms check and install say so at the row, with
# the nearest event (FORMAT.md, "Events")
sed -e 's/^form: ev$/form: ev-due/' \
    -e 's/, deadline: 3 ngày làm việc sau hop}/, due: "Trong 3 ngày sau khi có cuộc họp dâ"}/' ev.yaml > due.yaml
grep -q 'due: "Trong 3' due.yaml || fail "due.yaml: the row was not rewritten"
run_bc 0 forms check due.yaml
expect_line "check: the doubtful due" "$ERR" "^cảnh báo: dòng 1: 'due' \"Trong 3 ngày sau khi có cuộc họp dâ\" không cho hạn: đọc như hạn tính từ sự kiện \"có cuộc họp dâ\", mà kế hoạch không có sự kiện đó (có: hop); có phải 'hop'? — due.yaml:"
run_bc 0 --db o.db forms install due.yaml
expect_line "install: the same line" "$ERR" "^cảnh báo: dòng 1: 'due' \"Trong 3 ngày sau khi có cuộc họp dâ\" không cho hạn"
