/* test_forms.c — performance-target forms (pipeline/forms.h) with the project's
 * rules/tables.rules: which rows are in-table headers, and how the rows below one
 * are read (cell types and paths), by position when they fit the header and by
 * meaning when they do not.  Each case is a small form written as TAB-separated
 * rows, and the expected type and path of some of its cells. */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "../pipeline/forms.h"
#include "../pipeline/number.h"
#include "../pipeline/rules.h"

/* A form: its rows, then the expected (row, col, type, path) of some cells;
 * path NULL: the cell has no path of its own. */
typedef struct {
	long row, col;
	const char *type, *path;
} cell_want;

static const char *const form_rows[] = {
	"当年预算\t4.32",
	"绩效指标\t指标名称\t指标权重\t计量单位\t指标性质\t指标值",
	"\t平台办结率\t10\t%\t≥\t95",      /* fits the header */
	"\t服务对象满意度\t5\t\t定性\t满意", /* fits: a qualitative target */
	"培训记录条数\t10\t≥\t40\t条",      /* a cell lost before it: read by meaning */
};

static const cell_want form_want[] = {
	{ 0, 1, "number", NULL },
	{ 2, 2, "number", "指标权重" },
	{ 2, 3, "unit", NULL },
	{ 2, 4, "sign", NULL },
	{ 2, 5, "number", "指标值" },
	{ 3, 2, "number", "指标权重" },
	{ 3, 4, "sign", NULL },
	{ 3, 5, "target", NULL },
	{ 4, 0, "text", NULL },
	{ 4, 1, "number", "指标权重" },
	{ 4, 2, "sign", NULL },
	{ 4, 3, "number", "指标值" },
	{ 4, 4, "unit", NULL },
};

/* The grid of N TAB-separated ROWS, each cell typed as the tables stage types it. */
static grids *make_grid(const char *const *rows, long n)
{
	grids *g = grids_new("t");
	long cols = 0;
	grid_table *t;

	for (long r = 0; r < n; r++) {
		gchar **f = g_strsplit(rows[r], "\t", -1);
		cols = MAX(cols, (long)g_strv_length(f));
		g_strfreev(f);
	}
	t = grids_add_table(g, 1, "tabs", n, cols);
	for (long r = 0; r < n; r++) {
		gchar **f = g_strsplit(rows[r], "\t", -1);
		for (long c = 0; f[c]; c++) {
			char *val = NULL;
			num_type nt = number_parse(f[c], &val);
			if (*f[c])
				grid_set(t, r, c, number_type_name(nt), val, f[c]);
			g_free(val);
		}
		g_strfreev(f);
	}
	return g;
}

static rules_set *load_rules(void)
{
	bx_err err;
	rules_set *rs = rules_load("rules/tables.rules", &err);
	cr_assert_not_null(rs, "%s", err.msg);
	return rs;
}

Test(forms, in_table_header_rows)
{
	static const char *const rows[] = {
		"绩效指标\t指标名称\t指标权重\t计量单位\t指标性质\t指标值", /* four roles */
		"\t一级指标\t三级指标\t指标值\t度量单位\t权重 (%)",          /* spaced 权重 (%) */
		"\t指标名称\t指标值",                                        /* one role only */
		"\t指标权重\t10\t指标值",                                    /* holds an amount */
	};
	rules_set *rs = load_rules();
	grids *g = make_grid(rows, G_N_ELEMENTS(rows));
	grid_table *t = g_ptr_array_index(g->tables, 0);

	cr_assert(forms_is_header(t, 0, rs));
	cr_assert(forms_is_header(t, 1, rs));
	cr_assert_not(forms_is_header(t, 2, rs));
	cr_assert_not(forms_is_header(t, 3, rs));
	grids_free(g);
	rules_free(rs);
}

Test(forms, rows_by_position_and_by_meaning)
{
	rules_set *rs = load_rules();
	grids *g = make_grid(form_rows, G_N_ELEMENTS(form_rows));
	grid_table *t = g_ptr_array_index(g->tables, 0);

	forms_read(t, rs);
	cr_assert_str_eq(t->row[0].role, "body");
	cr_assert_str_eq(t->row[1].role, "header");
	for (size_t i = 0; i < G_N_ELEMENTS(form_want); i++) {
		const cell_want *w = &form_want[i];
		grid_cell *x = grid_at(t, w->row, w->col);
		cr_expect_str_eq(x->type, w->type, "cell %ld,%ld: type %s, expected %s", w->row, w->col, x->type, w->type);
		if (w->path)
			cr_expect(x->path && !strcmp(x->path, w->path), "cell %ld,%ld: path %s, expected %s", w->row,
			          w->col, x->path ? x->path : "(none)", w->path);
		else
			cr_expect_null(x->path, "cell %ld,%ld: path %s, expected none", w->row, w->col, x->path);
	}
	grids_free(g);
	rules_free(rs);
}

Test(forms, table_without_in_table_header_untouched)
{
	static const char *const rows[] = { "项目\t预算数", "一般公共服务支出\t1,664.80" };
	rules_set *rs = load_rules();
	grids *g = make_grid(rows, G_N_ELEMENTS(rows));
	grid_table *t = g_ptr_array_index(g->tables, 0);

	forms_read(t, rs);
	cr_assert_str_eq(t->row[0].role, "body");
	cr_assert_null(grid_at(t, 1, 1)->path);
	cr_assert_str_eq(grid_at(t, 1, 1)->type, "number");
	grids_free(g);
	rules_free(rs);
}
