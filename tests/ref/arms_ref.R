# tests/ref/arms_ref.R - reference values for srw's multi-arm trials
# (--multi-arm combine | split | separate), computed in R with metafor on
# placebo-controlled trials of network data sets shipped with metafor
# (package metadat), the trials with two active arms against one placebo
# arm kept whole.
#
# Regenerate (Debian 12: apt-get install r-base-core r-cran-metafor):
#   Rscript tests/ref/arms_ref.R > tests/unit/ref_arms.h
#
# Read by tests/unit/test_arms.c; tests/ref/README.md, "Multi-arm trials".
# The three rules, written here from their sources (not from srw's code):
#   combine   Cochrane Handbook (v6.4) Table 6.5.a: a study's active arms
#             as one group (events and totals summed; N, mean and SD by the
#             table's formula, arm after arm);
#   split     Handbook 23.3.4: each active arm against the placebo arm, the
#             placebo arm's participants (and events) divided equally
#             between the comparisons;
#   separate  each active arm against the whole placebo arm (RevMan 5's
#             pooling of a study's data rows: the placebo arm counted twice).
# Each comparison's effect by escalc (RR: add = 1/2, to = "only0"; MD), then
# rma(yi, vi, method = "EE") and rma(yi, vi, method = "REML", test = "knha").
# A comparison of one arm of a study with several is labelled
# "Study (arm)", as srw labels it.

suppressPackageStartupMessages(library(metafor))

out <- character(0)
emit <- function(...) out <<- c(out, paste0(...))
fmt <- function(x) ifelse(is.na(x), "NAN", sprintf("%.17g", as.numeric(x)))
cstr <- function(s) paste0("\"", iconv(as.character(s), to = "ASCII//TRANSLIT"), "\"")
arr <- function(x, f = fmt) paste0("{", paste(f(x), collapse = ", "), "}")

# One row per active arm against the placebo arm of its study.
rows_linde <- function() {
    x <- dat.linde2015
    r <- list()
    for (i in seq_len(nrow(x))) {
        tr <- c(x$treatment1[i], x$treatment2[i], x$treatment3[i])
        n <- c(x$n1[i], x$n2[i], x$n3[i]); e <- c(x$resp1[i], x$resp2[i], x$resp3[i])
        p <- which(tr == "Placebo")
        if (length(p) != 1) next
        for (j in which(tr != "" & tr != "Placebo" & !is.na(e) & !is.na(e[p])))
            r[[length(r) + 1]] <- data.frame(study = paste(x$author[i], x$year[i]), arm = tr[j], ee = e[j], en = n[j],
                                             ce = e[p], cn = n[p])
    }
    do.call(rbind, r)
}
rows_stowe <- function() {
    x <- dat.stowe2010
    r <- list()
    for (i in seq_len(nrow(x))) {
        tr <- c(x$t1[i], x$t2[i], x$t3[i])
        m <- c(x$y1[i], x$y2[i], x$y3[i]); s <- c(x$sd1[i], x$sd2[i], x$sd3[i]); n <- c(x$n1[i], x$n2[i], x$n3[i])
        p <- which(tr == "Placebo")
        if (length(p) != 1) next
        for (j in which(tr != "" & tr != "Placebo"))
            r[[length(r) + 1]] <- data.frame(study = x$study[i], arm = tr[j], em = m[j], es = s[j], en = n[j],
                                             cm = m[p], cs = s[p], cn = n[p])
    }
    do.call(rbind, r)
}

# Handbook Table 6.5.a, two groups into one.
combine2 <- function(n1, m1, s1, n2, m2, s2) {
    n <- n1 + n2
    c(n, (n1 * m1 + n2 * m2) / n, sqrt(((n1 - 1) * s1^2 + (n2 - 1) * s2^2 + n1 * n2 / n * (m1 - m2)^2) / (n - 1)))
}

# The comparisons a rule makes of the rows of one data set.
comparisons <- function(d, type, mode) {
    out <- list()
    for (st in unique(d$study)) {
        g <- d[d$study == st, ]
        g <- g[order(g$arm, method = "radix"), ]
        k <- nrow(g)
        if (k == 1 || mode == "separate" || mode == "split") {
            div <- if (mode == "split") k else 1
            for (j in seq_len(k)) {
                lab <- if (k == 1) st else paste0(st, " (", g$arm[j], ")")
                if (type == "dich")
                    out[[length(out) + 1]] <- data.frame(label = lab, ai = g$ee[j], n1 = g$en[j], ci = g$ce[j] / div,
                                                         n2 = g$cn[j] / div)
                else
                    out[[length(out) + 1]] <- data.frame(label = lab, m1 = g$em[j], s1 = g$es[j], n1 = g$en[j],
                                                         m2 = g$cm[j], s2 = g$cs[j], n2 = g$cn[j] / div)
            }
        } else {
            if (type == "dich") {
                out[[length(out) + 1]] <- data.frame(label = st, ai = sum(g$ee), n1 = sum(g$en), ci = g$ce[1],
                                                     n2 = g$cn[1])
            } else {
                a <- c(g$en[1], g$em[1], g$es[1])
                for (j in 2:k) a <- combine2(a[1], a[2], a[3], g$en[j], g$em[j], g$es[j])
                out[[length(out) + 1]] <- data.frame(label = st, m1 = a[2], s1 = a[3], n1 = a[1], m2 = g$cm[1],
                                                     s2 = g$cs[1], n2 = g$cn[1])
            }
        }
    }
    x <- do.call(rbind, out)
    x[order(x$label, method = "radix"), ]
}

sets <- list(
    list(short = "linde2015", name = "dat.linde2015", type = "dich", measure = "RR", rows = rows_linde(),
         source = "Linde K et al. (2015) Efficacy and acceptability of pharmacological treatments for depressive disorders in primary care: systematic review and network meta-analysis. Ann Fam Med 13(1):69-79. Response; the 21 placebo-controlled trials that report it, 6 with two active arms."),
    list(short = "stowe2010", name = "dat.stowe2010", type = "cont", measure = "MD", rows = rows_stowe(),
         source = "Stowe R et al. (2010) Evaluation of the efficacy and safety of adjuvant treatment to levodopa therapy in Parkinson's disease patients with motor complications. Cochrane Database Syst Rev (7):CD007166. Off-time reduction (hours); the 29 placebo-controlled trials, 1 with two active arms."))

cases <- list()
for (si in seq_along(sets)) {
    s <- sets[[si]]
    for (mode in c("combine", "split", "separate")) {
        x <- comparisons(s$rows, s$type, mode)
        e <- if (s$type == "dich")
            escalc("RR", ai = x$ai, bi = x$n1 - x$ai, ci = x$ci, di = x$n2 - x$ci, add = 1/2, to = "only0")
        else escalc("MD", m1i = x$m1, sd1i = x$s1, n1i = x$n1, m2i = x$m2, sd2i = x$s2, n2i = x$n2)
        sc <- max(1, var(e$yi))
        fe <- rma(e$yi, e$vi, method = "EE")
        re <- rma(e$yi, e$vi, method = "REML", test = "knha",
                  control = list(threshold = 1e-13 * sc, tol = 1e-13, maxiter = 100000))
        # Fisher scoring stops a little above 0 at a boundary maximum:
        # recorded as the fit at tau2 = 0 when the REML score there is <= 0
        # (as tests/ref/metafor_ref.R does).
        if (re$tau2 > 0 && re$tau2 < 1e-8 * sc) {
            y <- e$yi; w <- 1 / e$vi
            P <- diag(w) - outer(w, w) / sum(w)
            if (c((t(y) %*% P %*% P %*% y - sum(diag(P))) / sum(diag(P %*% P))) > 0)
                stop("tau2 near 0 but not at the boundary")
            re <- rma(e$yi, e$vi, method = "REML", test = "knha", tau2 = 0)
        }
        cases[[length(cases) + 1]] <- list(label = paste(s$short, s$measure, mode, sep = "/"), set = si - 1,
            mode = mode, labels = x$label, yi = as.numeric(e$yi), vi = as.numeric(e$vi),
            fe = c(fe$beta[1], fe$se, fe$QE), re = c(re$beta[1], re$se, re$tau2))
    }
}

emit("/* tests/unit/ref_arms.h - GENERATED, do not edit.")
emit(" *")
emit(" * Command:  Rscript tests/ref/arms_ref.R > tests/unit/ref_arms.h")
emit(" * R:        ", R.version.string)
emit(" * metafor:  ", as.character(packageVersion("metafor")), "   metadat (data sets): ",
     as.character(packageVersion("metadat")))
emit(" * Date:     ", format(Sys.Date()))
emit(" *")
emit(" * Multi-arm trials (combine, split, separate): each comparison's label, yi and")
emit(" * vi, then rma EE (estimate, se, QE) and REML with knha (estimate, se, tau2).")
emit(" * See tests/ref/README.md.")
emit(" */")
emit("#ifndef SRW_REF_ARMS_H")
emit("#define SRW_REF_ARMS_H")
emit("")
emit("#include <stddef.h>")
emit("")
emit("/* One active arm against its study's placebo arm, as a record with an arm. */")
emit("typedef struct arms_ref_row {")
emit("    const char *study, *arm;")
emit("    double exp_events, exp_mean, exp_sd, exp_total, ctl_events, ctl_mean, ctl_sd, ctl_total;")
emit("} arms_ref_row;")
emit("")
emit("typedef struct arms_ref_set {")
emit("    const char *name;")
emit("    int type;            /* 1 dichotomous, 2 continuous */")
emit("    const char *measure;")
emit("    size_t n;")
emit("    const arms_ref_row *rows;")
emit("    const char *source;")
emit("} arms_ref_set;")
emit("")
emit("typedef struct arms_ref_case {")
emit("    const char *label;")
emit("    size_t set;")
emit("    const char *mode;")
emit("    size_t k;")
emit("    const char *const *labels; /* in srw's order: by label */")
emit("    const double *yi, *vi;")
emit("    double fe[3], re[3];")
emit("} arms_ref_case;")
emit("")
for (s in sets) {
    d <- s$rows
    emit("static const arms_ref_row arms_", s$short, "_rows[", nrow(d), "] = {")
    for (i in seq_len(nrow(d))) {
        if (s$type == "dich")
            emit("    {", cstr(d$study[i]), ", ", cstr(d$arm[i]), ", ", fmt(d$ee[i]), ", NAN, NAN, ", fmt(d$en[i]), ", ",
                 fmt(d$ce[i]), ", NAN, NAN, ", fmt(d$cn[i]), "},")
        else
            emit("    {", cstr(d$study[i]), ", ", cstr(d$arm[i]), ", NAN, ", fmt(d$em[i]), ", ", fmt(d$es[i]), ", ",
                 fmt(d$en[i]), ", NAN, ", fmt(d$cm[i]), ", ", fmt(d$cs[i]), ", ", fmt(d$cn[i]), "},")
    }
    emit("};")
}
emit("static const arms_ref_set arms_sets[", length(sets), "] = {")
for (s in sets)
    emit("    {", cstr(s$name), ", ", if (s$type == "dich") 1 else 2, ", ", cstr(s$measure), ", ", nrow(s$rows), ", arms_",
         s$short, "_rows, ", cstr(s$source), "},")
emit("};")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    emit("static const char *const arms_labels_", i, "[", length(c$labels), "] = ",
         paste0("{", paste(vapply(c$labels, cstr, ""), collapse = ", "), "}"), ";")
    emit("static const double arms_yi_", i, "[", length(c$yi), "] = ", arr(c$yi), ";")
    emit("static const double arms_vi_", i, "[", length(c$vi), "] = ", arr(c$vi), ";")
}
emit("static const arms_ref_case arms_cases[", length(cases), "] = {")
for (i in seq_along(cases)) {
    c <- cases[[i]]
    emit("    {", cstr(c$label), ", ", c$set, ", ", cstr(c$mode), ", ", length(c$yi), ", arms_labels_", i, ", arms_yi_", i,
         ", arms_vi_", i, ", ", arr(c$fe), ", ", arr(c$re), "},")
}
emit("};")
emit("")
emit("#endif")
writeLines(out)
