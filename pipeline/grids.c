/* grids.c — the table model and the only reader/writer of grid.bxg (grammar in grids.h). */
#include "grids.h"
#include "atomic.h"
#include "tsv.h"

#include <errno.h>
#include <string.h>

#define GRIDS_MAX_CELLS (4L << 20) /* per table: bounds a hostile file */

static void grid_table_free(gpointer p)
{
	grid_table *t = p;
	for (long r = 0; r < t->rows; r++) {
		g_free(t->row[r].role);
		g_free(t->row[r].code);
		g_free(t->row[r].label);
	}
	for (long c = 0; c < t->cols; c++) {
		g_free(t->path[c]);
		g_free(t->path2[c]);
	}
	for (long i = 0; i < t->rows * t->cols; i++) {
		g_free(t->cell[i].type);
		g_free(t->cell[i].value);
		g_free(t->cell[i].text);
		g_free(t->cell[i].path);
	}
	g_free(t->row);
	g_free(t->path);
	g_free(t->path2);
	g_free(t->cell);
	g_free(t->method);
	g_free(t);
}

grids *grids_new(const char *doc)
{
	grids *g = g_new0(grids, 1);
	g->doc = g_strdup(doc ? doc : "");
	g->tables = g_ptr_array_new_with_free_func(grid_table_free);
	g->error = g_strdup("");
	return g;
}

void grids_free(grids *g)
{
	if (!g)
		return;
	g_free(g->doc);
	g_ptr_array_unref(g->tables);
	g_free(g->error);
	g_free(g);
}

grid_table *grids_add_table(grids *g, long no, const char *method, long rows, long cols)
{
	grid_table *t = g_new0(grid_table, 1);
	t->no = no;
	t->method = g_strdup(method);
	t->rows = rows;
	t->cols = cols;
	t->row = g_new0(grid_row, rows ? rows : 1);
	for (long r = 0; r < rows; r++) {
		t->row[r].role = g_strdup("body");
		t->row[r].code = g_strdup("");
		t->row[r].label = g_strdup("");
	}
	t->path = g_new0(char *, cols ? cols : 1);
	t->path2 = g_new0(char *, cols ? cols : 1);
	for (long c = 0; c < cols; c++) {
		t->path[c] = g_strdup("");
		t->path2[c] = g_strdup("");
	}
	t->cell = g_new0(grid_cell, (rows * cols) > 0 ? rows * cols : 1);
	for (long i = 0; i < rows * cols; i++) {
		t->cell[i].type = g_strdup("blank");
		t->cell[i].value = g_strdup("");
		t->cell[i].text = g_strdup("");
	}
	g_ptr_array_add(g->tables, t);
	return t;
}

grid_cell *grid_at(grid_table *t, long r, long c)
{
	return &t->cell[r * t->cols + c];
}

void grid_set(grid_table *t, long r, long c, const char *type, const char *value, const char *text)
{
	grid_cell *x = grid_at(t, r, c);
	g_free(x->type);
	g_free(x->value);
	g_free(x->text);
	x->type = g_strdup(type);
	x->value = g_strdup(value ? value : "");
	x->text = g_strdup(text ? text : "");
}

static void grids_put(FILE *fp, const char *s)
{
	fputc('\t', fp);
	tsv_put(fp, s && *s ? s : "-");
}

int grids_write(const grids *g, const char *path, bx_err *err)
{
	atomic_file af;
	FILE *fp;

	if (atomic_open(&af, path, err) != 0)
		return -1;
	fp = af.fp;
	fprintf(fp, "%s\t%d\ndoc", GRIDS_MAGIC, GRIDS_VERSION);
	grids_put(fp, g->doc);
	fputc('\n', fp);
	for (guint i = 0; i < g->tables->len; i++) {
		grid_table *t = g_ptr_array_index(g->tables, i);
		fprintf(fp, "table\t%ld\t%s\t%ld\t%ld\t%ld\t%.3f\n", t->no, t->method, t->rows, t->cols, t->header_rows,
		        t->quality);
		for (long c = 0; c < t->cols; c++) {
			fprintf(fp, "col\t%ld\t%ld", t->no, c);
			grids_put(fp, t->path[c]);
			fputc('\n', fp);
		}
		for (long c = 0; c < t->cols; c++) {
			if (!*t->path2[c])
				continue;
			fprintf(fp, "col2\t%ld\t%ld", t->no, c);
			grids_put(fp, t->path2[c]);
			fputc('\n', fp);
		}
		for (long r = 0; r < t->rows; r++) {
			fprintf(fp, "row\t%ld\t%ld\t%ld", t->no, r, t->row[r].page);
			grids_put(fp, t->row[r].role);
			grids_put(fp, t->row[r].code);
			grids_put(fp, t->row[r].label);
			fprintf(fp, "\t%d\n", t->row[r].block);
			for (long c = 0; c < t->cols; c++) {
				grid_cell *x = grid_at(t, r, c);
				if (!x->text[0])
					continue;
				fprintf(fp, "cell\t%ld\t%ld\t%ld", t->no, r, c);
				grids_put(fp, x->type);
				grids_put(fp, x->value);
				grids_put(fp, x->text);
				fputc('\n', fp);
				if (!x->path)
					continue;
				fprintf(fp, "path\t%ld\t%ld\t%ld", t->no, r, c);
				grids_put(fp, x->path);
				fputc('\n', fp);
			}
		}
	}
	fprintf(fp, "status\t%s", status_name(g->status));
	grids_put(fp, g->error);
	fputs("\nend\n", fp);
	if (ferror(fp)) {
		atomic_abort(&af);
		return err_set(err, "cannot write '%s': %s", path, strerror(errno));
	}
	return atomic_commit(&af, err);
}

static const char *grids_text(const char *f)
{
	return strcmp(f, "-") == 0 ? "" : f;
}

static int grids_need(tsv_reader *r, int n, bx_err *err)
{
	if (r->nfield != n)
		return err_at(err, r->name, r->lineno, "'%s' record has %d fields, expected %d", r->field[0], r->nfield,
		              n);
	return 0;
}

/* Parses "NO ROW [COL]" of the current table; checks bounds. */
static int grids_pos(tsv_reader *r, grid_table *t, int ncoord, long *row, long *col, bx_err *err)
{
	long no;
	if (!t)
		return err_at(err, r->name, r->lineno, "'%s' record before any table", r->field[0]);
	if (tsv_long(r, 1, &no, err) || tsv_long(r, 2, row, err) || (ncoord == 3 && tsv_long(r, 3, col, err)))
		return -1;
	if (no != t->no)
		return err_at(err, r->name, r->lineno, "record of table %ld inside table %ld", no, t->no);
	if (*row < 0 || *row >= (strncmp(r->field[0], "col", 3) == 0 ? t->cols : t->rows))
		return err_at(err, r->name, r->lineno, "index %ld out of range", *row);
	if (ncoord == 3 && (*col < 0 || *col >= t->cols))
		return err_at(err, r->name, r->lineno, "column %ld out of range", *col);
	return 0;
}

static int grids_record(tsv_reader *r, grids *g, grid_table **t, int *ended, bx_err *err)
{
	const char *k = r->field[0];
	long a = 0, b = 0;

	if (*ended)
		return err_at(err, r->name, r->lineno, "record after 'end'");
	if (!strcmp(k, "doc")) {
		if (grids_need(r, 2, err))
			return -1;
		g_free(g->doc);
		g->doc = g_strdup(grids_text(r->field[1]));
	} else if (!strcmp(k, "table")) {
		long no, rows, cols, hdr;
		double q;
		if (grids_need(r, 7, err) || tsv_long(r, 1, &no, err) || tsv_long(r, 3, &rows, err) ||
		    tsv_long(r, 4, &cols, err) || tsv_long(r, 5, &hdr, err) || tsv_double(r, 6, &q, err))
			return -1;
		if (rows < 0 || cols < 0 || (cols > 0 && rows > GRIDS_MAX_CELLS / cols) || hdr < 0 || hdr > rows)
			return err_at(err, r->name, r->lineno, "table size %ld x %ld (header %ld) refused", rows, cols,
			              hdr);
		*t = grids_add_table(g, no, r->field[2], rows, cols);
		(*t)->header_rows = hdr;
		(*t)->quality = q;
	} else if (!strcmp(k, "col") || !strcmp(k, "col2")) {
		char **slot;
		if (grids_need(r, 4, err) || grids_pos(r, *t, 2, &a, NULL, err))
			return -1;
		slot = k[3] == '2' ? &(*t)->path2[a] : &(*t)->path[a];
		g_free(*slot);
		*slot = g_strdup(grids_text(r->field[3]));
	} else if (!strcmp(k, "row")) {
		grid_row *x;
		long block;
		if (grids_need(r, 8, err) || grids_pos(r, *t, 2, &a, NULL, err))
			return -1;
		x = &(*t)->row[a];
		if (tsv_long(r, 3, &x->page, err) || tsv_long(r, 7, &block, err))
			return -1;
		x->block = block == 1;
		g_free(x->role);
		g_free(x->code);
		g_free(x->label);
		x->role = g_strdup(grids_text(r->field[4]));
		x->code = g_strdup(grids_text(r->field[5]));
		x->label = g_strdup(grids_text(r->field[6]));
	} else if (!strcmp(k, "cell")) {
		if (grids_need(r, 7, err) || grids_pos(r, *t, 3, &a, &b, err))
			return -1;
		/* TEXT is never empty (empty cells are not written): "-" is a dash printed in the cell */
		grid_set(*t, a, b, grids_text(r->field[4]), grids_text(r->field[5]), r->field[6]);
	} else if (!strcmp(k, "path")) {
		grid_cell *x;
		if (grids_need(r, 5, err) || grids_pos(r, *t, 3, &a, &b, err))
			return -1;
		x = grid_at(*t, a, b);
		g_free(x->path);
		x->path = g_strdup(grids_text(r->field[4]));
	} else if (!strcmp(k, "status")) {
		if (grids_need(r, 3, err))
			return -1;
		if (status_parse(r->field[1], &g->status) != 0)
			return err_at(err, r->name, r->lineno, "unknown status '%s'", r->field[1]);
		g_free(g->error);
		g->error = g_strdup(grids_text(r->field[2]));
	} else if (!strcmp(k, "end")) {
		*ended = 1;
	} else {
		return err_at(err, r->name, r->lineno, "unknown record '%.40s'", k);
	}
	return 0;
}

grids *grids_read(const char *path, bx_err *err)
{
	FILE *fp = fopen(path, "r");
	tsv_reader r;
	grids *g;
	grid_table *t = NULL;
	int ended = 0, rc;

	if (!fp) {
		err_at(err, path, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	tsv_reader_init(&r, fp, path);
	g = grids_new("");
	rc = tsv_expect_header(&r, GRIDS_MAGIC, GRIDS_VERSION, err);
	while (rc == 0) {
		int got = tsv_next(&r, err);
		if (got <= 0) {
			rc = got;
			break;
		}
		rc = grids_record(&r, g, &t, &ended, err);
	}
	if (rc == 0 && !ended)
		rc = err_at(err, path, r.lineno, "no 'end' record (truncated file?)");
	tsv_reader_release(&r);
	fclose(fp);
	if (rc != 0) {
		grids_free(g);
		return NULL;
	}
	return g;
}

/* The label of cell (R, K) (g_free): the nearest cell of type text on its left
 * in its row (the right block of a 收入 | 支出 table names its own rows; a form's
 * field name stands just before its value; an indicator's sign, unit and target
 * are typed otherwise and skipped), spaces removed; else the row's label. */
char *grid_cell_label(grid_table *t, long r, long k)
{
	for (long c = k - 1; c >= 0; c--) {
		grid_cell *x = grid_at(t, r, c);
		if (!strcmp(x->type, "text") && *x->text) {
			GString *o = g_string_new(NULL);
			for (const char *p = x->text; *p; p++)
				if (*p != ' ')
					g_string_append_c(o, *p);
			return g_string_free(o, FALSE);
		}
	}
	return g_strdup(t->row[r].label);
}

/* The header path of cell (R, K): its own (a form's indicator), else its
 * column's for its row's block. */
const char *grid_cell_path(grid_table *t, long r, long k)
{
	const grid_cell *x = grid_at(t, r, k);
	if (x->path)
		return x->path;
	return t->row[r].block && *t->path2[k] ? t->path2[k] : t->path[k];
}
