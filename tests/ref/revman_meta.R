# R's meta on Cochrane CD008625 (cholera), the Cochrane Library's
# statistical-data export (../shared/fixtures/revman/CD008625StatsDataOnly.rm5):
# an independent recomputation of the RevMan rules in doc/methods.md
# ("RevMan files").  Output recorded in tests/ref/revman_meta.txt; CI never
# runs R.  meta is not in Debian 12: built from its source (github.com/guido-s/meta
# at 3e09765, version 8.2-1; CompQuadForm 1.4.3 from github.com/cran/CompQuadForm)
# with R CMD INSTALL into a private library, then
#   R_LIBS=/path/to/lib Rscript tests/ref/revman_meta.R FILE.rm5
suppressMessages(library(meta))
args <- commandArgs(trailingOnly = TRUE)
f <- if (length(args)) args[1] else "../shared/fixtures/revman/CD008625StatsDataOnly.rm5"
cat("meta", as.character(packageVersion("meta")), "on", R.version.string, "\n")
x <- read.rm5(f)
p <- function(...) cat(sprintf("%.17g", c(...)), "\n")

cat("\n# 1. Generic inverse variance on the log scale (analysis 1.2, stool volume):\n")
cat("# meta reads ESTIMATE as the log ratio; RevMan's pooled EFFECT_SIZE 0.50057443891143627\n")
m <- metacr(x, 1, 2)
cat("exp(TE.random), lower, upper: "); p(exp(m$TE.random), exp(m$lower.random), exp(m$upper.random))

cat("\n# 2. Subtotals only (analysis 3.2): RevMan's overall 0.34608748503946246 [0.26341981512387264, 0.45469831965607999]\n")
cat("# is the inverse-variance pool of the subgroups' random-effects results:\n")
m <- metacr(x, 3, 2)
g <- metagen(m$TE.random.w, m$seTE.random.w, common = TRUE, random = FALSE)
cat("exp(TE.common), lower, upper of metagen(TE.random.w, seTE.random.w): ")
p(exp(g$TE.common), exp(g$lower.common), exp(g$upper.common))

cat("\n# 4. MH risk difference with zero cells (analyses 1.3, 14.3; 9.3 with one study).\n")
cat("# RevMan: 1.3 0 [-0.046957778852506966, 0.046957778852506966];\n")
cat("#         14.3 -0.016114180478821374 [-0.15671058675573202, 0.12448222579808926];\n")
cat("#         9.3 0 [-0.14275079685492442, 0.14275079685492442].\n")
cat("# meta weights by the 0.5-corrected cells too, and so differs where RevMan\n")
cat("# keeps the raw counts in the weights:\n")
for (o in list(c(1, 3), c(14, 3), c(9, 3))) {
  m <- metacr(x, o[1], o[2])
  cat(sprintf("%d.%d TE.common, lower, upper: ", o[1], o[2])); p(m$TE.common, m$lower.common, m$upper.common)
}
