/* test_narrative_expected.c — the narrative facts (narrative_extract with
 * rules/narrative.rules) against the amounts, shares and changes written by
 * reading three seeds (corpus/expected/<seed>.narrative.csv, see NARRATIVE.md
 * there): for each seed, extract → segment → narrative_extract in-process, keep
 * the facts of the sections in scope (first section component), and compare
 * them with the expected rows as multisets, per section, of
 * (subject, measure, value, unit).  Every missing and every extra fact is
 * logged with the seed and its section; the test fails if there is any.
 *
 * The expected files carry "#" comment lines, which csvin_read does not skip:
 * the test copies the file without its comment lines to a temporary file and
 * parses that with csvin_read (blank lines are dropped too; a comment line must not sit inside a quoted
 * multi-line field; the expected files have none). */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "../extractors/extract.h"
#include "../pipeline/csvio.h"
#include "../pipeline/layout.h"
#include "../pipeline/narrative.h"
#include "../pipeline/rules.h"
#include "../pipeline/segment.h"

/* One fact as compared: section, subject, measure, value, unit. */
typedef struct {
	char *section, *subject, *measure, *value, *unit;
} nx_fact;

typedef struct {
	GArray *rows; /* nx_fact, in file order */
	const char *path;
	int bad; /* malformed records */
} nx_read;

static void nx_fact_clear(gpointer p)
{
	nx_fact *f = p;
	g_free(f->section);
	g_free(f->subject);
	g_free(f->measure);
	g_free(f->value);
	g_free(f->unit);
}

static GArray *nx_facts_new(void)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(nx_fact));
	g_array_set_clear_func(a, nx_fact_clear);
	return a;
}

/* The comparison key of a fact within its section. */
static char *nx_key(const nx_fact *f)
{
	return g_strdup_printf("%s\x1f%s\x1f%s\x1f%s", f->subject, f->measure, f->value, f->unit);
}

/* The first component of a section ("二/（一）/1" → "二"). */
static char *nx_top(const char *section)
{
	const char *slash = strchr(section, '/');
	return slash ? g_strndup(section, (gsize)(slash - section)) : g_strdup(section);
}

static int nx_in_scope(const char *section, const char *const *scope)
{
	char *top = nx_top(section);
	int in = 0;
	for (int i = 0; scope[i] && !in; i++)
		in = !strcmp(top, scope[i]);
	g_free(top);
	return in;
}

static int nx_record(void *ctx, char **fields, int n, long record)
{
	nx_read *r = ctx;
	nx_fact f;
	if (record == 1) { /* the header */
		if (n != 5 || strcmp(fields[0], "section") || strcmp(fields[1], "subject") || strcmp(fields[2], "measure") ||
		    strcmp(fields[3], "value") || strcmp(fields[4], "unit")) {
			cr_log_error("%s: header is not section,subject,measure,value,unit", r->path);
			r->bad++;
		}
		return 0;
	}
	if (n != 5) {
		cr_log_error("%s: record %ld has %d fields, 5 expected", r->path, record, n);
		r->bad++;
		return 0;
	}
	f.section = g_strdup(fields[0]);
	f.subject = g_strdup(fields[1]);
	f.measure = g_strdup(fields[2]);
	f.value = g_strdup(fields[3]);
	f.unit = g_strdup(fields[4]);
	g_array_append_val(r->rows, f);
	return 0;
}

/* Reads corpus/expected/NAME.narrative.csv, its "#" lines removed, with csvin_read. */
static GArray *read_expected(const char *name, int *bad)
{
	char *path = g_strdup_printf("corpus/expected/%s.narrative.csv", name);
	char *tmp = g_strdup_printf("%s/bx-narr-%s-%d.csv", g_get_tmp_dir(), name, (int)getpid());
	gchar *data = NULL, **lines;
	GString *clean = g_string_new(NULL);
	nx_read r = { nx_facts_new(), path, 0 };
	bx_err err;
	int rc;

	cr_assert(g_file_get_contents(path, &data, NULL, NULL), "cannot read %s", path);
	lines = g_strsplit(data, "\n", -1);
	for (int i = 0; lines[i]; i++) {
		if (lines[i][0] == '#' || !*lines[i])
			continue;
		g_string_append(clean, lines[i]);
		g_string_append_c(clean, '\n');
	}
	g_strfreev(lines);
	g_free(data);
	cr_assert(g_file_set_contents(tmp, clean->str, (gssize)clean->len, NULL), "cannot write %s", tmp);
	g_string_free(clean, TRUE);
	rc = csvin_read(tmp, nx_record, &r, &err);
	unlink(tmp);
	cr_assert_eq(rc, 0, "%s: %s", path, rc < 0 ? err.msg : "reading stopped");
	*bad += r.bad;
	g_free(tmp);
	g_free(path);
	return r.rows;
}

/* extract → segment → narrative_extract on corpus/seeds/NAME.txt; the facts of
 * the sections in SCOPE. */
static GArray *program_facts(const char *name, const char *const *scope, rules_set *seg_rules, rules_set *nar_rules)
{
	char *src = g_strdup_printf("corpus/seeds/%s.txt", name);
	char *out = g_strdup_printf("%s/bx-narr-%s-%d.bxl", g_get_tmp_dir(), name, (int)getpid());
	GArray *got = nx_facts_new(), *facts;
	extract_opts o;
	bx_status st;
	bx_err err;
	layout_doc *L;
	segments *s;

	extract_opts_init(&o);
	o.input = src;
	o.output = out;
	cr_assert_eq(extract_run(&o, &st, &err), 0, "%s: %s", src, err.msg);
	L = layout_read(out, &err);
	cr_assert_not_null(L, "%s", err.msg);
	s = segment_layout(L, seg_rules);
	layout_doc_free(L);
	unlink(out);
	facts = narrative_extract(s, nar_rules);
	for (guint i = 0; i < facts->len; i++) {
		const narrative_fact *nf = &g_array_index(facts, narrative_fact, i);
		nx_fact f;
		if (!nf->section || !nx_in_scope(nf->section, scope))
			continue;
		f.section = g_strdup(nf->section);
		f.subject = g_strdup(nf->subject ? nf->subject : "");
		f.measure = g_strdup(nf->measure ? nf->measure : "");
		f.value = g_strdup(nf->value ? nf->value : "");
		f.unit = g_strdup(nf->unit ? nf->unit : "");
		g_array_append_val(got, f);
	}
	g_array_unref(facts);
	segments_free(s);
	g_free(out);
	g_free(src);
	return got;
}

/* Counts of section + key over FACTS. */
static GHashTable *nx_counts(const GArray *facts)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < facts->len; i++) {
		const nx_fact *f = &g_array_index(facts, nx_fact, i);
		char *k = nx_key(f), *sk = g_strdup_printf("%s\x1e%s", f->section, k);
		gpointer old = g_hash_table_lookup(h, sk);
		g_hash_table_replace(h, sk, GINT_TO_POINTER(GPOINTER_TO_INT(old) + 1));
		g_free(k);
	}
	return h;
}

/* Logs each fact of FROM not matched (as a multiset, per section) in AGAINST,
 * as WHAT ("missing" or "extra"), in the order of FROM.  Returns how many. */
static int nx_diff(const char *name, const char *what, const GArray *from, const GArray *against)
{
	GHashTable *left = nx_counts(against);
	int n = 0;
	for (guint i = 0; i < from->len; i++) {
		const nx_fact *f = &g_array_index(from, nx_fact, i);
		char *k = nx_key(f), *sk = g_strdup_printf("%s\x1e%s", f->section, k);
		int c = GPOINTER_TO_INT(g_hash_table_lookup(left, sk));
		if (c > 0) {
			g_hash_table_insert(left, g_strdup(sk), GINT_TO_POINTER(c - 1));
		} else {
			cr_log_error("%s [%s] %s fact: %s,%s,%s,%s", name, f->section, what, f->subject, f->measure, f->value,
			             f->unit);
			n++;
		}
		g_free(sk);
		g_free(k);
	}
	g_hash_table_destroy(left);
	return n;
}

static void check_seed(const char *name, const char *const *scope)
{
	bx_err err;
	rules_set *seg_rules = rules_load("rules/segment.rules", &err);
	rules_set *nar_rules;
	GArray *want, *got;
	int bad = 0, missing, extra;

	cr_assert_not_null(seg_rules, "%s", err.msg);
	nar_rules = rules_load("rules/narrative.rules", &err);
	cr_assert_not_null(nar_rules, "%s", err.msg);
	want = read_expected(name, &bad);
	cr_assert_gt(want->len, 0, "%s: no expected facts", name);
	for (guint i = 0; i < want->len; i++) {
		const nx_fact *f = &g_array_index(want, nx_fact, i);
		if (!nx_in_scope(f->section, scope)) {
			cr_log_error("%s: expected fact in section %s, outside the sections in scope", name, f->section);
			bad++;
		}
	}
	got = program_facts(name, scope, seg_rules, nar_rules);
	missing = nx_diff(name, "missing", want, got);
	extra = nx_diff(name, "extra", got, want);
	cr_log_info("%s: %u expected facts, %u found, %d missing, %d extra", name, want->len, got->len, missing, extra);
	g_array_unref(want);
	g_array_unref(got);
	rules_free(nar_rules);
	rules_free(seg_rules);
	cr_assert_eq(bad, 0, "%s: %d malformed expected rows (listed above)", name, bad);
	cr_assert_eq(missing + extra, 0, "%s: %d missing and %d extra narrative facts (listed above)", name, missing,
	             extra);
}

static const char *const scope_2_to_5[] = { "二", "三", "四", "五", NULL };
static const char *const scope_2_3[] = { "二", "三", NULL };

Test(narrative_expected, seed_000)
{
	check_seed("000_c2b4d63b8c9ccf28", scope_2_to_5);
}

Test(narrative_expected, seed_001)
{
	check_seed("001_83c8dc19851a9adc", scope_2_3);
}

Test(narrative_expected, seed_004)
{
	check_seed("004_67cab9fc0809f1f8", scope_2_to_5);
}
