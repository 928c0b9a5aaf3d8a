# SPDX-License-Identifier: GPL-3.0-or-later
# An outsider clerk's third round (issue 14, seed 001's TTHC plan): what
# `forms check` and `units add` must say so a clerk can act without asking.
#  - a misspelt unit kind is warned in the same run as an error elsewhere
#    (not only once every error is fixed);
#  - a row whose `deadline:` contradicts its `due:` text is warned, with
#    both dates and which one counts;
#  - a report deadline may be written in Vietnamese ("ngày 10 tháng sau"),
#    ambiguous ones stay errors;
#  - a misspelt event gets the declared events and the nearest one, and an
#    event may be named by its label;
#  - a unit id with accents gets the accent-free id suggested.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

# plan ROWS-YAML REPORT-DEADLINE: a small plan in the clerk's shape, to p.yaml
plan() {
	cat > p.yaml <<YAML
form: kt-tthc
version: 1
title: Kiểm soát TTHC
unit: tt-hcc
valid: {from: 2026-01-01, to: 2026-12-31}
events:
  - {id: huong-dan-so, label: Có hướng dẫn của Sở}
  - {id: doan-cong-tac, label: Có lịch Đoàn công tác lưu động}
reports:
  - {id: quy, period: quarter, deadline: $2}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
$1
    columns:
      - {name: kq, type: text, label: Kết quả}
YAML
}

# 1. a misspelt kind and a misspelt key: both in one run, in line order
plan '      - {id: "1", label: "Thông báo lịch", lead: thon-xom, helpers: [phong-vh-xh]}
      - {id: "2", label: "Rà soát", lead: tt-hcc, dealine: "30/06/2026"}' 'day 5 of next quarter'
run_bc 2 forms check p.yaml
expect_line "kind with an error" "$ERR" "^cảnh báo: .*'thon-xom' (lead).* — p.yaml:16:"
expect_line "near kind with an error" "$ERR" "'phong-vh-xh' (helpers).*có phải 'phong-vhxh'? — p.yaml:16:"
expect_line "the error" "$ERR" "^khóa không biết 'dealine'.*có phải 'deadline'? — p.yaml:17:"
expect_eq "kind warnings before the error below them" \
    "$(printf '%s\n' "$ERR" | grep -n "" | sed -n 's/^\([0-9]*\):.*p.yaml:\([0-9]*\):.*/\2/p' | tr '\n' ' ')" \
    "16 16 17 "

# 2. a row deadline that contradicts its due text: warned, both days, which
# counts; agreeing ones (a date, a quarter, a yearly month) and a due that
# names no one date are not
plan '      - {id: II.2.d, label: "Rà soát", due: "Chậm nhất ngày 15/8/2026", deadline: "30/06/2026"}
      - {id: II.2.e, label: "Kiểm soát", due: "Chậm nhất ngày 15/9/2026", deadline: "15/09/2026"}
      - {id: I.2, label: "Văn bản", due: "Quý II/2026", deadline: "30/06/2026"}
      - {id: V.8, label: "Theo Sở", due: "Theo hướng dẫn của Sở", deadline: "30/06/2026"}
      - {id: V.9, label: "Hằng năm", due: "30/09/2026", deadline: "tháng 9 hằng năm"}
      - {id: V.10, label: "Hằng năm sai", due: "30/09/2026", deadline: "tháng 10 hằng năm"}' 'day 5 of next quarter'
run_bc 0 forms check p.yaml
expect_line "contradiction" "$ERR" "^cảnh báo: dòng II.2.d: 'deadline' \"30/06/2026\" là 30/06/2026, 'due' \"Chậm nhất ngày 15/8/2026\" là 15/08/2026: hạn tính theo 'deadline' (30/06/2026); sửa cái ghi sai — p.yaml:16:"
expect_line "yearly contradiction" "$ERR" "^cảnh báo: dòng V.10: .*là 31/10/2026, .*là 30/09/2026:"
expect_eq "only the two contradictions" "$(printf '%s\n' "$ERR" | grep -c "'due'")" 2
BAOCAO_LANG=en run_bc 0 forms check p.yaml
expect_line "contradiction (en)" "$ERR" "^warning: row II.2.d: 'deadline' \"30/06/2026\" is 30/06/2026, 'due' \"Chậm nhất ngày 15/8/2026\" says 15/08/2026: the row is due by 'deadline' (30/06/2026); fix the wrong one — p.yaml:16:"

# 3. events named as the plan writes them: by the id's words or the label
# (accents, case and a leading "có" aside); a wrong one lists the declared
# events and the nearest
plan '      - {id: "1", label: "a", deadline: "5 ngày làm việc sau Đoàn công tác"}
      - {id: "2", label: "b", deadline: "Trong 5 ngày làm việc kể từ khi có lịch Đoàn công tác"}
      - {id: "3", label: "c", deadline: "30 ngày sau khi có hướng dẫn của Sở"}
      - {id: "4", label: "d", deadline: "10 days after HUONG-DAN-SO"}' 'day 5 of next quarter'
run_bc 0 forms check p.yaml
expect_eq "events by their words" "$ERR" ""
plan '      - {id: "1", label: "a", deadline: "5 ngày làm việc sau đoàn công tác đến thôn"}
      - {id: "2", label: "b", deadline: "5 ngày sau doan-cong-ta"}
      - {id: "3", label: "c", deadline: "5 ngày sau khảo sát"}' 'day 5 of next quarter'
run_bc 2 forms check p.yaml
expect_line "an id in the words" "$ERR" "^hạn \"5 ngày làm việc sau đoàn công tác đến thôn\": không có sự kiện 'doan cong tac den thon' (có: huong-dan-so, doan-cong-tac); có phải 'doan-cong-tac'? — p.yaml:16:"
expect_line "a misspelt id" "$ERR" "^hạn \"5 ngày sau doan-cong-ta\": .*(có: huong-dan-so, doan-cong-tac); có phải 'doan-cong-tac'? — p.yaml:17:"
expect_line "no near event, at its column" "$ERR" "^hạn \"5 ngày sau khảo sát\": không có sự kiện 'khao sat' (có: huong-dan-so, doan-cong-tac) — p.yaml:18:53$"
BAOCAO_LANG=en run_bc 2 forms check p.yaml
expect_line "a misspelt id (en)" "$ERR" "no event 'doan-cong-ta' (declared: huong-dan-so, doan-cong-tac); did you mean 'doan-cong-tac'? — p.yaml:17:"

# 4. an id with accents: the accent-free one is suggested, in a form file
# and on `units add` (kind and id); nothing is added
plan '      - {id: "1", label: "a", lead: tt-hcc}' 'day 5 of next quarter'
sed 's/^unit: tt-hcc/unit: thôn/' p.yaml > u.yaml
run_bc 2 forms check u.yaml
expect_line "form unit" "$ERR" "^'unit' phải gồm chữ thường không dấu.*\"thôn\"; có phải 'thon'? — u.yaml:4:7$"
run_bc 0 --db o.db setup office --commune "Khúc Thừa Dụ"
run_bc 2 --db o.db units add --kind thôn --name "Thôn Đông"
expect_eq "units add kind" "$ERR" "baocao: loại đơn vị 'thôn' không hợp lệ (chỉ gồm a-z, 0-9 và '-'); có phải 'thon'?"
run_bc 2 --db o.db units add --kind thon --name "Thôn Đông" --id "thôn-đông"
expect_eq "units add id" "$ERR" "baocao: mã đơn vị 'thôn-đông' không hợp lệ (chỉ gồm a-z, 0-9 và '-'); có phải 'thon-dong'?"
run_bc 2 --db o.db units add --kind "?!" --name "Thôn Đông"
expect_eq "nothing to suggest" "$ERR" "baocao: loại đơn vị '?!' không hợp lệ (chỉ gồm a-z, 0-9 và '-')"
run_bc 0 --db o.db units --format tsv
case "$OUT" in *"Thôn Đông"*) fail "a refused unit was added: $OUT" ;; esac

# 5. report deadlines in Vietnamese: read; what names no one day is an
# error at the word, saying what to write
plan '      - {id: "1", label: "a"}' '"ngày 5 tháng đầu quý sau"'
run_bc 0 forms check p.yaml
sed 's/^  - {id: quy, period: quarter, deadline: .*/  - {id: thang, period: month, deadline: "trước ngày 10 hằng tháng"}/' p.yaml > m.yaml
run_bc 0 forms check m.yaml
sed 's/^  - {id: quy, period: quarter, deadline: .*/  - {id: tuan, period: week, deadline: "thứ Sáu 16 giờ 30"}/' p.yaml > w.yaml
run_bc 0 forms check w.yaml
sed 's/^  - {id: quy, period: quarter, deadline: .*/  - {id: thang, period: month, deadline: "ngày 10"}/' p.yaml > m2.yaml
run_bc 2 forms check m2.yaml
expect_line "ngày 10: which month" "$ERR" "^hạn nộp không hợp lệ \"ngày 10\" (\"ngày N\" không nói tháng nào: ghi \"ngày N tháng sau\" .* hoặc \"ngày N trong tháng\" .*) — m2.yaml:10:"

# 6. the draft's notes say what was read, what was assumed and what to
# change (seed 001's DOCX); a footnote mark leaves the label, and is said
mkdir out
run_bc 0 forms draft "$SRC/tests/fixtures/plans/plan-001.docx" --out-dir out
expect_contains "group read as all its kinds" "$OUT" "dòng I.1: phối hợp 'Các phòng chuyên môn thuộc Ủy ban nhân dân xã' là tên chung, đọc là mọi loại của nó: van-phong, phong-kinh-te, phong-vhxh — bỏ khỏi 'helpers:' loại nào kế hoạch không tính (Văn phòng có thuộc các phòng chuyên môn không: tùy kế hoạch)"
expect_contains "outside body" "$OUT" "dòng II.2.a: phối hợp 'Sở Tư pháp' không phải loại đơn vị nào của xã — giữ chữ ở 'helpers_text' (cơ quan ngoài xã, như Sở Tư pháp, không cần loại); nếu là đơn vị của xã, thêm loại của nó vào 'helpers:'"
case "$OUT" in *"— kiểm tra"*|*"loại nào?"*) fail "a note says only 'check': $(printf '%s\n' "$OUT" | grep -e '— kiểm tra' -e 'loại nào?' | head -3)" ;; esac
if grep -q '¹' out/plan-001-b1.yaml; then
	grep -q '^#.*dòng V.8: bỏ dấu chú thích ¹' out/plan-001-b1.yaml || fail "a footnote mark left in a label, unsaid"
	grep -v '^#' out/plan-001-b1.yaml | grep -q '¹' && fail "footnote mark kept in a label: $(grep -n '¹' out/plan-001-b1.yaml)"
fi
BAOCAO_LANG=en run_bc 0 forms draft "$SRC/tests/fixtures/plans/plan-001.docx" --out-dir out-en
expect_contains "outside body (en)" "$OUT" "row II.2.a: helper 'Sở Tư pháp' is no unit kind of the commune — kept in 'helpers_text'"

# 7. forms install at the office: a kind no unit on the roster has is said
# with the file's errors too, and nothing is installed
plan '      - {id: "1", label: "Thông báo lịch", lead: thon-xom}
      - {id: "2", label: "Rà soát", lead: tt-hcc, dealine: "30/06/2026"}' 'day 5 of next quarter'
run_bc 2 --db o.db forms install p.yaml
expect_line "install: kind" "$ERR" "^cảnh báo: không đơn vị nào trong danh sách đơn vị có loại 'thon-xom' (lead): việc này không ai làm — p.yaml:16:"
expect_line "install: error" "$ERR" "^khóa không biết 'dealine'.* — p.yaml:17:"
run_bc 0 --db o.db forms list --format tsv
case "$OUT" in *kt-tthc*) fail "a file with an error was installed: $OUT" ;; esac
