/* bx-reconcile — the reconcile stage: segments.bxs + grid.bxg to reconcile.csv. */
#include "cmd.h"
#include "../pipeline/reconcile.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: bx-reconcile [options] SEGMENTS.bxs GRID.bxg RECONCILE.csv\n"
	"Runs every check of the rules file on the document's tables and writes one row\n"
	"per check instance (pass, rounding, fail, not_applicable, insufficient_data).\n"
	"  --rules FILE       checks (default rules/checks.rules)\n"
	"  --narrative FILE   the document's narrative.csv (for the narrative checks)\n"
	"  --rounding F       multiply the rounding tolerance by F (default 1)\n"
	"  --bom              start the CSV with a UTF-8 byte-order mark\n"
	"  --quiet            no summary line on stderr\n"
	"exit: 0 no check failed, 3 some check failed (output written either way);\n"
	"      64 usage; 66 unreadable input or rules; 70 output not written\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "narrative", required_argument, NULL, 'n' },
		{ "rounding", required_argument, NULL, 'R' },
		{ "bom", no_argument, NULL, 'b' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	reconcile_opts o = { NULL, NULL, "rules/checks.rules", NULL, NULL, 0, 1.0 };
	reconcile_counts n;
	bx_err err;
	char *end;
	int c, quiet = 0;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o.rules = optarg; break;
		case 'n': o.narrative = optarg; break;
		case 'R':
			o.rounding_factor = strtod(optarg, &end);
			if (*end || o.rounding_factor < 0) {
				fprintf(stderr, "bx-reconcile: bad --rounding '%s'\n", optarg);
				return BX_EXIT_USAGE;
			}
			break;
		case 'b': o.bom = 1; break;
		case 'q': quiet = 1; break;
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
	o.out = argv[optind + 2];
	if (reconcile_run(&o, &n, &err) != 0)
		return cmd_fail("bx-reconcile", &err);
	if (!quiet)
		fprintf(stderr, "%s: %ld pass, %ld rounding, %ld fail, %ld not_applicable, %ld insufficient_data\n",
		        o.out, n.pass, n.rounding, n.fail, n.not_applicable, n.insufficient_data);
	return n.fail ? 3 : 0;
}
