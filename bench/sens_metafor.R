# The metafor side of bench/sens.sh: the same calls as srw's analysis with
# every sensitivity analysis, on the same outcome, timed in R.
# Usage: Rscript bench/sens_metafor.R bench/lau1992.csv [ROUNDS]
# Per round: escalc("RR") (0.5 added to a zero-cell study's cells, as srw),
# rma(method = "REML", test = "knha"), leave1out(), cumul(order = year),
# influence(), regtest(), ranktest(), regtest(predictor = "ninv") and
# trimfill(test = "knha") (Harbord's test is for odds ratios: neither side
# computes it for a risk ratio).
suppressMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
rounds <- if (length(args) > 1) as.integer(args[2]) else 20
one <- function() {
    e <- escalc("RR", ai = exp_events, n1i = exp_total, ci = ctl_events, n2i = ctl_total, data = d,
                add = 1/2, to = "only0", drop00 = TRUE)
    r <- rma(yi, vi, data = e, method = "REML", test = "knha")
    leave1out(r)
    cumul(r, order = d$year)
    influence(r)
    regtest(r)
    suppressWarnings(ranktest(r))
    regtest(r, predictor = "ninv")
    trimfill(r, test = "knha")
    invisible(NULL)
}
one()  # warm-up (byte compiling)
t <- system.time(for (i in seq_len(rounds)) one())[["elapsed"]]
cat(sprintf("metafor %s: the same calls: %.3f ms per outcome (%d rounds)\n", packageVersion("metafor"),
            1000 * t / rounds, rounds))
cat(sprintf("METAFOR_MS_PER_OUTCOME=%.6f\n", 1000 * t / rounds))
