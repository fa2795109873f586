/* bx-extract — the extract stage: one PDF, text or markdown file to layout.bxl. */
#include "cmd.h"
#include "../extractors/extract.h"

#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: bx-extract [options] INPUT OUTPUT.bxl\n"
	"Reads a PDF (text, geometry, table rulings) or a UTF-8 .txt/.md text extraction\n"
	"and writes its page layout (docs/FORMATS.md). A document that cannot be read\n"
	"still gets a layout with status failed and a one-line reason.\n"
	"  --doc ID           document id recorded in the layout\n"
	"  --source PATH      source path recorded (default INPUT)\n"
	"  --source-from FILE read the source path from the first line of FILE\n"
	"  --timeout SEC      time limit per document (default 120; 0 = none)\n"
	"  --max-pages N      fail documents with more pages (default 5000; 0 = none)\n"
	"  --no-rulings       do not look for table rulings (faster, text only)\n"
	"exit: 0 ok, 1 partial, 2 failed (output written); 64 usage; 66 unreadable input;\n"
	"      70 output not written\n";

static char *read_first_line(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!fp)
		return NULL;
	n = getline(&line, &cap, fp);
	fclose(fp);
	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "doc", required_argument, NULL, 'd' },
		{ "source", required_argument, NULL, 's' },
		{ "source-from", required_argument, NULL, 'S' },
		{ "timeout", required_argument, NULL, 't' },
		{ "max-pages", required_argument, NULL, 'm' },
		{ "no-rulings", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	extract_opts o;
	bx_status st;
	bx_err err;
	char *source = NULL, *end;
	int c, rc;

	/* Page images are a few MB each: keep freed ones in the heap for the next
	 * page instead of returning them to the kernel (page faults cost ~10%). */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	extract_opts_init(&o);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o.doc = optarg; break;
		case 's': o.source = optarg; break;
		case 'S':
			free(source);
			source = read_first_line(optarg);
			if (!source) {
				fprintf(stderr, "bx-extract: cannot read '%s'\n", optarg);
				return BX_EXIT_NOINPUT;
			}
			o.source = source;
			break;
		case 't':
			o.timeout = strtod(optarg, &end);
			if (*end || o.timeout < 0) {
				fprintf(stderr, "bx-extract: bad --timeout '%s'\n", optarg);
				return BX_EXIT_USAGE;
			}
			break;
		case 'm':
			o.max_pages = strtol(optarg, &end, 10);
			if (*end || o.max_pages < 0) {
				fprintf(stderr, "bx-extract: bad --max-pages '%s'\n", optarg);
				return BX_EXIT_USAGE;
			}
			break;
		case 'R': o.rulings = 0; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return BX_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fputs(usage, stderr);
		free(source);
		return BX_EXIT_USAGE;
	}
	o.input = argv[optind];
	o.output = argv[optind + 1];
	rc = extract_run(&o, &st, &err);
	free(source);
	if (rc != 0)
		return cmd_fail("bx-extract", &err);
	return (int)st;
}
