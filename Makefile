# damon-exp: every target installs what it needs first, so each works on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := build

NODE_MODULES := node_modules/.package-lock.json
TS_SOURCES := $(shell find src -name '*.ts' -o -name '*.js') tsconfig.json
SYSTEM_TOOLS := shellcheck cc

.PHONY: setup build native test bench gen clean system-packages

setup: $(NODE_MODULES) system-packages native

# npm ci when the lock file changed since the last install.
$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Debian packages: shellcheck checks plan.sh in the tests; gcc builds native/masim.
system-packages:
	@missing=""; for tool in $(SYSTEM_TOOLS); do command -v $$tool >/dev/null || missing="$$missing $$tool"; done; \
	missing=$${missing/ cc/ gcc libc6-dev}; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing:$$missing; install them with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	  echo "installing$$missing" >&2; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Our masim-compatible workload generator (C, libc only).
native:
	$(MAKE) -C native/masim

build: dist/.built

# dist/ for the command, and dist/damon-exp.mjs: the whole CLI in one file, which starts in a
# QEMU guest in about a second instead of ten (one file over 9p instead of hundreds).
dist/.built: $(NODE_MODULES) $(TS_SOURCES) bin/damon-exp.js
	npx tsc -p tsconfig.json
	npx esbuild bin/damon-exp.js --bundle --platform=node --format=esm --target=node20 --outfile=dist/damon-exp.mjs --log-level=warning \
	  "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
	@touch $@

# Everything, then the whole test suite. CI runs exactly this (.ci/run).
test: setup build
	npx tsc -p tsconfig.test.json
	@mkdir -p test/artifacts
	npx vitest run --reporter=default --reporter=json --outputFile.json=test/artifacts/vitest.json
	@node -e 'const r=require("./test/artifacts/vitest.json"); console.log(`$${r.numPassedTests} passed, $${r.numFailedTests} failed, $${r.numPendingTests} skipped`)'

bench: setup build
	npx tsc -p tsconfig.bench.json
	node bench/run.js

# Regenerate the TypeScript types and the compiled validator from schemas/manifest.schema.json.
gen: $(NODE_MODULES)
	node scripts/gen-manifest-types.js
	node scripts/gen-manifest-validator.js

clean:
	rm -rf dist test/artifacts
	$(MAKE) -C native/masim clean
