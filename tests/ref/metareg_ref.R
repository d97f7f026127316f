# tests/ref/metareg_ref.R - independent reference values for srw's
# meta-regression (srw_metareg_run), computed with R's metafor
# rma(yi, vi, mods = ~ ..., method =, test =) on data sets shipped with
# metafor (package metadat).
#
# Regenerate (Debian 12: apt-get install r-base-core r-cran-metafor):
#   Rscript tests/ref/metareg_ref.R > tests/unit/ref_metareg.h
#
# The output is a C header read by tests/unit/test_metareg.c; what is
# compared and why: tests/ref/README.md, "Meta-regression".  Numbers are
# printed with sprintf("%.17g"); NA becomes NAN.  Categorical moderators are
# factors whose levels are sorted in byte order (sort(method = "radix"), the
# C locale), the order srw dummy-codes them in.

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
    if (is.null(s) || is.na(s)) return("NULL")
    s <- iconv(as.character(s), to = "ASCII//TRANSLIT")
    s <- gsub("\\\\", "\\\\\\\\", s)
    s <- gsub("\"", "\\\\\"", s)
    paste0("\"", s, "\"")
}
carray <- function(name, x, type = "double") {
    vals <- if (type == "double") fmt(x) else vapply(x, cstr, "")
    lines <- split(vals, ceiling(seq_along(vals) / 4))
    body <- paste0("    ", vapply(lines, paste, "", collapse = ", "), collapse = ",\n")
    qual <- if (type == "double") "static const double" else "static const char *const"
    emit(qual, " ", name, "[", length(x), "] = {\n", body, "\n};")
}
with_warnings <- function(label, expr) {
    withCallingHandlers(expr, warning = function(w) {
        msg <- gsub("\n", " ", conditionMessage(w))
        if (!grepl("Knapp & Hartung method is not meant", msg))
            notes <<- c(notes, paste0(label, ": warning: ", msg))
        invokeRestart("muffleWarning")
    })
}

# ---------------------------------------------------------------- data sets
# Each: the study effects (yi, vi) srw is given, labels, and its moderators
# as text (what a mod_<name> column holds; NA where a study has none).
dsets <- list()
add_set <- function(short, name, yi, vi, labels, mods, source)
    dsets[[length(dsets) + 1]] <<- list(short = short, name = name, yi = as.numeric(yi),
        vi = as.numeric(vi), labels = iconv(labels, to = "ASCII//TRANSLIT"), mods = mods, source = source)

# BCG: log risk ratios as srw computes them (no zero cells in dat.bcg).
x <- dat.bcg
e <- escalc("RR", ai = x$tpos, bi = x$tneg, ci = x$cpos, di = x$cneg)
add_set("bcg", "dat.bcg", e$yi, e$vi, paste(x$author, x$year),
    list(ablat = as.character(x$ablat), year = as.character(x$year), alloc = x$alloc),
    "Colditz GA et al. (1994) Efficacy of BCG vaccine in the prevention of tuberculosis. JAMA 271(9):698-702. log RR of TB, vaccinated vs not; ablat = absolute latitude of the trial, alloc = method of allocation.")
# Writing-to-learn: standardised mean differences as published (generic).
x <- dat.bangertdrowns2004
fb <- ifelse(is.na(x$feedback), NA, as.character(x$feedback))
add_set("bangertdrowns2004", "dat.bangertdrowns2004", x$yi, x$vi, paste(x$author, x$year),
    list(length = as.character(x$length), feedback = fb, imag = as.character(x$imag),
         wic = as.character(x$wic)),
    "Bangert-Drowns RL, Hurley MM, Wilkinson B (2004) The effects of school-based writing-to-learn interventions on academic achievement: a meta-analysis. Rev Educ Res 74(1):29-58. SMD; length = weeks of treatment, feedback (0/1, missing for 2 studies), imag, wic.")
# Teacher expectancy: SMDs with weeks of contact and tester awareness.
x <- dat.raudenbush1985
add_set("raudenbush1985", "dat.raudenbush1985", x$yi, x$vi, paste(x$author, x$year),
    list(weeks = as.character(x$weeks), tester = x$tester, setting = x$setting),
    "Raudenbush SW (1984) Magnitude of teacher expectancy effects on pupil IQ as a function of the credibility of expectancy induction. J Educ Psychol 76(1):85-97 (data of Raudenbush 1985). SMD; weeks of prior contact, tester aware or blind, group or individual testing.")

# The models fitted per data set (moderator names in order).
models <- list(
    bcg = list(c("ablat"), c("year"), c("alloc"), c("ablat", "year"), c("ablat", "alloc")),
    bangertdrowns2004 = list(c("length"), c("feedback"), c("length", "imag", "wic")),
    raudenbush1985 = list(c("weeks"), c("tester"), c("weeks", "tester", "setting")))

design <- function(d, names) {
    cols <- list()
    for (nm in names) {
        v <- d$mods[[nm]]
        num <- suppressWarnings(as.numeric(v))
        if (all(is.na(v) | !is.na(num))) {
            cols[[nm]] <- num
        } else {
            lev <- sort(unique(v[!is.na(v)]), method = "radix")
            cols[[nm]] <- factor(v, levels = lev)
        }
    }
    as.data.frame(cols)
}

# The Fisher-scoring step of ML, REML or EB at tau2 = 0 (metafor rma.uni):
# <= 0 means tau2 = 0 is the maximum.
score0 <- function(m, yi, vi, X) {
    k <- length(yi); p <- ncol(X)
    W <- diag(1 / vi, k); P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W
    Y <- matrix(yi); PP <- P %*% P
    c(switch(m, ML = (t(Y) %*% PP %*% Y - sum(1 / vi)) / sum(1 / vi^2),
             REML = (t(Y) %*% PP %*% Y - sum(diag(P))) / sum(diag(PP)),
             EB = (t(Y) %*% P %*% Y * k / (k - p) - k) / sum(1 / vi)))
}

cases <- list()
add_case <- function(c) cases[[length(cases) + 1]] <<- c
for (di in seq_along(dsets)) {
    d <- dsets[[di]]
    for (names in models[[d$short]]) {
        df <- design(d, names)
        f <- as.formula(paste("~", paste(names, collapse = " + ")))
        ok <- stats::complete.cases(df)
        yi <- d$yi[ok]; vi <- d$vi[ok]; dk <- df[ok, , drop = FALSE]
        sc <- max(1, var(yi))
        ctl <- list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000, tau2.max = 1e4 * sc)
        stem <- paste0(d$short, "/", paste(names, collapse = "+"))
        fits <- list(list("fixed", "EE", "z"))
        for (m in c("DL", "REML", "PM", "ML", "SJ", "HE", "EB"))
            for (t in c("z", "knha")) fits[[length(fits) + 1]] <- list("random", m, t)
        fits[[length(fits) + 1]] <- list("fixed", "EE", "knha")
        for (ft in fits) {
            lab <- paste0(stem, "/", ft[[1]], if (ft[[1]] == "random") paste0("/", ft[[2]]) else "", "/", ft[[3]])
            cmd <- sprintf("rma(yi, vi, mods = %s, data = <%s>, method = \"%s\", test = \"%s\")",
                           deparse(f), d$name, ft[[2]], ft[[3]])
            r <- with_warnings(lab, rma(yi, vi, mods = f, data = dk, method = ft[[2]], test = ft[[3]],
                                        control = ctl))
            # Fisher scoring stops a little above 0 when the maximum is on
            # the boundary: when metafor ended within 1e-8 of 0 and the
            # score at 0 shows 0 is the maximum, record the fit at tau2 = 0
            # exactly (as tests/ref/metafor_ref.R does).
            if (ft[[1]] == "random" && r$tau2 > 0 && r$tau2 < 1e-8 * sc) {
                if (!(ft[[2]] %in% c("ML", "REML", "EB")) || score0(ft[[2]], yi, vi, model.matrix(f, dk)) > 0)
                    stop(lab, ": tau2 near the boundary (", r$tau2, ") but 0 is not the maximum")
                notes <<- c(notes, sprintf("%s: metafor tau2 = %.3g, score at 0 <= 0: recorded as the boundary fit tau2 = 0",
                                           lab, r$tau2))
                r0 <- with_warnings(lab, rma(yi, vi, mods = f, data = dk, method = ft[[2]], test = ft[[3]],
                                             tau2 = 0, control = ctl))
                r0$R2 <- r$R2
                r <- r0
            }
            add_case(list(label = lab, set = di, names = names, model = ft[[1]],
                tau2m = if (ft[[1]] == "random") ft[[2]] else NA, test = ft[[3]], cmd = cmd,
                k = r$k, p = r$p, beta = r$beta[, 1], se = r$se, stat = r$zval, pval = r$pval,
                cil = r$ci.lb, ciu = r$ci.ub, df = if (ft[[3]] == "knha") r$k - r$p else NA,
                QM = r$QM, QMdf = r$QMdf[1], QMdf2 = if (ft[[3]] == "knha") r$QMdf[2] else NA, QMp = r$QMp,
                QE = r$QE, QEdf = r$k - r$p, QEp = r$QEp,
                tau2 = if (ft[[1]] == "random") r$tau2 else 0, I2 = r$I2, H2 = r$H2,
                R2 = if (is.null(r$R2)) NA else r$R2, coefnames = rownames(r$beta)))
        }
    }
}

# ---------------------------------------------------------------- the header
emit("/* tests/unit/ref_metareg.h - GENERATED, do not edit.")
emit(" *")
emit(" * Command:  Rscript tests/ref/metareg_ref.R > tests/unit/ref_metareg.h")
emit(" * R:        ", R.version.string)
emit(" * metafor:  ", as.character(packageVersion("metafor")), "   metadat (data sets): ",
     as.character(packageVersion("metadat")))
emit(" * Date:     ", format(Sys.Date()))
emit(" *")
emit(" * Meta-regression reference values: rma(yi, vi, mods = ~ ..., method =, test =)")
emit(" * with control = list(threshold = 1e-13 * max(1, var(yi)), tol = 1e-13,")
emit(" * maxiter = 1e5, tau2.max = 1e4 * max(1, var(yi))); fixed effect is")
emit(" * method \"EE\".  Studies without a moderator value are left out (as")
emit(" * metafor leaves out NA rows).  See tests/ref/README.md.")
emit(sprintf(" * Data sets: %d; cases: %d.", length(dsets), length(cases)))
if (length(notes)) {
    emit(" *")
    emit(" * Notes from the fits (R warnings):")
    for (n in notes) emit(" *   ", gsub("\\*/", "* /", n))
}
emit(" */")
emit("#ifndef SRW_REF_METAREG_H")
emit("#define SRW_REF_METAREG_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("")
emit("typedef struct mr_ref_moderator {")
emit("    const char *name;")
emit("    const char *const *values; /* k, NULL where the study has none */")
emit("} mr_ref_moderator;")
emit("")
emit("typedef struct mr_ref_dataset {")
emit("    const char *name;   /* metafor (metadat) data set */")
emit("    size_t k;")
emit("    const char *const *labels;")
emit("    const double *yi, *vi;")
emit("    size_t n_moderators;")
emit("    const mr_ref_moderator *moderators;")
emit("    const char *source;")
emit("} mr_ref_dataset;")
emit("")
emit("/* One fit.  model \"fixed\" / \"random\"; tau2 NULL for fixed; test \"z\"")
emit(" * or \"knha\"; df, QM_df2 NAN for z.  Coefficients in metafor's order")
emit(" * (intercept, then the design's columns). */")
emit("typedef struct mr_ref_case {")
emit("    const char *label;")
emit("    size_t set;")
emit("    size_t n_names;")
emit("    const char *names[4];")
emit("    const char *model, *tau2, *test;")
emit("    const char *command;")
emit("    size_t k, p;")
emit("    const char *coef_names[8];")
emit("    double estimate[8], se[8], statistic[8], pvalue[8], ci_lower[8], ci_upper[8];")
emit("    double df, QM, QM_df, QM_df2, QM_pvalue, QE, QE_df, QE_pvalue, tau2_v, I2, H2, R2;")
emit("} mr_ref_case;")
emit("")
for (di in seq_along(dsets)) {
    d <- dsets[[di]]
    carray(paste0("mr_", d$short, "_labels"), d$labels, "char")
    carray(paste0("mr_", d$short, "_yi"), d$yi)
    carray(paste0("mr_", d$short, "_vi"), d$vi)
    for (nm in names(d$mods))
        carray(paste0("mr_", d$short, "_", nm), as.character(d$mods[[nm]]), "char")
    emit("static const mr_ref_moderator mr_", d$short, "_mods[", length(d$mods), "] = {")
    for (nm in names(d$mods)) emit("    {", cstr(nm), ", mr_", d$short, "_", nm, "},")
    emit("};")
}
emit("")
emit("static const mr_ref_dataset mr_datasets[", length(dsets), "] = {")
for (d in dsets)
    emit("    {", cstr(d$name), ", ", length(d$yi), ", mr_", d$short, "_labels, mr_", d$short, "_yi, mr_", d$short,
         "_vi, ", length(d$mods), ", mr_", d$short, "_mods, ", cstr(d$source), "},")
emit("};")
emit("")
arr <- function(x) paste0("{", paste(fmt(x), collapse = ", "), "}")
emit("static const mr_ref_case mr_cases[", length(cases), "] = {")
for (c in cases) {
    emit("    {", cstr(c$label), ", ", c$set - 1, ", ", length(c$names), ", {",
         paste(vapply(c$names, cstr, ""), collapse = ", "), "}, ", cstr(c$model), ", ", cstr(c$tau2m), ", ",
         cstr(c$test), ",")
    emit("     ", cstr(c$cmd), ",")
    emit("     ", c$k, ", ", c$p, ", {", paste(vapply(c$coefnames, cstr, ""), collapse = ", "), "},")
    emit("     ", arr(c$beta), ", ", arr(c$se), ",")
    emit("     ", arr(c$stat), ", ", arr(c$pval), ",")
    emit("     ", arr(c$cil), ", ", arr(c$ciu), ",")
    emit("     ", paste(fmt(c(c$df, c$QM, c$QMdf, c$QMdf2, c$QMp, c$QE, c$QEdf, c$QEp, c$tau2, c$I2, c$H2, c$R2)),
                      collapse = ", "), "},")
}
emit("};")
emit("")
emit("#endif")
writeLines(out)
