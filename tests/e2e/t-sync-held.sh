# SPDX-License-Identifier: GPL-3.0-or-later
# Files held from a device not yet approved, then approved, leave the
# office exactly as importing the same files from an approved device:
# the same submissions, revisions, report and audit, entry by entry (a
# device's first held file is audited, in both). The files mix new months, files sent again
# (duplicates) and a month changed since (a new revision). The held
# figures ('devices') count every file, and approving says how many.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
fa=$(fpr_of a.db)

# e0: nothing yet (what makes the device known to the approved office);
# b1..b6 one month more each (every file sends the months before again);
# b7 May changed.
run_bc 0 --db a.db export --out e0.bcb
files=e0.bcb
for m in 5 6 7 8 9 10; do
	printf '{"so-ho": %d, "so-nhan-khau": %d, "ho-ngheo": %d}' $((100 + m)) $((400 + m)) $m > m.json
	run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-$(printf %02d $m) --final m.json
	run_bc 0 --db a.db export --out b$m.bcb
	files="$files b$m.bcb"
done
printf '{"so-ho": 200, "so-nhan-khau": 800, "ho-ngheo": 1}' > m.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-05 --final m.json
run_bc 0 --db a.db export --out b11.bcb
files="$files b11.bcb"

# The approved office: e0 held, the device approved, then the rest imported.
cp o.db oa.db
run_bc 0 --db oa.db import e0.bcb
run_bc 0 --db oa.db devices approve "$fa"
expect_eq "approve e0" "$OUT" "Đã duyệt thiết bị; đã nhập 1 tệp đang giữ."
run_bc 0 --db oa.db import ${files#e0.bcb }

# The other office: everything held, then approved at once.
cp o.db oh.db
run_bc 0 --db oh.db import $files
expect_eq "held lines" "$(printf '%s\n' "$OUT" | grep -c "giữ chờ duyệt thiết bị $fa")" 8
bytes=$(cat $files | wc -c)
run_bc 0 --db oh.db devices --format tsv
expect_contains "held figures" "$OUT" "$fa	thon-dong-tam	pending	0	8	$bytes"
run_bc 0 --db oh.db devices approve "$fa"
expect_eq "approve all" "$OUT" "Đã duyệt thiết bị; đã nhập 8 tệp đang giữ."
run_bc 0 --db oh.db devices --format tsv
expect_contains "nothing held" "$OUT" "$fa	thon-dong-tam	approved"
expect_contains "nothing held" "$OUT" "	0	0"

# Both offices alike.
for m in 05 06 07 08 09 10; do
	for what in "history --form nl09-thon-thang --unit thon-dong-tam --period 2026-$m --format tsv" \
	    "report --form nl09-thon-thang --period 2026-$m --format csv"; do
		run_bc 0 --db oa.db $what
		a=$OUT
		run_bc 0 --db oh.db $what
		expect_eq "$what" "$OUT" "$a"
	done
done
run_bc 0 --db oh.db history --form nl09-thon-thang --unit thon-dong-tam --period 2026-05 --format tsv
expect_eq "May's revisions" "$(printf '%s\n' "$OUT" | grep -c .)" 2
# the audit, entry by entry
run_bc 0 --db oa.db audit --format tsv
a=$OUT
run_bc 0 --db oh.db audit --format tsv
expect_eq "audit" "$OUT" "$a"
expect_eq "import entries" "$(printf '%s\n' "$OUT" | grep -c "	import	")" 7

# Approving says what its held files had to say, as importing them would:
# a submission the office's checks hold back (a month the office's clock
# has not reached: the laptop's clock was a month ahead) is counted and
# named, not only "N files imported".
run_bc 0 --db b.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
fb=$(fpr_of b.db)
printf '{"so-ho": 120, "so-nhan-khau": 480, "ho-ngheo": 4}' > m.json
BAOCAO_NOW=$(date -d '2026-12-05 08:00' +%s) run_bc 0 --db b.db fill --form nl09-thon-thang --period 2026-12 --final m.json
BAOCAO_NOW=$(date -d '2026-12-05 08:00' +%s) run_bc 0 --db b.db export --out c1.bcb
cp o.db oc.db
run_bc 0 --db oc.db import c1.bcb
run_bc 0 --db oc.db devices approve "$fb"
expect_line "approve: held back, counted" "$OUT" "^Đã duyệt thiết bị; đã nhập 1 tệp đang giữ; 1 báo cáo trong đó bị giữ lại\.$"
expect_line "approve: held back, named" "$OUT" "^  giữ lại nl09-thon-thang 2026-12: kỳ 2026-12 chưa bắt đầu"
run_bc 0 --db oc.db import c1.bcb
expect_contains "the same file again" "$OUT" "đã nhập trước đó"
