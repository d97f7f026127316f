# tests/ref/zerocell_ref.R - reference values for srw's zero-cell rules
# (--cc 0.5|<constant>|tacc|none, --double-zero exclude|include), computed
# with R's metafor on data sets with zero cells shipped with metafor
# (package metadat).
#
# Regenerate (Debian 12: apt-get install r-base-core r-cran-metafor):
#   Rscript tests/ref/zerocell_ref.R > tests/unit/ref_zerocells.h
#
# Read by tests/unit/test_zerocells.c; tests/ref/README.md, "Zero cells",
# says what each rule is in metafor's terms:
#   constant c   escalc(measure, add = c, to = "only0", drop00 = <exclude>)
#                (RD: addyi = FALSE, so that RD comes from the raw counts
#                and only its variance from the corrected cells)
#   tacc         the treatment-arm continuity correction of Sweeting, Sutton
#                & Lambert (Stat Med 2004;23:1351-1375) as R's meta computes
#                it (metabin, incr = "TACC": incr.e = n.e / (n.e + n.c),
#                incr.c = n.c / (n.e + n.c)), added here to the cells of a
#                study with a zero cell, then escalc(add = 0)
#   none         escalc(add = 0, to = "none"); a study whose log OR or RR,
#                or whose RD variance, is then not finite is left out
# and the studies then pooled with rma(yi, vi, method = "EE") and
# rma(yi, vi, method = "REML", test = "z").

suppressPackageStartupMessages(library(metafor))

out <- character(0)
emit <- function(...) out <<- c(out, paste0(...))
fmt <- function(x) {
    x <- as.numeric(x)
    ifelse(is.na(x) | is.infinite(x), "NAN", sprintf("%.17g", x))
}
cstr <- function(s) paste0("\"", iconv(as.character(s), to = "ASCII//TRANSLIT"), "\"")
arr <- function(x) paste0("{", paste(fmt(x), collapse = ", "), "}")

sets <- list(
    list(short = "nielweise2007", d = dat.nielweise2007, lab = function(x) paste(x$author, x$year)),
    list(short = "hahn2001", d = dat.hahn2001, lab = function(x) as.character(x$study)))

effects <- function(measure, ai, n1i, ci, n2i, cc, dz) {
    bi <- n1i - ai; di <- n2i - ci
    zero <- ai == 0 | bi == 0 | ci == 0 | di == 0
    dbl <- (ai == 0 & ci == 0) | (bi == 0 & di == 0)
    drop <- dbl & dz == "exclude"
    if (cc == "tacc") {
        ie <- ifelse(zero, n1i / (n1i + n2i), 0)
        ic <- ifelse(zero, n2i / (n1i + n2i), 0)
        e <- escalc(measure, ai = ai + ie, bi = bi + ie, ci = ci + ic, di = di + ic, add = 0, to = "none")
        if (measure == "RD") e$yi <- ai / n1i - ci / n2i
    } else if (cc == "none") {
        e <- suppressWarnings(escalc(measure, ai = ai, bi = bi, ci = ci, di = di, add = 0, to = "none"))
    } else {
        e <- escalc(measure, ai = ai, bi = bi, ci = ci, di = di, add = as.numeric(cc), to = "only0",
                    drop00 = FALSE, addyi = measure != "RD")
    }
    yi <- as.numeric(e$yi); vi <- as.numeric(e$vi)
    bad <- drop | !is.finite(yi) | !is.finite(vi) | !(vi > 0)
    yi[bad] <- NA; vi[bad] <- NA
    list(yi = yi, vi = vi)
}

cases <- list()
for (si in seq_along(sets)) {
    s <- sets[[si]]; x <- s$d
    for (measure in c("OR", "RR", "RD"))
        for (cc in c("0.5", "0.25", "tacc", "none"))
            for (dz in c("exclude", "include")) {
                ef <- effects(measure, x$ai, x$n1i, x$ci, x$n2i, cc, dz)
                ok <- !is.na(ef$yi)
                fe <- rma(ef$yi[ok], ef$vi[ok], method = "EE")
                sc <- max(1, var(ef$yi[ok]))
                re <- rma(ef$yi[ok], ef$vi[ok], method = "REML", test = "z",
                          control = list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000))
                # Fisher scoring stops a little above 0 when the REML maximum
                # is the boundary: recorded as the fit at tau2 = 0 when the
                # score there is <= 0 (as tests/ref/metafor_ref.R does).
                if (re$tau2 > 0 && re$tau2 < 1e-8 * sc) {
                    y <- ef$yi[ok]; w <- 1 / ef$vi[ok]
                    P <- diag(w) - outer(w, w) / sum(w)
                    if (c((t(y) %*% P %*% P %*% y - sum(diag(P))) / sum(diag(P %*% P))) > 0)
                        stop("tau2 near 0 but not at the boundary")
                    re <- rma(ef$yi[ok], ef$vi[ok], method = "REML", test = "z", tau2 = 0)
                }
                cases[[length(cases) + 1]] <- list(label = paste(s$short, measure, cc, dz, sep = "/"), set = si - 1,
                    measure = measure, cc = cc, dz = dz, yi = ef$yi, vi = ef$vi, k = sum(ok),
                    fe = c(fe$beta[1], fe$se, fe$QE), re = c(re$beta[1], re$se, re$tau2, re$QE))
            }
}

emit("/* tests/unit/ref_zerocells.h - GENERATED, do not edit.")
emit(" *")
emit(" * Command:  Rscript tests/ref/zerocell_ref.R > tests/unit/ref_zerocells.h")
emit(" * R:        ", R.version.string)
emit(" * metafor:  ", as.character(packageVersion("metafor")), "   metadat (data sets): ",
     as.character(packageVersion("metadat")))
emit(" * Date:     ", format(Sys.Date()))
emit(" *")
emit(" * Study effects (yi, vi; NAN: not estimable) under each zero-cell rule, and")
emit(" * the fixed-effect (rma method \"EE\": estimate, se, QE) and REML (estimate,")
emit(" * se, tau2, QE) pools of the estimable ones.  See tests/ref/README.md.")
emit(sprintf(" * Cases: %d.", length(cases)))
emit(" */")
emit("#ifndef SRW_REF_ZEROCELLS_H")
emit("#define SRW_REF_ZEROCELLS_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("")
emit("typedef struct zc_ref_set {")
emit("    const char *name;")
emit("    size_t k;")
emit("    const double *ai, *n1i, *ci, *n2i;")
emit("} zc_ref_set;")
emit("")
emit("typedef struct zc_ref_case {")
emit("    const char *label;")
emit("    size_t set;")
emit("    const char *measure, *cc, *double_zero;")
emit("    size_t k;          /* studies pooled */")
emit("    const double *yi, *vi;")
emit("    double fe[3];      /* estimate, se, QE */")
emit("    double re[4];      /* estimate, se, tau2, QE */")
emit("} zc_ref_case;")
emit("")
for (s in sets) {
    x <- s$d
    for (f in c("ai", "n1i", "ci", "n2i"))
        emit("static const double zc_", s$short, "_", f, "[", nrow(x), "] = ", arr(x[[f]]), ";")
}
emit("static const zc_ref_set zc_sets[", length(sets), "] = {")
for (s in sets)
    emit("    {", cstr(paste0("dat.", s$short)), ", ", nrow(s$d), ", zc_", s$short, "_ai, zc_", s$short, "_n1i, zc_",
         s$short, "_ci, zc_", s$short, "_n2i},")
emit("};")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    emit("static const double zc_yi_", i, "[", length(c$yi), "] = ", arr(c$yi), ";")
    emit("static const double zc_vi_", i, "[", length(c$vi), "] = ", arr(c$vi), ";")
}
emit("static const zc_ref_case zc_cases[", length(cases), "] = {")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    emit("    {", cstr(c$label), ", ", c$set, ", ", cstr(c$measure), ", ", cstr(c$cc), ", ", cstr(c$dz), ", ", c$k,
         ", zc_yi_", i, ", zc_vi_", i, ", ", arr(c$fe), ", ", arr(c$re), "},")
}
emit("};")
emit("")
emit("#endif")
writeLines(out)
