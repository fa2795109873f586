/* test_segment_expected.c — the segment stage against the table inventories and
 * outlines written by reading each corpus document (corpus/expected/, see
 * INVENTORY.md there): every table found with its label, title, kind, unit and
 * pages, none invented; every numbered heading with its level and page. */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/layout.h"
#include "../pipeline/rules.h"
#include "../pipeline/segment.h"

/* Spaces removed, half-width brackets and colons as full-width ones: the form in
 * which a printed title or heading is compared. */
static char *canon(const char *s)
{
	GString *o = g_string_new(NULL);
	if (!strcmp(s, "-"))
		s = "";
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c))
			continue;
		if (c == '(')
			c = 0xFF08;
		else if (c == ')')
			c = 0xFF09;
		else if (c == ':')
			c = 0xFF1A;
		g_string_append_unichar(o, c);
	}
	return g_string_free(o, FALSE);
}

static GPtrArray *read_tsv(const char *path)
{
	gchar *data = NULL;
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	gchar **lines;
	int header = 1;

	cr_assert(g_file_get_contents(path, &data, NULL, NULL), "cannot read %s", path);
	lines = g_strsplit(data, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		if (!*lines[i] || lines[i][0] == '#')
			continue;
		if (header) {
			header = 0;
			continue;
		}
		g_ptr_array_add(rows, g_strsplit(lines[i], "\t", -1));
	}
	g_strfreev(lines);
	g_free(data);
	return rows;
}

static segments *segment_doc(const char *name, rules_set *rs)
{
	char *src = g_strdup_printf("corpus/seeds/%s.txt", name);
	char *out = g_strdup_printf("%s/bx-seg-%d.bxl", g_get_tmp_dir(), (int)getpid());
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;
	segments *s;

	if (!g_file_test(src, G_FILE_TEST_EXISTS)) {
		g_free(src);
		src = g_strdup_printf("corpus/real/%s.pdf", name);
	}
	extract_opts_init(&o);
	o.input = src;
	o.output = out;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s: %s", src, err.msg);
	L = layout_read(out, &err);
	cr_assert_not_null(L, "%s", err.msg);
	s = segment_layout(L, rs);
	layout_doc_free(L);
	unlink(out);
	g_free(out);
	g_free(src);
	return s;
}

static void compare_tables(const char *name, const segments *s, GPtrArray *want, int *bad)
{
	guint n = MAX(want->len, s->tables->len);
	if (want->len != s->tables->len) {
		cr_log_error("%s: %u tables found, %u expected", name, s->tables->len, want->len);
		(*bad)++;
	}
	for (guint i = 0; i < n; i++) {
		gchar **w = i < want->len ? g_ptr_array_index(want, i) : NULL;
		const seg_table *t = i < s->tables->len ? &g_array_index(s->tables, seg_table, i) : NULL;
		char *wt, *gt, *wl, *gl;
		char got_pages[32], want_pages[32];
		if (!w || !t || g_strv_length(w) < 6) {
			cr_log_error("%s table %u: expected %s, found %s", name, i + 1, w ? w[1] : "(none)", t ? t->title : "(none)");
			(*bad)++;
			continue;
		}
		wt = canon(w[1]);
		gt = canon(t->title);
		wl = canon(w[0]);
		gl = canon(t->label);
		g_snprintf(got_pages, sizeof got_pages, "%ld-%ld", t->first, t->last);
		g_snprintf(want_pages, sizeof want_pages, "%s-%s", w[4], w[5]);
		if (strcmp(wt, gt) || strcmp(wl, gl) || strcmp(w[2], t->kind) ||
		    strcmp(!strcmp(w[3], "-") ? "" : w[3], t->unit) || strcmp(got_pages, want_pages)) {
			cr_log_error("%s table %u: expected [%s|%s|%s|%s|%s], found [%s|%s|%s|%s|%s]", name, i + 1, w[0], w[1],
			             w[2], w[3], want_pages, t->label, t->title, t->kind, t->unit, got_pages);
			(*bad)++;
		}
		g_free(wt);
		g_free(gt);
		g_free(wl);
		g_free(gl);
	}
}

static void compare_outline(const char *name, const segments *s, GPtrArray *want, int *bad)
{
	guint n = MAX(want->len, s->headings->len);
	for (guint i = 0; i < n; i++) {
		gchar **w = i < want->len ? g_ptr_array_index(want, i) : NULL;
		const seg_heading *h = i < s->headings->len ? &g_array_index(s->headings, seg_heading, i) : NULL;
		char *wt = w ? canon(w[1]) : g_strdup(""), *ht = h ? canon(h->text) : g_strdup("");
		if (!w || !h || strcmp(wt, ht) || strtol(w[0], NULL, 10) != h->level || strtol(w[2], NULL, 10) != h->page) {
			cr_log_error("%s heading %u: expected [%s|%s|p%s], found [%ld|%s|p%ld]", name, i + 1, w ? w[0] : "-",
			             w ? w[1] : "(none)", w ? w[2] : "-", h ? h->level : 0, h ? h->text : "(none)", h ? h->page : 0);
			(*bad)++;
			g_free(wt);
			g_free(ht);
			break; /* one shift makes every later heading differ: report the first */
		}
		g_free(wt);
		g_free(ht);
	}
}

static void run_all(int outline)
{
	GDir *d = g_dir_open("corpus/expected", 0, NULL);
	const char *f;
	bx_err err;
	rules_set *rs = rules_load("rules/segment.rules", &err);
	int bad = 0, docs = 0;

	cr_assert_not_null(d);
	cr_assert_not_null(rs, "%s", err.msg);
	while ((f = g_dir_read_name(d)) != NULL) {
		char *name, *path;
		GPtrArray *want;
		segments *s;
		if (!g_str_has_suffix(f, outline ? ".outline.tsv" : ".inventory.tsv"))
			continue;
		name = g_strndup(f, strlen(f) - strlen(outline ? ".outline.tsv" : ".inventory.tsv"));
		path = g_build_filename("corpus/expected", f, NULL);
		want = read_tsv(path);
		s = segment_doc(name, rs);
		if (outline)
			compare_outline(name, s, want, &bad);
		else
			compare_tables(name, s, want, &bad);
		docs++;
		segments_free(s);
		g_ptr_array_unref(want);
		g_free(path);
		g_free(name);
	}
	g_dir_close(d);
	rules_free(rs);
	cr_assert_eq(docs, 11, "expected files for the 5 seeds and 6 real PDFs, found %d", docs);
	cr_assert_eq(bad, 0, "%d differences from corpus/expected (listed above)", bad);
}

/* Metadata read on each cover (corpus/expected/metadata.tsv). */
Test(segment_expected, metadata)
{
	static const char *const keys[] = { "issuer", "year", "kind", "scope", "amount_unit" };
	GPtrArray *want = read_tsv("corpus/expected/metadata.tsv");
	bx_err err;
	rules_set *rs = rules_load("rules/segment.rules", &err);
	int bad = 0;

	cr_assert_not_null(rs, "%s", err.msg);
	cr_assert_eq(want->len, 11);
	for (guint i = 0; i < want->len; i++) {
		gchar **w = g_ptr_array_index(want, i);
		segments *s = segment_doc(w[0], rs);
		for (int k = 0; k < 5; k++)
			if (strcmp(segments_meta(s, keys[k]), w[k + 1]) != 0) {
				cr_log_error("%s: %s is '%s', expected '%s'", w[0], keys[k], segments_meta(s, keys[k]), w[k + 1]);
				bad++;
			}
		segments_free(s);
	}
	rules_free(rs);
	g_ptr_array_unref(want);
	cr_assert_eq(bad, 0, "%d metadata differences (listed above)", bad);
}

/* Named cases of the inventory test, so a regression names the trap it fell in. */
static void one_doc(const char *name)
{
	char *path = g_strdup_printf("corpus/expected/%s.inventory.tsv", name);
	GPtrArray *want = read_tsv(path);
	bx_err err;
	rules_set *rs = rules_load("rules/segment.rules", &err);
	segments *s;
	int bad = 0;

	cr_assert_not_null(rs, "%s", err.msg);
	s = segment_doc(name, rs);
	compare_tables(name, s, want, &bad);
	segments_free(s);
	rules_free(rs);
	g_ptr_array_unref(want);
	g_free(path);
	cr_assert_eq(bad, 0, "%s: %d differences (listed above)", name, bad);
}

/* seed 004: tables split with a repeated title and header, ten 附件12 project tables */
Test(segment_expected, seed_004_continued_tables)
{
	one_doc("004_67cab9fc0809f1f8");
}

/* seed 002: rows whose title and header were lost with a page (表七) */
Test(segment_expected, seed_002_lost_title)
{
	one_doc("002_a76c5e7673ca46c8");
}

/* seed 003: markdown headings, tables without 表N labels */
Test(segment_expected, seed_003_markdown_unlabelled)
{
	one_doc("003_c3e83a99f8a00b71");
}

/* the landscape Shanghai unit budget, tables over two pages, a contents page */
Test(segment_expected, landscape_unit_budget)
{
	one_doc("unit_budget");
}

Test(segment_expected, table_inventory)
{
	run_all(0);
}

Test(segment_expected, outline)
{
	run_all(1);
}
