# SPDX-License-Identifier: GPL-3.0-or-later
# Wrong values an outsider found doing a village month (issue 15), each
# asserted on what was SAVED, not only on the screen:
# - an incident's time typed "01h30" at the home prompt keeps its minutes
#   (it became T01:00, the deadline half an hour early);
# - Enter in a choice list whose filter matches nothing keeps the stored
#   value (it emptied a required field and autosaved a revision without it);
#   and the form's "Ngày xảy ra" / "Giờ xảy ra" start with that moment;
# - on 07/12 the field home offers the yearly report due 05/12 of this year,
#   overdue, never next year's.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-12-07 10:00' +%s)
export BAOCAO_NOW=$now
july=$(date -d '2026-07-20 08:00' +%s)

BAOCAO_NOW=$july run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
BAOCAO_NOW=$july run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p.bcp
BAOCAO_NOW=$july run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p.bcp \
    --office-fingerprint "$(fpr_of o.db)"
# a finished incident, to reopen below
printf '{"sv-loai": "stt-5", "sv-ngay": "2026-12-06", "sv-gio": "14:30", "sv-dia-diem": "Đội 3",
  "sv-muc-do": "thuong", "sv-noi-dung": "Cây đổ chắn đường"}' > inc.json
run_bc 0 --db a.db fill --form nl09-thon-su-viec --period 2026-12-06T14:30 --final inc.json

# --- the period rule, below the interface: this year's report, overdue
run_bc 0 --db a.db forms list --format tsv
expect_contains "forms list: the yearly report's period" "$OUT" \
    "$(printf 'nl09-thon-nam\tthon\tyear\t2026\t2026-12-05T00:00')"
case "$OUT" in *2027-12-05*) fail "forms list offers next year's report: $OUT" ;; esac

tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
wait_for "Báo cáo năm"
screen | grep -Eq '2026-12-05  2026 +! Chưa làm  Báo cáo năm' ||
    fail "the home does not show this year's report overdue: $(screen)"
case "$(screen)" in *2027-12-05*) fail "the home offers next year's report: $(screen)" ;; esac

# --- the incident prompt reads 14h30 as the form's time fields do
tm send-keys -t bc / "nhanh" Enter
wait_for "2026-12-06T14:30"
tm send-keys -t bc Down Enter
wait_for "Xảy ra lúc"
tm send-keys -t bc C-u "07/12/2026 01h30" Enter
wait_for "kỳ 2026-12-07T01:30 — chưa làm"
wait_for "Thuộc nhiệm vụ *"
# the form's own "when" starts with what the prompt was told
wait_for "Ngày xảy ra *                       07/12/2026"
wait_for "Giờ xảy ra                          01:30"
tm send-keys -t bc Enter
wait_for "Enter: chọn  gõ để lọc"
tm send-keys -t bc "vu viec" Enter
wait_for "5. Báo cáo nhanh vụ việc"
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-07T01:30 --format tsv
expect_eq "one draft of the 01:30 incident" "$(printf '%s\n' "$OUT" | wc -l)" 1
run_bc 1 --db a.db history --form nl09-thon-su-viec --period 2026-12-07T01:00 --format tsv
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-07T01:30 --show 1 \
    --format json
expect_contains "the day saved" "$OUT" '"sv-ngay":"2026-12-07"'
expect_contains "the time saved" "$OUT" '"sv-gio":"01:30"'

# --- no match, Enter: the stored choice stays, nothing new is saved
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-06T14:30 --format tsv
before=$OUT
tui_start "$T/a.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Việc cần làm"
tm send-keys -t bc / "nhanh" Enter
wait_for "Đột xuất"
tm send-keys -t bc Down Enter
wait_for "kỳ 2026-12-06T14:30 — đã hoàn tất"
tm send-keys -t bc F4
wait_for "đang sửa lại"
wait_for "Thuộc nhiệm vụ *                    5. Báo cáo nhanh vụ việc phát sinh"
tm send-keys -t bc Enter
wait_for "Enter: chọn  gõ để lọc"
tm send-keys -t bc zzz Enter
wait_for "Không có lựa chọn nào khớp"
tm send-keys -t bc Escape
wait_for "Thuộc nhiệm vụ *                    5. Báo cáo nhanh vụ việc phát sinh"
case "$(screen)" in *"bắt buộc phải nhập"*) fail "the choice was wiped: $(screen)" ;; esac
tm send-keys -t bc Escape
wait_for "Việc cần làm"
tm send-keys -t bc F10
wait_for "EXITED 0"
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-06T14:30 --format tsv
n=$(printf '%s\n' "$OUT" | tail -1 | cut -f1)
run_bc 0 --db a.db history --form nl09-thon-su-viec --period 2026-12-06T14:30 --show "$n" \
    --format json
expect_contains "the choice kept in the latest revision" "$OUT" '"sv-loai":"stt-5"'
