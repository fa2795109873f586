/* tsv.c — escaped tab-separated records (see tsv.h for the grammar). */
#define _GNU_SOURCE
#include "tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tsv_put(FILE *fp, const char *s)
{
	for (; *s; s++) {
		int rc;
		switch (*s) {
		case '\\': rc = fputs("\\\\", fp); break;
		case '\t': rc = fputs("\\t", fp); break;
		case '\n': rc = fputs("\\n", fp); break;
		case '\r': rc = fputs("\\r", fp); break;
		default: rc = putc(*s, fp); break;
		}
		if (rc == EOF)
			return EOF;
	}
	return 0;
}

void tsv_reader_init(tsv_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->name = name;
}

void tsv_reader_release(tsv_reader *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = 0;
}

static int tsv_unescape(char *s)
{
	char *w = s;
	for (char *p = s; *p; p++) {
		if (*p != '\\') {
			*w++ = *p;
			continue;
		}
		switch (*++p) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

int tsv_next(tsv_reader *r, bx_err *err)
{
	ssize_t n;
	char *p;

	errno = 0;
	n = getline(&r->buf, &r->cap, r->fp);
	if (n < 0) {
		if (ferror(r->fp))
			return err_at(err, r->name, r->lineno + 1, "read error: %s", strerror(errno));
		return 0;
	}
	r->lineno++;
	if (n > TSV_MAX_LINE)
		return err_at(err, r->name, r->lineno, "line longer than %ld bytes", TSV_MAX_LINE);
	if (n > 0 && r->buf[n - 1] == '\n')
		r->buf[--n] = '\0';
	else
		return err_at(err, r->name, r->lineno, "last line has no newline (truncated file?)");
	if (memchr(r->buf, '\0', (size_t)n))
		return err_at(err, r->name, r->lineno, "nul byte in line");
	r->nfield = 0;
	p = r->buf;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (r->nfield == TSV_MAX_FIELDS)
			return err_at(err, r->name, r->lineno, "more than %d fields", TSV_MAX_FIELDS);
		r->field[r->nfield++] = p;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (int i = 0; i < r->nfield; i++)
		if (tsv_unescape(r->field[i]) != 0)
			return err_at(err, r->name, r->lineno, "bad escape in field %d", i + 1);
	return 1;
}

int tsv_double(tsv_reader *r, int i, double *out, bx_err *err)
{
	char *end;
	if (i >= r->nfield)
		return err_at(err, r->name, r->lineno, "'%s' record lacks field %d", r->field[0], i + 1);
	errno = 0;
	*out = strtod(r->field[i], &end);
	if (end == r->field[i] || *end || errno)
		return err_at(err, r->name, r->lineno, "field %d is not a number: '%s'", i + 1, r->field[i]);
	return 0;
}

int tsv_long(tsv_reader *r, int i, long *out, bx_err *err)
{
	char *end;
	if (i >= r->nfield)
		return err_at(err, r->name, r->lineno, "'%s' record lacks field %d", r->field[0], i + 1);
	errno = 0;
	*out = strtol(r->field[i], &end, 10);
	if (end == r->field[i] || *end || errno)
		return err_at(err, r->name, r->lineno, "field %d is not an integer: '%s'", i + 1, r->field[i]);
	return 0;
}

int tsv_expect_header(tsv_reader *r, const char *magic, long version, bx_err *err)
{
	long v;
	int rc = tsv_next(r, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return err_at(err, r->name, 1, "empty file, expected '%s' header", magic);
	if (strcmp(r->field[0], magic) != 0)
		return err_at(err, r->name, 1, "not a %s file (first field '%.40s')", magic, r->field[0]);
	if (tsv_long(r, 1, &v, err) != 0)
		return -1;
	if (v != version)
		return err_at(err, r->name, 1, "%s version %ld, this program reads version %ld", magic, v, version);
	return 0;
}
