# casefile: the two quick-start commands are `make demo` and `make test`.
SWIFT ?= swift
STORE ?= demo-store/casefile.sqlite
BIN = .build/debug/casefile
RELEASE_BIN = .build/release/casefile
DCF_DIR ?= $(abspath ../shared/reference/dcf-1.2.2)
export CASEFILE_DCF_DIR ?= $(DCF_DIR)

.PHONY: setup build demo test lint format bench reliability clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

## demo: install what is missing, build, import the samples, check them, build and verify bundles.
demo: build
	@rm -rf demo-store && mkdir -p demo-store
	$(BIN) init --store $(STORE)
	$(BIN) import --store $(STORE) Samples/records/*.json
	$(BIN) case list --store $(STORE)
	@# check exits 1 when a case has error findings: that is an answer, not a failure.
	$(BIN) check --all --store $(STORE) || [ $$? -eq 1 ]
	@mkdir -p demo-store/keys
	$(BIN) keys generate --out demo-store/keys
	@for recipient in cps defence court; do \
	  $(BIN) build 20BH0231926 --for $$recipient --store $(STORE) \
	    --sign demo-store/keys/casefile-signing.key --out demo-store/bundles || exit $$?; \
	done
	$(BIN) verify demo-store/bundles/20BH0231926-defence-first-hearing.tar \
	  --trust demo-store/keys/casefile-signing.pub --store $(STORE)
	$(BIN) audit verify --store $(STORE)

## test: the whole suite, plus the formatter in strict mode.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel
	$(MAKE) lint
	$(BIN) templates validate
	CASEFILE_BIN=$(CURDIR)/$(BIN) scripts/reliability/run.sh

## reliability: kill -9 loop and concurrent writers (TIER=ci or TIER=deep).
reliability: build
	CASEFILE_BIN=$(CURDIR)/$(BIN) scripts/reliability/run.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

## bench: import beside sqlite3's .import, XSD validation beside xmllint, rules beside lxml, search latency.
bench: setup
	$(SWIFT) build -c release
	scripts/bench_import.py
	scripts/bench_xsd.py
	scripts/bench_bag.py
	scripts/bench_rules.py
	scripts/bench_search.py
	scripts/bench_audit.py

clean:
	rm -rf .build demo-store bench-out
