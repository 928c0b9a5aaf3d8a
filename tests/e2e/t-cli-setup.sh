# SPDX-License-Identifier: GPL-3.0-or-later
# The setup, status, units, audit and passwd verbs on the real binary: exact
# messages, exit statuses, nothing created by a read, no plaintext on disk.
. "$(dirname "$0")/lib.sh"

# Every verb has --help, exit 0, in Vietnamese and English, on an 80-column
# console (each alternative of a verb on its own line).
wide() {
	printf '%s\n' "$1" | while IFS= read -r l; do
		[ "$(printf '%s' "$l" | wc -m)" -le 79 ] || printf '%s\n' "$l"
	done
}
for v in setup status units passwd audit forms fill export import devices pack apply review \
    config report; do
	run_bc 0 "$v" --help
	expect_contains "$v --help" "$OUT" "baocao $v"
	expect_eq "$v --help wider than 79 columns" "$(wide "$OUT")" ""
	BAOCAO_LANG=en run_bc 0 "$v" --help
	expect_eq "$v --help (en) wider than 79 columns" "$(wide "$OUT")" ""
done
run_bc 0 --help
expect_contains "--help" "$OUT" "setup"
expect_eq "--help wider than 79 columns" "$(wide "$OUT")" ""
BAOCAO_LANG=en run_bc 0 setup --help
expect_contains "English placeholders" "$OUT" "       baocao setup field --unit ID --pack FILE"
run_bc 0 forms --help
expect_contains "forms: one alternative a line" "$OUT" "Cách dùng: baocao forms check TỆP...
           baocao forms list [--format text|tsv]"
run_bc 2 frobnicate
expect_contains "unknown verb" "$ERR" "không có lệnh 'frobnicate'"

# A command that reads a database never creates one.
run_bc 1 --db missing.db status
expect_eq "missing db" "$ERR" "baocao: chưa có cơ sở dữ liệu (hãy chạy 'baocao setup' trước) — missing.db"
[ ! -e missing.db ] || fail "status created missing.db"
BAOCAO_LANG=en run_bc 1 --db missing.db units
expect_eq "missing db (en)" "$ERR" "baocao: no database here (run 'baocao setup' first) — missing.db"

# Setup: arguments checked before anything is made.
run_bc 2 --db o.db setup office
expect_contains "no commune" "$ERR" "--commune"
run_bc 2 --db o.db setup mayor --commune X
expect_contains "bad role" "$ERR" "vai trò 'mayor'"
BAOCAO_PASSPHRASE=short run_bc 2 --db o.db setup office --commune X
expect_contains "short pass" "$ERR" "ít nhất 8 ký tự"
[ ! -e o.db ] || fail "a refused setup left o.db behind"

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
expect_contains "setup" "$OUT" "Mã thiết bị:"
fpr=$(printf '%s\n' "$OUT" | sed -n 's/^Mã thiết bị: //p')
expect_eq "fingerprint shape" "$(printf '%s' "$fpr" | tr -d 'A-Z0-9' )" "---"
run_bc 2 --db o.db setup office --commune Again
expect_contains "no overwrite" "$ERR" "không ghi đè"

# Status names the role, commune, fingerprint and counts.
run_bc 0 --db o.db status
expect_line "status role" "$OUT" "^Vai trò: *văn phòng xã$"
expect_contains "status commune" "$OUT" "Ngọc Lặc"
expect_contains "status fpr" "$OUT" "$fpr"
expect_contains "status units" "$OUT" "Đơn vị trong danh sách:  1"

# Units: add, list, accent-insensitive search, tsv.
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
expect_eq "made id" "$OUT" "thon-dong-tam"
run_bc 0 --db o.db units add --kind truong --name "Trường Tiểu học Ngọc Lặc" --id th-ngoc-lac
run_bc 2 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
expect_contains "duplicate" "$ERR" "đã có trong danh sách"
run_bc 2 --db o.db units add --kind "Thôn" --name "X"
expect_contains "bad kind" "$ERR" "loại đơn vị 'Thôn' không hợp lệ"
run_bc 2 --db o.db units add --kind thonn --name "Thôn Mới"
expect_eq "a kind no form is for" "$ERR" "baocao: không có biểu mẫu nào cho loại đơn vị 'thonn'; các loại có biểu mẫu: cong-an, doanh-nghiep, phong-kinh-te, phong-vhxh, quan-su, thon, tram-y-te, truong, tt-dvc, tt-hcc, van-phong"
run_bc 0 --db o.db units --format tsv
expect_eq "units tsv" "$OUT" "$(printf 'thon-dong-tam\tthon\tThôn Đồng Tâm\nth-ngoc-lac\ttruong\tTrường Tiểu học Ngọc Lặc\nvan-phong\tvan-phong\tVăn phòng HĐND và UBND xã')"
run_bc 0 --db o.db units --search "dong tam" --format tsv
expect_eq "search" "$OUT" "$(printf 'thon-dong-tam\tthon\tThôn Đồng Tâm')"

# Wrong passphrase: exit 3, one line, database untouched.
before=$(sha256sum o.db)
BAOCAO_PASSPHRASE="not it at all" run_bc 3 --db o.db status
expect_eq "wrong pass" "$ERR" "baocao: sai mật khẩu — o.db"
expect_eq "untouched" "$(sha256sum o.db)" "$before"

# The audit log has every write, in order, with the installation.
run_bc 0 --db o.db audit --format tsv
expect_eq "audit actions" "$(printf '%s\n' "$OUT" | cut -f5 | grep -v '^form-install$' | tr '\n' ' ')" "setup unit-add setting unit-add unit-add "
# setup installed the catalogue: one form-install per form file
expect_eq "forms installed" "$(printf '%s\n' "$OUT" | cut -f5 | grep -c '^form-install$')" "$(ls "$SRC"/forms/catalog/*.yaml | grep -vc holidays.yaml)"
expect_eq "audit installation" "$(printf '%s\n' "$OUT" | cut -f3 | sort -u)" "$fpr"

# No plaintext anywhere in the directory (grep -a over every file).
if grep -a -r -l -e "Đồng Tâm" -e "Ngọc Lặc" -e "thon-dong-tam" . ; then
	fail "plaintext found on disk"
fi

# Passphrase change: old refused, new accepted.
BAOCAO_NEW_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db passwd
run_bc 3 --db o.db status
BAOCAO_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db units --format tsv
expect_contains "after passwd" "$OUT" "thon-dong-tam"

# Field setup without a pack: only the unit is known.
run_bc 0 --db f.db setup field --unit thon-dong-tam --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db f.db status
expect_line "field role" "$OUT" "^Vai trò: *đơn vị$"
expect_contains "field unit" "$OUT" "thon-dong-tam"
run_bc 2 --db f.db units add --kind thon --name "Thôn Mới"
expect_contains "field add" "$ERR" "chỉ văn phòng xã thêm đơn vị"
run_bc 2 --db g.db setup field --unit "Thôn A"
expect_contains "bad unit id" "$ERR" "mã đơn vị 'Thôn A' không hợp lệ"
[ ! -e g.db ] || fail "a refused field setup left g.db behind"

# Default path: $XDG_DATA_HOME/baocao/baocao.db, made with its directory.
XDG_DATA_HOME="$T/xdg" run_bc 0 setup office --commune "Xã Thử"
[ -f "$T/xdg/baocao/baocao.db" ] || fail "default database not in XDG_DATA_HOME"

# Damaged database: a flipped byte in page 1 (the schema, read by every
# open) gives a one-line error naming the file, and a non-zero exit.
cp o.db d.db
flip_byte d.db $((4096 + 1000))
BAOCAO_PASSPHRASE="e2e passphrase 2" run_bc 4 --db d.db units
expect_eq "tamper message" "$ERR" "baocao: cơ sở dữ liệu bị hỏng hoặc đã bị sửa trái phép (trang 1 không xác thực được); không dùng dữ liệu này — d.db"

# Preferences: the idle lock (the passphrase is the new one since passwd).
export BAOCAO_PASSPHRASE="e2e passphrase 2"
run_bc 0 --db o.db config
expect_eq "config default" "$OUT" "idle-lock                10 phút (0: không khóa)
import-limit             tệp tối đa 4 MiB, nội dung khai báo tối đa 64 MiB"
run_bc 0 --db o.db config idle-lock 3
run_bc 0 --db o.db config
expect_eq "config set" "$OUT" "idle-lock                3 phút (0: không khóa)
import-limit             tệp tối đa 4 MiB, nội dung khai báo tối đa 64 MiB"
run_bc 0 --db o.db config import-limit 8
run_bc 0 --db o.db config
expect_contains "import-limit set" "$OUT" "import-limit             tệp tối đa 8 MiB, nội dung khai báo tối đa 8 MiB"
run_bc 2 --db o.db config import-limit 65
expect_contains "import-limit bad" "$ERR" "không phải số MiB từ 1 đến 64"
run_bc 2 --db o.db config idle-lock ba
expect_contains "config bad" "$ERR" "không phải số phút"
run_bc 2 --db o.db config idle-lock -1
expect_contains "an option it does not know, in Vietnamese" "$ERR" "baocao: tùy chọn không hợp lệ hoặc thiếu giá trị: -1 — baocao config"

# the units table stays aligned when an id is longer than the column: the
# columns widen to the widest id and kind (terminal columns, not bytes)
run_bc 0 --db u.db setup office --commune "Ngọc Lặc"
run_bc 0 --db u.db units add --kind thon --name "Thôn Đồng Tâm Thượng" --id thon-dong-tam-thuong-ha-khu-mot
run_bc 0 --db u.db units add --kind truong --name "Trường Tiểu học" --id th
run_bc 0 --db u.db units
expect_eq "units aligned" "$OUT" "thon-dong-tam-thuong-ha-khu-mot thon             Thôn Đồng Tâm Thượng
th                              truong           Trường Tiểu học
van-phong                       van-phong        Văn phòng HĐND và UBND xã"
