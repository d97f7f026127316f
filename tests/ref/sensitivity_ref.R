# tests/ref/sensitivity_ref.R - independent reference values for srw's
# sensitivity analyses (src/core/sens_*.c), computed with R's metafor on data
# sets shipped with metafor (package metadat): leave1out(), cumul(),
# influence(), regtest(), ranktest(), regtest(predictor = "ninv") (Peters),
# Harbord's test (lm() on the score statistics, as Harbord et al. 2006
# define it) and trimfill().
#
# Regenerate (Debian 12: apt-get install r-base-core r-cran-metafor):
#   Rscript tests/ref/sensitivity_ref.R > tests/unit/ref_sensitivity.h
#
# The output is a C header read by tests/unit/test_sensitivity.c; what each
# field means and which metafor conventions matter: tests/ref/README.md,
# "Sensitivity analyses".  Numbers are printed with sprintf("%.17g"); NA
# becomes NAN.

suppressPackageStartupMessages(library(metafor))

out <- character(0)
emit <- function(...) out <<- c(out, paste0(...))
notes <- character(0)

fmt <- function(x) {
    x <- as.numeric(x)
    ifelse(is.na(x), "NAN",
           ifelse(is.infinite(x), ifelse(x > 0, "INFINITY", "-INFINITY"), sprintf("%.17g", x)))
}
cstr <- function(s) {
    if (is.null(s) || length(s) == 0 || is.na(s)) return("NULL")
    s <- iconv(as.character(s), to = "ASCII//TRANSLIT")
    s <- gsub("\\\\", "\\\\\\\\", s)
    s <- gsub("\"", "\\\\\"", s)
    paste0("\"", s, "\"")
}
carray <- function(name, x, type = "double") {
    vals <- switch(type, double = fmt(x), int = as.character(as.integer(x)), vapply(x, cstr, ""))
    lines <- split(vals, ceiling(seq_along(vals) / 4))
    body <- paste0("    ", vapply(lines, paste, "", collapse = ", "), collapse = ",\n")
    qual <- switch(type, double = "static const double", int = "static const int", "static const char *const")
    emit(qual, " ", name, "[", max(1, length(x)), "] = {\n", if (length(x)) body else "    0", "\n};")
}
quiet <- function(label, expr) withCallingHandlers(expr, warning = function(w) {
    notes <<- c(notes, paste0(label, ": warning: ", conditionMessage(w)))
    invokeRestart("muffleWarning")
})

# ---------------------------------------------------------------- data sets
ascii <- function(s) iconv(as.character(s), to = "ASCII//TRANSLIT")
dsets <- list()
add_dich <- function(short, name, ai, n1i, ci, n2i, labels, years, source)
    dsets[[short]] <<- list(short = short, name = name, type = 1L, ai = ai, n1i = n1i, ci = ci, n2i = n2i,
                            labels = ascii(labels), years = years, source = source)
add_cont <- function(short, name, m1i, sd1i, n1i, m2i, sd2i, n2i, labels, years, source)
    dsets[[short]] <<- list(short = short, name = name, type = 2L, m1i = m1i, sd1i = sd1i, n1i = n1i,
                            m2i = m2i, sd2i = sd2i, n2i = n2i, labels = ascii(labels), years = years,
                            source = source)
add_gen <- function(short, name, yi, vi, labels, years, source)
    dsets[[short]] <<- list(short = short, name = name, type = 3L, yi = yi, vi = vi,
                            labels = ascii(labels), years = years, source = source)

x <- dat.bcg
add_dich("bcg", "dat.bcg", x$tpos, x$tpos + x$tneg, x$cpos, x$cpos + x$cneg, paste(x$author, x$year), x$year,
    "Colditz GA et al. (1994) Efficacy of BCG vaccine in the prevention of tuberculosis. JAMA 271(9):698-702. 13 trials.")
x <- dat.lau1992
add_dich("lau1992", "dat.lau1992", x$ai, x$n1i, x$ci, x$n2i, paste(x$trial, x$year), x$year,
    "Lau J et al. (1992) Cumulative meta-analysis of therapeutic trials for myocardial infarction. N Engl J Med 327(4):248-254. 33 trials of intravenous streptokinase, deaths.")
x <- dat.hackshaw1998
add_gen("hackshaw1998", "dat.hackshaw1998", x$yi, x$vi, paste(x$author, x$year), x$year,
    "Hackshaw AK, Law MR, Wald NJ (1997) The accumulated evidence on lung cancer and environmental tobacco smoke. BMJ 315(7114):980-988. 37 studies, log odds ratios as published (generic records).")
x <- dat.normand1999
add_cont("normand1999", "dat.normand1999", x$m1i, x$sd1i, x$n1i, x$m2i, x$sd2i, x$n2i, x$source,
    rep(0L, nrow(x)),
    "Normand SLT (1999) Meta-analysis: formulating, evaluating, combining, and reporting. Stat Med 18(3):321-359. Length of stay (days), 9 trials; no years.")

# srw's study-level effects (tests/ref/README.md): OR/RR with 0.5 added to
# the cells of a zero-cell study; MD escalc's default; generic as given.
effects_of <- function(d, measure) {
    if (d$type == 1L) {
        e <- escalc(measure, ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i, add = 1/2, to = "only0",
                    drop00 = TRUE)
        return(e)
    }
    if (d$type == 2L)
        return(escalc(measure, m1i = d$m1i, sd1i = d$sd1i, n1i = d$n1i, m2i = d$m2i, sd2i = d$sd2i,
                      n2i = d$n2i))
    escalc(yi = d$yi, vi = d$vi)
}

# --------------------------------------------------------------- the cases
fitfields <- c("estimate", "se", "stat", "pvalue", "ci_lower", "ci_upper", "Q", "Q_pvalue", "tau2", "I2",
               "I2_tau2", "H2")
# One list.rma of leave1out() or cumul() as srw reports it: I2 is the
# Higgins-Thompson I2 from Q (srw's I2; metafor's own I2 of a random-effects
# fit is srw's I2_tau2), a fit of one study has no heterogeneity (NA where
# metafor gives Q = 0, I2 = 0, H2 = 1), a fixed-effect fit no tau2.
fits_of <- function(l, k, random) {
    kk <- k
    Q <- l$Q
    ht <- ifelse(kk > 1, pmax(0, (Q - (kk - 1)) / Q) * 100, NA)
    r <- list(estimate = l$estimate, se = l$se, stat = if (!is.null(l$zval)) l$zval else l$tval,
              pvalue = l$pval, ci_lower = l$ci.lb, ci_upper = l$ci.ub,
              Q = ifelse(kk > 1, Q, NA), Q_pvalue = ifelse(kk > 1, l$Qp, NA),
              tau2 = if (random) l$tau2 else rep(NA, length(Q)), I2 = ht,
              I2_tau2 = if (random) ifelse(kk > 1, l$I2, NA) else rep(NA, length(Q)),
              H2 = ifelse(kk > 1, l$H2, NA))
    r
}

cases <- list()
add_case <- function(c) cases[[length(cases) + 1]] <<- c

# order: how cumul() orders the studies (srw's --order).
run_case <- function(dname, measure, method, test, order) {
    d <- dsets[[dname]]
    e <- effects_of(d, measure)
    label <- paste(dname, measure, method, test, sep = "/")
    sc <- max(1, var(e$yi))
    ctl <- list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000, tau2.max = 1e4 * sc)
    random <- !(method %in% c("EE", "MH"))
    k <- length(e$yi)
    res <- if (method == "MH")
        rma.mh(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i, measure = measure, add = c(1/2, 0),
               to = c("only0", "none"), drop00 = c(TRUE, FALSE))
    else quiet(label, rma(yi, vi, data = e, method = method, test = test, control = ctl))
    c <- list(label = label, dataset = match(dname, names(dsets)) - 1L, measure = measure,
              model = if (random) "random" else "fixed", method = if (method == "MH") "MH" else "IV",
              tau2 = if (random) method else NA, test = test, k = k, order = order)
    l <- quiet(label, leave1out(res))
    c$loo <- fits_of(l, rep(k - 1, k), random)
    ord <- switch(order, year = d$years, label = rank(d$labels, ties.method = "first"),
                  effect = e$yi, precision = e$vi)
    if (order == "label") {
        # byte order of the labels, as srw sorts them (C locale)
        ord <- order(order(d$labels, method = "radix"))
    }
    cu <- quiet(label, cumul(res, order = ord))
    idx <- order(ord)            # the study added at each step (R's order() is stable)
    c$cumul_study <- idx - 1L
    c$cumul <- fits_of(cu, seq_len(k), random)
    c$full <- method != "MH"
    if (c$full) {
        inf <- quiet(label, influence(res))
        c$infl <- list(rstudent = inf$inf$rstudent, dffits = inf$inf$dffits, cook_d = inf$inf$cook.d,
                       cov_r = inf$inf$cov.r, tau2_del = if (random) inf$inf$tau2.del else rep(NA, k),
                       QE_del = if (k - 1 > 1) inf$inf$QE.del else rep(NA, k), hat = inf$inf$hat,
                       weight = inf$inf$weight, dfbetas = inf$dfbs$intrcpt)
        c$inf <- as.integer(inf$is.infl)
        rt <- quiet(label, regtest(res))
        c$egger <- c(rt$zval, rt$dfs, rt$pval, rt$fit$beta[2], rt$fit$se[2], rt$est, rt$ci.lb, rt$ci.ub)
        rk <- quiet(label, ranktest(res))
        c$begg <- c(rk$tau, rk$pval)
        if (d$type == 1L) {
            pt <- quiet(label, regtest(res, predictor = "ninv"))
            c$peters <- c(pt$zval, pt$dfs, pt$pval)
        } else c$peters <- c(NA, NA, NA)
        if (d$type == 1L && measure == "OR") {
            # Harbord RM, Egger M, Sterne JAC (2006) Stat Med 25:3443-3457:
            # the efficient score Z = a - n1 m1 / N and its variance
            # V = n1 n2 m1 (N - m1) / (N^2 (N - 1)); Z / sqrt(V) regressed on
            # sqrt(V) by least squares, the intercept's t test on k - 2 df.
            N <- as.numeric(d$n1i + d$n2i); m1 <- as.numeric(d$ai + d$ci); n1 <- as.numeric(d$n1i); n2 <- as.numeric(d$n2i)
            Z <- d$ai - n1 * m1 / N
            V <- n1 * n2 * m1 * (N - m1) / (N^2 * (N - 1))
            ok <- V > 0
            h <- summary(lm(I(Z[ok] / sqrt(V[ok])) ~ sqrt(V[ok])))
            c$harbord <- c(coef(h)[1, 3], h$df[2], coef(h)[1, 4])
        } else c$harbord <- c(NA, NA, NA)
        # trimfill()'s filled fit takes no test from the model; srw's keeps
        # the analysis's own (test = res$test), as do its trimming fits.
        tf <- function(estimator, side = NULL) {
            args <- list(res, estimator = estimator, control = ctl, test = test)
            if (!is.null(side)) args$side <- side
            t <- quiet(label, do.call(trimfill, args))
            fill <- if (is.null(t$fill)) rep(FALSE, length(t$yi)) else t$fill
            list(k0 = t$k0, side = t$side, est = t$beta[1], se = t$se, lb = t$ci.lb, ub = t$ci.ub,
                 tau2 = if (random) t$tau2 else NA, yi = t$yi[fill], vi = t$vi[fill])
        }
        c$tf <- list(tf("L0"), tf("R0"))
        other <- if (c$tf[[1]]$side == "left") "right" else "left"
        c$tf[[3]] <- tf("L0", other)
    }
    add_case(c)
}

run_case("bcg", "RR", "REML", "knha", "year")
run_case("bcg", "OR", "REML", "knha", "effect")
run_case("bcg", "RR", "DL", "z", "precision")
run_case("bcg", "RR", "EE", "z", "label")
run_case("bcg", "RR", "MH", "z", "year")
run_case("bcg", "OR", "MH", "z", "precision")
run_case("lau1992", "OR", "REML", "knha", "year")
run_case("lau1992", "RR", "PM", "z", "year")
run_case("hackshaw1998", "OR", "REML", "knha", "year")
run_case("hackshaw1998", "OR", "EE", "knha", "effect")
run_case("normand1999", "MD", "REML", "knha", "label")
run_case("normand1999", "MD", "DL", "z", "precision")

# Egger's regression (regtest()) under every tau2 estimator and both tests:
# the meta-regression engine (src/core/regfit.c) against rma.uni(mods =).
egger_cases <- list()
for (dname in c("bcg", "hackshaw1998")) {
    d <- dsets[[dname]]
    measure <- if (dname == "bcg") "RR" else "OR"
    e <- effects_of(d, measure)
    sc <- max(1, var(e$yi))
    ctl <- list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000, tau2.max = 1e4 * sc)
    for (m in c("EE", "DL", "REML", "PM", "ML", "SJ", "HE", "EB")) for (test in c("z", "knha")) {
        label <- paste(dname, measure, m, test, sep = "/")
        res <- quiet(label, rma(yi, vi, data = e, method = m, test = test, control = ctl))
        rt <- quiet(label, regtest(res))
        egger_cases[[length(egger_cases) + 1]] <- list(label = label, dataset = match(dname, names(dsets)) - 1L,
            measure = measure, tau2 = if (m == "EE") NA else m, test = test,
            v = c(rt$zval, rt$dfs, rt$pval, rt$fit$beta[2], rt$fit$se[2], rt$est, rt$ci.lb, rt$ci.ub,
                  rt$fit$tau2))
    }
}

# Begg's test with tied variances (the normal approximation with the ties'
# correction; ranktest() warns that no exact p-value exists): correlations
# between conscientiousness and medication adherence (Molloy GJ, O'Carroll
# RE, Ferguson E. Ann Behav Med 2014;47:92-101; 16 studies, two of the same
# size) and between interview scores and job performance (McDaniel MA et al.
# J Appl Psychol 1994;79:599-616; 160 studies), Fisher's z as generic
# records.
begg_cases <- list()
for (nm in c("dat.molloy2014", "dat.mcdaniel1994")) {
    e <- escalc("ZCOR", ri = ri, ni = ni, data = get(nm))
    rk <- quiet(nm, ranktest(rma(yi, vi, data = e)))
    begg_cases[[length(begg_cases) + 1]] <- list(name = nm, yi = e$yi, vi = e$vi, tau = rk$tau, p = rk$pval)
}

# ------------------------------------------------------------------ output
emit("/* tests/unit/ref_sensitivity.h - GENERATED, do not edit.")
emit(" *")
emit(" * Command:  Rscript tests/ref/sensitivity_ref.R > tests/unit/ref_sensitivity.h")
emit(" * R:        ", R.version.string)
emit(" * metafor:  ", as.character(packageVersion("metafor")),
     "   metadat (data sets): ", as.character(packageVersion("metadat")))
emit(" * Date:     ", format(Sys.Date(), "%Y-%m-%d"))
emit(" *")
emit(" * Reference values for srw's sensitivity analyses from R's metafor:")
emit(" * leave1out(), cumul(), influence(), regtest(), ranktest(), regtest(predictor")
emit(" * = \"ninv\"), Harbord's test by lm() and trimfill(); tests/ref/README.md says")
emit(" * what each field means.  Cases: ", length(cases), "; Egger cases: ", length(egger_cases), ".")
if (length(notes)) {
    emit(" *")
    emit(" * R warnings:")
    for (n in unique(notes)) emit(" *   ", gsub("\\*/", "* /", gsub("\n", " ", n)))
}
emit(" */")
emit("#ifndef SRW_REF_SENSITIVITY_H")
emit("#define SRW_REF_SENSITIVITY_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("")
emit("typedef struct sref_dataset {")
emit("    const char *name;")
emit("    int type;           /* 1 dichotomous, 2 continuous, 3 generic (yi, vi) */")
emit("    int k;")
emit("    const char *const *labels;")
emit("    const int *years;   /* 0 unknown */")
emit("    const double *ai, *n1i, *ci, *n2i;      /* dichotomous; n1i, n2i also continuous */")
emit("    const double *m1i, *sd1i, *m2i, *sd2i;  /* continuous */")
emit("    const double *yi, *vi;                  /* generic */")
emit("    const char *source;")
emit("} sref_dataset;")
emit("")
emit("/* The fields of one list of refits (leave1out or cumul), one array each. */")
emit("typedef struct sref_fits {")
emit("    const double *", paste(fitfields, collapse = ", *"), ";")
emit("} sref_fits;")
emit("")
emit("typedef struct sref_tf {")
emit("    int k0;")
emit("    const char *side;")
emit("    double estimate, se, ci_lower, ci_upper, tau2;")
emit("    const double *yi, *vi; /* the filled studies, k0 each */")
emit("} sref_tf;")
emit("")
emit("/* One analysis and its sensitivity analyses.  method \"IV\" or \"MH\";")
emit(" * tau2 NULL for fixed effect; test \"z\" or \"knha\".  full = 0 (MH): only")
emit(" * leave-one-out and cumulative.  egger: statistic, df (NAN for z), p,")
emit(" * coefficient of sei, its SE, limit estimate and CI; begg: tau, p;")
emit(" * peters, harbord: statistic, df, p (NAN when not applicable). */")
emit("typedef struct sref_case {")
emit("    const char *label;")
emit("    int dataset;")
emit("    const char *measure, *model, *method, *tau2, *test, *order;")
emit("    int k;")
emit("    sref_fits loo;")
emit("    const int *cumul_study;")
emit("    sref_fits cumul;")
emit("    int full;")
emit("    const double *rstudent, *dffits, *cook_d, *cov_r, *tau2_del, *QE_del, *hat, *weight, *dfbetas;")
emit("    const int *influential;")
emit("    double egger[8], begg[2], peters[3], harbord[3];")
emit("    sref_tf tf[3]; /* L0 (side chosen by metafor), R0 (likewise), L0 on the other side */")
emit("} sref_case;")
emit("")
emit("typedef struct sref_egger {")
emit("    const char *label;")
emit("    int dataset;")
emit("    const char *measure, *tau2, *test;")
emit("    double v[9]; /* statistic, df, p, coefficient, SE, limit estimate, CI, residual tau2 */")
emit("} sref_egger;")
emit("")
for (d in dsets) {
    p <- paste0("sref_", d$short, "_")
    emit("/* ", d$name, ": ", d$source, " */")
    carray(paste0(p, "labels"), d$labels, "string")
    carray(paste0(p, "years"), d$years, "int")
    vars <- switch(d$type, c("ai", "n1i", "ci", "n2i"), c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"), c("yi", "vi"))
    for (v in vars) carray(paste0(p, v), d[[v]])
    emit("")
}
emit("static const sref_dataset sref_datasets[] = {")
for (d in dsets) {
    p <- paste0("sref_", d$short, "_")
    arr <- function(v) if (!is.null(d[[v]])) paste0(p, v) else "NULL"
    emit("    { ", cstr(d$name), ", ", d$type, ", ", length(d$labels), ", ", p, "labels, ", p, "years,")
    emit("      ", arr("ai"), ", ", arr("n1i"), ", ", arr("ci"), ", ", arr("n2i"), ",")
    emit("      ", arr("m1i"), ", ", arr("sd1i"), ", ", arr("m2i"), ", ", arr("sd2i"), ",")
    emit("      ", arr("yi"), ", ", arr("vi"), ",")
    emit("      ", cstr(d$source), " },")
}
emit("};")
emit("")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    p <- sprintf("sref_c%d_", i)
    for (f in fitfields) carray(paste0(p, "loo_", f), c$loo[[f]])
    carray(paste0(p, "cumul_study"), c$cumul_study, "int")
    for (f in fitfields) carray(paste0(p, "cumul_", f), c$cumul[[f]])
    if (c$full) {
        for (f in names(c$infl)) carray(paste0(p, f), c$infl[[f]])
        carray(paste0(p, "influential"), c$inf, "int")
        for (j in 1:3) {
            carray(paste0(p, "tf", j, "_yi"), c$tf[[j]]$yi)
            carray(paste0(p, "tf", j, "_vi"), c$tf[[j]]$vi)
        }
    }
}
emit("")
emit("static const sref_case sref_cases[] = {")
fits_init <- function(p, what) paste0("{", paste0(p, what, "_", fitfields, collapse = ", "), "}")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    p <- sprintf("sref_c%d_", i)
    emit("    { ", cstr(c$label), ", ", c$dataset, ", ", cstr(c$measure), ", ", cstr(c$model), ", ",
         cstr(c$method), ", ", cstr(c$tau2), ", ", cstr(c$test), ", ", cstr(c$order), ", ", c$k, ",")
    emit("      ", fits_init(p, "loo"), ",")
    emit("      ", p, "cumul_study, ", fits_init(p, "cumul"), ",")
    if (c$full) {
        emit("      1, ", paste0(p, names(c$infl), collapse = ", "), ", ", p, "influential,")
        emit("      {", paste(fmt(c$egger), collapse = ", "), "},")
        emit("      {", paste(fmt(c$begg), collapse = ", "), "}, {", paste(fmt(c$peters), collapse = ", "),
             "}, {", paste(fmt(c$harbord), collapse = ", "), "},")
        tfs <- vapply(1:3, function(j) {
            t <- c$tf[[j]]
            sprintf("{%d, %s, %s, %s%d_yi, %s%d_vi}", t$k0, cstr(t$side),
                    paste(fmt(c(t$est, t$se, t$lb, t$ub, t$tau2)), collapse = ", "), paste0(p, "tf"), j,
                    paste0(p, "tf"), j)
        }, "")
        emit("      {", paste(tfs, collapse = ",\n       "), "} },")
    } else {
        emit("      0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,")
        emit("      {0}, {0}, {0}, {0}, {{0}} },")
    }
}
emit("};")
emit(sprintf("#define SREF_N_CASES %d", length(cases)))
emit("")
emit("static const sref_egger sref_eggers[] = {")
for (c in egger_cases)
    emit("    { ", cstr(c$label), ", ", c$dataset, ", ", cstr(c$measure), ", ", cstr(c$tau2), ", ", cstr(c$test),
         ", {", paste(fmt(c$v), collapse = ", "), "} },")
emit("};")
emit(sprintf("#define SREF_N_EGGERS %d", length(egger_cases)))
emit("")
emit("/* Begg's test alone, on data with tied variances (generic records). */")
emit("typedef struct sref_begg {")
emit("    const char *name;")
emit("    int k;")
emit("    const double *yi, *vi;")
emit("    double tau, pvalue;")
emit("} sref_begg;")
for (i in seq_along(begg_cases)) {
    b <- begg_cases[[i]]
    carray(sprintf("sref_begg%d_yi", i), b$yi)
    carray(sprintf("sref_begg%d_vi", i), b$vi)
}
emit("static const sref_begg sref_beggs[] = {")
for (i in seq_along(begg_cases)) {
    b <- begg_cases[[i]]
    emit("    { ", cstr(b$name), ", ", length(b$yi), sprintf(", sref_begg%d_yi, sref_begg%d_vi, ", i, i),
         paste(fmt(c(b$tau, b$p)), collapse = ", "), " },")
}
emit("};")
emit(sprintf("#define SREF_N_BEGGS %d", length(begg_cases)))
emit("")
emit("#endif")
writeLines(out)
