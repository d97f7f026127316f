# srw - a Cochrane-style systematic review workbench.
# `make report` is the main job, `make check` runs every test.
# Plain make: objects under build/, ./srw at the root, libsrw.a for the tests.

PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

CC      ?= cc
PKGS    := gsl sqlite3 jansson libxml-2.0 nettle libzip
TESTPKG := cmocka
DEB_PKGS := pkg-config libgsl-dev libsqlite3-dev libjansson-dev libxml2-dev libcmocka-dev nettle-dev libzip-dev \
            libunistring-dev

WARN    := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
           -Wmissing-prototypes -Wshadow -Wwrite-strings -Werror
OPT     ?= -O2 -g
BUILD   ?= build

# Quiet by default: one short line per file built ("  CC      src/core/pool.c");
# `make V=1` prints every full command.
V ?= 0
ifeq ($(V),1)
Q :=
say = @:
else
Q := @
say = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif

# Resolved lazily so that `make deps` can run before pkg-config exists.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TESTPKG) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TESTPKG) 2>/dev/null)

CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -DSRW_VERSION=\"$(VERSION)\"
ALL_CFLAGS = $(WARN) $(OPT) $(PKG_CFLAGS) $(CFLAGS) -pthread -MMD -MP
# libunistring (study labels matched by Unicode case folding) has no pkg-config file.
LDLIBS  += $(PKG_LIBS) -lunistring -lm -pthread

LIB_SRC := $(sort $(wildcard src/util/*.c src/core/*.c src/io/*.c src/store/*.c src/import/*.c src/report/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB     := $(BUILD)/libsrw.a

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS  := $(sort $(wildcard include/srw/*.h))
HDR_OBJ  := $(HEADERS:include/srw/%.h=$(BUILD)/headertest/%.o)

.PHONY: all deps check check-quiet unit cli-tests headertest layers report check-report asan tsan valgrind install \
        uninstall clean bench bench-sens check-browser browser-if-present fuzz

all: deps-ok ./srw

# --- dependencies ----------------------------------------------------------
# Installs missing Debian packages when root; otherwise prints the exact line.
deps-ok:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "srw: installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "srw: missing build dependencies; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
deps: deps-ok
.PHONY: deps-ok

./srw: $(CLI_OBJ) $(LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDFLAGS) $(LDLIBS)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c | deps-ok
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# --- tests -------------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(TEST_CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(TEST_LIBS) $(LDLIBS)

# Every public header must compile on its own.
$(BUILD)/headertest/%.o: include/srw/%.h | deps-ok
	@mkdir -p $(dir $@)
	$(call say,HDR,$<)
	$(Q)printf '#include "srw/%s.h"\n' $* | $(CC) $(CPPFLAGS) $(ALL_CFLAGS) -x c -c -o $@ -

headertest: $(HDR_OBJ)

unit: $(UNIT_BIN)
	@bash tests/run_unit.sh $(UNIT_BIN)

# The shell suites run with TMPDIR a folder of their own (one each: make -j2
# runs them side by side), which must be empty afterwards: make check leaves
# nothing in /tmp.
TEST_TMP = $(abspath $(BUILD))/tmp
cli-tests: ./srw
	@bash tests/make/tmp_clean.sh $(TEST_TMP)/cli bash tests/cli/run.sh

# make is quiet (one line per file) unless V=1.
check-quiet: deps-ok
	@bash tests/make/quiet.sh $(BUILD)/quiet

# Includes across module folders run one way only (doc/design.md).
layers:
	@bash tests/layers/check.sh

check: all headertest layers check-quiet unit cli-tests check-report browser-if-present
	@echo "srw: all test suites passed"

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its
# own build tree so it never mixes objects with the normal build.
asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" SRW_BIN=build/asan/srw check-asan-inner

check-asan-inner: $(BUILD)/srw-asan-bin headertest $(UNIT_BIN)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  bash tests/run_unit.sh $(UNIT_BIN)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  SRW=$(BUILD)/srw bash tests/make/tmp_clean.sh $(TEST_TMP)/cli bash tests/cli/run.sh
	@echo "srw: sanitizer run passed"

$(BUILD)/srw-asan-bin: $(CLI_OBJ) $(LIB)
	$(call say,LD,$(BUILD)/srw)
	$(Q)$(CC) $(ALL_CFLAGS) -o $(BUILD)/srw $(CLI_OBJ) $(LIB) $(LDFLAGS) $(LDLIBS)
	@touch $@

# srw under ThreadSanitizer, on the CLI suite that runs analyse --all on
# several threads (tests/cli/jobs.sh), in its own build tree.
tsan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/tsan OPT="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
	  build/tsan/srw-asan-bin
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 CLI_SUITES=jobs SRW=build/tsan/srw \
	  bash tests/make/tmp_clean.sh $(TEST_TMP)/cli bash tests/cli/run.sh
	@echo "srw: thread sanitizer run passed"

# --- fuzzers (tests/fuzz/README.md) --------------------------------------------
# libFuzzer harnesses, one per reader, over the library built by clang with
# ASan + UBSan in its own tree.
FUZZ_TARGETS := trial_csv review_csv rm5 revman_csv revman_web revman_web_csv
FUZZ_SECONDS ?= 10
FUZZ_PKGS := clang libclang-rt-14-dev
fuzz:
	@missing=""; for p in $(FUZZ_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else echo "srw: the fuzzers need:  sudo apt-get install -y$$missing"; exit 1; fi; \
	fi
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" fuzz-inner

fuzz-inner: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)
	@bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(BUILD) $(FUZZ_TARGETS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

# The unit tests, then the CLI tests with ./srw under valgrind (a wrapper in
# $(BUILD)): a memory error or a leak (definite or possible) is exit 99,
# which fails the test that ran it.  Slow, every srw run being under
# valgrind: VALGRIND_CLI names a subset of tests/cli/run.sh's suites (e.g.
# VALGRIND_CLI="main revman"); empty, the default, runs them all.
VALGRIND     := valgrind -q --error-exitcode=99 --leak-check=full
VALGRIND_CLI ?=
valgrind: ./srw $(UNIT_BIN)
	@VALGRIND="$(VALGRIND)" bash tests/run_unit.sh $(UNIT_BIN)
	@printf '#!/bin/sh\nexec %s "%s/srw" "$$@"\n' "$(VALGRIND)" "$(CURDIR)" > $(BUILD)/srw-valgrind
	@chmod +x $(BUILD)/srw-valgrind
	@CLI_SUITES="$(VALGRIND_CLI)" SRW=$(BUILD)/srw-valgrind bash tests/cli/run.sh
	@echo "srw: valgrind run passed"

# --- the main job ------------------------------------------------------------
# A fresh database from studies/, then the report into a new folder that
# replaces reports/ (so no file of an earlier outcome name lingers).
REPORT_DB := $(BUILD)/review.db
# The reviewer the build's database records for the shipped rows (each row
# cites its source; the report names no reviewer): srw refuses to guess one
# where $USER is unset, as in a CI container.
REPORT_REVIEWER := studies
report: all
	@rm -f $(REPORT_DB) $(REPORT_DB)-wal $(REPORT_DB)-shm
	$(call say,IMPORT,studies/*.csv)
	$(Q)./srw init --db $(REPORT_DB) >/dev/null
	$(Q)./srw import --reviewer $(REPORT_REVIEWER) --db $(REPORT_DB) $(if $(filter 1,$(V)),,--quiet) $(sort $(wildcard studies/*.csv))
	@rm -rf $(BUILD)/reports.new
	$(call say,REPORT,reports/)
	$(Q)./srw report --db $(REPORT_DB) --out $(BUILD)/reports.new $(if $(filter 1,$(V)),,>/dev/null)
	@rm -rf reports && mv $(BUILD)/reports.new reports
	@echo "srw: report written to reports/ (open reports/index.html)"

# reports/ is committed: regenerating it from studies/ must give the same
# bytes.  Fails on any difference.
check-report: all
	@rm -rf $(BUILD)/check-report && mkdir -p $(BUILD)/check-report
	@./srw init --db $(BUILD)/check-report/review.db >/dev/null
	@./srw import --reviewer $(REPORT_REVIEWER) --quiet --db $(BUILD)/check-report/review.db $(sort $(wildcard studies/*.csv))
	@./srw report --db $(BUILD)/check-report/review.db --out $(BUILD)/check-report/reports >/dev/null
	@diff -r reports $(BUILD)/check-report/reports >/dev/null || { \
	  echo "srw: reports/ differs from a fresh regeneration (run make report and commit):"; \
	  diff -r reports $(BUILD)/check-report/reports | head -20; exit 1; }
	@echo "srw: reports/ regenerates byte for byte"

bench: all $(BUILD)/bench_pool $(BUILD)/bench_sens $(BUILD)/bench_phases
	@bash bench/sens.sh
	@bash bench/run.sh

# One outcome's sensitivity analyses against metafor's (bench/README.md).
bench-sens: all $(BUILD)/bench_sens
	@bash bench/sens.sh

$(BUILD)/bench_pool $(BUILD)/bench_sens $(BUILD)/bench_phases: $(BUILD)/bench_%: bench/bench_%.c $(LIB)
	$(call say,CC,$<)
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDFLAGS) $(LDLIBS)

# --- install -----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 srw $(DESTDIR)$(PREFIX)/bin/srw
	install -m 0644 doc/srw.1 $(DESTDIR)$(PREFIX)/share/man/man1/srw.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/srw $(DESTDIR)$(PREFIX)/share/man/man1/srw.1

clean:
	rm -rf build srw

include mk/report.mk

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
