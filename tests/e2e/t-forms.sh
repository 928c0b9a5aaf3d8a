# SPDX-License-Identifier: GPL-3.0-or-later
# The forms verb on the real binary: check (every error as file:line:col,
# exit 2), the catalogue installed by setup, list (exact TSV at a pinned
# moment), show, install with its version rules.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh

# forms check: the whole catalogue is valid.
run_bc 0 forms check "$SRC"/forms/catalog/*.yaml
n=$(printf '%s\n' "$OUT" | grep -c ': đúng — ')
expect_eq "catalogue files checked" "$n" "$(ls "$SRC"/forms/catalog/*.yaml | wc -l)"
expect_contains "calendar checked" "$OUT" "holidays.yaml: đúng — lịch"

# A broken file: every error, in order, exit 2, nothing on stdout.
cat > bad.yaml <<'YAML'
form: thu
version: 1
title: Thử
unit: thon
reports:
  - {id: thang, period: month, deadline: day 40 of next month}
fields:
  - {name: a, type: integer, label: A, requird: true}
  - {name: b, type: calculate, calculation: "${a} + ${zz}"}
  - {name: a, type: text, label: C}
YAML
run_bc 2 forms check bad.yaml
expect_eq "errors" "$ERR" "hạn nộp không hợp lệ \"day 40 of next month\" (với kỳ tháng, hạn viết dạng \"ngày 12 tháng sau\" hoặc \"day 12 of next month\") — bad.yaml:6:46
khóa không biết 'requird' trong trường: có phải 'required'? — bad.yaml:8:40
biểu thức sai: không có trường 'zz' — bad.yaml:9:53
tên trường 'a' đã dùng ở dòng 8 — bad.yaml:10:12"
expect_eq "no stdout on error" "$OUT" ""
# A good and a bad file together: both reported, still exit 2.
run_bc 2 forms check "$SRC/forms/catalog/nl09-thon.yaml" bad.yaml missing.yaml
expect_contains "good one" "$OUT" "nl09-thon.yaml: đúng"
expect_contains "missing" "$ERR" "không đọc được: không có tệp hoặc thư mục này — missing.yaml"
BAOCAO_LANG=en run_bc 2 forms check bad.yaml
expect_contains "english" "$ERR" "unknown key 'requird' in a field: did you mean 'required'? — bad.yaml:8:40"

# setup office installs the catalogue.
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
expect_contains "installed" "$OUT" "Đã cài 83 biểu mẫu."

# forms list at a pinned moment: Thursday 5 November 2026, 08:00.
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)
run_bc 0 --db o.db forms list --format tsv
expect_eq "83 forms" "$(printf '%s\n' "$OUT" | wc -l)" 83
expect_eq "six columns" "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 6' | wc -l)" 0
line() { printf '%s\n' "$OUT" | grep "^$1	"; }
T_=$(printf '\t')
expect_eq "village monthly" "$(line nl09-thon-thang)" "nl09-thon-thang${T_}thon${T_}month${T_}2026-10${T_}2026-11-10T00:00${T_}Báo cáo của thôn (Phụ lục IX) — Báo cáo tháng"
expect_eq "village quarterly" "$(line nl09-thon-quy)" "nl09-thon-quy${T_}thon${T_}quarter${T_}2026-Q4${T_}2027-01-03T00:00${T_}Báo cáo của thôn (Phụ lục IX) — Báo cáo quý"
expect_eq "village yearly" "$(line nl09-thon-nam)" "nl09-thon-nam${T_}thon${T_}year${T_}2026${T_}2026-12-05T00:00${T_}Báo cáo của thôn (Phụ lục IX) — Báo cáo năm"
expect_eq "incident" "$(line nl09-thon-su-viec)" "nl09-thon-su-viec${T_}thon${T_}incident${T_}-${T_}-${T_}Báo cáo của thôn (Phụ lục IX) — Báo cáo nhanh vụ việc"
expect_eq "weekly" "$(line nl01-van-phong-tuan | cut -f3-5)" "week${T_}2026-W45${T_}2026-11-06T15:00"
expect_eq "daily" "$(line nl08-tram-y-te-ngay | cut -f3-5)" "day${T_}2026-11-05${T_}2026-11-05T16:30"
expect_eq "semester I" "$(line nl07-truong-hk1 | cut -f3-5)" "semester${T_}2026-S1${T_}2027-01-15T00:00"
# the semester II of 2026-2027 begins in January: before it, the last one (overdue)
expect_eq "semester II" "$(line nl07-truong-hk2 | cut -f3-5)" "semester${T_}2025-S2${T_}2026-05-25T00:00"
expect_eq "six-month" "$(line nl02-kinh-te-sau-thang | cut -f3-5)" "half${T_}2026-H1${T_}2026-05-25T00:00"
expect_eq "request" "$(line nl10-doanh-nghiep-yeu-cau | cut -f3-5)" "request${T_}-${T_}-"
expect_eq "single report" "$(line tn-dan-cu | cut -f1-5)" "tn-dan-cu${T_}cong-an${T_}month${T_}2026-11${T_}2026-12-01T00:00"
# Past day 10 the village's monthly report moves to November.
BAOCAO_NOW=$(date -d '2026-11-10 00:00' +%s) run_bc 0 --db o.db forms list --format tsv
expect_eq "after the deadline" "$(line nl09-thon-thang | cut -f4-5)" "2026-11${T_}2026-12-10T00:00"
# The text listing has a header and aligned columns.
run_bc 0 --db o.db forms list
expect_contains "header" "$OUT" "MÃ"
expect_contains "row" "$OUT" "nl09-thon-thang"

# forms show: text and JSON; a report id shows only that report's fields.
run_bc 0 --db o.db forms show nl09-thon-su-viec
expect_contains "show report" "$OUT" "nl09-thon-su-viec: Đột xuất, ngay, chậm nhất trong 2 giờ"
case "$OUT" in *so-ho*) fail "the incident report shows the monthly fields" ;; esac
run_bc 0 --db o.db forms show nl09-thon-thang --format json
expect_contains "json form" "$OUT" '"form": "nl09-thon"'
expect_contains "json constraint" "$OUT" '"constraint": ". <= ${so-ho}"'
expect_contains "json deadline" "$OUT" '"deadline": "trước ngày 10 tháng sau"'
run_bc 2 --db o.db forms show nope
expect_eq "unknown form" "$ERR" "baocao: không có biểu mẫu 'nope' (xem 'baocao forms list')"
run_bc 2 --db o.db forms list --format json
expect_contains "bad format" "$ERR" "--format json"

# forms install: a new form; the same again changes nothing; the same
# version with other content and an older version are refused; a broken
# file installs nothing.
cat > moi.yaml <<'YAML'
form: moi
version: 2
title: Biểu mẫu mới
unit: thon
reports: [{id: nam, period: year, deadline: 10/12}]
fields: [{name: a, type: integer, label: A, min: 0}]
YAML
run_bc 0 --db o.db forms install moi.yaml
expect_eq "install" "$OUT" "moi.yaml: đã cài"
run_bc 0 --db o.db forms install moi.yaml
expect_eq "install again" "$OUT" "moi.yaml: đã có, không đổi"
sed -i 's/label: A/label: B/' moi.yaml
run_bc 2 --db o.db forms install moi.yaml
expect_contains "same version, other text" "$ERR" "baocao: biểu mẫu moi phiên bản 2 đã cài với nội dung khác: hãy tăng 'version' — moi.yaml"
sed -i 's/version: 2/version: 1/' moi.yaml
run_bc 2 --db o.db forms install moi.yaml
expect_line "older version" "$ERR" "^baocao: biểu mẫu moi phiên bản 1 cũ hơn phiên bản đang dùng (2): không cài.* — moi.yaml$"
# a new version that changes what the form is (title, unit kind) or loses a
# report that has submissions is refused unless --force, naming each change;
# the older version's exact text is then older, not "unchanged"
cat > doi.yaml <<'YAML'
form: doi
version: 1
title: Biểu mẫu đổi
unit: thon
reports: [{id: thang, period: month}, {id: nam, period: year, deadline: 10/12}]
fields: [{name: a, type: integer, label: A, min: 0}]
YAML
cp doi.yaml doi-v1.yaml
run_bc 0 --db o.db forms install doi.yaml
run_bc 0 --db o.db units add --kind thon --name "Thôn Đổi"
run_bc 0 --db o.db fill --form doi-thang --unit thon-doi --period 2026-01 - <<J
{"a": 1}
J
sed -e 's/version: 1/version: 2/' -e 's/title: Biểu mẫu đổi/title: Của tôi/' \
    -e 's/{id: thang, period: month}, //' doi-v1.yaml > doi.yaml
run_bc 2 --db o.db forms install doi.yaml
expect_contains "refused" "$ERR" "baocao: biểu mẫu doi phiên bản 2 khác phiên bản đang dùng (1): tên đổi từ \"Biểu mẫu đổi\" thành \"Của tôi\"; báo cáo doi-thang mất (1 bài nộp); báo cáo doi-nam đổi mã thành doi (0 bài nộp; bài đơn vị chưa gửi theo mã cũ sẽ bị giữ lại); nếu đúng ý, cài với --force — doi.yaml"
run_bc 0 --db o.db forms list --format tsv
expect_contains "still in use" "$OUT" "doi-thang	thon"
run_bc 0 --db o.db forms install --force doi.yaml
expect_line "forced, and said" "$ERR" "^cảnh báo: tên đổi từ.* — doi.yaml$"
# a form that keeps one of its two reports renames it (FORM-REPORT becomes
# FORM): grave on its own, even with the title unchanged and nothing stored
cat > ren.yaml <<YAML
form: ren
version: 1
title: Đổi mã
unit: thon
reports: [{id: thang, period: month}, {id: quy, period: quarter}]
fields: [{name: a, type: integer, label: A, min: 0}]
YAML
run_bc 0 --db o.db forms install ren.yaml
sed -e 's/version: 1/version: 2/' -e 's/, {id: quy, period: quarter}//' ren.yaml > ren2.yaml
run_bc 2 --db o.db forms install ren2.yaml
expect_contains "renamed: refused" "$ERR" "báo cáo ren-thang đổi mã thành ren (0 bài nộp; bài đơn vị chưa gửi theo mã cũ sẽ bị giữ lại); báo cáo ren-quy mất (0 bài nộp); nếu đúng ý, cài với --force — ren2.yaml"
run_bc 0 --db o.db forms list --format tsv
expect_contains "renamed: not installed" "$OUT" "ren-thang	thon"
run_bc 2 --db o.db forms install doi-v1.yaml
expect_contains "the old text is older" "$ERR" "biểu mẫu doi phiên bản 1 cũ hơn phiên bản đang dùng (2): không cài; muốn quay lại thì sửa tệp thành phiên bản 3"
run_bc 2 --db o.db forms install bad.yaml
expect_contains "broken not installed" "$ERR" " — bad.yaml:8:40"
run_bc 0 --db o.db forms list --format tsv
expect_eq "87 forms" "$(printf '%s\n' "$OUT" | wc -l)" 87
run_bc 0 --db o.db audit
expect_contains "audited" "$OUT" "form-install"

# The calendar installs like a form; a broken one is refused.
printf 'holidays:\n  - {date: 2026-02-30}\n' > hol.yaml
run_bc 2 --db o.db forms install hol.yaml
expect_eq "bad calendar" "$ERR" "'date' phải là một ngày dạng YYYY-MM-DD: \"2026-02-30\" — hol.yaml:2:12"
printf 'holidays:\n  - {date: 2026-11-24, name: Ngày nghỉ thử}\n' > hol.yaml
run_bc 0 --db o.db forms install hol.yaml
expect_eq "calendar" "$OUT" "hol.yaml: đã cài"

# A field installation: only its kind's forms; it cannot install forms.
run_bc 0 --db f.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
expect_contains "field forms" "$OUT" "Đã cài 4 biểu mẫu."
run_bc 0 --db f.db forms list --format tsv
expect_eq "field list" "$(printf '%s\n' "$OUT" | cut -f1 | tr '\n' ' ')" "nl09-thon-thang nl09-thon-quy nl09-thon-nam nl09-thon-su-viec "
run_bc 2 --db f.db forms install moi.yaml
expect_contains "field refused" "$ERR" "chỉ văn phòng xã cài biểu mẫu"
