/* scan.c — input discovery and document ids (see scan.h). */
#define _GNU_SOURCE
#include "scan.h"
#include "atomic.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCAN_MAX_DOCS 1000000
#define SCAN_MAX_DEPTH 64

static int scan_wanted(const char *name)
{
	char *lower = g_ascii_strdown(name, -1);
	int ok = g_str_has_suffix(lower, ".pdf") || g_str_has_suffix(lower, ".txt") ||
	         g_str_has_suffix(lower, ".md");
	g_free(lower);
	return ok;
}

char *scan_doc_id(const char *rel)
{
	const char *base = strrchr(rel, '/');
	const char *dot;
	GString *id = g_string_new(NULL);
	char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, rel, -1);
	int pending = 0;

	base = base ? base + 1 : rel;
	dot = strrchr(base, '.');
	for (const char *p = base; *p && p != dot && id->len < 40; p++) {
		unsigned char c = (unsigned char)*p;
		if (g_ascii_isalnum(c) || c == '-' || c == '_' || c == '.') {
			if (pending && id->len)
				g_string_append_c(id, '_');
			pending = 0;
			g_string_append_c(id, (char)c);
		} else {
			pending = 1;
		}
	}
	while (id->len && (id->str[id->len - 1] == '.' || id->str[id->len - 1] == '_'))
		g_string_truncate(id, id->len - 1);
	if (id->len == 0 || id->str[0] == '.' || id->str[0] == '-')
		g_string_prepend(id, "doc");
	g_string_append_printf(id, "-%.8s", hash);
	g_free(hash);
	return g_string_free(id, FALSE);
}

/* Writes CONTENT to PATH atomically unless PATH already holds exactly it. */
static int scan_put(const char *path, const char *content, bx_err *err)
{
	gchar *old = NULL;
	gsize len = 0;
	atomic_file af;

	if (g_file_get_contents(path, &old, &len, NULL) && len == strlen(content) &&
	    memcmp(old, content, len) == 0) {
		g_free(old);
		return 0;
	}
	g_free(old);
	if (atomic_open(&af, path, err) != 0)
		return -1;
	if (fputs(content, af.fp) == EOF) {
		atomic_abort(&af);
		return err_set(err, "cannot write '%s'", path);
	}
	return atomic_commit(&af, err);
}

static gint scan_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether REL matches a pattern of IGNORE (glob patterns from IN/.bxignore). */
static int scan_ignored(const char *rel, gchar **ignore)
{
	for (int i = 0; ignore && ignore[i]; i++)
		if (*ignore[i] && ignore[i][0] != '#' && g_pattern_match_simple(ignore[i], rel))
			return 1;
	return 0;
}

static int scan_walk(const char *dir, const char *rel, const char *out_real, GPtrArray *found,
                     int depth, gchar **ignore, bx_err *err)
{
	GError *gerr = NULL;
	GDir *d;
	const char *name;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	int rc = 0;

	if (depth > SCAN_MAX_DEPTH)
		return err_set(err, "folders nested deeper than %d under '%s'", SCAN_MAX_DEPTH, dir);
	d = g_dir_open(dir, 0, &gerr);
	if (!d) {
		err_set(err, "cannot read folder '%s': %s", dir, gerr->message);
		g_error_free(gerr);
		g_ptr_array_unref(names);
		return -1;
	}
	while ((name = g_dir_read_name(d)) != NULL)
		if (name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, scan_cmp);
	for (guint i = 0; i < names->len && rc == 0; i++) {
		const char *n = g_ptr_array_index(names, i);
		char *path = g_build_filename(dir, n, NULL);
		char *r = *rel ? g_strconcat(rel, "/", n, NULL) : g_strdup(n);
		char *real = realpath(path, NULL);
		struct stat st;

		if (real && stat(real, &st) == 0 && !scan_ignored(r, ignore)) {
			if (S_ISDIR(st.st_mode)) {
				if (strcmp(real, out_real) != 0)
					rc = scan_walk(path, r, out_real, found, depth + 1, ignore, err);
			} else if (S_ISREG(st.st_mode) && scan_wanted(n)) {
				if (found->len >= SCAN_MAX_DOCS)
					rc = err_set(err, "more than %d documents under the input folder", SCAN_MAX_DOCS);
				else {
					g_ptr_array_add(found, g_strdup(r));
					g_ptr_array_add(found, g_strdup(real));
				}
			}
		}
		free(real);
		g_free(path);
		g_free(r);
	}
	g_ptr_array_unref(names);
	return rc;
}

static int scan_link(const char *link, const char *target, bx_err *err)
{
	char buf[4096];
	ssize_t n = readlink(link, buf, sizeof buf - 1);

	if (n >= 0) {
		buf[n] = '\0';
		if (strcmp(buf, target) == 0)
			return 0;
	}
	unlink(link);
	if (symlink(target, link) != 0)
		return err_set(err, "cannot link '%s': %s", link, strerror(errno));
	return 0;
}

long scan_run(const char *in, const char *out, bx_err *err)
{
	char *in_real = realpath(in, NULL), *out_real = NULL, *bx = NULL;
	GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
	GString *mk = g_string_new("# written by bx-scan: the documents of this run\nDOCS :=");
	GString *list = g_string_new(NULL);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	long rc = -1;

	if (!in_real) {
		err_set(err, "cannot open input folder '%s': %s", in, strerror(errno));
		goto out;
	}
	if (atomic_mkdirs(out, err) != 0)
		goto out;
	out_real = realpath(out, NULL);
	if (!out_real) {
		err_set(err, "cannot open output folder '%s': %s", out, strerror(errno));
		goto out;
	}
	{
		char *ipath = g_build_filename(in_real, ".bxignore", NULL);
		gchar *idata = NULL;
		gchar **ignore = NULL;
		if (g_file_get_contents(ipath, &idata, NULL, NULL)) {
			ignore = g_strsplit(idata, "\n", -1);
			for (int i = 0; ignore[i]; i++)
				g_strstrip(ignore[i]);
		}
		g_free(idata);
		g_free(ipath);
		rc = scan_walk(in_real, "", out_real, found, 0, ignore, err);
		g_strfreev(ignore);
		if (rc != 0) {
			rc = -1;
			goto out;
		}
	}
	for (guint i = 0; i < found->len; i += 2) {
		const char *rel = g_ptr_array_index(found, i), *real = g_ptr_array_index(found, i + 1);
		char *id = scan_doc_id(rel);
		char *dir = g_build_filename(out, id, NULL);
		char *link = g_build_filename(dir, "source", NULL);
		char *namef = g_build_filename(dir, "source.name", NULL);
		char *content = g_strconcat(rel, "\n", NULL);
		int bad = g_hash_table_contains(seen, id) ? err_set(err, "two inputs map to id '%s'", id)
		        : (atomic_mkdirs(dir, err) || scan_link(link, real, err) || scan_put(namef, content, err));

		g_string_append_printf(mk, " \\\n  %s", id);
		g_string_append_printf(list, "%s\n", id);
		g_hash_table_add(seen, id);
		g_free(dir);
		g_free(link);
		g_free(namef);
		g_free(content);
		if (bad)
			goto out;
	}
	g_string_append_printf(mk, "\nNDOCS := %u\n", found->len / 2);
	bx = g_build_filename(out, ".bx", NULL);
	if (atomic_mkdirs(bx, err) != 0)
		goto out;
	g_free(bx);
	bx = g_build_filename(out, ".bx", "docs.mk", NULL);
	if (scan_put(bx, mk->str, err) != 0)
		goto out;
	g_free(bx);
	bx = g_build_filename(out, ".bx", "docs.list", NULL);
	if (scan_put(bx, list->str, err) != 0)
		goto out;
	rc = (long)found->len / 2;
out:
	free(in_real);
	free(out_real);
	g_free(bx);
	g_ptr_array_unref(found);
	g_string_free(mk, TRUE);
	g_string_free(list, TRUE);
	g_hash_table_unref(seen);
	return rc;
}
