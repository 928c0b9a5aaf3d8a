/*
 * screen-home.c: the home screen: who this installation is, its device
 * fingerprint, and what is due (the list fills in as forms are installed).
 */
#include "ui.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../storage/store.h"
#include "../storage/store-inst.h"

#include <stdio.h>
#include <stdlib.h>

struct home {
	struct store_install in;
	struct store_counts n;
	char *error;
};

static const struct ui_key home_keys[] = {
	{ "F1", "Trợ giúp", "Help", 1 },
	{ "F10", "Thoát", "Quit", 1 },
	{ "Ctrl-G", "Trợ giúp (như F1)", "Help (as F1)", 0 },
	{ "Ctrl-Q", "Thoát (như F10)", "Quit (as F10)", 0 },
	{ NULL, NULL, NULL, 0 },
};

void *
screen_home_new(struct ui *ui)
{
	struct home *h = xcalloc(1, sizeof *h);
	char *cause = NULL;

	if (store_install_get(ui->st, &h->in, &cause) != ERR_OK ||
	    store_counts_get(ui->st, &h->n, &cause) != ERR_OK)
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
	if (h->n.forms == 0)
		ui_text(y++, 4, 0, TR("Chưa có biểu mẫu nào được cài đặt.",
		    "No forms are installed yet."));
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
}

static void
home_free(struct screen *s)
{
	struct home *h = s->data;

	store_install_free(&h->in);
	free(h->error);
	free(h);
}

const struct screen_ops screen_home_ops = {
	"home", home_keys, home_draw, home_key, home_free,
};
