# SPDX-License-Identifier: GPL-3.0-or-later
# Every `--help` fits a terminal of 80 columns (79 characters a line), in both languages; each
# alternative of a usage starts its own line (a "|" inside brackets is not
# one); in English (BAOCAO_LANG=en) no Vietnamese letter is left, not even
# in a placeholder; `forms --help` names every verb of `forms`.
. "$(dirname "$0")/lib.sh"

# the verbs, from the general help (lines "  verb   summary")
verbs=$("$BAOCAO" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ "$(printf '%s\n' "$verbs" | wc -l)" -ge 15 ] || fail "too few verbs found: $verbs"
# ... and the sub-verbs with a usage of their own
cmds=$(printf '%s\n' "" $verbs "forms draft" "forms import" "forms event")

# a Vietnamese letter: any of the precomposed vowels or đ/Đ
viet='[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]'

printf '%s\n' "$cmds" > cmds.txt
while IFS= read -r c; do
	for lang in vi en; do
		# shellcheck disable=SC2086
		if [ $lang = en ]; then
			BAOCAO_LANG=en "$BAOCAO" $c --help > help.txt 2>&1 || fail "'$c --help' ($lang) failed"
		else
			"$BAOCAO" $c --help > help.txt 2>&1 || fail "'$c --help' ($lang) failed"
		fi
		# characters, not bytes: wc -m under a UTF-8 locale
		while IFS= read -r line; do
			n=$(printf '%s' "$line" | wc -m)
			[ "$n" -le 79 ] || fail "'baocao $c --help' ($lang): a line of $n columns (79 at most, so a terminal of 80 never wraps it): $line"
		done < help.txt
		if [ $lang = en ] && grep -n "$viet" help.txt > viet.txt; then
			fail "'baocao $c --help' in English has Vietnamese: $(cat viet.txt)"
		fi
	done
done < cmds.txt

# forms: every verb is named
run_bc 0 forms --help
for v in check list show install event draft import; do
	expect_contains "forms --help names '$v'" "$OUT" "baocao forms $v"
done

# a "|" inside brackets stays on its line: history and config
run_bc 0 history --help
expect_contains "history: one alternative" "$OUT" "Cách dùng: baocao history --form MÃ --period KỲ [--unit MÃ-ĐƠN-VỊ]"
case "$OUT" in *"baocao --restore"*) fail "history: split inside brackets: $OUT" ;; esac
run_bc 0 config --help
expect_contains "config: one alternative" "$OUT" "Cách dùng: baocao config [idle-lock PHÚT | import-limit MIB]"
BAOCAO_LANG=en run_bc 0 forms event --help
expect_contains "forms event in English" "$OUT" "forms event --form ID --event EVENT --date DATE"
