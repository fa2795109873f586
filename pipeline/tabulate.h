/* tabulate.h — the tables stage: table regions to grids of typed cells.
 *
 * For each table region of the segments file, tabulate builds a grid by the
 * method the page offers: from rulings (cells are the bands between vertical
 * and horizontal rulings; a word belongs to the cell its centre falls in, so a
 * vertically centred amount joins its row), from text alignment (columns from
 * the horizontal extents of the words of the data lines, those of the table's
 * other pages of the same width included, so a column blank on one page stays
 * a column; a header word in a gap goes to the column whose span it lies in,
 * the first amount column reaching left by the amount columns' pitch), or from
 * TABs (text
 * inputs).  Pages of one table are concatenated and repeated header rows
 * dropped; header rows give each column its header path; each row gets its
 * subject code (one column or 类|款|项 columns joined), its label and its role;
 * each cell is typed and its number parsed (number.h).  Performance-target
 * forms (绩效目标表) get their in-table header and indicator rows read by forms.h.
 * Rules: rules/tables.rules.
 */
#ifndef BX_TABULATE_H
#define BX_TABULATE_H

#include "grids.h"
#include "layout.h"
#include "rules.h"
#include "segments.h"

grids *tabulate(const layout_doc *layout, const segments *segs, rules_set *rules);

/* The stage: reads the three inputs, writes OUT_PATH atomically. Returns 0 and
 * sets *STATUS, or -1 with ERR set. */
int tabulate_run(const char *layout_path, const char *segments_path, const char *rules_path,
                 const char *out_path, bx_status *status, bx_err *err);

#endif
