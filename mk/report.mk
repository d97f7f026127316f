# The report's browser check (included from the Makefile).
# `make check-browser`: regenerate reports/ and load it in headless Chromium
# (installed with apt-get when root; skipped when not root and missing).
check-browser: report
	@bash tests/make/tmp_clean.sh $(TEST_TMP)/browser bash tests/browser/check.sh reports

# Part of `make check`: the same check on the committed reports/ when
# Chromium is already installed; skipped (not installed) otherwise.
browser-if-present: all
	@SRW_BROWSER_NO_INSTALL=1 bash tests/make/tmp_clean.sh $(TEST_TMP)/browser bash tests/browser/check.sh reports
