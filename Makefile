# damon-exp: every target installs what it needs first, so each works on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := build

NODE_MODULES := node_modules/.package-lock.json
TS_SOURCES := $(shell find src -name '*.ts' -o -name '*.js') tsconfig.json
# Debian packages: shellcheck checks plan.sh in the tests; gcc builds native/masim; QEMU,
# busybox-static (the guest's init), cpio, xz and zstd (the initramfs, kernel modules, and the
# kernel uncompressed for PVH boot) and perf run experiments in a VM; chromium checks the HTML report in the tests; make, flex, bison, bc and
# libelf-dev build guest kernels from source (damon-exp kernel build); munge, slurmctld, slurmd and
# slurm-client make the single-node Slurm cluster the tests start (test/helpers/slurm-cluster.ts).
DEBIAN_PACKAGES := shellcheck gcc libc6-dev qemu-system-x86 busybox-static cpio xz-utils zstd linux-perf chromium make flex bison bc libelf-dev munge slurmctld slurmd slurm-client

.PHONY: setup build native kernel fork-kernel test run bench bench-deps gen docs clean system-packages format

setup: $(NODE_MODULES) system-packages native kernel

# npm ci when the lock file changed since the last install.
$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

system-packages:
	@missing=""; for pkg in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing Debian packages:$$missing; install them with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	  echo "installing$$missing" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Debian's DAMON kernel (6.12) for the qemu backend, unpacked into the user's cache
# (~/.cache/damon-exp/kernels/, or $$DAMON_EXP_CACHE/kernels/), which an installed package shares.
kernel: build
	@node bin/damon-exp.js kernel fetch > /dev/null

# The multi-context fork's kernel into the cache as `damon-multi-contexts`, from ../shared where the
# project's CI has it (bzImage, config, SOURCE.md with the source commit). Elsewhere, build it from
# its source: damon-exp kernel build <a clone of github.com/onlyoneofme/damon-multi-contexts>.
SHARED_FORK ?= ../shared/kernels/damon-multi-contexts
fork-kernel: build
	@if [ -f $(SHARED_FORK)/bzImage ]; then \
	  commit=$$(sed -n 's/.*commit \([0-9a-f]\{40\}\).*/\1/p' $(SHARED_FORK)/SOURCE.md | head -n 1); \
	  node bin/damon-exp.js kernel import $(SHARED_FORK)/bzImage --config $(SHARED_FORK)/config --name damon-multi-contexts $${commit:+--commit $$commit} > /dev/null; \
	else \
	  echo "fork-kernel: no $(SHARED_FORK)/bzImage; the tests on the multi-context fork are skipped (build it with damon-exp kernel build SRC --name damon-multi-contexts)" >&2; \
	fi

# Our masim-compatible workload generator, and the TLB refresher QEMU TCG guests run while they
# record (C, libc only).
native:
	$(MAKE) -C native/masim
	$(MAKE) -C native/tlb-refresh

build: dist/.built

# dist/ for the command, and dist/damon-exp-guest.mjs: what a QEMU guest runs (guest-run), in one
# minified file: Node reads one file over 9p instead of hundreds, and compiles a fifth of the code.
# dist/cli-bundle/: the command bundled and minified (bin/damon-exp.js runs main.mjs), split per
# command: a command compiles only its own code and what it shares, in a third of the time the
# modules of dist/ take to load.
BUNDLE_BANNER := "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
dist/.built: $(NODE_MODULES) $(TS_SOURCES)
	npx tsc -p tsconfig.json
	npx esbuild dist/cli/guest-main.js --bundle --minify --platform=node --format=esm --target=node20 --outfile=dist/damon-exp-guest.mjs --log-level=warning $(BUNDLE_BANNER)
	rm -rf dist/cli-bundle
	npx esbuild dist/cli/main.js --bundle --splitting --minify --platform=node --format=esm --target=node20 --outdir=dist/cli-bundle --out-extension:.js=.mjs --chunk-names=[name]-[hash] --log-level=warning $(BUNDLE_BANNER)
	@touch $@

# Everything, then the whole test suite. CI runs exactly this (.ci/run).
test: setup build fork-kernel
	npx prettier --check --log-level=warn .
	npx tsc -p tsconfig.test.json
	@mkdir -p test/artifacts
	npx vitest run --reporter=default --reporter=json --outputFile.json=test/artifacts/vitest.json
	@node -e 'const r=require("./test/artifacts/vitest.json"); console.log(`$${r.numPassedTests} passed, $${r.numFailedTests} failed, $${r.numPendingTests} skipped`)'

# The main job: the many-contexts experiment, on this host's DAMON when it can serve it, else in
# QEMU; ends by printing where the results are (a complete earlier result is kept, not re-run).
run: setup build
	@set -o pipefail; node bin/damon-exp.js run experiments/many_contexts.yaml --resume | while read -r dir; do echo "results: $$dir"; done

# `npm run bench -- NAME` runs one benchmark (npm adds NAME to `node bench/run.js`); `make bench BENCH=NAME` too.
bench: bench-deps
	node bench/run.js $(BENCH)

bench-deps: setup build
	npx tsc -p tsconfig.bench.json

# The code as prettier formats it (.prettierrc.json); make test checks it.
format: $(NODE_MODULES)
	npx prettier --write --log-level=warn .

# Regenerate the TypeScript types and the compiled validator from schemas/manifest.schema.json, and
# the precompiled HTML templates from templates/*.hbs. After a schema change, `make docs` too.
gen: $(NODE_MODULES)
	node scripts/gen-manifest-types.js
	node scripts/gen-manifest-validator.js
	node scripts/gen-templates.js

# The generated reference pages, from the built code: docs/manifest.md from the schema's
# descriptions, docs/commands.md from each command's usage, help and options (what --help prints).
# test/docs/generated.test.ts fails when they are stale.
docs: build
	node scripts/gen-docs.js

clean:
	rm -rf dist test/artifacts
	$(MAKE) -C native/masim clean
	$(MAKE) -C native/tlb-refresh clean
