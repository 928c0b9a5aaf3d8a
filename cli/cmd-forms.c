/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd-forms.c: `baocao forms` — check definition files, list and show the
 * installed forms, install a new form or calendar (office).
 *
 *   forms check FILE...             every error as file:line:col: message
 *   forms list [--format text|tsv]  id, unit kind, period kind, current
 *                                   period, next deadline, title
 *   forms show ID [--format text|json]
 *   forms install FILE...           office: add forms or a new version
 *   forms draft, forms import       form files from documents (cmd-draft.c)
 */
#include "cli.h"
#include "../core/text.h"
#include "cmd-draft.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"
#include "../forms/form-install.h"
#include "../forms/plan.h"
#include "../storage/store-audit.h"
#include "../storage/store-forms.h"
#include "../storage/store-inst.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum forms_fmt { FMT_TEXT, FMT_TSV, FMT_JSON };

/*
 * The unit kinds `forms check` holds a form's kinds against: with --db, the
 * office's roster (a kind no unit has is owed by nobody), or on a field
 * installation the kinds its installed forms name; without, the kinds the
 * built-in catalogue names. *WHERE says which, for the warning.
 */
static int
check_kinds_known(struct cli *cli, char ***kinds, size_t *n, const char **where)
{
	struct store_install in;
	struct store *st;
	char *cause = NULL;
	enum err e;
	int rc;

	*kinds = NULL;
	*n = 0;
	if (!cli->db_given) {
		*kinds = form_catalog_kinds(n);
		*where = TR("trong danh mục biểu mẫu có sẵn", "in the built-in catalogue");
		return 0;
	}
	if ((rc = cli_open(cli, &st)) != 0)
		return rc;
	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK && in.role == STORE_ROLE_OFFICE) {
		e = form_roster_kinds(st, kinds, n, &cause);
		*where = TR("trong danh sách đơn vị", "on the roster");
	} else if (e == ERR_OK) {
		struct form_set set;
		e = form_set_load(st, &set, &cause);
		if (e == ERR_OK) {
			for (size_t i = 0; i < set.n; i++)
				for (size_t k = 0; k < set.forms[i]->nkind_uses; k++) {
					const char *kind = set.forms[i]->kind_uses[k].kind;
					size_t j = 0;
					while (j < *n && strcmp((*kinds)[j], kind) != 0)
						j++;
					if (j == *n) {
						*kinds = xreallocarray(*kinds, *n + 1, sizeof **kinds);
						(*kinds)[(*n)++] = xstrdup(kind);
					}
				}
			form_set_free(&set);
		}
		*where = TR("trong các biểu mẫu đã cài", "in the installed forms");
	}
	if (e == ERR_OK)
		store_install_free(&in);
	store_close(st);
	if (e != ERR_OK) {
		rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	return 0;
}

static int
forms_check(struct cli *cli, int argc, char **argv)
{
	int bad = 0, rc;
	char **kinds;
	size_t nkinds;
	const char *where = "";

	if (argc == 0)
		return cli_fail(ERR_INVALID, TR("cần ít nhất một tệp" ERR_WHERE_SEP "forms check",
		    "at least one file is needed" ERR_WHERE_SEP "forms check"));
	if ((rc = check_kinds_known(cli, &kinds, &nkinds, &where)) != 0)
		return rc;
	for (int i = 0; i < argc; i++) {
		struct form_errors errs;
		struct form *f;
		struct buf b;

		/* the holiday calendar is checked as what it is */
		buf_init(&b, FORM_MAX_BYTES + 1);
		if (buf_read_file(&b, argv[i]) == 0 && b.len > 0 &&
		    memchr(b.data, '\0', b.len) == NULL && form_text_is_calendar(b.data, b.len)) {
			struct cal c = { 0 };
			if (form_calendar_load(argv[i], b.data, b.len, &c, &errs)) {
				printf(TR("%s: đúng — lịch %zu ngày nghỉ, %zu ngày làm bù\n",
				    "%s: ok — calendar of %zu holidays, %zu make-up days\n"), argv[i],
				    c.noff, c.non);
				cal_free(&c);
			} else {
				for (size_t k = 0; k < errs.n; k++)
					cli_fail_line(errs.lines[k]);
				form_errors_free(&errs);
				bad = 1;
			}
			buf_free(&b);
			continue;
		}
		buf_free(&b);
		f = form_load_file_kinds(argv[i], &(struct form_kinds){
		    (const char *const *)kinds, nkinds, where }, &errs);
		if (f == NULL) {
			for (size_t k = 0; k < errs.n; k++)
				cli_fail_line(errs.lines[k]);
			form_errors_free(&errs);
			bad = 1;
			continue;
		}
		for (size_t k = 0; k < f->nnotes; k++)
			fprintf(stderr, "%s\n", f->notes[k]);
		printf(TR("%s: đúng — %s, %zu trường, %zu báo cáo\n",
		    "%s: ok — %s, %zu fields, %zu reports\n"), argv[i], f->id, f->nfields,
		    f->nreports);
		form_free(f);
	}
	form_kinds_free(kinds, nkinds);
	return bad ? err_exit_status(ERR_INVALID) : 0;
}

/*
 * After a new version of a form is installed: say in one line which unit
 * kinds on the roster now owe a report they did not (or no longer owe
 * one), and that periods already due stay under the version they were due
 * under (README, "A task done stays done"). Nothing when nothing changes.
 */
static void
owe_change(struct store *st, const char *path, const char *text, size_t len)
{
	struct form_errors errs = { 0 };
	struct form *nf = form_load(path, text, len, &errs), *of = NULL;
	struct store_form sf;
	char **kinds = NULL, *cause = NULL, more[512] = "", less[512] = "";
	size_t nk = 0, lm = 0, ll = 0;

	form_errors_free(&errs);
	if (nf == NULL || form_roster_kinds(st, &kinds, &nk, &cause) != ERR_OK)
		goto done;
	for (int v = nf->version - 1; v > 0 && of == NULL; v--)
		if (store_form_get(st, nf->id, v, &sf, &cause) == ERR_OK) {
			of = form_load(sf.id, sf.definition, strlen(sf.definition), &errs);
			form_errors_free(&errs);
			free(sf.id);
			free(sf.title);
			free(sf.unit_kind);
			free(sf.definition);
		} else {
			free(cause);
			cause = NULL;
		}
	if (of == NULL)
		goto done;	/* a first version: nothing changes for anyone */
	for (size_t k = 0; k < nk; k++) {
		bool now = false, before = false;
		for (size_t r = 0; r < nf->nreports; r++)
			now |= form_owed_by(nf, (int)r, kinds[k]);
		for (size_t r = 0; r < of->nreports; r++)
			before |= form_owed_by(of, (int)r, kinds[k]);
		if (now && !before && lm < sizeof more)
			lm += (size_t)snprintf(more + lm, sizeof more - lm, "%s%s", lm ? ", " : "",
			    kinds[k]);
		else if (!now && before && ll < sizeof less)
			ll += (size_t)snprintf(less + ll, sizeof less - ll, "%s%s", ll ? ", " : "",
			    kinds[k]);
	}
	if (lm || ll)
		printf(TR("%s: phiên bản %d đổi đơn vị phải nộp (%s%s%s%s%s) — chỉ từ các kỳ có hạn "
		    "sau hôm nay; kỳ đã đến hạn vẫn theo phiên bản %d\n", "%s: version %d changes who "
		    "reports (%s%s%s%s%s) — only for periods due after today; periods already due "
		    "stay under version %d\n"), nf->id, nf->version, lm ? TR("thêm: ", "added: ") : "",
		    more, lm && ll ? "; " : "", ll ? TR("bớt: ", "removed: ") : "", less, of->version);
done:
	free(cause);
	form_kinds_free(kinds, nk);
	form_free(nf);
	form_free(of);
}

static int
forms_install(struct store *st, int force, int argc, char **argv)
{
	struct store_install in;
	char *cause = NULL;
	enum err e;
	int bad = 0;

	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set(&cause, ERR_INVALID, TR("chỉ văn phòng xã cài biểu mẫu; máy này "
			    "nhận biểu mẫu qua gói của văn phòng", "only the commune office installs "
			    "forms; this installation gets them in the office pack"));
		store_install_free(&in);
	}
	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	for (int i = 0; i < argc; i++) {
		struct form_errors errs;
		struct buf b;
		int added = 0;

		buf_init(&b, FORM_MAX_BYTES + 1);
		if (buf_read_file(&b, argv[i]) < 0) {
			cli_failf_at(ERR_IO, argv[i], TR("không đọc được: %s", "cannot read: %s"),
			    err_os(errno));
			buf_free(&b);
			bad = ERR_IO;
			continue;
		}
		e = form_install_checked(st, argv[i], b.data ? b.data : "", b.len, force != 0,
		    &errs, &added, &cause);
		if (e == ERR_OK && added)
			owe_change(st, argv[i], b.data ? b.data : "", b.len);
		buf_free(&b);
		for (size_t k = 0; k < errs.n; k++)
			cli_fail_line(errs.lines[k]);
		form_errors_free(&errs);
		if (e != ERR_OK) {
			if (cause != NULL) {
				err_where(&cause, "%s", argv[i]);
				cli_fail(e, cause);
			}
			free(cause);
			cause = NULL;
			bad = e;
			continue;
		}
		printf("%s: %s\n", argv[i], added ? TR("đã cài", "installed")
		    : TR("đã có, không đổi", "already installed, unchanged"));
	}
	return bad ? err_exit_status((enum err)bad) : 0;
}

static void
report_title(const struct form *f, int r, char *buf, size_t size)
{
	if (f->nreports == 1 || f->reports[r].title == NULL)
		snprintf(buf, size, "%s", f->title);
	else
		snprintf(buf, size, "%s — %s", f->title, f->reports[r].title);
}

/* The text listing's rows, kept until every one is known: each column is
 * as wide as its widest cell (terminal columns, Vietnamese included), as
 * `units` lays out its own, so that a 26-character id never pushes the
 * rest of its line out of line. */
enum { LIST_COLS = 6 };

struct list_rows {
	char *(*cells)[LIST_COLS];
	size_t n;
};

static void
list_add(struct list_rows *t, const char *id, const char *unit, const char *kind,
    const char *period, const char *due, const char *title)
{
	const char *c[LIST_COLS] = { id, unit, kind, period, due, title };

	t->cells = xreallocarray(t->cells, t->n + 1, sizeof *t->cells);
	for (int k = 0; k < LIST_COLS; k++)
		t->cells[t->n][k] = xstrdup(c[k] != NULL ? c[k] : "-");
	t->n++;
}

/* Print the rows of T if SHOW, two spaces between columns, the last (the
 * title) unpadded; frees them either way. */
static void
list_print(struct list_rows *t, int show)
{
	int w[LIST_COLS - 1] = { 0 };

	for (size_t i = 0; i < t->n; i++)
		for (int k = 0; k < LIST_COLS - 1; k++)
			if (text_width(t->cells[i][k]) > w[k])
				w[k] = text_width(t->cells[i][k]);
	for (size_t i = 0; i < t->n; i++) {
		for (int k = 0; show && k < LIST_COLS - 1; k++)
			cli_cell(t->cells[i][k], w[k] + 2);
		if (show)
			printf("%s\n", t->cells[i][LIST_COLS - 1]);
		for (int k = 0; k < LIST_COLS; k++)
			free(t->cells[i][k]);
	}
	free(t->cells);
	t->cells = NULL;
	t->n = 0;
}

static int
forms_list(struct store *st, enum forms_fmt fmt)
{
	struct form_set set;
	char *cause = NULL;
	long now = moment_from_unix(store_now());
	size_t shown = 0;
	enum err e;

	struct store_install in;
	struct list_rows lines = { NULL, 0 };
	char *kind = NULL;

	/* a field unit lists what it owes (plan.h), as fill and the import check */
	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role == STORE_ROLE_FIELD && in.unit_id != NULL)
			e = form_unit_kind(st, in.unit_id, &kind, &cause);
		store_install_free(&in);
	}
	if (e == ERR_OK)
		e = form_set_load(st, &set, &cause);
	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		free(kind);
		return rc;
	}
	list_add(&lines, TR("MÃ", "ID"), TR("ĐƠN VỊ", "UNIT"), TR("KỲ", "PERIOD"),
	    TR("KỲ HIỆN TẠI", "CURRENT"), TR("HẠN", "DEADLINE"), TR("TÊN", "TITLE"));
	for (size_t i = 0; i < set.n; i++) {
		const struct form *f = set.forms[i];

		for (size_t r = 0; r < f->nreports; r++) {
			const struct deadline_rule *rule = &f->reports[r].rule;
			char pid[PERIOD_ID_MAX] = "-", dl[20] = "-", title[512];
			struct period p;

			if (kind != NULL && !form_owed_by(f, (int)r, kind))
				continue;	/* another's, or one it only helps on */
			/* a plan that has ended: its final period, owed until sent */
			if (deadline_current(rule, now, &set.cal, &p) ||
			    deadline_last_due(rule, now, &set.cal, &p)) {
				period_format(&p, pid, sizeof pid);
				moment_format(deadline_of(rule, &p, &set.cal), dl, sizeof dl);
			}
			report_title(f, (int)r, title, sizeof title);
			if (fmt == FMT_TSV)
				printf("%s\t%s\t%s\t%s\t%s\t%s\n", f->reports[r].form_id,
				    f->unit_kind, period_kind_name(rule->kind), pid, dl, title);
			else	/* the kind in words; TSV keeps the file's keyword */
				list_add(&lines, f->reports[r].form_id, f->unit_kind,
				    period_kind_label(rule->kind), pid, dl, title);
			shown++;
		}
	}
	list_print(&lines, fmt == FMT_TEXT);
	if (fmt == FMT_TEXT && shown == 0)
		printf("%s\n", TR("(chưa cài biểu mẫu nào)", "(no forms installed)"));
	/* a field unit's plans it only helps on: read only, said after the list */
	for (size_t i = 0; fmt == FMT_TEXT && kind != NULL && i < set.n; i++)
		for (size_t r = 0; r < set.forms[i]->nreports; r++) {
			char rows[256];
			if (form_owed_by(set.forms[i], (int)r, kind) ||
			    !form_helps_on(set.forms[i], (int)r, kind))
				continue;
			printf(TR("Phối hợp, chỉ xem: %s (dòng %s)\n", "Helps on, read only: %s "
			    "(rows %s)\n"), set.forms[i]->reports[r].form_id,
			    form_helped_rows(set.forms[i], (int)r, kind, rows, sizeof rows));
		}
	/* a plan's events are recorded under the form's own id, not a report's */
	for (size_t i = 0; fmt == FMT_TEXT && kind == NULL && i < set.n; i++)
		if (set.forms[i]->nevents > 0)
			printf(TR("Kế hoạch %s có sự kiện: ghi ngày bằng 'baocao forms event --form %s "
			    "--event MÃ --date NGÀY' (xem 'baocao forms show %s')\n", "Plan %s has "
			    "events: record their day with 'baocao forms event --form %s --event ID "
			    "--date DATE' (see 'baocao forms show %s')\n"), set.forms[i]->id,
			    set.forms[i]->id, set.forms[i]->id);
	form_set_free(&set);
	free(kind);
	return 0;
}

/* ---- show ---- */

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
show_json(const struct form *f, int only, const struct cal *cal, long now, const long *days)
{
	struct period year = period_containing(PERIOD_YEAR, now / MINUTES_PER_DAY);
	json_t *o = json_object(), *reps = json_array(), *fields = json_array();
	json_t *lists = json_object(), *alerts = json_array();

	json_object_set_new(o, "form", json_string(f->id));
	json_object_set_new(o, "version", json_integer(f->version));
	json_object_set_new(o, "title", jstr(f->title));
	json_object_set_new(o, "unit", jstr(f->unit_kind));
	json_object_set_new(o, "source", json_pack("{s:o, s:o, s:o}", "plan", jstr(f->plan),
	    "appendix", jstr(f->appendix), "note", jstr(f->source_note)));
	for (size_t r = 0; r < f->nreports; r++) {
		const struct form_report *rep = &f->reports[r];
		char text[128], pid[PERIOD_ID_MAX], dl[20];
		struct period p;
		json_t *jr;

		if (only >= 0 && (int)r != only)
			continue;
		jr = json_pack("{s:s, s:s, s:o, s:s, s:s}", "id", rep->id, "form_id", rep->form_id,
		    "title", jstr(rep->title), "period", period_kind_name(rep->rule.kind),
		    "deadline", deadline_describe(&rep->rule, text, sizeof text));
		if (deadline_current(&rep->rule, now, cal, &p)) {
			json_object_set_new(jr, "current", json_string(period_format(&p, pid,
			    sizeof pid)));
			json_object_set_new(jr, "due", json_string(moment_format(deadline_of(
			    &rep->rule, &p, cal), dl, sizeof dl)));
		}
		json_array_append_new(reps, jr);
	}
	json_object_set_new(o, "reports", reps);
	if (f->nevents) {
		json_t *evs = json_array();
		for (size_t k = 0; k < f->nevents; k++) {
			char day[16];
			json_t *ev = json_pack("{s:s, s:s}", "id", f->events[k].id, "label",
			    f->events[k].label);
			json_object_set_new(ev, "day", days != NULL && days[k] >= 0 ?
			    json_string(date_format(days[k], day, sizeof day)) : json_null());
			json_array_append_new(evs, ev);
		}
		json_object_set_new(o, "events", evs);
	}
	for (size_t l = 0; l < f->nlists; l++) {
		json_t *ch = json_array();
		for (size_t c = 0; c < f->lists[l].nchoices; c++)
			json_array_append_new(ch, json_pack("{s:s, s:s}", "value",
			    f->lists[l].choices[c].value, "label", f->lists[l].choices[c].label));
		json_object_set_new(lists, f->lists[l].name, ch);
	}
	json_object_set_new(o, "choices", lists);
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		json_t *jf;

		if (only >= 0 && !form_field_in_report(f, (int)i, only))
			continue;
		jf = json_pack("{s:s, s:s, s:o}", "name", fd->name,
		    "type", form_field_type_name(fd->type), "label", jstr(fd->label));
		if (fd->parent >= 0)
			json_object_set_new(jf, "parent", json_string(f->fields[fd->parent].name));
		if (fd->stt)
			json_object_set_new(jf, "stt", json_string(fd->stt));
		if (fd->hint)
			json_object_set_new(jf, "hint", json_string(fd->hint));
		if (fd->unit)
			json_object_set_new(jf, "unit", json_string(fd->unit));
		if (fd->required)
			json_object_set_new(jf, "required", json_true());
		if (fd->has_min)
			json_object_set_new(jf, "min", json_real(fd->min));
		if (fd->has_max)
			json_object_set_new(jf, "max", json_real(fd->max));
		if (fd->past)
			json_object_set_new(jf, "past", json_true());
		if (fd->carry)
			json_object_set_new(jf, "carry", json_true());
		if (fd->list >= 0)
			json_object_set_new(jf, "list", json_string(f->lists[fd->list].name));
		if (fd->constraint) {
			json_object_set_new(jf, "constraint", json_string(expr_source(fd->constraint)));
			json_object_set_new(jf, "constraint_message", jstr(fd->constraint_message));
		}
		if (fd->relevant)
			json_object_set_new(jf, "relevant", json_string(expr_source(fd->relevant)));
		if (fd->calculation)
			json_object_set_new(jf, "calculation",
			    json_string(expr_source(fd->calculation)));
		if (fd->def)
			json_object_set_new(jf, "default", json_string(fd->def));
		if (fd->target)
			json_object_set_new(jf, "target", json_string(fd->target));
		if (fd->nwarns) {
			json_t *w = json_array();
			for (size_t k = 0; k < fd->nwarns; k++)
				json_array_append_new(w, json_pack("{s:s, s:o}", "check",
				    expr_source(fd->warns[k].expr), "message",
				    jstr(fd->warns[k].message)));
			json_object_set_new(jf, "warn", w);
		}
		if (fd->nrows) {
			json_t *rows = json_array();
			for (size_t k = 0; k < fd->nrows; k++) {
				const struct form_row *row = &fd->rows[k];
				json_t *jrow;

				if (only >= 0 && !(row->reports & (1u << only)))
					continue;
				jrow = json_pack("{s:s, s:s}", "id", row->id, "label",
				    row->label);
				const char *keys[] = { "lead", "helpers", "basis", "due", "target",
				    "product", "note" };
				const char *vals[] = { row->lead, row->helpers, row->basis, row->due,
				    row->target, row->product, row->note };
				for (size_t q = 0; q < 7; q++)
					if (vals[q])
						json_object_set_new(jrow, keys[q], json_string(vals[q]));
				/* a plan's row: who leads and helps, by kind; when it is due */
				if (row->nleads || row->nhelps) {
					json_t *ls = json_array(), *hs = json_array();
					for (size_t q = 0; q < row->nleads; q++)
						json_array_append_new(ls, json_string(row->leads[q]));
					for (size_t q = 0; q < row->nhelps; q++)
						json_array_append_new(hs, json_string(row->helps[q]));
					json_object_set_new(jrow, "lead_units", ls);
					json_object_set_new(jrow, "helper_units", hs);
				}
				if (row->deadline)
					json_object_set_new(jrow, "deadline", json_string(row->deadline));
				/* the deadline as read this year: a date, or what it waits for */
				if (!row->heading && row->dl.kind != ROW_DUE_NONE) {
					char due[128];
					long dd = form_row_due_day(f, row, &year, cal, days);
					json_object_set_new(jrow, "due_text", json_string(form_row_due_text(
					    f, row, &year, cal, days, due, sizeof due)));
					if (dd >= 0)
						json_object_set_new(jrow, "due_day", json_string(date_format(
						    dd, due, sizeof due)));
				}
				if (row->ntargets) {
					json_t *ts = json_array();
					for (size_t q = 0; q < row->ntargets; q++) {
						char rd[64];
						json_t *t = json_pack("{s:s, s:s}", "text", row->targets[q].text,
						    "read", form_target_text(&row->targets[q].tgt, rd, sizeof rd));
						if (row->targets[q].column >= 0)
							json_object_set_new(t, "column", json_string(
							    f->fields[row->targets[q].column].name));
						json_array_append_new(ts, t);
					}
					json_object_set_new(jrow, "targets", ts);
				}
				if (row->heading)
					json_object_set_new(jrow, "heading", json_true());
				json_array_append_new(rows, jrow);
			}
			json_object_set_new(jf, "rows", rows);
		}
		json_array_append_new(fields, jf);
	}
	json_object_set_new(o, "fields", fields);
	for (size_t a = 0; a < f->nalerts; a++)
		json_array_append_new(alerts, json_pack("{s:s, s:s, s:s}", "name", f->alerts[a].name,
		    "when", expr_source(f->alerts[a].when), "message", f->alerts[a].message));
	json_object_set_new(o, "alerts", alerts);
	return o;
}

/* DAYS: the recorded day of each of F's events, or -1; OFFICE: this
 * installation records them (a field one learns them from the pack). */
static void
show_text(const struct form *f, int only, const struct cal *cal, long now, const long *days,
    bool office)
{
	char text[128];
	struct period year = period_containing(PERIOD_YEAR, now / MINUTES_PER_DAY);

	cli_row(TR("Biểu mẫu", "Form"), "%s (%s %d)", f->id, TR("phiên bản", "version"),
	    f->version);
	cli_row(TR("Tên", "Title"), "%s", f->title);
	cli_row(TR("Đơn vị báo cáo", "Reporting unit"), "%s", f->unit_kind);
	if (f->plan)
		cli_row(TR("Kế hoạch", "Plan"), "%s", f->plan);
	if (f->appendix)
		cli_row(TR("Phụ lục", "Appendix"), "%s", f->appendix);
	if (f->source_note)
		cli_row(TR("Ghi chú", "Note"), "%s", f->source_note);
	for (size_t k = 0; k < f->nevents; k++) {
		char day[32] = "";
		if (days != NULL && days[k] >= 0) {
			snprintf(day, sizeof day, "%s ", TR("ngày", "on"));
			date_format(days[k], day + strlen(day), sizeof day - strlen(day));
		}
		if (office)	/* the office records it (again, if it was wrong) */
			cli_row(TR("Sự kiện", "Event"), "%s: %s (%s%s%s: baocao forms event --form "
			    "%s --event %s --date %s)", f->events[k].id, f->events[k].label, day,
			    *day ? "; " : "", TR("ghi ngày", "record it"), f->id, f->events[k].id,
			    TR("NGÀY", "DATE"));
		else if (*day)
			cli_row(TR("Sự kiện", "Event"), "%s: %s (%s)", f->events[k].id,
			    f->events[k].label, day);
		else
			cli_row(TR("Sự kiện", "Event"), "%s: %s (%s)", f->events[k].id,
			    f->events[k].label, TR("văn phòng chưa ghi ngày; gói sau sẽ mang",
			    "the office has not recorded its day; a later pack brings it"));
	}
	for (size_t r = 0; r < f->nreports; r++) {
		const struct form_report *rep = &f->reports[r];
		char pid[PERIOD_ID_MAX], dl[20];
		struct period p;

		if (only >= 0 && (int)r != only)
			continue;
		if (deadline_current(&rep->rule, now, cal, &p))
			cli_row(TR("Báo cáo", "Report"), "%s: %s, %s (%s %s, %s %s)", rep->form_id,
			    period_kind_label(rep->rule.kind), deadline_describe(&rep->rule, text,
			    sizeof text), TR("kỳ", "period"), period_format(&p, pid, sizeof pid),
			    TR("hạn", "due"), moment_format(deadline_of(&rep->rule, &p, cal), dl,
			    sizeof dl));
		else
			cli_row(TR("Báo cáo", "Report"), "%s: %s, %s", rep->form_id,
			    period_kind_label(rep->rule.kind), deadline_describe(&rep->rule, text,
			    sizeof text));
	}
	printf("\n");
	for (size_t i = 0; i < f->nfields; i++) {
		const struct form_field *fd = &f->fields[i];
		int depth = 0;

		if (only >= 0 && !form_field_in_report(f, (int)i, only))
			continue;
		for (int p = fd->parent; p >= 0; p = f->fields[p].parent)
			depth++;
		printf("%*s%-*s %-15s %s%s\n", 2 * depth, "", 28 - 2 * depth, fd->name,
		    form_field_type_name(fd->type), fd->label ? fd->label : "",
		    fd->required ? " *" : "");
		if (fd->constraint)
			printf("%*s  constraint: %s\n", 2 * depth, "", expr_source(fd->constraint));
		if (fd->relevant)
			printf("%*s  relevant: %s\n", 2 * depth, "", expr_source(fd->relevant));
		if (fd->calculation)
			printf("%*s  calculation: %s\n", 2 * depth, "",
			    expr_source(fd->calculation));
		for (size_t k = 0; k < fd->nwarns; k++)
			printf("%*s  warn: %s\n", 2 * depth, "", expr_source(fd->warns[k].expr));
		for (size_t k = 0; k < fd->nrows; k++) {
			const struct form_row *row = &fd->rows[k];
			char who[256];
			if (only >= 0 && !(row->reports & (1u << only)))
				continue;
			printf("%*s  %s. %s\n", 2 * depth, "", row->id, row->label);
			if (f->has_leads && !row->heading)
				printf(TR("%*s      chủ trì: %s%s%s\n", "%*s      lead: %s%s%s\n"),
				    2 * depth, "", form_row_leads(f, row, who, sizeof who),
				    row->deadline ? TR(" · hạn: ", " · due: ") : "",
				    row->deadline ? row->deadline : "");
			if (row->heading)
				continue;
			if (row->nhelps) {
				size_t n = 0;
				who[0] = '\0';
				for (size_t q = 0; q < row->nhelps && n < sizeof who; q++) {
					int w = snprintf(who + n, sizeof who - n, "%s%s", q ? ", " : "",
					    row->helps[q]);
					if (w < 0)
						break;
					n += (size_t)w;
				}
				printf(TR("%*s      phối hợp: %s\n", "%*s      helpers: %s\n"), 2 * depth,
				    "", who);
			}
			/* a deadline that moves (an event's day, each year's date): as read now */
			if (row->dl.kind == ROW_DUE_EVENT) {
				char due[128];
				printf(TR("%*s      hạn theo ngày sự kiện: %s\n", "%*s      due from the "
				    "event's day: %s\n"), 2 * depth, "", form_row_due_text(f, row, &year,
				    cal, days, due, sizeof due));
			} else if (row->dl.kind == ROW_DUE_YEARLY) {
				char due[128];
				printf(TR("%*s      hạn năm %d: %s\n", "%*s      due in %d: %s\n"),
				    2 * depth, "", year.year, form_row_due_text(f, row, &year, cal, days,
				    due, sizeof due));
			}
			for (size_t q = 0; q < row->ntargets; q++) {
				char rd[64];
				printf(TR("%*s      chỉ tiêu: %s", "%*s      target: %s"), 2 * depth, "",
				    form_target_text(&row->targets[q].tgt, rd, sizeof rd));
				if (row->targets[q].column >= 0)
					printf(TR(" (cột %s)", " (column %s)"),
					    f->fields[row->targets[q].column].name);
				if (row->targets[q].tgt.cmp == TARGET_UNREAD)
					printf(" \"%s\"", row->targets[q].text);
				printf("\n");
			}
		}
	}
}

static int
forms_show(struct store *st, const char *id, enum forms_fmt fmt)
{
	struct form_set set;
	const struct form *f = NULL;
	char *cause = NULL;
	long now = moment_from_unix(store_now());
	int report = -1;
	enum err e;

	e = form_set_load(st, &set, &cause);
	if (e != ERR_OK) {
		int rc = cli_fail(e, cause);
		free(cause);
		return rc;
	}
	for (size_t i = 0; i < set.n; i++)
		if (strcmp(set.forms[i]->id, id) == 0)
			f = set.forms[i];
	if (f == NULL && !form_set_find(&set, id, &f, &report)) {
		form_set_free(&set);
		return cli_failf(ERR_INVALID, TR("không có biểu mẫu '%s' (xem 'baocao forms list')",
		    "no form '%s' (see 'baocao forms list')"), text_quote(id));
	}
	if (fmt == FMT_JSON) {
		long *days = NULL;
		json_t *o;
		char *s;
		if ((e = form_event_days(st, f, &days, &cause)) != ERR_OK) {
			int rc = cli_fail(e, cause);
			free(cause);
			form_set_free(&set);
			return rc;
		}
		o = show_json(f, report, &set.cal, now, days);
		s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		printf("%s\n", s);
		free(s);
		json_decref(o);
		free(days);
	} else {
		struct store_install in;
		long *days = NULL;
		e = store_install_get(st, &in, &cause);
		if (e == ERR_OK) {
			e = form_event_days(st, f, &days, &cause);
			if (e == ERR_OK)
				show_text(f, report, &set.cal, now, days,
				    in.role == STORE_ROLE_OFFICE);
			store_install_free(&in);
		}
		free(days);
		if (e != ERR_OK) {
			int rc = cli_fail(e, cause);
			free(cause);
			form_set_free(&set);
			return rc;
		}
	}
	form_set_free(&set);
	return 0;
}

/* ---- event ---- */

/* The day event EVENT of F was recorded, or -1 (not yet, no such event, or
 * the store cannot say: form_event_record then says why). */
static long
recorded_day(struct store *st, const struct form *f, const char *event)
{
	long *days = NULL, day = -1;
	char *cause = NULL;

	if (form_event_days(st, f, &days, &cause) == ERR_OK && days != NULL)
		for (size_t k = 0; k < f->nevents; k++)
			if (strcmp(f->events[k].id, event) == 0)
				day = days[k];
	free(days);
	free(cause);
	return day;
}

/* `forms event --form F --event E --date D`: the office records the day an
 * event happened; row deadlines counted from it follow (FORMAT.md). */
static int
forms_event(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "form", required_argument, NULL, 'F' },
		{ "event", required_argument, NULL, 'E' },
		{ "date", required_argument, NULL, 'D' },
		{ "force", no_argument, NULL, 'f' },
		{ "replace", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	const char *form_id = NULL, *event = NULL, *date = NULL;
	bool force = false, replace = false;
	long before = -1;	/* the day recorded until now, or -1 */
	struct store_install in;
	struct form_set set;
	const struct form *f = NULL;
	struct store *st;
	char *cause = NULL, buf[64];
	long day, *days = NULL;
	int c, d, m, y, n = 0, rows = 0;
	enum err e;

	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'F': form_id = optarg; break;
		case 'E': event = optarg; break;
		case 'D': date = optarg; break;
		case 'f': force = true; break;
		case 'R': replace = true; break;
		case 'h': cli_usage(&cmd_forms_entry, 0); return 0;
		default: cli_usage(&cmd_forms_entry, 1); return 2;
		}
	}
	if (optind != argc)
		return cli_failf_at(ERR_INVALID, argv[optind], "%s", TR("thừa đối số (cần --form MÃ "
		    "--event SỰ-KIỆN --date NGÀY)", "an argument too many (--form ID --event EVENT "
		    "--date DATE are needed)"));
	if (form_id == NULL || event == NULL || date == NULL)
		return cli_failf_at(ERR_INVALID, form_id == NULL ? "--form" : event == NULL ?
		    "--event" : "--date", "%s", TR("thiếu tuỳ chọn: cần --form MÃ --event SỰ-KIỆN "
		    "--date NGÀY", "an option is missing: --form ID --event EVENT --date DATE are "
		    "needed"));
	if (!date_parse(date, &day) && !(sscanf(date, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 &&
	    date[n] == '\0' && date_valid(y, m, d) && (day = date_from_ymd(y, m, d)) >= 0)) {
		char *where = xasprintf("--date %s", date);
		n = 0;
		if ((sscanf(date, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 ||
		     (n = 0, sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3)) && date[n] == '\0' &&
		    form_date_says_why(d, m, y, &cause))
			c = cli_failf_at(ERR_INVALID, where, "%s", cause);
		else
			c = cli_failf_at(ERR_INVALID, where, "%s", TR("không đọc được ngày (viết dạng "
			    "2026-07-01 hoặc 01/07/2026)", "not a date (write it as 2026-07-01 or "
			    "01/07/2026)"));
		free(cause);
		free(where);
		return c;
	}
	if ((c = cli_open(cli, &st)) != 0)
		return c;
	e = store_install_get(st, &in, &cause);
	if (e == ERR_OK) {
		if (in.role != STORE_ROLE_OFFICE)
			e = err_set_at(&cause, ERR_INVALID, cli->db, "%s", TR("chỉ văn phòng xã ghi ngày "
			    "sự kiện; máy này là của đơn vị", "only the commune office records events; "
			    "this is a unit's machine"));
		store_install_free(&in);
	}
	if (e == ERR_OK && (e = form_set_load(st, &set, &cause)) == ERR_OK) {
		int report;
		for (size_t i = 0; i < set.n; i++)
			if (strcmp(set.forms[i]->id, form_id) == 0)
				f = set.forms[i];
		/* a report's id (what the lists show) names its form too */
		if (f == NULL && !form_set_find(&set, form_id, &f, &report))
			f = NULL;
		if (f == NULL)
			e = err_set_at(&cause, ERR_INVALID, "--form", TR("không có biểu mẫu '%s' (xem "
			    "'baocao forms list')", "no form '%s' (see 'baocao forms list')"), text_quote(form_id));
		else if ((f->valid_from >= 0 && day < f->valid_from) ||
		    (f->valid_to >= 0 && day > f->valid_to)) {
			char from[16], to[16];
			e = err_set_at(&cause, ERR_INVALID, "--date", TR("ngày %s nằm ngoài hiệu lực của kế hoạch %s "
			    "(%s – %s): không ghi", "%s is outside plan %s's validity (%s – %s): not "
			    "recorded"), date, f->id, f->valid_from >= 0 ? date_format(f->valid_from,
			    from, sizeof from) : "…", f->valid_to >= 0 ? date_format(f->valid_to, to,
			    sizeof to) : "…");
		} else if (!force && day > moment_from_unix(store_now()) / MINUTES_PER_DAY) {
			/* an event is recorded once it happened: a day to come is
			 * a typing slip far more often than a plan */
			char today[16];
			e = err_set_at(&cause, ERR_INVALID, "--date", TR("chưa đến ngày đó: %s là sau "
			    "hôm nay (%s); không ghi — ghi ngày sự kiện đã xảy ra, hoặc thêm --force",
			    "that day has not come: %s is after today (%s); not recorded — record "
			    "the day the event happened, or add --force"), date_format(day, buf,
			    sizeof buf), date_format(moment_from_unix(store_now()) / MINUTES_PER_DAY,
			    today, sizeof today));
		} else if ((before = recorded_day(st, f, event)) >= 0 && before != day && !replace) {
			char old[16];
			e = err_set_at(&cause, ERR_INVALID, "--date", TR("sự kiện %s đã ghi ngày %s; "
			    "không thay bằng %s — thêm --replace để thay (hạn các dòng tính từ nó "
			    "sẽ dời theo)", "event %s is already recorded on %s; not replaced by "
			    "%s — add --replace to replace it (the deadlines of the rows counted "
			    "from it move)"), event, date_format(before, old, sizeof old),
			    date_format(day, buf, sizeof buf));
		} else if ((e = form_event_record(st, f, event, day, &cause)) == ERR_OK) {
			e = form_event_days(st, f, &days, &cause);
		} else if (e == ERR_INVALID) {
			err_where(&cause, "--event");	/* no such event of the form */
		}
		if (e == ERR_OK) {
			struct period p = period_containing(PERIOD_YEAR, day);
			printf(TR("%s: sự kiện %s ghi ngày %s.\n", "%s: event %s recorded on %s.\n"),
			    f->id, event, date_format(day, buf, sizeof buf));
			if (before >= 0 && before != day)
				printf(TR("  (thay ngày cũ %s)\n", "  (replaces %s)\n"),
				    date_format(before, buf, sizeof buf));
			for (size_t i = 0; i < f->nfields; i++)
				for (size_t r = 0; f->fields[i].type == FIELD_GRID &&
				    r < f->fields[i].nrows; r++) {
					const struct form_row *row = &f->fields[i].rows[r];
					if (row->dl.kind != ROW_DUE_EVENT ||
					    strcmp(f->events[row->dl.event].id, event) != 0)
						continue;
					long due = form_row_due_day(f, row, &p, &set.cal, days);
					printf(TR("  dòng %s: hạn %s\n", "  row %s: due %s\n"), row->id,
					    form_row_due_text(f, row, &p, &set.cal, days, buf, sizeof buf));
					if (due >= 0 && f->valid_to >= 0 && due > f->valid_to) {
						char to[16];
						printf(TR("    lưu ý: hạn này sau ngày kế hoạch hết hiệu lực (%s); "
						    "kiểm tra lại ngày sự kiện, hoặc sửa 'valid' hay hạn của dòng\n",
						    "    note: this deadline is after the plan's validity ends "
						    "(%s); check the event's day, or change 'valid' or the row's "
						    "deadline\n"), date_format(f->valid_to, to, sizeof to));
					}
					rows++;
				}
			if (rows == 0)
				printf("%s\n", TR("  (chưa dòng nào tính hạn từ sự kiện này)",
				    "  (no row counts its deadline from this event)"));
		}
		free(days);
		form_set_free(&set);
	}
	store_close(st);
	if (e != ERR_OK) {
		c = cli_fail(e, cause);
		free(cause);
		return c;
	}
	return 0;
}

static int
cmd_forms_exec(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sub = NULL, *fmtarg = NULL;
	enum forms_fmt fmt = FMT_TEXT;
	struct store *st;
	int c, force = 0;

	if (argc > 1 && (strcmp(argv[1], "draft") == 0 || strcmp(argv[1], "import") == 0))
		return (argv[1][0] == 'd' ? cmd_forms_draft : cmd_forms_import)(cli, argc - 1, argv + 1);
	if (argc > 1 && argv[1][0] != '-') {
		sub = argv[1];
		argv++;
		argc--;
	}
	if (sub != NULL && strcmp(sub, "event") == 0)
		return forms_event(cli, argc, argv);
	while ((c = cli_getopt(cli, argc, argv, opts)) != -1) {
		switch (c) {
		case 'f': fmtarg = optarg; break;
		case 'F': force = 1; break;
		case 'h': cli_usage(&cmd_forms_entry, 0); return 0;
		default: cli_usage(&cmd_forms_entry, 1); return 2;
		}
	}
	if (sub == NULL && optind < argc)
		sub = argv[optind++];
	if (sub == NULL)
		sub = "list";
	if (fmtarg != NULL) {
		if (strcmp(fmtarg, "text") == 0)
			fmt = FMT_TEXT;
		else if (strcmp(fmtarg, "tsv") == 0 && strcmp(sub, "list") == 0)
			fmt = FMT_TSV;
		else if (strcmp(fmtarg, "json") == 0 && strcmp(sub, "show") == 0)
			fmt = FMT_JSON;
		else
			return cli_failf(ERR_INVALID, TR("--format %s không dùng được với 'forms %s'",
			    "--format %s does not go with 'forms %s'"), fmtarg, sub);
	}
	if (strcmp(sub, "check") == 0)
		return forms_check(cli, argc - optind, argv + optind);
	if (strcmp(sub, "list") == 0 && optind == argc) {
		if ((c = cli_open(cli, &st)) != 0)
			return c;
		c = forms_list(st, fmt);
		store_close(st);
		return c;
	}
	if (strcmp(sub, "show") == 0 && optind + 1 == argc) {
		if ((c = cli_open(cli, &st)) != 0)
			return c;
		c = forms_show(st, argv[optind], fmt);
		store_close(st);
		return c;
	}
	if (strcmp(sub, "install") == 0 && optind < argc) {
		if ((c = cli_open(cli, &st)) != 0)
			return c;
		c = forms_install(st, force, argc - optind, argv + optind);
		store_close(st);
		return c;
	}
	cli_usage(&cmd_forms_entry, 1);
	return 2;
}

const struct cmd_entry cmd_forms_entry = {
	"forms",
	"forms check TỆP... | forms list [--format text|tsv] | forms show MÃ [--format text|json]"
	" | forms install [--force] TỆP... | forms event --form MÃ --event SỰ-KIỆN --date NGÀY [--replace] [--force]"
	" | forms draft TỆP.docx|.xlsx|.csv [--out-dir THƯ-MỤC] [--force]"
	" | forms import TỆP.xlsx [--out-dir THƯ-MỤC] [--unit LOẠI] [--force]",
	"Kiểm tra tệp biểu mẫu; xem, cài biểu mẫu; ghi ngày một sự kiện của kế hoạch; viết bản "
	"nháp biểu mẫu từ kế hoạch DOCX, XLSX, CSV (draft) hoặc từ XLSForm (import).",
	"Check form files; list, show and install forms; record the day a plan's event happened; "
	"draft form files from a plan in DOCX, XLSX, CSV (draft) or from an XLSForm (import).",
	cmd_forms_exec,
};
