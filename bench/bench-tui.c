/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-tui.c: the interface's speed and memory, measured in-process on a
 * terminal that writes to /dev/null (xterm-256color, 80x24):
 *
 *   - first screen: from initialising curses to the unlock screen painted
 *     (the Argon2id unlock itself is reported by bench_store);
 *   - one keystroke on a 500-field form: the key handled and the whole
 *     screen painted again, for moving between fields, and for a value
 *     entered (checked, every calculation redone, the draft saved);
 *   - the home screen, and the resident memory once unlocked with the form
 *     and home open (the office's screens and memory at 1,000 to 100,000
 *     real submissions: bench_office).
 *
 * Usage: bench_tui [DIR]
 */
#include "bench.h"
#include "../core/mem.h"
#include "../forms/form-install.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"
#include "../storage/store-sub.h"
#include "../tui/ui.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define FIELDS 500

/* A form of FIELDS fields: 50 sections of 9 numbers and a rate computed
 * from two of them, with constraints, as the catalogue's forms are. */
static char *
big_form(void)
{
	size_t cap = 256 * 1024, len = 0;
	char *s = xmalloc(cap);

	len += (size_t)snprintf(s + len, cap - len, "form: bench\nversion: 1\ntitle: Biểu mẫu lớn\n"
	    "unit: van-phong\nreports: [{id: thang, period: month, deadline: day 10 of next month}]\n"
	    "fields:\n");
	for (int g = 0; g < FIELDS / 10; g++) {
		len += (size_t)snprintf(s + len, cap - len, "  - name: g%d\n    type: group\n"
		    "    label: Nhóm chỉ tiêu số %d\n    fields:\n", g, g);
		for (int i = 0; i < 9; i++)
			len += (size_t)snprintf(s + len, cap - len, "      - {name: f%d-%d, type: integer, "
			    "label: Chỉ tiêu thứ %d của nhóm %d, min: 0, constraint: '. <= 100000'}\n",
			    g, i, i, g);
		len += (size_t)snprintf(s + len, cap - len, "      - {name: r%d, type: calculate, "
		    "label: Tỷ lệ, calculation: 'round(${f%d-1} div ${f%d-0} * 100, 1)'}\n", g, g, g);
	}
	return s;
}

static void
key(struct ui *ui, int code, wint_t ch)
{
	struct ui_input in = { code != 0, code, ch };
	struct screen *s = ui->stack[ui->depth - 1];

	ui_key_press(s->ui, &in);
	ui_draw(ui);
}

int
main(int argc, char **argv)
{
	const char *dir = bench_dir_only(argc, argv);
	char *path = xasprintf("%s/bench-tui-%ld.db", dir, (long)getpid()), *cause = NULL;
	struct store_options so = { .kdf = NULL };
	struct form_errors errs;
	struct rusage ru;
	struct ui ui;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;
	char *form;
	int added, n;
	double t0, t_first, t_move, t_enter, t_home, rss;

	if (sodium_init() < 0 || out == NULL || in == NULL)
		return 1;
	setenv("TERM", "xterm-256color", 1);
	memset(&ui, 0, sizeof ui);
	ui.db_path = path;
	ui.ime = VNIME_TELEX;

	t0 = bench_now();
	scr = newterm("xterm-256color", out, in);
	if (scr == NULL)
		return 1;
	set_term(scr);
	resizeterm(24, 80);
	keypad(stdscr, TRUE);
	ui_push(&ui, &screen_unlock_ops, screen_unlock_new(&ui));
	ui_draw(&ui);
	t_first = bench_now() - t0;

	/* the default key cost, as a real setup makes it: what stays resident
	 * after Argon2id has run is what the memory figure shows */
	bench_must(store_create(path, "bench passphrase", &so, &ui.st, &cause), cause, "create");
	bench_must(store_install_create(ui.st, STORE_ROLE_OFFICE, "Xã Thử", NULL, &cause), cause, "setup");
	bench_must(store_unit_add(ui.st, "van-phong", "van-phong", "Văn phòng", NULL, &cause), cause,
	    "unit");
	form = big_form();
	memset(&errs, 0, sizeof errs);
	if (form_install_text(ui.st, "bench.yaml", form, strlen(form), &errs, &added, &cause) !=
	    ERR_OK)
		bench_check(0, "form: %s", errs.n ? errs.lines[0] : cause ? cause : "?");
	free(form);

	ui_replace(&ui, &screen_form_ops, screen_form_new(&ui, "bench", "2026-10"));
	ui_draw(&ui);
	n = 400;
	t0 = bench_now();
	for (int i = 0; i < n; i++)
		key(&ui, i % 2 ? KEY_DOWN : KEY_UP, 0);
	t_move = (bench_now() - t0) / n;
	/* a value typed into an input field (never a calculated one: the
	 * cursor is brought onto an integer field first, untimed), Enter:
	 * checked, recalculated, saved; every twentieth save is read back */
	{
		struct form_set set;
		const struct form *bf = NULL;
		double spent = 0;
		n = 200;
		bench_must(form_set_load(ui.st, &set, &cause), cause, "forms");
		for (size_t k = 0; k < set.n; k++)
			if (strcmp(set.forms[k]->id, "bench") == 0)
				bf = set.forms[k];
		bench_check(bf != NULL, "the bench form is not installed");
		for (int i = 0; i < n; i++) {
			struct form_cursor c;
			struct screen *top = ui.stack[ui.depth - 1];
			char want[2] = { (char)('1' + i % 9), 0 };
			for (int guard = 0;; guard++) {
				screen_form_cursor(top, &c);
				if (c.mode == 'b' && c.field >= 0 &&
				    bf->fields[c.field].type == FIELD_INTEGER)
					break;
				bench_check(guard < 50, "no input field below line %zu", c.item);
				key(&ui, KEY_DOWN, 0);
			}
			t0 = bench_now();
			key(&ui, 0, (wint_t)want[0]);	/* starts the edit */
			key(&ui, 0, '\r');		/* checks, recalculates, saves, moves on */
			spent += bench_now() - t0;
			if (i % 20 == 19) {
				struct store_sub row;
				char *needle = xasprintf("\"%s\":\"%s\"", bf->fields[c.field].name, want);
				bench_must(store_sub_get(ui.st, "bench", "van-phong", "2026-10", &row,
				    &cause), cause, "the values typed were not saved");
				bench_check(row.data != NULL && strstr(row.data, needle) != NULL,
				    "value %s of %s not saved: %.200s", want, bf->fields[c.field].name,
				    row.data ? row.data : "(none)");
				free(needle);
				free(row.form_id);
				free(row.unit_id);
				free(row.period);
				free(row.status);
				free(row.status_reason);
				free(row.data);
			}
		}
		t_enter = spent / n;
		form_set_free(&set);
	}

	/* the field's home over that form, then memory with both open (the
	 * office's screens at 1,000 to 100,000 real submissions, and their
	 * memory, are bench_office's) */
	t0 = bench_now();
	ui_push(&ui, &screen_home_ops, screen_home_new(&ui));
	ui_draw(&ui);
	t_home = bench_now() - t0;
	rss = bench_rss_mb();
	getrusage(RUSAGE_SELF, &ru);

	while (ui.depth > 0)
		ui_pop(&ui);
	endwin();
	delscreen(scr);
	store_close(ui.st);
	unlink(path);
	free(path);

	printf("first screen (curses + unlock screen): %.2f ms   (target < 50 ms: %s; Argon2id "
	    "unlock: see bench_store)\n", t_first * 1e3, t_first < 0.050 ? "met" : "MISSED");
	printf("keystroke on a %d-field form, moving:    %.3f ms   (target < 2 ms: %s)\n", FIELDS,
	    t_move * 1e3, t_move < 0.002 ? "met" : "MISSED");
	printf("keystroke on a %d-field form, value in:  %.3f ms   (check, recalculate, save "
	    "the draft to %s, synced)\n", FIELDS, t_enter * 1e3, dir);
	printf("home screen over it (opened and drawn): %.1f ms\n", t_home * 1e3);
	printf("resident memory, unlocked, the form and home open: %.1f MB (peak %.1f MB)   (target"
	    " < 30 MB: %s; the peak is Argon2id's, freed once the key is made)\n", rss,
	    (double)ru.ru_maxrss / 1024.0, rss < 30 ? "met" : "MISSED");
	return 0;
}
