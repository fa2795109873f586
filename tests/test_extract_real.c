/* tests/test_extract_real.c — Criterion tests of the PDF extractor (extractors/extract.c,
   pdf.c) against hand readings of real pages.

   tests/data/extract_expected.tsv holds, for three pages of each PDF of corpus/real/ (a
   narrative page, a table page and the hardest page), what a person reads on the rendered
   page: the number of text lines (one visual row of text across the whole page width,
   optionally N±T where the page is ambiguous), 2–4 lines exactly as printed (cells joined by a
   TAB, written \t in the file) and the orientation.  hand_readings runs the extract stage
   in-process once per distinct file (extract_run into a private temporary folder, then
   layout_read), and checks every row: the page's line count within the tolerance, that one
   line of the page has exactly the given text, and the page's orientation.  Every mismatch is
   reported with the file, the page and what differed (for a missing text, the closest line
   the extractor gave).  table_well_formed checks the file itself: header, kinds, values, and
   at least three pages of each of six files.  Paths are relative to the repository root (the
   test also looks one and two levels up, so it runs from tests/ too); the temporary folder is
   removed, and the test fails if the extractor left anything in it. */
#include <criterion/criterion.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../extractors/extract.h"
#include "../pipeline/layout.h"

#define EXPECTED "tests/data/extract_expected.tsv"
#define HEADER "file\tpage\tkind\tvalue"

typedef struct {
	char *file;  /* name in corpus/real/ */
	long page;   /* 1-based */
	char *kind;  /* lines | text | orient */
	char *value; /* unescaped (\t is a TAB) */
	int lineno;  /* line in EXPECTED, for messages */
} expect_row;

static const char *root_dir(void)
{
	static const char *const cands[] = {".", "..", "../.."};
	for (size_t i = 0; i < G_N_ELEMENTS(cands); i++) {
		char *path = g_build_filename(cands[i], EXPECTED, NULL);
		int ok = g_file_test(path, G_FILE_TEST_IS_REGULAR);
		g_free(path);
		if (ok)
			return cands[i];
	}
	return NULL;
}

/* The file's escapes: \t is a TAB, \\ a backslash; any other backslash stays as it is. */
static char *unescape(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == 't') {
			g_string_append_c(out, '\t');
			p++;
		} else if (p[0] == '\\' && p[1] == '\\') {
			g_string_append_c(out, '\\');
			p++;
		} else {
			g_string_append_c(out, *p);
		}
	}
	return g_string_free(out, FALSE);
}

/* TABs back to \t, for messages. */
static char *escape(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p++) {
		if (*p == '\t')
			g_string_append(out, "\\t");
		else
			g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

/* Parses "N" or "N±T" (also "N+-T"). Returns 0, or -1 when malformed. */
static int parse_count(const char *s, long *n, long *tol)
{
	char *end = NULL;
	errno = 0;
	*n = strtol(s, &end, 10);
	*tol = 0;
	if (errno != 0 || end == s || *n < 0)
		return -1;
	if (*end == '\0')
		return 0;
	if (strncmp(end, "\xC2\xB1", 2) == 0)
		end += 2;
	else if (strncmp(end, "+-", 2) == 0)
		end += 2;
	else
		return -1;
	const char *t = end;
	*tol = strtol(t, &end, 10);
	if (errno != 0 || end == t || *end != '\0' || *tol < 0)
		return -1;
	return 0;
}

static void rows_free(GPtrArray *rows)
{
	for (guint i = 0; i < rows->len; i++) {
		expect_row *r = g_ptr_array_index(rows, i);
		g_free(r->file);
		g_free(r->kind);
		g_free(r->value);
		g_free(r);
	}
	g_ptr_array_free(rows, TRUE);
}

/* Reads EXPECTED under ROOT: '#' lines and blank lines skipped, the first other line must be
   the header.  Malformed rows fail the test with the line number. */
static GPtrArray *read_expected(const char *root)
{
	char *path = g_build_filename(root, EXPECTED, NULL);
	char *data = NULL;
	gsize len = 0;
	int ok = g_file_get_contents(path, &data, &len, NULL);
	g_free(path);
	cr_assert(ok, "cannot read %s", EXPECTED);
	cr_assert(g_utf8_validate(data, (gssize)len, NULL), "%s is not UTF-8", EXPECTED);

	GPtrArray *rows = g_ptr_array_new();
	char **lines = g_strsplit(data, "\n", -1);
	g_free(data);
	int seen_header = 0;
	for (int i = 0; lines[i] != NULL; i++) {
		char *l = lines[i];
		size_t n = strlen(l);
		if (n > 0 && l[n - 1] == '\r')
			l[n - 1] = '\0';
		if (l[0] == '\0' || l[0] == '#')
			continue;
		if (!seen_header) {
			cr_assert_str_eq(l, HEADER, "%s:%d: header must be \"file<TAB>page<TAB>kind<TAB>value\"",
			                 EXPECTED, i + 1);
			seen_header = 1;
			continue;
		}
		char **f = g_strsplit(l, "\t", 4);
		cr_assert_eq(g_strv_length(f), 4, "%s:%d: 4 TAB-separated fields expected", EXPECTED, i + 1);
		char *end = NULL;
		long page = strtol(f[1], &end, 10);
		cr_assert(end != f[1] && *end == '\0' && page > 0, "%s:%d: bad page '%s'", EXPECTED, i + 1,
		          f[1]);
		expect_row *r = g_new0(expect_row, 1);
		r->file = g_strdup(f[0]);
		r->page = page;
		r->kind = g_strdup(f[2]);
		r->value = unescape(f[3]);
		r->lineno = i + 1;
		g_ptr_array_add(rows, r);
		g_strfreev(f);
	}
	g_strfreev(lines);
	cr_assert(seen_header, "%s: no header line", EXPECTED);
	return rows;
}

/* Runs the extract stage on corpus/real/FILE into a private temporary folder and reads the
   layout back.  The folder is removed; anything the extractor leaves in it is reported. */
static layout_doc *extract_real(const char *root, const char *file)
{
	GError *gerr = NULL;
	char *dir = g_dir_make_tmp("bx-extract-real-XXXXXX", &gerr);
	cr_assert_not_null(dir, "cannot make a temporary folder: %s", gerr ? gerr->message : "?");
	char *in = g_build_filename(root, "corpus", "real", file, NULL);
	char *out = g_build_filename(dir, "layout.bxl", NULL);
	extract_opts o;
	bx_status st = BX_FAILED;
	bx_err err;
	layout_doc *d = NULL;
	char msg[1100];

	memset(&err, 0, sizeof err);
	extract_opts_init(&o);
	o.input = in;
	o.output = out;
	if (extract_run(&o, &st, &err) == 0)
		d = layout_read(out, &err);
	if (d == NULL)
		err_format(&err, msg, sizeof msg);
	g_unlink(out);

	GDir *gd = g_dir_open(dir, 0, NULL);
	const char *left = gd ? g_dir_read_name(gd) : NULL;
	cr_expect_null(left, "%s: the extractor left '%s' in its output folder", file, left);
	for (; left != NULL; left = g_dir_read_name(gd)) {
		char *p = g_build_filename(dir, left, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (gd != NULL)
		g_dir_close(gd);
	cr_expect_eq(g_rmdir(dir), 0, "cannot remove %s", dir);
	g_free(out);
	g_free(in);
	g_free(dir);
	cr_expect_not_null(d, "%s: extraction failed: %s", file, msg);
	return d;
}

static layout_page *find_page(layout_doc *d, long no)
{
	for (guint i = 0; i < d->pages->len; i++) {
		layout_page *pg = g_ptr_array_index(d->pages, i);
		if (pg->no == no)
			return pg;
	}
	return NULL;
}

/* Bytes of common prefix of A and B, cut back to a character boundary. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;
	while (a[n] && a[n] == b[n])
		n++;
	while (n > 0 && (a[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void check_text(const char *file, const layout_page *pg, const expect_row *r)
{
	const char *best = NULL;
	size_t best_n = 0;
	for (guint i = 0; i < pg->lines->len; i++) {
		const layout_line *l = &g_array_index(pg->lines, layout_line, i);
		if (strcmp(l->text, r->value) == 0)
			return;
		size_t n = common_prefix(l->text, r->value);
		if (best == NULL || n > best_n) {
			best = l->text;
			best_n = n;
		}
	}
	char *want = escape(r->value);
	char *got = escape(best ? best : "");
	cr_expect_fail("%s p%ld: no line reads \"%s\" (%s:%d); closest line: \"%s\"", file, r->page, want,
	               EXPECTED, r->lineno, got);
	g_free(got);
	g_free(want);
}

static void check_row(const char *file, layout_doc *d, const expect_row *r)
{
	layout_page *pg = find_page(d, r->page);
	if (pg == NULL) {
		cr_expect_fail("%s p%ld: no such page (the layout has %u pages)", file, r->page,
		               d->pages->len);
		return;
	}
	if (strcmp(r->kind, "lines") == 0) {
		long want, tol;
		cr_assert_eq(parse_count(r->value, &want, &tol), 0, "%s:%d: bad count '%s'", EXPECTED,
		             r->lineno, r->value);
		long got = (long)pg->lines->len;
		cr_expect(labs(got - want) <= tol, "%s p%ld: %ld text lines extracted, hand count %s", file,
		          r->page, got, r->value);
	} else if (strcmp(r->kind, "text") == 0) {
		check_text(file, pg, r);
	} else if (strcmp(r->kind, "orient") == 0) {
		cr_expect_str_eq(pg->orient, r->value, "%s p%ld: orientation %s, seen %s", file, r->page,
		                 pg->orient, r->value);
	} else {
		cr_expect_fail("%s:%d: unknown kind '%s'", EXPECTED, r->lineno, r->kind);
	}
}

Test(extract_real, hand_readings)
{
	const char *root = root_dir();
	cr_assert_not_null(root, "cannot find %s", EXPECTED);
	GPtrArray *rows = read_expected(root);
	GPtrArray *files = g_ptr_array_new(); /* distinct file names, first-seen order (borrowed) */
	for (guint i = 0; i < rows->len; i++) {
		expect_row *r = g_ptr_array_index(rows, i);
		int known = 0;
		for (guint k = 0; k < files->len && !known; k++)
			known = strcmp(g_ptr_array_index(files, k), r->file) == 0;
		if (!known)
			g_ptr_array_add(files, r->file);
	}
	for (guint k = 0; k < files->len; k++) {
		const char *file = g_ptr_array_index(files, k);
		layout_doc *d = extract_real(root, file);
		if (d == NULL)
			continue;
		for (guint i = 0; i < rows->len; i++) {
			expect_row *r = g_ptr_array_index(rows, i);
			if (strcmp(r->file, file) == 0)
				check_row(file, d, r);
		}
		layout_doc_free(d);
	}
	g_ptr_array_free(files, TRUE);
	rows_free(rows);
}

Test(extract_real, table_well_formed)
{
	const char *root = root_dir();
	cr_assert_not_null(root, "cannot find %s", EXPECTED);
	GPtrArray *rows = read_expected(root);
	GHashTable *pages = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *per_file = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < rows->len; i++) {
		expect_row *r = g_ptr_array_index(rows, i);
		long n, tol;
		if (strcmp(r->kind, "lines") == 0)
			cr_expect_eq(parse_count(r->value, &n, &tol), 0, "%s:%d: bad count '%s'", EXPECTED,
			             r->lineno, r->value);
		else if (strcmp(r->kind, "orient") == 0)
			cr_expect(strcmp(r->value, "portrait") == 0 || strcmp(r->value, "landscape") == 0,
			          "%s:%d: orientation '%s'", EXPECTED, r->lineno, r->value);
		else if (strcmp(r->kind, "text") == 0)
			cr_expect(r->value[0] != '\0', "%s:%d: empty text", EXPECTED, r->lineno);
		else
			cr_expect_fail("%s:%d: unknown kind '%s'", EXPECTED, r->lineno, r->kind);
		char *corpus = g_build_filename(root, "corpus", "real", r->file, NULL);
		cr_expect(g_file_test(corpus, G_FILE_TEST_IS_REGULAR), "%s:%d: no corpus/real/%s", EXPECTED,
		          r->lineno, r->file);
		g_free(corpus);
		char *key = g_strdup_printf("%s\t%ld", r->file, r->page);
		if (!g_hash_table_contains(pages, key)) {
			g_hash_table_add(pages, key);
			guint c = GPOINTER_TO_UINT(g_hash_table_lookup(per_file, r->file));
			g_hash_table_insert(per_file, r->file, GUINT_TO_POINTER(c + 1));
		} else {
			g_free(key);
		}
	}
	cr_expect_geq(g_hash_table_size(per_file), 6, "only %u files in %s",
	              g_hash_table_size(per_file), EXPECTED);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, per_file);
	while (g_hash_table_iter_next(&it, &k, &v))
		cr_expect_geq(GPOINTER_TO_UINT(v), 3, "%s: only %u pages in %s", (const char *)k,
		              GPOINTER_TO_UINT(v), EXPECTED);
	g_hash_table_destroy(per_file);
	g_hash_table_destroy(pages);
	rows_free(rows);
}
