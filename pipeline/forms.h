/* forms.h — performance-target forms (绩效目标表) in the tables stage.
 *
 * A form is a table whose rows are fields (项目名称 | … , 当年预算 | 4.32: each
 * number labelled by the key on its left, under no header) until an in-table
 * header row names the columns of the indicator rows below it (绩效指标 | 指标名称 |
 * 指标权重 | 计量单位 | 指标性质 | 指标值).  The column kinds that header names, its
 * roles, come from the `form-column` rules of rules/tables.rules:
 *
 *   value   the indicator's target (指标值)
 *   weight  its weight (指标权重, 权重 (%))
 *   sign    its comparison (指标性质: ≥, ＝, 定性; the `sign` rules say which texts)
 *   unit    its unit of measure (计量单位, 度量单位: 件, %, 万元/年)
 *
 * Used by tabulate.c only; the grid it works on is built (tabulate.h).
 */
#ifndef BX_FORMS_H
#define BX_FORMS_H

#include "grids.h"
#include "rules.h"

/* Whether row R of T is a form's in-table header: it holds no amount, and its
 * cells name at least two different roles. */
int forms_is_header(grid_table *t, long r, rules_set *rs);

/* Reads the rows under each in-table header of T (a row below it up to the next
 * one): the header row gets role `header`; each amount gets as its own path the
 * header's text over the column of its role (grid_cell.path); the texts of the
 * sign and unit columns are typed `sign` and `unit`, so no number takes them as
 * its label.  A row whose amounts and signs do not all stand in columns of their
 * role (a cell lost before them, or a header printed in another order than its
 * rows) is read by meaning: a sign is followed by the value, then its unit; any
 * other amount is the weight.  Does nothing to a table without such a header. */
void forms_read(grid_table *t, rules_set *rs);

#endif
