# SPDX-License-Identifier: GPL-3.0-or-later
# Targets relative to an earlier period (issue #14): "năm trước" compares
# with the same period of the year before (2025-Q2 for 2026-Q2), "kỳ
# trước" with the period just before (2026-Q1) — on the same figures the
# two verdicts differ, and the report says which it used.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-07-10 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
cat > nam.yaml <<Y
form: nam
version: 1
title: Kế hoạch thanh toán trực tuyến
unit: van-phong
valid: {from: 2025-01-01, to: 2026-12-31}
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - id: "1"
        label: Thanh toán trực tuyến
        deadline: thường xuyên
        target: [{column: nv-ty-le, target: "cao hơn năm trước"}]
      - id: "2"
        label: Hồ sơ trực tuyến
        deadline: thường xuyên
        target: [{column: nv-ty-le, target: "cao hơn kỳ trước"}]
      - id: "3"
        label: Hồ sơ đúng hạn
        deadline: thường xuyên
        target: [{column: nv-ty-le, target: "tăng ít nhất 10% so với năm trước"}]
      - id: "4"
        label: Thanh toán không dùng tiền mặt
        deadline: thường xuyên
        target: [{column: nv-ty-le, target: "tối thiểu 50%"}, {column: nv-ty-le, target: "cao hơn kỳ trước"}]
    columns:
      - {name: nv-ty-le, type: decimal, label: Tỷ lệ, unit: "%", min: 0, max: 100}
Y
run_bc 0 --db o.db forms install nam.yaml
fill() {
	run_bc 0 --db o.db fill --form nam --unit van-phong --period $1 --final - <<J
{"nv": [{"_row": "1", "nv-ty-le": $2}, {"_row": "2", "nv-ty-le": $2}, {"_row": "3", "nv-ty-le": $2}, {"_row": "4", "nv-ty-le": $2}]}
J
}
fill 2025-Q2 50
fill 2026-Q1 70
fill 2026-Q2 55
run_bc 0 --db o.db report --form nam --period 2026-Q2 --format csv --out r.csv
# 55 after 50 a year before: "cao hơn năm trước" met, though 2026-Q1 had 70
expect_contains "năm trước: against 2025-Q2" "$(grep '^1,' r.csv)" ",đạt"
# 55 after 70 the quarter before: "cao hơn kỳ trước" not met
expect_contains "kỳ trước: against 2026-Q1" "$(grep '^2,' r.csv)" ",chưa đạt"
# 55 after 50: +10 % wants 55 — met (against 70 it would want 77)
expect_contains "tăng ... so với năm trước" "$(grep '^3,' r.csv)" ",đạt"
run_bc 0 --db o.db report --form nam --period 2026-Q2 --format json
expect_contains "json says which" "$OUT" '"year_before": true'
# a year with nothing a year before: cannot be judged, never "met"
run_bc 0 --db o.db report --form nam --period 2026-Q1 --format csv --out q1.csv
case "$(grep '^1,' q1.csv)" in *",đạt"*) fail "judged with no year before: $(grep '^1,' q1.csv)" ;; esac

# several targets on a row: every one shown, and the one missed named
# (55 meets "tối thiểu 50%" but not "cao hơn kỳ trước": 70 before)
expect_contains "csv: both targets, the one missed" "$(grep '^4,' r.csv)" ",tối thiểu 50%; cao hơn kỳ trước,chưa đạt: cao hơn kỳ trước"
run_bc 0 --db o.db report --form nam --period 2026-Q2
expect_contains "text: every target" "$OUT" "chỉ tiêu: tối thiểu 50%; cao hơn kỳ trước"
expect_contains "text: the one missed" "$OUT" "chưa đạt: cao hơn kỳ trước"
run_bc 0 --db o.db report --form nam --period 2026-Q2 --format json
expect_contains "json: each target judged" "$OUT" '"targets_met": [
            true,
            false
          ]'
run_bc 0 --db o.db report --form nam --period 2026-Q2 --format xlsx --out r.xlsx
expect_contains "xlsx: the one missed" "$(unzip -p r.xlsx 'xl/worksheets/*.xml' 'xl/sharedStrings.xml' 2>/dev/null)" "chưa đạt: cao hơn kỳ trước"
if command -v pdftotext >/dev/null; then
	run_bc 0 --db o.db report --form nam --period 2026-Q2 --format pdf --out r.pdf
	pdftotext r.pdf r.txt
	expect_contains "pdf: the one missed" "$(tr '\n' ' ' < r.txt)" "cao hơn kỳ trước"
fi
