# tests/ref/metafor_ref.R - independent reference values for srw's pooling
# engine, computed with R's metafor on data sets shipped with metafor
# (package metadat).
#
# Regenerate (Debian 12: apt-get install r-base-core r-cran-metafor):
#   Rscript tests/ref/metafor_ref.R > tests/unit/ref_metafor.h
#
# The output is a C header read by tests/unit/test_metafor.c.  What each
# field means and which metafor conventions matter: tests/ref/README.md.
# Numbers are printed with sprintf("%.17g") so the C side reads back the
# exact doubles R computed; NA becomes NAN.

suppressPackageStartupMessages(library(metafor))

out <- character(0)
emit <- function(...) out <<- c(out, paste0(...))
notes <- character(0)          # warnings and other remarks, into the header

fmt <- function(x) {
    x <- as.numeric(x)
    ifelse(is.na(x), "NAN",
           ifelse(is.infinite(x), ifelse(x > 0, "INFINITY", "-INFINITY"),
                  sprintf("%.17g", x)))
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

# ---------------------------------------------------------------- data sets
ascii <- function(s) iconv(s, to = "ASCII//TRANSLIT")
dsets <- list()
add_dich <- function(short, name, ai, n1i, ci, n2i, labels, source)
    dsets[[length(dsets) + 1]] <<- list(short = short, name = name, type = 1L,
        ai = ai, n1i = n1i, ci = ci, n2i = n2i, labels = ascii(labels), source = source)
add_cont <- function(short, name, m1i, sd1i, n1i, m2i, sd2i, n2i, labels, source)
    dsets[[length(dsets) + 1]] <<- list(short = short, name = name, type = 2L,
        m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i,
        labels = ascii(labels), source = source)

x <- dat.bcg
add_dich("bcg", "dat.bcg", x$tpos, x$tpos + x$tneg, x$cpos, x$cpos + x$cneg,
    paste(x$author, x$year),
    "Colditz GA et al. (1994) Efficacy of BCG vaccine in the prevention of tuberculosis. JAMA 271(9):698-702. Events = TB cases; exp = vaccinated. 13 trials, strong heterogeneity.")
x <- dat.nielweise2007
add_dich("nielweise2007", "dat.nielweise2007", x$ai, x$n1i, x$ci, x$n2i,
    paste(x$author, x$year),
    "Niel-Weise BS, Stijnen T, van den Broek PJ (2007) Anti-infective-treated central venous catheters: a systematic review of randomized controlled trials. Intensive Care Med 33(12):2058-2068. Events = catheter-related bloodstream infections; exp = anti-infective catheter. 18 trials, 6 with a zero cell, 1 double zero (Yucel 2004).")
x <- dat.hahn2001
add_dich("hahn2001", "dat.hahn2001", x$ai, x$n1i, x$ci, x$n2i,
    as.character(x$study),
    "Hahn S, Kim Y, Garner P (2001) Reduced osmolarity oral rehydration solution for treating dehydration due to diarrhoea in children: systematic review. BMJ 323(7304):81-85. Events = unscheduled IV infusion; exp = reduced osmolarity ORS. 12 trials, 3 double zero, 1 single zero.")
x <- dat.lau1992
add_dich("lau1992", "dat.lau1992", x$ai, x$n1i, x$ci, x$n2i,
    paste(x$trial, x$year),
    "Lau J et al. (1992) Cumulative meta-analysis of therapeutic trials for myocardial infarction. N Engl J Med 327(4):248-254. Events = deaths; exp = intravenous streptokinase. 33 trials (large k), 1 zero cell.")
x <- dat.hine1989
add_dich("hine1989", "dat.hine1989", x$ai, x$n1i, x$ci, x$n2i,
    as.character(x$source),
    "Hine LK, Laird N, Hewitt P, Chalmers TC (1989) Meta-analytic evidence against prophylactic use of lidocaine in acute myocardial infarction. Arch Intern Med 149(12):2694-2698 (data as in Normand 1999, Stat Med 18:321-359). Events = deaths; exp = lidocaine. 6 trials, no heterogeneity (Q < df, tau2 = 0).")
x <- dat.normand1999
add_cont("normand1999", "dat.normand1999", x$m1i, x$sd1i, x$n1i, x$m2i, x$sd2i, x$n2i,
    as.character(x$source),
    "Normand SLT (1999) Meta-analysis: formulating, evaluating, combining, and reporting. Stat Med 18(3):321-359. Length of hospital stay (days) of stroke patients; exp = specialist stroke unit care. 9 trials.")
x <- dat.gibson2002[!is.na(dat.gibson2002$m1i), ]
add_cont("gibson2002", "dat.gibson2002", x$m1i, x$sd1i, x$n1i, x$m2i, x$sd2i, x$n2i,
    paste(x$author, x$year),
    "Gibson PG et al. (2002) Self-management education and regular practitioner review for adults with asthma. Cochrane Database Syst Rev (3):CD001117. Days off work/school; exp = self-management education. The 13 trials with means and SDs (Yoon 1993 and Brewin 1995 report only counts and are left out).")
x <- dat.curtis1998
add_cont("curtis1998", "dat.curtis1998", x$m1i, x$sd1i, x$n1i, x$m2i, x$sd2i, x$n2i,
    sprintf("%s %s (paper %d, id %d)", x$genus, x$species, x$paper, x$id),
    "Curtis PS, Wang X (1998) A meta-analysis of elevated CO2 effects on woody plant mass, form, and physiology. Oecologia 113(3):299-313 (data via Hedges, Gurevitch & Curtis 1999, Ecology 80(4):1150-1156). Total plant biomass; exp = elevated CO2. 102 observations (large k, arms of 2 to 48).")

# ------------------------------------------------------ study-level effects
# srw's conventions (see README): OR/RR: 0.5 added to all four cells of a
# study with a zero cell, double-zero (and all-event) studies not estimable;
# RD: point estimate from the raw counts, variance from the 0.5-corrected
# cells of a zero-cell study, double zeros kept (escalc's hidden addyi=FALSE
# gives exactly that); PETO: raw counts (the Peto method needs no correction),
# double zeros not estimable; MD/SMD/ROM: escalc defaults (vtype "LS").
study_effects <- function(d, measure, smd = NA) {
    if (d$type == 1L) {
        args <- list(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i)
        e <- switch(measure,
            OR = do.call(escalc, c(list("OR"), args, add = 1/2, to = "only0", drop00 = TRUE)),
            RR = do.call(escalc, c(list("RR"), args, add = 1/2, to = "only0", drop00 = TRUE)),
            RD = do.call(escalc, c(list("RD"), args, add = 1/2, to = "only0", drop00 = FALSE, addyi = FALSE)),
            PETO = do.call(escalc, c(list("PETO"), args, add = 0, to = "none", drop00 = TRUE)))
        return(list(yi = as.numeric(e$yi), vi = as.numeric(e$vi)))
    }
    args <- list(m1i = d$m1i, sd1i = d$sd1i, n1i = d$n1i, m2i = d$m2i, sd2i = d$sd2i, n2i = d$n2i)
    if (measure == "SMD" && smd == "HEDGES") {
        # RevMan 5 (Cochrane Handbook / RevMan statistical methods):
        # g = J d, J = 1 - 3/(4N - 9), SE(g) = sqrt(N/(n1 n2) + g^2/(2(N - 3.94))).
        # Computed here by hand; metafor has no such option.
        N <- d$n1i + d$n2i
        s <- sqrt(((d$n1i - 1) * d$sd1i^2 + (d$n2i - 1) * d$sd2i^2) / (N - 2))
        g <- (1 - 3 / (4 * N - 9)) * (d$m1i - d$m2i) / s
        return(list(yi = g, vi = N / (d$n1i * d$n2i) + g^2 / (2 * (N - 3.94))))
    }
    e <- do.call(escalc, c(list(measure), args, vtype = "LS"))
    list(yi = as.numeric(e$yi), vi = as.numeric(e$vi))
}

# ------------------------------------------------------------------- fits
# Is tau2 = 0 the maximum (ML, REML) or the solution (EB = PM) for this
# estimator?  Scores at tau2 = 0 with w = 1/vi, mu the fixed-effect mean:
# ML   dl/dtau2  ~ sum(w^2 (y - mu)^2) - sum(w)
# REML dlR/dtau2 ~ y'PPy - tr(P) = sum(w^2 (y - mu)^2) - (sum(w) - sum(w^2)/sum(w))
# EB   Q(0) <= k - 1
at_boundary <- function(m, yi, vi) {
    w <- 1 / vi; mu <- sum(w * yi) / sum(w); r2 <- sum(w^2 * (yi - mu)^2)
    switch(m,
        ML = r2 - sum(w) <= 0,
        REML = r2 - (sum(w) - sum(w^2) / sum(w)) <= 0,
        EB = sum(w * (yi - mu)^2) <= length(yi) - 1,
        FALSE)
}

cases <- list()
effects <- list()   # name -> list(yi, se)
ncase <- 0L

with_warnings <- function(label, expr) {
    withCallingHandlers(expr, warning = function(w) {
        # Expected whenever a study is not estimable (double zeros).
        if (!grepl("Some yi/vi values are NA", conditionMessage(w)))
            notes <<- c(notes, paste0(label, ": warning: ", conditionMessage(w)))
        invokeRestart("muffleWarning")
    })
}

add_case <- function(c) { ncase <<- ncase + 1L; cases[[ncase]] <<- c }

blank_case <- function(label, di, measure, model, method, tau2, test, smd, effname) list(
    label = label, dataset = di - 1L, measure = measure, model = model, method = method,
    tau2 = tau2, test = test, smd = smd, effname = effname, note = NA)

run_dataset <- function(di) {
    d <- dsets[[di]]
    measures <- if (d$type == 1L) list(c("OR", NA), c("RR", NA), c("RD", NA), c("PETO", NA))
                else list(c("MD", NA), c("SMD", "HEDGES_EXACT"), c("ROM", NA))
    if (d$short == "normand1999") measures <- c(measures, list(c("SMD", "HEDGES")))
    # curtis1998 measures plant mass in many different units: a raw mean
    # difference is meaningless there (and its variances span 1e7).
    if (d$short == "curtis1998") measures <- measures[-1]
    for (ms in measures) {
        measure <- ms[1]; smd <- ms[2]
        ef <- study_effects(d, measure, smd)
        effname <- paste0("ref_", d$short, "_", measure, if (!is.na(smd)) paste0("_", smd) else "")
        effects[[effname]] <<- list(yi = ef$yi, se = sqrt(ef$vi))
        ok <- !is.na(ef$yi) & !is.na(ef$vi)
        yi <- ef$yi[ok]; vi <- ef$vi[ok]; k <- length(yi)
        sc <- max(1, var(yi))
        ctl <- list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000,
                    tau2.max = 1e4 * sc)
        cictl <- list(tol = 1e-13, maxiter = 100000, tau2.max = 1e4 * sc)
        stem <- paste(d$short, measure, sep = "/")
        if (!is.na(smd)) stem <- paste0(stem, "(", smd, ")")

        # Fixed effect, inverse variance (metafor 3.8: method = "EE").
        lab <- paste0(stem, "/fixed/IV")
        r <- with_warnings(lab, rma(yi, vi, method = "EE", test = "z"))
        c <- blank_case(lab, di, measure, "fixed", "IV", NA, "z", smd, effname)
        c <- c(c[setdiff(names(c), "note")], list(
            k = r$k, estimate = r$beta[1], se = r$se, ci_lower = r$ci.lb, ci_upper = r$ci.ub,
            stat = r$zval, pvalue = r$pval, tau2_v = NA, tau2_ci_lower = NA, tau2_ci_upper = NA,
            Q = r$QE, Q_df = r$k - 1, Q_pvalue = r$QEp,
            I2 = max(0, (r$QE - (r$k - 1)) / r$QE) * 100, I2_tau2 = NA, H2 = r$H2,
            pi_lower = NA, pi_upper = NA,
            note = "rma(yi, vi, method=\"EE\")"))
        add_case(c)

        # Random effects: every tau2 estimator, Wald (z) and HKSJ (knha).
        for (m in c("DL", "REML", "PM", "ML", "SJ", "HE", "EB")) {
            labz <- paste0(stem, "/random/", m)
            rz <- with_warnings(labz, rma(yi, vi, method = m, test = "z", control = ctl))
            qp <- with_warnings(labz, confint(rz, control = cictl))
            if (nzchar(qp$lb.sign) && qp$lb.sign == ">" || nzchar(qp$ub.sign) && qp$ub.sign == ">")
                stop(labz, ": Q-profile bound at tau2.max; raise it")
            tci <- qp$random["tau^2", c("ci.lb", "ci.ub")]
            # metafor's Fisher scoring stops a little above 0 when the
            # maximum is on the boundary (e.g. 1.4e-14 for lau1992 OR, ML).
            # When metafor ended within 1e-8 of 0 and the score at 0 shows
            # that 0 is the maximum, record tau2 = 0 exactly: refit with
            # tau2 fixed at 0 (everything else follows from it).
            boundary <- FALSE
            if (m %in% c("ML", "REML", "EB") && rz$tau2 > 0 && rz$tau2 < 1e-8 * sc &&
                at_boundary(m, yi, vi)) {
                boundary <- TRUE
                notes <<- c(notes, sprintf("%s: metafor tau2 = %.3g, score at 0 <= 0: recorded as the boundary fit tau2 = 0", labz, rz$tau2))
                rz <- rma(yi, vi, tau2 = 0, test = "z")
            }
            # Cochrane Handbook 10.10.4.3 prediction interval: t_{k-2}, Wald SE.
            pih <- qt(0.975, k - 2) * sqrt(rz$tau2 + rz$se^2)
            for (test in c("z", "knha")) {
                lab <- paste0(labz, "/", test)
                r <- if (test == "z") rz else if (boundary) rma(yi, vi, tau2 = 0, test = "knha") else
                    with_warnings(lab, rma(yi, vi, method = m, test = "knha", control = ctl))
                if (abs(r$tau2 - rz$tau2) > 0) stop(lab, ": tau2 differs between z and knha")
                c <- blank_case(lab, di, measure, "random", "IV", m, test, smd, effname)
                c <- c(c[setdiff(names(c), "note")], list(
                    k = r$k, estimate = r$beta[1], se = r$se, ci_lower = r$ci.lb, ci_upper = r$ci.ub,
                    stat = r$zval, pvalue = r$pval, tau2_v = r$tau2,
                    tau2_ci_lower = tci[1], tau2_ci_upper = tci[2],
                    Q = r$QE, Q_df = r$k - 1, Q_pvalue = r$QEp,
                    I2 = max(0, (r$QE - (r$k - 1)) / r$QE) * 100, I2_tau2 = r$I2, H2 = r$H2,
                    pi_lower = rz$beta[1] - pih, pi_upper = rz$beta[1] + pih,
                    note = if (boundary) sprintf("rma(yi, vi, method=\"%s\") ended at tau2 < 1e-8 with the score at 0 <= 0: boundary fit rma(yi, vi, tau2=0, test=\"%s\"); tau2 CI confint() of the %s fit; PI from the z fit", m, test, m)
                           else sprintf("rma(yi, vi, method=\"%s\", test=\"%s\"); tau2 CI confint(); PI from the z fit", m, test)))
                add_case(c)
            }
        }

        # Mantel-Haenszel (OR, RR, RD) and Peto.
        if (measure %in% c("OR", "RR", "RD")) {
            lab <- paste0(stem, "/fixed/MH")
            # add/to/drop00: first element for the study-level yi/vi used by
            # Q (metafor's defaults, matching srw for OR and RR), second for
            # the MH estimate itself (raw counts, double zeros kept).
            r <- with_warnings(lab, rma.mh(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i,
                measure = measure, add = c(1/2, 0), to = c("only0", "none"),
                drop00 = c(measure != "RD", FALSE), level = 95))
            # Q: inverse-variance Cochran Q of the study-level effects around
            # the MH estimate (metafor, RevMan).  For RD metafor's yi come
            # from corrected cells, srw's from raw counts: Q by hand.
            Q <- sum((yi - r$beta[1])^2 / vi)
            if (measure != "RD" && abs(Q - r$QE) > 1e-9 * r$QE) stop(lab, ": hand Q != metafor QE")
            if (measure != "RD" && r$k.yi != k) stop(lab, ": k.yi mismatch")
            note <- if (measure == "RD")
                "rma.mh(add=c(1/2,0), to=c(\"only0\",\"none\"), drop00=c(FALSE,FALSE)); Q, I2, H2 by hand from srw's RD yi (raw) / vi (corrected), as metafor's QE uses corrected yi"
            else sprintf("rma.mh(measure=\"%s\", add=c(1/2,0), to=c(\"only0\",\"none\"), drop00=c(TRUE,FALSE))", measure)
            c <- blank_case(lab, di, measure, "fixed", "MH", NA, "z", smd, effname)
            c <- c(c[setdiff(names(c), "note")], list(
                k = k, estimate = r$beta[1], se = r$se, ci_lower = r$ci.lb, ci_upper = r$ci.ub,
                stat = r$zval, pvalue = r$pval, tau2_v = NA, tau2_ci_lower = NA, tau2_ci_upper = NA,
                Q = Q, Q_df = k - 1, Q_pvalue = pchisq(Q, k - 1, lower.tail = FALSE),
                I2 = max(0, (Q - (k - 1)) / Q) * 100, I2_tau2 = NA, H2 = Q / (k - 1),
                pi_lower = NA, pi_upper = NA, note = note))
            add_case(c)
        }
        if (measure == "PETO") {
            lab <- paste0(stem, "/fixed/PETO")
            r <- with_warnings(lab, rma.peto(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i,
                add = c(1/2, 0), to = c("only0", "none"), drop00 = c(TRUE, FALSE), level = 95))
            if (r$k.yi != k) stop(lab, ": k.yi mismatch")
            c <- blank_case(lab, di, measure, "fixed", "PETO", NA, "z", smd, effname)
            c <- c(c[setdiff(names(c), "note")], list(
                k = r$k.yi, estimate = r$beta[1], se = r$se, ci_lower = r$ci.lb, ci_upper = r$ci.ub,
                stat = r$zval, pvalue = r$pval, tau2_v = NA, tau2_ci_lower = NA, tau2_ci_upper = NA,
                Q = r$QE, Q_df = r$k.yi - 1, Q_pvalue = r$QEp, I2 = r$I2, I2_tau2 = NA, H2 = r$H2,
                pi_lower = NA, pi_upper = NA,
                note = "rma.peto(add=c(1/2,0), to=c(\"only0\",\"none\"), drop00=c(TRUE,FALSE))"))
            add_case(c)
        }
    }
}
for (i in seq_along(dsets)) run_dataset(i)

# ------------------------------------------------------------------ output
emit("/* tests/unit/ref_metafor.h - GENERATED, do not edit.")
emit(" *")
emit(" * Command:  Rscript tests/ref/metafor_ref.R > tests/unit/ref_metafor.h")
emit(" * R:        ", R.version.string)
emit(" * metafor:  ", as.character(packageVersion("metafor")),
     "   metadat (data sets): ", as.character(packageVersion("metadat")))
emit(" * Date:     ", format(Sys.Date(), "%Y-%m-%d"))
emit(" *")
emit(" * Reference values for srw's pooling engine from R's metafor; what each")
emit(" * field means and metafor's conventions: tests/ref/README.md.")
emit(" * Data sets: ", length(dsets), "; cases: ", ncase, ".")
if (length(notes)) {
    emit(" *")
    emit(" * Notes from the fits (R warnings and boundary fits; README explains):")
    for (n in unique(notes)) emit(" *   ", gsub("\\*/", "* /", gsub("\n", " ", n)))
}
emit(" */")
emit("#ifndef SRW_REF_METAFOR_H")
emit("#define SRW_REF_METAFOR_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("")
emit("typedef struct ref_dataset {")
emit("    const char *name;   /* metafor (metadat) data set name */")
emit("    int type;           /* 1 dichotomous, 2 continuous */")
emit("    int k;")
emit("    const char *const *labels;")
emit("    const double *ai, *n1i, *ci, *n2i;       /* dichotomous (exp = 1, ctl = 2) */")
emit("    const double *m1i, *sd1i, *m2i, *sd2i;   /* continuous (totals n1i, n2i) */")
emit("    const char *source; /* original publication */")
emit("} ref_dataset;")
emit("")
emit("/* One analysis.  model \"fixed\"/\"random\"; method \"IV\"/\"MH\"/\"PETO\";")
emit(" * tau2 NULL for fixed; test \"z\" (Wald) or \"knha\" (Hartung-Knapp-Sidik-")
emit(" * Jonkman); smd NULL or \"HEDGES_EXACT\" (escalc SMD) / \"HEDGES\" (RevMan).")
emit(" * NAN: tau2_v, tau2 CI and I2_tau2 of fixed-effect cases (not compared);")
emit(" * pi_lower/upper of fixed-effect cases (srw must report NAN). */")
emit("typedef struct ref_case {")
emit("    const char *label;")
emit("    int dataset;        /* index into ref_datasets */")
emit("    const char *measure, *model, *method, *tau2, *test, *smd;")
emit("    int k;              /* studies that entered the pool */")
emit("    double estimate, se, ci_lower, ci_upper, stat, pvalue;")
emit("    double tau2_v, tau2_ci_lower, tau2_ci_upper;")
emit("    double Q, Q_df, Q_pvalue, I2, I2_tau2, H2, pi_lower, pi_upper;")
emit("    const double *yi, *se_i; /* study level, analysis scale; NAN = not estimable */")
emit("    const char *note;   /* how metafor produced it */")
emit("} ref_case;")
emit("")
for (i in seq_along(dsets)) {
    d <- dsets[[i]]
    p <- paste0("ref_", d$short, "_")
    emit("/* ", d$name, ": ", d$source, " */")
    carray(paste0(p, "labels"), d$labels, "string")
    if (d$type == 1L) {
        for (v in c("ai", "n1i", "ci", "n2i")) carray(paste0(p, v), d[[v]])
    } else {
        for (v in c("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i")) carray(paste0(p, v), d[[v]])
    }
    emit("")
}
emit("static const ref_dataset ref_datasets[] = {")
for (i in seq_along(dsets)) {
    d <- dsets[[i]]
    p <- paste0("ref_", d$short, "_")
    arr <- function(v) if (!is.null(d[[v]])) paste0(p, v) else "NULL"
    emit("    { ", cstr(d$name), ", ", d$type, ", ", length(d$labels), ", ", p, "labels,")
    emit("      ", arr("ai"), ", ", arr("n1i"), ", ", arr("ci"), ", ", arr("n2i"), ",")
    emit("      ", arr("m1i"), ", ", arr("sd1i"), ", ", arr("m2i"), ", ", arr("sd2i"), ",")
    emit("      ", cstr(d$source), " },")
}
emit("};")
emit(sprintf("#define REF_N_DATASETS %d", length(dsets)))
emit("")
emit("/* Study-level effects (yi) and standard errors (sqrt(vi)). */")
for (n in names(effects)) {
    carray(paste0(n, "_yi"), effects[[n]]$yi)
    carray(paste0(n, "_se"), effects[[n]]$se)
}
emit("")
emit("static const ref_case ref_cases[] = {")
for (c in cases) {
    emit("    { ", cstr(c$label), ", ", c$dataset, ", ", cstr(c$measure), ", ", cstr(c$model), ", ",
         cstr(c$method), ", ", cstr(c$tau2), ", ", cstr(c$test), ", ", cstr(c$smd), ", ", c$k, ",")
    emit("      ", paste(fmt(c(c$estimate, c$se, c$ci_lower, c$ci_upper, c$stat, c$pvalue)), collapse = ", "), ",")
    emit("      ", paste(fmt(c(c$tau2_v, c$tau2_ci_lower, c$tau2_ci_upper)), collapse = ", "), ",")
    emit("      ", paste(fmt(c(c$Q, c$Q_df, c$Q_pvalue, c$I2, c$I2_tau2, c$H2, c$pi_lower, c$pi_upper)), collapse = ", "), ",")
    emit("      ", c$effname, "_yi, ", c$effname, "_se,")
    emit("      ", cstr(c$note), " },")
}
emit("};")
emit(sprintf("#define REF_N_CASES %d", ncase))
emit("")
emit("#endif")
writeLines(out)
