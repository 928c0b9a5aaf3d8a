# SPDX-License-Identifier: GPL-3.0-or-later
# A plan that runs for one year (`valid`), as an outsider clerk found it
# (issue #14's try-out): its final reports stay owed in `status` after the
# plan has ended, until sent; `status` says so when nothing is due yet;
# `forms list` shows the final period and its kind in words; the text
# report shows long STT whole; a CSV row another kind leads is refused at
# its own line.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-01-02 08:00')

cat > kh.yaml <<Y
form: kh
version: 1
title: Kế hoạch kiểm soát TTHC năm 2026
unit: thon
valid: {from: 2026-01-01, to: 2026-12-31}
reports:
  - {id: nam, period: year, deadline: 10/12}
  - {id: quy, period: quarter, deadline: day 5 of next quarter}
choices:
  tt:
    - {value: chua, label: Chưa}
    - {value: xong, label: Xong, done: true}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "II.3.d1", label: Số hoá hồ sơ của thôn, lead: thon, deadline: 30/11/2026}
      - {id: "II.3.d2", label: Số hoá hồ sơ của trường, lead: truong, deadline: 30/11/2026}
    columns:
      - {name: nv-tt, type: select_one, label: Tình trạng, list: tt}
Y
cat > kt.yaml <<Y
form: kt
version: 1
title: Báo cáo năm của thôn
unit: thon
reports: [{id: nam, period: year, deadline: 10/12}]
fields:
  - {name: so, type: integer, label: Số hộ}
Y
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind truong --name "Trường Tiểu học"
run_bc 0 --db o.db forms install kh.yaml
run_bc 0 --db o.db forms install kt.yaml

# before the office existed nothing is due: said in one line, with what to do
BAOCAO_NOW=$(at '2025-06-01 08:00') run_bc 0 --db o.db status
expect_line "nothing due" "$OUT" "^Chưa có kỳ nào đến hạn nộp.*baocao status --period"
BAOCAO_NOW=$(at '2025-06-01 08:00') BAOCAO_LANG=en run_bc 0 --db o.db status
expect_line "nothing due (en)" "$OUT" "^No period has fallen due yet.*baocao status --period"
# the role in Vietnamese words only
expect_line "role (en)" "$OUT" "^Role: *commune office (office)$"
BAOCAO_NOW=$(at '2025-06-01 08:00') run_bc 0 --db o.db status
expect_line "role" "$OUT" "^Vai trò: *văn phòng xã$"

# the day before: the year report is on the list, not yet due
BAOCAO_NOW=$(at '2026-12-09 09:00') run_bc 0 --db o.db status --format tsv
expect_line "09/12: year pending" "$OUT" "^kh-nam	2026	thon-dong-tam	pending	"
# once its deadline has passed it stays, missing, like a form without `valid`
BAOCAO_NOW=$(at '2026-12-11 09:00') run_bc 0 --db o.db status --format tsv
expect_line "11/12: the other year form" "$OUT" "^kt	2026	thon-dong-tam	missing	"
expect_line "11/12: the plan's year report" "$OUT" "^kh-nam	2026	thon-dong-tam	missing	"
expect_line "11/12: Q3 still" "$OUT" "^kh-quy	2026-Q3	thon-dong-tam	missing	"
# after the plan: its last quarter and its year, whatever the date
for d in '2027-01-10 09:00' '2028-03-01 09:00'; do
	BAOCAO_NOW=$(at "$d") run_bc 0 --db o.db status --format tsv
	expect_line "$d: Q4" "$OUT" "^kh-quy	2026-Q4	thon-dong-tam	missing	"
	expect_line "$d: year" "$OUT" "^kh-nam	2026	thon-dong-tam	missing	"
done
BAOCAO_NOW=$(at '2027-01-10 09:00') run_bc 0 --db o.db status
expect_line "text: the year row" "$OUT" "^kh-nam  *2026  *thon-dong-tam  *chưa nộp"
# forms list: the final period and its deadline; the kind in words
BAOCAO_NOW=$(at '2027-01-10 09:00') run_bc 0 --db o.db forms list --format tsv
expect_contains "list tsv: final quarter" "$OUT" "kh-quy	thon	quarter	2026-Q4	2027-01-05T00:00"
expect_contains "list tsv: final year" "$OUT" "kh-nam	thon	year	2026	2026-12-10T00:00"
BAOCAO_NOW=$(at '2027-01-10 09:00') run_bc 0 --db o.db forms list
expect_line "list: kind in words" "$OUT" "^kh-quy  *thon  *Quý  *2026-Q4  *2027-01-05"
case "$OUT" in *" quarter "*|*" year "*) fail "list: English kind in: $OUT" ;; esac

# a CSV whose third line is a row the school leads: refused at that line
cat > q3.csv <<C
field,value
nv-tt[II.3.d1],xong
nv-tt[II.3.d2],xong
C
BAOCAO_NOW=$(at '2026-10-02 09:00') run_bc 2 --db o.db fill --unit thon-dong-tam --form kh-quy --period 2026-Q3 q3.csv
expect_line "fill: the line" "$ERR" "không nhập được dòng II.3.d2 .*q3.csv:3$"

# the text report: the STT whole, never "II.3.…"
BAOCAO_NOW=$(at '2026-10-02 09:00') run_bc 0 --db o.db report --form kh-quy --period 2026-Q3
expect_line "report: id whole" "$OUT" "^  II.3.d1 "
expect_line "report: second id whole" "$OUT" "^  II.3.d2 "
case "$OUT" in *"…"*) fail "report: a cut in: $OUT" ;; esac
