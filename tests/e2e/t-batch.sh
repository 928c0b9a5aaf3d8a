# SPDX-License-Identifier: GPL-3.0-or-later
# baocao batch: 30 fills and a report after one unlock give the same stored
# values and the same output as the 31 separate commands on a copy of the
# same database; the first failing line stops the batch with its number and
# status, nothing after it applied; a mistake in any line runs nothing; the
# passphrase is asked once.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)
FORM=$SRC/tests/e2e/fixtures/tq-thon.yaml

run_bc 0 --db o.db setup office --commune "Xã Thử"
run_bc 0 --db o.db forms install "$FORM"
for v in "Thôn Xuân" "Thôn Hạ" "Thôn Thu" "Thôn Đông" "Thôn Nam"; do
	run_bc 0 --db o.db units add --kind thon --name "$v"
done
cp o.db a.db
cp o.db b.db

# 30 fills: five units over six months, drafts and finals, one of them with
# a warning on stderr, file names with a space (quoted in the batch).
: > cmds.txt
n=0
for m in 05 06 07 08 09 10; do
	for u in thon-xuan thon-ha thon-thu thon-dong thon-nam; do
		n=$((n + 1))
		f="in $n.json"
		printf '{"so-ho": %d, "nhan-khau": %d, "dien-tich": "%d,5", "ho-dat": %d}\n' \
		    $((100 + n)) $((400 + 3 * n)) "$n" $((50 + n)) > "$f"
		fin=
		[ $((n % 3)) = 0 ] && fin=--final
		printf 'fill --form tq-thon --period 2026-%s --unit %s %s "%s"\n' "$m" "$u" "$fin" "$f" >> cmds.txt
	done
done
# a draft with an error: saved, the error on stderr
printf '{"so-ho": 9999, "nv": [{"_row": "1", "nv-pct": 150}]}\n' > "in 29.json"
echo 'report --form tq-thon --period 2026-10' >> cmds.txt
[ "$(wc -l < cmds.txt)" = 31 ] || fail "cmds.txt has $(wc -l < cmds.txt) lines"

# The 31 commands one by one on a.db (the words exactly as the batch splits
# them: the file names are the only quoted words).
: > sep.out
: > sep.err
while IFS= read -r line; do
	eval "set -- $line"
	"$BAOCAO" --db a.db "$@" >> sep.out 2>> sep.err || fail "separate: $line: exit $?"
done < cmds.txt
# The same in one batch on b.db (comments and blank lines between).
{ echo "# thirty fills and the report"; echo; sed '15a\
   # a comment mid-way, indented

' cmds.txt; } > batch.txt
run_bc 0 --db b.db batch batch.txt
printf '%s\n' "$OUT" > bat.out
printf '%s\n' "$ERR" > bat.err
# $(...) dropped the trailing newlines: compare the same way
expect_eq "batch stdout = the separate commands'" "$OUT" "$(cat sep.out)"
expect_eq "batch stderr = the separate commands'" "$ERR" "$(cat sep.err)"
expect_contains "the report is there" "$OUT" "tq-thon — kỳ 2026-10"
expect_contains "a fill said its error" "$ERR" "lỗi: phải từ 0 đến 100 — nv-pct, dòng 1, in 29.json"
[ "$(grep -c 'đã lưu nháp\|đã hoàn tất' bat.out)" = 30 ] || fail "not 30 fills: $(cat bat.out)"

# The stored values, every period, every value, and the audit (clock pinned).
for db in a b; do
	: > $db.values
	for m in 05 06 07 08 09 10; do
		run_bc 0 --db $db.db report --form tq-thon --period 2026-$m --format long-csv
		printf '%s\n' "$OUT" >> $db.values
		run_bc 0 --db $db.db history --form tq-thon --period 2026-$m --unit thon-ha
		printf '%s\n' "$OUT" >> $db.values
	done
	run_bc 0 --db $db.db audit --format tsv
	printf '%s\n' "$OUT" > $db.audit
done
[ "$(wc -l < a.values)" -gt 60 ] || fail "too few stored values: $(cat a.values)"
cmp -s a.values b.values || fail "stored values differ: $(diff a.values b.values | head -20)"
cmp -s a.audit b.audit || fail "audit logs differ: $(diff a.audit b.audit | head -20)"

# A failing line N stops there: its number and its status; the lines before
# it done, the ones after not.
cp o.db c.db
printf '{"so-ho": "abc"}\n' > bad.json
cat > fail.txt <<'B'
fill --form tq-thon --period 2026-10 --unit thon-xuan "in 1.json"
# comment
fill --form tq-thon --period 2026-10 --unit thon-ha "in 2.json"

fill --form tq-thon --period 2026-10 --unit thon-thu bad.json
fill --form tq-thon --period 2026-10 --unit thon-dong "in 4.json"
units add --kind thon --name "Thôn Mới"
B
run_bc 2 --db c.db batch fail.txt
# (the fill's own wording is its business: only the line number is ours)
expect_contains "line 5 named" "$(printf '%s\n' "$ERR" | sed -n 1p)" "baocao: dòng 5: \"abc\" không phải số nguyên — so-ho, bad.json"
expect_contains "line 5 says why" "$ERR" '"abc"'
expect_eq "stopped at line 5" "$(printf '%s\n' "$ERR" | sed -n '2,$p')" \
    "baocao: batch dừng ở dòng 5 (fill, mã 2); 2 lệnh sau không chạy"
expect_eq "lines 1 and 3 ran" "$(printf '%s\n' "$OUT" | grep -c 'đã lưu nháp')" 2
run_bc 0 --db c.db units --format tsv
case "$OUT" in *thon-moi*|*"Thôn Mới"*) fail "line 7 ran after the failure" ;; esac
run_bc 0 --db c.db history --form tq-thon --period 2026-10 --unit thon-xuan
expect_contains "line 1 stored" "$OUT" "1 lần sửa"
run_bc 1 --db c.db history --form tq-thon --period 2026-10 --unit thon-thu
run_bc 1 --db c.db history --form tq-thon --period 2026-10 --unit thon-dong
# English, and the status of the failing command (a missing file: 1).
printf 'units\nfill --form tq-thon --period 2026-10 --unit thon-nam missing.json\n' > miss.txt
BAOCAO_LANG=en run_bc 1 --db c.db batch miss.txt
expect_contains "line 2 in English" "$ERR" "baocao: line 2: "
expect_contains "stopped (en)" "$ERR" "baocao: the batch stopped at line 2 (fill, status 1)"

# A mistake anywhere runs nothing: every line is checked first.
cp c.db c0.db
for bad in 'fil --form x' 'setup office --commune X' 'passwd' 'batch other.txt' \
    '--db c.db units' 'units > list.txt' 'units "open' 'units $(id)' 'units $NO_SUCH_VAR'; do
	printf 'units add --kind thon --name "Thôn Trước"\n\n%s\n' "$bad" > pre.txt
	run_bc 2 --db c.db batch pre.txt
	expect_contains "$bad: line 3 named" "$ERR" "baocao: dòng 3: "
	[ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ] || fail "$bad: not one line: $ERR"
	expect_eq "$bad: nothing ran" "$OUT" ""
done
cmp -s c.db c0.db || fail "a refused batch changed the database"
# '-' inside a batch read from standard input would read the batch itself.
printf 'fill --form tq-thon --period 2026-10 --unit thon-nam -\n' > dash.txt
run_bc 2 --db c.db batch - < dash.txt
expect_contains "stdin twice" "$ERR" "dòng 1: '-' (đầu vào chuẩn)"
# Another database than the batch's: refused at that line.
printf 'units\nunits --db a.db\n' > other.txt
run_bc 2 --db c.db batch other.txt
expect_contains "one database" "$ERR" "dòng 2: --db a.db: mọi dòng của batch dùng cùng một cơ sở dữ liệu (c.db)"
# ... but another name of the same file is the same database.
printf 'units --db ./c.db\nunits --db=%s/c.db\n' "$T" > same.txt
run_bc 0 --db c.db batch same.txt
expect_contains "same file" "$OUT" "van-phong"
# Not a text file; too many arguments; an empty batch does nothing.
printf 'units\n\000x\n' > nul.txt
run_bc 2 --db c.db batch nul.txt
expect_contains "NUL" "$ERR" "dòng 2: có byte NUL"
run_bc 2 --db c.db batch a.txt b.txt
printf '# nothing\n\n' > empty.txt
run_bc 0 --db c.db batch < empty.txt
expect_eq "empty batch" "$OUT$ERR" ""

# Every failure of a batch line starts "dòng N:" on stderr, the usage
# included (one line pointing at --help, not the usage block); nothing of
# it on stdout.
printf 'units\nfill --form tq-thon --period 2026-10 --bogus-option "in 1.json"\nunits\n' > opt.txt
run_bc 2 --db c.db batch opt.txt
expect_eq "bad option: each line numbered" "$(printf '%s\n' "$ERR" | grep -vc '^baocao: dòng 2: ')" 1
expect_contains "bad option named" "$ERR" "baocao: dòng 2: tùy chọn không hợp lệ hoặc thiếu giá trị: --bogus-option — baocao fill"
expect_contains "usage pointed at" "$ERR" "baocao: dòng 2: sai cách dùng 'fill'; 'baocao fill --help'"
expect_contains "then where it stopped" "$ERR" "baocao: batch dừng ở dòng 2 (fill, mã 2); 1 lệnh sau không chạy"
printf 'units\nimport nomatch/*.bcb\n' > imp.txt
run_bc 1 --db c.db batch imp.txt
expect_contains "import: numbered, on stderr" "$ERR" "baocao: dòng 2: không đọc được: không có tệp hoặc thư mục này — nomatch/*.bcb"
case "$OUT" in *nomatch*) fail "import's failure on stdout: $OUT" ;; esac
# ... while on its own an import still says each file's result on stdout
run_bc 1 --db c.db import nomatch/*.bcb
expect_contains "import alone: stdout" "$OUT" "không đọc được: không có tệp hoặc thư mục này — nomatch/*.bcb"

# ... a fill's list of errors too, every line of it
printf '{"so-ho": "abc", "nhan-khau": "xyz"}\n' > bad2.json
printf 'units\nfill --form tq-thon --period 2026-10 --unit thon-thu bad2.json\n' > errs.txt
run_bc 2 --db c.db batch errs.txt
expect_eq "fill's errors: each line numbered" "$(printf '%s\n' "$ERR" | grep -vc '^baocao: dòng 2: ')" 1
expect_eq "fill's errors: three lines and the stop" "$(printf '%s\n' "$ERR" | wc -l)" 4
expect_contains "fill's errors: the first" "$ERR" "baocao: dòng 2: \"abc\" không phải số nguyên — so-ho, bad2.json"

# A trailing comment is dropped as sh drops it; a quoted "#", or one inside
# a word, stays.
cp c.db d.db
cat > hash.txt <<'B'
units add --kind thon --name "Thôn #9" # the ninth, added in November
units add --kind thon --name Thôn\ Số#10 #
units add --kind thon --name 'Thôn # 11'	#tab before the comment
units --format tsv # '"unclosed quotes in a comment are a comment
B
run_bc 0 --db d.db batch hash.txt
expect_contains "quoted # kept" "$OUT" "Thôn #9"
expect_contains "# in a word kept" "$OUT" "Thôn Số#10"
expect_contains "single-quoted # kept" "$OUT" "Thôn # 11"
case "$OUT" in *ninth*|*November*|*tab\ before*) fail "a comment was passed on: $OUT" ;; esac

# A line is bounded before it is split: over 64 KiB, or over 4096 words, it
# is refused with its number and the limit, quickly, and nothing runs.
cp c.db c0.db
{ echo units; printf 'status'; head -c 70000 /dev/zero | tr '\0' x; echo; } > long.txt
run_bc 2 --db c.db batch long.txt
expect_eq "long line" "$ERR" "baocao: dòng 2: dòng dài 70006 byte, quá giới hạn 65536 byte của một dòng batch; hãy chia thành nhiều dòng"
expect_eq "long line: nothing ran" "$OUT" ""
{ echo units; printf 'status'; i=0; while [ $i -lt 5000 ]; do printf ' a'; i=$((i + 1)); done; echo; } > words.txt
BAOCAO_LANG=en run_bc 2 --db c.db batch words.txt
expect_eq "many words" "$ERR" "baocao: line 2: the line has more than 4096 words, over a batch line's limit; split it into several lines"
# 2 Mi words (4 MiB): refused at once, not split (wordexp would take 259 MB)
awk 'BEGIN { printf "status"; for (i = 0; i < 2097152; i++) printf " a"; print "" }' > huge.txt
start=$(date +%s)
# (under 256 MiB of address space where the binary starts so: not ASan's)
lim="ulimit -v 262144"
(eval "$lim" && exec "$BAOCAO" --version) > /dev/null 2>&1 || lim=:
( eval "$lim" 2>/dev/null; exec "$BAOCAO" --db c.db batch huge.txt ) > huge.out 2> huge.err
expect_eq "huge line: status" "$?" 2
expect_contains "huge line refused" "$(cat huge.err)" "baocao: dòng 1: dòng dài 4194310 byte, quá giới hạn"
[ $(($(date +%s) - start)) -le 10 ] || fail "huge line: $(($(date +%s) - start)) s"
cmp -s c.db c0.db || fail "a refused long line changed the database"
# What a line quotes back is bounded: a 60,000-character period gives one
# short line, its reason whole; control characters come back as '?'.
{ printf 'fill --form tq-thon --period '; head -c 60000 /dev/zero | tr '\0' x; printf ' --unit thon-ha "in 1.json"\n'; } > period.txt
run_bc 2 --db c.db batch period.txt
first=$(printf '%s\n' "$ERR" | sed -n 1p)
[ ${#first} -lt 200 ] || fail "period quoted in full: ${#first} characters"
expect_contains "period: reason kept" "$first" "baocao: dòng 1: kỳ 'xxxxxxxxxx"
expect_contains "period: cut and said" "$first" "x…' không hợp lệ cho báo cáo tq-thon"
printf 'fill --form "tq\033[2J\rthon" --period 2026-10 --unit thon-ha "in 1.json"\n' > esc.txt
run_bc 2 --db c.db batch esc.txt
expect_eq "escape made safe" "$ERR" "baocao: dòng 1: không có biểu mẫu 'tq?[2J?thon' (xem 'baocao forms list')
baocao: batch dừng ở dòng 1 (fill, mã 2)"

# One unlock: on a terminal (tmux), the passphrase is asked once for three
# lines that each open the database (a second prompt would never be
# answered: EXITED would not appear); a wrong one is asked once and stops the
# batch with status 3.
printf 'units\nstatus\naudit\n' > three.txt
for pass in "e2e passphrase 1" "wrong one"; do
	tui_run "cd '$T' && env -u BAOCAO_PASSPHRASE LANG=C.UTF-8 '$BAOCAO' --db c.db batch three.txt > tty.out 2> tty.err; echo EXITED \$?; sleep 30"
	wait_for "Mật khẩu:"
	tm send-keys -t bc "$pass" Enter
	wait_for "EXITED"
	expect_eq "$pass: asked once" "$(screen | grep -c 'Mật khẩu:')" 1
	if [ "$pass" = "wrong one" ]; then
		expect_contains "wrong: status 3" "$(screen)" "EXITED 3"
		expect_eq "wrong: said once" "$(cat tty.err)" "baocao: dòng 1: sai mật khẩu — c.db
baocao: batch dừng ở dòng 1 (units, mã 3); 2 lệnh sau không chạy"
	else
		expect_contains "right: status 0" "$(screen)" "EXITED 0"
		expect_contains "units ran" "$(cat tty.out)" "van-phong"
		expect_contains "audit ran" "$(cat tty.out)" "2026"
	fi
done
exit 0
