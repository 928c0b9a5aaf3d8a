/*
 * screen-home.c: the home screen: who this installation is, its device
 * fingerprint, and what is due: every installed report's current period
 * and deadline, soonest first.
 */
#include "ui.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../storage/store.h"
#include "../storage/store-audit.h"
#include "../storage/store-inst.h"

#include "../forms/form-install.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct due {
	long deadline;		/* minutes; LONG_MAX for ad hoc reports */
	char period[PERIOD_ID_MAX];
	char *form_id;
	char *title;
};

struct home {
	struct store_install in;
	struct store_counts n;
	struct due *due;
	size_t ndue;
	char *error;
};

static int
due_cmp(const void *a, const void *b)
{
	const struct due *x = a, *y = b;

	if (x->deadline != y->deadline)
		return x->deadline < y->deadline ? -1 : 1;
	return strcmp(x->form_id, y->form_id);
}

/* What is due: one line per report of every installed form. */
static enum err
home_load_due(struct ui *ui, struct home *h, char **cause)
{
	struct form_set set;
	long now = moment_from_unix(store_now());
	enum err e = form_set_load(ui->st, &set, cause);

	if (e != ERR_OK)
		return e;
	for (size_t i = 0; i < set.n; i++) {
		const struct form *f = set.forms[i];
		for (size_t r = 0; r < f->nreports; r++) {
			struct due *d;
			struct period p;

			h->due = xreallocarray(h->due, h->ndue + 1, sizeof *h->due);
			d = &h->due[h->ndue++];
			memset(d, 0, sizeof *d);
			d->form_id = xstrdup(f->reports[r].form_id);
			d->title = f->nreports > 1 && f->reports[r].title
			    ? xasprintf("%s — %s", f->title, f->reports[r].title) : xstrdup(f->title);
			if (deadline_current(&f->reports[r].rule, now, &set.cal, &p)) {
				d->deadline = deadline_of(&f->reports[r].rule, &p, &set.cal);
				period_format(&p, d->period, sizeof d->period);
			} else {
				d->deadline = LONG_MAX;
				snprintf(d->period, sizeof d->period, "%s",
				    period_kind_label(f->reports[r].rule.kind));
			}
		}
	}
	form_set_free(&set);
	qsort(h->due, h->ndue, sizeof *h->due, due_cmp);
	return ERR_OK;
}

static const struct ui_key home_keys[] = {
	{ "F5", "Gửi/nhận tệp", "Send/receive", 1 },
	{ "F6", "Gói văn phòng", "Office pack", 1 },
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "F10", "Thoát", "Quit", 1 },
	{ "Ctrl-G", "Trợ giúp (như F1)", "Help (as F1)", 0 },
	{ "Ctrl-Q", "Thoát (như F10)", "Quit (as F10)", 0 },
	{ "Ctrl-E", "Đơn vị: xuất tệp báo cáo; văn phòng: nhập tệp (như F5)",
	    "Field: export a bundle; office: import bundles (as F5)", 0 },
	{ "Ctrl-P", "Đơn vị: áp dụng gói; văn phòng: làm gói (như F6)",
	    "Field: apply a pack; office: write a pack (as F6)", 0 },
	{ NULL, NULL, NULL, 0 },
};

void *
screen_home_new(struct ui *ui)
{
	struct home *h = xcalloc(1, sizeof *h);
	char *cause = NULL;

	if (store_install_get(ui->st, &h->in, &cause) != ERR_OK ||
	    store_counts_get(ui->st, &h->n, &cause) != ERR_OK ||
	    home_load_due(ui, h, &cause) != ERR_OK)
		h->error = cause;
	return h;
}

static void
home_draw(struct screen *s)
{
	struct home *h = s->data;
	char line[256];
	int y = 2;

	if (h->in.commune == NULL) {
		ui_title("baocao", NULL);
		ui_status(h->error ? h->error : "", 1);
		return;
	}
	snprintf(line, sizeof line, "%s %s", TR("Xã", "Commune"), h->in.commune);
	ui_title(h->in.role == STORE_ROLE_OFFICE ? TR("baocao — Văn phòng xã",
	    "baocao — Commune office") : TR("baocao — Đơn vị", "baocao — Field unit"),
	    h->in.commune[0] ? line : NULL);
	if (h->in.unit_id != NULL) {
		snprintf(line, sizeof line, "%s %s", TR("Đơn vị:", "Unit:"), h->in.unit_id);
		ui_text(y++, 2, 0, line);
	}
	snprintf(line, sizeof line, "%s %s", TR("Mã thiết bị:", "Device fingerprint:"),
	    h->in.fingerprint);
	ui_text(y++, 2, A_BOLD, line);
	y++;
	ui_text(y++, 2, A_BOLD | A_UNDERLINE, TR("Việc cần làm", "What is due"));
	if (h->ndue == 0)
		ui_text(y++, 4, 0, TR("Chưa có biểu mẫu nào được cài đặt.",
		    "No forms are installed yet."));
	for (size_t i = 0; i < h->ndue; i++) {
		const struct due *d = &h->due[i];
		char when[20] = "";

		/* keep two lines for the counts and one for the key bar */
		if (y >= LINES - 4 && i + 1 < h->ndue) {
			snprintf(line, sizeof line, TR("… và %zu báo cáo khác", "… and %zu more"),
			    h->ndue - i);
			ui_text(y++, 4, A_DIM, line);
			break;
		}
		if (d->deadline != LONG_MAX)
			moment_format(d->deadline, when, sizeof when);
		when[10] = '\0';
		snprintf(line, sizeof line, "%-10s  %-12s  %s", d->deadline != LONG_MAX ? when :
		    "—", d->period, d->title);
		ui_text(y++, 4, 0, line);
	}
	y++;
	snprintf(line, sizeof line, TR("Đơn vị: %d   Biểu mẫu: %d   Báo cáo: %d (nháp %d, "
	    "hoàn tất %d)", "Units: %d   Forms: %d   Submissions: %d (draft %d, final %d)"),
	    h->n.units, h->n.forms, h->n.submissions, h->n.drafts, h->n.finals);
	ui_text(y++, 2, A_DIM, line);
}

static void
home_key(struct screen *s, const struct ui_input *in)
{
	if (ui_is_quit(in))
		s->ui->quit = 1;
	else if ((in->code && in->key == KEY_F(5)) || ui_is_ctrl(in, 'E'))
		ui_replace(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 0));
	else if ((in->code && in->key == KEY_F(6)) || ui_is_ctrl(in, 'P'))
		ui_replace(s->ui, &screen_exchange_ops, screen_exchange_new(s->ui, 1));
}

static void
home_free(struct screen *s)
{
	struct home *h = s->data;

	store_install_free(&h->in);
	for (size_t i = 0; i < h->ndue; i++) {
		free(h->due[i].form_id);
		free(h->due[i].title);
	}
	free(h->due);
	free(h->error);
	free(h);
}

const struct screen_ops screen_home_ops = {
	"home", home_keys, home_draw, home_key, home_free,
};
