# SPDX-License-Identifier: GPL-3.0-or-later
# Late or on time, for a report returned and sent again (issue 15): sent on
# time, returned, fixed and resent after the deadline, it is late, by the
# receipt of the revision the office counts (README, "Late or on time").
# A report corrected by the unit without a return keeps its first receipt.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
at() { date -d "$1" +%s; }

export BAOCAO_NOW=$(at '2026-11-20 08:00')
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind thon --name "Thôn Lam Sơn"
run_bc 0 --db o.db pack --out p.bcp
for u in thon-dong-tam thon-lam-son; do
	run_bc 0 --db $u.db setup field --unit $u --pack p.bcp --office-fingerprint "$(fpr_of o.db)"
done
printf '{"so-ho": 120, "so-nhan-khau": 480, "ho-ngheo": 13}' > nov.json
printf '{"so-ho": 120, "so-nhan-khau": 480, "ho-ngheo": 12}' > fix.json

# sent 02/12, imported 03/12 (deadline 10/12 00:00), by both
export BAOCAO_NOW=$(at '2026-12-02 09:00')
for u in thon-dong-tam thon-lam-son; do
	run_bc 0 --db $u.db fill --form nl09-thon-thang --period 2026-11 --final nov.json
	run_bc 0 --db $u.db export --out $u-1.bcb
done
export BAOCAO_NOW=$(at '2026-12-03 08:00')
for u in thon-dong-tam thon-lam-son; do
	run_bc 0 --db o.db import $u-1.bcb
done
for f in $("$BAOCAO" --db o.db devices --format tsv | cut -f1); do
	run_bc 0 --db o.db devices approve "$f"
done
# Đồng Tâm's is returned the same day; Lâm Sơn corrects its own later, unasked
export BAOCAO_NOW=$(at '2026-12-03 15:00')
run_bc 0 --db o.db review return --form nl09-thon-thang --unit thon-dong-tam --period 2026-11 \
    --reason "Số hộ nghèo chưa khớp sổ"
run_bc 0 --db o.db status --period 2026-11 --format tsv
expect_contains "returned" "$OUT" "thon-dong-tam	returned"
run_bc 0 --db o.db pack --out p2.bcp

# fixed and resent 18/12, imported 20/12
export BAOCAO_NOW=$(at '2026-12-18 10:00')
run_bc 0 --db thon-dong-tam.db apply p2.bcp
for u in thon-dong-tam thon-lam-son; do
	run_bc 0 --db $u.db fill --form nl09-thon-thang --period 2026-11 --final fix.json
	run_bc 0 --db $u.db export --out $u-2.bcb
done
export BAOCAO_NOW=$(at '2026-12-20 09:00')
for u in thon-dong-tam thon-lam-son; do
	run_bc 0 --db o.db import $u-2.bcb
done
run_bc 0 --db o.db status --period 2026-11 --format tsv
line() { printf '%s\n' "$OUT" | grep "^nl09-thon-thang	2026-11	$1	" | cut -f4-7; }
# late by 10 days 9 hours (14,940 minutes), received 20/12
expect_eq "returned, resent late" "$(line thon-dong-tam)" \
    "$(printf 'late\t14940\t2026-12-10T00:00\t2026-12-20T09:00')"
# corrected without a return: the first receipt stands
expect_eq "corrected unasked" "$(line thon-lam-son)" \
    "$(printf 'on-time\t\t2026-12-10T00:00\t2026-12-03T08:00')"
run_bc 0 --db o.db status --period 2026-11
expect_contains "said late in words" "$OUT" "thon-dong-tam       nộp muộn"

# The inbox's "Nhận lúc" is when the file came, not the approval's time
export BAOCAO_NOW=$(at '2026-12-21 16:45')
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-lam-son --period 2026-11
command -v tmux >/dev/null || fail "tmux is not installed"
tui_start "$T/o.db" "TZ=$TZ BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F7"
tm send-keys -t bc F7
wait_for "Nhận lúc"
wait_for "thon-lam-son"
screen | grep -q '2026-12-20T09:00 *thon-lam-son' ||
    fail "the inbox does not show when the file came: $(screen)"
case "$(screen)" in *2026-12-21T16:45*) fail "the inbox shows the approval's time: $(screen)" ;; esac
tm send-keys -t bc F10
wait_for "EXITED 0"
