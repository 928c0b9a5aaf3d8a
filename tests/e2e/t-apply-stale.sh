# SPDX-License-Identifier: GPL-3.0-or-later
# Applying a pack whose answers are for revisions this unit has changed
# since: the office approved October and November, then the village
# re-finalised November and reopened October as a draft. The pack's two
# approvals are for the old contents: `apply` says "0 xác nhận" and, on
# the next lines, that two answers are for an older revision, which ones,
# and that the new ones are not approved yet; the interface's apply
# message (F6, in tmux) says the same. The field's `status` names
# the unit by its name, the id in brackets.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-12-03 08:00' +%s)

run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"

run_bc 0 --db a.db status
expect_line "field status: the unit's name" "$OUT" "^Đơn vị: *Thôn Đồng Tâm (thon-dong-tam)$"
BAOCAO_LANG=en run_bc 0 --db a.db status
expect_contains "field status (en)" "$OUT" "Thôn Đồng Tâm (thon-dong-tam)"

printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
printf '{"so-ho": 101, "so-nhan-khau": 404, "ho-ngheo": 8}' > nov.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final nov.json
run_bc 0 --db a.db export --out a1.bcb
run_bc 0 --db o.db import a1.bcb
run_bc 0 --db o.db devices approve "$(fpr_of a.db)"
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-10
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-11
run_bc 0 --db o.db pack --out p2.bcp

# Meanwhile the village changed both: November final again, October a draft.
printf '{"so-ho": 102, "so-nhan-khau": 410, "ho-ngheo": 8}' > nov2.json
printf '{"so-ho": 99, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct2.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-11 --final nov2.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 oct2.json

cp a.db a2.db	# the same village, to apply the pack from the interface below
run_bc 0 --db a.db apply p2.bcp
expect_eq "answers for older revisions, said" "$OUT" "p2.bcp: 0 biểu mẫu mới, 0 xác nhận của văn phòng.
2 xác nhận cho bản cũ (máy này đã sửa sau đó: bản mới chưa được duyệt; hãy xuất và gửi lại nếu chưa gửi)
  nl09-thon-thang 2026-10: văn phòng trả lời bản 1; máy này có bản 2
  nl09-thon-thang 2026-11: văn phòng trả lời bản 1; máy này có bản 2"
# The interface's apply message says the same (F6 at the village).
command -v tmux >/dev/null || fail "tmux is not installed"
mkdir usb && cp p2.bcp usb/vanphong.bcp
tui_start "$T/a2.db" "BAOCAO_NOW=$BAOCAO_NOW"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "F6 Gói văn phòng"
tm send-keys -t bc C-p
wait_for "Áp dụng gói của văn phòng"
tm send-keys -t bc C-u "$T/usb/vanphong.bcp" Enter
wait_for "Đã áp dụng: 0 biểu mẫu mới, 0 xác nhận của văn phòng."
wait_for "2 xác nhận cho bản cũ (máy này đã sửa sau đó"
wait_for "nl09-thon-thang 2026-11: văn phòng trả lời bản 1; máy này có bản 2"
tm send-keys -t bc F10
wait_for "EXITED 0"
tm kill-server

# The old approvals did not make the new revisions approved.
run_bc 0 --db a.db status
expect_contains "nothing approved here" "$OUT" "đã duyệt 0"

# Once the new revisions reach the office and it approves them, the next
# pack's answers are for them: nothing more to say.
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct2.json
run_bc 0 --db a.db export --out a2.bcb
run_bc 0 --db o.db import a2.bcb
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-10
run_bc 0 --db o.db review approve --form nl09-thon-thang --unit thon-dong-tam --period 2026-11
run_bc 0 --db o.db pack --out p3.bcp
BAOCAO_LANG=en run_bc 0 --db a.db apply p3.bcp
expect_eq "answers for the current revisions" "$OUT" "p3.bcp: 0 new forms, 2 answers from the office."
run_bc 0 --db a.db status
expect_contains "both approved" "$OUT" "đã duyệt 2"
