/* bx-emit — the emit stage: segments.bxs + grid.bxg to the document's CSV files. */
#include "cmd.h"
#include "../pipeline/emit.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: bx-emit [--rules FILE] [--bom] SEGMENTS.bxs GRID.bxg DIR\n"
	"Writes DIR/tables/NNN.csv, tables.csv, facts.csv, narrative.csv and document.csv\n"
	"(columns in README.md).\n"
	"  --rules FILE   narrative rules (default rules/narrative.rules)\n"
	"  --bom          start each CSV with a UTF-8 byte-order mark (for Excel and WPS)\n"
	"exit: 0 ok, 1 partial, 2 failed (outputs written); 64 usage; 66 unreadable input\n"
	"      or rules; 70 output not written\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "bom", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	emit_opts o = { NULL, NULL, "rules/narrative.rules", NULL, 0 };
	bx_status st;
	bx_err err;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o.rules = optarg; break;
		case 'b': o.bom = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return BX_EXIT_USAGE;
		}
	}
	if (argc - optind != 3) {
		fputs(usage, stderr);
		return BX_EXIT_USAGE;
	}
	o.segments = argv[optind];
	o.grid = argv[optind + 1];
	o.dir = argv[optind + 2];
	if (emit_run(&o, &st, &err) != 0)
		return cmd_fail("bx-emit", &err);
	return (int)st;
}
