# The metafor side of the benchmark: rma(method="REML", test="knha") +
# predict() + confint() per outcome of the same workload, timed in R.
# Usage: Rscript bench/metafor.R bench/out/workload.csv [max_outcomes]
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
maxo <- if (length(args) > 1) as.integer(args[2]) else 300
outs <- unique(d$outcome)[seq_len(min(maxo, length(unique(d$outcome))))]
prep <- lapply(outs, function(o) {
  x <- d[d$outcome == o, ]
  if (x$type[1] == "dichotomous")
    escalc("RR", ai = exp_events, n1i = exp_total, ci = ctl_events, n2i = ctl_total, data = x)
  else if (x$type[1] == "continuous")
    escalc("MD", m1i = exp_mean, sd1i = exp_sd, n1i = exp_total, m2i = ctl_mean, sd2i = ctl_sd, n2i = ctl_total, data = x)
  else data.frame(yi = x$estimate, vi = x$se^2)
})
t <- system.time(for (e in prep) {
  r <- try(rma(yi, vi, data = e, method = "REML", test = "knha"), silent = TRUE)
  if (!inherits(r, "try-error")) { predict(r); try(confint(r), silent = TRUE) }
})[["elapsed"]]
cat(sprintf("metafor %s: %d meta-analyses (rma REML knha + predict + confint) in %.2f s = %.3f ms each\n",
            packageVersion("metafor"), length(prep), t, 1000 * t / length(prep)))
t2 <- system.time(for (e in prep) {
  r <- try(rma(yi, vi, data = e, method = "REML", test = "knha"), silent = TRUE)
  if (!inherits(r, "try-error")) predict(r)
})[["elapsed"]]
cat(sprintf("metafor %s: rma REML knha + predict only: %.3f ms each\n", packageVersion("metafor"), 1000 * t2 / length(prep)))
