# SPDX-License-Identifier: GPL-3.0-or-later
# The title bar at 80x24 with a plan's long title (an outsider clerk's
# find, issue #14): the title gives way, cut at a whole letter with "…",
# two spaces before the period and state, which stay whole; nothing of the
# title is left under or after them (no stray "ị"). In English too.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-11-05 08:00' +%s)
export BAOCAO_NOW=$now

cat > dai.yaml <<Y
form: dai
version: 1
title: Kiểm soát TTHC và thực hiện cơ chế một cửa, một cửa liên thông trên địa bàn xã năm 2026
unit: thon
reports: [{id: thang, period: month, deadline: day 6 of next month}]
fields:
  - {name: so, type: integer, label: Số hồ sơ tiếp nhận}
Y
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db forms install dai.yaml
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp --office-fingerprint "$(fpr_of o.db)"

for lang in vi en; do
	if [ $lang = vi ]; then
		tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
		right="kỳ 2026-10 — chưa làm"
	else
		tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now BAOCAO_LANG=en"
		right="period 2026-10 — not started"
	fi
	wait_for ":"
	tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
	wait_for "2026-10"
	# the plan is due first (06/11): the first line
	tm send-keys -t bc Enter
	wait_for "$right"
	top=$(screen | head -1)
	# the title bar: " TITLE…  RIGHT " in 80 columns, RIGHT at the end
	case "$top" in
	" Kiểm soát TTHC và thực hiện cơ chế một cửa"*"…  $right") ;;
	*) fail "$lang: title bar: '$top'" ;;
	esac
	[ "$(printf '%s' "$top" | wc -m)" -le 80 ] || fail "$lang: wider than the screen: '$top'"
	tui_cleanup
done
