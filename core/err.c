/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * err.c: error messages carried back to the caller (see err.h).
 */
#include "err.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int err_lang;

void
err_lang_init(void)
{
	const char *l = getenv("BAOCAO_LANG");

	err_lang = (l != NULL && strncmp(l, "en", 2) == 0);
}

enum err
err_vset(char **cause, enum err code, const char *fmt, va_list ap)
{
	if (cause != NULL) {
		free(*cause);
		*cause = xvasprintf(fmt, ap);
	}
	return code;
}

enum err
err_set(char **cause, enum err code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(cause, code, fmt, ap);
	va_end(ap);
	return code;
}

void
err_prefix(char **cause, const char *fmt, ...)
{
	va_list ap;
	char *p, *n;

	if (cause == NULL || *cause == NULL)
		return;
	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	n = xasprintf("%s: %s", p, *cause);
	free(p);
	free(*cause);
	*cause = n;
}

/* "<msg> — <where>", or msg alone when where is NULL or empty. Frees msg. */
static char *
with_where(char *msg, const char *where)
{
	char *n;

	if (where == NULL || *where == '\0')
		return msg;
	n = xasprintf("%s%s%s", msg, strstr(msg, ERR_WHERE_SEP) ? ", " : ERR_WHERE_SEP, where);
	free(msg);
	return n;
}

enum err
err_set_at(char **cause, enum err code, const char *where, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (cause == NULL)
		return code;
	va_start(ap, fmt);
	m = with_where(xvasprintf(fmt, ap), where);	/* an argument may be the old *cause */
	va_end(ap);
	free(*cause);
	*cause = m;
	return code;
}

void
err_where(char **cause, const char *fmt, ...)
{
	va_list ap;
	char *w;

	if (cause == NULL || *cause == NULL)
		return;
	va_start(ap, fmt);
	w = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = with_where(*cause, w);
	free(w);
}

char *
err_fmt_at(const char *where, const char *fmt, ...)
{
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	return with_where(m, where);
}

int
err_exit_status(enum err code)
{
	switch (code) {
	case ERR_OK:
		return 0;
	case ERR_INVALID:
	case ERR_EXISTS:
	case ERR_VERSION:
		return 2;
	case ERR_WRONGPASS:
		return 3;
	case ERR_CORRUPT:
		return 4;
	default:
		return 1;
	}
}

const char *
err_os(int errnum)
{
	if (err_lang)
		return strerror(errnum);
	switch (errnum) {
	case ENOENT:
		return "không có tệp hoặc thư mục này";
	case ENOSPC:
	case EDQUOT:
		return "đĩa đầy";
	case EROFS:
		return "ổ đĩa chỉ cho đọc (USB đang khóa ghi?)";
	case EACCES:
	case EPERM:
		return "không có quyền";
	case EIO:
		return "lỗi thiết bị (USB hỏng hoặc đã rút ra?)";
	case ENOTDIR:
		return "một phần của đường dẫn không phải thư mục";
	case EISDIR:
		return "đây là thư mục, không phải tệp";
	case EEXIST:
		return "đã có";
	case ENAMETOOLONG:
		return "tên quá dài";
	case EFBIG:
		return "tệp quá lớn";
	case EMFILE:
	case ENFILE:
		return "mở quá nhiều tệp";
	case ENOMEM:
		return "hết bộ nhớ";
	case ENODEV:
	case ENXIO:
		return "không thấy thiết bị (USB đã rút ra?)";
	case ELOOP:
		return "đường dẫn vòng lặp (quá nhiều liên kết)";
	case EBUSY:
	case ETXTBSY:
		return "đang bận (chương trình khác đang dùng)";
	case ENOTEMPTY:
		return "thư mục không trống";
	case EXDEV:
		return "không chuyển được sang ổ đĩa khác";
	case EINVAL:
		return "không hợp lệ";
	case EAGAIN:
	case EINTR:
		return "tạm thời không được, hãy thử lại";
	case ETIMEDOUT:
		return "quá thời gian chờ";
	default: {
		/* never an English sentence in the Vietnamese interface */
		static _Thread_local char other[64];
		snprintf(other, sizeof other, "lỗi hệ thống số %d", errnum);
		return other;
	}
	}
}

enum err
err_os_code(int errnum)
{
	return errnum == ENOSPC || errnum == EDQUOT ? ERR_FULL : ERR_IO;
}
