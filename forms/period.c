/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * period: period ids, the periods around a day, and deadline rules
 * (see period.h for the vocabulary).
 *
 * School semesters follow the Vietnamese school year: semester I runs from
 * 1 September to 15 January, semester II from 16 January to 31 May. A day in
 * June to August belongs to no semester; period_containing() returns the
 * semester II that has just ended, so that the next one is the coming
 * semester I.
 */
#include "period.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/mem.h"
#include "../core/text.h"

static const struct {
	const char *name, *vi, *en;
} kinds[] = {
	[PERIOD_DAY] = { "day", "Ngày", "Day" },
	[PERIOD_WEEK] = { "week", "Tuần", "Week" },
	[PERIOD_MONTH] = { "month", "Tháng", "Month" },
	[PERIOD_QUARTER] = { "quarter", "Quý", "Quarter" },
	[PERIOD_HALF] = { "half", "6 tháng", "Half-year" },
	[PERIOD_SEMESTER] = { "semester", "Học kỳ", "Semester" },
	[PERIOD_YEAR] = { "year", "Năm", "Year" },
	[PERIOD_REQUEST] = { "request", "Theo yêu cầu", "On request" },
	[PERIOD_INCIDENT] = { "incident", "Đột xuất", "Incident" },
};

#define NKINDS (sizeof kinds / sizeof kinds[0])

bool period_kind_parse(const char *s, enum period_kind *kind)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(s, kinds[i].name) == 0) {
			*kind = (enum period_kind)i;
			return true;
		}
	return false;
}

const char *period_kind_name(enum period_kind kind)
{
	return kinds[kind].name;
}

const char *period_kind_label(enum period_kind kind)
{
	return TR(kinds[kind].vi, kinds[kind].en);
}

bool period_kind_adhoc(enum period_kind kind)
{
	return kind == PERIOD_REQUEST || kind == PERIOD_INCIDENT;
}

/* ---- building periods ---- */

/* Monday of ISO week 1 of ISO year Y. */
static long iso_week1(int y)
{
	long jan4 = date_from_ymd(y, 1, 4);
	return jan4 - (date_weekday(jan4) - 1);
}

static int iso_weeks(int y)
{
	return (int)((iso_week1(y + 1) - iso_week1(y)) / 7);
}

static struct period make(enum period_kind kind, int year, int num)
{
	struct period p = { .kind = kind, .year = year, .num = num, .seq = 1 };

	switch (kind) {
	case PERIOD_DAY:
		p.start = date_from_ymd(year, 1, 1) + num - 1;
		p.end = p.start + 1;
		break;
	case PERIOD_WEEK:
		p.start = iso_week1(year) + 7L * (num - 1);
		p.end = p.start + 7;
		break;
	case PERIOD_MONTH:
		p.start = date_from_ymd(year, num, 1);
		p.end = num == 12 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, num + 1, 1);
		break;
	case PERIOD_QUARTER:
		p.start = date_from_ymd(year, 3 * num - 2, 1);
		p.end = num == 4 ? date_from_ymd(year + 1, 1, 1) : date_from_ymd(year, 3 * num + 1, 1);
		break;
	case PERIOD_HALF:
		p.start = date_from_ymd(year, num == 1 ? 1 : 7, 1);
		p.end = num == 1 ? date_from_ymd(year, 7, 1) : date_from_ymd(year + 1, 1, 1);
		break;
	case PERIOD_SEMESTER:
		p.start = num == 1 ? date_from_ymd(year, 9, 1) : date_from_ymd(year + 1, 1, 16);
		p.end = num == 1 ? date_from_ymd(year + 1, 1, 16) : date_from_ymd(year + 1, 6, 1);
		break;
	case PERIOD_YEAR:
		p.start = date_from_ymd(year, 1, 1);
		p.end = date_from_ymd(year + 1, 1, 1);
		break;
	case PERIOD_REQUEST:
	case PERIOD_INCIDENT:
		break;
	}
	return p;
}

struct period period_containing(enum period_kind kind, long day)
{
	int y, m, d;
	long jan1;

	date_to_ymd(day, &y, &m, &d);
	switch (kind) {
	case PERIOD_DAY:
		jan1 = date_from_ymd(y, 1, 1);
		return make(kind, y, (int)(day - jan1) + 1);
	case PERIOD_WEEK: {
		int wy = y;
		if (day < iso_week1(wy))
			wy--;
		else if (day >= iso_week1(wy + 1))
			wy++;
		return make(kind, wy, (int)((day - iso_week1(wy)) / 7) + 1);
	}
	case PERIOD_MONTH:
		return make(kind, y, m);
	case PERIOD_QUARTER:
		return make(kind, y, (m - 1) / 3 + 1);
	case PERIOD_HALF:
		return make(kind, y, m <= 6 ? 1 : 2);
	case PERIOD_SEMESTER:
		if (m >= 9)
			return make(kind, y, 1);
		if (m == 1 && d <= 15)
			return make(kind, y - 1, 1);
		return make(kind, y - 1, 2);	/* 16 Jan to 31 Aug */
	case PERIOD_YEAR:
		return make(kind, y, 0);
	default: {
		struct period p = { .kind = kind, .seq = 1, .start = day, .end = day + 1,
				    .at = kind == PERIOD_INCIDENT ? day * MINUTES_PER_DAY : day };
		p.year = y;
		return p;
	}
	}
}

static int count_in_year(enum period_kind kind, int year)
{
	switch (kind) {
	case PERIOD_DAY: return (int)(date_from_ymd(year + 1, 1, 1) - date_from_ymd(year, 1, 1));
	case PERIOD_WEEK: return iso_weeks(year);
	case PERIOD_MONTH: return 12;
	case PERIOD_QUARTER: return 4;
	case PERIOD_HALF: return 2;
	case PERIOD_SEMESTER: return 2;
	default: return 0;
	}
}

struct period period_next(const struct period *p)
{
	if (period_kind_adhoc(p->kind))
		return *p;
	if (p->kind == PERIOD_YEAR)
		return make(p->kind, p->year + 1, 0);
	if (p->num >= count_in_year(p->kind, p->year))
		return make(p->kind, p->year + 1, 1);
	return make(p->kind, p->year, p->num + 1);
}

struct period period_prev(const struct period *p)
{
	if (period_kind_adhoc(p->kind))
		return *p;
	if (p->kind == PERIOD_YEAR)
		return make(p->kind, p->year - 1, 0);
	if (p->num <= 1)
		return make(p->kind, p->year - 1, count_in_year(p->kind, p->year - 1));
	return make(p->kind, p->year, p->num - 1);
}

/* ---- ids ---- */

static bool num_at(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool period_parse(enum period_kind kind, const char *id, struct period *p)
{
	size_t len = strlen(id);
	int y, n;
	long day;

	if (len < 4 || !num_at(id, 4, &y) || y < 1900 || y > 9998)
		return false;
	switch (kind) {
	case PERIOD_YEAR:
		if (len != 4)
			return false;
		*p = make(kind, y, 0);
		return true;
	case PERIOD_MONTH:
		if (len != 7 || id[4] != '-' || !num_at(id + 5, 2, &n) || n < 1 || n > 12)
			return false;
		*p = make(kind, y, n);
		return true;
	case PERIOD_WEEK:
	case PERIOD_QUARTER:
	case PERIOD_HALF:
	case PERIOD_SEMESTER: {
		char letter = kind == PERIOD_WEEK ? 'W' : kind == PERIOD_QUARTER ? 'Q'
			    : kind == PERIOD_HALF ? 'H' : 'S';
		size_t digits = kind == PERIOD_WEEK ? 2 : 1;
		if (len != 6 + digits || id[4] != '-' || id[5] != letter ||
		    !num_at(id + 6, digits, &n) || n < 1 || n > count_in_year(kind, y))
			return false;
		*p = make(kind, y, n);
		return true;
	}
	case PERIOD_DAY:
		if (!date_parse(id, &day))
			return false;
		*p = period_containing(kind, day);
		return true;
	case PERIOD_REQUEST: {
		char date[11];
		int seq = 1;
		if (len < 10)
			return false;
		memcpy(date, id, 10);
		date[10] = '\0';
		if (!date_parse(date, &day))
			return false;
		if (len > 10) {
			if (id[10] != '.' || len > 14 || len == 11 || id[11] == '0' ||
			    !num_at(id + 11, len - 11, &seq) || seq < 1)
				return false;
		}
		*p = period_containing(kind, day);
		p->seq = seq;
		return true;
	}
	case PERIOD_INCIDENT: {
		long at;
		if (len != 16 || id[10] != 'T' || !moment_parse(id, &at))
			return false;
		*p = period_containing(kind, at / MINUTES_PER_DAY);
		p->at = at;
		return true;
	}
	}
	return false;
}

const char *period_format(const struct period *p, char *buf, size_t size)
{
	char d[16];

	switch (p->kind) {
	case PERIOD_YEAR: snprintf(buf, size, "%04d", p->year); break;
	case PERIOD_MONTH: snprintf(buf, size, "%04d-%02d", p->year, p->num); break;
	case PERIOD_WEEK: snprintf(buf, size, "%04d-W%02d", p->year, p->num); break;
	case PERIOD_QUARTER: snprintf(buf, size, "%04d-Q%d", p->year, p->num); break;
	case PERIOD_HALF: snprintf(buf, size, "%04d-H%d", p->year, p->num); break;
	case PERIOD_SEMESTER: snprintf(buf, size, "%04d-S%d", p->year, p->num); break;
	case PERIOD_DAY: snprintf(buf, size, "%s", date_format(p->start, d, sizeof d)); break;
	case PERIOD_REQUEST:
		date_format(p->start, d, sizeof d);
		if (p->seq > 1)
			snprintf(buf, size, "%s.%d", d, p->seq);
		else
			snprintf(buf, size, "%s", d);
		break;
	case PERIOD_INCIDENT: moment_format(p->at, buf, size); break;
	}
	return buf;
}

/* ---- deadline rules ---- */

static const char *const weekdays[] = { "monday", "tuesday", "wednesday", "thursday",
					"friday", "saturday", "sunday" };

#define WORDS_MAX 16

struct words {
	char *w[WORDS_MAX];
	size_t pos[WORDS_MAX];	/* byte offset of the word in the text as written */
	int n;
	bool more;		/* the text had more words than WORDS_MAX */
};

static void split(const char *text, struct words *ws)
{
	size_t i = 0;
	ws->n = 0;
	ws->more = false;
	while (text[i]) {
		size_t j;
		while (text[i] == ' ')
			i++;
		if (!text[i])
			break;
		if (ws->n == WORDS_MAX) {
			ws->more = true;
			break;
		}
		j = i;
		while (text[j] && text[j] != ' ')
			j++;
		ws->pos[ws->n] = i;
		ws->w[ws->n++] = xstrndup(text + i, j - i);
		i = j;
	}
}

static void words_free(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i]);
}

/* ---- Vietnamese deadlines ----
 *
 * A report's deadline as a clerk writes it in Vietnamese ("ngày 10 tháng
 * sau", "thứ Sáu 16 giờ 30", "3 ngày làm việc", "25/5") is read into the
 * English words the rules below are written in ("day 10 of next month",
 * "friday 16:30", "3 working days", "25/05"). Words are compared folded
 * (no accents, lower case, a final ',' '.' or ';' dropped); each word keeps
 * the position of the word written, so errors point into the text. Text
 * that is not Vietnamese passes through folded, so English (any case)
 * reads as before.
 */

/* The words of IN from I, folded, into OUT. */
static void fold_words(const struct words *in, int i, struct words *out)
{
	out->n = 0;
	out->more = in->more;
	for (; i < in->n; i++) {
		char *f = text_fold(in->w[i]);
		size_t len;
		if (f == NULL)
			f = xstrdup(in->w[i]);
		len = strlen(f);
		while (len > 1 && (f[len - 1] == ',' || f[len - 1] == '.' || f[len - 1] == ';'))
			f[--len] = '\0';
		out->pos[out->n] = in->pos[i];
		out->w[out->n++] = f;
	}
}

/* How many words of PHRASE (space-separated, folded) W matches from I; 0 if not all. */
static int phrase_at(const struct words *w, int i, const char *phrase)
{
	int k = 0;

	while (*phrase) {
		size_t n = strcspn(phrase, " ");
		if (i + k >= w->n || strlen(w->w[i + k]) != n || strncmp(w->w[i + k], phrase, n) != 0)
			return 0;
		k++;
		phrase += n;
		while (*phrase == ' ')
			phrase++;
	}
	return k;
}

/* After a request's or an incident's span ("3 ngày làm việc", "2 giờ"), at
 * I: what it counts from ("kể từ khi nhận được yêu cầu", "sau khi xảy ra")
 * says nothing more; the index past the words the rules read. */
static int counted_from(const struct words *w, int i)
{
	if (phrase_at(w, i, "ke tu") || phrase_at(w, i, "tu khi") || phrase_at(w, i, "sau khi"))
		return w->n;
	return i;
}

/* The first of PHRASES (NULL-ended) W matches at I: its word count, 0 if none. */
static int any_at(const struct words *w, int i, const char *const *phrases)
{
	for (; *phrases; phrases++) {
		int k = phrase_at(w, i, *phrases);
		if (k > 0)
			return k;
	}
	return 0;
}

static void put(struct words *out, const char *word, size_t pos)
{
	if (out->n < WORDS_MAX) {
		out->pos[out->n] = pos;
		out->w[out->n++] = xstrdup(word);
	} else {
		out->more = true;
	}
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* A time in Vietnamese at W's word I ("16 giờ 30", "16 giờ", "16h30",
 * "16h", "16g30"; "16:30" as it is) as "HH:MM" into BUF; how many words, 0
 * if none. */
static int vi_time_at(const struct words *w, int i, char *buf, size_t size)
{
	const char *s;
	size_t n, h;
	int k;

	if (i >= w->n)
		return 0;
	s = w->w[i];
	n = strlen(s);
	if (strchr(s, ':') != NULL) {
		snprintf(buf, size, "%s", s);
		return 1;
	}
	h = strspn(s, "0123456789");
	if (h >= 1 && h <= 2 && h < n && (s[h] == 'h' || s[h] == 'g') &&
	    (n == h + 1 || (n - h - 1 <= 2 && all_digits(s + h + 1, n - h - 1)))) {
		int m = 0;
		if (n > h + 1)
			num_at(s + h + 1, n - h - 1, &m);
		snprintf(buf, size, "%.*s:%02d", (int)h, s, m);
		return 1;
	}
	if (h == n && n <= 2 && (k = phrase_at(w, i + 1, "gio")) > 0) {
		int m = 0;
		k = 2;
		if (i + 2 < w->n && all_digits(w->w[i + 2], strlen(w->w[i + 2])) &&
		    strlen(w->w[i + 2]) <= 2) {
			num_at(w->w[i + 2], strlen(w->w[i + 2]), &m);
			k = 3 + (phrase_at(w, i + 3, "phut") > 0);
		}
		snprintf(buf, size, "%s:%02d", s, m);
		return k;
	}
	return 0;
}

/*
 * Read the folded words IN (from the first word after "before"/"trước") as
 * a deadline for KIND, into OUT in the English words deadline_parse reads.
 * False, with *WHAT why, when the text is Vietnamese but names no one
 * deadline ("ngày 10" on a monthly report: this month or the next?). *AT
 * is then the word at fault.
 */
static bool vi_deadline(enum period_kind kind, const struct words *in, struct words *out,
			const char **what, int *at)
{
	static const char *const lead[] = { "truoc", "cham nhat la", "cham nhat", "han nop",
		"han", "nop", "gui", "trong vong", "trong", NULL };
	static const char *const end[] = { "het ky", "het ki", "cuoi ky", "cuoi ki",
		"ket thuc ky", "ket thuc ki", NULL };
	static const char *const wd[][2] = { { "thu hai", "monday" }, { "thu 2", "monday" },
		{ "thu ba", "tuesday" }, { "thu 3", "tuesday" }, { "thu tu", "wednesday" },
		{ "thu 4", "wednesday" }, { "thu nam", "thursday" }, { "thu 5", "thursday" },
		{ "thu sau", "friday" }, { "thu 6", "friday" }, { "thu bay", "saturday" },
		{ "thu 7", "saturday" }, { "chu nhat", "sunday" } };
	static const char *const same_day[] = { "trong ngay", "cung ngay", "hang ngay",
		"moi ngay", NULL };
	static const char *const same_week[] = { "hang tuan", "trong tuan", "tuan nay",
		"cung tuan", "moi tuan", NULL };
	static const char *const next_month[] = { "cua thang sau", "thang sau", "thang ke tiep",
		"thang tiep theo", "hang thang", "moi thang", NULL };
	static const char *const this_month[] = { "cua thang", "trong thang", "thang nay",
		"cung thang", NULL };
	static const char *const next_quarter[] = { "thang dau cua quy sau", "thang dau quy sau",
		"thang dau tien cua quy sau", "thang dau tien quy sau",
		"thang dau cua quy tiep theo", "thang dau quy tiep theo",
		"thang dau tien cua quy tiep theo", "thang dau tien quy tiep theo",
		"thang dau cua quy ke tiep", "thang dau quy ke tiep",
		"dau quy sau", "dau quy tiep theo", "cua quy sau", "cua quy tiep theo",
		"quy sau", "quy ke tiep", "quy tiep theo", "hang quy", "moi quy", NULL };
	static const char *const this_quarter[] = { "thang dau cua quy", "thang dau quy",
		"dau quy", "cua quy", "trong quy", "quy nay", "cung quy", NULL };
	char t[16] = "", pre[16] = "";
	int i = 0, k, n, pre_at = -1;

	out->n = 0;
	out->more = in->more;
	while ((k = any_at(in, i, lead)) > 0)
		i += k;
	/* "trước 16 giờ ngày 05/01 năm sau": the hour before the day; kept
	 * and put after the day, where the rules read it */
	if (kind != PERIOD_DAY && kind != PERIOD_WEEK && kind != PERIOD_REQUEST &&
	    kind != PERIOD_INCIDENT && (k = vi_time_at(in, i, pre, sizeof pre)) > 0 &&
	    phrase_at(in, i + k, "ngay")) {
		pre_at = i;
		i += k;
	}
	/* "ngay" = "ngày" (a day) or "ngay" (at once, an incident's) */
	if (kind == PERIOD_INCIDENT && phrase_at(in, i, "ngay") && i + 1 < in->n &&
	    !all_digits(in->w[i + 1], strlen(in->w[i + 1])))
		for (i++; (k = any_at(in, i, lead)) > 0;)
			i += k;
	if ((k = any_at(in, i, end)) > 0 && i + k == in->n) {
		put(out, "end", in->pos[i]);
		return true;
	}
	switch (kind) {
	case PERIOD_DAY:
		if ((k = vi_time_at(in, i, t, sizeof t)) == 0)
			break;
		put(out, t, in->pos[i]);
		i += k;
		i += any_at(in, i, same_day);
		break;
	case PERIOD_WEEK:
		/* "15 giờ thứ Sáu": the time may come first */
		n = vi_time_at(in, i, t, sizeof t);
		for (size_t d = 0; d < sizeof wd / sizeof wd[0]; d++)
			if (phrase_at(in, i + n, wd[d][0]) > 0) {
				k = phrase_at(in, i + n, wd[d][0]);
				put(out, wd[d][1], in->pos[i + n]);
				if (n > 0)
					put(out, t, in->pos[i]);
				i += n + k;
				break;
			}
		for (size_t d = 0; out->n == 0 && d < sizeof wd / sizeof wd[0]; d++)
			if ((k = phrase_at(in, i, wd[d][0])) > 0) {
				put(out, wd[d][1], in->pos[i]);
				i += k;
				break;
			}
		if (out->n == 0)
			break;
		i += any_at(in, i, same_week);
		if (out->n == 1 && (k = vi_time_at(in, i, t, sizeof t)) > 0) {
			put(out, t, in->pos[i]);
			i += k;
		}
		i += any_at(in, i, same_week);
		if (phrase_at(in, i, "tuan sau") || phrase_at(in, i, "tuan toi")) {
			*what = TR("kỳ tuần nộp trong chính tuần đó (\"thứ Sáu 15:00\"); hạn sang "
				   "tuần sau thì chọn kỳ khác hoặc ghi \"end\"", "a weekly report is "
				   "due within its week (\"friday 15:00\"); for a deadline in the next "
				   "week choose another period or write \"end\"");
			*at = i;
			return false;
		}
		break;
	case PERIOD_MONTH:
	case PERIOD_QUARTER: {
		bool month = kind == PERIOD_MONTH;
		if (!phrase_at(in, i, "ngay") || i + 1 >= in->n)
			break;
		n = i;
		put(out, "day", in->pos[i]);
		put(out, in->w[i + 1], in->pos[i + 1]);
		i += 2;
		if ((k = any_at(in, i, month ? next_month : next_quarter)) > 0) {
			put(out, "of", in->pos[i]);
			put(out, "next", in->pos[i]);
		} else if ((k = any_at(in, i, month ? this_month : this_quarter)) > 0) {
			put(out, "of", in->pos[i]);
			put(out, "this", in->pos[i]);
		} else {
			*what = month
			    ? TR("\"ngày N\" không nói tháng nào: ghi \"ngày N tháng sau\" (tháng "
				 "sau kỳ báo cáo) hoặc \"ngày N trong tháng\" (chính tháng đó)",
				 "\"ngày N\" names no month: write \"ngày N tháng sau\" (the month "
				 "after the one reported) or \"ngày N trong tháng\" (that month)")
			    : TR("\"ngày N\" không nói quý nào: ghi \"ngày N quý sau\" (tháng đầu "
				 "quý sau) hoặc \"ngày N trong quý\" (tháng đầu chính quý đó)",
				 "\"ngày N\" names no quarter: write \"ngày N quý sau\" (in the "
				 "next quarter's first month) or \"ngày N trong quý\"");
			*at = i < in->n ? i : n;
			return false;
		}
		put(out, month ? "month" : "quarter", in->pos[i]);
		i += k;
		if ((k = vi_time_at(in, i, t, sizeof t)) > 0) {
			put(out, t, in->pos[i]);
			i += k;
		} else if (pre_at >= 0) {
			put(out, pre, in->pos[pre_at]);
		}
		break;
	}
	case PERIOD_HALF:
	case PERIOD_SEMESTER:
	case PERIOD_YEAR: {
		int d = 0, m = 0, y = 0, used = 0;
		size_t at0;
		i += phrase_at(in, i, "ngay");
		if (i >= in->n)
			break;
		at0 = in->pos[i];
		if (sscanf(in->w[i], "%2d/%2d%n/%4d%n", &d, &m, &used, &y, &used) >= 2 &&
		    (size_t)used == strlen(in->w[i])) {
			i++;
		} else if (all_digits(in->w[i], strlen(in->w[i])) && strlen(in->w[i]) <= 2 &&
			   phrase_at(in, i + 1, "thang") && i + 2 < in->n &&
			   all_digits(in->w[i + 2], strlen(in->w[i + 2])) &&
			   strlen(in->w[i + 2]) <= 2) {
			/* "ngày 25 tháng 5" */
			num_at(in->w[i], strlen(in->w[i]), &d);
			num_at(in->w[i + 2], strlen(in->w[i + 2]), &m);
			i += 3;
		} else {
			break;
		}
		if (y != 0) {
			*what = TR("hạn của báo cáo lặp lại mỗi kỳ: ghi ngày và tháng không kèm năm "
				   "(\"25/05\", \"05/01 năm sau\")", "a report's deadline recurs "
				   "each period: write the day and month without the year (\"25/05\", "
				   "\"05/01 next year\")");
			*at = i - 1;
			return false;
		}
		snprintf(t, sizeof t, "%02d/%02d", d, m);
		put(out, t, at0);
		if ((k = phrase_at(in, i, "nam sau")) > 0 || (k = phrase_at(in, i, "next year")) > 0) {
			put(out, "next", in->pos[i]);
			put(out, "year", in->pos[i]);
			i += k;
		} else if ((k = phrase_at(in, i, "nam nay")) > 0 ||
			   (k = phrase_at(in, i, "this year")) > 0) {
			put(out, "this", in->pos[i]);
			put(out, "year", in->pos[i]);
			i += k;
		} else {
			i += phrase_at(in, i, "hang nam") + phrase_at(in, i, "moi nam");
		}
		if ((k = vi_time_at(in, i, t, sizeof t)) > 0) {
			put(out, t, in->pos[i]);
			i += k;
		} else if (pre_at >= 0) {
			put(out, pre, in->pos[pre_at]);
		}
		break;
	}
	case PERIOD_REQUEST:
		if (i >= in->n || !all_digits(in->w[i], strlen(in->w[i])))
			break;
		if ((k = phrase_at(in, i + 1, "ngay lam viec")) > 0) {
			put(out, in->w[i], in->pos[i]);
			put(out, "working", in->pos[i + 1]);
			put(out, "days", in->pos[i + 1]);
		} else if ((k = phrase_at(in, i + 1, "ngay")) > 0) {
			put(out, in->w[i], in->pos[i]);
			put(out, "days", in->pos[i + 1]);
		} else {
			break;
		}
		i += 1 + k;
		i = counted_from(in, i);
		break;
	case PERIOD_INCIDENT:
		if (i >= in->n || !all_digits(in->w[i], strlen(in->w[i])))
			break;
		if ((k = phrase_at(in, i + 1, "gio")) > 0 || (k = phrase_at(in, i + 1, "tieng")) > 0) {
			put(out, in->w[i], in->pos[i]);
			put(out, "hours", in->pos[i + 1]);
		} else if ((k = phrase_at(in, i + 1, "phut")) > 0) {
			put(out, in->w[i], in->pos[i]);
			put(out, "minutes", in->pos[i + 1]);
		} else {
			break;
		}
		i += 1 + k;
		i = counted_from(in, i);
		break;
	}
	/* the rest (all of it when not Vietnamese), for the English rules */
	for (; i < in->n; i++)
		put(out, in->w[i], in->pos[i]);
	return true;
}

static bool parse_time(const char *s, int *minute)
{
	int h, m;
	size_t len = strlen(s);
	if ((len != 5 && len != 4) || s[len - 3] != ':' || !num_at(s, len - 3, &h) ||
	    !num_at(s + len - 2, 2, &m) || h > 24 || m > 59 || (h == 24 && m != 0))
		return false;
	*minute = h * 60 + m;
	return true;
}

static bool parse_count(const char *s, int max, int *out)
{
	size_t len = strlen(s);
	return len >= 1 && len <= 4 && num_at(s, len, out) && *out >= 1 && *out <= max;
}

bool deadline_parse(enum period_kind kind, const char *text, struct deadline_rule *r,
		    size_t *errpos, char **cause)
{
	struct words ws, raw, folded;
	bool ok = false;
	int i = 0, at = -1;
	const char *what = NULL;

	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->valid_from = r->valid_to = -1;
	*errpos = 0;
	split(text, &raw);
	if (raw.n > 0 && (strcmp(raw.w[0], "before") == 0 || strcmp(raw.w[0], "trước") == 0))
		i++;	/* "before" ("trước") is optional and changes nothing */
	/* Vietnamese as a clerk writes it, read into the English words below */
	fold_words(&raw, i, &folded);
	words_free(&raw);
	if (!vi_deadline(kind, &folded, &ws, &what, &at)) {
		*errpos = at >= 0 && at < folded.n ? folded.pos[at] : strlen(text);
		words_free(&folded);
		words_free(&ws);
		err_set(cause, ERR_INVALID, TR("hạn nộp không hợp lệ \"%s\" (%s)",
			"bad deadline \"%s\" (%s)"), text, what);
		return false;
	}
	words_free(&folded);
	i = 0;
	if (ws.more) {
		what = TR("quá nhiều chữ", "too many words");
		i = ws.n;
		goto out;
	}
	if (ws.n - i == 1 && strcmp(ws.w[i], "end") == 0) {
		r->how = DL_END;
		ok = true;
		goto out;
	}
	switch (kind) {
	case PERIOD_DAY:
		what = TR("với kỳ ngày, hạn viết dạng \"16:30\" hoặc \"16 giờ 30\"",
			  "for a daily period write the deadline as \"16:30\" (or \"16 giờ 30\")");
		if (ws.n - i == 1 && parse_time(ws.w[i], &r->minute)) {
			r->how = DL_SAME_DAY;
			ok = true;
		}
		break;
	case PERIOD_WEEK:
		what = TR("với kỳ tuần, hạn viết dạng \"thứ Sáu 15 giờ\" hoặc \"friday 15:00\"",
			  "for a weekly period write the deadline as \"friday 15:00\" (or \"thứ "
			  "Sáu 15 giờ\")");
		if (ws.n - i < 1 || ws.n - i > 2)
			break;
		for (int k = 0; k < 7; k++)
			if (strcmp(ws.w[i], weekdays[k]) == 0 ||
			    (strlen(ws.w[i]) == 3 && strncmp(ws.w[i], weekdays[k], 3) == 0))
				r->n = k + 1;
		if (r->n == 0)
			break;
		r->how = DL_WEEKDAY;
		ok = ws.n - i == 1 || parse_time(ws.w[i + 1], &r->minute);
		if (!ok)
			i++;
		break;
	case PERIOD_MONTH:
	case PERIOD_QUARTER: {
		const char *unit = kind == PERIOD_MONTH ? "month" : "quarter";
		what = kind == PERIOD_MONTH
			? TR("với kỳ tháng, hạn viết dạng \"ngày 12 tháng sau\" hoặc \"day 12 of "
			     "next month\"", "for a monthly period write the deadline as \"day 12 "
			     "of next month\" (or \"ngày 12 tháng sau\")")
			: TR("với kỳ quý, hạn viết dạng \"ngày 5 quý sau\" hoặc \"day 5 of next "
			     "quarter\"", "for a quarterly period write the deadline as \"day 5 of "
			     "next quarter\" (or \"ngày 5 quý sau\")");
		/* day N of (next|this) UNIT [HH:MM] */
		if (ws.n - i < 2 || strcmp(ws.w[i], "day") != 0)
			break;
		if (!parse_count(ws.w[i + 1], 31, &r->n)) {
			i++;
			break;
		}
		r->how = DL_NEXT_DAY_N;
		if (ws.n - i >= 5 && strcmp(ws.w[i + 2], "of") == 0 &&
		    (strcmp(ws.w[i + 3], "next") == 0 || strcmp(ws.w[i + 3], "this") == 0) &&
		    strcmp(ws.w[i + 4], unit) == 0) {
			if (strcmp(ws.w[i + 3], "this") == 0)
				r->how = DL_THIS_DAY_N;
			i += 5;
		} else {
			i += 2;
		}
		if (i == ws.n)
			ok = true;
		else if (i == ws.n - 1)
			ok = parse_time(ws.w[i], &r->minute);
		break;
	}
	case PERIOD_HALF:
	case PERIOD_SEMESTER:
	case PERIOD_YEAR: {
		int d, m;
		const char *s;
		what = TR("với kỳ 6 tháng, học kỳ, năm, hạn viết dạng \"25/05\" hoặc \"ngày 25 "
			  "tháng 5\"", "for a half-year, semester or year write the deadline as "
			  "\"25/05\" (or \"ngày 25 tháng 5\")");
		if (ws.n - i < 1)
			break;
		s = ws.w[i];
		if (strlen(s) != 5 || s[2] != '/' || !num_at(s, 2, &d) || !num_at(s + 3, 2, &m) ||
		    m < 1 || m > 12 || d < 1 || d > date_days_in_month(2024, m))
			break;
		r->how = DL_DATE;
		r->n = d;
		r->month = m;
		/* "05/01 next year" / "05/01 năm sau", "10/12 this year" / "năm nay" */
		if (ws.n - i >= 3 && (strcmp(ws.w[i + 2], "year") == 0 ||
		    strcmp(ws.w[i + 2], "sau") == 0 || strcmp(ws.w[i + 2], "nay") == 0) &&
		    (strcmp(ws.w[i + 1], "next") == 0 || strcmp(ws.w[i + 1], "this") == 0 ||
		     strcmp(ws.w[i + 1], "năm") == 0 || strcmp(ws.w[i + 1], "Năm") == 0)) {
			bool next = strcmp(ws.w[i + 1], "next") == 0 || strcmp(ws.w[i + 2], "sau") == 0;
			if ((strcmp(ws.w[i + 1], "next") == 0 || strcmp(ws.w[i + 1], "this") == 0) !=
			    (strcmp(ws.w[i + 2], "year") == 0))
				break;
			r->year = next ? 2 : 1;
			free(ws.w[i + 1]);
			free(ws.w[i + 2]);
			memmove(&ws.w[i + 1], &ws.w[i + 3], (size_t)(ws.n - i - 3) * sizeof ws.w[0]);
			memmove(&ws.pos[i + 1], &ws.pos[i + 3], (size_t)(ws.n - i - 3) * sizeof ws.pos[0]);
			ws.n -= 2;
		}
		if (ws.n - i > 2)
			break;
		/* a year's report due in its first half: the plan means next year,
		 * or a slip; never guess (FORMAT.md) */
		if (kind == PERIOD_YEAR && r->year == 0 && m < 7) {
			what = TR("hạn trong nửa đầu năm của chính kỳ năm: ghi rõ \"DD/MM năm sau\" "
				  "hoặc \"DD/MM năm nay\"",
				  "a due date in the first half of the very year reported: write "
				  "\"DD/MM next year\" or \"DD/MM this year\"");
			break;
		}
		ok = ws.n - i == 1 || parse_time(ws.w[i + 1], &r->minute);
		if (!ok)
			i++;
		break;
	}
	case PERIOD_REQUEST:
		what = TR("với kỳ theo yêu cầu, hạn viết dạng \"3 ngày làm việc\" hoặc \"1 ngày\"",
			  "for a request write the deadline as \"3 working days\" or \"1 days\" "
			  "(or \"3 ngày làm việc\")");
		if (ws.n - i == 3 && parse_count(ws.w[i], 366, &r->n) &&
		    strcmp(ws.w[i + 1], "working") == 0 &&
		    (strcmp(ws.w[i + 2], "days") == 0 || strcmp(ws.w[i + 2], "day") == 0)) {
			r->how = DL_WORKDAYS;
			ok = true;
		} else if (ws.n - i == 2 && parse_count(ws.w[i], 366, &r->n) &&
			   (strcmp(ws.w[i + 1], "days") == 0 || strcmp(ws.w[i + 1], "day") == 0)) {
			r->how = DL_DAYS;
			ok = true;
		}
		break;
	case PERIOD_INCIDENT:
		what = TR("với sự việc đột xuất, hạn viết dạng \"2 giờ\" hoặc \"30 phút\"",
			  "for an incident write the deadline as \"2 hours\" (or \"2 giờ\")");
		if (ws.n - i == 2 && parse_count(ws.w[i], 9999, &r->n)) {
			if (strcmp(ws.w[i + 1], "hours") == 0 || strcmp(ws.w[i + 1], "hour") == 0) {
				r->how = DL_HOURS;
				ok = true;
			} else if (strcmp(ws.w[i + 1], "minutes") == 0) {
				r->how = DL_MINUTES;
				ok = true;
			}
		}
		break;
	}
out:
	if (!ok) {
		*errpos = i < ws.n ? ws.pos[i] : strlen(text);
		err_set(cause, ERR_INVALID, TR("hạn nộp không hợp lệ \"%s\" (%s)",
					       "bad deadline \"%s\" (%s)"), text,
			what ? what : "");
	}
	words_free(&ws);
	return ok;
}

bool deadline_in_window(const struct deadline_rule *r, const struct period *p)
{
	/* an ad hoc period is the day it came; a calendar one overlaps the
	 * window (p->end is the first day after it) */
	if (period_kind_adhoc(p->kind))
		return (r->valid_from < 0 || p->start >= r->valid_from) &&
		       (r->valid_to < 0 || p->start <= r->valid_to);
	return (r->valid_from < 0 || p->end > r->valid_from) &&
	       (r->valid_to < 0 || p->start <= r->valid_to);
}

bool deadline_applies(const struct deadline_rule *r, const struct period *p)
{
	return (r->only == 0 || (p->num < 32 && (r->only & (1u << p->num)))) &&
	       deadline_in_window(r, p);
}

long deadline_of(const struct deadline_rule *r, const struct period *p, const struct cal *c)
{
	long day = p->end;
	int y, m, d;

	switch (r->how) {
	case DL_END:
		if (p->kind == PERIOD_INCIDENT)
			return p->at;
		break;
	case DL_SAME_DAY:
		day = p->start;
		break;
	case DL_WEEKDAY:
		day = p->start + r->n - 1;
		break;
	case DL_NEXT_DAY_N:
	case DL_THIS_DAY_N: {
		long first = r->how == DL_NEXT_DAY_N ? p->end : p->start;
		date_to_ymd(first, &y, &m, &d);
		d = r->n > date_days_in_month(y, m) ? date_days_in_month(y, m) : r->n;
		day = date_from_ymd(y, m, d);
		break;
	}
	case DL_DATE:
		date_to_ymd(p->start, &y, &m, &d);
		if (r->year) {
			/* said outright: the calendar year of the period's start, or the next */
			y += r->year - 1;
			d = r->n > date_days_in_month(y, r->month) ? date_days_in_month(y, r->month) : r->n;
			day = date_from_ymd(y, r->month, d);
			break;
		}
		for (;;) {
			int dd = r->n > date_days_in_month(y, r->month)
				 ? date_days_in_month(y, r->month) : r->n;
			day = date_from_ymd(y, r->month, dd);
			if (day >= p->start)
				break;
			y++;
		}
		break;
	case DL_WORKDAYS:
		day = cal_add_workdays(c, p->start, r->n) + 1;
		break;
	case DL_DAYS:
		day = p->start + r->n + 1;
		break;
	case DL_HOURS:
		return p->at + 60L * r->n;
	case DL_MINUTES:
		return p->at + r->n;
	}
	return day * MINUTES_PER_DAY + r->minute;
}

bool deadline_current(const struct deadline_rule *r, long now, const struct cal *c,
		      struct period *out)
{
	struct period p;
	long today;

	if (period_kind_adhoc(r->kind))
		return false;
	today = now >= 0 ? now / MINUTES_PER_DAY : -((-now + MINUTES_PER_DAY - 1) / MINUTES_PER_DAY);
	p = period_containing(r->kind, today);
	/* Deadlines may fall after the period (monthly: the next month), so
	 * start a few periods back, then walk forward. */
	for (int k = 0; k < 3; k++)
		p = period_prev(&p);
	for (int k = 0; !(deadline_applies(r, &p) && deadline_of(r, &p, c) > now); k++) {
		if (k == 2000)
			return false;	/* past the plan's validity */
		p = period_next(&p);
	}
	/* A period that has not begun is never offered: when the next deadline
	 * belongs to one (a deadline inside or at the end of its period has
	 * passed: "05/12" for a year, on 7 December), the one to report is the
	 * latest reported period that has begun, overdue. Only when none has
	 * (a plan whose `valid` starts later) is the coming one given. */
	if (p.start > today) {
		struct period q = period_containing(r->kind, today);
		for (int k = 0; k < 400; k++, q = period_prev(&q))
			if (deadline_applies(r, &q)) {
				p = q;
				break;
			}
	}
	*out = p;
	return true;
}

bool deadline_last_due(const struct deadline_rule *r, long now, const struct cal *c,
		       struct period *out)
{
	struct period p;
	long today;

	if (period_kind_adhoc(r->kind))
		return false;
	today = now >= 0 ? now / MINUTES_PER_DAY : -((-now + MINUTES_PER_DAY - 1) / MINUTES_PER_DAY);
	/* a plan that ended long ago: start from its last day, not today */
	if (r->valid_to >= 0 && r->valid_to < today)
		today = r->valid_to;
	p = period_containing(r->kind, today);
	/* a deadline may fall a period or two after its period ends */
	for (int k = 0; k < 2; k++)
		p = period_next(&p);
	for (int k = 0; k < 400; k++) {
		if (deadline_applies(r, &p) && deadline_of(r, &p, c) <= now) {
			*out = p;
			return true;
		}
		p = period_prev(&p);
	}
	return false;
}

bool deadline_previous(const struct deadline_rule *r, const struct period *p,
		       struct period *out)
{
	struct period q = *p;

	if (period_kind_adhoc(r->kind))
		return false;
	for (int k = 0; k < 400; k++) {
		q = period_prev(&q);
		if (deadline_applies(r, &q)) {
			*out = q;
			return true;
		}
	}
	return false;
}

bool deadline_next(const struct deadline_rule *r, const struct period *p, struct period *out)
{
	struct period q = *p;

	if (period_kind_adhoc(r->kind))
		return false;
	for (int k = 0; k < 400; k++) {
		q = period_next(&q);
		if (deadline_applies(r, &q)) {
			*out = q;
			return true;
		}
	}
	return false;
}

const char *deadline_describe(const struct deadline_rule *r, char *buf, size_t size)
{
	static const char *const wd_vi[] = { "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm",
					     "thứ Sáu", "thứ Bảy", "Chủ nhật" };
	static const char *const wd_en[] = { "Monday", "Tuesday", "Wednesday", "Thursday",
					     "Friday", "Saturday", "Sunday" };
	char t[16] = "";

	if (r->minute)
		snprintf(t, sizeof t, "%02d:%02d ", r->minute / 60, r->minute % 60);
	switch (r->how) {
	case DL_END:
		snprintf(buf, size, "%s", TR("hết kỳ", "end of the period"));
		break;
	case DL_SAME_DAY:
		snprintf(buf, size, TR("trước %strong ngày", "before %sthe same day"), t);
		break;
	case DL_WEEKDAY:
		snprintf(buf, size, TR("trước %s%s", "before %s%s"), t,
			 TR(wd_vi[r->n - 1], wd_en[r->n - 1]));
		break;
	case DL_NEXT_DAY_N:
	case DL_THIS_DAY_N:
		snprintf(buf, size, TR("trước %sngày %02d %s", "before %sday %d of %s"), t, r->n,
			 r->kind == PERIOD_MONTH
			 ? (r->how == DL_NEXT_DAY_N ? TR("tháng sau", "the next month")
						   : TR("trong tháng", "the month"))
			 : (r->how == DL_NEXT_DAY_N ? TR("tháng đầu quý sau", "the next quarter")
						   : TR("tháng đầu quý", "the quarter")));
		break;
	case DL_DATE:
		snprintf(buf, size, TR("trước %sngày %02d/%02d%s", "before %s%02d/%02d%s"), t, r->n,
			 r->month, r->year == 2 ? TR(" năm sau", " next year") : "");
		break;
	case DL_WORKDAYS:
		snprintf(buf, size, TR("trong %d ngày làm việc", "within %d working days"), r->n);
		break;
	case DL_DAYS:
		snprintf(buf, size, TR("trong %d ngày", "within %d days"), r->n);
		break;
	case DL_HOURS:
		snprintf(buf, size, TR("ngay, chậm nhất trong %d giờ", "at once, within %d hours"),
			 r->n);
		break;
	case DL_MINUTES:
		snprintf(buf, size, TR("ngay, chậm nhất trong %d phút",
				       "at once, within %d minutes"), r->n);
		break;
	}
	return buf;
}
