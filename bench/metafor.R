# The metafor side of the benchmark: rma(method = "REML", test = "knha") +
# predict() per outcome of the same workload srw analyses, timed in R with
# the data already in memory (escalc done before the clock starts).
# Usage: Rscript bench/metafor.R WORKLOAD.csv [MAX_OUTCOMES [confint]]
#   MAX_OUTCOMES: the first N outcomes (default: all); "confint": also time
#   rma + predict + confint() (the Q-profile CI of tau^2, which srw computes
#   too).  Prints one line per timing, and "metafor_seconds_per_analysis=X"
#   for bench/run.sh.
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
all_outs <- unique(d$outcome)
maxo <- if (length(args) > 1 && args[2] != "all") as.integer(args[2]) else length(all_outs)
outs <- all_outs[seq_len(min(maxo, length(all_outs)))]
by_outcome <- split(d[d$outcome %in% outs, ], factor(d$outcome[d$outcome %in% outs], levels = outs))
prep <- lapply(by_outcome, function(x) {
  if (x$type[1] == "dichotomous")
    escalc("RR", ai = exp_events, n1i = exp_total, ci = ctl_events, n2i = ctl_total, data = x)
  else if (x$type[1] == "continuous")
    escalc("MD", m1i = exp_mean, sd1i = exp_sd, n1i = exp_total, m2i = ctl_mean, sd2i = ctl_sd, n2i = ctl_total, data = x)
  else data.frame(yi = x$estimate, vi = x$se^2)
})
tt <- system.time(for (e in prep) {
  r <- try(rma(yi, vi, data = e, method = "REML", test = "knha"), silent = TRUE)
  if (!inherits(r, "try-error")) predict(r)
})
t <- tt[["elapsed"]]
cpu <- tt[["user.self"]] + tt[["sys.self"]]
cat(sprintf("metafor %s: %d meta-analyses (rma REML knha + predict) in %.2f s (CPU %.2f s) = %.3f ms each\n",
            packageVersion("metafor"), length(prep), t, cpu, 1000 * t / length(prep)))
cat(sprintf("metafor_seconds_per_analysis=%.9f\n", t / length(prep)))
cat(sprintf("metafor_cpu_seconds_per_analysis=%.9f\n", cpu / length(prep)))
if (length(args) > 2 && args[3] == "confint") {
  t2 <- system.time(for (e in prep) {
    r <- try(rma(yi, vi, data = e, method = "REML", test = "knha"), silent = TRUE)
    if (!inherits(r, "try-error")) { predict(r); try(confint(r), silent = TRUE) }
  })[["elapsed"]]
  cat(sprintf("metafor %s: rma REML knha + predict + confint: %.3f ms each\n", packageVersion("metafor"),
              1000 * t2 / length(prep)))
}
