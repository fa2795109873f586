/* bx-collect — the run-level outputs (documents.csv, facts.csv, reconcile.csv,
 * report.html) and the progress line of a run. */
#include "cmd.h"
#include "../pipeline/collect.h"
#include "../pipeline/status.h"

#include <getopt.h>
#include <glib.h>
#include <stdio.h>
#include <unistd.h>

static const char usage[] =
	"usage: bx-collect [--bom] [--rules FILE] OUT\n"
	"                                       write the run's CSVs and report.html; with\n"
	"                                       --rules, its prior-doc checks across documents\n"
	"       bx-collect --start OUT          start the progress record of a run\n"
	"       bx-collect --tick OUT DOC       record DOC as done: print its summary line, and the\n"
	"                                       progress line on a terminal\n"
	"       bx-collect --check [--rules FILE --severity error] OUT\n"
	"                                       exit 3 when OUT/reconcile.csv has a failed check\n"
	"                                       (with --severity, of a check of that severity)\n"
	"Prints one summary line. Exit: 0 ok, 3 --fail-on-findings and a check failed,\n"
	"64 usage, 66 unreadable run folder, 70 output not written.\n"
	"  --fail-on-findings   exit 3 when any check failed (for nightly alerts)\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bom", no_argument, NULL, 'b' },
		{ "rules", required_argument, NULL, 'r' },
		{ "severity", required_argument, NULL, 'S' },
		{ "start", no_argument, NULL, 's' },
		{ "tick", no_argument, NULL, 't' },
		{ "fail-on-findings", no_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, bom = 0, mode = 0, fail_on = 0;
	const char *rules = NULL, *severity = NULL;
	bx_err err;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': bom = 1; break;
		case 'r': rules = optarg; break;
		case 'S': severity = optarg; break;
		case 's': mode = 's'; break;
		case 't': mode = 't'; break;
		case 'f': fail_on = 1; break;
		case 'c': mode = 'c'; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return BX_EXIT_USAGE;
		}
	}
	if (argc - optind != (mode == 't' ? 2 : 1)) {
		fputs(usage, stderr);
		return BX_EXIT_USAGE;
	}
	if (mode == 's') {
		if (collect_start(argv[optind], &err) != 0)
			return cmd_fail("bx-collect", &err);
		return 0;
	}
	if (severity && !rules) {
		fputs("bx-collect: --severity needs --rules\n", stderr);
		return BX_EXIT_USAGE;
	}
	if (mode == 'c') {
		long n = collect_failed(argv[optind], rules, severity, &err);
		if (n < 0)
			return cmd_fail("bx-collect", &err);
		if (n)
			fprintf(stderr, "%ld checks failed: see %s/report.html\n", n, argv[optind]);
		return n ? 3 : 0;
	}
	if (mode == 't') {
		char *docline = collect_doc_line(argv[optind], argv[optind + 1], &err);
		char *line = docline ? collect_tick(argv[optind], argv[optind + 1], &err) : NULL;
		if (!line) {
			g_free(docline);
			return cmd_fail("bx-collect", &err);
		}
		/* one line per document; on a terminal, the progress line below it */
		if (isatty(STDERR_FILENO))
			fprintf(stderr, "\r\033[K%s\n%s", docline, line);
		else
			fprintf(stderr, "%s\n", docline);
		g_free(docline);
		g_free(line);
		return 0;
	}
	{
		collect_summary s;
		if (collect_run(argv[optind], bom, rules, &s, &err) != 0)
			return cmd_fail("bx-collect", &err);
		if (isatty(STDERR_FILENO))
			fputs("\r\033[K", stderr);
		printf("%ld documents (%ld partial, %ld failed); %ld check instances, %ld failed\n", s.docs,
		       s.partial, s.failed, s.checks_total, s.checks_fail);
		return fail_on && s.checks_fail ? 3 : 0;
	}
}
