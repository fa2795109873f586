/* forms.c — the indicator rows of performance-target forms (see forms.h).
 *
 * A row under an in-table header is read literally when it fits the header:
 * every amount stands in a value or weight column and every sign in the sign
 * column.  Otherwise it is read by meaning (forms.h).  Either way only cell types
 * and cell paths change; no cell moves, so tables/NNN.csv keeps the rows as printed.
 */
#include "forms.h"

#include <string.h>

typedef enum { FORM_VALUE, FORM_WEIGHT, FORM_SIGN, FORM_UNIT, FORM_NROLES } form_role;

static const char *const forms_role_names[FORM_NROLES] = { "value", "weight", "sign", "unit" };
/* The cell type of a text in a column of each role (a text weight stays text). */
static const char *const forms_text_types[FORM_NROLES] = { "target", "text", "sign", "unit" };

/* TEXT's rule of class CLS, or NULL. */
static const rule *forms_match(rules_set *rs, const char *cls, const char *text)
{
	return *text ? rules_match(rs, cls, text, NULL, NULL) : NULL;
}

/* The role a header cell's text names, or -1. */
static int forms_role(rules_set *rs, const char *text)
{
	const rule *ru = forms_match(rs, "form-column", text);
	for (int k = 0; ru && k < FORM_NROLES; k++)
		if (!strcmp(ru->value, forms_role_names[k]))
			return k;
	return -1;
}

static int forms_is_amount(const grid_cell *x)
{
	return !strcmp(x->type, "number") || !strcmp(x->type, "percent");
}

static int forms_is_sign(rules_set *rs, const grid_cell *x)
{
	return !strcmp(x->type, "text") && forms_match(rs, "sign", x->text) != NULL;
}

int forms_is_header(grid_table *t, long r, rules_set *rs)
{
	int seen[FORM_NROLES] = { 0 }, kinds = 0;

	for (long c = 0; c < t->cols; c++) {
		grid_cell *x = grid_at(t, r, c);
		int role;
		if (forms_is_amount(x))
			return 0;
		role = forms_role(rs, x->text);
		if (role >= 0 && !seen[role]++)
			kinds++;
	}
	return kinds >= 2;
}

/* Retypes the text cell X as TYPE (sign, unit). */
static void forms_retype(grid_cell *x, const char *type)
{
	if (strcmp(x->type, "text") != 0)
		return;
	g_free(x->type);
	x->type = g_strdup(type);
}

/* Gives cell (R, K) the text of header row H over column COL as its path. */
static void forms_path(grid_table *t, long r, long k, long h, long col)
{
	grid_cell *x = grid_at(t, r, k);
	g_free(x->path);
	x->path = g_strdup(grid_at(t, h, col)->text);
}

/* Whether row R fits the column roles ROLES (see the file comment). */
static int forms_fits(grid_table *t, long r, const int *roles, rules_set *rs)
{
	for (long k = 0; k < t->cols; k++) {
		grid_cell *x = grid_at(t, r, k);
		if (forms_is_amount(x) && roles[k] != FORM_VALUE && roles[k] != FORM_WEIGHT)
			return 0;
		if (forms_is_sign(rs, x) && roles[k] != FORM_SIGN)
			return 0;
	}
	return 1;
}

/* Row R read literally, under header row H. */
static void forms_literal(grid_table *t, long r, long h, const int *roles)
{
	for (long k = 0; k < t->cols; k++) {
		grid_cell *x = grid_at(t, r, k);
		if (forms_is_amount(x))
			forms_path(t, r, k, h, k);
		else if (roles[k] >= 0 && roles[k] != FORM_WEIGHT)
			forms_retype(x, forms_text_types[roles[k]]);
	}
}

/* Row R read by meaning, under header row H whose column of each role is
 * ROLE_COL[role] (-1: none; the amount then keeps its own column's header). */
static void forms_by_meaning(grid_table *t, long r, long h, const long *role_col, rules_set *rs)
{
	for (long k = 0; k < t->cols; k++) {
		grid_cell *x = grid_at(t, r, k);
		int value = k > 0 && !strcmp(grid_at(t, r, k - 1)->type, "sign");
		long col;
		if (forms_is_sign(rs, x)) {
			forms_retype(x, "sign");
			continue;
		}
		if (!forms_is_amount(x)) {
			if (value)
				forms_retype(x, "target"); /* 定性 | 高 */
			continue;
		}
		col = role_col[value ? FORM_VALUE : FORM_WEIGHT];
		forms_path(t, r, k, h, col >= 0 ? col : k);
		if (value && k + 1 < t->cols)
			forms_retype(grid_at(t, r, k + 1), "unit");
	}
}

/* Reads the rows below header row H up to the next header (or the end); returns
 * the row after them. */
static long forms_section(grid_table *t, long h, rules_set *rs)
{
	int *roles = g_new(int, t->cols ? t->cols : 1);
	long role_col[FORM_NROLES] = { -1, -1, -1, -1 }, r;

	for (long c = 0; c < t->cols; c++) {
		roles[c] = forms_role(rs, grid_at(t, h, c)->text);
		if (roles[c] >= 0 && role_col[roles[c]] < 0)
			role_col[roles[c]] = c;
	}
	g_free(t->row[h].role);
	t->row[h].role = g_strdup("header");
	for (r = h + 1; r < t->rows && !forms_is_header(t, r, rs); r++) {
		if (forms_fits(t, r, roles, rs))
			forms_literal(t, r, h, roles);
		else
			forms_by_meaning(t, r, h, role_col, rs);
	}
	g_free(roles);
	return r;
}

void forms_read(grid_table *t, rules_set *rs)
{
	long r = t->header_rows;

	while (r < t->rows && !forms_is_header(t, r, rs))
		r++;
	while (r < t->rows)
		r = forms_section(t, r, rs);
}
