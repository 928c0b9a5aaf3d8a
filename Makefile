# baocao: build, test and benchmark.
#
#   make            ./baocao (optimised, -Wall -Wextra, no warnings) and
#                   build/release/baocao-test
#   make test-bin   build/release/baocao-test: the same objects linked with
#                   the test variant (storage/variant/build.c): test-only
#                   switches (BAOCAO_KDF=test) work; ./baocao refuses them
#   make check      unit tests (Check) and end-to-end scripts on baocao-test,
#                   plus the release's refusals (tests/e2e/t-release.sh) and
#                   (release) the crash/I-O-error injection of tests/fault/
#   make torture-faults  that injection at every point of every command (long)
#   make asan       a test build with ASan + UBSan
#   make check-asan the whole test suite on the ASan build
#   make bench      benchmarks (bench/), printing their figures
#   make bench-smoke  the benchmarks at tiny sizes (seconds), checking they work
#   make torture-quick  the store against plain SQLite, 200 seeds (tests/torture/)
#   make torture SECONDS=N  the same, random large workloads for N seconds
#   make keys-table  README's key table, printed from the interface's key
#                   tables (baocao tui-keys; t-tui-keys.sh checks README)
#   make clean
#   make install    PREFIX (/usr/local), DESTDIR: the binary, man pages,
#                   README, LICENSE, the format guides and the catalogue's
#                   YAML; make uninstall removes exactly those
#   make deb        build/deb/baocao_VERSION_{amd64,i386}.deb (tools/mkdeb.sh;
#                   the i386 build is a cross build in build/i386/)
#   make check-pkg  flags, hardening, install/uninstall and both packages
#                   (tests/pkg/)
#
# CC, PKG_CONFIG, CFLAGS, CPPFLAGS and LDFLAGS are taken from the
# environment or the command line and added to; hardening (fortify, stack
# protector, PIE, full RELRO) is on unless HARDEN=0. A cross build:
#   PKG_CONFIG_LIBDIR=/usr/lib/i386-linux-gnu/pkgconfig:/usr/share/pkgconfig \
#   make O=build/i386 CC=i686-linux-gnu-gcc build/i386/baocao
#
# Objects go to build/<variant>/; each layer is a static library that its
# tests link alone: core <- storage <- forms <- sync <- tui, cli.

V        ?= release
O        ?= build/$(V)
VERSION  := 0.1.0
PKG_CONFIG ?= pkg-config
PKGS     := ncursesw sqlite3 libsodium libzstd yaml-0.1 libutf8proc jansson xlsxwriter pangocairo fontconfig minizip expat
# ICU: only the unit tests link it, as the reference for Vietnamese order
CHECKPKG := check icu-i18n

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

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lcsv -lm
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(CHECKPKG))
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs $(CHECKPKG))

# --- Flags: ours first, then the caller's (environment or command line,
# e.g. dpkg-buildflags), so the caller's win where they overlap. Hardening
# as Debian's defaults: HARDEN=0 leaves it out. Fortify is left out of the
# ASan build (the sanitizer checks what it would) and left to the caller
# when CPPFLAGS already sets a level.
HARDEN   ?= 1
ifeq ($(HARDEN),1)
ifeq ($(findstring _FORTIFY_SOURCE,$(CPPFLAGS))$(filter asan,$(V)),)
HARDEN_CPPFLAGS := -D_FORTIFY_SOURCE=2
endif
HARDEN_CFLAGS   := -fstack-protector-strong -Wformat -Werror=format-security -fPIE
HARDEN_LDFLAGS  := -pie -Wl,-z,relro -Wl,-z,now
endif
override CPPFLAGS := -DBAOCAO_VERSION=\"$(VERSION)\" -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED \
            $(HARDEN_CPPFLAGS) $(PKG_CFLAGS) $(CPPFLAGS)
# Every compile line uses CFLAGS alone: it carries CPPFLAGS.
override CFLAGS   := $(CPPFLAGS) -std=c11 $(OPT) $(WARN) $(HARDEN_CFLAGS) $(CFLAGS) $(EXTRA_CFLAGS)
override LDFLAGS  := $(OPT) $(HARDEN_CFLAGS) $(HARDEN_LDFLAGS) $(LDFLAGS) $(EXTRA_LDFLAGS)
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
BENCH_IMPORT := $(O)/bench/bench_import
BENCH_HELD := $(O)/bench/bench_held

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
TORTURE    := $(O)/tests/torture

BOUNDS     := $(O)/tests/import_bounds


.PHONY: all check asan check-asan bench bench-smoke clean unit e2e fuzz test-bin fuzz-replay fuzz-cov bounds torture torture-quick faults torture-faults

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

$(O)/tests/unit/%.o: override CFLAGS += $(CHECK_CFLAGS)
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
    $(LIBTUI) $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_IMPORT): $(call obj,bench/bench-import.c bench/bench-fill.c bench/bench-util.c) \
    $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_HELD): $(call obj,bench/bench-held.c bench/bench-fill.c bench/bench-util.c) \
    $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
$(BENCH_MEM): $(call obj,bench/bench-mem.c bench/bench-util.c) $(LIBS_LOW) $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
# Bundle sizes with the office's zstd dictionary against zstd -19 (bench/bench-dict.c).
BENCH_DICT := $(O)/bench/bench_dict
$(BENCH_DICT): $(call obj,bench/bench-dict.c bench/bench-fill.c bench/bench-util.c) $(LIBS_LOW) \
    $(VARIANT_REL)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
.PHONY: keys-table
keys-table: $(BIN)
	@$(BIN) tui-keys

.PHONY: bench-dict
bench-dict: $(BENCH_DICT)
	$(BENCH_DICT)

unit: $(UNIT)
	$(UNIT)

# Peak memory of `baocao import` on hostile files against a normal bundle
# (tests/bounds/import-bounds.c); release build only (ASan's shadow memory
# would be measured, not ours).
$(BOUNDS): $(call obj,tests/bounds/import-bounds.c) $(LIBS_LOW) $(VARIANT_TEST)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
bounds: $(BOUNDS) $(TESTBIN)
	@d=$$(mktemp -d "$${TMPDIR:-/tmp}/baocao-bounds-XXXXXX"); $(BOUNDS) $(TESTBIN) $$d; s=$$?; \
	    rm -rf "$$d"; exit $$s

# The e2e scripts make cheap-key databases (BAOCAO_KDF=test): they run a
# test build. BAOCAO_RELEASE names the release binary, whose refusal of the
# test-only switches t-release.sh checks.
e2e: $(TESTBIN) $(if $(filter asan,$(V)),,$(BIN))
	BAOCAO=$(TESTBIN) BAOCAO_RELEASE=$(BAOCAO_RELEASE) sh tests/e2e/run.sh

# Differential torture of the store against plain SQLite (tests/torture/).
# torture-quick: seeds 1..200 and the pinned ones (tools/test.sh);
# torture: random seeds for SECONDS seconds (one in eight large), nice'd.
# (its object beside it, not in tests/torture/, the program's own path)
$(O)/tests/torture.o: tests/torture/torture.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@
$(TORTURE): $(O)/tests/torture.o $(LIBSTORAGE) $(LIBCORE) $(VARIANT_TEST)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
SECONDS  ?= 600
TORTURE_SEEDS ?= 200
torture-quick: $(TORTURE)
	$(TORTURE) --quick --seeds $(TORTURE_SEEDS)
torture: $(TORTURE)
	nice $(TORTURE) --seconds $(SECONDS)


check: unit e2e $(if $(filter release,$(V)),faults)

# Crash and I/O-error injection (tests/fault/run.sh): every command that
# writes, killed or failed at its writes, fsyncs, truncates and renames.
# `faults` takes every point of the small commands and a stride of the big
# ones; `torture-faults` takes every point of every command (long).
# FAULT_BIN: a binary that takes BAOCAO_KDF=test
FAULT_BIN  ?= $(TESTBIN)
FAULT_LIB  := $(O)/tests/fault/libfault.so
FAULT_DUMP := $(O)/tests/fault/dumpdb
$(FAULT_LIB): tests/fault/libfault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -fPIC -shared -o $@ $< -ldl
$(FAULT_DUMP): $(call obj,tests/fault/dumpdb.c) $(LIBSTORAGE) $(LIBCORE) $(VARIANT_TEST)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)
faults: $(FAULT_BIN) $(FAULT_LIB) $(FAULT_DUMP)
	BAOCAO=$(FAULT_BIN) FAULT_LIB=$(FAULT_LIB) FAULT_DUMP=$(FAULT_DUMP) sh tests/fault/run.sh
torture-faults: $(FAULT_BIN) $(FAULT_LIB) $(FAULT_DUMP)
	BAOCAO=$(FAULT_BIN) FAULT_LIB=$(FAULT_LIB) FAULT_DUMP=$(FAULT_DUMP) FAULT_STRIDE=1 \
	    sh tests/fault/run.sh

asan:
	$(MAKE) V=asan $(if $(filter asan,$(V)),,build/asan/baocao build/asan/tests/check_unit)

check-asan: build/release/baocao
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) \
	    UBSAN_OPTIONS=print_stacktrace=1 $(MAKE) V=asan check \
	    BAOCAO_RELEASE=$(abspath build/release/baocao)

bench: $(BENCH) $(BENCH_SYNC) $(BENCH_TUI) $(BENCH_OFFICE) $(BENCH_MEM) $(BENCH_IMPORT) \
    $(BENCH_HELD)
	$(BENCH)
	$(BENCH_IMPORT)
	$(BENCH_HELD)
	$(BENCH_SYNC)
	$(BENCH_TUI)
	$(BENCH_OFFICE)
	$(BENCH_MEM)
	$(MAKE) bench-dict

# The benchmarks that take --smoke at tiny sizes, in seconds: they still
# check they did their work, so that they cannot rot (tools/test.sh).
bench-smoke: $(BENCH_IMPORT) $(BENCH_OFFICE) $(BENCH_TUI) $(BENCH_HELD)
	BENCH_RUNS=1 $(BENCH_IMPORT) --smoke
	BENCH_RUNS=1 $(BENCH_HELD) --smoke
	BENCH_RUNS=1 $(BENCH_OFFICE) --smoke

# libFuzzer targets (clang). `make fuzz` first replays the committed corpora
# (tests/fuzz/corpus-*: every input once, so a crash found before is a
# regression test), then runs each target for FUZZ_TIME seconds from its
# corpus; what they find is kept in build/fuzz/ (crash-*, leak-*, oom-*).
# fuzz-bundle and fuzz-pack reach the container and the decoder;
# fuzz-import and fuzz-apply seal fuzzed JSON with a throwaway office's and
# village's keys and reach sync_import / sync_apply (tests/fuzz/fuzz-store.h).
FUZZ_TIME  ?= 20
FUZZ_CC    ?= clang
FUZZ_SAN   ?= -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_FLAGS := -g -O1 $(FUZZ_SAN) -std=c11 -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED -I. \
              $(PKG_CFLAGS) $(FUZZ_EXTRA)
FUZZ_LIBSRC := $(CORE_SRC) forms/cal.c forms/expr.c forms/form.c forms/period.c forms/plan.c forms/sub.c forms/num.c \
               forms/ytree.c \
               sync/sync-seal.c sync/sync-decode.c
FUZZ_ALLSRC := $(CORE_SRC) $(STORAGE_SRC) $(FORMS_SRC) $(SYNC_SRC) build/fuzz/catalog-data.c
FUZZ_RUN   := -max_total_time=$(FUZZ_TIME) -max_len=65536 -rss_limit_mb=1024 \
              -malloc_limit_mb=256 -timeout=10 -artifact_prefix=build/fuzz/ -print_final_stats=1
FUZZ_REPLAY := -rss_limit_mb=1024 -malloc_limit_mb=256 -timeout=10
FUZZ_DEEP  := import apply

build/fuzz/catalog-data.c: $(CATALOG) tools/embed.sh
	@mkdir -p build/fuzz
	sh tools/embed.sh $(CATALOG) > $@.tmp && mv $@.tmp $@

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_LIBSRC) $(wildcard forms/*.h core/*.h sync/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC) $(PKG_LIBS)

$(addprefix build/fuzz/fuzz-,$(FUZZ_DEEP)): build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c \
    tests/fuzz/fuzz-store.h $(FUZZ_ALLSRC) $(wildcard */*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -DBAOCAO_TEST_BUILD -o $@ $< $(FUZZ_ALLSRC) storage/variant/build.c \
	    $(PKG_LIBS)

build/fuzz/mkseed: tests/fuzz/mkseed.c tests/fuzz/fuzz-seal.h $(FUZZ_LIBSRC)
	@mkdir -p build/fuzz
	$(CC) -g -O1 -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS) -o $@ $< $(FUZZ_LIBSRC) $(PKG_LIBS)

FUZZ_TARGETS := form expr bundle pack import apply

fuzz-replay: $(addprefix build/fuzz/fuzz-,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do \
	    build/fuzz/fuzz-$$t $(FUZZ_REPLAY) tests/fuzz/corpus-$$t/* 2>build/fuzz/replay-$$t.log \
	    || { tail -30 build/fuzz/replay-$$t.log; exit 1; }; \
	    echo "fuzz-$$t: $$(ls tests/fuzz/corpus-$$t | wc -l) committed inputs replayed"; done

# Coverage of sync/ by the committed corpora of the sync targets: built
# with clang's source-based coverage, every corpus input run once.
COV_FLAGS := -g -O1 -fsanitize=fuzzer -fprofile-instr-generate -fcoverage-mapping -std=c11 \
             -D_GNU_SOURCE -D_XOPEN_SOURCE_EXTENDED -I. $(PKG_CFLAGS)
COV_SYNC  := bundle pack import apply
fuzz-cov: build/fuzz/catalog-data.c
	@mkdir -p build/cov
	for t in $(COV_SYNC); do \
	    $(FUZZ_CC) $(COV_FLAGS) -DBAOCAO_TEST_BUILD -o build/cov/fuzz-$$t tests/fuzz/fuzz-$$t.c \
	        $(FUZZ_ALLSRC) storage/variant/build.c $(PKG_LIBS) || exit 1; \
	    LLVM_PROFILE_FILE=build/cov/$$t.profraw build/cov/fuzz-$$t -runs=0 \
	        -rss_limit_mb=2048 tests/fuzz/corpus-$$t >build/cov/$$t.log 2>&1 || exit 1; done
	llvm-profdata merge -o build/cov/sync.profdata $(COV_SYNC:%=build/cov/%.profraw)
	llvm-cov report build/cov/fuzz-bundle $(COV_SYNC:%=-object build/cov/fuzz-%) \
	    -instr-profile=build/cov/sync.profdata $(SYNC_SRC)

fuzz: fuzz-replay build/fuzz/mkseed
	@mkdir -p build/fuzz/corpus-form build/fuzz/corpus-expr build/fuzz/corpus-bundle \
	    build/fuzz/corpus-pack build/fuzz/corpus-import build/fuzz/corpus-apply \
	    build/fuzz/seed-bundle build/fuzz/seed-pack
	build/fuzz/mkseed build/fuzz/seed-bundle build/fuzz/seed-pack
	build/fuzz/fuzz-form $(FUZZ_RUN) build/fuzz/corpus-form forms/catalog tests/fuzz/corpus-form
	build/fuzz/fuzz-expr $(FUZZ_RUN) build/fuzz/corpus-expr tests/fuzz/corpus-expr
	build/fuzz/fuzz-bundle $(FUZZ_RUN) build/fuzz/corpus-bundle build/fuzz/seed-bundle \
	    tests/fuzz/corpus-bundle
	build/fuzz/fuzz-pack $(FUZZ_RUN) build/fuzz/corpus-pack build/fuzz/seed-pack \
	    tests/fuzz/corpus-pack
	build/fuzz/fuzz-import $(FUZZ_RUN) build/fuzz/corpus-import tests/fuzz/corpus-import
	build/fuzz/fuzz-apply $(FUZZ_RUN) build/fuzz/corpus-apply tests/fuzz/corpus-apply

# --- Install, uninstall, Debian packages (README: "Install on many
# laptops"). make install takes the release binary of this build ($(BIN));
# man pages are installed when man/vi/baocao.1 or man/en/baocao.1 exist
# (English in man1/, Vietnamese in vi/man1/). make uninstall removes exactly
# what install put there, and the folders of baocao's own it made.
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
DOCDIR   ?= $(DATADIR)/doc/baocao
INSTALL  ?= install
DOCS     := README.md LICENSE
FORMAT_DOCS := forms/FORMAT.md storage/FORMAT.md sync/FORMAT.md
MAN_EN   := $(wildcard man/en/baocao.1)
MAN_VI   := $(wildcard man/vi/baocao.1)

.PHONY: install uninstall deb

install: $(BIN)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR)/forms $(DESTDIR)$(DOCDIR)/storage \
	    $(DESTDIR)$(DOCDIR)/sync $(DESTDIR)$(DOCDIR)/catalog
	$(INSTALL) -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/baocao
	$(INSTALL) -m 0644 $(DOCS) $(DESTDIR)$(DOCDIR)/
	for f in $(FORMAT_DOCS); do $(INSTALL) -m 0644 $$f $(DESTDIR)$(DOCDIR)/$$f || exit 1; done
	$(INSTALL) -m 0644 $(CATALOG) $(DESTDIR)$(DOCDIR)/catalog/
ifneq ($(MAN_EN),)
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 0644 $(MAN_EN) $(DESTDIR)$(MANDIR)/man1/baocao.1
endif
ifneq ($(MAN_VI),)
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/vi/man1
	$(INSTALL) -m 0644 $(MAN_VI) $(DESTDIR)$(MANDIR)/vi/man1/baocao.1
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/baocao $(DESTDIR)$(MANDIR)/man1/baocao.1 \
	    $(DESTDIR)$(MANDIR)/vi/man1/baocao.1
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(DOCS) $(FORMAT_DOCS)) \
	    $(addprefix $(DESTDIR)$(DOCDIR)/catalog/,$(notdir $(CATALOG)))
	-rmdir $(DESTDIR)$(DOCDIR)/forms $(DESTDIR)$(DOCDIR)/storage $(DESTDIR)$(DOCDIR)/sync \
	    $(DESTDIR)$(DOCDIR)/catalog $(DESTDIR)$(DOCDIR) 2>/dev/null

# Both packages: the amd64 one from this release build, the i386 one from a
# cross build in build/i386 (crossbuild-essential-i386 and the :i386 -dev
# packages: tools/test-i386.sh --deps installs them). Written to build/deb/.
# (PKG_CONFIG_LIBDIR goes in the environment: make's $(shell) does not see
# a variable given on its command line.)
I386_MAKE := PKG_CONFIG_LIBDIR=/usr/lib/i386-linux-gnu/pkgconfig:/usr/share/pkgconfig \
             $(MAKE) V=release O=build/i386 CC=i686-linux-gnu-gcc
deb: build/release/baocao
	$(I386_MAKE) build/i386/baocao
	rm -rf build/deb/root-amd64 build/deb/root-i386
	$(MAKE) V=release install DESTDIR=build/deb/root-amd64 PREFIX=/usr
	$(I386_MAKE) install DESTDIR=build/deb/root-i386 PREFIX=/usr
	sh tools/mkdeb.sh amd64 build/deb/root-amd64 $(VERSION) build/deb
	sh tools/mkdeb.sh i386 build/deb/root-i386 $(VERSION) build/deb

# The packaging checks (tests/pkg/): flags kept, hardening in the binaries,
# install/uninstall, the man pages (t-man.sh), both packages (lintian, installed into a throwaway root
# and run there).
check-pkg: deb
	sh tests/pkg/t-flags.sh
	sh tests/pkg/t-hardening.sh build/release/baocao build/i386/baocao
	sh tests/pkg/t-install.sh
	sh tests/pkg/t-man.sh
	sh tests/pkg/t-deb.sh $(VERSION) build/deb
.PHONY: check-pkg

clean:
	rm -rf build baocao

-include $(shell find build -name '*.d' 2>/dev/null)

# The document readers of `forms draft` / `forms import` (minizip, expat,
# libcsv) under libFuzzer, seeded with the plan fixtures.
FUZZ_DOCSRC := forms/doc-table.c forms/form-draft.c forms/form-xlsform.c
build/fuzz/fuzz-doc: tests/fuzz/fuzz-doc.c $(FUZZ_LIBSRC) $(FUZZ_DOCSRC) $(wildcard forms/*.h core/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIBSRC) $(FUZZ_DOCSRC) $(PKG_LIBS)
fuzz-doc: build/fuzz/fuzz-doc
	@mkdir -p build/fuzz/corpus-doc
	build/fuzz/fuzz-doc $(FUZZ_RUN) -max_len=262144 build/fuzz/corpus-doc tests/fixtures/plans
fuzz: fuzz-doc
.PHONY: fuzz-doc
