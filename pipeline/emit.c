/* emit.c — the per-document CSV files (see emit.h). */
#define _GNU_SOURCE
#include "emit.h"
#include "csvio.h"
#include "grids.h"
#include "narrative.h"
#include "rules.h"
#include "segments.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const emit_tables_head[] = { "doc",        "table",     "kind",        "label", "title", "unit",
	                                        "first_page", "last_page", "header_rows", "rows",  "cols",  "note" };
static const char *const emit_facts_head[] = { "doc",  "table", "kind",   "page",  "row",
	                                       "code", "label", "column", "value", "unit" };
static const char *const emit_narr_head[] = { "doc",     "section", "page", "subject",
	                                      "measure", "value",   "unit", "sentence" };
static const char *const emit_doc_head[] = { "doc",    "source", "sha256",      "pages",  "kind",
	                                     "issuer", "year",   "amount_unit", "status", "error" };

static char *emit_path(const char *dir, const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static grid_table *emit_grid(const grids *g, long no)
{
	for (guint i = 0; i < g->tables->len; i++) {
		grid_table *t = g_ptr_array_index(g->tables, i);
		if (t->no == no)
			return t;
	}
	return NULL;
}

static int emit_table_csv(const emit_opts *o, grid_table *t, bx_err *err)
{
	char name[32];
	char *path;
	csv_out c;
	int rc;

	g_snprintf(name, sizeof name, "%03ld.csv", t->no);
	path = g_build_filename(o->dir, "tables", name, NULL);
	rc = csvout_open(&c, path, o->bom, err);
	g_free(path);
	if (rc)
		return -1;
	for (long r = 0; r < t->rows; r++) {
		for (long k = 0; k < t->cols; k++)
			csvout_field(&c, grid_at(t, r, k)->text);
		csvout_end(&c);
	}
	return csvout_commit(&c, err);
}

/* Removes tables/NNN.csv files numbered above N (left from an earlier run). */
static void emit_sweep_tables(const char *dir, long n)
{
	char *tdir = g_build_filename(dir, "tables", NULL);
	GDir *d = g_dir_open(tdir, 0, NULL);
	if (d) {
		const char *name;
		while ((name = g_dir_read_name(d)) != NULL) {
			long k = strtol(name, NULL, 10);
			if (g_str_has_suffix(name, ".csv") && k > n) {
				char *p = g_build_filename(tdir, name, NULL);
				unlink(p);
				g_free(p);
			}
		}
		g_dir_close(d);
	}
	g_free(tdir);
}

static int emit_tables(const emit_opts *o, const segments *s, const grids *g, bx_err *err)
{
	char *path = emit_path(o->dir, "tables.csv");
	char *tdir = g_build_filename(o->dir, "tables", NULL);
	csv_out c;
	int rc = atomic_mkdirs(tdir, err);

	g_free(tdir);
	if (rc == 0)
		rc = csvout_open(&c, path, o->bom, err);
	g_free(path);
	if (rc)
		return -1;
	csvout_row(&c, G_N_ELEMENTS(emit_tables_head), emit_tables_head);
	for (guint i = 0; i < s->tables->len && rc == 0; i++) {
		const seg_table *st = &g_array_index(s->tables, seg_table, i);
		grid_table *t = emit_grid(g, st->no);
		csvout_field(&c, s->doc);
		csvout_fieldf(&c, "%03ld", st->no);
		csvout_field(&c, st->kind);
		csvout_field(&c, st->label);
		csvout_field(&c, st->title);
		csvout_field(&c, st->unit);
		csvout_long(&c, st->first);
		csvout_long(&c, st->last);
		csvout_long(&c, t ? t->header_rows : 0);
		csvout_long(&c, t ? t->rows : 0);
		csvout_long(&c, t ? t->cols : 0);
		csvout_field(&c, st->note);
		csvout_end(&c);
		if (t)
			rc = emit_table_csv(o, t, err);
	}
	if (rc) {
		csvout_abort(&c);
		return -1;
	}
	emit_sweep_tables(o->dir, (long)s->tables->len);
	return csvout_commit(&c, err);
}

static int emit_facts(const emit_opts *o, const segments *s, const grids *g, bx_err *err)
{
	char *path = emit_path(o->dir, "facts.csv");
	csv_out c;
	int rc = csvout_open(&c, path, o->bom, err);

	g_free(path);
	if (rc)
		return -1;
	csvout_row(&c, G_N_ELEMENTS(emit_facts_head), emit_facts_head);
	for (guint i = 0; i < s->tables->len; i++) {
		const seg_table *st = &g_array_index(s->tables, seg_table, i);
		grid_table *t = emit_grid(g, st->no);
		for (long r = 0; t && r < t->rows; r++) {
			if (!strcmp(t->row[r].role, "header"))
				continue;
			for (long k = 0; k < t->cols; k++) {
				grid_cell *x = grid_at(t, r, k);
				int pct = !strcmp(x->type, "percent");
				char *label;
				if (strcmp(x->type, "number") != 0 && !pct)
					continue;
				csvout_field(&c, s->doc);
				csvout_fieldf(&c, "%03ld", st->no);
				csvout_field(&c, st->kind);
				csvout_long(&c, t->row[r].page);
				csvout_long(&c, r + 1);
				csvout_field(&c, t->row[r].code);
				label = grid_cell_label(t, r, k);
				csvout_field(&c, label);
				g_free(label);
				csvout_field(&c, grid_cell_path(t, r, k));
				csvout_field(&c, x->value);
				csvout_field(&c, pct ? "%" : st->unit);
				csvout_end(&c);
			}
		}
	}
	return csvout_commit(&c, err);
}

static int emit_narrative(const emit_opts *o, const segments *s, bx_err *err)
{
	rules_set *rs = rules_load(o->rules, err);
	char *path;
	GArray *facts;
	csv_out c;
	int rc;

	if (!rs)
		return -1;
	path = emit_path(o->dir, "narrative.csv");
	rc = csvout_open(&c, path, o->bom, err);
	g_free(path);
	if (rc) {
		rules_free(rs);
		return -1;
	}
	facts = narrative_extract(s, rs);
	csvout_row(&c, G_N_ELEMENTS(emit_narr_head), emit_narr_head);
	for (guint i = 0; i < facts->len; i++) {
		const narrative_fact *f = &g_array_index(facts, narrative_fact, i);
		csvout_field(&c, s->doc);
		csvout_field(&c, f->section);
		csvout_long(&c, f->page);
		csvout_field(&c, f->subject);
		csvout_field(&c, f->measure);
		csvout_field(&c, f->value);
		csvout_field(&c, f->unit);
		csvout_field(&c, f->sentence);
		csvout_end(&c);
	}
	g_array_unref(facts);
	rules_free(rs);
	return csvout_commit(&c, err);
}

static int emit_document(const emit_opts *o, const segments *s, bx_status st, const char *error, bx_err *err)
{
	char *path = emit_path(o->dir, "document.csv");
	csv_out c;
	int rc = csvout_open(&c, path, o->bom, err);
	const char *row[10];

	g_free(path);
	if (rc)
		return -1;
	csvout_row(&c, G_N_ELEMENTS(emit_doc_head), emit_doc_head);
	row[0] = s->doc;
	row[1] = segments_meta(s, "source");
	row[2] = segments_meta(s, "sha256");
	row[3] = segments_meta(s, "pages");
	row[4] = segments_meta(s, "kind");
	row[5] = segments_meta(s, "issuer");
	row[6] = segments_meta(s, "year");
	row[7] = segments_meta(s, "amount_unit");
	row[8] = status_name(st);
	row[9] = error;
	csvout_row(&c, 10, row);
	return csvout_commit(&c, err);
}

int emit_run(const emit_opts *o, bx_status *status, bx_err *err)
{
	segments *s = segments_read(o->segments, err);
	grids *g = s ? grids_read(o->grid, err) : NULL;
	int rc = -1;

	if (s && g && atomic_mkdirs(o->dir, err) == 0) {
		bx_status st = s->status > g->status ? s->status : g->status;
		const char *error = *g->error ? g->error : s->error;
		rc = emit_tables(o, s, g, err);
		if (rc == 0)
			rc = emit_facts(o, s, g, err);
		if (rc == 0)
			rc = emit_narrative(o, s, err);
		if (rc == 0)
			rc = emit_document(o, s, st, error, err);
		*status = st;
	}
	grids_free(g);
	segments_free(s);
	return rc;
}
