# SPDX-License-Identifier: GPL-3.0-or-later
# The consolidated report of one period is the same, byte for byte, in a
# database that holds that period alone and in one that holds much else:
# a later period of the same form (approved, returned, drafts, revisions),
# another form over ten months with its own reviews, and their audit
# entries. The report reads the units x period it is about (and the
# earlier periods of the same form it compares with), through indexes:
# what else the database holds must change neither its figures nor what
# it says about each unit's revisions (the audit's verdicts per object).
# The fixture: t-office-totals.sh's commune and form (tq-thon, 2026-10).
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-20 08:00' +%s)
FORM=$SRC/tests/e2e/fixtures/tq-thon.yaml
# a second form of the same villages, its own id
sed 's/^form: tq-thon$/form: tq-khac/; s/^title: .*/title: Báo cáo khác của thôn/' "$FORM" > khac.yaml

run_bc 0 --db o.db setup office --commune "Xã Thử"
run_bc 0 --db o.db forms install "$FORM"
run_bc 0 --db o.db forms install khac.yaml
for v in "Thôn Xuân" "Thôn Hạ" "Thôn Thu" "Thôn Đông" "Thôn Nam"; do
	run_bc 0 --db o.db units add --kind thon --name "$v"
done
fill() {	# form period unit [--final] json
	printf '%s' "$5" > in.json
	run_bc 0 --db o.db fill --form "$1" --period "$2" --unit "$3" $4 in.json
}
# the period reported: approved after a second revision, final at the
# office, returned, a draft (as t-office-totals.sh)
fill tq-thon 2026-10 thon-xuan --final '{"so-ho": 999, "nhan-khau": 400, "ho-dat": 85}'
fill tq-thon 2026-10 thon-xuan --final '{"so-ho": 100, "nhan-khau": 400, "dien-tich": "12,5", "thu-nhap": 40, "ho-dat": 85, "ty-le-dat": 85, "vu-lon-nhat": 3, "muc-do": "thap", "nv": [{"_row": "1", "nv-tt": "ok", "nv-pct": 100}, {"_row": "2", "nv-tt": "dang", "nv-pct": 40}]}'
run_bc 0 --db o.db review approve --form tq-thon --unit thon-xuan --period 2026-10
fill tq-thon 2026-10 thon-nam --final '{"so-ho": 50, "nhan-khau": 210, "dien-tich": "7,25", "thu-nhap": 30, "ho-dat": 48, "vu-lon-nhat": 5, "muc-do": "cao", "nv": [{"_row": "1", "nv-tt": "dang", "nv-pct": 60}]}'
fill tq-thon 2026-10 thon-ha --final '{"so-ho": 1000, "nhan-khau": 1, "ho-dat": 1}'
run_bc 0 --db o.db review return --form tq-thon --unit thon-ha --period 2026-10 --reason "Số hộ sai"
fill tq-thon 2026-10 thon-thu '' '{"so-ho": 7777}'
# approved, then a newer draft: the approved revision 1 still counts (its
# verdict replayed from the audit entries of this one submission)
fill tq-thon 2026-10 thon-dong --final '{"so-ho": 20, "nhan-khau": 20, "ho-dat": 20}'
run_bc 0 --db o.db review approve --form tq-thon --unit thon-dong --period 2026-10
fill tq-thon 2026-10 thon-dong '' '{"so-ho": 8888}'

report() {	# db dir: the report of tq-thon 2026-10 in each format
	for f in text csv json; do
		run_bc 0 --db "$1" report --form tq-thon --period 2026-10 --format $f \
		    --out "$2/r.$f" --force
	done
}
mkdir alone many
report o.db alone
# the period alone, kept aside (the copy is the same database)
cp o.db alone.db

# much else: the next period of the same form (each unit's story told
# the other way round) and ten months of another form, reviewed
fill tq-thon 2026-11 thon-xuan --final '{"so-ho": 5, "nhan-khau": 5, "ho-dat": 5}'
run_bc 0 --db o.db review return --form tq-thon --unit thon-xuan --period 2026-11 --reason "Sai"
fill tq-thon 2026-11 thon-ha --final '{"so-ho": 6, "nhan-khau": 6, "ho-dat": 6}'
fill tq-thon 2026-11 thon-ha --final '{"so-ho": 7, "nhan-khau": 7, "ho-dat": 7}'
run_bc 0 --db o.db review approve --form tq-thon --unit thon-ha --period 2026-11
fill tq-thon 2026-11 thon-dong --final '{"so-ho": 8, "nhan-khau": 8, "ho-dat": 8}'
fill tq-thon 2026-11 thon-nam '' '{"so-ho": 9}'
for y in 2026; do
	for m in 01 02 03 04 05 06 07 08 09 10; do
		for u in thon-xuan thon-ha thon-thu thon-dong thon-nam; do
			fill tq-khac $y-$m $u --final "{\"so-ho\": 1$m, \"nhan-khau\": 2$m, \"ho-dat\": 3}"
		done
		run_bc 0 --db o.db review approve --form tq-khac --unit thon-xuan --period $y-$m
		run_bc 0 --db o.db review return --form tq-khac --unit thon-ha --period $y-$m \
		    --reason "Sai $y-$m"
	done
done
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_contains "the other form is there" "$OUT" "tq-khac"
report o.db many
for f in text csv json; do
	cmp -s alone/r.$f many/r.$f || fail "the $f report changed with the rest of the" \
	    "database: $(diff alone/r.$f many/r.$f | head -20)"
done
# and it is the commune's report, not an empty one
expect_contains "counted" "$(cat many/r.text)" "Đã tính 3/5 đơn vị."
expect_contains "sum" "$(cat many/r.text)" "  Số hộ                                    170 hộ"
expect_contains "older revision counted" "$(cat many/r.text)" \
    "thon-dong: có bản nháp mới hơn (lần 2), chưa tính; vẫn tính lần 1"
expect_contains "revision counted" "$(tr -d '\r' < many/r.csv)" \
    "thon-xuan,Thôn Xuân,đã duyệt,2,được tính,100,400"
expect_contains "returned" "$(tr -d '\r' < many/r.csv)" "thon-ha,Thôn Hạ,bị trả lại,1"
# the database kept aside still says the same too (nothing read it wrong)
report alone.db alone
for f in text csv json; do
	cmp -s alone/r.$f many/r.$f || fail "the $f report of the copy differs"
done
