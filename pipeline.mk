# pipeline.mk — the per-document pipeline, run by `make run` from inside OUT.
#
# Each document is a folder <id>/ prepared by bx-scan (source, source.name). Every
# stage reads the files of the stage before and writes its own atomically, so
# make redoes a document from the first stage whose input, rules file or program
# changed, and an interrupted run leaves nothing make would take as done.
# A stage that meets a bad document records it (status failed/partial, exit
# 1 or 2) and the document goes on through the pipeline; only a crashed stage
# stops a document, and `-k` lets the others finish.
#
# Targets: docs (every document through reconcile), collect (the run-level files).
# Variables: BIN, RULES (absolute), set by the top-level Makefile.
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:
.PHONY: docs collect

include .bx/docs.mk

TIMEOUT   ?= 120
MAX_PAGES ?= 5000
BOMFLAG   := $(if $(filter 1,$(BOM)),--bom)
# exit 0/1/2: output written, document ok/partial/failed
OK := || [ $$? -le 2 ]

docs: $(DOCS:%=%/reconcile.csv)

%/layout.bxl: %/source .bx/extract.flags $(BIN)/bx-extract
	@"$(BIN)/bx-extract" --doc "$*" --source-from "$*/source.name" --timeout $(TIMEOUT) \
	  --max-pages $(MAX_PAGES) "$*/source" "$@" $(OK)

%/segments.bxs: %/layout.bxl $(BIN)/bx-segment $(RULES)/segment.rules
	@"$(BIN)/bx-segment" --rules "$(RULES)/segment.rules" "$<" "$@" $(OK)

%/grid.bxg: %/layout.bxl %/segments.bxs $(BIN)/bx-tables $(RULES)/tables.rules
	@"$(BIN)/bx-tables" --rules "$(RULES)/tables.rules" "$*/layout.bxl" "$*/segments.bxs" "$@" $(OK)

%/document.csv %/tables.csv %/facts.csv %/narrative.csv: %/segments.bxs %/grid.bxg .bx/emit.flags \
		$(BIN)/bx-emit $(RULES)/narrative.rules
	@"$(BIN)/bx-emit" $(BOMFLAG) --rules "$(RULES)/narrative.rules" "$*/segments.bxs" "$*/grid.bxg" "$*" $(OK)

# exit 3: written, and some check failed
%/reconcile.csv: %/segments.bxs %/grid.bxg %/document.csv .bx/emit.flags $(BIN)/bx-reconcile \
		$(RULES)/checks.rules
	@"$(BIN)/bx-reconcile" --quiet $(BOMFLAG) --rules "$(RULES)/checks.rules" --narrative "$*/narrative.csv" "$*/segments.bxs" \
	  "$*/grid.bxg" "$@" || [ $$? -eq 3 ]
	@"$(BIN)/bx-collect" --tick . "$*"

# The run-level files depend on whatever per-document files exist, so a
# document whose stages crashed still appears (as failed) in documents.csv.
collect: documents.csv facts.csv reconcile.csv report.html
ifeq ($(FAIL_ON_FINDINGS),1)
	@"$(BIN)/bx-collect" --check .
endif
ifeq ($(FAIL_ON_FINDINGS),error)
	@"$(BIN)/bx-collect" --check --rules "$(RULES)/checks.rules" --severity error .
endif
documents.csv facts.csv reconcile.csv report.html &: .bx/docs.list .bx/emit.flags $(BIN)/bx-collect \
		$(RULES)/checks.rules $(wildcard $(DOCS:%=%/document.csv) $(DOCS:%=%/facts.csv) $(DOCS:%=%/reconcile.csv))
	@"$(BIN)/bx-collect" $(BOMFLAG) --rules "$(RULES)/checks.rules" .
