# SPDX-License-Identifier: GPL-3.0-or-later
# baocao fill: one submission from JSON or CSV, the same checks as the
# interface; drafts saved whatever the checks say, --final only when clean;
# bad values, fields and periods write nothing.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db f.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
cat > oct.json <<'J'
{"so-ho": 120, "so-nhan-khau": "480", "ho-ngheo": 130, "ho-can-ngheo": 5,
 "noi-dung-tuyen-truyen": "bhyt attp",
 "nhiem-vu": [{"_row": "1", "nv-trang-thai": "xong", "nv-ket-qua": "100"},
              {"_row": "4", "nv-trang-thai": "Đang thực hiện", "nv-ket-qua": "12,5"}]}
J
# A draft with errors is saved (nothing typed is lost), the errors listed.
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-10 oct.json
expect_eq "draft" "$OUT" "nl09-thon-thang thon-dong-tam 2026-10: đã lưu nháp (lần sửa 1; 2 lỗi, 0 cảnh báo)."
expect_eq "issues" "$ERR" "lỗi: Số hộ nghèo không thể lớn hơn tổng số hộ. — ho-ngheo, oct.json
lỗi: Hộ nghèo cộng hộ cận nghèo không thể lớn hơn tổng số hộ. — ho-can-ngheo, oct.json"
# --final with errors writes nothing.
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
expect_contains "refused" "$ERR" "baocao: chưa hoàn tất được: còn 2 lỗi và 0 cảnh báo chưa giải thích; không ghi gì"
run_bc 0 --db f.db audit --format tsv
expect_eq "not finalised" "$(printf '%s\n' "$OUT" | cut -f5 | grep -c finalise)" 0
sed -i 's/"ho-ngheo": 130/"ho-ngheo": 13/' oct.json
# The draft with the errors stays as revision 1; the final one is 2.
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
expect_eq "final" "$OUT" "nl09-thon-thang thon-dong-tam 2026-10: đã hoàn tất (lần sửa 2)."
run_bc 0 --db f.db status
expect_contains "counted" "$OUT" "1"

# CSV, with Vietnamese number spelling; prev() sees October: a jump from
# 120 to 1234 households is a warning, confirmed by the reason column.
printf 'field,value,reason\nso-ho,1.234\nso-nhan-khau,5000\nho-ngheo,12\nnv-trang-thai[2],xong\n' > nov.csv
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-11 nov.csv
expect_eq "warning" "$ERR" "cảnh báo: Số hộ thay đổi hơn 50% so với kỳ trước; hãy kiểm tra lại. — so-ho, nov.csv:2"
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-11 --final nov.csv
expect_contains "unexplained" "$ERR" "còn 0 lỗi và 1 cảnh báo chưa giải thích"
printf 'so-ho,1.234,Sáp nhập thôn Đông\nso-nhan-khau,5000\nho-ngheo,12\n' > nov.csv
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-11 --final nov.csv
expect_eq "explained" "$ERR" "cảnh báo (đã giải thích): Số hộ thay đổi hơn 50% so với kỳ trước; hãy kiểm tra lại. — so-ho, nov.csv:1"
# Reopening a final submission starts revision 3; October's final stays.
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-10 - < oct.json
expect_contains "rev 3" "$OUT" "(lần sửa 3;"

# Bad input writes nothing: a value, a field, a row, a period, a file.
printf 'so-ho,abc\n' > bad.csv
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-12 bad.csv
expect_eq "bad value" "$ERR" 'baocao: "abc" không phải số nguyên — so-ho, bad.csv:1'
printf 'so-ho,1\nnv-ket-qua[9],5\n' > bad.csv
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-12 bad.csv
expect_eq "bad row" "$ERR" "baocao: không có dòng '9' — nv-ket-qua[9], bad.csv:2"
echo '{"so-ho": 1, "so-hoo": 2}' > bad.json
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-12 bad.json
expect_eq "bad field" "$ERR" "baocao: không có trường 'so-hoo' — bad.json"
echo '{"so-ho": 1' > bad.json
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-12 bad.json
expect_eq "bad json" "$ERR" "baocao: JSON sai: '}' expected near end of file — bad.json:2"
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-Q4 oct.json
expect_eq "bad period" "$ERR" "baocao: kỳ '2026-Q4' không hợp lệ cho báo cáo nl09-thon-thang (Tháng, ví dụ 2026-10)"
run_bc 2 --db f.db fill --form nope --period 2026-10 oct.json
expect_eq "bad form" "$ERR" "baocao: không có biểu mẫu 'nope' (xem 'baocao forms list')"
run_bc 1 --db f.db fill --form nl09-thon-thang --period 2026-12 missing.json
expect_eq "missing file" "$ERR" "baocao: không đọc được: không có tệp hoặc thư mục này — missing.json"
run_bc 0 --db f.db audit --format tsv
expect_contains "nothing for December" "$(printf '%s\n' "$OUT" | grep -c 2026-12)" "0"

# The office fills for a unit of the roster, of the form's kind.
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 2 --db o.db fill --form nl09-thon-thang --period 2026-10 oct.json
expect_contains "needs --unit" "$ERR" "--unit"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 2 --db o.db fill --form nl09-thon-thang --period 2026-10 --unit van-phong oct.json
expect_contains "wrong kind" "$ERR" "biểu mẫu nl09-thon dành cho đơn vị loại thon; van-phong là loại van-phong"
run_bc 0 --db o.db fill --form nl09-thon-thang --period 2026-10 --unit thon-dong-tam --final oct.json
expect_contains "office final" "$OUT" "đã hoàn tất (lần sửa 1)"

# Numbers the Vietnamese way, one reader for every numeric field: a dot
# before three digits is thousands in a whole-number field and ambiguous in
# a decimal field (refused, nothing written, both readings said); a comma
# is the decimal mark.
printf 'so-ho,1.234\ngpmb-dien-tich,"15.000,5"\n' > num.csv
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-09 num.csv
run_bc 0 --db f.db history --form nl09-thon-thang --period 2026-09 --show 1
expect_contains "thousands, whole" "$OUT" '"so-ho","1234"'
expect_contains "thousands and decimal comma" "$OUT" '"gpmb-dien-tich","15000.5"'
printf 'gpmb-dien-tich,15.000\n' > num.csv
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-09 num.csv
expect_eq "ambiguous" "$ERR" 'baocao: "15.000" chưa rõ: 15 nghìn thì ghi 15000, 15 thì ghi 15 hoặc 15,0 — gpmb-dien-tich, num.csv:1'
printf 'gpmb-dien-tich,15.000,0\n' > num.csv
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-09 num.csv
expect_contains "unquoted comma is the reason column" "$ERR" '"15.000" chưa rõ'
printf 'gpmb-dien-tich,"1,234.5"\n' > num.csv
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-09 num.csv
expect_contains "mixed" "$ERR" '"1,234.5" không phải số'
run_bc 0 --db f.db history --form nl09-thon-thang --period 2026-09 --show 1
expect_contains "unchanged" "$OUT" '"gpmb-dien-tich","15000.5"'
# JSON over a stored submission: a string is what a person wrote (refused
# when ambiguous), a JSON number's dot is a decimal point
echo '{"gpmb-dien-tich": "15.000"}' > num.json
run_bc 2 --db f.db fill --form nl09-thon-thang --period 2026-09 num.json
expect_contains "JSON string ambiguous" "$ERR" '"15.000" chưa rõ'
echo '{"gpmb-dien-tich": 12.125}' > num.json
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-09 num.json
run_bc 0 --db f.db history --form nl09-thon-thang --period 2026-09 --show 2
expect_contains "JSON number" "$OUT" '"gpmb-dien-tich","12.125"'
expect_contains "the rest kept" "$OUT" '"so-ho","1234"'
# and read back canonically under the next fill (not "12 nghìn 125")
printf 'so-ho,1.240\n' > num.csv
run_bc 0 --db f.db fill --form nl09-thon-thang --period 2026-09 num.csv
run_bc 0 --db f.db history --form nl09-thon-thang --period 2026-09 --show 3
expect_contains "stored decimal kept" "$OUT" '"gpmb-dien-tich","12.125"'
expect_contains "whole updated" "$OUT" '"so-ho","1240"'
