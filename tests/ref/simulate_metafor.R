# An independent run of srw simulate's design in R with metafor: MD of normal
# arms with SD 1, n per arm, the study's true effect ~ N(0, tau2), each
# arm's mean and SD drawn from their sampling distributions (as
# src/core/simulate_gen.c draws them), pooled by DerSimonian-Laird with a
# Wald interval and by REML with the Knapp-Hartung (HKSJ) interval.  Prints
# the coverage of each with its Monte Carlo SE, to set beside
#   srw simulate --k K --true-tau2 TAU2 --n N --reps REPS --methods DL-wald,REML-hksj
# (doc/simulate.md records both).  R's own random numbers: the two agree
# within Monte Carlo error, not digit for digit.  CI never runs R.
#   Rscript tests/ref/simulate_metafor.R [K] [TAU2] [N] [REPS] [SEED]
suppressMessages(library(metafor))
a <- commandArgs(trailingOnly = TRUE)
k <- if (length(a) >= 1) as.integer(a[1]) else 5L
tau2 <- if (length(a) >= 2) as.numeric(a[2]) else 0.25
n <- if (length(a) >= 3) as.integer(a[3]) else 100L
reps <- if (length(a) >= 4) as.integer(a[4]) else 10000L
set.seed(if (length(a) >= 5) as.integer(a[5]) else 1L)
cover <- c(DL = 0, REML = 0)
fits <- c(DL = 0, REML = 0)
for (r in seq_len(reps)) {
    theta <- rnorm(k, 0, sqrt(tau2))
    m1 <- rnorm(k, theta, 1 / sqrt(n)); m2 <- rnorm(k, 0, 1 / sqrt(n))
    s1 <- sqrt(rchisq(k, n - 1) / (n - 1)); s2 <- sqrt(rchisq(k, n - 1) / (n - 1))
    d <- escalc("MD", m1i = m1, sd1i = s1, n1i = rep(n, k), m2i = m2, sd2i = s2, n2i = rep(n, k))
    f <- tryCatch(rma(yi, vi, data = d, method = "DL"), error = function(e) NULL)
    if (!is.null(f)) { fits["DL"] <- fits["DL"] + 1; cover["DL"] <- cover["DL"] + (f$ci.lb <= 0 && 0 <= f$ci.ub) }
    f <- tryCatch(rma(yi, vi, data = d, method = "REML", test = "knha"), error = function(e) NULL)
    if (!is.null(f)) { fits["REML"] <- fits["REML"] + 1; cover["REML"] <- cover["REML"] + (f$ci.lb <= 0 && 0 <= f$ci.ub) }
}
cat(sprintf("# R %s, metafor %s; k = %d, tau2 = %g, n = %d per arm, %d replications\n",
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("metafor"), k, tau2, n, reps))
for (m in names(cover)) {
    c <- cover[m] / fits[m]
    cat(sprintf("%-10s coverage %.4f (MC SE %.4f), %d fits\n", if (m == "DL") "DL-wald" else "REML-hksj",
                c, sqrt(c * (1 - c) / fits[m]), fits[m]))
}
