/* collect.c — concatenated CSVs, the HTML report, the progress line (see collect.h). */
#define _GNU_SOURCE
#include "collect.h"
#include "crossdoc.h"
#include "csvio.h"
#include "rules.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	csv_out *out;
	int header_done;  /* the run file's header was written */
	GPtrArray *rows;  /* when not NULL, records are also kept (char ** of n+1, NULL-ended) */
} cat_ctx;

static int collect_row(void *ctx, char **f, int n, long record)
{
	cat_ctx *c = ctx;
	if (record == 1) {
		if (c->header_done)
			return 0;
		c->header_done = 1;
	} else if (c->rows) {
		char **copy = g_new0(char *, n + 1);
		for (int i = 0; i < n; i++)
			copy[i] = g_strdup(f[i]);
		g_ptr_array_add(c->rows, copy);
	}
	csvout_row(c->out, n, (const char *const *)f);
	return 0;
}

static GPtrArray *collect_docs(const char *out, bx_err *err)
{
	char *path = g_build_filename(out, ".bx", "docs.list", NULL);
	gchar *data = NULL;
	GError *gerr = NULL;
	GPtrArray *docs;
	gchar **lines;

	if (!g_file_get_contents(path, &data, NULL, &gerr)) {
		err_at(err, path, 0, "cannot read the run's document list: %s", gerr->message);
		g_error_free(gerr);
		g_free(path);
		return NULL;
	}
	g_free(path);
	docs = g_ptr_array_new_with_free_func(g_free);
	lines = g_strsplit(data, "\n", -1);
	for (int i = 0; lines[i]; i++)
		if (*lines[i])
			g_ptr_array_add(docs, g_strdup(lines[i]));
	g_strfreev(lines);
	g_free(data);
	return docs;
}

static void rows_free(gpointer p)
{
	g_strfreev(p);
}

/* Concatenates OUT/<doc>/NAME for every doc into OUT/RUN_NAME, then the records
 * of EXTRA (NULL: none; records of NHEAD fields); keeps rows if ROWS. */
static int collect_cat(const char *out, GPtrArray *docs, const char *name, const char *run_name,
                       const char *const *head, int nhead, int bom, GPtrArray *extra, GPtrArray *rows, bx_err *err)
{
	char *path = g_build_filename(out, run_name, NULL);
	csv_out o;
	cat_ctx c = { &o, 0, rows };
	int rc = csvout_open(&o, path, bom, err);

	g_free(path);
	if (rc)
		return -1;
	for (guint i = 0; i < docs->len && rc == 0; i++) {
		char *part = g_build_filename(out, (char *)g_ptr_array_index(docs, i), name, NULL);
		if (g_file_test(part, G_FILE_TEST_EXISTS)) {
			rc = csvin_read(part, collect_row, &c, err);
		} else if (!strcmp(name, "document.csv")) {
			/* a document whose stages did not finish: say so, do not drop it */
			const char *f[10] = { g_ptr_array_index(docs, i), "", "", "", "", "", "", "", "failed",
			                      "no output: a stage did not finish (see the run's messages)" };
			if (!c.header_done) {
				csvout_row(&o, nhead, head);
				c.header_done = 1;
			}
			csvout_row(&o, 10, f);
			if (rows) {
				char **copy = g_new0(char *, 11);
				for (int k = 0; k < 10; k++)
					copy[k] = g_strdup(f[k]);
				g_ptr_array_add(rows, copy);
			}
		}
		g_free(part);
	}
	if (rc == 0 && !c.header_done)
		csvout_row(&o, nhead, head);
	for (guint i = 0; rc == 0 && extra && i < extra->len; i++) {
		char **f = g_ptr_array_index(extra, i);
		csvout_row(&o, nhead, (const char *const *)f);
		if (rows)
			g_ptr_array_add(rows, g_strdupv(f));
	}
	if (rc) {
		csvout_abort(&o);
		return -1;
	}
	return csvout_commit(&o, err);
}

static void html_text(GString *h, const char *s)
{
	char *e = g_markup_escape_text(s ? s : "", -1);
	g_string_append(h, e);
	g_free(e);
}

static const char collect_css[] =
	"body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em;color:#222}"
	"table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.25em .5em;"
	"text-align:left;vertical-align:top}th{background:#eee}.failed{color:#b00}.partial{color:#a60}"
	".num{text-align:right}.fail{background:#fee}h2{margin-top:2em}";

/* The table of check instances by check and status, so that no check is
 * silently absent from a run. */
/* What check ID checks, from its rule's comment in RS without its "(VALUE …)"
 * syntax note, or "" (g_free). */
static char *collect_check_text(const rules_set *rs, const char *id)
{
	for (size_t i = 0; rs && i < rs->n; i++)
		if (!strcmp(rs->v[i].id, id)) {
			GString *t = g_string_new(rs->v[i].comment);
			const char *cut = strstr(t->str, "(VALUE");
			if (cut) {
				gsize from = (gsize)(cut - t->str), to = from;
				int depth = 0;
				do {
					depth += t->str[to] == '(' ? 1 : t->str[to] == ')' ? -1 : 0;
					to++;
				} while (to < t->len && depth > 0);
				g_string_erase(t, (gssize)from, (gssize)(to - from));
				if (from > 0 && t->str[from - 1] == ' ' && (t->str[from] == ':' || t->str[from] == '\0'))
					g_string_erase(t, (gssize)from - 1, 1);
			}
			return g_strstrip(g_string_free(t, FALSE));
		}
	return g_strdup("");
}

/* The severity of check ID (error, warning) from its rule's VALUE, or "". */
static char *collect_check_severity(const rules_set *rs, const char *id)
{
	for (size_t i = 0; rs && i < rs->n; i++)
		if (!strcmp(rs->v[i].id, id)) {
			const char *v = rs->v[i].value, *at = strchr(v, '@');
			return at ? g_strndup(v, (gsize)(at - v)) : g_strdup(v);
		}
	return g_strdup("");
}

static void collect_families(GString *h, GPtrArray *rec, const rules_set *rs)
{
	static const char *const st[] = { "pass", "rounding", "fail", "not_applicable", "insufficient_data" };
	GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GPtrArray *checks = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < rec->len; i++) {
		char **r = g_ptr_array_index(rec, i);
		char *key;
		long *v;
		if (g_strv_length(r) < 3)
			continue;
		key = g_strdup_printf("%s\x1f%s", r[1], r[2]);
		v = g_hash_table_lookup(counts, key);
		if (!v) {
			char *any = g_strdup_printf("%s\x1f*", r[1]);
			if (!g_hash_table_contains(counts, any)) {
				g_hash_table_insert(counts, g_strdup(any), g_new0(long, 1));
				g_ptr_array_add(checks, g_strdup(r[1]));
			}
			g_free(any);
			v = g_new0(long, 1);
			g_hash_table_insert(counts, key, v);
		} else {
			g_free(key);
		}
		(*v)++;
	}
	g_string_append(h, "</table>\n<h2>Checks by status</h2>\n<table><tr><th>check</th><th>what it checks</th>"
	                   "<th>severity</th>");
	for (int k = 0; k < 5; k++)
		g_string_append_printf(h, "<th>%s</th>", st[k]);
	g_string_append(h, "</tr>\n");
	for (guint i = 0; i < checks->len; i++) {
		const char *c = g_ptr_array_index(checks, i);
		char *what = collect_check_text(rs, c), *sev = collect_check_severity(rs, c);
		g_string_append(h, "<tr><td>");
		html_text(h, c);
		g_string_append(h, "</td><td>");
		html_text(h, what);
		g_string_append(h, "</td><td>");
		html_text(h, sev);
		g_string_append(h, "</td>");
		g_free(what);
		g_free(sev);
		for (int k = 0; k < 5; k++) {
			char *key = g_strdup_printf("%s\x1f%s", c, st[k]);
			long *v = g_hash_table_lookup(counts, key);
			g_string_append_printf(h, "<td class=\"num\">%ld</td>", v ? *v : 0);
			g_free(key);
		}
		g_string_append(h, "</tr>\n");
	}
	g_string_append(h, "</table>\n");
	g_ptr_array_unref(checks);
	g_hash_table_unref(counts);
}

static int collect_report(const char *out, GPtrArray *docs, GPtrArray *rec, const rules_set *rs, collect_summary *sum,
                          bx_err *err)
{
	char *path = g_build_filename(out, "report.html", NULL);
	GString *h = g_string_new(NULL);
	GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	atomic_file af;
	int rc;

	for (guint i = 0; i < rec->len; i++) {
		char **r = g_ptr_array_index(rec, i);
		char *key = g_strdup_printf("%s\x1f%s", r[0], r[2] ? r[2] : "");
		long *v = g_hash_table_lookup(counts, key);
		if (!v) {
			v = g_new0(long, 1);
			g_hash_table_insert(counts, key, v);
		} else {
			g_free(key);
		}
		(*v)++;
		sum->checks_total++;
		sum->checks_fail += r[2] && !strcmp(r[2], "fail");
	}
	g_string_append(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	                   "<title>Reconciliation report</title><style>");
	g_string_append(h, collect_css);
	g_string_append_printf(h, "</style></head><body>\n<h1>Reconciliation report</h1>\n"
	                          "<p>%u documents; %ld check instances, %ld failed.</p>\n",
	                       docs->len, sum->checks_total, sum->checks_fail);
	g_string_append(h, "<table><tr><th>document</th><th>source</th><th>status</th><th>pages</th>"
	                   "<th>year</th><th>issuer</th><th>pass</th><th>rounding</th><th>fail</th>"
	                   "<th>not applicable</th><th>insufficient data</th><th>error</th></tr>\n");
	for (guint i = 0; i < docs->len; i++) {
		char **d = g_ptr_array_index(docs, i);
		static const char *const st[] = { "pass", "rounding", "fail", "not_applicable", "insufficient_data" };
		g_string_append_printf(h, "<tr class=\"%s\"><td><a href=\"", d[8]);
		html_text(h, d[0]);
		g_string_append(h, "/tables.csv\">");
		html_text(h, d[0]);
		g_string_append(h, "</a></td><td>");
		html_text(h, d[1]);
		g_string_append(h, "</td><td>");
		html_text(h, d[8]);
		g_string_append_printf(h, "</td><td class=\"num\">%s</td><td>", d[3]);
		html_text(h, d[6]);
		g_string_append(h, "</td><td>");
		html_text(h, d[5]);
		g_string_append(h, "</td>");
		for (int k = 0; k < 5; k++) {
			char *key = g_strdup_printf("%s\x1f%s", d[0], st[k]);
			long *v = g_hash_table_lookup(counts, key);
			g_string_append_printf(h, "<td class=\"num\">%ld</td>", v ? *v : 0);
			g_free(key);
		}
		g_string_append(h, "<td>");
		html_text(h, d[9]);
		g_string_append(h, "</td></tr>\n");
		sum->failed += !strcmp(d[8], "failed");
		sum->partial += !strcmp(d[8], "partial");
	}
	collect_families(h, rec, rs);
	g_string_append(h, "<h2>Failed checks</h2>\n<table><tr><th>document</th><th>check</th><th>severity</th>"
	                   "<th>expected</th><th>actual</th><th>difference</th><th>tolerance</th>"
	                   "<th>where</th><th>message</th></tr>\n");
	for (guint i = 0; i < rec->len; i++) {
		char **r = g_ptr_array_index(rec, i), *sev;
		if (!r[2] || strcmp(r[2], "fail") != 0 || g_strv_length(r) < 10)
			continue;
		sev = collect_check_severity(rs, r[1]);
		g_string_append(h, "<tr class=\"fail\"><td>");
		html_text(h, r[0]);
		for (int k = 1; k < 10; k++) {
			if (k == 2 || k == 3)
				continue;
			g_string_append(h, k >= 4 && k <= 7 ? "</td><td class=\"num\">" : "</td><td>");
			html_text(h, r[k]);
			if (k == 1) {
				g_string_append(h, "</td><td>");
				html_text(h, sev);
			}
		}
		g_string_append(h, "</td></tr>\n");
		g_free(sev);
	}
	g_string_append(h, "</table>\n</body></html>\n");
	sum->docs = docs->len;
	rc = atomic_open(&af, path, err);
	if (rc == 0) {
		if (fwrite(h->str, 1, h->len, af.fp) != h->len) {
			atomic_abort(&af);
			rc = err_set(err, "cannot write '%s'", path);
		} else {
			rc = atomic_commit(&af, err);
		}
	}
	g_free(path);
	g_string_free(h, TRUE);
	g_hash_table_unref(counts);
	return rc;
}

int collect_run(const char *out, int bom, const char *rules, collect_summary *sum, bx_err *err)
{
	static const char *const doc_head[] = { "doc", "source", "sha256", "pages", "kind", "issuer", "year",
		"amount_unit", "status", "error" };
	static const char *const facts_head[] = { "doc", "table", "kind", "page", "row", "code", "label",
		"column", "value", "unit" };
	static const char *const rec_head[] = { "doc", "check", "status", "scope", "expected", "actual",
		"difference", "tolerance", "where", "message" };
	GPtrArray *docs = collect_docs(out, err);
	GPtrArray *docrows = g_ptr_array_new_with_free_func(rows_free);
	GPtrArray *recrows = g_ptr_array_new_with_free_func(rows_free);
	int rc = -1;

	GPtrArray *cross = NULL;
	rules_set *rs = NULL;

	memset(sum, 0, sizeof *sum);
	/* documents.csv gathers the per-document document.csv files; the checks
	 * across documents follow the documents' own in reconcile.csv */
	if (docs &&
	    collect_cat(out, docs, "document.csv", "documents.csv", doc_head, 10, bom, NULL, docrows, err) == 0 &&
	    collect_cat(out, docs, "facts.csv", "facts.csv", facts_head, 10, bom, NULL, NULL, err) == 0 &&
	    (!rules || ((rs = rules_load(rules, err)) != NULL && (cross = crossdoc_run(out, docrows, rs)) != NULL)) &&
	    collect_cat(out, docs, "reconcile.csv", "reconcile.csv", rec_head, 10, bom, cross, recrows, err) == 0)
		rc = collect_report(out, docrows, recrows, rs, sum, err);
	rules_free(rs);
	if (cross)
		g_ptr_array_unref(cross);
	if (docs)
		g_ptr_array_unref(docs);
	g_ptr_array_unref(docrows);
	g_ptr_array_unref(recrows);
	return rc;
}

typedef struct {
	long n;
	const rules_set *rs; /* NULL: every fail counts */
	const char *severity;
} fail_count;

static int collect_count_fail(void *ctx, char **f, int n, long record)
{
	fail_count *c = ctx;
	if (record > 1 && n >= 3 && !strcmp(f[2], "fail")) {
		char *sev = c->rs ? collect_check_severity(c->rs, f[1]) : NULL;
		c->n += !c->rs || !strcmp(sev, c->severity);
		g_free(sev);
	}
	return 0;
}

long collect_failed(const char *out, const char *rules, const char *severity, bx_err *err)
{
	char *path = g_build_filename(out, "reconcile.csv", NULL);
	fail_count c = { 0, NULL, severity };
	rules_set *rs = NULL;
	int rc = -1;

	if (!severity || (rs = rules_load(rules, err)) != NULL) {
		c.rs = rs;
		rc = csvin_read(path, collect_count_fail, &c, err);
	}
	rules_free(rs);
	g_free(path);
	return rc ? -1 : c.n;
}

typedef struct {
	char pages[32], status[16];
} tick_doc;

static int tick_row(void *ctx, char **f, int n, long record)
{
	tick_doc *t = ctx;
	if (record == 2 && n >= 9) {
		g_strlcpy(t->pages, f[3], sizeof t->pages);
		g_strlcpy(t->status, f[8], sizeof t->status);
	}
	return 0;
}

static double collect_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int collect_start(const char *out, bx_err *err)
{
	char *dir = g_build_filename(out, ".bx", NULL);
	char *plog = g_build_filename(out, ".bx", "progress", NULL);
	char *line = g_strdup_printf("start\t%.3f\n", collect_now());
	GError *gerr = NULL;
	int rc = atomic_mkdirs(dir, err);

	if (rc == 0 && !g_file_set_contents(plog, line, -1, &gerr)) {
		rc = err_at(err, plog, 0, "cannot write: %s", gerr->message);
		g_error_free(gerr);
	}
	g_free(dir);
	g_free(plog);
	g_free(line);
	return rc;
}

char *collect_tick(const char *out, const char *doc, bx_err *err)
{
	char *plog = g_build_filename(out, ".bx", "progress", NULL);
	char *dcsv = g_build_filename(out, doc, "document.csv", NULL);
	char *list = g_build_filename(out, ".bx", "docs.list", NULL);
	gchar *data = NULL;
	tick_doc t = { "0", "failed" };
	long total = 0, done = 0, failed = 0, pages = 0;
	double start = 0;
	char *rec, *line = NULL;
	int fd;

	if (g_file_get_contents(list, &data, NULL, NULL))
		for (char *p = data; *p; p++)
			total += *p == '\n';
	g_free(data);
	data = NULL;
	if (csvin_read(dcsv, tick_row, &t, err) != 0)
		goto out;
	rec = g_strdup_printf("%s\t%s\t%s\n", doc, t.pages, t.status);
	fd = open(plog, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0 || write(fd, rec, strlen(rec)) != (ssize_t)strlen(rec)) {
		err_set(err, "cannot write '%s': %s", plog, strerror(errno));
		if (fd >= 0)
			close(fd);
		g_free(rec);
		goto out;
	}
	close(fd);
	g_free(rec);
	if (g_file_get_contents(plog, &data, NULL, NULL)) {
		gchar **l = g_strsplit(data, "\n", -1);
		double secs;
		for (int i = 0; l[i]; i++) {
			gchar **f = g_strsplit(l[i], "\t", 3);
			if (g_strv_length(f) == 2 && !strcmp(f[0], "start"))
				start = g_ascii_strtod(f[1], NULL);
			else if (g_strv_length(f) == 3) {
				done++;
				pages += strtol(f[1], NULL, 10);
				failed += !strcmp(f[2], "failed");
			}
			g_strfreev(f);
		}
		g_strfreev(l);
		secs = start > 0 ? collect_now() - start : 0;
		line = g_strdup_printf("%ld/%ld documents, %.1f pages/s, %ld failed", done, total,
		                       secs > 0 ? (double)pages / secs : 0.0, failed);
	}
out:
	g_free(data);
	g_free(plog);
	g_free(dcsv);
	g_free(list);
	return line;
}

static int collect_count_status(void *ctx, char **f, int n, long record)
{
	long *c = ctx;
	static const char *const st[] = { "pass", "rounding", "fail", "not_applicable", "insufficient_data" };
	if (record > 1 && n >= 3)
		for (int k = 0; k < 5; k++)
			if (!strcmp(f[2], st[k]))
				c[k]++;
	return 0;
}

char *collect_doc_line(const char *out, const char *doc, bx_err *err)
{
	char *dcsv = g_build_filename(out, doc, "document.csv", NULL);
	char *rcsv = g_build_filename(out, doc, "reconcile.csv", NULL);
	tick_doc t = { "0", "failed" };
	char *line = NULL;

	if (csvin_read(dcsv, tick_row, &t, err) == 0) {
		long c[5] = { 0 };
		bx_err rerr;
		const char *pl = strcmp(t.pages, "1") ? "pages" : "page";
		if (csvin_read(rcsv, collect_count_status, c, &rerr) == 0)
			line = g_strdup_printf("%s: %s, %s %s; %ld pass, %ld rounding, %ld fail, %ld not_applicable, "
			                       "%ld insufficient_data",
			                       doc, t.status, t.pages, pl, c[0], c[1], c[2], c[3], c[4]);
		else
			line = g_strdup_printf("%s: %s, %s %s; no checks (%s)", doc, t.status, t.pages, pl, rerr.msg);
	}
	g_free(dcsv);
	g_free(rcsv);
	return line;
}
