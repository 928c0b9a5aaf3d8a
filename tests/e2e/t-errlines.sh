# SPDX-License-Identifier: GPL-3.0-or-later
# The shape of error lines (README, "Exit codes"): representative failures
# through the real binary, in Vietnamese and in English, each must give
#   baocao: what went wrong[: detail] — where
# on one line, with the place (the file named on the command line) after the
# separator and not before it, and no wider than 80 columns when the path is
# short. A missing file, a damaged bundle and pack, a wrong passphrase, a bad
# form file, an existing output without --force, a bad CSV, a bad JSON.
. "$(dirname "$0")/lib.sh"
export TZ=Asia/Ho_Chi_Minh
export BAOCAO_NOW=$(date -d '2026-11-05 08:00' +%s)

# The set-up: an office and one village with a bundle and a pack.
run_bc 0 --db o.db setup office --commune "Ngọc Lặc"
run_bc 0 --db o.db units add --kind thon --name "Thôn Đồng Tâm"
run_bc 0 --db o.db pack --out p1.bcp
run_bc 0 --db a.db setup field --unit thon-dong-tam --pack p1.bcp --office-fingerprint "$(fpr_of o.db)"
printf '{"so-ho": 100, "so-nhan-khau": 400, "ho-ngheo": 9}' > oct.json
run_bc 0 --db a.db fill --form nl09-thon-thang --period 2026-10 --final oct.json
run_bc 0 --db a.db export --out a1.bcb
cp a1.bcb thon.bcb
flip_byte thon.bcb 200
cp p1.bcp hong.bcp
flip_byte hong.bcp 150
printf 'so-ho,abc\n' > bad.csv
printf '{"so-ho": 1,\n "so-nhan-khau": }\n' > bad.json
cat > bad.yaml <<'YAML'
form: thu
version: 1
title: Thử
unit: thon
reports:
  - {id: thang, period: month, deadline: day 10 of next month}
fields:
  - {name: a, type: integer, label: A, requird: true}
YAML
: > exists.bcb

# check_line LANG WHAT TEXT WHERE: TEXT is one line, WHERE (a file name) is
# in it after " — " and not before, and the line fits 80 columns.
check_line() {
	n=$(printf '%s\n' "$3" | wc -l)
	[ "$n" = 1 ] || fail "$1 $2: $n lines, want 1: $3"
	case "$3" in
	*" — "*) ;;
	*) fail "$1 $2: no ' — ' before the place: $3" ;;
	esac
	what=${3%%" — "*}
	where=${3#*" — "}
	case "$what" in
	*"$4"*) fail "$1 $2: '$4' before what went wrong: $3" ;;
	esac
	case "$where" in
	*"$4"*) ;;
	*) fail "$1 $2: '$4' not after ' — ': $3" ;;
	esac
	[ -n "${what#baocao: }" ] || fail "$1 $2: nothing said before the place: $3"
	# English under BAOCAO_LANG=en, not the Vietnamese text
	[ "$1" = vi ] || case "$3" in *"không"*|*"từ chối"*|*"đã "*|*"sai "*)
		fail "$1 $2: Vietnamese in the English line: $3" ;; esac
	w=$(printf '%s\n' "$3" | wc -L)
	[ "$w" -le 80 ] || fail "$1 $2: $w columns, want 80 at most: $3"
}

for lang in vi en; do
	export BAOCAO_LANG=$lang
	run_bc 1 --db a.db fill --form nl09-thon-thang --period 2026-11 missing.json
	check_line $lang "missing file" "$ERR" missing.json
	run_bc 1 --db a.db apply missing.bcp
	check_line $lang "missing pack" "$ERR" missing.bcp
	run_bc 1 --db nodb.db status
	check_line $lang "no database" "$ERR" nodb.db
	run_bc 4 --db o.db import thon.bcb
	[ -z "$ERR" ] || fail "$lang damaged bundle: stderr: $ERR"
	check_line $lang "damaged bundle" "$OUT" thon.bcb
	run_bc 4 --db a.db apply hong.bcp
	check_line $lang "damaged pack" "$ERR" hong.bcp
	BAOCAO_PASSPHRASE="not the passphrase" run_bc 3 --db a.db status
	check_line $lang "wrong passphrase" "$ERR" a.db
	run_bc 2 forms check bad.yaml
	check_line $lang "bad form file" "$ERR" bad.yaml
	run_bc 2 --db a.db export --out exists.bcb
	check_line $lang "existing output" "$ERR" exists.bcb
	run_bc 2 --db a.db fill --form nl09-thon-thang --period 2026-12 bad.csv
	check_line $lang "bad CSV" "$ERR" bad.csv
	run_bc 2 --db a.db fill --form nl09-thon-thang --period 2026-12 bad.json
	check_line $lang "bad JSON" "$ERR" bad.json
done

# The reason survives a long path: it comes first, the path last.
mkdir -p "media/usb/Bao cao thang muoi cua cac thon trong xa Ngoc Lac"
long="media/usb/Bao cao thang muoi cua cac thon trong xa Ngoc Lac/thon-dong-tam.bcb"
cp thon.bcb "$long"
BAOCAO_LANG= run_bc 4 --db o.db import "$long"
expect_eq "long path" "$(printf '%s\n' "$OUT" | cut -c1-80 | cut -d' ' -f1-3)" "từ chối: không"

# What the user typed comes back bounded (text_quote): a 100,000-character
# period, form, option or verb gives one short line whose reason is whole,
# the quote cut to 60 characters and "…"; Vietnamese cut on a character.
x=$(head -c 100000 /dev/zero | tr '\0' x)
for args in "fill --form nl09-thon-thang --period $x oct.json" "fill --form $x --period 2026-10 oct.json" \
    "fill --form nl09-thon-thang --period 2026-10 --$x oct.json" "status --period $x" "$x" \
    "units add --kind thon --name Thôn --id $x" "report --form nl09-thon-thang --period 2026-10 --format $x"; do
	"$BAOCAO" --db a.db $args > /dev/null 2> big.err
	st=$?
	case "$args" in units*|status*|report*) "$BAOCAO" --db o.db $args > /dev/null 2> big.err; st=$? ;; esac
	[ "$st" = 2 ] || fail "${args%% *} with 100,000 x: exit $st"
	line=$(head -n 1 big.err)
	[ ${#line} -lt 220 ] || fail "${args%% *} with 100,000 x: a line of ${#line} characters"
	expect_contains "${args%% *}: quote cut" "$line" "xxxxxxxxxx…"
done
"$BAOCAO" --db a.db fill --form nl09-thon-thang --period "$(head -c 100 /dev/zero | tr '\0' x)ệệ" oct.json 2> big.err
expect_eq "period cut, reason whole" "$(cat big.err)" "baocao: '$(head -c 60 /dev/zero | tr '\0' x)…' is not a period of report nl09-thon-thang (Month, e.g. 2026-10)"
"$BAOCAO" --db a.db fill --form nl09-thon-thang --period "$(head -c 58 /dev/zero | tr '\0' x)ệệệ" oct.json 2> big.err
expect_contains "cut after a whole ệ" "$(cat big.err)" "xxệệ…' is not a period"
exit 0
