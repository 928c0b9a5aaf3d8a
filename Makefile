# baocao: build, test and benchmark.
#
#   make            ./baocao (optimised, -Wall -Wextra, no warnings) and
#                   build/release/baocao-test
#   make test-bin   build/release/baocao-test: the same objects linked with
#                   the test variant (storage/variant/build.c): test-only
#                   switches (BAOCAO_KDF=test) work; ./baocao refuses them
#   make check      unit tests (Check) and end-to-end scripts on baocao-test,
#                   plus the release's refusals (tests/e2e/t-release.sh)
#   make asan       a test build with ASan + UBSan
#   make check-asan the whole test suite on the ASan build
#   make bench      benchmarks (bench/), printing their figures
#   make clean
#
# Objects go to build/<variant>/; each layer is a static library that its
# tests link alone: core <- storage <- forms <- sync <- tui, cli.

V        ?= release
O        := build/$(V)
PKGS     := ncursesw sqlite3 libsodium libzstd yaml-0.1 libutf8proc jansson xlsxwriter pangocairo fontconfig
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
BENCH_MEM  := $(O)/bench/bench_mem

# The build variant, linked last: the release refuses test-only switches
# (BAOCAO_KDF=test), the test build takes them. The ASan build is a test
# build through and through; the release's own refusals are checked on
# build/release/baocao (BAOCAO_RELEASE).
VARIANT_REL  := $(O)/variant/release.o
VARIANT_TEST := $(O)/variant/test.o
ifeq ($(V),asan)
BIN_VARIANT  := $(VARIANT_TEST)
TESTBIN      := $(BIN)
else
BIN_VARIANT  := $(VARIANT_REL)
TESTBIN      := $(O)/baocao-test
BAOCAO_RELEASE ?= $(abspath $(BIN))
endif

.PHONY: all check asan check-asan bench clean unit e2e fuzz test-bin

all: baocao $(TESTBIN)

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

$(VARIANT_REL): storage/variant/build.c storage/store-key.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@
$(VARIANT_TEST): storage/variant/build.c storage/store-key.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DBAOCAO_TEST_BUILD -c $< -o $@

$(BIN): $(call obj,$(CLI_SRC)) $(LIBTUI) $(LIBS_LOW) $(BIN_VARIANT)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
ifneq ($(V),asan)
$(TESTBIN): $(call obj,$(CLI_SRC)) $(LIBTUI) $(LIBS_LOW) $(VARIANT_TEST)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
endif
test-bin: $(TESTBIN)

$(O)/tests/unit/%.o: CFLAGS += $(CHECK_CFLAGS)
$(UNIT): $(call obj,$(UNIT_SRC)) $(LIBTUI) $(LIBS_LOW) $(VARIANT_TEST)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS)
$(BENCH): $(call obj,bench/bench-store.c bench/bench-util.c) $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_SYNC): $(call obj,bench/bench-sync.c bench/bench-fill.c bench/bench-util.c) $(LIBS_LOW) \
    $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_TUI): $(call obj,bench/bench-tui.c bench/bench-util.c) $(LIBTUI) $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_OFFICE): $(call obj,bench/bench-office.c bench/bench-fill.c bench/bench-util.c) \
    $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_MEM): $(call obj,bench/bench-mem.c bench/bench-util.c) $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

unit: $(UNIT)
	$(UNIT)

# The e2e scripts make cheap-key databases (BAOCAO_KDF=test): they run a
# test build. BAOCAO_RELEASE names the release binary, whose refusal of the
# test-only switches t-release.sh checks.
e2e: $(TESTBIN) $(if $(filter asan,$(V)),,$(BIN))
	BAOCAO=$(TESTBIN) BAOCAO_RELEASE=$(BAOCAO_RELEASE) sh tests/e2e/run.sh

check: unit e2e

asan:
	$(MAKE) V=asan $(if $(filter asan,$(V)),,build/asan/baocao build/asan/tests/check_unit)

check-asan: build/release/baocao
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) V=asan check \
	    BAOCAO_RELEASE=$(abspath build/release/baocao)

bench: $(BENCH) $(BENCH_SYNC) $(BENCH_TUI) $(BENCH_OFFICE) $(BENCH_MEM)
	$(BENCH)
	$(BENCH_SYNC)
	$(BENCH_TUI)
	$(BENCH_OFFICE)
	$(BENCH_MEM)

# libFuzzer targets (clang), each run for FUZZ_TIME seconds from its seed
# corpus; what they find is kept in build/fuzz/ (crash-*, leak-*, oom-*).
FUZZ_TIME  ?= 20
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
              -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS)
FUZZ_LIBSRC := $(CORE_SRC) forms/cal.c forms/expr.c forms/form.c forms/period.c forms/plan.c forms/sub.c \
               forms/ytree.c \
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
