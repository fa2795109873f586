/* cmd.h — what every stage program shares: printing a library error as one line. */
#ifndef BX_CMD_H
#define BX_CMD_H

#include <stdio.h>
#include "../pipeline/err.h"
#include "../pipeline/status.h"

/* Prints "PROG: file:line: message" to stderr; returns the exit code for it:
 * 66 when the error is about an input file, 70 otherwise. */
static inline int cmd_fail(const char *prog, const bx_err *err)
{
	char msg[1200];
	fprintf(stderr, "%s: %s\n", prog, err_format(err, msg, sizeof msg));
	return err->file[0] ? BX_EXIT_NOINPUT : BX_EXIT_SOFTWARE;
}

#endif
