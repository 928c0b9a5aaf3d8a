# SPDX-License-Identifier: GPL-3.0-or-later
# The office's zstd dictionary, through files only: the pack carries it,
# the unit's bundles use it (format 4, its id inside the sealed box) and import; a new form makes a new
# one, and a bundle made with the old one still imports; an office restored
# from a backup that lacks the unit's dictionary refuses its bundle in one
# line (exit 2) and reads it again once the unit applied its new pack; a
# unit set up before dictionaries (none kept) writes format 4 without one, which imports.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

fmt() { od -An -tu1 -j9 -N1 "$1" | tr -d ' '; }

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > m.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-09 --final m.json
run_bc 0 --db a.db export --out a1.bcb
[ "$(fmt a1.bcb)" = 4 ] || fail "the bundle is not format 4 (format $(fmt a1.bcb))"
run_bc 0 --db o.db import a1.bcb
fa=$(fpr_of a.db)
run_bc 0 --db o.db devices approve "$fa"
expect_eq "approve reads the dictionary's bundle" "$OUT" "Đã duyệt thiết bị; đã nhập 1 tệp đang giữ."
cp o.db o-backup.db

# A new form: the next pack has a new dictionary; a bundle made with the
# old one, arriving after, still imports.
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final m.json
run_bc 0 --db a.db export --out a2.bcb
cat > moi.yaml <<'YAML'
form: moi
version: 1
title: Biểu mẫu mới
unit: thon
reports: [{id: thang, period: month, deadline: "day 10 of next month"}]
fields:
  - {name: so-cay-xanh, type: integer, label: Số cây xanh trồng mới, min: 0}
  - {name: tinh-trang, type: select_one, label: Tình trạng, list: tt}
choices: {tt: [{value: tot, label: Tốt}, {value: kem, label: Kém}]}
YAML
run_bc 0 --db o.db forms install moi.yaml
run_bc 0 --db o.db pack --out p2.bcp
run_bc 0 --db o.db import a2.bcb
expect_contains "old dictionary still read" "$OUT" "a2.bcb: đã nhập 2 báo cáo của thon-dong-tam (1 mới"
run_bc 0 --db a.db apply p2.bcp
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final m.json
run_bc 0 --db a.db export --out a3.bcb
[ "$(fmt a3.bcb)" = 4 ] || fail "a3.bcb: format $(fmt a3.bcb)"
cmp -s a2.bcb a3.bcb && fail "the same bundle twice"

# The office restored from the backup: it never made the new dictionary.
cp o.db o-now.db
cp o-backup.db o.db
run_bc 2 --db o.db import a3.bcb
case "$OUT" in
"từ chối: tệp nén bằng từ điển "*" mà văn phòng này không có "*"hãy gửi gói mới ('baocao pack') cho đơn vị thon-dong-tam, áp dụng rồi xuất lại — a3.bcb") ;;
*) fail "unknown dictionary: $OUT" ;;
esac
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "more than one line: $OUT"
BAOCAO_LANG=en run_bc 2 --db o.db import a3.bcb
expect_contains "in English" "$OUT" "which this office does not have"
# ... refused, with a damaged file: the damaged one decides the exit
cp a3.bcb bad.bcb
flip_byte bad.bcb 200
run_bc 4 --db o.db import a3.bcb bad.bcb
# The unit applies the restored office's pack (older: accepted by a
# person) and exports again: its dictionary is the office's again.
run_bc 0 --db o.db pack --out p3.bcp
run_bc 0 --db a.db apply --accept-older p3.bcp
run_bc 0 --db a.db export --out a4.bcb
run_bc 0 --db o.db import a4.bcb
expect_contains "readable again" "$OUT" "a4.bcb: đã nhập"
