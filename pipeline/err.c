/* err.c — filling and formatting the error record (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void err_vfill(bx_err *err, const char *file, long line, const char *fmt, va_list ap)
{
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
}

int err_set(bx_err *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err_vfill(err, NULL, 0, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int err_at(bx_err *err, const char *file, long line, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err_vfill(err, file, line, fmt, ap);
		va_end(ap);
	}
	return -1;
}

const char *err_format(const bx_err *err, char *buf, size_t len)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, len, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, len, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, len, "%s", err->msg);
	return buf;
}
