# SPDX-License-Identifier: GPL-3.0-or-later
# Unit names as kept: trimmed, inner runs of spaces made one, a name of only
# spaces refused; Ð (U+00D0, from older encodings) taken as Đ in the name,
# its id, its order and its search; a search that finds nothing says so.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-08-20 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "  Bà   Rịa  " --id sp1
run_bc 0 --db o.db units --format tsv
expect_eq "trimmed and collapsed" "$(printf '%s\n' "$OUT" | grep '^sp1' | cut -f3)" "Bà Rịa"
run_bc 2 --db o.db units add --kind thon --name "   " --id blank
expect_contains "only spaces refused" "$ERR" "tên đơn vị không được để trống"
run_bc 0 --db o.db units --format tsv
expect_eq "nothing stored" "$(printf '%s\n' "$OUT" | grep -c '^blank')" "0"
run_bc 0 --db o.db units rename --id sp1 --name " Bà Rịa  2 "
run_bc 0 --db o.db units --format tsv
expect_eq "renamed, trimmed" "$(printf '%s\n' "$OUT" | grep '^sp1' | cut -f3)" "Bà Rịa 2"
run_bc 2 --db o.db units rename --id sp1 --name "  "

# Ð (C3 90) is Đ (C4 90)
edh=$(printf '\303\220')
run_bc 0 --db o.db units add --kind thon --name "${edh}ồng Tâm"
expect_eq "id from Ð" "$OUT" "dong-tam"
run_bc 0 --db o.db units add --kind thon --name "${edh}ồng Xuân" --id dx
run_bc 0 --db o.db units add --kind thon --name "Én Bay"
run_bc 0 --db o.db units add --kind thon --name "Dừa"
run_bc 0 --db o.db units --format tsv
expect_eq "stored as Đ" "$(printf '%s\n' "$OUT" | grep '^dx' | cut -f3)" "Đồng Xuân"
expect_eq "Đ after D, before E" "$(printf '%s\n' "$OUT" | cut -f3 | grep -v 'Văn phòng')" "Bà Rịa 2
Dừa
Đồng Tâm
Đồng Xuân
Én Bay"
run_bc 0 --db o.db units --search "dong xuan" --format tsv
expect_eq "search finds it" "$(printf '%s\n' "$OUT" | cut -f1)" "dx"

# a search with no match is no empty roster
run_bc 0 --db o.db units --search "khong co"
expect_eq "no match" "$OUT" "(không có đơn vị nào khớp)"
