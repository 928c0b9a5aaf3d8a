# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: helpers for the end-to-end scripts. Each script is run by run.sh
# with $BAOCAO set to the binary under test and $T to a fresh directory.
# A script fails by exiting non-zero; `fail` says what and where.

fail() {
	echo "FAIL ${0##*/}: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_contains WHAT TEXT NEEDLE
expect_contains() {
	case "$2" in
	*"$3"*) ;;
	*) fail "$1: '$3' not in: $2" ;;
	esac
}

# expect_line WHAT TEXT REGEX: some line of TEXT matches REGEX (grep's basic
# regular expression), e.g. "^what went wrong.* — file.yaml:3:5$".
expect_line() {
	printf '%s\n' "$2" | grep -q -- "$3" || fail "$1: no line like '$3' in: $2"
}

# run_bc EXPECTED-STATUS ARGS...: run baocao, keep stdout in $OUT, stderr in
# $ERR, and check the exit status.
run_bc() {
	want=$1
	shift
	OUT=$("$BAOCAO" "$@" 2>"$T/stderr")
	got=$?
	ERR=$(cat "$T/stderr")
	[ "$got" = "$want" ] || fail "baocao $*: exit $got, want $want (stderr: $ERR)"
}

# fpr_of DB: the device fingerprint of an installation (as `status` shows
# it), e.g. the office's, for `setup field --office-fingerprint`.
fpr_of() {
	BAOCAO_LANG= "$BAOCAO" --db "$1" status | sed -n 's/^Mã thiết bị: *//p'
}

# flip_byte FILE OFFSET: invert every bit of one byte (writing a fixed value
# would change nothing 1 time in 256).
flip_byte() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	[ -n "$b" ] || fail "flip_byte: $1 has no byte at $2"
	printf "\\$(printf %03o $((255 - b)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

export BAOCAO_KDF=test
export BAOCAO_PASSPHRASE="e2e passphrase 1"
unset BAOCAO_LANG XDG_DATA_HOME
# no USB stick for the file picker unless a script makes one (never the
# machine's /media)
export BAOCAO_MEDIA=
export LANG=C.UTF-8

# The TUI under tmux, each session on a private server socket. tm ARGS:
# tmux on the current server; screen: the pane's text; wait_for TEXT: poll
# the screen for up to 10 s. Every server a script started is killed when
# it exits, whatever way it exits.
tui_n=0
sock="$T/tmux-0.sock"
tm() { tmux -S "$sock" "$@"; }
screen() { tm capture-pane -p -t bc 2>"$T/tmux.err"; }
tui_cleanup() {
	for s in "$T"/tmux-*.sock; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	return 0
}
trap tui_cleanup EXIT
wait_for() {
	i=0
	while [ $i -lt "${WAIT_TENTHS:-300}" ]; do	# WAIT_TENTHS: longer under valgrind
		case "$(screen)" in *"$1"*) return 0 ;; esac
		tm has-session -t bc 2>/dev/null ||
			fail "waiting for '$1': the tmux server is gone ($(cat "$T/tmux.err"))"
		sleep 0.1
		i=$((i + 1))
	done
	fail "'$1' never appeared; the screen was:
$(screen)"
}
# down_until TEXT: press Down until TEXT is on the screen, waiting after
# each key for the screen to change (so a slow redraw never makes it
# overshoot).
down_until() {
	k=0
	while [ $k -lt 40 ]; do
		before=$(screen)
		case "$before" in *"$1"*) return 0 ;; esac
		tm send-keys -t bc Down
		j=0
		while [ $j -lt 50 ] && [ "$(screen)" = "$before" ]; do
			sleep 0.05
			j=$((j + 1))
		done
		k=$((k + 1))
	done
	fail "'$1' never appeared going down; the screen was:
$(screen)"
}
# tui_run COMMAND: run a shell command in an 80x24 session "bc" on a fresh
# server (a server just killed may still hold its socket). The session must
# be up before the script goes on: if tmux could not start it, say why and
# try again (twice at most).
tui_run() {
	tui_cleanup
	tries=0
	while :; do
		tui_n=$((tui_n + 1))
		sock="$T/tmux-$tui_n.sock"
		if tm -f /dev/null new-session -d -s bc -x 80 -y 24 "$1" 2>"$T/tmux.err" &&
		    tm has-session -t bc 2>>"$T/tmux.err"; then
			tm set -g window-size manual
			return 0
		fi
		tries=$((tries + 1))
		[ $tries -lt 3 ] || fail "tmux would not start a session: $(cat "$T/tmux.err")"
		echo "${0##*/}: tmux did not start ($(cat "$T/tmux.err")); trying again" >&2
		sleep 1
	done
}
# tui_start DB [ENV...]: run baocao on DB in the session, with ENV (which may
# override TERM); the pane says "EXITED status" when it ends.
# tui_pid: the process id of the program in the pane (the pane's shell's
# one child while it runs) — found by its parent, never by its name.
tui_pid() {
	pp=$(tm display -p -t bc '#{pane_pid}')
	[ -n "$pp" ] || fail "tui_pid: no pane"
	ps -o pid= --ppid "$pp" | head -1 | tr -d ' '
}

tui_start() {
	db=$1
	shift
	tui_run "env LANG=C.UTF-8 TERM=xterm-256color $* BAOCAO_PASSPHRASE= '$BAOCAO' --db '$db'; echo EXITED \$?; sleep 30"
}
