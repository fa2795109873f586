/* bx-tables — the tables stage: layout.bxl + segments.bxs to grid.bxg. */
#include "cmd.h"
#include "../pipeline/tabulate.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: bx-tables [--rules FILE] LAYOUT.bxl SEGMENTS.bxs OUTPUT.bxg\n"
	"Builds the grid of every table region (ruled, aligned or tab-separated), with\n"
	"header paths, subject codes, row labels and parsed numbers (docs/FORMATS.md).\n"
	"  --rules FILE   table rules (default rules/tables.rules)\n"
	"exit: 0 ok, 1 partial, 2 failed (output written); 64 usage; 66 unreadable input\n"
	"      or rules; 70 output not written\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *rules = "rules/tables.rules";
	bx_status st;
	bx_err err;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': rules = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return BX_EXIT_USAGE;
		}
	}
	if (argc - optind != 3) {
		fputs(usage, stderr);
		return BX_EXIT_USAGE;
	}
	if (tabulate_run(argv[optind], argv[optind + 1], rules, argv[optind + 2], &st, &err) != 0)
		return cmd_fail("bx-tables", &err);
	return (int)st;
}
