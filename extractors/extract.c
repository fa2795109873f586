/* extract.c — the extract stage driver (see extract.h).
 *
 * Order of work: sniff the input, hash it (a PDF: later, see below), open the
 * output atomically, write the layout head, let the claiming extractor write the
 * pages, write the status tail, commit.  A PDF's head holds a placeholder for
 * its sha256, which the parent computes while the child reads the pages and
 * then writes in place (layout_patch_sha256).  The PDF extractor runs in a child process that shares the output file:
 * the parent flushes before the fork, the child writes pages and reports
 * "STATUS<TAB>REASON" through a pipe; if the child dies or outlives the time
 * limit, the parent cuts the file back to the head and records a failed status.
 */
#define _GNU_SOURCE
#include "extract.h"
#include "extractors.h"
#include "../pipeline/atomic.h"
#include "../pipeline/layout.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXTRACT_SNIFF 1024

static const extractor *const extract_registry[] = { &extractor_pdf, &extractor_text };

void extract_opts_init(extract_opts *o)
{
	memset(o, 0, sizeof *o);
	o->doc = "";
	o->timeout = EXTRACT_DEFAULT_TIMEOUT;
	o->max_pages = EXTRACT_DEFAULT_MAX_PAGES;
	o->rulings = 1;
}

/* Hashes the file (when HEX is not NULL) and keeps its first bytes (when HEAD is
 * not NULL). Returns its size, or -1 with ERR set. */
static long extract_hash(const char *path, char **hex, unsigned char *head, size_t *nhead, bx_err *err)
{
	FILE *fp = fopen(path, "rb");
	GChecksum *ck;
	unsigned char buf[65536];
	size_t n;
	long total = 0;

	if (!fp)
		return err_at(err, path, 0, "cannot open input: %s", strerror(errno));
	ck = g_checksum_new(G_CHECKSUM_SHA256);
	if (head)
		*nhead = 0;
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (total == 0 && head) {
			*nhead = n < EXTRACT_SNIFF ? n : EXTRACT_SNIFF;
			memcpy(head, buf, *nhead);
		}
		total += (long)n;
		if (!hex)
			break; /* the head is all that is wanted; the size comes from stat */
		g_checksum_update(ck, buf, n);
	}
	if (ferror(fp)) {
		g_checksum_free(ck);
		fclose(fp);
		return err_at(err, path, 0, "cannot read input: %s", strerror(errno));
	}
	if (!hex) {
		struct stat sb;
		total = fstat(fileno(fp), &sb) == 0 ? (long)sb.st_size : total;
	} else {
		*hex = g_strdup(g_checksum_get_string(ck));
	}
	fclose(fp);
	g_checksum_free(ck);
	return total;
}

/* The extractor for an input: a PDF header anywhere in the first bytes wins
 * (crawled files may carry junk before it); otherwise the registry in order. */
static const extractor *extract_choose(const unsigned char *head, size_t n, const char *name)
{
	if (extractor_pdf.claims(head, n, name))
		return &extractor_pdf;
	for (size_t i = 0; i < G_N_ELEMENTS(extract_registry); i++)
		if (extract_registry[i]->claims(head, n, name))
			return extract_registry[i];
	return NULL;
}

/* Says what a file that no extractor claims looks like. */
static char *extract_unclaimed(const unsigned char *h, size_t n)
{
	char *lower = g_ascii_strdown((const char *)h, (gssize)n);
	const char *what = "unknown content";

	if (n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
		what = "a jpeg image";
	else if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
		what = "a png image";
	else if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)
		what = "a zip archive (docx, xlsx or similar)";
	else if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		what = "an ms office (ole2) document";
	else if (lower && (strstr(lower, "<!doctype html") || strstr(lower, "<html") || strstr(lower, "<head")))
		what = "an html page";
	g_free(lower);
	return g_strdup_printf("not a pdf: %s", what);
}

/* Runs READ in a child; see the file comment.  Meanwhile the parent hashes the
 * input into *HEX (NULL when it cannot be read), on the other core. */
static bx_status extract_isolated(const extractor *x, const extract_opts *o, FILE *out, char **reason, char **hex)
{
	int pfd[2];
	long start;
	pid_t pid;
	GString *msg = g_string_new(NULL);
	int timed_out = 0, wstatus = 0;
	bx_status st = BX_FAILED;
	struct timespec t0;

	fflush(out);
	start = ftell(out);
	if (pipe(pfd) != 0 || (pid = fork()) < 0) {
		*reason = g_strdup_printf("cannot start the pdf reader: %s", strerror(errno));
		g_string_free(msg, TRUE);
		return BX_FAILED;
	}
	if (pid == 0) {
		char *r = NULL;
		bx_status s;
		close(pfd[0]);
		s = x->read(o, out, &r);
		if (fflush(out) != 0)
			_exit(70);
		dprintf(pfd[1], "%d\t%s", (int)s, r ? r : "");
		g_free(r);
		_exit(0);
	}
	close(pfd[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	{
		bx_err herr;
		if (extract_hash(o->input, hex, NULL, NULL, &herr) < 0)
			*hex = NULL;
	}
	for (;;) {
		char buf[512];
		struct timespec t1;
		struct pollfd p = { pfd[0], POLLIN, 0 };
		int wait_ms = -1, rc;
		ssize_t n;

		if (o->timeout > 0) {
			double hard = o->timeout + (o->timeout / 4 > 2 ? o->timeout / 4 : 2);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			wait_ms = (int)((hard - ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9)) * 1000);
			if (wait_ms <= 0) {
				timed_out = 1;
				break;
			}
		}
		rc = poll(&p, 1, wait_ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			continue; /* the deadline check above ends the loop */
		n = read(pfd[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		g_string_append_len(msg, buf, n);
	}
	close(pfd[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (!timed_out && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 && msg->len >= 2 && msg->str[1] == '\t') {
		st = (bx_status)(msg->str[0] - '0');
		*reason = g_strdup(msg->str + 2);
	} else {
		if (timed_out)
			*reason = g_strdup_printf("timed out: pdf reader still running after %g s (--timeout)", o->timeout);
		else if (WIFSIGNALED(wstatus))
			*reason = g_strdup_printf("pdf reader crashed (signal %d, %s)", WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
		else
			*reason = g_strdup_printf("pdf reader failed (exit %d)", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
		st = BX_FAILED;
		/* drop whatever pages the child managed to write */
		if (fseek(out, start, SEEK_SET) != 0 || ftruncate(fileno(out), start) != 0) {
			g_free(*reason);
			*reason = g_strdup("pdf reader failed and its output could not be discarded");
		}
	}
	if (fseek(out, 0, SEEK_END) != 0 && st != BX_FAILED)
		st = BX_FAILED;
	g_string_free(msg, TRUE);
	return st;
}

int extract_run(const extract_opts *o, bx_status *status, bx_err *err)
{
	unsigned char head[EXTRACT_SNIFF + 1];
	size_t nhead = 0;
	char *hex = NULL, *reason = NULL;
	const extractor *x = NULL;
	layout_doc *d;
	atomic_file af;
	long size, sha_at = 0;
	bx_status st;
	int rc = -1;

	size = extract_hash(o->input, NULL, head, &nhead, err);
	if (size < 0)
		return -1;
	head[nhead] = '\0';
	x = size > 0 ? extract_choose(head, nhead, o->source ? o->source : o->input) : NULL;
	/* a PDF is hashed by the parent while the child reads it; anything else now */
	if (x != &extractor_pdf && extract_hash(o->input, &hex, NULL, NULL, err) < 0)
		return -1;
	d = layout_doc_new();
	g_free(d->doc);
	d->doc = g_strdup(o->doc);
	g_free(d->source);
	d->source = g_strdup(o->source ? o->source : o->input);
	g_free(d->sha256);
	d->sha256 = hex;
	g_free(d->input);
	d->input = g_strdup(x ? x->name : "none");
	if (atomic_open(&af, o->output, err) != 0)
		goto out;
	if (layout_write_head(af.fp, d, x == &extractor_pdf ? &sha_at : NULL, err) != 0)
		goto abort;
	layout_doc_free(d); /* not needed past the head; not carried into the pdf reader's child */
	d = NULL;
	if (size == 0) {
		st = BX_FAILED;
		reason = g_strdup("empty file (0 bytes)");
	} else if (!x) {
		st = BX_FAILED;
		reason = extract_unclaimed(head, nhead);
	} else if (x == &extractor_pdf) {
		char *late = NULL;
		st = extract_isolated(x, o, af.fp, &reason, &late);
		if (!late || layout_patch_sha256(af.fp, sha_at, late, err) != 0) {
			if (!late)
				err_set(err, "cannot read input '%s' to hash it", o->input);
			g_free(late);
			goto abort;
		}
		g_free(late);
	} else {
		st = x->read(o, af.fp, &reason);
	}
	if (layout_write_tail(af.fp, st, st == BX_OK ? "" : reason, err) != 0)
		goto abort;
	if (atomic_commit(&af, err) != 0)
		goto out;
	*status = st;
	rc = 0;
	goto out;
abort:
	atomic_abort(&af);
out:
	g_free(reason);
	layout_doc_free(d);
	return rc;
}
