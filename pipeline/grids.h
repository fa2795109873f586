/* grids.h — the tables the tables stage built, and its file grid.bxg.
 *
 * File grammar (records as in tsv.h; an empty text is written "-"):
 *   bx-grid  3
 *   doc      ID
 *   table    NO METHOD ROWS COLS HEADER_ROWS QUALITY
 *            NO as in segments.bxs; METHOD ruled|aligned|tabs|empty; QUALITY 0..1, the
 *            share of body cells that landed in a column holding the same type
 *   col      NO COL PATH            header path of column COL (0-based), parts joined " / "
 *   col2     NO COL PATH            header path of column COL for the rows of the right
 *                                   block of a folded side-by-side table (block 1)
 *   row      NO ROW PAGE ROLE CODE LABEL BLOCK
 *            ROW 0-based; ROLE header|body|total (header: one of the first
 *            HEADER_ROWS rows, or a form's in-table header); CODE the subject code as one digit
 *            string or "-"; LABEL the row's name or "-"; BLOCK 0, or 1 for a row that
 *            was printed in the right half of a side-by-side table and folded under
 *   cell     NO ROW COL TYPE VALUE TEXT
 *            non-empty cells only; TYPE text|code|number|percent|ordinal|sign|unit|
 *            target|blank|bad (ordinal: a row number of a 序号 column, no amount;
 *            sign, unit, target: a form indicator's ≥, 件, 高, never a label);
 *            VALUE the number without separators ("-" unless number/percent);
 *            TEXT the printed text
 *   path     NO ROW COL PATH        header path of the cell just before it, when it is
 *                                   not its column's: an amount of a form's indicator
 *                                   rows, named by the in-table header (指标值, 权重)
 *   status   ok|partial|failed REASON
 *   end
 * grids.c is the only reader and writer.
 */
#ifndef BX_GRIDS_H
#define BX_GRIDS_H

#include <glib.h>
#include "err.h"
#include "status.h"

#define GRIDS_MAGIC "bx-grid"
#define GRIDS_VERSION 3

typedef struct {
	char *type;  /* text code number percent ordinal sign unit target blank bad */
	char *value; /* "" unless number/percent */
	char *text;
	char *path;  /* the cell's own header path, or NULL: its column's (path, path2) */
} grid_cell;

typedef struct {
	long page;
	char *role, *code, *label;
	int block;        /* 1: folded from the right half of a side-by-side table */
} grid_row;

typedef struct {
	long no;
	char *method;
	long rows, cols, header_rows;
	double quality;
	grid_row *row;    /* rows */
	char **path;      /* cols */
	char **path2;     /* cols: paths of block-1 rows ("" when the table was not folded) */
	grid_cell *cell;  /* rows * cols, row-major; empty cells have text "" and type blank */
} grid_table;

typedef struct {
	char *doc;
	GPtrArray *tables; /* grid_table * */
	bx_status status;
	char *error;
} grids;

grids *grids_new(const char *doc);
void grids_free(grids *g);
/* A table of ROWS x COLS empty cells (no rows: ROWS 0), owned by G once added. */
grid_table *grids_add_table(grids *g, long no, const char *method, long rows, long cols);
grid_cell *grid_at(grid_table *t, long r, long c);
/* Sets a cell's type, value and text (copied); its path is left as it is. */
void grid_set(grid_table *t, long r, long c, const char *type, const char *value, const char *text);

/* The label of cell (R, K) (g_free): the nearest text cell on its left in its row
 * (the right block of a 收入 | 支出 table names its own rows), spaces removed;
 * else the row's label.  facts.csv and the reconcile stage name cells by it. */
char *grid_cell_label(grid_table *t, long r, long k);
/* The header path of cell (R, K) (owned by T): its own, else its column's for its row's block. */
const char *grid_cell_path(grid_table *t, long r, long k);

int grids_write(const grids *g, const char *path, bx_err *err);
grids *grids_read(const char *path, bx_err *err);

#endif
