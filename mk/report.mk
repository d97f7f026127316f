# The report's browser check (included from the Makefile).
# `make check-browser`: regenerate reports/ and load it in headless Chromium
# (installed with apt-get when root; skipped when not root and missing).
check-browser: report
	@bash tests/browser/check.sh reports
