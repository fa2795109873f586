/* csvio.c — CSV writing and reading with libcsv (see csvio.h). */
#define _GNU_SOURCE
#include "csvio.h"

#include <csv.h>
#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#define CSVIN_MAX_FIELDS 256

int csvout_open(csv_out *o, const char *path, int bom, bx_err *err)
{
	memset(o, 0, sizeof *o);
	if (atomic_open(&o->af, path, err) != 0)
		return -1;
	if (bom && fputs("\xEF\xBB\xBF", o->af.fp) == EOF)
		o->failed = 1;
	return 0;
}

static int csvout_needs_quotes(const char *s)
{
	size_t n = strlen(s);
	return strpbrk(s, ",\"\r\n") != NULL || (n && (s[0] == ' ' || s[n - 1] == ' '));
}

void csvout_field(csv_out *o, const char *s)
{
	FILE *fp = o->af.fp;
	if (!s)
		s = "";
	if (o->nfield++ && putc(',', fp) == EOF)
		o->failed = 1;
	if (csvout_needs_quotes(s)) {
		if (csv_fwrite(fp, s, strlen(s)) != 0)
			o->failed = 1;
	} else if (fputs(s, fp) == EOF && *s) {
		o->failed = 1;
	}
}

void csvout_fieldf(csv_out *o, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	csvout_field(o, s);
	g_free(s);
}

void csvout_long(csv_out *o, long v)
{
	csvout_fieldf(o, "%ld", v);
}

void csvout_end(csv_out *o)
{
	if (putc('\n', o->af.fp) == EOF)
		o->failed = 1;
	o->nfield = 0;
}

void csvout_row(csv_out *o, int n, const char *const *fields)
{
	for (int i = 0; i < n; i++)
		csvout_field(o, fields[i]);
	csvout_end(o);
}

int csvout_commit(csv_out *o, bx_err *err)
{
	if (o->failed || ferror(o->af.fp)) {
		char *path = g_strdup(o->af.path);
		atomic_abort(&o->af);
		err_set(err, "cannot write '%s'", path);
		g_free(path);
		return -1;
	}
	return atomic_commit(&o->af, err);
}

void csvout_abort(csv_out *o)
{
	atomic_abort(&o->af);
}

typedef struct {
	csvin_fn fn;
	void *ctx;
	char *field[CSVIN_MAX_FIELDS];
	int n, stop, overflow;
	long record;
} csvin_state;

static void csvin_field(void *s, size_t len, void *data)
{
	csvin_state *st = data;
	if (st->n == CSVIN_MAX_FIELDS) {
		st->overflow = 1;
		return;
	}
	st->field[st->n++] = g_strndup(s ? s : "", len);
}

static void csvin_record(int c, void *data)
{
	csvin_state *st = data;
	(void)c;
	st->record++;
	if (!st->stop && !st->overflow)
		st->stop = st->fn(st->ctx, st->field, st->n, st->record);
	for (int i = 0; i < st->n; i++)
		g_free(st->field[i]);
	st->n = 0;
}

int csvin_read(const char *path, csvin_fn fn, void *ctx, bx_err *err)
{
	gchar *data = NULL;
	gsize len = 0, off = 0;
	GError *gerr = NULL;
	struct csv_parser p;
	csvin_state st = { fn, ctx, { 0 }, 0, 0, 0, 0 };
	int rc = 0;

	if (!g_file_get_contents(path, &data, &len, &gerr)) {
		err_at(err, path, 0, "cannot read: %s", gerr->message);
		g_error_free(gerr);
		return -1;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		g_free(data);
		return err_set(err, "out of memory");
	}
	if (csv_parse(&p, data + off, len - off, csvin_field, csvin_record, &st) != len - off ||
	    csv_fini(&p, csvin_field, csvin_record, &st) != 0)
		rc = err_at(err, path, st.record + 1, "csv parse error: %s", csv_strerror(csv_error(&p)));
	else if (st.overflow)
		rc = err_at(err, path, st.record, "more than %d fields", CSVIN_MAX_FIELDS);
	else if (st.stop)
		rc = st.stop;
	for (int i = 0; i < st.n; i++)
		g_free(st.field[i]);
	csv_free(&p);
	g_free(data);
	return rc;
}
