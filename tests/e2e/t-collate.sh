# SPDX-License-Identifier: GPL-3.0-or-later
# Vietnamese order and accent-free search (issue #19, items 4-5): units
# added in a scrambled order are listed by `units`, by status, in every
# export of a report and in the interface as An Xuân, Ăn Thi, Dừa, Đa Lộc,
# Én Bay, Ê Đê (a < ă, d < đ, e < ê: letters first, then tones, then case);
# a search without accents finds the names with them.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-12 09:00' +%s)
order="An Xuân
Ăn Thi
Dừa
Đa Lộc
Én Bay
Ê Đê"

BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
for v in "Ê Đê" "Dừa" "Én Bay" "An Xuân" "Đa Lộc" "Ăn Thi"; do
	BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db units add --kind thon --name "$v"
done
for v in "Trường Hòa Bình" "Trường Hoà Lạc" "Trường Đồng Tâm"; do
	BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s) run_bc 0 --db o.db units add --kind truong --name "$v"
done

run_bc 0 --db o.db units --format tsv
expect_eq "units in Vietnamese order" "$(printf '%s\n' "$OUT" | cut -f3 | grep -v Trường | grep -v 'Văn phòng')" "$order"
run_bc 0 --db o.db units
expect_eq "units, text" "$(printf '%s\n' "$OUT" | cut -c43- | grep -v Trường | grep -v 'Văn phòng')" "$order"

# search: accents, đ and word order ignored
run_bc 0 --db o.db units --search hoa --format tsv
expect_eq "hoa" "$(printf '%s\n' "$OUT" | cut -f3)" "Trường Hòa Bình
Trường Hoà Lạc"
run_bc 0 --db o.db units --search "dong" --format tsv
expect_eq "dong" "$(printf '%s\n' "$OUT" | cut -f3)" "Trường Đồng Tâm"
run_bc 0 --db o.db units --search "tam ĐỒNG" --format tsv
expect_eq "words in any order, any case" "$(printf '%s\n' "$OUT" | cut -f3)" "Trường Đồng Tâm"
run_bc 0 --db o.db units --search "ede" --format tsv
expect_eq "ê without its hat" "$(printf '%s\n' "$OUT" | cut -f3)" ""
run_bc 0 --db o.db units --search "e de" --format tsv
expect_eq "Ê Đê without accents" "$(printf '%s\n' "$OUT" | cut -f3)" "Ê Đê"

# status: every unit missing, so by unit
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_eq "status rows by unit" "$(printf '%s\n' "$OUT" | grep '^nl09-thon-thang' | cut -f3)" \
    "an-xuan
an-thi
dua
da-loc
en-bay
e-de"

# the office enters each village's figures (in yet another order)
for u in dua e-de an-thi da-loc an-xuan en-bay; do
	run_bc 0 --db o.db fill --form nl09-thon-thang --period 2026-10 --unit $u --final - <<J
{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 10, "ho-nuoc-hvs": 90, "ho-nuoc-sach": 70}
J
done
run_bc 0 --db o.db status --format tsv
run_bc 0 --db o.db status --period 2026-10 --format tsv
expect_eq "status rows by unit, all sent" "$(printf '%s\n' "$OUT" | grep '^nl09-thon-thang' | cut -f3)" \
    "an-xuan
an-thi
dua
da-loc
en-bay
e-de"

# every export of the report: rows in the same order
rows() { grep -o 'An Xuân\|Ăn Thi\|Dừa\|Đa Lộc\|Én Bay\|Ê Đê' "$1" | awk '!seen[$0]++'; }
for f in csv json long-csv long-json; do
	run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format $f --out r.$f
	expect_eq "report rows, $f" "$(rows r.$f)" "$order"
done
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --out r.txt
expect_eq "report rows, text" "$(rows r.txt)" "$order"
if command -v pdftotext >/dev/null; then
	run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format pdf --out r.pdf
	pdftotext -layout r.pdf r.pdf.txt
	expect_eq "report rows, pdf" "$(rows r.pdf.txt)" "$order"
fi
run_bc 0 --db o.db report --form nl09-thon-thang --period 2026-10 --format xlsx --out r.xlsx
unzip -p r.xlsx xl/worksheets/sheet1.xml > sheet.xml || fail "not a zip"
sed 's/<c r="/\n<c r="/g' sheet.xml | grep '^<c r="B' > bcol
expect_eq "report rows, xlsx" "$(rows bcol)" "$order"

# The interface: the report table and the inbox sorted by unit in the same
# order; the inbox filter finds "Đa Lộc" whether typed plain or in Telex
# ("ddaf locj" becomes "đà lọc": the typing mode stays on in a filter, and
# matching folds accents and đ on both sides, so it never gets in the way).
command -v tmux >/dev/null || fail "tmux is not installed"
names() { screen | grep -o 'An Xuân\|Ăn Thi\|Dừa\|Đa Lộc\|Én Bay\|Ê Đê'; }
ids() { screen | grep -o ' an-xuan \| an-thi \| dua \| da-loc \| en-bay \| e-de ' | tr -d ' '; }
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
# the home search finds a week typed in Telex (2026-W46 shows 2026-Ư46: what
# was typed counts as typed too)
tm send-keys -t bc /
tm send-keys -t bc "2026-W46"
wait_for "Tìm:  2026-Ư46"
expect_eq "the week found" "$(screen | grep -c '2026-W46 ')" 1
expect_eq "the search drawn once" "$(screen | grep -c '2026-Ư46')" 1
tm send-keys -t bc C-u "w46"
wait_for "Tìm:  ư46"
expect_eq "w46 finds it" "$(screen | grep -c '2026-W46 ')" 1
tm send-keys -t bc Escape
tm send-keys -t bc F9
wait_for "Báo cáo tổng hợp"
# the report list's search is a line like every filter: Ctrl-U clears it
tm send-keys -t bc "tong ket"
wait_for "Tìm: tong ket ·"
tm send-keys -t bc C-u "so ket"
wait_for "Tìm: so ket ·"
tm send-keys -t bc BSpace BSpace BSpace BSpace
wait_for "Tìm: so ·"
tm send-keys -t bc C-u
tm send-keys -t bc "nl09-thon-t" Enter
wait_for "nl09-thon-thang — kỳ 2026-10"
tm send-keys -t bc F2
wait_for "Tổng (6/6)"
expect_eq "report table rows" "$(names)" "$order"
tm send-keys -t bc Escape
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F7
wait_for "Hộp thư: báo cáo đã nhận"
wait_for "6 / 6 báo cáo"
tm send-keys -t bc F4
wait_for "6 / 6 báo cáo · theo đơn vị"
expect_eq "inbox by unit" "$(ids)" "an-xuan
an-thi
dua
da-loc
en-bay
e-de"
tm send-keys -t bc "ddaf locj"
wait_for "1 / 6 báo cáo · theo đơn vị"
wait_for "đà lọc"
expect_eq "Telex in the filter" "$(ids)" "da-loc"
tm send-keys -t bc C-u
for k in 1 2 3 4 5 6 7 8 9; do tm send-keys -t bc BSpace; done
wait_for "6 / 6 báo cáo · theo đơn vị"
tm send-keys -t bc "e de"
wait_for "1 / 6 báo cáo"
expect_eq "accents left out" "$(ids)" "e-de"
tm send-keys -t bc F4
wait_for "1 / 6 báo cáo"
tm send-keys -t bc F10
wait_for "EXITED 0"
