/* test_rules.c — rule files: loading, refusal of malformed files with file:line
 * and the PCRE2 message, and a new title variant added by one line. */
#include <criterion/criterion.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../pipeline/rules.h"
#include "../pipeline/segment.h"

static char *write_rules(const char *text)
{
	char *path = g_strdup_printf("%s/bx-rules-%d-%d.rules", g_get_tmp_dir(), (int)getpid(), g_random_int_range(0, 1 << 30));
	FILE *fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
	return path;
}

Test(rules, project_rule_files_load)
{
	const char *files[] = { "rules/segment.rules", "rules/tables.rules", "rules/narrative.rules", "rules/checks.rules" };
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		bx_err err;
		rules_set *rs = rules_load(files[i], &err);
		cr_assert_not_null(rs, "%s:%ld: %s", err.file, err.line, err.msg);
		cr_assert_gt(rs->n, 0);
		for (size_t k = 0; k < rs->n; k++)
			cr_assert_gt(strlen(rs->v[k].comment), 0, "rule %s has no comment", rs->v[k].id);
		rules_free(rs);
	}
}

Test(rules, bad_pattern_refused_with_line_and_pcre2_message)
{
	char *path = write_rules("# fine\nok title x ^a$\n\n# broken\nbad title y ^(unclosed\n");
	bx_err err;
	cr_assert_null(rules_load(path, &err));
	cr_assert_str_eq(err.file, path);
	cr_assert_eq(err.line, 5);
	cr_assert(strstr(err.msg, "pcre2") && strstr(err.msg, "missing closing parenthesis"), "message: %s", err.msg);
	unlink(path);
	g_free(path);
}

Test(rules, missing_fields_duplicates_and_comments_refused)
{
	bx_err err;
	char *p1 = write_rules("# c\nonly-two fields\n");
	char *p2 = write_rules("# c\na title x ^a$\n# d\na title y ^b$\n");
	char *p3 = write_rules("a title x ^a$\n");
	cr_assert_null(rules_load(p1, &err));
	cr_assert_eq(err.line, 2);
	cr_assert_null(rules_load(p2, &err));
	cr_assert(strstr(err.msg, "duplicate rule id 'a'") != NULL, "message: %s", err.msg);
	cr_assert_eq(err.line, 4);
	cr_assert_null(rules_load(p3, &err));
	cr_assert(strstr(err.msg, "no comment") != NULL, "message: %s", err.msg);
	unlink(p1);
	unlink(p2);
	unlink(p3);
	g_free(p1);
	g_free(p2);
	g_free(p3);
}

Test(rules, named_groups_and_match_order)
{
	char *path = write_rules("# year\ny year - (?<year>20\\d\\d)\\s*年\n# first\nk1 kind a 预算\nk2 kind b 预\n");
	bx_err err;
	rules_set *rs = rules_load(path, &err);
	const char *text = "2024 年部门预算";
	const rule *r;
	char *g;
	cr_assert_not_null(rs);
	r = rules_match(rs, "year", text, NULL, NULL);
	cr_assert_not_null(r);
	g = rules_group(rs, r, text, "year");
	cr_assert_str_eq(g, "2024");
	g_free(g);
	cr_assert_str_eq(rules_match(rs, "kind", text, NULL, NULL)->value, "a");
	cr_assert_null(rules_match(rs, "none", text, NULL, NULL));
	rules_free(rs);
	unlink(path);
	g_free(path);
}

/* An analyst adds a title variant with one line: a title the shipped rules do not
 * know becomes a table of the new kind. */
Test(rules, one_line_adds_a_title_variant)
{
	const char *title = "2025年部门国库集中支付结余情况表";
	gchar *shipped = NULL;
	char *path;
	bx_err err;
	rules_set *rs;

	cr_assert(g_file_get_contents("rules/segment.rules", &shipped, NULL, NULL));
	path = write_rules(shipped);
	rs = rules_load(path, &err);
	cr_assert_not_null(rs, "%s", err.msg);
	cr_assert_null(rules_match(rs, "title", title, NULL, NULL));
	rules_free(rs);
	unlink(path);
	g_free(path);
	{
		char *more = g_strconcat("# 国库集中支付结余情况表 (a new local table)\n"
		                         "t-treasury-balance title treasury_balance 国库集中支付结余.*表\n", shipped, NULL);
		path = write_rules(more);
		g_free(more);
	}
	rs = rules_load(path, &err);
	cr_assert_not_null(rs, "%s", err.msg);
	cr_assert_str_eq(rules_match(rs, "title", title, NULL, NULL)->value, "treasury_balance");
	rules_free(rs);
	unlink(path);
	g_free(path);
	g_free(shipped);
}
