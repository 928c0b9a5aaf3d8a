# SPDX-License-Identifier: GPL-3.0-or-later
# No silent wipe, and the history of a submission: empty input to fill is
# refused and changes nothing; a BOM is skipped, a NUL byte refused by line,
# errors capped at 20 and a count; every fill keeps the revision before;
# history lists, shows and restores (a new revision, audited), checked on
# what is stored, not only on what is printed.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)
F="--form nl09-thon-thang --period 2026-10"

run_bc 0 --db f.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
printf 'field,value\nso-ho,120\nso-nhan-khau,480\nho-ngheo,5\n' > a.csv
run_bc 0 --db f.db fill $F a.csv
expect_contains "rev 1" "$OUT" "(lần sửa 1;"
run_bc 0 --db f.db history $F --show 1 --format json
stored=$OUT

# Empty input of every kind: one line, exit 2, nothing written.
EMPTY="baocao: không có giá trị nào; không ghi gì (để xoá một giá trị, ghi rõ: JSON \"trường\": null, CSV \"trường,\") — -"
run_bc 2 --db f.db fill $F - </dev/null
expect_eq "empty stdin" "$ERR" "$EMPTY"
printf '  \n\t\r\n\n' > blank.txt
run_bc 2 --db f.db fill $F - < blank.txt
expect_eq "whitespace" "$ERR" "$EMPTY"
printf 'field,value\n' > header.csv
run_bc 2 --db f.db fill $F header.csv
expect_line "header only" "$ERR" "^baocao: không có giá trị nào.* — header.csv$"
printf '\357\273\277field,value\r\n\r\n' > header-bom.csv
run_bc 2 --db f.db fill $F header-bom.csv
expect_line "BOM + header only" "$ERR" "^baocao: không có giá trị nào.* — header-bom.csv$"
echo '{}' > empty.json
run_bc 2 --db f.db fill $F empty.json
expect_line "{}" "$ERR" "^baocao: không có giá trị nào.* — empty.json$"
echo '{"values": {}, "rows": {}, "reasons": []}' > empty-full.json
run_bc 2 --db f.db fill $F empty-full.json
expect_contains "full form, no values" "$ERR" "không có giá trị nào"
run_bc 0 --db f.db history $F --format tsv
expect_eq "still one revision" "$(printf '%s\n' "$OUT" | wc -l)" 1
run_bc 0 --db f.db history $F --show 1 --format json
expect_eq "values untouched" "$OUT" "$stored"

# What is given is laid over what is stored; null clears on purpose.
echo '{"ho-ngheo": 6}' > b.json
run_bc 0 --db f.db fill $F b.json
expect_contains "rev 2" "$OUT" "(lần sửa 2;"
run_bc 0 --db f.db history $F --show 2
expect_eq "merged" "$OUT" 'field,value,reason
"so-ho","120"
"so-nhan-khau","480"
"ho-ngheo","6"'
echo '{"so-nhan-khau": null}' > c.json
run_bc 0 --db f.db fill $F c.json
run_bc 0 --db f.db history $F --show 3
expect_eq "cleared" "$OUT" 'field,value,reason
"so-ho","120"
"ho-ngheo","6"'
# The same values again are not a new revision.
run_bc 0 --db f.db fill $F c.json
expect_contains "unchanged" "$OUT" "không có gì thay đổi (vẫn lần sửa 3;"

# A CSV from Excel: UTF-8 with a BOM, CRLF.
printf '\357\273\277field,value\r\nso-nhan-khau,481\r\n' > excel.csv
run_bc 0 --db f.db fill $F excel.csv
expect_contains "BOM read" "$OUT" "(lần sửa 4;"
run_bc 0 --db f.db history $F --show 4
expect_contains "BOM value" "$OUT" '"so-nhan-khau","481"'

# A NUL byte is refused, naming its line; nothing written.
printf 'so-ho,1\nso-nhan-khau,2\0\nho-ngheo,3\n' > nul.csv
run_bc 2 --db f.db fill $F nul.csv
expect_eq "NUL" "$ERR" "baocao: có byte NUL, đây không phải tệp văn bản; không ghi gì — nul.csv:2"
printf '{"so-ho": 1,\n\n "ho-ngheo": "\0"}' > nul.json
run_bc 2 --db f.db fill $F nul.json
expect_contains "NUL in JSON" "$ERR" "có byte NUL, đây không phải tệp văn bản; không ghi gì — nul.json:3"

# Excel's "Unicode text" (UTF-16) is named as such.
printf '\377\376s\000o\000,\0001\000\n\000' > u16.csv
run_bc 2 --db f.db fill $F u16.csv
expect_eq "UTF-16" "$ERR" "baocao: tệp UTF-16; hãy lưu lại dạng CSV UTF-8; không ghi gì — u16.csv"

# 5,000 bad lines: the first 20, then one line with the count.
i=1
while [ $i -le 5000 ]; do
	echo "khong-co-$i,1"
	i=$((i + 1))
done > bad.csv
run_bc 2 --db f.db fill $F bad.csv
expect_eq "21 lines" "$(printf '%s\n' "$ERR" | wc -l)" 21
expect_eq "first" "$(printf '%s\n' "$ERR" | head -1)" "không có trường 'khong-co-1' — khong-co-1, bad.csv:1"
expect_eq "20th" "$(printf '%s\n' "$ERR" | sed -n 20p)" "không có trường 'khong-co-20' — khong-co-20, bad.csv:20"
expect_eq "count" "$(printf '%s\n' "$ERR" | tail -1)" "baocao: 5000 lỗi, 20 lỗi đầu ở trên, 4980 lỗi nữa không in; không ghi gì — bad.csv"
# Lines are physical lines: blank lines and a header are counted.
printf 'field,value\n\nso-ho,abc\n' > bad2.csv
run_bc 2 --db f.db fill $F bad2.csv
expect_eq "line after blank" "$ERR" 'baocao: "abc" không phải số nguyên — so-ho, bad2.csv:3'
# The same cap for JSON: each bad field is reported.
{
	printf '{'
	i=1
	while [ $i -le 30 ]; do
		printf '"khong-co-%d": 1, ' $i
		i=$((i + 1))
	done
	printf '"so-ho": 1}\n'
} > bad.json
run_bc 2 --db f.db fill $F bad.json
expect_eq "json 21 lines" "$(printf '%s\n' "$ERR" | wc -l)" 21
expect_eq "json count" "$(printf '%s\n' "$ERR" | tail -1)" "baocao: 30 lỗi, 20 lỗi đầu ở trên, 10 lỗi nữa không in; không ghi gì — bad.json"
run_bc 0 --db f.db history $F --format tsv
expect_eq "bad input wrote nothing" "$(printf '%s\n' "$OUT" | wc -l)" 4

# history: the list, with who, status and how many values changed.
run_bc 0 --db f.db history $F --format tsv
expect_eq "tsv" "$(printf '%s\n' "$OUT" | cut -f1,5,6,7)" "1	draft	3	0
2	draft	1	0
3	draft	1	0
4	draft	1	0"
run_bc 0 --db f.db history $F
expect_contains "text" "$OUT" "4 lần sửa"
expect_contains "current" "$OUT" "← hiện tại"

# restore: a new draft revision with the old values; nothing rewritten.
run_bc 0 --db f.db history $F --show 1 --format json
one=$OUT
run_bc 0 --db f.db history $F --restore 1
expect_eq "restored" "$OUT" "nl09-thon-thang thon-dong-tam 2026-10: đã khôi phục lần sửa 1 thành lần sửa 5 (nháp)."
run_bc 0 --db f.db history $F --show 5 --format json
expect_eq "rev 5 holds rev 1's values" "$OUT" "$one"
run_bc 0 --db f.db history $F --show 1 --format json
expect_eq "rev 1 untouched" "$OUT" "$one"
run_bc 0 --db f.db history $F --format tsv
expect_eq "restore row" "$(printf '%s\n' "$OUT" | tail -1 | cut -f1,5,7)" "5	draft	1"
run_bc 0 --db f.db audit --format tsv
expect_contains "audited" "$OUT" "restore	nl09-thon-thang/thon-dong-tam/2026-10	rev 5 from rev 1"
# the restored draft is what the next fill builds on
echo '{"ho-ngheo": 7}' > d.json
run_bc 0 --db f.db fill $F d.json
run_bc 0 --db f.db history $F --show 6
expect_eq "built on the restore" "$OUT" 'field,value,reason
"so-ho","120"
"so-nhan-khau","480"
"ho-ngheo","7"'
# --show's CSV goes back into fill
run_bc 0 --db f.db history $F --show 3
printf '%s\n' "$OUT" > rev3.csv
run_bc 0 --db f.db fill $F --replace rev3.csv
run_bc 0 --db f.db history $F --show 7
expect_eq "round trip" "$OUT" "$(cat rev3.csv)"

# A final's history: finalising, then editing, keeps the final revision.
run_bc 0 --db f.db fill $F --final a.csv
expect_contains "final" "$OUT" "đã hoàn tất (lần sửa 8)"
run_bc 0 --db f.db fill $F b.json
expect_contains "edit after final" "$OUT" "(lần sửa 9;"
run_bc 0 --db f.db history $F --format tsv
expect_eq "final kept" "$(printf '%s\n' "$OUT" | tail -2 | cut -f1,5)" "8	final
9	draft"

# Bad requests: one line each.
run_bc 1 --db f.db history $F --show 99
expect_eq "no rev" "$ERR" "baocao: báo cáo nl09-thon-thang của thon-dong-tam kỳ 2026-10 không có lần sửa 99"
run_bc 2 --db f.db history $F --restore abc
expect_eq "bad number" "$ERR" "baocao: 'abc' không phải số lần sửa (1, 2, ...)"
run_bc 1 --db f.db history --form nl09-thon-thang --period 2026-09
expect_eq "no submission" "$ERR" "baocao: chưa có báo cáo nl09-thon-thang của thon-dong-tam kỳ 2026-09"
run_bc 2 --db f.db history --form nl09-thon-thang --period 2026-Q4
expect_contains "bad period" "$ERR" "kỳ '2026-Q4' không hợp lệ"
run_bc 2 --db f.db history $F --unit thon-khac
expect_contains "other unit" "$ERR" "chỉ có báo cáo của đơn vị thon-dong-tam"

# A grid's rows are laid over the stored ones cell by cell; null clears one.
G="--form nl09-thon-thang --period 2026-08"
echo '{"so-ho": 10, "nhiem-vu": [{"_row": "4", "nv-trang-thai": "xong", "nv-ket-qua": "100"}]}' > g1.json
run_bc 0 --db f.db fill $G g1.json
echo '{"nhiem-vu": [{"_row": "1", "nv-trang-thai": "xong"}, {"_row": "4", "nv-ket-qua": null}]}' > g2.json
run_bc 0 --db f.db fill $G g2.json
run_bc 0 --db f.db history $G --show 2
expect_eq "grid merged" "$OUT" 'field,value,reason
"so-ho","10"
"nv-trang-thai[1]","xong"
"nv-trang-thai[4]","xong"'
