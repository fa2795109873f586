/* layout.c — the page model and the only reader/writer of layout.bxl (grammar in layout.h). */
#define _GNU_SOURCE /* pwrite */
#include "layout.h"
#include "tsv.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static void layout_line_clear(gpointer p)
{
	layout_line *l = p;
	g_free(l->mark);
	g_free(l->text);
}

static void layout_word_clear(gpointer p)
{
	g_free(((layout_word *)p)->text);
}

layout_page *layout_page_new(long no, double width, double height)
{
	layout_page *pg = g_new0(layout_page, 1);
	pg->no = no;
	pg->width = width;
	pg->height = height;
	pg->orient = g_strdup(width > height ? "landscape" : "portrait");
	pg->flags = g_strdup("-");
	pg->lines = g_array_new(FALSE, TRUE, sizeof(layout_line));
	g_array_set_clear_func(pg->lines, layout_line_clear);
	pg->words = g_array_new(FALSE, TRUE, sizeof(layout_word));
	g_array_set_clear_func(pg->words, layout_word_clear);
	pg->hrules = g_array_new(FALSE, TRUE, sizeof(layout_rule));
	pg->vrules = g_array_new(FALSE, TRUE, sizeof(layout_rule));
	return pg;
}

void layout_page_free(layout_page *pg)
{
	if (!pg)
		return;
	g_free(pg->orient);
	g_free(pg->flags);
	g_array_unref(pg->lines);
	g_array_unref(pg->words);
	g_array_unref(pg->hrules);
	g_array_unref(pg->vrules);
	g_free(pg);
}

static void layout_page_free_void(gpointer p)
{
	layout_page_free(p);
}

layout_doc *layout_doc_new(void)
{
	layout_doc *d = g_new0(layout_doc, 1);
	d->doc = g_strdup("");
	d->source = g_strdup("");
	d->sha256 = g_strdup("");
	d->input = g_strdup("");
	d->error = g_strdup("");
	d->pages = g_ptr_array_new_with_free_func(layout_page_free_void);
	return d;
}

void layout_doc_free(layout_doc *d)
{
	if (!d)
		return;
	g_free(d->doc);
	g_free(d->source);
	g_free(d->sha256);
	g_free(d->input);
	g_free(d->error);
	g_ptr_array_unref(d->pages);
	g_free(d);
}

layout_line *layout_page_add_line(layout_page *pg, double x0, double y0, double x1,
                                  double y1, double size, const char *mark, const char *text)
{
	layout_line l = { x0, y0, x1, y1, size, g_strdup(mark && *mark ? mark : "-"),
	                  g_strdup(text), pg->words->len, 0 };
	g_array_append_val(pg->lines, l);
	return &g_array_index(pg->lines, layout_line, pg->lines->len - 1);
}

void layout_page_add_word(layout_page *pg, double x0, double y0, double x1, double y1,
                          double size, const char *text)
{
	layout_word w = { x0, y0, x1, y1, size, NULL };
	if (!*text)
		return; /* no text, no word: so a word's text is never the empty field "-" */
	w.text = g_strdup(text);
	g_array_append_val(pg->words, w);
	if (pg->lines->len > 0)
		g_array_index(pg->lines, layout_line, pg->lines->len - 1).nword++;
}

void layout_page_add_rule(layout_page *pg, int vertical, double x0, double y0, double x1,
                          double y1, double thick)
{
	layout_rule r = { x0, y0, x1, y1, thick };
	g_array_append_val(vertical ? pg->vrules : pg->hrules, r);
}

int layout_page_has_flag(const layout_page *pg, const char *flag)
{
	gchar **v = g_strsplit(pg->flags, ",", -1);
	int found = g_strv_contains((const gchar *const *)v, flag);
	g_strfreev(v);
	return found;
}

void layout_page_flag(layout_page *pg, const char *flag)
{
	char *nf;
	if (layout_page_has_flag(pg, flag))
		return;
	nf = strcmp(pg->flags, "-") == 0 ? g_strdup(flag) : g_strconcat(pg->flags, ",", flag, NULL);
	g_free(pg->flags);
	pg->flags = nf;
}

/* ---- writer ---- */

static int layout_put_text(FILE *fp, const char *s)
{
	return tsv_put(fp, *s ? s : "-");
}

static int layout_io(FILE *fp, bx_err *err)
{
	if (ferror(fp))
		return err_set(err, "write error: %s", strerror(errno));
	return 0;
}

int layout_write_head(FILE *fp, const layout_doc *d, long *sha_at, bx_err *err)
{
	fprintf(fp, "%s\t%d\n", LAYOUT_MAGIC, LAYOUT_VERSION);
	fputs("doc\t", fp);
	layout_put_text(fp, d->doc);
	fputs("\nsource\t", fp);
	layout_put_text(fp, d->source);
	fputs("\nsha256\t", fp);
	if (sha_at) {
		/* a placeholder of the hash's width, filled in by layout_patch_sha256 */
		*sha_at = ftell(fp);
		fputs(LAYOUT_SHA256_PENDING, fp);
	} else {
		layout_put_text(fp, d->sha256);
	}
	fputs("\ninput\t", fp);
	layout_put_text(fp, d->input);
	fputc('\n', fp);
	return layout_io(fp, err);
}

int layout_patch_sha256(FILE *fp, long at, const char *hex, bx_err *err)
{
	if (strlen(hex) != strlen(LAYOUT_SHA256_PENDING) || strspn(hex, "0123456789abcdef") != strlen(hex))
		return err_set(err, "not a sha256: '%s'", hex);
	if (fflush(fp) != 0 ||
	    pwrite(fileno(fp), hex, strlen(hex), (off_t)at) != (ssize_t)strlen(hex))
		return err_set(err, "cannot write the sha256: %s", strerror(errno));
	return 0;
}

static void layout_put_rule(FILE *fp, const char *name, const layout_rule *r)
{
	fprintf(fp, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\n", name, r->x0, r->y0, r->x1, r->y1, r->thick);
}

int layout_write_page(FILE *fp, const layout_page *pg, bx_err *err)
{
	fprintf(fp, "page\t%ld\t%.2f\t%.2f\t%s\t%s\n", pg->no, pg->width, pg->height, pg->orient, pg->flags);
	for (guint i = 0; i < pg->lines->len; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		fprintf(fp, "line\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t", l->x0, l->y0, l->x1, l->y1, l->size);
		tsv_put(fp, l->mark);
		fputc('\t', fp);
		layout_put_text(fp, l->text);
		fputc('\n', fp);
		for (guint j = l->word0; j < l->word0 + l->nword; j++) {
			const layout_word *w = &g_array_index(pg->words, layout_word, j);
			fprintf(fp, "word\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t", w->x0, w->y0, w->x1, w->y1, w->size);
			layout_put_text(fp, w->text);
			fputc('\n', fp);
		}
	}
	for (guint i = 0; i < pg->hrules->len; i++)
		layout_put_rule(fp, "hrule", &g_array_index(pg->hrules, layout_rule, i));
	for (guint i = 0; i < pg->vrules->len; i++)
		layout_put_rule(fp, "vrule", &g_array_index(pg->vrules, layout_rule, i));
	return layout_io(fp, err);
}

int layout_write_tail(FILE *fp, bx_status status, const char *reason, bx_err *err)
{
	fprintf(fp, "status\t%s\t", status_name(status));
	layout_put_text(fp, reason ? reason : "");
	fputs("\nend\n", fp);
	return layout_io(fp, err);
}

/* ---- reader ---- */

static const char *layout_text(const char *f)
{
	return strcmp(f, "-") == 0 ? "" : f;
}

static int layout_nums(tsv_reader *r, int from, int n, double *out, bx_err *err)
{
	for (int i = 0; i < n; i++)
		if (tsv_double(r, from + i, &out[i], err) != 0)
			return -1;
	return 0;
}

static int layout_need(tsv_reader *r, int n, bx_err *err)
{
	if (r->nfield != n)
		return err_at(err, r->name, r->lineno, "'%s' record has %d fields, expected %d",
		              r->field[0], r->nfield, n);
	return 0;
}

static int layout_record(tsv_reader *r, layout_doc *d, layout_page **pg, int *ended, bx_err *err)
{
	const char *k = r->field[0];
	double v[5];

	if (*ended)
		return err_at(err, r->name, r->lineno, "record after 'end'");
	if (!strcmp(k, "doc") || !strcmp(k, "source") || !strcmp(k, "sha256") || !strcmp(k, "input")) {
		char **slot = !strcmp(k, "doc") ? &d->doc : !strcmp(k, "source") ? &d->source
		            : !strcmp(k, "sha256") ? &d->sha256 : &d->input;
		if (layout_need(r, 2, err))
			return -1;
		g_free(*slot);
		*slot = g_strdup(layout_text(r->field[1]));
	} else if (!strcmp(k, "page")) {
		long no;
		if (layout_need(r, 6, err) || tsv_long(r, 1, &no, err) || layout_nums(r, 2, 2, v, err))
			return -1;
		if (no != (long)d->pages->len + 1)
			return err_at(err, r->name, r->lineno, "page %ld out of order", no);
		*pg = layout_page_new(no, v[0], v[1]);
		g_free((*pg)->orient);
		(*pg)->orient = g_strdup(r->field[4]);
		g_free((*pg)->flags);
		(*pg)->flags = g_strdup(r->field[5]);
		g_ptr_array_add(d->pages, *pg);
	} else if (!strcmp(k, "line") || !strcmp(k, "word") || !strcmp(k, "hrule") || !strcmp(k, "vrule")) {
		if (!*pg)
			return err_at(err, r->name, r->lineno, "'%s' record before any page", k);
		if (!strcmp(k, "line")) {
			if (layout_need(r, 8, err) || layout_nums(r, 1, 5, v, err))
				return -1;
			layout_page_add_line(*pg, v[0], v[1], v[2], v[3], v[4], r->field[6], layout_text(r->field[7]));
		} else if (!strcmp(k, "word")) {
			if (layout_need(r, 7, err) || layout_nums(r, 1, 5, v, err))
				return -1;
			if ((*pg)->lines->len == 0)
				return err_at(err, r->name, r->lineno, "'word' record before any line");
			layout_page_add_word(*pg, v[0], v[1], v[2], v[3], v[4], r->field[6]); /* never empty: "-" is a dash */
		} else {
			if (layout_need(r, 6, err) || layout_nums(r, 1, 5, v, err))
				return -1;
			layout_page_add_rule(*pg, k[0] == 'v', v[0], v[1], v[2], v[3], v[4]);
		}
	} else if (!strcmp(k, "status")) {
		if (layout_need(r, 3, err))
			return -1;
		if (status_parse(r->field[1], &d->status) != 0)
			return err_at(err, r->name, r->lineno, "unknown status '%s'", r->field[1]);
		g_free(d->error);
		d->error = g_strdup(layout_text(r->field[2]));
	} else if (!strcmp(k, "end")) {
		*ended = 1;
	} else {
		return err_at(err, r->name, r->lineno, "unknown record '%.40s'", k);
	}
	return 0;
}

layout_doc *layout_read(const char *path, bx_err *err)
{
	FILE *fp = fopen(path, "r");
	tsv_reader r;
	layout_doc *d;
	layout_page *pg = NULL;
	int ended = 0, rc;

	if (!fp) {
		err_at(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	tsv_reader_init(&r, fp, path);
	d = layout_doc_new();
	rc = tsv_expect_header(&r, LAYOUT_MAGIC, LAYOUT_VERSION, err);
	while (rc == 0) {
		int got = tsv_next(&r, err);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = layout_record(&r, d, &pg, &ended, err);
	}
	if (rc == 0 && !ended)
		rc = err_at(err, path, r.lineno, "no 'end' record (truncated file?)");
	tsv_reader_release(&r);
	fclose(fp);
	if (rc != 0) {
		layout_doc_free(d);
		return NULL;
	}
	return d;
}
