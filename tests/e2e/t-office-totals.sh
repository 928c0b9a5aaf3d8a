# SPDX-License-Identifier: GPL-3.0-or-later
# The fixture commune, computed by hand: five villages owe the form
# tests/e2e/fixtures/tq-thon.yaml for 2026-10 —
#   thon-xuan  approved; its revision 2 replaced revision 1 (so-ho 999)
#   thon-nam   final, entered at the office (counts: not returned)
#   thon-ha    returned (so-ho 1000: must not count)
#   thon-thu   a draft only (so-ho 7777: must not count)
#   thon-dong  nothing
# Only xuan and nam count. By hand:
#   so-ho 100 + 50 = 150 (sum)            nhan-khau 400 + 210 = 610 (sum)
#   dien-tich 12.5 + 7.25 = 19.75 ha      thu-nhap (40 + 30) / 2 = 35 (mean)
#   ho-dat 85 + 48 = 133                  ty-le-dat 133 / 150 = 88.67 % (ratio;
#     target >= 90: not met, gap -1.33; xuan 85 not met -5, nam 96 met +6)
#   tu-danh-gia: none (per unit only)     ty-le-tinh round(133/150*100, 2) =
#     88.67 (formula; target >= 80: met, +8.67)
#   vu-lon-nhat max(3, 5) = 5             muc-do Thấp: 1; Cao: 1
#   ghi-chu: 1 unit answered
# Tasks at the end of October (period ends 01/11/2026):
#   1 due 30/09/2026, target 100%: xuan ok 100 (met), nam dang 60 (overdue,
#     not met) -> done 1, doing 1, late 0, not started 0, overdue 2 (nam,
#     and ha, returned; dong sent nothing and thu has only a draft while
#     the report is not due until 10/11: "chưa đến hạn", not behind, as
#     status says)
#   2 due Quý IV/2026: xuan dang 40, nam tre 10 (behind: overdue)
#     -> 0 / 1 / 1 / 0, overdue 1
#   3 ongoing: xuan chua (note), nam ok -> 1 / 0 / 0 / 1, overdue 0
#   4 due "Theo Kế hoạch số 101/KH-UBND ngày 25/5/2025": that date is the
#     plan's, not the task's -> nothing entered, 0 / 0 / 0 / 2, overdue 0
#   ha (returned), thu (draft) and dong (missing) are in no count: each
#     task says "không tính: 1 bị trả lại, 1 bản nháp, 1 chưa nộp"
#   5 due "Quý II, III năm 2026" (two quarters: the form says deadline
#     Quý III/2026, 30/09/2026), nothing entered -> overdue 3 (the two
#     counted and ha, returned: past due all the same)
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)
FORM=$SRC/tests/e2e/fixtures/tq-thon.yaml

run_bc 0 forms check "$FORM"
expect_eq "the fixture form has nothing doubtful" "$ERR" ""
run_bc 0 --db o.db setup office --commune "Xã Thử"
run_bc 0 --db o.db forms install "$FORM"
for v in "Thôn Xuân" "Thôn Hạ" "Thôn Thu" "Thôn Đông" "Thôn Nam"; do
	run_bc 0 --db o.db units add --kind thon --name "$v"
done
fill() {	# unit [--final] json
	u=$1
	shift
	printf '%s' "$2" > in.json
	run_bc 0 --db o.db fill --form tq-thon --period 2026-10 --unit "$u" $1 in.json
}
fill thon-xuan --final '{"so-ho": 999, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85}'
fill thon-xuan --final '{"so-ho": 100, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85, "ty-le-dat": 85, "tu-danh-gia": 90, "vu-lon-nhat": 3, "muc-do": "thap", "ghi-chu": "Ổn định", "nv": [{"_row": "1", "nv-tt": "ok", "nv-pct": 100, "nv-mc": "QĐ 12/QĐ-UBND ngày 05/09/2026"}, {"_row": "2", "nv-tt": "dang", "nv-pct": 40}, {"_row": "3", "nv-tt": "chua", "nv-gc": "Chưa có kinh phí"}]}'
run_bc 0 --db o.db review approve --form tq-thon --unit thon-xuan --period 2026-10
fill thon-nam --final '{"so-ho": 50, "nhan-khau": 210, "dien-tich": "7,25", "thu-nhap": 30, "ho-dat": 48, "ty-le-dat": 96, "tu-danh-gia": 95, "vu-lon-nhat": 5, "muc-do": "cao", "nv": [{"_row": "1", "nv-tt": "dang", "nv-pct": 60}, {"_row": "2", "nv-tt": "tre", "nv-pct": 10, "nv-gc": "Thiếu người"}, {"_row": "3", "nv-tt": "ok"}]}'
fill thon-ha --final '{"so-ho": 1000, "nhan-khau": 1, "dien-tich": 1, "thu-nhap": 1000, "ho-dat": 1, "vu-lon-nhat": 99, "muc-do": "cao"}'
run_bc 0 --db o.db review return --form tq-thon --unit thon-ha --period 2026-10 --reason "Số hộ sai"
fill thon-thu '' '{"so-ho": 7777, "vu-lon-nhat": 77}'

# status agrees on who is behind on which rows (the report is due 10/11)
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_eq "status overdue rows" "$(printf '%s\n' "$OUT" | grep '^tq-thon' | cut -f3,4,8 | sort)" "thon-dong	pending	
thon-ha	returned	1,5
thon-nam	on-time	1,2,5
thon-thu	pending	
thon-xuan	on-time	5"

# --- text ---
run_bc 0 --db o.db report --form tq-thon --period 2026-10
TXT=$OUT
expect_contains "counted" "$TXT" "Đã tính 2/5 đơn vị. Không tính: thon-dong (chưa nộp), thon-ha (bị trả lại,
không tính: Số hộ sai), thon-thu (bản nháp, không tính)"
expect_contains "sum" "$TXT" "  Số hộ                                    150 hộ          (cộng)"
expect_contains "sum of persons" "$TXT" "  Nhân khẩu                                610 người       (cộng)"
expect_contains "sum of areas" "$TXT" "  Diện tích lúa                          19.75 ha          (cộng)"
expect_contains "mean" "$TXT" "  Thu nhập bình quân                        35 triệu đồng  (trung bình)"
expect_contains "ratio" "$TXT" "  Tỷ lệ hộ đạt chuẩn                     88.67 %           (tỷ lệ các tổng)
    chỉ tiêu ≥ 90%: chưa đạt (chênh -1.33)"
expect_contains "none" "$TXT" "  Tự đánh giá                                —             (không cộng)"
expect_contains "formula" "$TXT" "  Tỷ lệ tính                             88.67 %           (tính từ tổng)
    chỉ tiêu ≥ 80%: đạt (chênh +8.67)"
expect_contains "max" "$TXT" "  Số vụ lớn nhất                             5 vụ          (lớn nhất)"
expect_contains "options" "$TXT" "  Mức độ                                                   (theo lựa chọn)
    Thấp: 1; Cao: 1"
expect_contains "a text field's total" "$TXT" "  Ghi chú chung                                            (số đơn vị trả lời)
    1 đơn vị trả lời"
expect_contains "revision" "$TXT" "  thon-xuan             đã duyệt    lần 2  Thôn Xuân"
expect_contains "unit targets" "$TXT" "  Tỷ lệ hộ đạt chuẩn (≥ 90%)
    thon-nam                96            đạt       +6
    thon-xuan               85            chưa đạt  -5"
expect_contains "task 1" "$TXT" "  1        1 /   1 /   0 /   0    2  Việc một của thôn trong quý
         không tính: 1 bị trả lại, 1 bản nháp, 1 chưa nộp
         hạn: 30/09/2026
         chỉ tiêu: 100%
      thon-nam            Đang làm          60%   QUÁ HẠN  chưa đạt chỉ tiêu
      thon-xuan           Hoàn thành        100%
        đạt chỉ tiêu · QĐ 12/QĐ-UBND ngày 05/09/2026"
expect_contains "task 2" "$TXT" "  2        0 /   1 /   1 /   0    1  Việc hai
         không tính: 1 bị trả lại, 1 bản nháp, 1 chưa nộp
         hạn: 31/12/2026
      thon-nam            Trễ hạn           10%   QUÁ HẠN  Thiếu người
      thon-xuan           Đang làm          40%"
expect_contains "task 3" "$TXT" "  3        1 /   0 /   0 /   1    0  Việc ba
         không tính: 1 bị trả lại, 1 bản nháp, 1 chưa nộp
      thon-nam            Hoàn thành
      thon-xuan           Chưa làm                         Chưa có kinh phí"
expect_contains "task 4: a plan's date is no deadline" "$TXT" "  4        0 /   0 /   0 /   2    0  Việc bốn"
expect_contains "task 5: the last quarter of a list" "$TXT" "  5        0 /   0 /   0 /   2    3  Việc năm"
expect_contains "commune alert" "$TXT" "! Toàn xã: Tỷ lệ hộ đạt chuẩn = 88.67% (chỉ tiêu ≥ 90%, còn thiếu 1.33)"
case "$TXT" in *999*|*1000*|*7777*) fail "a replaced, returned or draft figure reached the report" ;; esac
# every line fits 78 columns (the report screen draws from the second)
printf '%s\n' "$TXT" | while IFS= read -r l; do
	w=$(printf '%s' "$l" | wc -m)
	[ "$w" -le 78 ] || fail "a text line is $w columns: $l"
done

# --- CSV ---
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format csv --out r.csv
tr -d '\r' < r.csv > r.txt
expect_contains "csv codes" "$(cat r.txt)" "unit,name,status,revision,counted,so-ho,nhan-khau,dien-tich,thu-nhap,ho-dat,ty-le-dat,tu-danh-gia,ty-le-tinh,vu-lon-nhat,muc-do,ghi-chu"
expect_contains "csv xuan" "$(cat r.txt)" "thon-xuan,Thôn Xuân,đã duyệt,2,được tính,100,400,12.5,40,85,85,90,85,3,Thấp,Ổn định"
# a returned report is shown, marked, and left out of the total
expect_contains "csv returned" "$(cat r.txt)" "thon-ha,Thôn Hạ,bị trả lại,1,\"bị trả lại, không tính\",1000,1,1,1000,1,,,0.1,99,Cao,"
expect_contains "csv draft" "$(cat r.txt)" "thon-thu,Thôn Thu,bản nháp,1,\"bản nháp, không tính\",,,,,,,,,,,"
expect_contains "csv total" "$(cat r.txt)" ",Tổng toàn xã (2/5 đơn vị),,,,150,610,19.75,35,133,88.67,,88.67,5,Thấp: 1; Cao: 1,1 đơn vị trả lời"
expect_contains "csv how" "$(cat r.txt)" ",Cách tính tổng,,,,cộng,cộng,cộng,trung bình,cộng,tỷ lệ các tổng,không cộng,tính từ tổng,lớn nhất,theo lựa chọn,số đơn vị trả lời"
expect_contains "csv targets" "$(cat r.txt)" ",Chỉ tiêu,,,,≥ kỳ trước,,,,,≥ 90%,,≥ 80%,,,"
expect_contains "csv met" "$(cat r.txt)" ",Toàn xã đạt chỉ tiêu,,,,,,,,,chưa đạt,,đạt,,,"
expect_contains "csv unit vs target" "$(cat r.txt)" "thon-xuan,Thôn Xuân,Tỷ lệ hộ đạt chuẩn,ty-le-dat,85,≥ 90%,chưa đạt,-5"
expect_contains "csv commune vs target" "$(cat r.txt)" ",Toàn xã,Tỷ lệ hộ đạt chuẩn,ty-le-dat,88.67,≥ 90%,chưa đạt,-1.33"
expect_contains "csv formula vs target" "$(cat r.txt)" "thon-nam,Thôn Nam,Tỷ lệ tính,ty-le-tinh,96,≥ 80%,đạt,16"
expect_contains "csv task row" "$(cat r.txt)" "1,Việc một của thôn trong quý,thon-nam,Thôn Nam,Đang làm,đang làm,60,,,30/09/2026,30/09/2026,có,100%,chưa đạt"
expect_contains "csv task done" "$(cat r.txt)" "1,Việc một của thôn trong quý,thon-xuan,Thôn Xuân,Hoàn thành,xong,100,QĐ 12/QĐ-UBND ngày 05/09/2026,,30/09/2026,30/09/2026,không,100%,đạt"
expect_contains "csv task behind" "$(cat r.txt)" "2,Việc hai,thon-nam,Thôn Nam,Trễ hạn,chậm,10,,Thiếu người,Quý IV/2026,31/12/2026,có,,"

expect_contains "csv names what it is" "$(cat r.txt)" "Biểu mẫu,tq-thon,Báo cáo thử của thôn
Kỳ,2026-10,tháng 10 năm 2026
Xã,Xã Thử"
# --- JSON ---
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format json --out r.json
J=$(cat r.json)
expect_contains "json counted" "$J" '"units_counted": 2,
  "units_owing": 5,'
expect_contains "json ratio" "$J" '"field": "ty-le-dat",
      "total": "ratio",
      "value": 88.6666666667,
      "units": 2,
      "text": "88.67",
      "target_met": false,
      "gap": -1.333333'
expect_contains "json choices: codes with counts, units that answered, words apart" "$J" '"field": "muc-do",
      "total": "options",
      "value": {
        "thap": 1,
        "cao": 1
      },
      "units": 2,
      "text": "Thấp: 1; Cao: 1",'
expect_contains "json text answers: a count" "$J" '"field": "ghi-chu",
      "total": "count",
      "value": 1,
      "units": 1,
      "text": "1 đơn vị trả lời",'
expect_contains "json mean" "$J" '"field": "thu-nhap",
      "total": "mean",
      "value": 35.0,'
expect_contains "json target" "$J" '"target": {
        "text": "tối thiểu 90%",
        "cmp": ">=",
        "value": 90.0,
        "unit": "%"
      }'
expect_contains "json returned" "$J" '"status": "returned",
      "included": "returned",'
expect_contains "json task" "$J" '"id": "1",
      "task": "Việc một của thôn trong quý",
      "due": "30/09/2026",
      "due_date": "30/09/2026",'
expect_contains "json task counts" "$J" '"done": 1,
      "in_progress": 1,
      "late": 0,
      "not_started": 0,
      "overdue": 2,
      "overdue_units": [
        "thon-ha",
        "thon-nam"
      ],'
expect_contains "json task: who is left out, apart" "$J" '"not_counted": {
        "returned": 1,
        "draft": 1,
        "missing": 1
      }'
expect_contains "json task cell" "$J" '"unit": "thon-nam",
          "status": "dang",
          "progress": "started",
          "percent": 60.0,
          "evidence": null,
          "note": null,
          "overdue": true,
          "target_met": false'

# --- XLSX: the same figures, the tasks on a sheet of their own ---
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format xlsx --out r.xlsx
unzip -p r.xlsx xl/worksheets/sheet1.xml > s1.xml
grep -q '<c r="F8" s="[0-9]*"><v>150</v>' s1.xml || fail "xlsx: total of so-ho is not 150: $(grep -o '<c r="F8"[^/]*' s1.xml)"
grep -q '<c r="H8" s="[0-9]*"><v>19.75</v>' s1.xml || fail "xlsx: total area"
grep -q '<c r="K8" s="[0-9]*"><v>88.67</v>' s1.xml || fail "xlsx: the ratio"
# off target stands out: xuan's 85 and the commune's 88.67 (< 90), not nam's 96
style() { grep -o "<c r=\"$1\" s=\"[0-9]*\"" s1.xml | sed 's/.*s="//; s/"//'; }
[ "$(style K7)" = "$(style K8)" ] && [ "$(style K7)" != "$(style K5)" ] ||
	fail "xlsx: off-target figures are not marked (K5 $(style K5), K7 $(style K7), K8 $(style K8))"
unzip -p r.xlsx xl/workbook.xml | grep -q 'name="Tiến độ nhiệm vụ"' || fail "xlsx: no task progress sheet"
unzip -p r.xlsx xl/worksheets/sheet2.xml > s2.xml
[ "$(grep -o '<row ' s2.xml | wc -l)" = 26 ] || fail "xlsx: the task sheet should have 1 + 5 tasks x 5 units rows"
grep -q '<t>Trễ hạn</t>' s2.xml || fail "xlsx: a status"
unzip -p r.xlsx xl/worksheets/sheet3.xml > s3.xml
grep -q '<t>thon-nam</t>' s3.xml || fail "xlsx: the commune view names who is late"
grep -q '<t>1 bị trả lại, 1 bản nháp, 1 chưa nộp</t>' s3.xml || fail "xlsx: the commune view does not say who is left out"
grep -q '<c r="F2"[^>]*><v>0</v>' s3.xml || fail "xlsx: task 1 counts units left out as not started: $(grep -o '<c r="F2"[^/]*' s3.xml)"
unzip -p r.xlsx xl/workbook.xml | grep -q 'name="Chỉ tiêu"' || fail "xlsx: no targets sheet"
unzip -p r.xlsx xl/worksheets/sheet4.xml | grep -q '<t>chưa đạt</t>' || fail "xlsx: the targets sheet has no verdict"

# --- long formats: one row per value, with codes ---
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format long-csv --out l.csv
L=$(tr -d '\r' < l.csv)
expect_contains "long head" "$L" "form,form_version,report,period,unit,unit_name,field,row,value,measure,status,revision,received_at"
expect_contains "long value" "$L" "tq-thon,1,tq-thon,2026-10,thon-xuan,Thôn Xuân,so-ho,,100,hộ,approved,2,"
expect_contains "long grid cell" "$L" "tq-thon,1,tq-thon,2026-10,thon-nam,Thôn Nam,nv-tt,2,tre,,final,1,"
case "$L" in *thon-ha*|*thon-thu*) fail "long-csv holds a unit not counted" ;; esac
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format long-json --out l.json
[ "$(grep -c '"field"' l.json)" = "$(($(wc -l < l.csv) - 1))" ] || fail "long-json and long-csv differ in rows"
if command -v python3 >/dev/null && python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$SRC/office/long.schema.json" l.json <<'PY' || fail "long-json does not follow its schema"
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
fi

# --- DHIS2: a dataValueSets document through a mapping file ---
cat > map.yaml <<'Y'
dataSet: QX4ZTUbOt3a
commune: ImspTQPwCqd
orgUnits:
  thon-xuan: DiszpKrYNg8
dataElements:
  so-ho: fbfJHSPpUQD
  ho-dat: {dataElement: cYeuwXTCPkU, categoryOptionCombo: pq2XI5kz2BY}
  nv-pct[1]: {dataElement: Jtf34kNZhzP}
Y
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format dhis2 --mapping map.yaml --out d.json
D=$(cat d.json)
expect_contains "dhis2 head" "$D" '"dataSet": "QX4ZTUbOt3a",
  "period": "202610",
  "dataValues": ['
expect_contains "dhis2 unit value" "$D" '"dataElement": "fbfJHSPpUQD",
      "period": "202610",
      "orgUnit": "DiszpKrYNg8",
      "value": "100"'
expect_contains "dhis2 combo" "$D" '"orgUnit": "DiszpKrYNg8",
      "categoryOptionCombo": "pq2XI5kz2BY",
      "value": "85"'
expect_contains "dhis2 grid cell" "$D" '"dataElement": "Jtf34kNZhzP",
      "period": "202610",
      "orgUnit": "DiszpKrYNg8",
      "value": "100"'
expect_contains "dhis2 commune total" "$D" '"orgUnit": "ImspTQPwCqd",
      "value": "150"'
[ "$(grep -c '"dataElement"' d.json)" = 5 ] || fail "dhis2: want 3 values of thon-xuan and 2 totals, got $(grep -c '"dataElement"' d.json)"
expect_contains "unmapped unit listed" "$ERR" "dhis2: chưa ánh xạ: đơn vị chưa có orgUnit — thon-nam so-ho = 50"
expect_contains "unmapped field listed" "$ERR" "dhis2: chưa ánh xạ: trường chưa có dataElement — thon-xuan dien-tich = 12.5"
case "$D" in *thon-ha*|*1000*) fail "dhis2 holds a returned report" ;; esac
printf 'dataElements:\n  so-ho: fbfJHSPpUQD\n  khong-co: fbfJHSPpUQE\n' > bad-map.yaml
run_bc 2 --db o.db report --form tq-thon --period 2026-10 --format dhis2 --mapping bad-map.yaml
expect_eq "a field the form lacks" "$ERR" "baocao: không phải trường nào của báo cáo (TRƯỜNG hoặc CỘT[STT]): khong-co — bad-map.yaml:3:3"
printf 'orgUnits:\n  thon-xuan: DiszpKrYNg8\n  thon-khong: DiszpKrYNg9\ndataElements:\n  so-ho: fbfJHSPpUQD\n' > bad-map.yaml
run_bc 2 --db o.db report --form tq-thon --period 2026-10 --format dhis2 --mapping bad-map.yaml
expect_eq "a unit the report lacks" "$ERR" "baocao: không phải đơn vị nào của báo cáo (xem 'baocao units list'): thon-khong — bad-map.yaml:3:3"
printf 'dataElements:\n  so-ho: 123\n' > bad-map.yaml
run_bc 2 --db o.db report --form tq-thon --period 2026-10 --format dhis2 --mapping bad-map.yaml
expect_eq "not a uid" "$ERR" "baocao: không phải mã DHIS2 (11 chữ cái và chữ số, bắt đầu bằng chữ cái): 123 — bad-map.yaml:2:10"
run_bc 1 --db o.db report --form tq-thon --period 2026-10 --format dhis2 --mapping none.yaml
run_bc 2 --db o.db report --form tq-thon --period 2026-10 --format dhis2
[ ! -e d2.json ] || fail "a file was left"

# --- the revision that counts: the latest the office accepted ---
# a draft saved at the office over xuan's approved revision 2 hides nothing
fill thon-xuan '' '{"so-ho": 5555}'
# nam's revision 1 approved, its revision 2 (so-ho 70) returned: revision 1
# counts again (one only received would stay replaced: t-tui-office)
run_bc 0 --db o.db review approve --form tq-thon --unit thon-nam --period 2026-10
fill thon-nam --final '{"so-ho": 70, "nhan-khau": 210, "dien-tich": "7,25", "thu-nhap": 30, "ho-dat": 48}'
run_bc 0 --db o.db review return --form tq-thon --unit thon-nam --period 2026-10 --reason "Sai số hộ"
run_bc 0 --db o.db report --form tq-thon --period 2026-10
expect_contains "a newer draft hides no approved revision" "$OUT" "Đã tính 2/5 đơn vị."
expect_contains "the total still holds both" "$OUT" "  Số hộ                                    150 hộ          (cộng)"
expect_contains "the draft is noted" "$OUT" "! thon-xuan: có bản nháp mới hơn (lần 3), chưa tính; vẫn tính lần 2"
expect_contains "the return is noted" "$OUT" "! thon-nam: lần 2 bị trả lại (Sai số hộ), vẫn tính lần 1"
expect_contains "xuan shows the revision counted" "$OUT" "  thon-xuan             đã duyệt    lần 2  Thôn Xuân"
case "$OUT" in *5555*|*" 70 "*) fail "a draft or a returned figure reached the report" ;; esac
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format json --out rc.json
expect_contains "json: the newer revision" "$(cat rc.json)" '"newer_revision": {
        "revision": 3,
        "status": "draft"'
run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format long-csv --out rc.csv
expect_contains "long-csv: the revision counted" "$(tr -d '\r' < rc.csv)" "tq-thon,1,tq-thon,2026-10,thon-xuan,Thôn Xuân,so-ho,,100,hộ,approved,2,"
# once the newer revision is final and accepted, it counts
fill thon-xuan --final '{"so-ho": 120, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85}'
run_bc 0 --db o.db report --form tq-thon --period 2026-10
expect_contains "a newer final one counts" "$OUT" "  Số hộ                                    170 hộ          (cộng)"
fill thon-xuan --final '{"so-ho": 100, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85, "ty-le-dat": 85, "tu-danh-gia": 90, "vu-lon-nhat": 3, "muc-do": "thap", "ghi-chu": "Ổn định", "nv": [{"_row": "1", "nv-tt": "ok", "nv-pct": 100, "nv-mc": "QĐ 12/QĐ-UBND ngày 05/09/2026"}, {"_row": "2", "nv-tt": "dang", "nv-pct": 40}, {"_row": "3", "nv-tt": "chua", "nv-gc": "Chưa có kinh phí"}]}'

# --- a target relative to the previous period: the gap is from the figure it
# asks (100 -> target 105), not from last period ---
cat > inc.yaml <<'Y'
form: tang
version: 1
title: Tăng
unit: thon
reports: [{id: tang, period: month, deadline: day 10 of next month}]
fields:
  - {name: so, type: integer, label: Số hộ, unit: hộ, target: "tăng ít nhất 5%"}
  - {name: gc, type: text, label: Ghi chú}
  - {name: hd, type: integer, label: Hoạt động, target: "phấn đấu hoàn thành"}
Y
run_bc 0 --db i.db setup office --commune "Xã Thử"
run_bc 0 --db i.db forms install inc.yaml
run_bc 0 --db i.db units add --kind thon --name "Bình"
run_bc 0 --db i.db units add --kind thon --name "An"
for m in "09 binh 100" "09 an 100" "10 binh 104" "10 an 105"; do
	set -- $m
	printf '{"so": %s}' "$3" > in.json
	run_bc 0 --db i.db fill --form tang --period 2026-$1 --unit $2 --final in.json
done
run_bc 0 --db i.db report --form tang --period 2026-10
expect_contains "104 for a target of 105: short by 1" "$OUT" "    binh                    104           chưa đạt  -1  (chỉ tiêu 105)"
expect_contains "105 for 105: met, no gap" "$OUT" "    an                      105           đạt       +0  (chỉ tiêu 105)"
expect_contains "alert: a space between figure and unit" "$OUT" "! binh: Số hộ = 104 hộ (chỉ tiêu ≥ kỳ trước + 5 %)"
expect_contains "an unread target is shown, not judged" "$OUT" "  Hoạt động                                  —             (cộng)
    chỉ tiêu: phấn đấu hoàn thành (không so sánh được)"
run_bc 0 --db i.db report --form tang --period 2026-10 --format csv --out i.csv
expect_contains "csv: the target resolved beside its text" "$(tr -d '\r' < i.csv)" "binh,Bình,Số hộ,so,104,≥ kỳ trước + 5 % (105),chưa đạt,-1"
run_bc 0 --db i.db report --form tang --period 2026-10 --format csv --out i.csv --force
expect_contains "csv: an unread target as written" "$(tr -d '\r' < i.csv)" ",Chỉ tiêu,,,,≥ kỳ trước + 5 %,,phấn đấu hoàn thành (không so sánh được)"
# CSV injection: text a spreadsheet would run as a formula is shown as text
printf '%s' '{"so": 104, "gc": "=HYPERLINK(\"http://x.invalid\",\"Xem\")"}' > in.json
run_bc 0 --db i.db fill --form tang --period 2026-10 --unit binh --final in.json
printf '%s' '{"so": 105, "gc": "-2+3"}' > in.json
run_bc 0 --db i.db fill --form tang --period 2026-10 --unit an --final in.json
run_bc 0 --db i.db report --form tang --period 2026-10 --format csv --out i.csv --force
C=$(tr -d '\r' < i.csv)
expect_contains "csv: a formula is text" "$C" "binh,Bình,hoàn tất,2,được tính,104,\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"Xem\"\")\""
expect_contains "csv: a sum is text" "$C" "an,An,hoàn tất,2,được tính,105,'-2+3"
expect_contains "csv: a negative number stays a number" "$C" "binh,Bình,Số hộ,so,104,≥ kỳ trước + 5 % (105),chưa đạt,-1"
run_bc 0 --db i.db report --form tang --period 2026-10 --format long-csv --out il.csv
expect_contains "long-csv: a formula is text" "$(tr -d '\r' < il.csv)" ",gc,,'-2+3,"
run_bc 0 --db i.db report --form tang --period 2026-10 --format json --out i.json
expect_contains "json: gap and target value" "$(cat i.json)" '"gap": -1.0,
          "target_value": 105.0'

# --- a unit whose name is longer than an id may be (40 characters) ---
LONG="Trường Phổ thông Dân tộc Bán trú Trung học cơ sở Ngọc Lặc"
run_bc 0 --db i.db units add --kind thon --name "$LONG"
expect_eq "the id cut at a word" "$OUT" "truong-pho-thong-dan-toc-ban-tru-trung"
expect_contains "the id chosen is said" "$ERR" "dùng mã 'truong-pho-thong-dan-toc-ban-tru-trung'"
run_bc 0 --db i.db units add --kind thon --name "$LONG 2"
expect_eq "a second one: unique" "$OUT" "truong-pho-thong-dan-toc-ban-tru-trung-2"
# the text report never cuts an id: two that differ only at the end stay apart
run_bc 0 --db i.db report --form tang --period 2026-10
expect_contains "a long id whole" "$OUT" "  truong-pho-thong-dan-toc-ban-tru-trung
                        chưa nộp"
expect_contains "the other long id whole" "$OUT" "  truong-pho-thong-dan-toc-ban-tru-trung-2
                        chưa nộp"
run_bc 2 --db i.db units add --kind thon --name "X" --id "truong-pho-thong-dan-toc-ban-tru-trung-hoc-co-so"
expect_eq "an explicit id too long says the limit" "$ERR" "baocao: mã đơn vị dài 48 ký tự, quá giới hạn 40: truong-pho-thong-dan-toc-ban-tru-trung-hoc-co-so"

# --- forms check: what it cannot read, where ---
cat > bad.yaml <<'Y'
form: bad
version: 1
title: T
unit: thon
reports: [{id: thang, period: month, deadline: day 10 of next month}]
fields:
  - {name: a, type: integer, label: A, target: "khoảng chừng 90"}
  - {name: b, type: decimal, label: Tỷ lệ, unit: "%"}
Y
run_bc 0 forms check bad.yaml
expect_line "unread target" "$ERR" "^cảnh báo: không đọc được chỉ tiêu 'khoảng chừng 90'.* — bad.yaml:7:49$"
expect_line "doubtful default" "$ERR" "^cảnh báo: 'b' là tỷ lệ.* — bad.yaml:8:5$"
sed -i 's/unit: "%"}/unit: "%", total: average}/' bad.yaml
run_bc 2 forms check bad.yaml
expect_contains "bad total" "$ERR" "'total' là sum, mean, min, max, count, none hoặc ratio(TỬ, MẪU), không phải 'average' — bad.yaml:8:62"
sed -i 's/total: average/total: "ratio(a, khong-co)"/' bad.yaml
run_bc 2 forms check bad.yaml
expect_contains "ratio of nothing" "$ERR" "không có trường 'khong-co'"
printf 'form: x\nversion: 1\ntitle: T\nunit: thon\nreports: [{id: thang, period: month, deadline: day 10 of next month}]\nfields:\n  - {name: a, type: text, label: A, total: sum}\n' > sum.yaml
run_bc 2 forms check sum.yaml
expect_eq "a sum of text" "$ERR" "'total: sum' chỉ dùng cho trường số (lựa chọn, chữ: count hoặc none) — sum.yaml:7:44"

# --- the printable report (Decree 30/2020): A4, every Vietnamese letter
# kept, a table that breaks across pages repeats its header ---
if command -v pdftotext >/dev/null; then
	# no page ends with a heading, whatever the length of the lists
	# before it: two counted units and 10..16 others move the alerts'
	# heading ("V. CẢNH BÁO", once left alone at 12) across a page's foot
	ends_with_heading() {	# pdf -> the first page whose last line is a heading
		np=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
		for pn in $(seq 1 "$np"); do
			last=$(pdftotext -layout -f "$pn" -l "$pn" "$1" - | grep -v '^[[:space:]]*$' | tail -1)
			case "$last" in *"I. "[A-ZĐ]*|*"V. "[A-ZĐ]*|*"Chỉ tiêu theo từng đơn vị"*)
				echo "page $pn of $np: $last"; return ;;
			esac
		done
	}
	run_bc 0 --db sw.db setup office --commune "Xã Thử"
	run_bc 0 --db sw.db forms install "$FORM"
	printf '%s' '{"so-ho": 100, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85, "ty-le-dat": 85, "tu-danh-gia": 90, "vu-lon-nhat": 3, "muc-do": "thap", "ghi-chu": "Ổn định", "nv": [{"_row": "1", "nv-tt": "ok", "nv-pct": 100}, {"_row": "2", "nv-tt": "dang", "nv-pct": 40}, {"_row": "3", "nv-tt": "chua", "nv-gc": "Chưa có kinh phí"}]}' > sw.json
	for v in "Thôn Xuân" "Thôn Nam"; do
		run_bc 0 --db sw.db units add --kind thon --name "$v"
		run_bc 0 --db sw.db fill --form tq-thon --period 2026-10 --unit "$(printf '%s' "$OUT" | cut -f1)" --final sw.json
	done
	for i in $(seq 1 16); do
		run_bc 0 --db sw.db units add --kind thon --name "Thôn Mới Số $i"
		[ "$i" -ge 10 ] || continue
		run_bc 0 --db sw.db report --form tq-thon --period 2026-10 --format pdf --out sw.pdf --force
		h=$(ends_with_heading sw.pdf)
		[ -z "$h" ] || fail "pdf with 2 + $i units: a heading ends $h"
	done
	for i in $(seq 1 40); do
		run_bc 0 --db o.db units add --kind thon --name "Thôn Mới Số $i"
	done
	ALL="ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
	run_bc 0 --db o.db report --form tq-thon --period 2026-10 --format pdf --out r.pdf \
		--number "15/BC-UBND" --signer "Nguyễn Thị Ấn" --to "UBND tỉnh" --to "$ALL"
	pdfinfo r.pdf > info.txt || fail "pdfinfo cannot read the PDF"
	grep -q "^Page size: *595.276 x 841.89 pts (A4)" info.txt || fail "not A4: $(grep 'Page size' info.txt)"
	pages=$(sed -n 's/^Pages: *//p' info.txt)
	[ "$pages" -ge 2 ] || fail "45 units should need a second page, got $pages"
	pdftotext -layout r.pdf all.txt
	P=$(cat all.txt)
	for want in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
	    "Số: 15/BC-UBND" "Thử, ngày 05 tháng 11 năm 2026" \
	    "BÁO CÁO" "Nơi nhận:" "TM. ỦY BAN NHÂN DÂN" "CHỦ TỊCH" "Nguyễn Thị Ấn" "- Lưu: VT." \
	    "Số đơn vị được tính: 2/45." "88.67" "19.75" "Chưa đạt" "Thôn Mới Số 40"; do
		expect_contains "pdf text" "$P" "$want"
	done
	expect_contains "the period in words in the title" "$P" "tháng 10 năm 2026"
	case "$P" in *"kỳ 2026-10"*) fail "pdf: the raw period code in the title" ;; esac
	# the issuing body as Decree 30 sets it: the UBND line, then the commune's
	grep -A1 "ỦY BAN NHÂN DÂN *CỘNG HÒA" all.txt | tail -1 | grep -q "^ *XÃ THỬ " ||
		fail "pdf: the issuing body is not 'ỦY BAN NHÂN DÂN' / 'XÃ THỬ': $(grep -A1 'ỦY BAN' all.txt | head -2)"
	# a date is never split inside a table cell
	grep -q "30/09/2026" all.txt || fail "pdf: the deadline 30/09/2026 is split"
	if grep -q "30/09/20 *$" all.txt; then fail "pdf: a date split across lines"; fi
	# no page ends with a section heading (its table on the next page)
	pn=1
	while [ "$pn" -le "$pages" ]; do
		pdftotext -layout -f "$pn" -l "$pn" r.pdf pg.txt
		last=$(grep -v '^[[:space:]]*$' pg.txt | tail -1)
		case "$last" in *"I. "[A-ZĐ]*|*"V. "[A-ZĐ]*) fail "pdf: page $pn ends with a heading: $last" ;; esac
		pn=$((pn + 1))
	done
	# what the other formats carry: per-unit verdicts, a text field's total
	expect_contains "pdf: targets unit by unit" "$P" "Chỉ tiêu theo từng đơn vị"
	expect_contains "pdf: a unit's verdict" "$(tr -s ' ' < all.txt)" "Thôn Xuân Tỷ lệ hộ đạt chuẩn 85 ≥ 90% Chưa đạt -5"
	grep -q "Ghi chú chung *1 đơn vị" all.txt || fail "pdf: a text field's total is missing"
	# the closing is never alone on its page: the last alert goes with it
	pdftotext -layout -f "$pages" -l "$pages" r.pdf last.txt
	grep -q "Nơi nhận" last.txt || fail "pdf: no closing on the last page"
	grep -q "^- Toàn xã:" last.txt || fail "pdf: the closing stands alone on the last page: $(head -5 last.txt)"
	# every letter, whatever the line breaks
	expect_contains "every Vietnamese letter" "$(tr -d ' \n' < all.txt)" "$(printf '%s' "$ALL" | tr -d ' ')"
	# the units' table header on every page it runs over
	heads=$(grep -c "Tình trạng *Được tính" all.txt)
	[ "$heads" -ge 2 ] || fail "the table header is not repeated on the next page ($heads)"
	# a page that starts with the table's rows starts with its header
	pdftotext -layout -f 2 -l 2 r.pdf p2.txt
	grep -q "Tình trạng *Được tính" p2.txt || fail "page 2 has no table header"
fi
