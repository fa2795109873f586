/* bx-segment — the segment stage: layout.bxl to segments.bxs. */
#include "cmd.h"
#include "../pipeline/segment.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
	"usage: bx-segment [--rules FILE] LAYOUT.bxl OUTPUT.bxs\n"
	"Finds the document's metadata, outline, narrative paragraphs and table regions\n"
	"(docs/FORMATS.md), by the patterns of the rules file (docs/RULES.md).\n"
	"  --rules FILE   segment rules (default rules/segment.rules)\n"
	"exit: 0 ok, 1 partial, 2 failed (output written); 64 usage; 66 unreadable input\n"
	"      or rules; 70 output not written\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *rules = "rules/segment.rules";
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
	if (argc - optind != 2) {
		fputs(usage, stderr);
		return BX_EXIT_USAGE;
	}
	if (segment_run(argv[optind], rules, argv[optind + 1], &st, &err) != 0)
		return cmd_fail("bx-segment", &err);
	return (int)st;
}
