/* segments.c — the only reader and writer of segments.bxs (grammar in segments.h). */
#include "segments.h"
#include "atomic.h"
#include "tsv.h"

#include <errno.h>
#include <string.h>

static void seg_meta_clear(gpointer p)
{
	seg_meta *m = p;
	g_free(m->key);
	g_free(m->value);
	g_free(m->from);
}

static void seg_heading_clear(gpointer p)
{
	g_free(((seg_heading *)p)->text);
}

static void seg_para_clear(gpointer p)
{
	seg_para *x = p;
	g_free(x->section);
	g_free(x->heading);
	g_free(x->text);
}

static void seg_table_clear(gpointer p)
{
	seg_table *t = p;
	g_free(t->label);
	g_free(t->title);
	g_free(t->kind);
	g_free(t->unit);
	g_free(t->note);
	g_free(t->rule);
}

static GArray *seg_array(size_t size, GDestroyNotify clear)
{
	GArray *a = g_array_new(FALSE, TRUE, (guint)size);
	if (clear)
		g_array_set_clear_func(a, clear);
	return a;
}

segments *segments_new(const char *doc)
{
	segments *s = g_new0(segments, 1);
	s->doc = g_strdup(doc ? doc : "");
	s->meta = seg_array(sizeof(seg_meta), seg_meta_clear);
	s->headings = seg_array(sizeof(seg_heading), seg_heading_clear);
	s->paras = seg_array(sizeof(seg_para), seg_para_clear);
	s->tables = seg_array(sizeof(seg_table), seg_table_clear);
	s->regions = seg_array(sizeof(seg_region), NULL);
	s->error = g_strdup("");
	return s;
}

void segments_free(segments *s)
{
	if (!s)
		return;
	g_free(s->doc);
	g_array_unref(s->meta);
	g_array_unref(s->headings);
	g_array_unref(s->paras);
	g_array_unref(s->tables);
	g_array_unref(s->regions);
	g_free(s->error);
	g_free(s);
}

const char *segments_meta(const segments *s, const char *key)
{
	for (guint i = 0; i < s->meta->len; i++) {
		const seg_meta *m = &g_array_index(s->meta, seg_meta, i);
		if (strcmp(m->key, key) == 0)
			return m->value;
	}
	return "";
}

void segments_add_meta(segments *s, const char *key, const char *value, const char *from)
{
	seg_meta m = { g_strdup(key), g_strdup(value), g_strdup(from) };
	g_array_append_val(s->meta, m);
}

/* Writes TAB and each text field, "-" for empty ones. */
static void seg_fields(FILE *fp, int n, const char *const *f)
{
	for (int i = 0; i < n; i++) {
		fputc('\t', fp);
		tsv_put(fp, f[i] && *f[i] ? f[i] : "-");
	}
}

int segments_write(const segments *s, const char *path, bx_err *err)
{
	atomic_file af;
	FILE *fp;

	if (atomic_open(&af, path, err) != 0)
		return -1;
	fp = af.fp;
	fprintf(fp, "%s\t%d\n", SEGMENTS_MAGIC, SEGMENTS_VERSION);
	fputs("doc", fp);
	seg_fields(fp, 1, (const char *[]){ s->doc });
	fputc('\n', fp);
	for (guint i = 0; i < s->meta->len; i++) {
		const seg_meta *m = &g_array_index(s->meta, seg_meta, i);
		fputs("meta", fp);
		seg_fields(fp, 3, (const char *[]){ m->key, m->value, m->from });
		fputc('\n', fp);
	}
	for (guint i = 0; i < s->headings->len; i++) {
		const seg_heading *h = &g_array_index(s->headings, seg_heading, i);
		fprintf(fp, "heading\t%ld\t%ld\t", h->page, h->level);
		tsv_put(fp, h->text);
		fputc('\n', fp);
	}
	for (guint i = 0; i < s->paras->len; i++) {
		const seg_para *p = &g_array_index(s->paras, seg_para, i);
		fprintf(fp, "para\t%ld", p->page);
		seg_fields(fp, 3, (const char *[]){ p->section, p->heading, p->text });
		fputc('\n', fp);
	}
	for (guint i = 0; i < s->tables->len; i++) {
		const seg_table *t = &g_array_index(s->tables, seg_table, i);
		fprintf(fp, "table\t%ld", t->no);
		seg_fields(fp, 4, (const char *[]){ t->label, t->title, t->kind, t->unit });
		fprintf(fp, "\t%ld\t%ld", t->first, t->last);
		seg_fields(fp, 2, (const char *[]){ t->note, t->rule });
		fputc('\n', fp);
	}
	for (guint i = 0; i < s->regions->len; i++) {
		const seg_region *r = &g_array_index(s->regions, seg_region, i);
		fprintf(fp, "region\t%ld\t%ld\t%ld\t%ld\n", r->table, r->page, r->from, r->to);
	}
	fprintf(fp, "status\t%s\t", status_name(s->status));
	tsv_put(fp, s->error[0] ? s->error : "-");
	fputs("\nend\n", fp);
	if (ferror(fp)) {
		atomic_abort(&af);
		return err_set(err, "cannot write '%s': %s", path, strerror(errno));
	}
	return atomic_commit(&af, err);
}

static char *seg_text(const char *f)
{
	return g_strdup(strcmp(f, "-") == 0 ? "" : f);
}

static int seg_need(tsv_reader *r, int n, bx_err *err)
{
	if (r->nfield != n)
		return err_at(err, r->name, r->lineno, "'%s' record has %d fields, expected %d", r->field[0], r->nfield, n);
	return 0;
}

static int seg_record(tsv_reader *r, segments *s, int *ended, bx_err *err)
{
	const char *k = r->field[0];

	if (*ended)
		return err_at(err, r->name, r->lineno, "record after 'end'");
	if (!strcmp(k, "doc")) {
		if (seg_need(r, 2, err))
			return -1;
		g_free(s->doc);
		s->doc = seg_text(r->field[1]);
	} else if (!strcmp(k, "meta")) {
		seg_meta m;
		if (seg_need(r, 4, err))
			return -1;
		m.key = seg_text(r->field[1]);
		m.value = seg_text(r->field[2]);
		m.from = seg_text(r->field[3]);
		g_array_append_val(s->meta, m);
	} else if (!strcmp(k, "heading")) {
		seg_heading h = { 0 };
		if (seg_need(r, 4, err) || tsv_long(r, 1, &h.page, err) || tsv_long(r, 2, &h.level, err))
			return -1;
		h.text = seg_text(r->field[3]);
		g_array_append_val(s->headings, h);
	} else if (!strcmp(k, "para")) {
		seg_para p = { 0 };
		if (seg_need(r, 5, err) || tsv_long(r, 1, &p.page, err))
			return -1;
		p.section = seg_text(r->field[2]);
		p.heading = seg_text(r->field[3]);
		p.text = seg_text(r->field[4]);
		g_array_append_val(s->paras, p);
	} else if (!strcmp(k, "table")) {
		seg_table t = { 0 };
		if (seg_need(r, 10, err) || tsv_long(r, 1, &t.no, err) || tsv_long(r, 6, &t.first, err) ||
		    tsv_long(r, 7, &t.last, err))
			return -1;
		if (t.no != (long)s->tables->len + 1)
			return err_at(err, r->name, r->lineno, "table %ld out of order", t.no);
		t.label = seg_text(r->field[2]);
		t.title = seg_text(r->field[3]);
		t.kind = seg_text(r->field[4]);
		t.unit = seg_text(r->field[5]);
		t.note = seg_text(r->field[8]);
		t.rule = seg_text(r->field[9]);
		g_array_append_val(s->tables, t);
	} else if (!strcmp(k, "region")) {
		seg_region g;
		if (seg_need(r, 5, err) || tsv_long(r, 1, &g.table, err) || tsv_long(r, 2, &g.page, err) ||
		    tsv_long(r, 3, &g.from, err) || tsv_long(r, 4, &g.to, err))
			return -1;
		if (g.table < 1 || g.table > (long)s->tables->len)
			return err_at(err, r->name, r->lineno, "region of unknown table %ld", g.table);
		g_array_append_val(s->regions, g);
	} else if (!strcmp(k, "status")) {
		if (seg_need(r, 3, err))
			return -1;
		if (status_parse(r->field[1], &s->status) != 0)
			return err_at(err, r->name, r->lineno, "unknown status '%s'", r->field[1]);
		g_free(s->error);
		s->error = seg_text(r->field[2]);
	} else if (!strcmp(k, "end")) {
		*ended = 1;
	} else {
		return err_at(err, r->name, r->lineno, "unknown record '%.40s'", k);
	}
	return 0;
}

segments *segments_read(const char *path, bx_err *err)
{
	FILE *fp = fopen(path, "r");
	tsv_reader r;
	segments *s;
	int ended = 0, rc;

	if (!fp) {
		err_at(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	tsv_reader_init(&r, fp, path);
	s = segments_new("");
	rc = tsv_expect_header(&r, SEGMENTS_MAGIC, SEGMENTS_VERSION, err);
	while (rc == 0) {
		int got = tsv_next(&r, err);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = seg_record(&r, s, &ended, err);
	}
	if (rc == 0 && !ended)
		rc = err_at(err, path, r.lineno, "no 'end' record (truncated file?)");
	tsv_reader_release(&r);
	fclose(fp);
	if (rc != 0) {
		segments_free(s);
		return NULL;
	}
	return s;
}
