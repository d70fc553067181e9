# Troupe — build, test, bench. `make test` and `make run` work on a fresh Debian 12 machine.
SHELL := /bin/bash
.DEFAULT_GOAL := build

SOLUTION     := Troupe.slnx
CONFIG       ?= Release
# libtroupe_gloo.so (src/Native): the collectives shim over standalone Gloo. Tensors come from TorchSharp (NuGet).
NATIVE_BUILD := build/native-cmake
RESULTS      := build/test-results
DEPS         := libgloo-dev cmake g++
BENCH_DEPS   := python3-torch
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Extra arguments for `dotnet test` (e.g. FILTER="Category!=Slow").
FILTER       ?= Category!=Slow

.PHONY: deps bench-deps native build run train test test-slow bench chaos compose-test clean

# Idempotent: apt runs only when a package is missing.
deps:
	@missing=$$(for p in $(DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

bench-deps: deps
	@missing=$$(for p in $(BENCH_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

native: deps
	@cmake -S src/Native -B $(NATIVE_BUILD) -DCMAKE_BUILD_TYPE=Release -DTROUPE_OUTPUT_DIR=$(abspath build/native) > /dev/null
	@cmake --build $(NATIVE_BUILD) -j $$(nproc)

build: native
	dotnet build $(SOLUTION) -c $(CONFIG) --nologo -v q

# The main job on an embedded local cluster: a coordinator and two in-process workers run the Human Numbers
# LMModel7 sweep (ARGS adds flags, e.g. ARGS="--log-format json"); results land in runs/NAME-TIMESTAMP.
# One model in one process, fastai's table and generated text: `troupe-coordinator train` (make train).
run: build
	dotnet src/Coordinator/bin/$(CONFIG)/net10.0/troupe-coordinator.dll run experiments/human-numbers.yaml --local-workers 2 $(ARGS)

train: build
	dotnet src/Coordinator/bin/$(CONFIG)/net10.0/troupe-coordinator.dll train $(ARGS)

test: build
	@rm -rf $(RESULTS)
	dotnet test $(SOLUTION) -c $(CONFIG) --no-build --nologo --filter "$(FILTER)" \
	  --logger "trx" --results-directory $(RESULTS) -- RunConfiguration.TestSessionTimeout=1500000

test-slow: build
	dotnet test $(SOLUTION) -c $(CONFIG) --no-build --nologo --filter "Category=Slow" --logger "console;verbosity=normal"

bench: bench-deps build
	bash bench/run.sh

# Chaos runs on a netns cluster (root; not in CI): N randomized runs of kill -9 / partition / coordinator restart,
# each checked against a fault-free run (deploy/chaos/chaos.sh --help). Results and logs in build/chaos.
N ?= 20
CHAOS_SEED ?= 1
chaos: build
	@command -v sqlite3 > /dev/null || $(SUDO) apt-get install -y -qq sqlite3
	$(SUDO) bash deploy/chaos/chaos.sh --runs $(N) --seed $(CHAOS_SEED) $(ARGS)

# docker-compose for real (root; not in CI: it builds images). Starts dockerd if none answers, builds the image
# (on local stand-ins for Microsoft's .NET images where those cannot be pulled), runs a coordinator and 3 workers
# through a worker kill, a coordinator restart and a wrong-secret worker, checks the run dir, removes it all.
# deploy/compose-test.sh --help; logs, timings and the run dir in build/compose-test.
compose-test:
	$(SUDO) bash deploy/compose-test.sh $(ARGS)

clean:
	rm -rf build
	dotnet clean $(SOLUTION) -v q
