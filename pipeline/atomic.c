/* atomic.c — temporary file + fsync + rename (see atomic.h). */
#define _GNU_SOURCE
#include "atomic.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void atomic_sweep(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = strlen(prefix);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, n) == 0) {
			char *p;
			if (asprintf(&p, "%s/%s", dir, e->d_name) >= 0) {
				unlink(p);
				free(p);
			}
		}
	}
	closedir(d);
}

int atomic_open(atomic_file *af, const char *path, bx_err *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	const char *base = slash ? slash + 1 : path;
	char *prefix = NULL;
	int fd;

	memset(af, 0, sizeof *af);
	if (!dir || asprintf(&prefix, ".%s.tmp-", base) < 0) {
		free(dir);
		return err_set(err, "out of memory");
	}
	atomic_sweep(dir, prefix);
	if (asprintf(&af->tmp, "%s/%sXXXXXX", dir, prefix) < 0) {
		af->tmp = NULL;
		free(dir);
		free(prefix);
		return err_set(err, "out of memory");
	}
	free(dir);
	free(prefix);
	fd = mkstemp(af->tmp);
	if (fd < 0) {
		int e = errno;
		free(af->tmp);
		af->tmp = NULL;
		return err_set(err, "cannot create a temporary for '%s': %s", path, strerror(e));
	}
	fchmod(fd, 0644);
	af->fp = fdopen(fd, "w");
	af->path = strdup(path);
	if (!af->fp || !af->path) {
		if (!af->fp)
			close(fd);
		atomic_abort(af);
		return err_set(err, "out of memory");
	}
	return 0;
}

int atomic_commit(atomic_file *af, bx_err *err)
{
	int rc = 0;

	if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0)
		rc = err_set(err, "cannot write '%s': %s", af->path, strerror(errno));
	if (fclose(af->fp) != 0 && rc == 0)
		rc = err_set(err, "cannot write '%s': %s", af->path, strerror(errno));
	af->fp = NULL;
	if (rc == 0 && rename(af->tmp, af->path) != 0)
		rc = err_set(err, "cannot rename into '%s': %s", af->path, strerror(errno));
	if (rc != 0)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	af->tmp = af->path = NULL;
	return rc;
}

void atomic_abort(atomic_file *af)
{
	if (af->fp)
		fclose(af->fp);
	if (af->tmp)
		unlink(af->tmp);
	free(af->tmp);
	free(af->path);
	af->fp = NULL;
	af->tmp = af->path = NULL;
}

int atomic_mkdirs(const char *path, bx_err *err)
{
	char *p = strdup(path);
	int rc = 0;

	if (!p)
		return err_set(err, "out of memory");
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				rc = err_set(err, "cannot create directory '%s': %s", p, strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}
