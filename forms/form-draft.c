/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * form-draft.c: plan tables -> draft form files (form-draft.h).
 *
 * The work goes in three passes over each task table:
 *
 *  1. find the header row: each cell folded (no accents, lower case) and
 *     matched against the column words (ROLE_WORDS); a row naming the task
 *     and at least two other columns is a header. A later table whose header
 *     maps the same columns and whose caption names no new appendix is the
 *     same table continued on the next page.
 *  2. collect rows: a repeated header is skipped; a row with no STT right
 *     after a header whose task starts in lower case (or is empty) is the
 *     rest of the row above, cut by the page, and is joined to it; a cell
 *     merged from above takes the value above. Each of these is listed.
 *  3. number and map: roman STT = a section (heading); numbers restarting
 *     under each section get the section's prefix ("II.3"); rows without STT
 *     are lettered under the row above ("II.2.a"); leads and helpers become
 *     unit kinds, the deadline is read into FORMAT.md's row syntax, targets
 *     are taken from the target column or the first percentage of the task.
 */
#include "form-draft.h"
#include "form.h"
#include "plan.h"
#include "../core/buf.h"
#include "../core/mem.h"
#include "../core/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum role { R_STT, R_LABEL, R_LEAD, R_HELPERS, R_DUE, R_PRODUCT, R_TARGET, R_BASIS, R_NOTE, NROLES };

static const char *const role_name_vi[NROLES] = {
	"STT", "nội dung", "chủ trì", "phối hợp", "thời hạn", "sản phẩm", "chỉ tiêu", "căn cứ", "ghi chú",
};

/* ---- text helpers ------------------------------------------------------- */

static char *
fold(const char *s)
{
	char *f = text_fold(s ? s : "");
	return f ? f : xstrdup("");
}

static bool
is_word_char(char c)
{
	return isalnum((unsigned char)c) || (c & 0x80);
}

/* Does folded HAY contain the folded words W, on word boundaries? */
static bool
has_words(const char *hay, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = strstr(hay, w); p; p = strstr(p + 1, w))
		if ((p == hay || !is_word_char(p[-1])) && !is_word_char(p[n]))
			return true;
	return false;
}

static bool
is_roman(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 6)
		return false;
	for (; *s; s++)
		if (!strchr("IVXL", *s))
			return false;
	return true;
}

static bool
is_number_id(const char *s)
{
	if (!isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && *s != '.')
			return false;
	return true;
}

/* The STT as an id: trimmed of spaces, a trailing '.' or ')'. */
static char *
stt_clean(const char *s)
{
	char *o = xstrdup(s);
	size_t n = strlen(o);

	while (n > 0 && (o[n - 1] == '.' || o[n - 1] == ')' || o[n - 1] == ' '))
		o[--n] = '\0';
	return o;
}

/* Does TEXT start with a lower-case letter (a sentence cut by a page)? */
static bool
starts_lower(const char *text)
{
	utf8proc_int32_t c;

	if (!*text || utf8proc_iterate((const utf8proc_uint8_t *)text, -1, &c) <= 0)
		return false;
	return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Does TEXT end a sentence ('.', '!', '?', ';' or ':' last, quotes aside)? */
static bool
ends_sentence(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && strchr(" \"')", text[n - 1]))
		n--;
	return n > 0 && strchr(".!?;:", text[n - 1]) != NULL;
}

/* Does TEXT read as a section heading: a Roman numeral or a capital letter
 * with '.' or ')' first ("II. Nhiệm vụ", "A) ..."), or no lower-case letter
 * at all ("NHIỆM VỤ TRỌNG TÂM")? */
static bool
heading_text(const char *text)
{
	const char *p = text;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	bool lower = false;

	while (*p && strchr("IVXLABCD", *p))
		p++;
	if (p > text && p - text <= 6 && (*p == '.' || *p == ')'))
		return true;
	for (p = text; *p; p += k) {
		if ((k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &c)) <= 0)
			return false;
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
			lower = true;
	}
	return !lower;
}

static void
list_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- columns ------------------------------------------------------------ */

/* The role of a header cell, or -1. */
static int
header_role(const char *cell)
{
	char *f = fold(cell);
	int r = -1;

	if (strcmp(f, "stt") == 0 || strcmp(f, "tt") == 0 || strcmp(f, "so tt") == 0 ||
	    strcmp(f, "so thu tu") == 0)
		r = R_STT;
	else if (strstr(f, "chu tri") || has_words(f, "don vi thuc hien") ||
		 has_words(f, "co quan thuc hien"))
		r = R_LEAD;
	else if (strstr(f, "phoi hop"))
		r = R_HELPERS;
	else if (strstr(f, "can cu"))
		r = R_BASIS;
	else if (strstr(f, "ghi chu"))
		r = R_NOTE;
	else if (strstr(f, "thoi gian") || strstr(f, "thoi han") || strstr(f, "tien do") ||
		 has_words(f, "han hoan thanh"))
		r = R_DUE;
	else if (strstr(f, "san pham") || strstr(f, "ket qua") || strstr(f, "dien giai"))
		r = R_PRODUCT;
	else if ((strstr(f, "chi tieu") && !strstr(f, "nhiem vu") && !strstr(f, "ten chi tieu")) ||
		 strstr(f, "muc tieu"))
		r = R_TARGET;
	else if (strstr(f, "noi dung") || strstr(f, "nhiem vu") || strstr(f, "cong viec") ||
		 strstr(f, "ten chi tieu") || strstr(f, "tieu chi"))
		r = R_LABEL;
	free(f);
	return r;
}

/* Fill COL[role] (-1 when absent) from ROW; true when it is a header row:
 * the task and at least two more columns. A second task-like column is the
 * product ("Diễn giải nội dung thực hiện" beside "Nhiệm vụ"). */
static bool
header_of(const struct doc_row *row, int col[NROLES])
{
	int found = 0;

	for (int r = 0; r < NROLES; r++)
		col[r] = -1;
	if (row->ncells > 0 && is_number_id(doc_cell_text(row, 0)))
		return false;	/* a numbered row is a task, whatever its words */
	for (size_t c = 0; c < row->ncells; c++) {
		int r = strlen(doc_cell_text(row, c)) <= 60 ? header_role(doc_cell_text(row, c)) : -1;
		if (r == R_LABEL && col[R_LABEL] >= 0)
			r = col[R_PRODUCT] < 0 ? R_PRODUCT : -1;
		if (r >= 0 && col[r] < 0) {
			col[r] = (int)c;
			found++;
		}
	}
	return col[R_LABEL] >= 0 && found >= 3;
}

/* ---- unit kinds --------------------------------------------------------- */

/* Folded words -> kinds. Earlier entries win for a piece of text; an entry
 * with no kinds marks a name as known not to be a unit of the commune. */
static const struct {
	const char *words;
	const char *kinds[6];
	bool guess;		/* a group read as several kinds: said to the user */
} unit_words[] = {
	{ "cong dich vu cong", { NULL }, false },
	{ "cong thong tin dien tu", { NULL }, false },
	{ "phuc vu hanh chinh cong", { "tt-hcc" }, false },
	{ "hanh chinh cong", { "tt-hcc" }, false },
	{ "dich vu su nghiep cong", { "tt-dvc" }, false },
	{ "cung ung dich vu cong", { "tt-dvc" }, false },
	{ "cung ung dvc", { "tt-dvc" }, false },
	{ "van phong hdnd", { "van-phong" }, false },
	{ "van phong ubnd", { "van-phong" }, false },
	{ "van phong hdnd&ubnd", { "van-phong" }, false },
	{ "van phong", { "van-phong" }, false },
	{ "phong kinh te", { "phong-kinh-te" }, false },
	{ "phong van hoa", { "phong-vhxh" }, false },
	{ "van hoa - xa hoi", { "phong-vhxh" }, false },
	{ "cong an", { "cong-an" }, false },
	{ "quan su", { "quan-su" }, false },
	{ "tram y te", { "tram-y-te" }, false },
	{ "truong hoc", { "truong" }, false },
	{ "cac truong", { "truong" }, false },
	{ "truong mam non", { "truong" }, false },
	{ "truong tieu hoc", { "truong" }, false },
	{ "truong thcs", { "truong" }, false },
	/* the schools and the health station are units of the commune,
	 * however the plan names them */
	{ "don vi su nghiep giao duc", { "truong" }, false },
	{ "co so giao duc", { "truong" }, false },
	{ "nha truong", { "truong" }, false },
	{ "cac nha truong", { "truong" }, false },
	{ "cac truong hoc", { "truong" }, false },
	{ "truong mau giao", { "truong" }, false },
	{ "truong trung hoc co so", { "truong" }, false },
	{ "truong tieu hoc va thcs", { "truong" }, false },
	{ "tram y te xa", { "tram-y-te" }, false },
	{ "tyt", { "tram-y-te" }, false },
	{ "tyt xa", { "tram-y-te" }, false },
	{ "thon", { "thon" }, false },
	{ "cac thon", { "thon" }, false },
	{ "doanh nghiep", { "doanh-nghiep" }, false },
	/* groups, read as the catalogue reads them (kt01-tthc, nl-cchc): the
	 * departments of the commune's people's committee */
	{ "phong chuyen mon", { "van-phong", "phong-kinh-te", "phong-vhxh" }, true },
	{ "bo phan chuyen mon", { "van-phong", "phong-kinh-te", "phong-vhxh" }, true },
	{ "phong, ban", { "van-phong", "phong-kinh-te", "phong-vhxh", "tt-hcc", "tt-dvc" }, true },
	{ "cac co quan, ban, nganh", { "van-phong", "phong-kinh-te", "phong-vhxh", "tt-hcc", "tt-dvc" }, true },
	{ "cac co quan, don vi thuoc", { "van-phong", "phong-kinh-te", "phong-vhxh", "tt-hcc", "tt-dvc" }, true },
};

/* Split a lead/helpers cell into names: at ';', line breaks and bullets
 * ("- " at the start or after '.' or ';'). Commas stay: "Các cơ quan, đơn
 * vị thuộc UBND xã" is one name. */
static void
split_names(const char *text, char ***names, size_t *n)
{
	struct buf cur;
	const char *p = text;

	buf_init(&cur, 0);
	while (*p) {
		bool cut = false;
		if (*p == ';' || *p == '\n' || *p == '+') {
			cut = true;
			p++;
		} else if (*p == '-' && p[1] == ' ') {
			/* a bullet: at the start, or after '.', ';' or ':' */
			const char *q = p;
			while (q > text && q[-1] == ' ')
				q--;
			if (q == text || q[-1] == '.' || q[-1] == ';' || q[-1] == ':') {
				cut = true;
				p += 2;
			}
		}
		if (cut) {
			if (cur.len)
				list_add(names, n, buf_detach(&cur, NULL));
			buf_reset(&cur);
			continue;
		}
		if (buf_add(&cur, p, 1) != 0)
			break;
		p++;
	}
	if (cur.len)
		list_add(names, n, buf_detach(&cur, NULL));
	buf_free(&cur);
	/* trim each: spaces and trailing '.' ',' */
	for (size_t i = 0; i < *n; i++) {
		char *s = (*names)[i], *a = s;
		size_t l;
		while (*a == ' ' || *a == '-')
			a++;
		memmove(s, a, strlen(a) + 1);
		l = strlen(s);
		while (l > 0 && (s[l - 1] == ' ' || s[l - 1] == '.' || s[l - 1] == ','))
			s[--l] = '\0';
	}
}

static void
kinds_add(const char ***kinds, size_t *n, const char *k)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*kinds)[i], k) == 0)
			return;
	*kinds = xreallocarray(*kinds, *n + 1, sizeof **kinds);
	(*kinds)[(*n)++] = k;
}

/* The kinds of one name; *GUESS when a group was read as several kinds;
 * false when the name is no unit of the commune. */
static bool
name_kinds(const char *name, const char ***kinds, size_t *nkinds, bool *guess)
{
	char *f = fold(name);
	bool any = false;

	for (size_t i = 0; i < sizeof unit_words / sizeof unit_words[0]; i++) {
		if (!has_words(f, unit_words[i].words))
			continue;
		/* "trưởng" (a head) folds as "trường" (a school): "Các trưởng
		 * thôn" are the villages' heads, not the schools */
		if (unit_words[i].kinds[0] && strcmp(unit_words[i].kinds[0], "truong") == 0 &&
		    (has_words(f, "truong thon") || has_words(f, "truong ban") ||
		     has_words(f, "truong phong") || has_words(f, "truong tram")))
			continue;
		/* "thôn" names the villages only as the name's head ("Thôn",
		 * "Các thôn", "Trưởng thôn"): "Ban quản lý chợ thôn" is not one */
		if (unit_words[i].kinds[0] && strcmp(unit_words[i].kinds[0], "thon") == 0) {
			const char *h = f;
			static const char *const lead[] = { "tat ca ", "cac ", "truong " };
			while (*h == ' ' || *h == '-')
				h++;
			for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++)
				if (strncmp(h, lead[k], strlen(lead[k])) == 0)
					h += strlen(lead[k]);
			if (strncmp(h, "thon", 4) != 0 || is_word_char(h[4]))
				continue;
		}
		if (!unit_words[i].kinds[0])
			break;	/* a portal or a site, not a unit */
		for (int k = 0; k < 6 && unit_words[i].kinds[k]; k++)
			kinds_add(kinds, nkinds, unit_words[i].kinds[k]);
		if (unit_words[i].guess)
			*guess = true;
		any = true;
		/* "Văn phòng ... và Phòng Kinh tế": keep looking for more */
	}
	free(f);
	return any;
}

void
form_draft_kinds(const char *text, const char ***kinds, size_t *nkinds, char ***unknown,
		 size_t *nunknown)
{
	char **names = NULL;
	size_t nn = 0;

	*kinds = NULL;
	*nkinds = 0;
	*unknown = NULL;
	*nunknown = 0;
	split_names(text ? text : "", &names, &nn);
	for (size_t i = 0; i < nn; i++) {
		bool guess = false;
		if (!*names[i])
			continue;
		if (!name_kinds(names[i], kinds, nkinds, &guess))
			list_add(unknown, nunknown, xstrdup(names[i]));
	}
	list_free(names, nn);
}

/* ---- deadlines ---------------------------------------------------------- */

static int
roman_value(const char *s, size_t n)
{
	static const char *const q[] = { "I", "II", "III", "IV" };
	for (int i = 0; i < 4; i++)
		if (strlen(q[i]) == n && strncmp(s, q[i], n) == 0)
			return i + 1;
	return 0;
}

/* The plan's words read into one row deadline, or NULL (see below); *UNDECIDED
 * set when they name several dates or periods (a person decides). */
static char *
deadline_words(const char *due, bool *undecided)
{
	char *f = fold(due), *out = NULL;
	const char *p;
	int d, m, y, n;
	char *orig = xstrdup(due);

	/* strip bullets and trailing dots for the patterns below */
	for (char *s = f; *s; s++)
		if (*s == '-' || *s == '.' || *s == ',' || *s == ';' || *s == ':')
			*s = ' ';
	if (has_words(f, "tu ngay") || has_words(f, "bat dau") || has_words(f, "theo ke hoach") ||
	    has_words(f, "theo lo trinh"))
		goto done;	/* a start or a reference: no deadline of its own */
	if (has_words(f, "tu nam") || has_words(f, "tu thang") || has_words(f, "tu quy") ||
	    has_words(f, "sau khi"))
		goto done;	/* "Từ năm 2026": a start; "sau khi …": an event to declare */
	{
		/* several schedules in one cell ("KH: Quý I hằng năm … Báo cáo:
		 * tháng 12 hằng năm"): a person decides which is the row's */
		int rec = 0;
		for (p = strstr(f, "hang nam"); p; p = strstr(p + 1, "hang nam"))
			rec++;
		if (rec > 1 || (has_words(f, "quy") && has_words(f, "thang"))) {
			*undecided = true;
			goto done;
		}
	}
	if (strcmp(f, "") == 0)
		goto done;
	if (has_words(f, "thuong xuyen") || has_words(f, "lien tuc")) {
		/* an ongoing task ("Thường xuyên trong năm 2026"): no deadline,
		 * FORMAT.md's "thường xuyên" — not the year's end. With a date
		 * or a period of its own as well, a person decides. */
		if (!strchr(due, '/') && !has_words(f, "quy") && !has_words(f, "thang") &&
		    !has_words(f, "truoc"))
			out = xstrdup("thường xuyên");
		goto done;
	}
	/* DD/MM/YYYY: the last one (a deadline after a start) */
	{
		int ld = 0, lm = 0, ly = 0, count = 0;
		for (p = due; *p; p++) {
			if (isdigit((unsigned char)*p) && (p == due || !isdigit((unsigned char)p[-1])) &&
			    sscanf(p, "%d/%d/%d%n", &d, &m, &y, &n) == 3 && y >= 2000 && y <= 2100 &&
			    m >= 1 && m <= 12 && d >= 1 && d <= 31) {
				ld = d; lm = m; ly = y;
				count++;
				p += n - 1;
			}
		}
		if (count == 1) {
			out = xasprintf("%02d/%02d/%04d", ld, lm, ly);
			goto done;
		}
		if (count > 1) {
			*undecided = true;
			goto done;	/* several dates: a person decides */
		}
	}
	/* Quý II/2026, Quý II năm 2026, Quý II, III năm 2026 (the last one) */
	if ((p = strstr(orig, "Quý")) || (p = strstr(orig, "quý")) || (p = strstr(orig, "QUÝ"))) {
		const char *s = p + strlen("Quý");
		int q = 0, nq = 0;
		for (;;) {
			size_t len;
			while (*s == ' ' || *s == ',')
				s++;
			len = strspn(s, "IV");
			if (len == 0 || !roman_value(s, len)) {
				if (isdigit((unsigned char)*s) && *s >= '1' && *s <= '4' && !isdigit((unsigned char)s[1])) {
					q = *s - '0';
					nq++;
					s++;
					continue;
				}
				break;
			}
			q = roman_value(s, len);
			nq++;
			s += len;
		}
		if (nq > 1) {
			*undecided = true;
			goto done;	/* "Quý II, III": several periods, a person decides */
		}
		if (q) {
			char *rest = fold(s);
			n = 0;
			if ((sscanf(rest, "/%d%n", &y, &n) == 1 || sscanf(rest, " nam %d%n", &y, &n) == 1 ||
			    sscanf(rest, " / %d%n", &y, &n) == 1) && rest[n + strspn(rest + n, " .;")] != '\0') {
				/* "Quý IV/2026 và các năm tiếp theo": more than one period */
			} else if (n > 0) {
				if (y >= 2000 && y <= 2100)
					out = xasprintf("Quý %s/%d", (const char *[]){ "I", "II", "III", "IV" }[q - 1], y);
			} else if (has_words(rest, "hang nam") || has_words(rest, "hang nam")) {
				out = xasprintf("Quý %s hằng năm", (const char *[]){ "I", "II", "III", "IV" }[q - 1]);
			}
			free(rest);
			goto done;
		}
	}
	/* 6 tháng đầu năm 2026 */
	if (sscanf(f, "%*[^0-9]6 thang dau nam %d", &y) == 1 || sscanf(f, "6 thang dau nam %d", &y) == 1) {
		out = xasprintf("30/06/%d", y);
		goto done;
	}
	/* tháng M/YYYY, tháng M năm YYYY, tháng M hằng năm */
	if ((p = strstr(f, "thang "))) {
		if ((sscanf(p, "thang %d/%d", &m, &y) == 2 || sscanf(p, "thang %d nam %d", &m, &y) == 2) &&
		    m >= 1 && m <= 12 && y >= 2000 && y <= 2100 && !strstr(p + 6, "thang ")) {
			out = xasprintf("tháng %d/%d", m, y);
			goto done;
		}
		if (sscanf(p, "thang %d", &m) == 1 && m >= 1 && m <= 12 &&
		    (has_words(p, "hang nam") || has_words(p, "hang nam")) && !strstr(p + 6, "thang ")) {
			out = xasprintf("tháng %d hằng năm", m);
			goto done;
		}
	}
	/* năm 2026 alone, "2026 - 2030" (its last year), "hằng năm" */
	{
		int y1 = 0, cnt = 0;
		for (p = f; *p; p++)
			if (isdigit((unsigned char)*p) && (p == f || !isdigit((unsigned char)p[-1])) &&
			    sscanf(p, "%4d", &y) == 1 && y >= 2000 && y <= 2100 && !isdigit((unsigned char)p[4])) {
				y1 = y;
				cnt++;
				p += 3;
			}
		bool other_digits = false;
		for (p = f; *p; p++)
			if (isdigit((unsigned char)*p)) {
				size_t l = strspn(p, "0123456789");
				if (l != 4)
					other_digits = true;
				p += l - 1;
			}
		if (cnt == 1 && !other_digits && !strstr(f, "thang") && !strstr(f, "quy") &&
		    !strstr(f, "ngay")) {
			out = xasprintf("năm %d", y1);
			goto done;
		}
		/* "hằng năm" with no date says when it recurs, not by when:
		 * never read as 31/12 (finish_rows lists it) */
	}
done:
	free(f);
	free(orig);
	return out;
}

/* Does DUE (folded) say more than OUT does: a recurrence, a period after
 * the one OUT names? Then OUT would narrow it silently. */
static bool
says_more(const char *due, const char *out)
{
	char *ff = fold(due), *fo = fold(out);
	bool more = false;

	if ((has_words(ff, "tiep theo") || has_words(ff, "cac nam") || has_words(ff, "hang thang") ||
	     has_words(ff, "hang quy") || has_words(ff, "hang nam") || has_words(ff, "moi nam")) &&
	    !has_words(fo, "hang nam"))
		more = true;
	free(ff);
	free(fo);
	return more;
}

/* DUE as the loader reads a row deadline (plan.h), trimmed of a cell's
 * bullet and full stop, or NULL when the loader does not read it. */
static char *
deadline_as_loaded(const char *due)
{
	static const struct form none = { .valid_from = -1, .valid_to = -1 };
	struct row_due rd;
	size_t pos, len;
	char *t, *cause = NULL;

	while (*due == ' ' || *due == '-')
		due++;
	t = xstrdup(due);
	for (len = strlen(t); len > 0 && (t[len - 1] == ' ' || t[len - 1] == '.'); len--)
		t[len - 1] = '\0';
	if (*t != '\0' && form_row_due_parse(&none, t, &rd, &pos, &cause))
		return t;
	free(cause);
	free(t);
	return NULL;
}

/*
 * The row deadline a draft writes for DUE: its own words read into
 * FORMAT.md's canonical spellings, else the text itself when the loader
 * reads it ("05/01 năm sau", "15/08 hằng năm") — the one parser decides.
 * Text naming several dates or periods, a range, or a recurrence the
 * result would not keep is not mapped (NULL), never narrowed.
 */
char *
form_draft_deadline(const char *due)
{
	bool undecided = false;
	char *out = deadline_words(due, &undecided);

	/* "thường xuyên": ongoing says all there is, whatever else is said */
	if (out != NULL && strcmp(out, "thường xuyên") != 0 && says_more(due, out)) {
		free(out);
		return NULL;
	}
	if (out != NULL) {
		char *ok = deadline_as_loaded(out);
		if (ok == NULL) {	/* a spelling the loader would refuse */
			free(out);
			return NULL;
		}
		free(ok);
		return out;
	}
	if (undecided)	/* several dates or periods: the loader must not pick one */
		return NULL;
	return deadline_as_loaded(due);	/* the text itself: nothing narrowed */
}

/* ---- targets ------------------------------------------------------------ */

/* Does folded F end with the word(s) W (on a word boundary)? */
static bool
ends_with_words(const char *f, size_t fl, const char *w)
{
	size_t n = strlen(w);

	return fl >= n && strncmp(f + fl - n, w, n) == 0 && (fl == n || !is_word_char(f[fl - n - 1]));
}

/* Is TEXT[I] where a clause of a task's text begins ("; ", ". ", " - ")? */
static size_t
clause_start(const char *text, size_t at)
{
	size_t i = at;

	while (i > 0) {
		char c = text[i - 1];
		if (c == ';' || c == '\n' || c == ':' ||
		    (c == '.' && (text[i] == ' ' || text[i] == '\0')) ||
		    (c == '-' && i >= 2 && text[i - 2] == ' ' && text[i] == ' ') ||
		    (c == '-' && i == 1))
			break;
		i--;
	}
	return i;
}

/* The end of the clause that holds TEXT[AT]. */
static size_t
clause_end(const char *text, size_t at)
{
	size_t i = at;

	while (text[i] && text[i] != ';' && text[i] != '\n' &&
	       !(text[i] == '.' && (text[i + 1] == ' ' || text[i + 1] == '\0')) &&
	       !(text[i] == ' ' && text[i + 1] == '-' && text[i + 2] == ' '))
		i++;
	return i;
}

/* TEXT[FROM..TO), whitespace trimmed, at most its last 24 words. */
static char *
fragment(const char *text, size_t from, size_t to)
{
	size_t words = 0, i = to;

	while (from < to && isspace((unsigned char)text[from]))
		from++;
	while (i > from) {
		if (text[i - 1] == ' ' && ++words == 24)
			break;
		i--;
	}
	return i > from ? xasprintf("…%.*s", (int)(to - i), text + i) :
	    xstrndup(text + from, to - from);
}

/*
 * Every "N%" of TEXT, with the words before it that say how it compares
 * ("tối thiểu 80%", "trên 98%", "50% trở lên"), appended to *T (*NT) in
 * order, one per figure the plan names (two "100%" are two targets). A per cent in a clause that speaks of a reduction or a rise
 * ("cắt giảm 50% thời gian ..., 50% chi phí so với năm 2024") is no level to
 * reach: relative to the previous period ("so với năm trước", "kỳ trước") it
 * is written "giảm ít nhất 50%" / "tăng ít nhất 5%" (FORMAT.md, "Relative
 * targets"); relative to anything else (a base year) it is appended to
 * *SKIP (*NSKIP) as the clause that says it (once), for the list of what was not
 * mapped. "Tăng dần theo từng năm" (rising year on year) adds "cao hơn năm
 * trước".
 */
static void
targets_in_text(const char *text, char ***t, size_t *nt, char ***skip, size_t *nskip)
{
	for (const char *pct = strchr(text, '%'); pct; pct = strchr(pct + 1, '%')) {
		const char *num = pct;
		size_t cs, ce;
		char *words, *f, *after, *clause, *v, *res = NULL;
		bool down, up, prev;

		while (num > text && (isdigit((unsigned char)num[-1]) || num[-1] == ',' ||
		       num[-1] == '.' || num[-1] == ' '))
			num--;
		while (*num == ' ' || *num == ',' || *num == '.')
			num++;
		if (num >= pct || !isdigit((unsigned char)*num))
			continue;
		cs = clause_start(text, (size_t)(num - text));
		ce = clause_end(text, (size_t)(pct - text));
		words = xstrndup(text + cs, (size_t)(num - text) - cs);
		f = fold(words);
		free(words);
		words = xstrndup(pct + 1, (size_t)(text + ce - pct - 1));
		after = fold(words);
		free(words);
		words = xstrndup(text + cs, ce - cs);
		clause = fold(words);
		free(words);
		v = xstrndup(num, (size_t)(pct - num));
		for (size_t l = strlen(v); l > 0 && v[l - 1] == ' ';)
			v[--l] = '\0';
		size_t fl = strlen(f);
		while (fl > 0 && f[fl - 1] == ' ')
			f[--fl] = '\0';
		if (ends_with_words(f, fl, "tu")) {	/* "tối thiểu từ 50%" */
			fl -= 2;
			while (fl > 0 && f[fl - 1] == ' ')
				f[--fl] = '\0';
		}
		down = has_words(f, "giam");
		up = ends_with_words(f, fl, "tang") || ends_with_words(f, fl, "tang it nhat") ||
		    ends_with_words(f, fl, "tang toi thieu");
		prev = has_words(clause, "nam truoc") || has_words(clause, "ky truoc");
		if ((down || up) && prev) {
			res = xasprintf("%s ít nhất %s%%", down ? "giảm" : "tăng", v);
		} else if (down || up) {
			char *c = fragment(text, cs, ce);
			bool dup = false;
			for (size_t k = 0; k < *nskip && !dup; k++)
				dup = strcmp((*skip)[k], c) == 0;
			if (dup)
				free(c);
			else
				list_add(skip, nskip, c);
		} else if (ends_with_words(f, fl, "toi thieu") || ends_with_words(f, fl, "it nhat") ||
		    strncmp(after + strspn(after, " "), "tro len", 7) == 0) {
			res = xasprintf("tối thiểu %s%%", v);
		} else if (ends_with_words(f, fl, "duoi")) {
			res = xasprintf("dưới %s%%", v);
		} else if (ends_with_words(f, fl, "tren")) {
			res = xasprintf("trên %s%%", v);
		} else if (ends_with_words(f, fl, "khong qua") || ends_with_words(f, fl, "toi da")) {
			res = xasprintf("không quá %s%%", v);
		} else {
			res = xasprintf("%s%%", v);
		}
		if (res)
			list_add(t, nt, res);
		free(v);
		free(f);
		free(after);
		free(clause);
	}
	/* "... đạt tối thiểu 50% và tăng dần theo từng năm": rising year on year */
	char *all = fold(text);
	if (has_words(all, "tang dan") && (has_words(all, "hang nam") || has_words(all, "tung nam") ||
	    has_words(all, "moi nam") || has_words(all, "nam sau cao hon nam truoc")))
		list_add(t, nt, xstrdup("cao hơn năm trước"));
	free(all);
}

/* TARGETS joined by ", " ("tối thiểu 95%, tối thiểu 90%"). */
static char *
joined(char **v, size_t n)
{
	struct buf b;
	char *r;

	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++)
		if (buf_printf(&b, "%s%s", i ? ", " : "", v[i]) != 0)
			break;
	r = buf_detach(&b, NULL);
	return r ? r : xstrdup("");
}

/* ---- drafts ------------------------------------------------------------- */

/* A row as collected, before numbering. */
struct raw {
	char *cell[NROLES];
	bool merged;
	char *joined;		/* a note: joined with the part on the next page */
};

static void
draft_note(struct draft *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
draft_note(struct draft *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	list_add(&d->unmapped, &d->nunmapped, xvasprintf(fmt, ap));
	va_end(ap);
}

static void
row_free(struct draft_row *r)
{
	free(r->id);
	free(r->label);
	free(r->lead_text);
	free(r->helpers_text);
	free(r->basis);
	free(r->due);
	free(r->product);
	free(r->note);
	list_free(r->lead, r->nlead);
	list_free(r->helpers, r->nhelpers);
	free(r->deadline);
	list_free(r->targets, r->ntargets);
}

void
form_drafts_free(struct drafts *ds)
{
	for (size_t i = 0; i < ds->n; i++) {
		struct draft *d = &ds->d[i];
		for (size_t r = 0; r < d->nrows; r++)
			row_free(&d->rows[r]);
		free(d->rows);
		free(d->id);
		free(d->title);
		free(d->unit);
		free(d->source);
		free(d->appendix);
		list_free(d->unmapped, d->nunmapped);
	}
	free(ds->d);
	ds->d = NULL;
	ds->n = 0;
}

static char *
dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* The captions' pieces (" — " between paragraphs), last first, in *N. */
static char **
caption_pieces(const char *caption, size_t *n)
{
	char **v = NULL;
	const char *p = caption, *dash;

	*n = 0;
	while (*p) {
		dash = strstr(p, " — ");
		list_add(&v, n, dash ? xstrndup(p, (size_t)(dash - p)) : xstrdup(p));
		if (!dash)
			break;
		p = dash + strlen(" — ");
	}
	for (size_t i = 0; i < *n / 2; i++) {
		char *t = v[i];
		v[i] = v[*n - 1 - i];
		v[*n - 1 - i] = t;
	}
	return v;
}

/* The appendix a caption names (a piece "PHỤ LỤC IV", "Phụ lục 2 ..."), or
 * NULL. */
static char *
caption_appendix(const char *caption)
{
	size_t n;
	char **v = caption_pieces(caption, &n), *res = NULL;

	for (size_t i = 0; i < n && !res; i++) {
		char *f = fold(v[i]), *p = f;
		size_t k;
		if (strncmp(p, "phu luc ", 8) == 0) {
			p += 8;
			if ((k = strspn(p, "ivxl")) > 0 && k <= 6 && !is_word_char(p[k])) {
				res = xstrndup(p, k);
				for (char *c = res; *c; c++)
					*c = (char)toupper((unsigned char)*c);
			} else if ((k = strspn(p, "0123456789")) > 0 && k < 4 && !is_word_char(p[k])) {
				res = xstrndup(p, k);
			}
		}
		free(f);
	}
	list_free(v, n);
	return res;
}

/* The caption's title: its last piece that is more than "PHỤ LỤC I",
 * "Phụ lục" or "KẾ HOẠCH"; NULL when none. */
static char *
caption_title_piece(const char *caption)
{
	size_t n;
	char **v = caption_pieces(caption, &n), *res = NULL;

	for (size_t i = 0; i < n && !res; i++) {
		char *f = fold(v[i]);
		bool label_only = (strncmp(f, "phu luc", 7) == 0 && strlen(f) <= 16) ||
		    strcmp(f, "ke hoach") == 0 || strncmp(f, "tren day", 8) == 0;
		if (!label_only && *f)
			res = xstrdup(v[i]);
		free(f);
	}
	list_free(v, n);
	return res;
}

/* The unit the caption's title says leads the table ("NHIỆM VỤ CHỦ TRÌ CỦA
 * PHÒNG KINH TẾ", "NHIỆM VỤ CỦA CÁC THÔN"): its first kind, or NULL. */
static const char *
caption_lead(const char *caption)
{
	char *t = caption_title_piece(caption);
	char *f = fold(t ? t : ""), *p = strstr(f, "chu tri cua ");
	const char **kinds = NULL, *k = NULL;
	size_t nk = 0;
	bool guess = false;

	if (!p && (p = strstr(f, "nhiem vu cua ")))
		p++;	/* the same offset as "chu tri cua " */
	if (p && name_kinds(p + 12, &kinds, &nk, &guess) && nk > 0)
		k = kinds[0];
	free(kinds);
	free(f);
	free(t);
	return k;
}

/* The form's title: the caption's title, else the document and table. */
static char *
caption_title(const char *caption, const char *docname, size_t nth)
{
	char *t = caption_title_piece(caption);

	if (!t)
		t = xasprintf("%s, bảng %zu", docname, nth);
	if (strlen(t) > 200)
		text_cut(t, 120);
	return t;
}

/* The years a title names: "giai đoạn 2026 - 2030" or one "năm 2026". */
static void
title_years(const char *title, int *from, int *to)
{
	int ys[8], n = 0;

	*from = *to = 0;
	for (const char *p = title; *p && n < 8; p++)
		if (isdigit((unsigned char)*p) && (p == title || !isdigit((unsigned char)p[-1])) &&
		    strspn(p, "0123456789") == 4) {
			int y = atoi(p);
			if (y >= 2000 && y <= 2100)
				ys[n++] = y;
			p += 3;
		}
	if (n == 1)
		*from = *to = ys[0];
	else if (n == 2 && ys[1] > ys[0] && ys[1] - ys[0] <= 10) {
		*from = ys[0];
		*to = ys[1];
	}
}

/* The year a row deadline names (its last four-digit number), or 0. */
static int
deadline_year(const char *deadline)
{
	int y = 0;

	for (const char *p = deadline; *p; p++)
		if (isdigit((unsigned char)*p) && (p == deadline || !isdigit((unsigned char)p[-1])) &&
		    strspn(p, "0123456789") == 4) {
			y = atoi(p);
			p += 3;
		}
	return y;
}

/* Does F (folded) say only "thường xuyên" or "liên tục", nothing more? Then
 * `deadline: thường xuyên` is the plan's own word, not worth a note. */
static bool
just_ongoing(const char *f)
{
	char w[64];
	size_t n = 0;

	for (const char *p = f; *p && n + 1 < sizeof w; p++) {
		bool sp = *p == ' ' || *p == '.' || *p == ',' || *p == ';' || *p == '-' || *p == ':';
		if (sp && (n == 0 || w[n - 1] == ' '))
			continue;
		w[n++] = sp ? ' ' : *p;
	}
	while (n > 0 && w[n - 1] == ' ')
		n--;
	w[n] = '\0';
	return strcmp(w, "thuong xuyen") == 0 || strcmp(w, "lien tuc") == 0;
}

/* The kinds TEXT names outright, one unit each ("Phòng Văn hóa - Xã hội"),
 * leaving out those only read from a group ("Các phòng chuyên môn"). */
static void
named_kinds(const char *text, const char ***out, size_t *n)
{
	char **names = NULL;
	size_t nn = 0;

	split_names(text ? text : "", &names, &nn);
	for (size_t i = 0; i < nn; i++) {
		const char **kk = NULL;
		size_t nkk = 0;
		bool guess = false;
		if (name_kinds(names[i], &kk, &nkk, &guess) && !guess)
			for (size_t k = 0; k < nkk; k++)
				kinds_add(out, n, kk[k]);
		free(kk);
	}
	list_free(names, nn);
}

static bool
kind_in(const char *const *kinds, size_t n, const char *k)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kinds[i], k) == 0)
			return true;
	return false;
}

static void
list_drop(char **list, size_t *n, size_t i)
{
	free(list[i]);
	memmove(&list[i], &list[i + 1], (*n - i - 1) * sizeof *list);
	(*n)--;
}

/*
 * A kind both in R's lead and its helpers. The helpers column naming a unit
 * outright wins over a lead group that only took it in ("Các phòng chuyên
 * môn" read as three kinds, "Phòng Văn hóa - Xã hội" helping): it stays a
 * helper, out of the lead, and the draft says so. Named in both columns
 * (or the group would be left with no lead): it leads, and the conflict is
 * listed. A helper group that takes in the lead ("Phòng Kinh tế" leading,
 * "các phòng" helping) simply means the others. Never a silent promotion.
 */
static void
resolve_lead_helpers(struct draft *d, struct draft_row *r, const char *form_lead)
{
	const char **lead_named = NULL, **help_named = NULL;
	size_t nln = 0, nhn = 0;

	named_kinds(r->lead_text, &lead_named, &nln);
	if (!r->lead_text && form_lead)
		kinds_add(&lead_named, &nln, form_lead);
	named_kinds(r->helpers_text, &help_named, &nhn);
	for (size_t h = 0; h < r->nhelpers;) {
		size_t l;
		for (l = 0; l < r->nlead && strcmp(r->lead[l], r->helpers[h]) != 0; l++)
			;
		if (l == r->nlead) {
			h++;
			continue;
		}
		if (!kind_in(help_named, nhn, r->helpers[h])) {
			list_drop(r->helpers, &r->nhelpers, h);	/* the group's others */
			continue;
		}
		if (!kind_in(lead_named, nln, r->lead[l]) && r->nlead > 1) {
			draft_note(d, TR("dòng %s: %s ở cột phối hợp — bỏ khỏi nhóm chủ trì '%s', để phối "
			    "hợp; nếu nó cũng chủ trì, thêm lại vào 'lead:'", "row %s: %s is in the helpers "
			    "column — taken out of the lead group '%s', kept helping; if it leads too, add "
			    "it back to 'lead:'"), r->id, r->helpers[h], r->lead_text);
			list_drop(r->lead, &r->nlead, l);
			h++;
			continue;
		}
		draft_note(d, TR("dòng %s: %s vừa chủ trì vừa phối hợp ('%s' / '%s') — để chủ trì, bỏ "
		    "phối hợp; nếu nó chỉ phối hợp, chuyển nó từ 'lead:' sang 'helpers:'", "row %s: %s "
		    "both leads and helps ('%s' / '%s') — kept leading, not helping; if it only helps, "
		    "move it from 'lead:' to 'helpers:'"), r->id, r->helpers[h], r->lead_text ?
		    r->lead_text : form_lead, r->helpers_text);
		list_drop(r->helpers, &r->nhelpers, h);
	}
	free(lead_named);
	free(help_named);
}

/* The length of the superscript digit at S ("¹", "²", "⁴"...), or 0. */
static size_t
superscript_at(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (u[0] == 0xC2 && (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3))
		return 2;	/* ¹ ² ³ */
	if (u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9)))
		return 3;	/* ⁰ ⁴..⁹ */
	return 0;
}

/*
 * Take footnote marks out of row R's label, and say so: a superscript
 * number after a space ("... Chính phủ ¹ ."), or ending the text after a
 * word ("... Chính phủ¹."), is the document's footnote, not the task's
 * words. A unit's power ("m²", "km²", "m³") is kept.
 */
static void
label_unfoot(struct draft *d, struct draft_row *r)
{
	struct buf b, marks;
	const char *p = r->label;

	buf_init(&b, 0);
	buf_init(&marks, 0);
	while (*p) {
		size_t k = superscript_at(p), run = 0;
		const char *q;
		bool after_space, at_end, unit;

		if (k == 0) {
			if (buf_add(&b, p, 1) != 0)
				break;
			p++;
			continue;
		}
		for (q = p; (k = superscript_at(q)) > 0; q += k)
			run += k;
		after_space = p == r->label || p[-1] == ' ';
		at_end = q[strspn(q, " .;,")] == '\0';
		unit = p > r->label && p[-1] == 'm';	/* m², km², m³ */
		if (after_space || (at_end && !unit)) {
			if (buf_printf(&marks, "%s%.*s", marks.len ? ", " : "", (int)run, p) != 0)
				break;
			while (b.len > 0 && b.data[b.len - 1] == ' ' && (*q == ' ' || *q == '.' ||
			       *q == ',' || *q == ';' || *q == '\0'))
				b.data[--b.len] = '\0';
			while (*q == ' ' && (q[1] == '.' || q[1] == ',' || q[1] == ';' || q[1] == '\0'))
				q++;
		} else if (buf_add(&b, p, run) != 0) {
			break;
		}
		p = q;
	}
	if (marks.len > 0 && b.data != NULL) {
		while (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		draft_note(d, TR("dòng %s: bỏ dấu chú thích %s khỏi nội dung (chú thích của văn bản, "
		    "không phải chữ của việc); nếu là số liệu, ghi lại vào 'label:'", "row %s: footnote "
		    "mark %s taken out of the text (the document's footnote, not the task's words); if "
		    "it is a figure, put it back in 'label:'"), r->id, marks.data);
		free(r->label);
		r->label = xstrdup(b.data);
	}
	buf_free(&b);
	buf_free(&marks);
}

static void
finish_rows(struct draft *d, struct raw *raws, size_t n, const char *form_lead)
{
	bool restart = false;
	const char *section = NULL;
	char *last_num = NULL;
	int letter = 0;

	/* do the numbers restart under each section? */
	for (size_t i = 0; i < n && !restart; i++) {
		char *a = stt_clean(raws[i].cell[R_STT] ? raws[i].cell[R_STT] : "");
		for (size_t j = 0; j < i && is_number_id(a); j++) {
			char *b = stt_clean(raws[j].cell[R_STT] ? raws[j].cell[R_STT] : "");
			if (strcmp(a, b) == 0)
				restart = true;
			free(b);
		}
		free(a);
	}
	d->rows = xcalloc(n ? n : 1, sizeof *d->rows);
	for (size_t i = 0; i < n; i++) {
		struct raw *w = &raws[i];
		struct draft_row *r = &d->rows[d->nrows++];
		char *stt = stt_clean(w->cell[R_STT] ? w->cell[R_STT] : "");
		bool rest_empty = true, no_stt = *stt == '\0';

		for (int c = R_LEAD; c < NROLES; c++)
			if (w->cell[c] && *w->cell[c])
				rest_empty = false;
		if (is_roman(stt)) {
			free(last_num);
			last_num = NULL;
			section = d->rows[d->nrows - 1].id = xstrdup(stt);
			r->heading = true;
		} else if (is_number_id(stt)) {
			r->id = restart && section ? xasprintf("%s.%s", section, stt) : xstrdup(stt);
			free(last_num);
			last_num = xstrdup(r->id);
			letter = 0;
		} else if (*stt) {
			r->id = last_num ? xasprintf("%s.%s", last_num, stt) : xstrdup(stt);
		} else {
			const char *base = last_num ? last_num : section ? section : "0";
			r->id = letter < 26 ? xasprintf("%s.%c", base, 'a' + letter) :
			    xasprintf("%s.%d", base, letter + 1);
			letter++;
		}
		free(stt);
		r->label = xstrdup(w->cell[R_LABEL] && *w->cell[R_LABEL] ? w->cell[R_LABEL] : "(không có nội dung)");
		label_unfoot(d, r);
		if (!w->cell[R_LABEL] || !*w->cell[R_LABEL])
			draft_note(d, TR("dòng %s: không có nội dung công việc — ghi tạm \"(không có nội "
			    "dung)\"; chép nội dung từ kế hoạch vào 'label:', hoặc xóa dòng", "row %s: no task "
			    "text — \"(không có nội dung)\" written; copy the plan's text into 'label:', or "
			    "remove the row"), r->id);
		if (w->joined)
			draft_note(d, TR("dòng %s: %s", "row %s: %s"), r->id, w->joined);
		for (size_t j = 0; j + 1 < d->nrows; j++)
			if (strcmp(d->rows[j].id, r->id) == 0) {
				char *nid = xasprintf("%s-%zu", r->id, i + 1);
				draft_note(d, TR("dòng %s: STT trùng với một dòng trên, đổi thành %s — đặt "
				    "'id' khác nếu muốn (mỗi dòng một 'id')", "row %s: the STT of a row above, "
				    "made %s — set another 'id' if you like (one 'id' a row)"), r->id, nid);
				free(r->id);
				r->id = nid;
				break;
			}
		if (r->heading || rest_empty) {
			/* no STT, a sentence not shaped as a heading: it may be the
			 * row above cut by a page — a person decides */
			if (!r->heading && no_stt && w->cell[R_LABEL] && !heading_text(w->cell[R_LABEL]))
				draft_note(d, TR("dòng %s: không có STT và chỉ có nội dung — ghi là dòng tiêu đề "
				    "(heading: true); nếu đó là phần tiếp của dòng trên (trang bị cắt), chép "
				    "nội dung vào 'label:' của dòng trên và xóa dòng này", "row %s: no STT and "
				    "only task text — written as a heading row (heading: true); if it is the "
				    "rest of the row above (cut by a page), copy the text into that row's "
				    "'label:' and remove this row"), r->id);
			r->heading = true;
			continue;
		}
		if (w->merged)	/* a section row spanning the table says nothing */
			draft_note(d, TR("dòng %s: có ô gộp — giá trị lấy theo ô gộp, kiểm tra lại: mỗi "
			    "dòng dưới ô gộp nhận cùng giá trị; sửa dòng nào ô gộp không nói tới",
			    "row %s: merged cells — the merged value taken, check it: each row under the "
			    "merged cell gets the same value; fix a row it does not speak of"), r->id);
		r->lead_text = dup_or_null(w->cell[R_LEAD]);
		r->helpers_text = dup_or_null(w->cell[R_HELPERS]);
		r->basis = dup_or_null(w->cell[R_BASIS]);
		r->due = dup_or_null(w->cell[R_DUE]);
		r->product = dup_or_null(w->cell[R_PRODUCT]);
		r->note = dup_or_null(w->cell[R_NOTE]);
		for (int which = 0; which < 2; which++) {
			const char *text = which ? r->helpers_text : r->lead_text;
			const char **kinds;
			char **unknown;
			size_t nk, nu;
			if (!text)
				continue;
			form_draft_kinds(text, &kinds, &nk, &unknown, &nu);
			for (size_t k = 0; k < nk; k++) {
				if (which)
					list_add(&r->helpers, &r->nhelpers, xstrdup(kinds[k]));
				else
					list_add(&r->lead, &r->nlead, xstrdup(kinds[k]));
			}
			for (size_t u = 0; u < nu; u++)
				draft_note(d, which
				    ? TR("dòng %s: phối hợp '%s' không phải loại đơn vị nào của xã — giữ "
					 "chữ ở 'helpers_text' (cơ quan ngoài xã, như Sở Tư pháp, không cần "
					 "loại); nếu là đơn vị của xã, thêm loại của nó vào 'helpers:'",
					 "row %s: helper '%s' is no unit kind of the commune — kept in "
					 "'helpers_text' (a body outside the commune, like Sở Tư pháp, needs "
					 "no kind); if it is a commune unit, add its kind to 'helpers:'")
				    : TR("dòng %s: chủ trì '%s' không phải loại đơn vị nào của xã — giữ chữ "
					 "ở 'lead_text', không ai nhận dòng vì nó; nếu là đơn vị của xã, thêm "
					 "loại của nó vào 'lead:' (các loại: baocao units)", "row %s: lead '%s' "
					 "is no unit kind of the commune — kept in 'lead_text', no unit owes "
					 "the row for it; if it is a commune unit, add its kind to 'lead:' "
					 "(the kinds: baocao units)"), r->id, unknown[u]);
			{
				char **names = NULL;
				size_t nn = 0;
				split_names(text, &names, &nn);
				for (size_t k = 0; k < nn; k++) {
					const char **kk = NULL;
					size_t nkk = 0;
					bool guess = false;
					if (name_kinds(names[k], &kk, &nkk, &guess) && guess) {
						char *fn = fold(names[k]);
						/* is Văn phòng one of "các phòng chuyên môn"? */
						bool chuyen_mon = has_words(fn, "phong chuyen mon");
						struct buf b;
						free(fn);
						buf_init(&b, 0);
						for (size_t z = 0; z < nkk; z++)
							if (buf_printf(&b, "%s%s", z ? ", " : "", kk[z]) != 0)
								break;
						draft_note(d, TR("dòng %s: %s '%s' là tên chung, đọc là mọi loại "
						    "của nó: %s — bỏ khỏi '%s:' loại nào kế hoạch không tính%s",
						    "row %s: %s '%s' is a group, read as all its kinds: %s — "
						    "take out of '%s:' a kind the plan does not mean%s"), r->id,
						    which ? TR("phối hợp", "helper") : TR("chủ trì", "lead"), names[k],
						    b.data ? b.data : "", which ? "helpers" : "lead",
						    kind_in(kk, nkk, "van-phong") && chuyen_mon ? TR(" (Văn phòng có thuộc các phòng chuyên môn "
						    "không: tùy kế hoạch)", " (whether Văn phòng is one of the "
						    "phòng chuyên môn depends on the plan)") : "");
						buf_free(&b);
					}
					free(kk);
				}
				list_free(names, nn);
			}
			free(kinds);
			list_free(unknown, nu);
		}
		if (!r->lead_text && form_lead)
			list_add(&r->lead, &r->nlead, xstrdup(form_lead));
		resolve_lead_helpers(d, r, form_lead);
		/* an XLSX date cell arrives as its serial number (days since 1899-12-30) */
		if (r->due && strspn(r->due, "0123456789") == strlen(r->due) && strlen(r->due) == 5) {
			long serial = atol(r->due);
			if (serial >= 36526 && serial <= 73050) {	/* 2000-01-01 .. 2099-12-31 */
				long z = serial - 25569 + 719468;	/* days since 0000-03-01 (civil) */
				long era = z / 146097, doe = z - era * 146097;
				long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
				long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
				long dd = doy - (153 * mp + 2) / 5 + 1, mm = mp < 10 ? mp + 3 : mp - 9;
				long yy = yoe + era * 400 + (mm <= 2);
				char *t = xasprintf("%02ld/%02ld/%04ld", dd, mm, yy);
				draft_note(d, TR("dòng %s: thời hạn là ô ngày của Excel (%s), đọc là %s, ghi "
				    "vào 'due' và 'deadline' — nếu Excel hiện ngày khác, sửa cả hai",
				    "row %s: the deadline is a spreadsheet date (%s), read as %s, written "
				    "to 'due' and 'deadline' — if the spreadsheet shows another day, fix both"),
				    r->id, r->due, t);
				free(r->due);
				r->due = t;
			}
		}
		if (r->due) {
			int y;
			char *fd = fold(r->due);
			r->deadline = form_draft_deadline(r->due);
			if (r->deadline && strcmp(r->deadline, "thường xuyên") == 0 && !just_ongoing(fd))
				draft_note(d, TR("dòng %s: thời hạn '%s' là việc thường xuyên — `deadline: thường xuyên` "
				    "(không có hạn, không quá hạn theo ngày); nếu câu có một hạn phải giữ, ghi "
				    "hạn đó vào 'deadline:'", "row %s: deadline '%s' is an ongoing task — "
				    "`deadline: thường xuyên` (no deadline, never overdue by date); if the text "
				    "holds a date that must be kept, write it in 'deadline:'"), r->id, r->due);
			else if (!r->deadline && (has_words(fd, "hang nam") || has_words(fd, "moi nam")) &&
			    !strpbrk(fd, "0123456789"))
				draft_note(d, TR("dòng %s: thời hạn '%s' lặp lại hằng năm mà không ghi ngày — không ghi "
				    "`deadline:`; ghi ngày nếu kế hoạch có (ví dụ \"31/12 hằng năm\") hoặc "
				    "\"thường xuyên\"", "row %s: deadline '%s' recurs each year with no date — no "
				    "`deadline:` written; write the date if the plan has one (e.g. \"31/12 each "
				    "year\") or \"ongoing\""), r->id, r->due);
			else if (!r->deadline)
				draft_note(d, TR("dòng %s: không đọc được thời hạn '%s' — không ghi `deadline:`, "
				    "dòng không quá hạn theo ngày; ghi `deadline:` nếu có ngày (\"30/06/2026\", "
				    "\"thường xuyên\", \"5 ngày làm việc sau SỰ-KIỆN\")", "row %s: deadline '%s' "
				    "not read — no `deadline:` written, the row is never overdue by date; write "
				    "`deadline:` if there is a day (\"30/06/2026\", \"ongoing\", \"5 working days "
				    "after EVENT\")"), r->id, r->due);
			else if (d->valid_from && (y = deadline_year(r->deadline)) &&
				 (y < d->valid_from || y > d->valid_to)) {
				draft_note(d, TR("dòng %s: thời hạn '%s' ngoài thời gian của kế hoạch (%d–%d) — "
				    "không ghi `deadline:`; nếu kế hoạch ghi nhầm năm, ghi hạn đúng vào "
				    "'deadline:', nếu thời gian sai thì sửa 'valid:'", "row %s: deadline '%s' "
				    "outside the plan's years (%d–%d) — no `deadline:` written; if the plan has "
				    "the year wrong, write the right one in 'deadline:', else fix 'valid:'"),
				    r->id, r->due, d->valid_from, d->valid_to);
				free(r->deadline);
				r->deadline = NULL;
			}
			free(fd);
		}
		{
			char **t = NULL, **skip = NULL;
			size_t nt = 0, nskip = 0;
			struct form_target tg;
			size_t pos;
			if (w->cell[R_TARGET] && *w->cell[R_TARGET]) {
				if (form_target_parse(w->cell[R_TARGET], &tg, &pos))
					list_add(&t, &nt, xstrdup(w->cell[R_TARGET]));
				else
					targets_in_text(w->cell[R_TARGET], &t, &nt, &skip, &nskip);
				form_target_free(&tg);
				if (!nt && !nskip)
					draft_note(d, TR("dòng %s: không đọc được chỉ tiêu '%s' — không ghi "
					    "'target:'; ghi nó dạng '100%%', '>= 80%%', 'tối thiểu 90%%' nếu đo "
					    "được", "row %s: target '%s' not read — no 'target:' written; write "
					    "it as '100%%', '>= 80%%', 'at least 90%%' if it can be measured"),
					    r->id, w->cell[R_TARGET]);
			} else {
				char **pt = NULL, **pskip = NULL;
				size_t npt = 0, npskip = 0;

				targets_in_text(r->label, &t, &nt, &skip, &nskip);
				if (nt) {
					char *all = joined(t, nt);
					draft_note(d, TR("dòng %s: chỉ tiêu %s lấy từ nội dung công việc (bảng "
					    "không có cột chỉ tiêu) — nếu nội dung có nhiều con số, sửa "
					    "'target:' cho đúng chỉ tiêu, hoặc xóa nó",
					    "row %s: target %s taken from the task's text (the table has "
					    "no target column) — if the text has several figures, make "
					    "'target:' the right one, or remove it"), r->id, all);
					if (nt > 1)
						draft_note(d, TR("dòng %s: %zu chỉ tiêu đều so với cột Kết quả; chỉ tiêu nào đo "
						    "một số khác thì thêm cột số và ghi {column: TÊN-CỘT, target: ...}",
						    "row %s: the %zu targets are all compared with the Result column; for one "
						    "that measures another figure add a number column and write "
						    "{column: NAME, target: ...}"), r->id, nt);
					free(all);
				}
				if (r->product)
					targets_in_text(r->product, &pt, &npt, &pskip, &npskip);
				if (nt && npt) {
					bool same = true;	/* every product's target is one of the task's */
					for (size_t k = 0; same && k < npt; k++) {
						same = false;
						for (size_t z = 0; !same && z < nt; z++)
							same = strcmp(t[z], pt[k]) == 0;
					}
					if (!same) {
						char *a = joined(t, nt), *b = joined(pt, npt);
						draft_note(d, TR("dòng %s: nội dung ghi %s, sản phẩm ghi %s — lấy theo "
						    "nội dung; nếu sản phẩm đúng, sửa 'target:'", "row %s: the task "
						    "says %s, the product %s — the task's taken; if the product is "
						    "right, fix 'target:'"), r->id, a, b);
						free(a);
						free(b);
					}
				}
				list_free(pt, npt);
				list_free(pskip, npskip);
			}
			for (size_t k = 0; k < nskip; k++)
				draft_note(d, TR("dòng %s: '%s' là mức giảm hoặc tăng so với một mốc khác kỳ trước, không "
				    "phải mức phải đạt — chưa ghi thành chỉ tiêu (nếu so với kỳ trước thì ghi "
				    "\"giảm ít nhất N%%\" hoặc \"tăng ít nhất N%%\")", "row %s: '%s' is a decrease or rise "
				    "against a base other than the previous period, not a level to reach — not "
				    "written as a target (against the previous period write \"giảm ít nhất N%%\" or "
				    "\"tăng ít nhất N%%\")"), r->id, skip[k]);
			for (size_t k = 0; k < nt; k++)
				list_add(&r->targets, &r->ntargets, t[k]);
			free(t);
			list_free(skip, nskip);
		}
	}
	free(last_num);
}

/* Append the cells of ROW (by COL) to raw W, separated by a space. */
static void
raw_join(struct raw *w, const struct doc_row *row, const int col[NROLES])
{
	for (int c = 0; c < NROLES; c++) {
		const char *t = col[c] >= 0 ? doc_cell_text(row, (size_t)col[c]) : "";
		if (!*t || c == R_STT)
			continue;
		if (w->cell[c] && *w->cell[c]) {
			char *n = xasprintf("%s %s", w->cell[c], t);
			free(w->cell[c]);
			w->cell[c] = n;
		} else {
			free(w->cell[c]);
			w->cell[c] = xstrdup(t);
		}
	}
}

static bool
same_header(const int a[NROLES], const int b[NROLES])
{
	return memcmp(a, b, sizeof(int) * NROLES) == 0;
}

static char *
form_id_of(const char *docname, const char *appendix, size_t nth)
{
	const char *base = strrchr(docname, '/');
	char *stem = xstrdup(base ? base + 1 : docname), *dot = strrchr(stem, '.'), *slug, *id;

	if (dot)
		*dot = '\0';
	slug = text_slug(stem);
	free(stem);
	if (!slug || !isalpha((unsigned char)slug[0])) {
		char *s = xasprintf("kh-%s", slug ? slug : "");
		free(slug);
		slug = s;
	}
	if (strlen(slug) > 22)
		slug[22] = '\0';
	while (strlen(slug) > 0 && slug[strlen(slug) - 1] == '-')
		slug[strlen(slug) - 1] = '\0';
	if (appendix) {
		char *a = xstrdup(appendix);
		for (char *c = a; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		id = xasprintf("%s-pl%s", slug, a);
		free(a);
	} else
		id = xasprintf("%s-b%zu", slug, nth);
	free(slug);
	return id;
}

enum err
form_draft_make(const struct doc_tables *t, const char *docname, struct drafts *out,
		char **cause)
{
	int col[NROLES], cur_col[NROLES];
	struct raw *raws = NULL;
	size_t nraws = 0;
	struct draft *d = NULL;
	const char *lead = NULL;
	const char *base = strrchr(docname, '/');

	form_drafts_free(out);
	base = base ? base + 1 : docname;
	for (size_t ti = 0; ti <= t->n; ti++) {
		const struct doc_table *tb = ti < t->n ? &t->t[ti] : NULL;
		size_t hdr = 0;
		bool found = false;
		char *app = NULL;

		if (tb)
			for (hdr = 0; hdr < tb->nrows && hdr < 8; hdr++)
				if ((found = header_of(&tb->rows[hdr], col)))
					break;
		if (tb && !found)
			continue;
		if (tb)
			app = caption_appendix(tb->caption);
		/* a table continued on the next page: same header, no new appendix */
		if (tb && d && same_header(col, cur_col) && !app && (!tb->name || !*tb->name ||
		    strcmp(tb->name, t->t[ti - 1].name) == 0)) {
			/* fall through to row collection into the same draft */
		} else {
			if (d) {
				finish_rows(d, raws, nraws, lead);
				for (size_t i = 0; i < nraws; i++) {
					for (int c = 0; c < NROLES; c++)
						free(raws[i].cell[c]);
					free(raws[i].joined);
				}
				free(raws);
				raws = NULL;
				nraws = 0;
				/* the form's unit: the caption's lead, else the kind leading most rows */
				if (!d->unit) {
					size_t best = 0;
					for (size_t i = 0; i < d->nrows; i++)
						for (size_t k = 0; k < d->rows[i].nlead; k++) {
							size_t c = 0;
							for (size_t j = 0; j < d->nrows; j++)
								for (size_t l = 0; l < d->rows[j].nlead; l++)
									c += strcmp(d->rows[j].lead[l], d->rows[i].lead[k]) == 0;
							if (c > best) {
								best = c;
								free(d->unit);
								d->unit = xstrdup(d->rows[i].lead[k]);
							}
						}
					if (d->unit) {
						size_t tasks = 0;
						for (size_t i = 0; i < d->nrows; i++)
							tasks += !d->rows[i].heading;
						draft_note(d, TR("đơn vị điền biểu: tiêu đề bảng không nói đơn vị nào, "
						    "chọn %s vì nó chủ trì nhiều dòng nhất (%zu trên %zu dòng nhiệm "
						    "vụ); nếu đơn vị khác điền biểu, sửa `unit:` (đơn vị nhận những dòng không có 'lead:')",
						    "the unit kind that fills the form: the table's heading names none, "
						    "%s chosen as it leads the most rows (%zu of %zu task rows); if another "
						    "unit fills the form, edit `unit:` (the unit given the rows with no 'lead:')"),
						    d->unit, best, tasks);
					}
				}
				if (!d->unit) {
					d->unit = xstrdup("van-phong");
					draft_note(d, "%s", TR("đơn vị điền biểu: không đọc được từ bảng, tạm ghi van-phong — sửa `unit:`",
					    "the unit kind that fills the form: not read from the table, van-phong written — edit `unit:`"));
				}
			}
			if (!tb) {
				free(app);
				break;
			}
			out->d = xreallocarray(out->d, out->n + 1, sizeof *out->d);
			d = &out->d[out->n++];
			memset(d, 0, sizeof *d);
			memcpy(cur_col, col, sizeof col);
			d->appendix = app ? xstrdup(app) : NULL;
			d->id = form_id_of(docname, app, out->n);
			d->title = caption_title(tb->caption, base, out->n);
			title_years(d->title, &d->valid_from, &d->valid_to);
			d->source = *tb->name ? xasprintf("%s, trang tính \"%s\"", base, tb->name) :
			    xasprintf("%s, bảng %zu", base, ti + 1);
			lead = caption_lead(tb->caption);
			if (lead)
				d->unit = xstrdup(lead);
			if (col[R_LEAD] < 0 && !lead)
				draft_note(d, "%s", TR("bảng không có cột chủ trì và tiêu đề không nói đơn vị chủ trì — "
				    "sửa `unit:`", "the table has no lead column and its heading names no lead — edit `unit:`"));
			if (col[R_STT] < 0)
				draft_note(d, "%s", TR("bảng không có cột STT: các dòng được đánh số theo thứ tự",
				    "the table has no STT column: rows numbered in order"));
		}
		free(app);
		/* collect rows */
		bool after_header = ti > 0 && d->nrows == 0 && nraws > 0;
		for (size_t ri = hdr + 1; ri < tb->nrows; ri++) {
			const struct doc_row *row = &tb->rows[ri];
			int again[NROLES];
			bool empty = true;
			const char *stt, *label;

			if (header_of(row, again)) {
				after_header = true;
				continue;
			}
			for (size_t c = 0; c < row->ncells; c++)
				if (*doc_cell_text(row, c))
					empty = false;
			if (empty)
				continue;
			stt = col[R_STT] >= 0 ? doc_cell_text(row, (size_t)col[R_STT]) : "";
			label = doc_cell_text(row, (size_t)col[R_LABEL]);
			/* a row with only task text, in the middle of the table,
			 * going on with the sentence above: the page cut it (a
			 * PDF->Word conversion repeats no header) */
			bool only_label = true;
			for (int c = 0; c < NROLES; c++)
				if (c != R_STT && c != R_LABEL && col[c] >= 0 &&
				    *doc_cell_text(row, (size_t)col[c]))
					only_label = false;
			const char *above = nraws > 0 ? raws[nraws - 1].cell[R_LABEL] : NULL;
			if (!*stt && nraws > 0 && !after_header && *label && only_label && above &&
			    !heading_text(label) && (starts_lower(label) || !ends_sentence(above))) {
				char *n = xasprintf("%s %s", above, label);
				free(raws[nraws - 1].cell[R_LABEL]);
				raws[nraws - 1].cell[R_LABEL] = n;
				free(raws[nraws - 1].joined);
				raws[nraws - 1].joined = xstrdup(TR("nối với phần tiếp theo (dòng không có "
				    "STT, viết tiếp câu của dòng này); nếu phần đó là một việc riêng hoặc "
				    "một tiêu đề, tách nó thành dòng mới có 'id'", "joined with the part "
				    "that follows (a row without STT going on with this row's sentence); if "
				    "that part is a task of its own or a heading, make it a new row with an "
				    "'id'"));
				continue;
			}
			if (!*stt && nraws > 0 && (!*label || (after_header && starts_lower(label)))) {
				raw_join(&raws[nraws - 1], row, col);
				if (!raws[nraws - 1].joined)
					raws[nraws - 1].joined = xstrdup(TR("nối với phần tiếp ở trang sau "
					    "(dòng không STT, viết tiếp câu) — nếu phần đó là một việc riêng, "
					    "tách nó thành dòng mới có 'id'", "joined with its rest on the next "
					    "page (a row without STT going on with the sentence) — if that part "
					    "is a task of its own, make it a new row with an 'id'"));
				after_header = false;
				continue;
			}
			after_header = false;
			raws = xreallocarray(raws, nraws + 1, sizeof *raws);
			memset(&raws[nraws], 0, sizeof raws[nraws]);
			for (int c = 0; c < NROLES; c++) {
				const struct doc_cell *cell;
				if (col[c] < 0 || (size_t)col[c] >= row->ncells)
					continue;
				cell = &row->cells[col[c]];
				if (cell->merged) {
					/* merged from above: the value above; from the left: none */
					if (nraws > 0 && raws[nraws - 1].cell[c] && ri > hdr + 1 &&
					    (size_t)col[c] < tb->rows[ri - 1].ncells &&
					    (tb->rows[ri - 1].cells[col[c]].spans ||
					     tb->rows[ri - 1].cells[col[c]].merged) &&
					    !(col[c] > 0 && (size_t)col[c] - 1 < row->ncells &&
					      row->cells[col[c] - 1].spans && !*cell->text))
						raws[nraws].cell[c] = xstrdup(raws[nraws - 1].cell[c]);
					raws[nraws].merged = true;
					if (!raws[nraws].cell[c] && *cell->text)
						raws[nraws].cell[c] = xstrdup(cell->text);
					continue;
				}
				if (*cell->text)
					raws[nraws].cell[c] = xstrdup(cell->text);
			}
			nraws++;
		}
	}
	if (out->n == 0)
		return err_set_at(cause, ERR_INVALID, base, TR("không thấy bảng nhiệm vụ nào (cần một dòng tiêu đề "
		    "có các cột %s, %s và %s hoặc %s)", "no task table found (a header row is needed "
		    "with the columns %s, %s and %s or %s)"), role_name_vi[R_STT],
		    role_name_vi[R_LABEL], role_name_vi[R_LEAD], role_name_vi[R_DUE]);
	/* the same id twice (two tables of one appendix): number them */
	for (size_t i = 0; i < out->n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(out->d[i].id, out->d[j].id) == 0) {
				char *n = xasprintf("%s-%zu", out->d[i].id, i + 1);
				free(out->d[i].id);
				out->d[i].id = n;
				break;
			}
	return ERR_OK;
}

/* ---- YAML --------------------------------------------------------------- */

static int
q(struct buf *b, const char *s)
{
	int rc = buf_addstr(b, "\"");
	for (; *s && rc == 0; s++) {
		if (*s == '"' || *s == '\\')
			rc = buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			rc = buf_addstr(b, " ");
		else
			rc = buf_add(b, s, 1);
	}
	return rc ? rc : buf_addstr(b, "\"");
}

static int
kv(struct buf *b, const char *indent, const char *key, const char *val)
{
	if (!val)
		return 0;
	if (buf_printf(b, "%s%s: ", indent, key) != 0 || q(b, val) != 0)
		return -1;
	return buf_addstr(b, "\n");
}

static int
kinds(struct buf *b, const char *indent, const char *key, char **v, size_t n)
{
	int rc;
	if (n == 0)
		return 0;
	if (n == 1)
		return buf_printf(b, "%s%s: %s\n", indent, key, v[0]);
	rc = buf_printf(b, "%s%s: [", indent, key);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = buf_printf(b, "%s%s", i ? ", " : "", v[i]);
	return rc ? rc : buf_addstr(b, "]\n");
}

/* Comment lines: every line of TEXT after "# ". */
static int
comment(struct buf *b, const char *text)
{
	int rc = buf_addstr(b, "# ");
	for (; *text && rc == 0; text++)
		rc = *text == '\n' ? buf_addstr(b, "\n# ") : buf_add(b, text, 1);
	return rc ? rc : buf_addstr(b, "\n");
}

char *
form_draft_yaml(const struct draft *d)
{
	struct buf b;
	bool month = false, quarter = false, year = false;
	int rc = 0;

	for (size_t i = 0; i < d->nrows; i++) {
		char *f = fold(d->rows[i].due ? d->rows[i].due : "");
		if (strstr(f, "hang thang") || strstr(f, "hang thang") || strstr(f, "bao cao thang"))
			month = true;
		if (strstr(f, "quy"))
			quarter = true;
		if (strstr(f, "nam"))
			year = true;
		free(f);
	}
	if (!month && !quarter && !year)
		quarter = year = true;
	buf_init(&b, 0);
	rc |= comment(&b, "Bản nháp do `baocao forms draft` viết; hãy đọc lại trước khi cài.");
	rc |= buf_printf(&b, "# Nguồn: %s\n", d->source);
	if (d->nunmapped) {
		rc |= buf_printf(&b, "# Chưa chuyển được (%zu) — sửa tay:\n", d->nunmapped);
		for (size_t i = 0; i < d->nunmapped; i++)
			rc |= buf_printf(&b, "#   - %s\n", d->unmapped[i]);
	}
	rc |= comment(&b, "Kỳ báo cáo đoán theo cột thời hạn, hạn nộp là hết kỳ: sửa `reports` theo kế hoạch.");
	rc |= buf_printf(&b, "form: %s\nversion: 1\n", d->id);
	rc |= kv(&b, "", "title", d->title);
	rc |= buf_printf(&b, "unit: %s\n", d->unit ? d->unit : "van-phong");
	if (d->valid_from)
		rc |= buf_printf(&b, "valid: {from: %d-01-01, to: %d-12-31}\n", d->valid_from, d->valid_to);
	rc |= buf_addstr(&b, "source:\n");
	rc |= kv(&b, "  ", "plan", d->source);
	rc |= kv(&b, "  ", "appendix", d->appendix);
	rc |= buf_addstr(&b, "reports:\n");
	if (month)
		rc |= buf_addstr(&b, "  - {id: thang, title: Báo cáo tháng, period: month, deadline: end}\n");
	if (quarter)
		rc |= buf_addstr(&b, "  - {id: quy, title: Báo cáo quý, period: quarter, deadline: end}\n");
	if (year)
		rc |= buf_addstr(&b, "  - {id: nam, title: Báo cáo năm, period: year, deadline: end}\n");
	rc |= buf_addstr(&b,
	    "choices:\n"
	    "  trang-thai:\n"
	    "    - {value: chua, label: Chưa thực hiện}\n"
	    "    - {value: dang, label: Đang thực hiện, progress: started}\n"
	    "    - {value: cham, label: Chậm tiến độ, progress: late}\n"
	    "    - {value: xong, label: Đã hoàn thành, done: true}\n"
	    "fields:\n"
	    "  - name: nhiem-vu\n"
	    "    type: grid\n");
	rc |= kv(&b, "    ", "label", "Tiến độ thực hiện nhiệm vụ");
	rc |= buf_addstr(&b, "    rows:\n");
	for (size_t i = 0; i < d->nrows; i++) {
		const struct draft_row *r = &d->rows[i];
		rc |= buf_addstr(&b, "      - id: ");
		rc |= q(&b, r->id);
		rc |= buf_addstr(&b, "\n");
		rc |= kv(&b, "        ", "label", r->label);
		if (r->heading) {
			rc |= buf_addstr(&b, "        heading: true\n");
			continue;
		}
		rc |= kinds(&b, "        ", "lead", r->lead, r->nlead);
		rc |= kinds(&b, "        ", "helpers", r->helpers, r->nhelpers);
		rc |= kv(&b, "        ", "lead_text", r->lead_text);
		rc |= kv(&b, "        ", "helpers_text", r->helpers_text);
		rc |= kv(&b, "        ", "basis", r->basis);
		rc |= kv(&b, "        ", "due", r->due);
		rc |= kv(&b, "        ", "deadline", r->deadline);
		if (r->ntargets == 1) {
			rc |= kv(&b, "        ", "target", r->targets[0]);
		} else if (r->ntargets > 1) {
			rc |= buf_addstr(&b, "        target: [");
			for (size_t k = 0; k < r->ntargets; k++) {
				rc |= buf_addstr(&b, k ? ", " : "");
				rc |= q(&b, r->targets[k]);
			}
			rc |= buf_addstr(&b, "]\n");
		}
		rc |= kv(&b, "        ", "product", r->product);
		rc |= kv(&b, "        ", "note", r->note);
	}
	rc |= buf_addstr(&b,
	    "    columns:\n"
	    "      - {name: nv-trang-thai, type: select_one, label: Tình trạng, list: trang-thai}\n"
	    "      - {name: nv-ket-qua, type: decimal, label: Kết quả, unit: \"%\", min: 0, max: 100}\n"
	    "      - {name: nv-minh-chung, type: text, label: \"Văn bản, minh chứng (số, ngày)\"}\n"
	    "      - {name: nv-ghi-chu, type: text, label: Ghi chú}\n");
	if (rc != 0)
		abort();	/* an uncapped buffer only fails when memory does */
	return buf_detach(&b, NULL);
}
