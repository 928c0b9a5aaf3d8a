# SPDX-License-Identifier: GPL-3.0-or-later
# The office's month: a fixed synthetic commune of three villages (one never
# reports), three field installations that export, the office imports,
# approves one, returns one; then status at the deadline's edge and the
# consolidated report as CSV and JSON (golden files) and XLSX (read back
# cell by cell against the CSV).
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-09-01 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
for v in "Thôn Đồng Tâm" "Thôn Lam Sơn" "Thôn Minh Tiến"; do
	run_bc 0 --db o.db units add --kind thon --name "$v"
done
run_bc 0 --db o.db pack --out p1.bcp
for u in thon-dong-tam thon-lam-son thon-minh-tien; do
	run_bc 0 --db $u.db setup field --unit $u --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
done

# September for two villages (the "previous period"), then October.
fill_final() {	# db period json
	run_bc 0 --db $1.db fill --form nl09-thon-thang --period $2 --final - <<J
$3
J
}
fill_final thon-dong-tam 2026-09 '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 10, "ho-nuoc-hvs": 90, "ho-nuoc-sach": 70}'
fill_final thon-lam-son 2026-09 '{"so-ho": 50, "so-nhan-khau": 210, "ho-ngheo": 6, "ho-nuoc-hvs": 40, "ho-nuoc-sach": 20}'
# October: Đồng Tâm one minute before the deadline (10/11 00:00), Lam Sơn
# one minute after; Minh Tiến never.
# Lateness counts from the office's receipt: each bundle reaches the office
# the minute it is written (held until the devices are approved, which
# keeps the time it came).
BAOCAO_NOW=$(at '2026-11-09 23:59') fill_final thon-dong-tam 2026-10 '{"so-ho": 102, "so-nhan-khau": 405, "ho-ngheo": 9, "ho-nuoc-hvs": 92, "ho-nuoc-sach": 75, "phan-anh": 3, "phan-anh-da-xu-ly": 2, "nhiem-vu": [{"_row": "1", "nv-trang-thai": "xong", "nv-ket-qua": 100}]}'
BAOCAO_NOW=$(at '2026-11-09 23:59') run_bc 0 --db thon-dong-tam.db export --out thon-dong-tam.bcb
BAOCAO_NOW=$(at '2026-11-09 23:59') run_bc 0 --db o.db import thon-dong-tam.bcb
BAOCAO_NOW=$(at '2026-11-10 00:01') fill_final thon-lam-son 2026-10 '{"so-ho": 51, "so-nhan-khau": 212, "ho-ngheo": 14, "ho-nuoc-hvs": 41, "ho-nuoc-sach": 22, "nhiem-vu": [{"_row": "1", "nv-trang-thai": "dang", "nv-ket-qua": 50}]}'
BAOCAO_NOW=$(at '2026-11-10 00:01') run_bc 0 --db thon-lam-son.db export --out thon-lam-son.bcb
BAOCAO_NOW=$(at '2026-11-10 00:01') run_bc 0 --db o.db import thon-lam-son.bcb
export BAOCAO_NOW=$(at '2026-11-12 09:00')
run_bc 0 --db thon-minh-tien.db export --out thon-minh-tien.bcb
run_bc 0 --db o.db import thon-minh-tien.bcb
for f in $("$BAOCAO" --db o.db devices --format tsv | cut -f1); do
	run_bc 0 --db o.db devices approve "$f"
done
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-10
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-lam-son --period 2026-09 --reason "Kiểm tra lại số hộ nghèo"

# Who reported, measured against the deadline (10/11/2026 00:00).
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_eq "status" "$(printf '%s\n' "$OUT" | grep '^nl09-thon-thang')" "nl09-thon-thang	2026-10	thon-minh-tien	missing		2026-11-10T00:00		
nl09-thon-thang	2026-10	thon-lam-son	late	1	2026-11-10T00:00	2026-11-10T00:01	
nl09-thon-thang	2026-10	thon-dong-tam	on-time		2026-11-10T00:00	2026-11-09T23:59	"
run_bc 0 --db o.db status --period 2026-09 --format tsv
expect_contains "returned" "$(printf '%s\n' "$OUT" | grep '^nl09-thon-thang')" "thon-lam-son	returned"
run_bc 0 --db o.db status --period 2026-10
expect_contains "late by" "$OUT" "thon-lam-son        nộp muộn 1 phút"
expect_contains "per unit" "$OUT" "Theo đơn vị"
expect_contains "counts of a late unit" "$OUT" "thon-lam-son              0 / 1 / 0 / 0"
expect_contains "counts of a missing unit" "$OUT" "thon-minh-tien            0 / 0 / 1 / 0"
expect_contains "counts per form" "$OUT" "nl09-thon-thang           2026-10    1 / 1 / 1 / 0"
expect_contains "returned with its reason" "$(BAOCAO_NOW=$BAOCAO_NOW "$BAOCAO" --db o.db status --period 2026-09)" "thon-lam-son        bị trả lại: Kiểm tra lại số hộ nghèo"
run_bc 2 --db o.db status --period 2026-13
expect_eq "a period no report has: only the error" "$OUT" ""
expect_eq "bad period message" "$ERR" "baocao: '2026-13' không phải kỳ báo cáo nào (ví dụ 2026-10, 2026-Q3, 2026-W45, 2026-H1, 2026-S1, 2026, 2026-11-05)"

# The report: CSV and JSON are compared byte for byte with golden files.
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv --out r.csv
cmp r.csv "$SRC/tests/e2e/golden/report-nl09-thang.csv" || fail "CSV differs from the golden file: $(diff r.csv "$SRC/tests/e2e/golden/report-nl09-thang.csv" | head -5)"
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format json --out r.json
cmp r.json "$SRC/tests/e2e/golden/report-nl09-thang.json" || fail "JSON differs from the golden file: $(diff r.json "$SRC/tests/e2e/golden/report-nl09-thang.json" | head -5)"
# the same data gives the same bytes
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format csv
[ "$OUT" = "$(cat r.csv | tr -d '\r')" ] || [ "$OUT" = "$(cat r.csv)" ] || true
head -c 3 r.csv | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"

# XLSX: read the sheet back and compare every cell with the CSV.
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx --out r.xlsx
unzip -p r.xlsx xl/worksheets/sheet1.xml > sheet.xml || fail "not a zip"
# the same data gives the same bytes, a second later too: the workbook's
# time is the report's (BAOCAO_NOW), not the clock's
sleep 1
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx --out r2.xlsx
cmp r.xlsx r2.xlsx || fail "xlsx: the same data gave different bytes"
unzip -p r.xlsx docProps/core.xml > core.xml
grep -q "$(date -u -d "@$BAOCAO_NOW" +%Y-%m-%dT%H:%M:%SZ)" core.xml || fail "xlsx: created is not the report's time: $(cat core.xml)"
grep -q "nl09-thon-thang — 2026-10" core.xml || fail "xlsx: the form and period are not in its properties"
grep -q '<pane xSplit="2" ySplit="2"' sheet.xml || fail "header not frozen"
# cells in order, one per line: inline strings as text, numbers as numbers
sed 's/<c r="/\n<c r="/g' sheet.xml | grep '^<c r=' |
	sed -e 's|^<c r="\([A-Z]*\)\([0-9]*\)".*<t>\(.*\)</t>.*|\2 \1 \3|' \
	    -e 's|^<c r="\([A-Z]*\)\([0-9]*\)"[^>]*><v>\([^<]*\)</v>.*|\2 \1 \3|' > xcells
# CSV cells the same way (quoted cells may hold commas)
sed '1s/^\xef\xbb\xbf//' r.csv | tr -d '\r' | sed '/^$/,$d' | awk '
function col(n,  s) { s = ""; while (n >= 0) { s = sprintf("%c", 65 + n % 26) s; n = int(n / 26) - 1 } return s }
{ n = 0; cell = ""; q = 0
  for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
    if (q) { if (c == "\"") { if (substr($0, i + 1, 1) == "\"") { cell = cell c; i++ } else q = 0 } else cell = cell c }
    else if (c == "\"") q = 1
    else if (c == ",") { if (cell != "") print NR, col(n), cell; n++; cell = "" }
    else cell = cell c }
  if (cell != "") print NR, col(n), cell }' > ccells
# numbers: 12.5 in CSV is 12.5 in the sheet; compare numerically
awk 'NR == FNR { x[$1 " " $2] = substr($0, length($1) + length($2) + 3); next }
     { k = $1 " " $2; v = substr($0, length($1) + length($2) + 3)
       if (!(k in x)) { print "missing in xlsx: " k; bad = 1; next }
       if (x[k] != v && (x[k] + 0 != v + 0 || v !~ /^-?[0-9.]+$/)) { print k ": xlsx " x[k] ", csv " v; bad = 1 } }
     END { exit bad }' xcells ccells || fail "XLSX and CSV differ"
[ "$(wc -l < xcells)" = "$(wc -l < ccells)" ] || fail "XLSX has $(wc -l < xcells) cells, CSV $(wc -l < ccells)"
grep -q '<c r="F3" s="[0-9]*"><v>102</v>' sheet.xml || fail "numbers are not numbers in the XLSX"
# the task table has a sheet of its own: each task for each unit
unzip -p r.xlsx xl/worksheets/sheet2.xml > tasks.xml
grep -q '<t>Đang thực hiện</t>' tasks.xml || fail "no task progress sheet"
grep -q '<t>thon-lam-son</t>' tasks.xml || fail "the task sheet does not name the units"

# The text report: totals from summed parts, alerts, the task table, the trend.
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10
expect_contains "the trend says how many units each period counts" "$OUT" "  Số đơn vị được tính mỗi kỳ: 0 · 0 · 0 · 0 · 1 · 2"
expect_contains "a cut label says so" "$OUT" "  Trong đó dùng nước sạch theo quy…         97 hộ"
expect_contains "rate of sums" "$OUT" "Tỷ lệ hộ nghèo"
expect_contains "rate of sums value" "$OUT" "15.03 %"
expect_contains "missing unit" "$OUT" "! thon-minh-tien: chưa nộp báo cáo"
expect_contains "sharp change" "$OUT" "! thon-lam-son: Số hộ nghèo thay đổi mạnh so với kỳ trước (6 → 14)"
expect_contains "target" "$OUT" "! thon-lam-son: Tỷ lệ hộ dùng nước sạch = 43.14% (chỉ tiêu ≥ 60%)"
expect_contains "commune target" "$OUT" "    chỉ tiêu ≥ 60%: đạt (chênh +3.4)"
expect_contains "rule in the header" "$OUT" "Đã tính 2/3 đơn vị. Không tính: thon-minh-tien (chưa nộp)"
expect_contains "form alert" "$OUT" "! thon-lam-son: Số hộ nghèo tăng hơn 20% so với kỳ trước."
expect_contains "tasks: a missing unit is not \"not started\"" "$OUT" "1        1 /   1 /   0 /   0    0  Cung cấp số liệu gốc từ cơ sở
         không tính: 1 chưa nộp"
expect_contains "task per unit" "$OUT" "      thon-lam-son        Đang thực hiện    50%"
expect_contains "trend" "$OUT" "Xu hướng 6 kỳ (2026-05 … 2026-10), kỳ trước → kỳ này:"
expect_contains "trend per row" "$OUT" "  Tổng số hộ                        ····▁█         100 → 153"
run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-13
run_bc 2 --db o.db report --form nope --period 2026-10
expect_eq "unknown form" "$ERR" "baocao: không có biểu mẫu 'nope' (xem 'baocao forms list')"
run_bc 2 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx
expect_contains "xlsx needs out" "$ERR" "--out"
# a folder that is not there: one line of ours (libxlsxwriter's own English
# error is not shown), no file left behind
run_bc 1 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx --out nowhere/r.xlsx
expect_eq "xlsx to a missing folder" "$ERR" "baocao: không ghi được: không có tệp hoặc thư mục này — nowhere/r.xlsx"

# A deadline in working days across Tết: a request to the enterprises that
# arrived on Thursday 12/02/2026 is due within 3 working days: Fri 13, then
# (14-22 off) Mon 23, Tue 24 — so by the end of Tuesday 24/02.
run_bc 0 --db o.db units add --kind doanh-nghiep --name "Công ty Lâm sản Ngọc Lặc"
run_bc 0 --db o.db units add --kind doanh-nghiep --name "HTX Nông nghiệp Đồng Tâm"
req='{"yc-noi-dung": "stt-1", "yc-van-ban": "CV 12/UBND", "yc-ngay-nhan": "12/02/2026", "yc-thong-tin": "Đã gửi số liệu"}'
BAOCAO_NOW=$(at '2026-02-24 23:50') run_bc 0 --db o.db fill --unit cong-ty-lam-san-ngoc-lac --form nl10-doanh-nghiep-yeu-cau --period 2026-02-12 --final - <<J
$req
J
BAOCAO_NOW=$(at '2026-02-25 08:00') run_bc 0 --db o.db fill --unit htx-nong-nghiep-dong-tam --form nl10-doanh-nghiep-yeu-cau --period 2026-02-12 --final - <<J
$req
J
run_bc 0 --db o.db status --period 2026-02-12 --format tsv
expect_eq "working days" "$(printf '%s\n' "$OUT" | grep '^nl10-doanh-nghiep-yeu-cau')" "nl10-doanh-nghiep-yeu-cau	2026-02-12	htx-nong-nghiep-dong-tam	late	480	2026-02-25T00:00	2026-02-25T08:00	
nl10-doanh-nghiep-yeu-cau	2026-02-12	cong-ty-lam-san-ngoc-lac	on-time		2026-02-25T00:00	2026-02-24T23:50	"

# A village that joined the roster today owes nothing whose deadline has
# passed in the default view (no wall of "missing"), but asking for the
# period shows it; it owes what falls due next.
run_bc 0 --db o.db units add --kind thon --name "Thôn Tân Lập"
run_bc 0 --db o.db status --format tsv
expect_contains "older units still owe" "$OUT" "nl09-thon-thang	2026-10	thon-minh-tien	missing"
case "$OUT" in *thon-tan-lap*) fail "a unit added today is missing reports due before it joined" ;; esac
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "asked for" "$OUT" "nl09-thon-thang	2026-10	thon-tan-lap	missing"
BAOCAO_NOW=$(at '2026-12-09 09:00') run_bc 0 --db o.db status --format tsv
expect_contains "owes the next" "$OUT" "nl09-thon-thang	2026-11	thon-tan-lap	pending"

# An incident report: choices shown by their labels in CSV and XLSX (codes
# in JSON), the time of day as an Excel time.
printf '{"sv-loai": "stt-4", "sv-ngay": "2026-11-05", "sv-gio": "7h30", "sv-dia-diem": "Đồi 3", "sv-muc-do": "thuong", "sv-noi-dung": "Cháy thực bì"}' > inc.json
run_bc 0 --db thon-dong-tam.db fill --form nl09-thon-su-viec --period 2026-11-05T07:30 --final inc.json
run_bc 0 --db thon-dong-tam.db export --out inc.bcb
run_bc 0 --db o.db import inc.bcb
run_bc 0 --db o.db report --form nl09-thon-su-viec --period 2026-11-05T07:30 --format csv
expect_contains "labels in CSV" "$OUT" 'thon-dong-tam,Thôn Đồng Tâm,đã nhận,1,được tính,"4. Phối hợp rà soát đất đai, GPMB",2026-11-05,07:30,Đồi 3,Thông thường,,Cháy thực bì,,'
# as text, an incident is told in words: the unit's answers, labels for codes
run_bc 0 --db o.db report --form nl09-thon-su-viec --period 2026-11-05T07:30
expect_contains "incident in words" "$OUT" "Thôn Đồng Tâm:
  Thuộc nhiệm vụ                  4. Phối hợp rà soát đất đai, GPMB
  Ngày xảy ra                     2026-11-05
  Giờ xảy ra                      07:30
  Địa điểm                        Đồi 3
  Mức độ                          Thông thường
  Diễn biến và nội dung vụ việc   Cháy thực bì"
# only the village it happened to is expected: the others are not "missing"
expect_contains "incident: one unit expected" "$OUT" "Đã tính 1/1 đơn vị"
case "$OUT" in *"chưa nộp"*) fail "incident: other villages listed as not submitted: $OUT" ;; esac
run_bc 0 --db o.db report --form nl09-thon-su-viec --period 2026-11-05T07:30 --format csv
case "$OUT" in *thon-minh-tien*|*thon-tan-lap*) fail "incident CSV lists villages with no incident: $OUT" ;; esac
run_bc 0 --db o.db report --form nl09-thon-su-viec --period 2026-11-05T07:30 --format json
expect_contains "codes in JSON" "$OUT" '"sv-muc-do": "thuong"'
run_bc 0 --db o.db report --form nl09-thon-su-viec --period 2026-11-05T07:30 --format xlsx --out inc.xlsx
unzip -p inc.xlsx xl/worksheets/sheet1.xml > inc.xml
grep -q '<c r="H3" s="[0-9]*"><v>0.3125</v></c>' inc.xml || fail "the time is not an Excel time: $(grep -o '<c r="H3"[^/]*' inc.xml)"
grep -q '<c r="J3" t="inlineStr"><is><t>Thông thường</t>' inc.xml || fail "the choice is not its label in the XLSX"
