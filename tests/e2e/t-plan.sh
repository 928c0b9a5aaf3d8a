# SPDX-License-Identifier: GPL-3.0-or-later
# A plan as one form (issue #14): a task table whose rows name their own
# lead unit kinds. Each unit fills the rows it leads and nothing else; the
# office's status and report agree on who owes what; a row's deadline
# counted from an event follows the day the office records.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-07-02 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
# setup says which unit it made, and how to rename or remove it
expect_contains "setup names its unit" "$OUT" 'Đã thêm đơn vị van-phong (loại van-phong): "Văn phòng HĐND và UBND xã"'
expect_contains "how to rename" "$OUT" 'baocao units rename --id van-phong --name "TÊN MỚI"'
expect_contains "how to remove" "$OUT" "baocao units remove --id van-phong"
run_bc 0 --db o.db units rename --id van-phong --name "Văn phòng UBND xã"
run_bc 0 --db o.db units --format tsv
expect_contains "renamed" "$OUT" "van-phong	van-phong	Văn phòng UBND xã"
run_bc 2 --db o.db units remove --id khong-co
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind truong --name "Trường Tiểu học"
run_bc 0 --db o.db forms install "$SRC/tests/e2e/fixtures/plan-papi.yaml"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db t.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db s.db setup field --unit truong-tieu-hoc --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
# both kinds lead rows of the one form: both have it
run_bc 0 --db t.db forms list --format tsv
expect_contains "the village has the plan" "$OUT" "papi	van-phong	quarter	2026-Q2"
run_bc 0 --db s.db forms list --format tsv
expect_contains "the school has the plan" "$OUT" "papi	van-phong	quarter	2026-Q2"

# the village fills its row; the school's row and the office's field are not its own
run_bc 0 --db t.db fill --form papi --period 2026-Q2 --final - <<J
{"nv": [{"_row": "1", "nv-tt": "xong", "nv-ket-qua": 100}]}
J
run_bc 2 --db t.db fill --form papi --period 2026-Q2 - <<J
{"nv": [{"_row": "2", "nv-tt": "xong"}]}
J
expect_eq "another kind's row" "$ERR" "baocao: đơn vị loại 'thon' không nhập được dòng 2 (do truong chủ trì); không ghi gì — -"
run_bc 2 --db t.db fill --form papi --period 2026-Q2 - <<J
{"so-cuoc-hop": 3}
J
expect_contains "the office's field" "$ERR" "'so-cuoc-hop' do đơn vị loại 'van-phong' nhập, không phải 'thon'"
run_bc 2 --db t.db fill --form papi --period 2026-Q2 - <<J
{"nv": [{"_row": "I", "nv-tt": "xong"}]}
J
expect_contains "a heading row" "$ERR" "dòng tiêu đề không nhận số liệu"
run_bc 0 --db s.db fill --form papi --period 2026-Q2 --final - <<J
{"nv": [{"_row": "2", "nv-tt": "dang"}]}
J
run_bc 0 --db t.db export --out t.bcb
run_bc 0 --db s.db export --out s.bcb
run_bc 0 --db o.db import t.bcb s.bcb
for f in $("$BAOCAO" --db o.db devices --format tsv | cut -f1); do
	run_bc 0 --db o.db devices approve "$f"
done

# who owes it: the office (rows with no lead) and both kinds
run_bc 0 --db o.db status --period 2026-Q2 --format tsv
expect_eq "status" "$(printf '%s\n' "$OUT" | grep '^papi' | cut -f1-4 | sort)" "papi	2026-Q2	thon-dong-tam	on-time
papi	2026-Q2	truong-tieu-hoc	on-time
papi	2026-Q2	van-phong	pending"

# the event: recorded by the office, the deadline follows (5 working days)
run_bc 2 --db o.db forms event --form papi --event khao --date 2026-06-24
expect_eq "unknown event" "$ERR" "baocao: biểu mẫu papi không có sự kiện 'khao' (có: khao-sat) — --event"
run_bc 2 --db t.db forms event --form papi --event khao-sat --date 2026-06-24
expect_eq "a unit's machine" "$ERR" "baocao: chỉ văn phòng xã ghi ngày sự kiện; máy này là của đơn vị — t.db"
# every refusal says what, then where; a day the month lacks is said so
run_bc 2 --db o.db forms event --form papi --event khao-sat --date 31/6/2026
expect_eq "no 31 June" "$ERR" "baocao: tháng 6/2026 không có ngày 31 (tháng này có 30 ngày) — --date 31/6/2026"
run_bc 2 --db o.db forms event --form papi --event khao-sat --date hôm-qua
expect_eq "not a date" "$ERR" "baocao: không đọc được ngày (viết dạng 2026-07-01 hoặc 01/07/2026) — --date hôm-qua"
run_bc 2 --db o.db forms event --form khong-co --event khao-sat --date 2026-06-24
expect_eq "no such form" "$ERR" "baocao: không có biểu mẫu 'khong-co' (xem 'baocao forms list') — --form"
run_bc 2 --db o.db forms event --form papi --date 2026-06-24
expect_eq "an option missing" "$ERR" "baocao: thiếu tuỳ chọn: cần --form MÃ --event SỰ-KIỆN --date NGÀY — --event"
BAOCAO_LANG=en run_bc 2 --db o.db forms event --form papi --event khao-sat --date 2026-02-30
expect_eq "no 30 February, in English" "$ERR" "baocao: 2/2026 has no day 30 (the month has 28 days) — --date 2026-02-30"
run_bc 0 --db o.db forms event --form papi --event khao-sat --date 24/06/2026
expect_contains "event recorded" "$OUT" "papi: sự kiện khao-sat ghi ngày 2026-06-24.
  dòng 3: hạn 01/07/2026"
# forms show: each row's helpers, targets and its deadline as read now (the
# event's day counted in), in text and in JSON
run_bc 0 --db o.db forms show papi
expect_contains "show: helpers and target" "$OUT" "  1. Niêm yết công khai kế hoạch sử dụng đất
      chủ trì: thon · hạn: Quý II/2026
      phối hợp: van-phong
      chỉ tiêu: ≥ 100%"
expect_contains "show: the event's day counted in" "$OUT" "      chủ trì: van-phong · hạn: 5 ngày làm việc sau khao-sat
      hạn theo ngày sự kiện: 01/07/2026
      chỉ tiêu: ≥ 100%
      chỉ tiêu: ≥ kỳ trước + 5 % (cột nv-diem)"
run_bc 0 --db o.db forms show papi --format json
expect_contains "json: the event's day" "$OUT" '"id": "khao-sat",
      "label": "Có kết quả khảo sát PAPI",
      "day": "2026-06-24"'
expect_contains "json: the row's day" "$OUT" '"due_day": "2026-07-01"'
expect_contains "json: a row's targets" "$OUT" '"text": "tăng ít nhất 5%",
              "read": "≥ kỳ trước + 5 %",
              "column": "nv-diem"'
expect_contains "json: helpers" "$OUT" '"helper_units": [
            "van-phong"
          ]'

# the report: every row with its lead and deadline, each unit on its own rows
run_bc 0 --db o.db report --form papi --period 2026-Q2
expect_contains "heading row" "$OUT" "  I      Công khai, minh bạch"
expect_contains "row 1" "$OUT" "  1        1 /   0 /   0 /   0    0  Niêm yết công khai kế hoạch sử dụng đất
         chủ trì: thon · hạn: 30/06/2026
         chỉ tiêu: 100%
      thon-dong-tam       Đã hoàn thành     100%           đạt chỉ tiêu"
expect_contains "row 2" "$OUT" "  2        0 /   1 /   0 /   0    0  Tổ chức họp phụ huynh về các khoản thu
         chủ trì: truong · hạn: 30/09/2026
      truong-tieu-hoc     Đang thực hiện"
expect_contains "row 3: its lead sent nothing, in no count" "$OUT" "  3        0 /   0 /   0 /   0    0  Xây dựng kế hoạch khắc phục chỉ số thấp
         không tính: 1 chưa nộp
         chủ trì: van-phong · hạn: 01/07/2026"
run_bc 0 --db o.db report --form papi --period 2026-Q2 --format csv --out r.csv
expect_eq "csv: no row of another unit" "$(grep -c '^2,.*thon-dong-tam' r.csv)" "0"

# status names, per unit, the rows it leads that are overdue (Q3: nothing sent
# yet). Row 1 (a one-off task due 30/06/2026) was reported done in Q2's
# counted report: it stays done in Q3, never "quá hạn" again (README, "A
# task done stays done")
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db status --period 2026-Q3
expect_contains "village: row done in Q2 is not overdue" "$OUT" "thon-dong-tam       chưa nộp
"
expect_contains "school overdue" "$OUT" "truong-tieu-hoc     chưa nộp · 1 dòng quá hạn: 2"
expect_contains "office overdue (event + 5 working days)" "$OUT" "van-phong           chưa nộp · 1 dòng quá hạn: 3"
# TSV says the same rows, in its last column (README: status)
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db status --period 2026-Q3 --format tsv
expect_eq "tsv overdue rows" "$(printf '%s\n' "$OUT" | grep '^papi' | cut -f3,4,8 | sort)" "thon-dong-tam	missing	
truong-tieu-hoc	missing	2
van-phong	missing	3"
# a period not yet due is not overdue, however its rows' days stand: before
# Q3's report is due nothing is behind for a unit that sent nothing, and
# nothing of Q4 (not begun) is overdue at all
BAOCAO_NOW=$(at '2026-09-20 08:00') run_bc 0 --db o.db status --period 2026-Q3
expect_contains "Q3 not due: pending" "$OUT" "thon-dong-tam       chưa đến hạn"
case "$OUT" in *"quá hạn"*) fail "rows overdue in a period not due: $OUT" ;; esac
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db status --period 2026-Q4 --format tsv
expect_eq "Q4 not begun: no overdue row" "$(printf '%s\n' "$OUT" | grep '^papi' | cut -f8 | tr -d '\n')" ""
BAOCAO_NOW=$(at '2026-09-20 08:00') run_bc 0 --db o.db report --form papi --period 2026-Q3
expect_contains "report agrees: row 1 not overdue" "$OUT" "  1        0 /   0 /   0 /   0    0  Niêm yết"
# the report agrees: a unit that sent nothing and whose row is past due is
# overdue there too (its "quá hạn" count, and its cell), and it is in no
# status count (told apart: "không tính: 1 chưa nộp")
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db report --form papi --period 2026-Q3
expect_contains "report: row 1 done in Q2, not overdue" "$OUT" "  1        0 /   0 /   0 /   0    0  Niêm yết"
expect_contains "report: row 2 overdue" "$OUT" "  2        0 /   0 /   0 /   0    1  Tổ chức họp"
expect_contains "report: row 3 overdue" "$OUT" "  3        0 /   0 /   0 /   0    1  Xây dựng"

# the village's Q3 report says nothing of row 1: the report shows it done,
# and where that came from; a later report saying otherwise wins
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db t.db fill --form papi --period 2026-Q3 --final - <<J
{"nv": []}
J
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db t.db export --out t3.bcb
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db import t3.bcb
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db report --form papi --period 2026-Q3
expect_contains "report: carried done counted" "$OUT" "  1        1 /   0 /   0 /   0    0  Niêm yết"
expect_contains "report: where it came from" "$OUT" "thon-dong-tam       Đã hoàn thành (báo cáo 2026-Q2)"
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db report --form papi --period 2026-Q3 --format csv --out q3.csv
expect_contains "csv: where it came from" "$(grep '^1,' q3.csv)" "Đã hoàn thành (báo cáo 2026-Q2)"
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db report --form papi --period 2026-Q3 --format json
expect_contains "json: done_in" "$OUT" '"done_in": "2026-Q2"'
BAOCAO_NOW=$(at '2026-10-10 08:00') run_bc 0 --db o.db status --period 2026-Q3 --format tsv
expect_eq "status: nothing overdue for the village" "$(printf '%s\n' "$OUT" | grep '^papi.*thon-dong-tam' | cut -f8)" ""
BAOCAO_NOW=$(at '2026-10-11 08:00') run_bc 0 --db t.db fill --form papi --period 2026-Q3 --final - <<J
{"nv": [{"_row": "1", "nv-tt": "dang"}]}
J
BAOCAO_NOW=$(at '2026-10-11 08:00') run_bc 0 --db t.db export --out t4.bcb
BAOCAO_NOW=$(at '2026-10-11 08:00') run_bc 0 --db o.db import t4.bcb
BAOCAO_NOW=$(at '2026-10-11 08:00') run_bc 0 --db o.db status --period 2026-Q3
expect_contains "a later report says otherwise" "$OUT" "1 dòng quá hạn: 1"

# a target relative to the previous period, judged with it: row 3 of the
# office wants its score "tăng ít nhất 5%" over the last quarter (60 -> 63)
export BAOCAO_NOW=$(at '2026-12-20 08:00')
for q in "2026-Q3 60" "2026-Q4 62"; do
	set -- $q
	run_bc 0 --db o.db fill --form papi --unit van-phong --period $1 --final - <<J
{"nv": [{"_row": "3", "nv-tt": "xong", "nv-ket-qua": 100, "nv-diem": $2}]}
J
done
run_bc 0 --db o.db report --form papi --period 2026-Q4 --format csv --out q4.csv
expect_contains "62 after 60: not met, and which" "$(grep '^3,' q4.csv)" ",100%; tăng ít nhất 5%,chưa đạt: tăng ít nhất 5%"
run_bc 0 --db o.db fill --form papi --unit van-phong --period 2026-Q4 --final - <<J
{"nv": [{"_row": "3", "nv-tt": "xong", "nv-ket-qua": 100, "nv-diem": 63}]}
J
run_bc 0 --db o.db report --form papi --period 2026-Q4 --format csv --out q4.csv --force
expect_contains "63 after 60: met" "$(grep '^3,' q4.csv)" ",100%; tăng ít nhất 5%,đạt"

# an event is recorded under the form's id, or a report's (what the lists
# show); a day outside the plan's validity is refused; list and show say
# the form's own id
cat > kh.yaml <<Y
form: kh
version: 1
title: Kế hoạch hai báo cáo
unit: van-phong
valid: {from: 2026-01-01, to: 2026-12-31}
events: [{id: hop, label: Có cuộc họp}]
reports: [{id: quy, period: quarter}, {id: nam, period: year}]
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Một, deadline: 3 ngày sau hop}
    columns:
      - {name: nv-tt, type: text, label: Tình trạng}
Y
run_bc 0 --db o.db forms install kh.yaml
run_bc 0 --db o.db forms event --form kh-quy --event hop --date 2026-08-03
expect_contains "a report's id names its form" "$OUT" "kh: sự kiện hop ghi ngày 2026-08-03."
run_bc 2 --db o.db forms event --form kh --event hop --date 2027-02-01
expect_contains "outside the plan" "$ERR" "ngày 2027-02-01 nằm ngoài hiệu lực của kế hoạch kh (2026-01-01 – 2026-12-31): không ghi — --date"
# a day inside the plan whose row deadline falls after it: recorded, and said
run_bc 2 --db o.db forms event --form kh --event hop --date 2026-12-30 --replace
expect_contains "a day to come" "$ERR" "chưa đến ngày đó: 2026-12-30 là sau hôm nay (2026-12-20)"
run_bc 0 --db o.db forms event --form kh --event hop --date 2026-12-30 --replace --force
expect_contains "deadline after the plan" "$OUT" "  dòng 1: hạn 02/01/2027
    lưu ý: hạn này sau ngày kế hoạch hết hiệu lực (2026-12-31); kiểm tra lại ngày sự kiện, hoặc sửa 'valid' hay hạn của dòng"
run_bc 0 --db o.db forms event --form kh --event hop --date 2026-08-03 --replace
case "$OUT" in *"lưu ý"*) fail "a note for a deadline inside the plan: $OUT" ;; esac
run_bc 0 --db o.db forms list
expect_contains "list says the form's id" "$OUT" "Kế hoạch kh có sự kiện: ghi ngày bằng 'baocao forms event --form kh --event MÃ --date NGÀY'"
run_bc 0 --db o.db forms show kh-quy
expect_contains "show names the event, its day and the form's id" "$OUT" "hop: Có cuộc họp (ngày 2026-08-03; ghi ngày: baocao forms event --form kh --event hop --date NGÀY)"

# a field unit lists what it owes, not a form it only helps on: a health
# station helps on one row of the catalogue's nl-cchc (it leads none)
run_bc 0 --db o.db units add --kind tram-y-te --name "Trạm Y tế"
run_bc 0 --db o.db pack --setup --out p2.bcp
run_bc 0 --db y.db setup field --unit tram-y-te --pack p2.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 0 --db y.db forms list --format tsv
expect_contains "its own forms" "$OUT" "nl08-tram-y-te-quy	tram-y-te"
expect_eq "not the one it helps on" "$(printf '%s\n' "$OUT" | grep -c '^nl-cchc')" "0"

# a misspelt unit kind is owed by nobody: forms check (against the built-in
# catalogue's kinds, or the roster with --db) and install (the roster) say
# where, and the nearest kind; a unit's name as a lead is said in the same
# run as an error elsewhere
cat > kinds.yaml <<Y
form: kinds
version: 1
title: Sai loại đơn vị
unit: tt-hc
reports:
  - {id: quy, period: quarter}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Một, lead: phong-vh-xh, helpers: [cong-ann]}
    columns:
      - {name: nv-tt, type: text, label: Tình trạng}
Y
run_bc 0 forms check kinds.yaml
expect_line "unit kind" "$ERR" "^cảnh báo: không đơn vị nào trong danh mục biểu mẫu có sẵn có loại 'tt-hc' (unit): việc này không ai làm; có phải 'tt-hcc'?.* — kinds.yaml:4:7$"
expect_line "lead kind" "$ERR" "^cảnh báo: không đơn vị nào trong danh mục biểu mẫu có sẵn có loại 'phong-vh-xh' (lead): việc này không ai làm; có phải 'phong-vhxh'?.* — kinds.yaml:12:37$"
expect_line "helper kind" "$ERR" "^cảnh báo: không đơn vị nào trong danh mục biểu mẫu có sẵn có loại 'cong-ann' (helpers): đơn vị phối hợp này không bao giờ thấy dòng; có phải 'cong-an'?.* — kinds.yaml:12:60$"
case "$ERR" in *"'cong-ann' (helpers): việc này không ai làm"*) fail "a helper's typo said as a row owed by no one: $ERR" ;; esac
# the same kind on many rows: one line, at its first use, the rest counted
sed -e 's/^      - {id: "1", label: Một, lead: phong-vh-xh, helpers: \[cong-ann\]}$/      - {id: "1", label: Một, lead: phong-vh-xh}\n      - {id: "2", label: Hai, lead: phong-vh-xh}\n      - {id: "3", label: Ba, lead: phong-vh-xh}/' kinds.yaml > many.yaml
run_bc 0 forms check many.yaml
expect_eq "one line a kind" "$(printf '%s\n' "$ERR" | grep -c "'phong-vh-xh'")" 1
expect_line "the rest counted" "$ERR" "^cảnh báo: .*'phong-vh-xh' (lead, và 2 chỗ khác).* — many.yaml:12:37$"
sed -e 's/lead: phong-vh-xh/lead: truongg/' -e 's/unit: tt-hc/unit: van-phong/' kinds.yaml > roster.yaml
run_bc 0 --db o.db forms check roster.yaml
expect_line "check against the roster" "$ERR" "^cảnh báo: không đơn vị nào trong danh sách đơn vị có loại 'truongg' (lead): việc này không ai làm; có phải 'truong'?.* — roster.yaml:12:37$"
# a lead kind nobody has (roster nor catalogue): the row would be owed by
# no one, so install refuses it unless --force
run_bc 2 --db o.db forms install roster.yaml
expect_line "install refuses an unknown lead" "$ERR" "^baocao: chủ trì 'truongg' không phải loại đơn vị nào (danh sách đơn vị, danh mục): dòng đó không ai phải làm; có phải 'truong'? Không cài; nếu đúng ý (đơn vị sẽ thêm sau), cài với --force — roster.yaml:12:37"
case "$OUT" in *"đã cài"*) fail "an unknown lead installed: $OUT" ;; esac
run_bc 0 --db o.db forms install --force roster.yaml
expect_line "install against the roster" "$ERR" "^cảnh báo: không đơn vị nào trong danh sách đơn vị có loại 'truongg' (lead).* — roster.yaml:12:37$"
expect_contains "installed when forced" "$OUT" "roster.yaml: đã cài"
# a misspelt form-level unit kind alike: refused unless --force
sed -e 's/^form: kinds/form: kinds-unit/' -e 's/unit: tt-hc/unit: van-phongg/' \
    -e 's/lead: phong-vh-xh, helpers: \[cong-ann\]/lead: truong/' kinds.yaml > unit.yaml
run_bc 2 --db o.db forms install unit.yaml
expect_line "install refuses an unknown unit" "$ERR" "^baocao: đơn vị nộp (unit) 'van-phongg' không phải loại đơn vị nào (danh sách đơn vị, danh mục): không ai nộp biểu mẫu theo loại này; có phải 'van-phong'? Không cài; nếu đúng ý (đơn vị sẽ thêm sau), cài với --force — unit.yaml:4:7"
case "$OUT" in *"đã cài"*) fail "an unknown unit installed: $OUT" ;; esac
BAOCAO_LANG=en run_bc 2 --db o.db forms install unit.yaml
expect_line "in English" "$ERR" "^baocao: unit 'van-phongg' is no unit kind (roster, catalogue): no unit files the form as that kind; did you mean 'van-phong'? Not installed; if that is meant (a unit added later), install with --force — unit.yaml:4:7"
run_bc 0 --db o.db forms install --force unit.yaml
expect_contains "an unknown unit installed when forced" "$OUT" "unit.yaml: đã cài"
sed -e 's/lead: phong-vh-xh, helpers: \[cong-ann\]/lead: Trạm Y tế/' -e 's/type: text/type: txet/' kinds.yaml > name.yaml
run_bc 2 forms check name.yaml
expect_line "a name as lead, with an error" "$ERR" "^cảnh báo: 'lead' không phải loại đơn vị.* — name.yaml:12:37$"
expect_line "the error too" "$ERR" "^kiểu trường không biết.* — name.yaml:14:29$"

# the plan runs for 2026 only: after it, its final quarter (owed until sent)
export BAOCAO_NOW=$(at '2027-02-01 08:00')
run_bc 0 --db t.db forms list --format tsv
expect_contains "after the plan" "$OUT" "papi	van-phong	quarter	2026-Q4	2027-01-05T00:00"

# periods wholly outside the plan's validity are never due and cannot be
# filled (FORMAT.md, `valid`): not by the unit, not by the office for it, not
# final; status and report say the period is outside the plan
for q in 2027-Q1 2025-Q4; do
	run_bc 2 --db t.db fill --form papi --period $q - <<J
{"nv": [{"_row": "1", "nv-tt": "xong"}]}
J
	expect_contains "draft outside ($q)" "$ERR" "kỳ $q nằm ngoài hiệu lực của kế hoạch papi (2026-01-01 – 2026-12-31)"
done
run_bc 2 --db t.db fill --form papi --period 2027-Q1 --final - <<J
{"nv": [{"_row": "1", "nv-tt": "xong"}]}
J
expect_contains "final outside" "$ERR" "nằm ngoài hiệu lực"
run_bc 2 --db o.db fill --form papi --unit van-phong --period 2027-Q1 - <<J
{"nv": [{"_row": "3", "nv-tt": "xong"}]}
J
expect_contains "the office's fill outside" "$ERR" "nằm ngoài hiệu lực"
# (the catalogue's forms still run in 2027: status lists them, not papi)
run_bc 0 --db o.db status --period 2027-Q1 --format tsv
expect_eq "status: papi is not due outside its plan" "$(printf '%s\n' "$OUT" | grep -c '^papi')" "0"
expect_contains "status says it left papi out (tsv: stderr)" "$ERR" "baocao: lưu ý: kỳ 2027-Q1 nằm ngoài hiệu lực của kế hoạch papi (2026-01-01 – 2026-12-31)"
run_bc 0 --db o.db status --period 2027-Q1
expect_contains "status says it left plans out" "$OUT" "Không tính (kỳ nằm ngoài hiệu lực của kế hoạch):
  kỳ 2027-Q1 nằm ngoài hiệu lực của kế hoạch kh (2026-01-01 – 2026-12-31)"
expect_contains "papi among them" "$OUT" "
  kỳ 2027-Q1 nằm ngoài hiệu lực của kế hoạch papi (2026-01-01 – 2026-12-31)"
BAOCAO_LANG=en run_bc 0 --db o.db status --period 2027-Q1
expect_contains "in English" "$OUT" "Left out (the period is outside the plan):
  period 2027-Q1 is outside plan kh's validity"
run_bc 2 --db o.db report --form papi --period 2027-Q1
expect_contains "report outside" "$ERR" "kỳ 2027-Q1 nằm ngoài hiệu lực của kế hoạch papi"
