# SPDX-License-Identifier: GPL-3.0-or-later
# A new version of a plan that adds a lead (issue #14) does not make a unit
# owe periods whose deadline passed before it was installed: a unit owes a
# period under the version in force at that period's deadline.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-01-02 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind cong-an --name "Công an xã"
plan() {
	cat > v$1.yaml <<Y
form: an
version: $1
title: Kế hoạch an ninh
unit: van-phong
valid: {from: 2026-01-01, to: 2026-12-31}
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Tuần tra, lead: [$2], deadline: thường xuyên}
    columns:
      - {name: nv-ghi-chu, type: text, label: Ghi chú}
Y
}
plan 1 van-phong
run_bc 0 --db o.db forms install v1.yaml
# v2 (12/04/2026, after Q1's deadline 05/04) adds the police to row 1
plan 2 "van-phong, cong-an"
BAOCAO_NOW=$(at '2026-04-12 08:00') run_bc 0 --db o.db forms install v2.yaml
expect_contains "install says who owes what now" "$OUT" "an: phiên bản 2 đổi đơn vị phải nộp (thêm: cong-an) — chỉ từ các kỳ có hạn sau hôm nay; kỳ đã đến hạn vẫn theo phiên bản 1"
export BAOCAO_NOW=$(at '2026-07-10 08:00')
run_bc 0 --db o.db status --period 2026-Q1 --format tsv
case "$(printf '%s\n' "$OUT" | grep '^an	')" in
*cong-an*) fail "the police owe Q1 under a version installed after its deadline: $OUT" ;;
esac
expect_contains "the office still owes Q1" "$(printf '%s\n' "$OUT" | grep '^an	')" "van-phong"
run_bc 0 --db o.db status --period 2026-Q2 --format tsv
expect_contains "the police owe Q2" "$(printf '%s\n' "$OUT" | grep '^an	')" "cong-an-xa	missing"

# a one-off row done in the quarterly report stays done in the yearly one
# (both reports of the plan share its table): not "quá hạn" there
cat > kt.yaml <<Y
form: kt
version: 1
title: Kế hoạch kinh tế
unit: van-phong
valid: {from: 2026-01-01, to: 2027-12-31}
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}, {id: nam, period: year, deadline: "10/01 năm sau"}]
choices:
  tt:
    - {value: dang, label: Đang thực hiện, progress: started}
    - {value: xong, label: Đã hoàn thành, done: true}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Bố trí kinh phí, deadline: Quý I/2026}
    columns:
      - {name: nv-tt, type: select_one, label: Tình trạng, list: tt}
Y
BAOCAO_NOW=$(at '2026-01-02 08:00') run_bc 0 --db o.db forms install kt.yaml
BAOCAO_NOW=$(at '2026-03-20 08:00') run_bc 0 --db o.db fill --form kt-quy --unit van-phong --period 2026-Q1 --final - <<J
{"nv": [{"_row": "1", "nv-tt": "xong"}]}
J
export BAOCAO_NOW=$(at '2027-02-01 08:00')
run_bc 0 --db o.db status --period 2026 --format tsv
expect_eq "yearly: done in 2026-Q1, not overdue" "$(printf '%s\n' "$OUT" | grep '^kt-nam' | cut -f3,8)" "van-phong	"
run_bc 0 --db o.db status --period 2026-Q3 --format tsv
expect_eq "a later quarter: not overdue" "$(printf '%s\n' "$OUT" | grep '^kt-quy' | cut -f3,8)" "van-phong	"
