# SPDX-License-Identifier: GPL-3.0-or-later
# "Who is late" forgets nobody (issue 14): without --period, `status` lists
# every period a unit owes and has not sent — not only each report's last
# due one — from when the form was installed and the unit joined the
# roster, within a plan's validity: monthly and quarterly forms over
# several periods, a plan that has ended, a village added mid-year (it
# does not owe what fell due before it joined), a returned report (still
# owed). The text lists the latest 3 older periods per report and unit,
# then "… và N kỳ khác" with the command that shows them all; --all and
# TSV list them all.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-01-02 08:00')

cat > tm.yaml <<Y
form: tm
version: 1
title: Báo cáo tháng của thôn
unit: thon
reports: [{id: thang, period: month, deadline: day 10 of next month}]
fields:
  - {name: so, type: integer, label: Số hộ}
Y
cat > tq.yaml <<Y
form: tq
version: 1
title: Báo cáo quý của thôn
unit: thon
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
fields:
  - {name: so, type: integer, label: Số hộ}
Y
cat > kh.yaml <<Y
form: kh
version: 1
title: Kế hoạch năm 2026
unit: thon
valid: {from: 2026-01-01, to: 2026-12-31}
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
fields:
  - {name: so, type: integer, label: Số hộ}
Y
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db forms install tm.yaml
run_bc 0 --db o.db forms install tq.yaml
run_bc 0 --db o.db forms install kh.yaml
# a village that joins the roster mid-year
BAOCAO_NOW=$(at '2026-06-15 08:00') run_bc 0 --db o.db units add --kind thon --name "Thôn Mới"

# Đồng Tâm's sent (on paper, entered at the office): May on time, Q2 of
# both quarterly forms; June was returned (still owed).
paper() {	# when form period
	BAOCAO_NOW=$(at "$1") run_bc 0 --db o.db fill --unit thon-dong-tam --form $2 \
	    --period $3 --final - <<J
{"so": 10}
J
}
paper '2026-06-09 08:00' tm 2026-05
paper '2026-07-04 08:00' tq 2026-Q2
paper '2026-07-04 08:00' kh 2026-Q2
paper '2026-07-09 08:00' tm 2026-06
BAOCAO_NOW=$(at '2026-07-10 08:00') run_bc 0 --db o.db review return --form tm \
    --unit thon-dong-tam --period 2026-06 --reason "Thiếu số hộ"

# 20 February 2027: the month last due is 2027-01, the quarter 2026-Q4; the
# plan ended with 2026, its last quarter Q4 (due 05/01/2027).
export BAOCAO_NOW=$(at '2027-02-20 08:00')
run_bc 0 --db o.db status --format tsv
mine() { printf '%s\n' "$1" | grep -E '^(tm|tq|kh)	' | cut -f1-4 | sort; }
expect_eq "tsv: every period owed" "$(mine "$OUT")" "$(sort <<W
kh	2026-Q1	thon-dong-tam	missing
kh	2026-Q2	thon-moi	missing
kh	2026-Q3	thon-dong-tam	missing
kh	2026-Q3	thon-moi	missing
kh	2026-Q4	thon-dong-tam	missing
kh	2026-Q4	thon-moi	missing
tq	2025-Q4	thon-dong-tam	missing
tq	2026-Q1	thon-dong-tam	missing
tq	2026-Q2	thon-moi	missing
tq	2026-Q3	thon-dong-tam	missing
tq	2026-Q3	thon-moi	missing
tq	2026-Q4	thon-dong-tam	missing
tq	2026-Q4	thon-moi	missing
tm	2025-12	thon-dong-tam	missing
tm	2026-01	thon-dong-tam	missing
tm	2026-02	thon-dong-tam	missing
tm	2026-03	thon-dong-tam	missing
tm	2026-04	thon-dong-tam	missing
tm	2026-06	thon-dong-tam	returned
tm	2026-06	thon-moi	missing
tm	2026-07	thon-dong-tam	missing
tm	2026-07	thon-moi	missing
tm	2026-08	thon-dong-tam	missing
tm	2026-08	thon-moi	missing
tm	2026-09	thon-dong-tam	missing
tm	2026-09	thon-moi	missing
tm	2026-10	thon-dong-tam	missing
tm	2026-10	thon-moi	missing
tm	2026-11	thon-dong-tam	missing
tm	2026-11	thon-moi	missing
tm	2026-12	thon-dong-tam	missing
tm	2026-12	thon-moi	missing
tm	2027-01	thon-dong-tam	missing
tm	2027-01	thon-moi	missing
W
)"
# (what Đồng Tâm sent — May, both Q2s — is listed no more; Thôn Mới, on
# the roster from 15/06, owes Q2 (due 05/07) but not May (due 10/06); a
# last due period lists everyone, sent or not: here nobody sent it)

# The text: the last due period, then the latest 3 older ones per report
# and unit; the rest counted on the oldest listed, with what shows them.
run_bc 0 --db o.db status
txt=$(printf '%s\n' "$OUT" | sed -n '/^Tình hình/,/^Theo đơn vị/p')
tm_dt=$(printf '%s\n' "$txt" | grep -c '^tm .* thon-dong-tam ')
expect_eq "text: tm, Đồng Tâm: 2027-01 and 3 older" "$tm_dt" 4
expect_line "text: tm, Đồng Tâm's oldest listed" "$txt" "^tm *2026-10 *thon-dong-tam *chưa nộp$"
expect_contains "text: the rest counted" "$txt" "$(printf '%s\n%26s' \
    "tm                        2026-10    thon-dong-tam       chưa nộp" "")… và 9 kỳ khác chưa nộp hoặc bị trả lại, từ 2025-12 (xem hết: baocao status --all)"
expect_contains "text: Thôn Mới, from June" "$txt" "… và 4 kỳ khác chưa nộp hoặc bị trả lại, từ 2026-06 (xem hết: baocao status --all)"
# the per-unit counts count what is not listed too: as many as the TSV's rows
run_bc 0 --db o.db status --format tsv
miss=$(printf '%s\n' "$OUT" | grep -c "	thon-dong-tam	missing	")
ret=$(printf '%s\n' "$OUT" | grep -c "	thon-dong-tam	returned	")
run_bc 0 --db o.db status
expect_line "per unit counts everything" "$OUT" "^thon-dong-tam  *0 / 0 / $miss / $ret$"
[ "$miss" -gt 19 ] && [ "$ret" = 1 ] || fail "counts: $miss missing, $ret returned"
BAOCAO_LANG=en run_bc 0 --db o.db status
expect_contains "text (en)" "$OUT" "… and 9 more periods missing or returned, from 2025-12 (all of them: baocao status --all)"

# --all: every one, as the TSV
run_bc 0 --db o.db status --all
all=$(printf '%s\n' "$OUT" | sed -n '/^Tình hình/,/^Theo đơn vị/p')
expect_eq "--all: Đồng Tâm's months" "$(printf '%s\n' "$all" | grep -c '^tm .* thon-dong-tam ')" 13
case "$all" in *"kỳ khác"*) fail "--all still cuts: $all" ;; esac
expect_line "--all: the return, with its reason" "$all" "^tm *2026-06 *thon-dong-tam *bị trả lại: Thiếu số hộ$"

# F4 at the office: the chosen row's line below counts what is not listed.
command -v tmux >/dev/null || fail "tmux is not installed"
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Kỳ vừa đến hạn (F4)"
tm send-keys -t bc F4
wait_for "Tình hình nộp báo cáo"
k=0
while ! screen | grep -q "Hạn 10/11/2026 00:00 · chưa nhận được · và 9 kỳ trước từ 2025-12: status --all"; do
	[ $k -lt 120 ] || fail "F4: no row counts Đồng Tâm's older months; the screen was:
$(screen)"
	before=$(screen)
	tm send-keys -t bc Down
	j=0
	while [ $j -lt 50 ] && [ "$(screen)" = "$before" ]; do sleep 0.05; j=$((j + 1)); done
	k=$((k + 1))
done
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

# The field side has no --all.
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db f.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
run_bc 2 --db f.db status --all
expect_contains "field: --all is the office's" "$ERR" "dành cho văn phòng"
