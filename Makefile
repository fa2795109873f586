# Makefile — builds the stage programs and the tests, and fronts the pipeline.
#
#   make              build bin/bx-* (the stage programs)
#   make check        build and run every test (unit and end-to-end)
#   make demo         install what is missing, build, run the pipeline on corpus/, print the summary
#   make run IN=dir OUT=dir [-j N] [BOM=1] [TIMEOUT=s] [MAX_PAGES=n]
#                     process every .pdf/.txt/.md under IN into OUT (see pipeline.mk)
#   make lint         cppcheck and the house checks
#   make bench        throughput and memory against pdftotext -layout
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:
V ?= 0
Q := $(if $(filter 1,$(V)),,@)

CC      ?= cc
PKGS    := poppler-glib glib-2.0 gobject-2.0 cairo libpcre2-8
WARN    := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(shell pkg-config --cflags $(PKGS))
LDLIBS  := $(shell pkg-config --libs $(PKGS)) -lcsv -lm

BUILD   := build
BIN     := bin
LIB_SRC := $(sort $(wildcard pipeline/*.c extractors/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
PROGS   := $(patsubst cmd/%.c,$(BIN)/%,$(sort $(wildcard cmd/*.c)))
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/test_*.c)))

all: $(PROGS) $(BUILD)/bx-gen $(BUILD)/bx-eval

# the generator of synthetic documents with known answers (tests and make eval)
$(BUILD)/bx-gen: $(BUILD)/corpus/gen/gen.o $(BUILD)/corpus/gen/gendata.o $(BUILD)/libbx.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(BUILD)/libbx.a $(LDLIBS) $(shell pkg-config --libs fontconfig)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libbx.a: $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BIN)/%: $(BUILD)/cmd/%.o $(BUILD)/libbx.a
	@mkdir -p $(BIN)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libbx.a $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libbx.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libbx.a $(LDLIBS) -lcriterion

$(BUILD)/bx-eval: $(BUILD)/corpus/gen/eval.o $(BUILD)/libbx.a
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libbx.a $(LDLIBS)

# tests run bx-gen
$(TESTS): | $(BUILD)/bx-gen

-include $(LIB_OBJ:.o=.d) $(PROGS:$(BIN)/%=$(BUILD)/cmd/%.d) $(TESTS:=.d) $(BUILD)/corpus/gen/gen.d $(BUILD)/corpus/gen/gendata.d $(BUILD)/corpus/gen/eval.d

# ---- tests ----
.PHONY: all check unit e2e demo run lint bench eval deps clean
check: all $(TESTS)
	@./scripts/run-tests $(TESTS)
	@$(MAKE) --no-print-directory eval EVAL_DOCS=$(CHECK_EVAL_DOCS)
	@./tests/e2e/run-all

unit: all $(TESTS)
	@./scripts/run-tests $(TESTS)

e2e: all
	@./tests/e2e/run-all

# ---- the pipeline ----
IN        ?= corpus
OUT       ?= out
TIMEOUT   ?= 120
MAX_PAGES ?= 5000
BOM       ?= 0
RULES     ?= $(CURDIR)/rules
# FAIL_ON_FINDINGS: 1, exit non-zero when a check failed; error, when an error-severity check failed
FAIL_ON_FINDINGS ?= 0
PIPE = $(MAKE) --no-print-directory -C "$(OUT)" -f "$(CURDIR)/pipeline.mk" BIN="$(CURDIR)/$(BIN)" \
       RULES="$(RULES)" TIMEOUT=$(TIMEOUT) MAX_PAGES=$(MAX_PAGES) BOM=$(BOM) FAIL_ON_FINDINGS=$(FAIL_ON_FINDINGS)
# put FILE CONTENT: rewrite FILE only when CONTENT differs (so make sees no change)
put = printf '%s\n' $(2) > "$(1).new" && { cmp -s "$(1).new" "$(1)" && rm -f "$(1).new" || mv -f "$(1).new" "$(1)"; }

run: all
	@mkdir -p "$(OUT)"
	@"$(BIN)/bx-scan" "$(IN)" "$(OUT)" >/dev/null
	@$(call put,$(OUT)/.bx/extract.flags,"timeout=$(TIMEOUT) max_pages=$(MAX_PAGES)")
	@$(call put,$(OUT)/.bx/emit.flags,"bom=$(BOM)")
	@"$(BIN)/bx-collect" --start "$(OUT)"
	+@$(PIPE) -k docs; rc=$$?; $(PIPE) collect || rc=$$?; exit $$rc

demo:
	@./scripts/install-deps
	@$(MAKE) --no-print-directory all
	@rm -rf demo-out
	@$(MAKE) --no-print-directory run IN=corpus OUT=demo-out -j2 || true
	@./scripts/summary demo-out

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability --std=c11 \
	  --inline-suppr --suppress=missingIncludeSystem -I pipeline -I extractors cmd pipeline extractors tests corpus/gen
	./scripts/lint-house

bench: all
	@./scripts/bench

# accuracy against ground truth: EVAL_DOCS documents drawn by bx-gen from a fixed
# seed (cycling through the styles, portrait and landscape, and the planted
# errors), the documents printed once by LibreOffice (corpus/office) and the real
# PDFs' hand-read inventories and tables; fails under these minimums (facts:
# recall and precision of the emitted facts against bx-gen's facts.csv).  make check
# runs a smaller set (CHECK_EVAL_DOCS: every style and every plant, both orientations).
EVAL_DOCS      ?= 168
CHECK_EVAL_DOCS ?= 28
EVAL_SEED      ?= 1
EVAL_MIN_CELLS ?= 99.5
EVAL_MIN_RECALL ?= 100
EVAL_MIN_FINDINGS ?= 100
EVAL_MIN_PRECISION ?= 98
EVAL_MIN_FACTS ?= 99.5
eval: all
	@rm -rf $(BUILD)/eval && mkdir -p $(BUILD)/eval
	@$(BUILD)/bx-gen --seed $(EVAL_SEED) --docs $(EVAL_DOCS) $(BUILD)/eval
	@$(BUILD)/bx-eval --min-cells $(EVAL_MIN_CELLS) --min-recall $(EVAL_MIN_RECALL) \
	  --min-findings $(EVAL_MIN_FINDINGS) --min-precision $(EVAL_MIN_PRECISION) \
	  --min-facts $(EVAL_MIN_FACTS) $(BUILD)/eval corpus

clean:
	rm -rf $(BUILD) $(BIN) demo-out
