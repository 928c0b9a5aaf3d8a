# baocao: build, test and benchmark.
#
#   make            ./baocao (optimised, -Wall -Wextra, no warnings)
#   make check      unit tests (Check), end-to-end scripts and (release) the
#                   crash/I-O-error injection of tests/fault/ on ./baocao
#   make torture-faults  that injection at every point of every command (long)
#   make asan       the same binary and tests built with ASan + UBSan
#   make check-asan the whole test suite on the ASan build
#   make bench      benchmarks (bench/), printing their figures
#   make clean
#
# Objects go to build/<variant>/; each layer is a static library that its
# tests link alone: core <- storage <- forms <- sync <- tui, cli.

V        ?= release
O        := build/$(V)
PKGS     := ncursesw sqlite3 libsodium libzstd yaml-0.1 libutf8proc jansson xlsxwriter
CHECKPKG := check

WARN     := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wno-format-nonliteral
ifeq ($(V),asan)
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
            -fno-sanitize-recover=undefined
else
OPT      := -O2 -g
endif
ifdef WERROR
WARN     += -Werror
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS)) -lcsv -lm
CHECK_CFLAGS := $(shell pkg-config --cflags $(CHECKPKG))
CHECK_LIBS   := $(shell pkg-config --libs $(CHECKPKG))

CFLAGS   := -DBAOCAO_VERSION=\"0.1.0\" -std=c11 -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED $(OPT) $(WARN) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS  := $(OPT) $(EXTRA_LDFLAGS)
DEPFLAGS  = -MMD -MP

CORE_SRC    := $(wildcard core/*.c)
STORAGE_SRC := $(wildcard storage/*.c)
FORMS_SRC   := $(wildcard forms/*.c)
SYNC_SRC    := $(wildcard sync/*.c)
OFFICE_SRC  := $(wildcard office/*.c)
TUI_SRC     := $(wildcard tui/*.c)
CLI_SRC     := $(wildcard cli/*.c)
UNIT_SRC    := $(wildcard tests/unit/*.c)
BENCH_SRC   := $(wildcard bench/*.c)

obj = $(patsubst %.c,$(O)/%.o,$(1))

LIBCORE    := $(O)/libcore.a
LIBSTORAGE := $(O)/libstorage.a
LIBFORMS   := $(O)/libforms.a
LIBSYNC    := $(O)/libsync.a
LIBOFFICE  := $(O)/liboffice.a
LIBTUI     := $(O)/libtui.a
LIBS_LOW   := $(LIBOFFICE) $(LIBSYNC) $(LIBFORMS) $(LIBSTORAGE) $(LIBCORE)

BIN        := $(O)/baocao
UNIT       := $(O)/tests/check_unit
BENCH      := $(O)/bench/bench_store
BENCH_SYNC := $(O)/bench/bench_sync
BENCH_TUI  := $(O)/bench/bench_tui
BENCH_OFFICE := $(O)/bench/bench_office

.PHONY: all check asan check-asan bench clean unit e2e fuzz faults torture-faults

all: baocao

ifeq ($(V),release)
baocao: $(BIN)
	cp $(BIN) $@.tmp && mv $@.tmp $@
endif

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIBCORE): $(call obj,$(CORE_SRC))
	$(AR) rcs $@ $^
$(LIBSTORAGE): $(call obj,$(STORAGE_SRC))
	$(AR) rcs $@ $^
CATALOG    := $(sort $(wildcard forms/catalog/*.yaml))
$(O)/forms/catalog-data.c: $(CATALOG) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(CATALOG) > $@.tmp && mv $@.tmp $@
$(O)/forms/catalog-data.o: $(O)/forms/catalog-data.c
	$(CC) $(CFLAGS) -I. -c $< -o $@

$(LIBFORMS): $(call obj,$(FORMS_SRC)) $(O)/forms/catalog-data.o
	$(AR) rcs $@ $^
$(LIBSYNC): $(call obj,$(SYNC_SRC))
	$(AR) rcs $@ $^
$(LIBOFFICE): $(call obj,$(OFFICE_SRC))
	$(AR) rcs $@ $^
$(LIBTUI): $(call obj,$(TUI_SRC))
	$(AR) rcs $@ $^

$(BIN): $(call obj,$(CLI_SRC)) $(LIBTUI) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(O)/tests/unit/%.o: CFLAGS += $(CHECK_CFLAGS)
$(UNIT): $(call obj,$(UNIT_SRC)) $(LIBTUI) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS)
$(BENCH): $(call obj,bench/bench-store.c bench/bench-util.c) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_SYNC): $(call obj,bench/bench-sync.c bench/bench-fill.c bench/bench-util.c) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_TUI): $(call obj,bench/bench-tui.c bench/bench-util.c) $(LIBTUI) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_OFFICE): $(call obj,bench/bench-office.c bench/bench-fill.c bench/bench-util.c) $(LIBS_LOW)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

unit: $(UNIT)
	$(UNIT)

e2e: $(BIN)
	BAOCAO=$(BIN) sh tests/e2e/run.sh

check: unit e2e $(if $(filter release,$(V)),faults)

# Crash and I/O-error injection (tests/fault/run.sh): every command that
# writes, killed or failed at its writes, fsyncs, truncates and renames.
# `faults` takes every point of the small commands and a stride of the big
# ones; `torture-faults` takes every point of every command (long).
# FAULT_BIN: a binary that takes BAOCAO_KDF=test
FAULT_BIN  ?= $(BIN)
FAULT_LIB  := $(O)/tests/fault/libfault.so
FAULT_DUMP := $(O)/tests/fault/dumpdb
$(FAULT_LIB): tests/fault/libfault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -fPIC -shared -o $@ $< -ldl
$(FAULT_DUMP): $(call obj,tests/fault/dumpdb.c) $(LIBSTORAGE) $(LIBCORE)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
faults: $(FAULT_BIN) $(FAULT_LIB) $(FAULT_DUMP)
	BAOCAO=$(FAULT_BIN) FAULT_LIB=$(FAULT_LIB) FAULT_DUMP=$(FAULT_DUMP) sh tests/fault/run.sh
torture-faults: $(FAULT_BIN) $(FAULT_LIB) $(FAULT_DUMP)
	BAOCAO=$(FAULT_BIN) FAULT_LIB=$(FAULT_LIB) FAULT_DUMP=$(FAULT_DUMP) FAULT_STRIDE=1 \
	    sh tests/fault/run.sh

asan:
	$(MAKE) V=asan $(if $(filter asan,$(V)),,build/asan/baocao build/asan/tests/check_unit)

check-asan:
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) V=asan check

bench: $(BENCH) $(BENCH_SYNC) $(BENCH_TUI) $(BENCH_OFFICE)
	$(BENCH)
	$(BENCH_SYNC)
	$(BENCH_TUI)
	$(BENCH_OFFICE)

# libFuzzer targets (clang), each run for FUZZ_TIME seconds from its seed
# corpus; what they find is kept in build/fuzz/ (crash-*, leak-*, oom-*).
FUZZ_TIME  ?= 20
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
              -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS)
FUZZ_LIBSRC := $(CORE_SRC) forms/cal.c forms/expr.c forms/form.c forms/period.c forms/ytree.c \
               sync/sync-seal.c
FUZZ_RUN   := -max_total_time=$(FUZZ_TIME) -max_len=65536 -rss_limit_mb=1024 \
              -malloc_limit_mb=256 -timeout=10 -artifact_prefix=build/fuzz/ -print_final_stats=1

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_LIBSRC) $(wildcard forms/*.h core/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC) $(PKG_LIBS)

build/fuzz/mkseed: tests/fuzz/mkseed.c tests/fuzz/fuzz-seal.h $(FUZZ_LIBSRC)
	@mkdir -p build/fuzz
	$(CC) -g -O1 -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS) -o $@ $< $(FUZZ_LIBSRC) $(PKG_LIBS)

fuzz: build/fuzz/fuzz-form build/fuzz/fuzz-expr build/fuzz/fuzz-bundle build/fuzz/fuzz-pack \
      build/fuzz/mkseed
	@mkdir -p build/fuzz/corpus-form build/fuzz/corpus-expr build/fuzz/corpus-bundle \
	    build/fuzz/corpus-pack build/fuzz/seed-bundle build/fuzz/seed-pack
	build/fuzz/mkseed build/fuzz/seed-bundle build/fuzz/seed-pack
	build/fuzz/fuzz-form $(FUZZ_RUN) build/fuzz/corpus-form forms/catalog tests/fuzz/corpus-form
	build/fuzz/fuzz-expr $(FUZZ_RUN) build/fuzz/corpus-expr tests/fuzz/corpus-expr
	build/fuzz/fuzz-bundle $(FUZZ_RUN) build/fuzz/corpus-bundle build/fuzz/seed-bundle
	build/fuzz/fuzz-pack $(FUZZ_RUN) build/fuzz/corpus-pack build/fuzz/seed-pack

clean:
	rm -rf build baocao

-include $(shell find build -name '*.d' 2>/dev/null)
