/* bx-scan — finds a run's documents and prepares their working folders. */
#include "cmd.h"
#include "../pipeline/scan.h"
#include "../pipeline/status.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	bx_err err;
	long n;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: bx-scan IN OUT\n"
		     "Finds every .pdf, .txt and .md file under IN (recursively) and prepares OUT/<id>/\n"
		     "for each (source link, source.name) and OUT/.bx/docs.mk for the pipeline makefile.\n"
		     "Prints the number of documents. Exit: 0 ok, 64 usage, 66 input unreadable.");
		return 0;
	}
	if (argc != 3) {
		fputs("usage: bx-scan IN OUT\n", stderr);
		return BX_EXIT_USAGE;
	}
	n = scan_run(argv[1], argv[2], &err);
	if (n < 0)
		return cmd_fail("bx-scan", &err);
	printf("%ld\n", n);
	return 0;
}
