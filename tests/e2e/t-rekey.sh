# SPDX-License-Identifier: GPL-3.0-or-later
# baocao passwd --rekey on the real binary: every page re-encrypted under a
# new master key. The old passphrase is refused; the content is the same;
# the old key header spliced onto the new file opens nothing (exit 4); a
# copy taken before still opens with the old passphrase (it is a copy).
. "$(dirname "$0")/lib.sh"

run_bc 0 --db o.db setup office --commune "Xã Thử"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Mới"
run_bc 0 --db o.db units --format tsv
units=$OUT
cp o.db leaked.db

BAOCAO_NEW_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db passwd --rekey
expect_eq "rekey says so" "$OUT" "Đã đổi mật khẩu và mã hoá lại mọi trang bằng khoá mới."
set -- o.db.rekey-*
[ "$1" = "o.db.rekey-*" ] || fail "passwd --rekey left its copy behind: $*"
cmp -s o.db leaked.db && fail "passwd --rekey did not rewrite the file"
[ "$(head -c 16 o.db | od -An -tx1)" = "$(head -c 16 leaked.db | od -An -tx1)" ] ||
	fail "the magic and version changed"
[ "$(dd if=o.db bs=1 skip=16 count=16 2>/dev/null | od -An -tx1)" != \
  "$(dd if=leaked.db bs=1 skip=16 count=16 2>/dev/null | od -An -tx1)" ] ||
	fail "the uuid did not change"

run_bc 3 --db o.db units
expect_eq "old passphrase refused" "$ERR" "baocao: sai mật khẩu — o.db"
BAOCAO_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db units --format tsv
expect_eq "same units after --rekey" "$OUT" "$units"
BAOCAO_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db audit
expect_contains "audited" "$OUT" "re-encrypted"

# The leaked copy's header (old uuid, old master key under the old
# passphrase) on the new pages: the passphrase opens the header, no page
# opens.
cp o.db spliced.db
dd if=leaked.db of=spliced.db bs=4096 count=1 conv=notrunc 2>/dev/null
run_bc 4 --db spliced.db units
expect_eq "spliced header" "$ERR" "baocao: cơ sở dữ liệu bị hỏng hoặc đã bị sửa trái phép (trang 1 không xác thực được); không dùng dữ liệu này — spliced.db"

# It goes on working, and plain passwd after it is the instant rewrap.
BAOCAO_PASSPHRASE="e2e passphrase 2" run_bc 0 --db o.db units add --kind thon --name "Thôn Ba"
BAOCAO_PASSPHRASE="e2e passphrase 2" BAOCAO_NEW_PASSPHRASE="e2e passphrase 3" \
	run_bc 0 --db o.db passwd
BAOCAO_PASSPHRASE="e2e passphrase 3" run_bc 0 --db o.db units --format tsv
expect_contains "after both" "$OUT" "thon-ba"

# Bad use: an argument, or a short passphrase, changes nothing.
cp o.db before.db
BAOCAO_PASSPHRASE="e2e passphrase 3" BAOCAO_NEW_PASSPHRASE="short" \
	run_bc 2 --db o.db passwd --rekey
BAOCAO_PASSPHRASE="e2e passphrase 3" run_bc 2 --db o.db passwd --rekey extra
cmp -s o.db before.db || fail "a refused passwd --rekey changed the file"

# The interface has the database open in another process: --rekey is
# refused (in use, exit 1) and changes nothing; the interface goes on.
command -v tmux >/dev/null || fail "tmux is not installed"
tui_start "$T/o.db"
wait_for "Mật khẩu:"
tm send-keys -t bc "e2e passphrase 3" Enter
wait_for "Mã thiết bị:"
cp o.db held.db
BAOCAO_PASSPHRASE="e2e passphrase 3" BAOCAO_NEW_PASSPHRASE="e2e passphrase 4" \
	run_bc 1 --db o.db passwd --rekey
expect_eq "in use" "$ERR" "baocao: cơ sở dữ liệu đang được một chương trình baocao khác sử dụng — o.db"
cmp -s o.db held.db || fail "a refused passwd --rekey changed the file"
set -- o.db.rekey-*
[ "$1" = "o.db.rekey-*" ] || fail "a refused passwd --rekey left its copy behind: $*"
tm send-keys -t bc F10
wait_for "EXITED 0"
BAOCAO_PASSPHRASE="e2e passphrase 3" run_bc 0 --db o.db units --format tsv
expect_contains "still there" "$OUT" "thon-ba"
