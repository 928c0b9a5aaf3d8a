# SPDX-License-Identifier: GPL-3.0-or-later
# The office's outputs follow the plan version in force at a period's
# deadline, not the newest one: `status`'s overdue rows (which unit leads
# which row, and when it is due) and the consolidated report's expected
# units and task leads. A unit a later version added is not missing for an
# earlier period; a unit it dropped is still expected for the periods it
# was assigned.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }
export BAOCAO_NOW=$(at '2026-01-02 08:00')

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind cong-an --name "Công an xã" --id ca
run_bc 0 --db o.db units add --kind quan-su --name "Ban chỉ huy quân sự" --id qs
run_bc 0 --db o.db units add --kind truong --name "Trường tiểu học" --id th
run_bc 0 --db o.db units add --kind tram-y-te --name "Trạm y tế" --id yt
# plan VERSION LEAD1 LEAD2 LEAD3 DUE3
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
      - {id: "1", label: Tuần tra, lead: [$2], deadline: 31/03/2026}
      - {id: "2", label: Diễn tập, lead: [$3], deadline: 31/03/2026}
      - {id: "3", label: Tuyên truyền, lead: [$4], deadline: $5}
    columns:
      - {name: nv-ghi-chu, type: text, label: Ghi chú}
Y
}
# v1: the police lead row 1, the militia row 2, the school row 3 (due in Q1)
plan 1 cong-an quan-su truong 31/03/2026
run_bc 0 --db o.db forms install v1.yaml
# v2 (12/04/2026, after Q1's deadline 05/04): rows 1 and 2 change hands,
# row 3 goes from the school to the health station and is due in Q3
plan 2 quan-su cong-an tram-y-te 30/09/2026
BAOCAO_NOW=$(at '2026-04-12 08:00') run_bc 0 --db o.db forms install v2.yaml
export BAOCAO_NOW=$(at '2026-07-10 08:00')

# status: Q1 under v1, Q2 under v2 (unit, state, overdue rows)
owed() { printf '%s\n' "$1" | grep '^an	' | cut -f3,4,8 | sort | tr '\n' ' '; }
run_bc 0 --db o.db status --period 2026-Q1 --format tsv
expect_eq "Q1: who owes it and its overdue rows, as v1 said" "$(owed "$OUT")" \
    "ca	missing	1 qs	missing	2 th	missing	3 van-phong	missing	 "
run_bc 0 --db o.db status --period 2026-Q2 --format tsv
expect_eq "Q2: as v2 says (row 3 not due until Q3)" "$(owed "$OUT")" \
    "ca	missing	2 qs	missing	1 van-phong	missing	 yt	missing	 "
# the default view lists the older period's overdue rows by the same rule
run_bc 0 --db o.db status --all --format tsv
expect_eq "status --all: Q1's rows as v1 said" \
    "$(printf '%s\n' "$OUT" | grep '^an	2026-Q1	' | cut -f3,8 | sort | tr '\n' ' ')" \
    "ca	1 qs	2 th	3 van-phong	 "

# the consolidated report: the units expected then, the leads then
# the JSON's units (sorted) and tasks: "1=lead@due[overdue units]"
units() { printf '%s' "$1" | python3 -c 'import json,sys
print(" ".join(sorted(u["unit"] + ":" + u["included"] for u in json.load(sys.stdin)["rows"])))'; }
tasks() { printf '%s' "$1" | python3 -c 'import json,sys
print(" ".join("%s=%s@%s[%s]" % (t["id"], t["lead"], t["due_date"], ",".join(t["overdue_units"]))
    for t in json.load(sys.stdin)["tasks"]))'; }
run_bc 0 --db o.db report --form an --period 2026-Q1 --format json
expect_eq "report Q1: the school expected, the station not" "$(units "$OUT")" \
    "ca:missing qs:missing th:missing van-phong:missing"
expect_eq "report Q1: row leads as v1 said" \
    "$(tasks "$OUT")" \
    "1=cong-an@31/03/2026[ca] 2=quan-su@31/03/2026[qs] 3=truong@31/03/2026[th]"
run_bc 0 --db o.db report --form an --period 2026-Q1
expect_contains "report Q1 (text): the school is missing" "$OUT" "th: chưa nộp báo cáo"
case "$OUT" in *"yt: chưa nộp"*) fail "report Q1: the health station, added in v2, is missing: $OUT" ;; esac
run_bc 0 --db o.db report --form an --period 2026-Q2 --format json
expect_eq "report Q2: the station expected, the school not" "$(units "$OUT")" \
    "ca:missing qs:missing van-phong:missing yt:missing"
expect_eq "report Q2: row leads as v2 says" \
    "$(tasks "$OUT")" \
    "1=quan-su@31/03/2026[qs] 2=cong-an@31/03/2026[ca] 3=tram-y-te@30/09/2026[]"
run_bc 0 --db o.db report --form an --period 2026-Q1 --format csv
expect_contains "report Q1 (csv): the school's row" "$OUT" "Trường tiểu học"

# a unit the later version assigned that sent the earlier period all the
# same is counted there (and listed by status), never dropped
run_bc 0 --db o.db fill --form an --unit yt --period 2026-Q1 --final - <<J
{"nv": [{"_row": "3", "nv-ghi-chu": "Đã làm"}]}
J
run_bc 0 --db o.db report --form an --period 2026-Q1 --format json
expect_eq "report Q1: what the station sent counts" "$(units "$OUT")" \
    "ca:missing qs:missing th:missing van-phong:missing yt:counted"
run_bc 0 --db o.db status --period 2026-Q1 --format tsv
expect_eq "status Q1: the station listed, late" "$(owed "$OUT")" \
    "ca	missing	1 qs	missing	2 th	missing	3 van-phong	missing	 yt	late	 "

# the report says which version it followed, when not the current one
run_bc 0 --db o.db report --form an --period 2026-Q1
expect_contains "report Q1 (text) names the version in force" "$OUT" "theo phiên bản 1 của kế hoạch"
run_bc 0 --db o.db report --form an --period 2026-Q1 --format json
expect_contains "report Q1 (json): version_in_force" "$OUT" '"version_in_force": 1'
run_bc 0 --db o.db report --form an --period 2026-Q2
case "$OUT" in *"theo phiên bản"*) fail "report Q2 follows the current version, said otherwise: $OUT" ;; esac
# ... in the workbook and the printable report too
run_bc 0 --db o.db report --form an --period 2026-Q1 --format xlsx --out q1.xlsx
unzip -p q1.xlsx 'xl/*.xml' | grep -q "theo phiên bản 1 của kế hoạch" ||
    fail "xlsx: the version in force is not said"
run_bc 0 --db o.db report --form an --period 2026-Q1 --format pdf --out q1.pdf
if command -v pdftotext >/dev/null; then
	pdftotext q1.pdf - | tr '\n' ' ' | grep -q "theo phiên bản 1 của kế" ||
	    fail "pdf: the version in force is not said"
fi
