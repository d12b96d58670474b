# Thin front end over CMake: the commands people type. Every target installs what it needs first.
#   make demo | test | bench | fuzz | install | clean
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 60

MAKEFLAGS += --no-print-directory

.PHONY: all deps build demo test test-release test-asan bench fuzz install clean

all: build

deps:
	@scripts/deps.sh

# Quiet on success; the whole compiler output on failure.
build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DBIOMETAL_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) >$(BUILD)/build.log 2>&1 || { cat $(BUILD)/build.log; exit 1; }
	@echo "built $(BUILD)/biometal ($$($(BUILD)/biometal --version))"

demo: build
	@scripts/demo.sh $(BUILD)/biometal

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DBIOMETAL_WERROR=ON -DBIOMETAL_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_ASAN) -j $(JOBS) >$(BUILD_ASAN)/build.log 2>&1 || { cat $(BUILD_ASAN)/build.log; exit 1; }
	cd $(BUILD_ASAN) && ctest --output-on-failure -j $(JOBS)

# The release suite, then the whole suite again under ASan+UBSan.
test: test-release test-asan

bench: build
	bench/run.sh io

fuzz: deps
	@CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=Debug -DBIOMETAL_FUZZ=ON -DBIOMETAL_TESTS=OFF >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS)
	tests/fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
