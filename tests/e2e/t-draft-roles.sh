# SPDX-License-Identifier: GPL-3.0-or-later
# `forms draft` as an outsider clerk found it (issue #14's try-out): a unit
# named in the helpers column stays a helper, taken out of a lead group
# ("Các phòng chuyên môn") that read it in, and the draft says so; named in
# both columns, the conflict is listed; an ongoing task ("Thường xuyên trong
# năm 2026") is `thường xuyên`, never the year's end; "hằng năm" with no
# date gets no deadline, and both are listed.
. "$(dirname "$0")/lib.sh"

printf '%s\n' 'STT,Nội dung,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn' \
    '1,Rà soát thủ tục,Các phòng chuyên môn thuộc UBND xã,Phòng Văn hóa - Xã hội,Quý III/2026' \
    '2,Niêm yết công khai,Các phòng chuyên môn thuộc UBND xã,Văn phòng UBND xã,30/06/2026' \
    '3,Đối thoại,Phòng Kinh tế,Phòng Kinh tế; Các thôn,30/09/2026' \
    '4,Theo dõi việc thực hiện,Phòng Kinh tế,Các phòng chuyên môn thuộc UBND xã,Thường xuyên trong năm 2026.' \
    '5,Lập kế hoạch,Phòng Kinh tế,,Hằng năm' \
    '6,Trực tiếp nhận,Phòng Kinh tế,,Thường xuyên' > kh.csv
mkdir d
run_bc 0 forms draft kh.csv --out-dir d
y=d/kh-b1.yaml
# row: the lines from its id to the next row
row() { sed -n "/^      - id: \"$1\"/,/^      - id: /p" "$y"; }

# 1: the helper stays a helper; the group leads without it
R=$(row 1)
expect_contains "1: lead without the helper" "$R" "lead: [van-phong, phong-kinh-te]"
expect_line "1: helper kept" "$R" "helpers: \\(\\[phong-vhxh\\]\\|phong-vhxh\\)$"
expect_contains "1: said" "$OUT" "dòng 1: phong-vhxh ở cột phối hợp — bỏ khỏi nhóm chủ trì 'Các phòng chuyên môn thuộc UBND xã', để phối hợp"
R=$(row 2)
expect_contains "2: lead without van-phong" "$R" "lead: [phong-kinh-te, phong-vhxh]"
expect_line "2: van-phong helps" "$R" "helpers: \\(\\[van-phong\\]\\|van-phong\\)$"
expect_contains "2: said" "$OUT" "dòng 2: van-phong ở cột phối hợp"
# 3: named in both columns: leads, and the conflict is listed
R=$(row 3)
expect_line "3: leads" "$R" "lead: \\(\\[phong-kinh-te\\]\\|phong-kinh-te\\)$"
expect_contains "3: conflict said" "$OUT" "dòng 3: phong-kinh-te vừa chủ trì vừa phối hợp"
# 4: a helper group over the lead means the others, silently
R=$(row 4)
case "$R" in *"helpers: [van-phong, phong-vhxh]"*) ;; *) fail "4: helpers: $R" ;; esac
case "$OUT" in *"dòng 4: phong-kinh-te"*) fail "4: a group's overlap listed: $OUT" ;; esac
# 4: ongoing, not 31/12/2026, and listed
expect_contains "4: ongoing" "$R" 'deadline: "thường xuyên"'
expect_contains "4: listed" "$OUT" "dòng 4: thời hạn 'Thường xuyên trong năm 2026.' là việc thường xuyên"
# 5: each year with no date: no deadline, listed
R=$(row 5)
case "$R" in *"deadline:"*) fail "5: a deadline made up: $R" ;; esac
expect_contains "5: listed" "$OUT" "dòng 5: thời hạn 'Hằng năm' lặp lại hằng năm mà không ghi ngày"
# 6: the plan's own word: written, not listed
expect_contains "6: ongoing" "$(row 6)" 'deadline: "thường xuyên"'
case "$OUT" in *"dòng 6:"*) fail "6: listed: $OUT" ;; esac
# the draft is a form
run_bc 0 forms check "$y"
# English
BAOCAO_LANG=en run_bc 0 forms draft kh.csv --out-dir d --force
expect_contains "en: helper" "$OUT" "row 1: phong-vhxh is in the helpers column — taken out of the lead group"

# seed 001's appendix (the DOCX the clerk started from): the four rows it
# found promoted, and the ongoing row, each listed
mkdir s1
run_bc 0 forms draft "$SRC/tests/fixtures/plans/plan-001.docx" --out-dir s1
for r in "II.2.a: van-phong" "V.1: tt-hcc" "V.2: tt-hcc" "V.5: phong-vhxh"; do
	expect_contains "seed 001 $r" "$OUT" "dòng $r ở cột phối hợp — bỏ khỏi nhóm chủ trì"
done
expect_contains "seed 001 V.3" "$OUT" "dòng V.3: thời hạn 'Thường xuyên trong năm 2026.' là việc thường xuyên"
sed -n '/^      - id: "V.5"/,/^      - id: /p' s1/plan-001-b1.yaml > v5
expect_line "seed 001 V.5 helps" "$(cat v5)" "helpers: \\(\\[phong-vhxh\\]\\|phong-vhxh\\)$"
case "$(grep 'lead:' v5)" in *phong-vhxh*) fail "seed 001 V.5 still leads: $(cat v5)" ;; esac
