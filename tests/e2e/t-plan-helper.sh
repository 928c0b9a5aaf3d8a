# SPDX-License-Identifier: GPL-3.0-or-later
# A unit kind that only helps on a plan's rows (issue #14: "each unit sees
# the rows it leads and, read-only, the rows it helps"): `fill` says it has
# nothing to fill there and where to look; the interface's home lists the
# report as "Chỉ xem" and opens it read-only on the rows it helps — never
# overdue, nothing to edit, nothing to finalise, F4 does not unlock it.
. "$(dirname "$0")/lib.sh"
command -v tmux >/dev/null || fail "tmux is not installed"
export TZ=Asia/Ho_Chi_Minh
now=$(date -d '2026-07-02 08:00' +%s)
export BAOCAO_NOW=$now

cat > kh.yaml <<Y
form: kh
version: 1
title: Kế hoạch phối hợp
unit: van-phong
valid: {from: 2026-01-01, to: 2026-12-31}
reports: [{id: quy, period: quarter, deadline: day 5 of next quarter}]
choices:
  tt:
    - {value: chua, label: Chưa}
    - {value: xong, label: Xong, done: true}
fields:
  - name: nv
    type: grid
    label: Nhiệm vụ
    rows:
      - {id: "1", label: Việc của thôn, lead: thon, deadline: 30/06/2026}
      - {id: "2", label: Việc văn phòng có trường phối hợp, helpers: [truong], deadline: 30/06/2026}
    columns:
      - {name: nv-tt, type: select_one, label: Tình trạng, list: tt}
Y
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db units add --kind truong --name "Trường Tiểu học"
run_bc 0 --db o.db forms install kh.yaml
run_bc 0 --db o.db pack --out p.bcp
run_bc 0 --db s.db setup field --unit truong-tieu-hoc --pack p.bcp --office-fingerprint "$(fpr_of o.db)"

# fill: one clear line, the rows it helps, where to read them
run_bc 2 --db s.db fill --form kh --period 2026-Q3 - <<J
{"nv": [{"_row": "2", "nv-tt": "xong"}]}
J
expect_eq "fill: helper only" "$ERR" "baocao: kh: đơn vị truong-tieu-hoc (loại truong) chỉ phối hợp ở dòng 2, không chủ trì dòng nào: chỉ xem, không nhập (xem trong giao diện, hoặc 'baocao forms show kh')"
BAOCAO_LANG=en run_bc 2 --db s.db fill --form kh --period 2026-Q3 - <<J
{"nv": [{"_row": "2", "nv-tt": "xong"}]}
J
expect_contains "fill: helper only (en)" "$ERR" "only helps on rows 2 and leads none: read only"
# the office filling for it: the same line
run_bc 2 --db o.db fill --unit truong-tieu-hoc --form kh --period 2026-Q3 - <<J
{"nv": [{"_row": "2", "nv-tt": "xong"}]}
J
expect_contains "office fill for a helper" "$ERR" "chỉ phối hợp ở dòng 2"
# nothing was written
run_bc 0 --db s.db status
expect_contains "no submission" "$OUT" "Báo cáo:                 0"

# forms list: not among what it owes (TSV), said apart in the text
run_bc 0 --db s.db forms list --format tsv
expect_eq "tsv: not owed" "$(printf '%s\n' "$OUT" | grep -c '^kh	')" "0"
run_bc 0 --db s.db forms list
expect_contains "text: helps on" "$OUT" "Phối hợp, chỉ xem: kh (dòng 2)"

# the interface: listed to read, opened read-only on its row only
tui_start "$T/s.db" "TZ=$TZ BAOCAO_NOW=$now"
wait_for "Mật khẩu:"
tm send-keys -t bc "$BAOCAO_PASSPHRASE" Enter
wait_for "Kế hoạch phối hợp"
case "$(screen)" in *"Chỉ xem"*) ;; *) fail "home: not marked read-only: $(screen)" ;; esac
case "$(screen | grep 'Kế hoạch phối hợp')" in *"!"*) fail "home: a helper's report overdue: $(screen)" ;; esac
tm send-keys -t bc / "phoi hop" Enter
wait_for "phoi hop"
tm send-keys -t bc Enter
wait_for "Đơn vị bạn phối hợp ở các dòng này: chỉ xem."
tm send-keys -t bc Enter
wait_for "STT. Nhiệm vụ"
wait_for "2. Việc văn phòng có trường"
case "$(screen)" in *"Việc của thôn"*) fail "a row it neither leads nor helps is shown" ;; esac
tm send-keys -t bc Down Enter
wait_for "Đơn vị bạn chỉ phối hợp: không nhập ở đây."
# F4 does not unlock it (a final report's F4 says "Đã mở lại")
tm send-keys -t bc F4
sleep 0.5
case "$(screen)" in *"Đã mở lại"*) fail "F4 unlocked a helper's report" ;; esac
tm send-keys -t bc Enter
wait_for "Đơn vị bạn chỉ phối hợp: không nhập ở đây."
# nor can it be finalised (F9: the checks, F9 again: finalise)
tm send-keys -t bc F9
sleep 0.3
tm send-keys -t bc F9
wait_for "Đơn vị bạn chỉ phối hợp: không hoàn tất ở đây."
tui_cleanup
run_bc 0 --db s.db status
expect_contains "still nothing written" "$OUT" "Báo cáo:                 0"
