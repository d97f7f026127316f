# Reads srw explain's text back against srw analyse --json of the same
# outcome and options (tests/cli/explain.sh): every result line
#   "  -> LABEL: working = VALUE  (note)"        (the arrow is U+2192)
# with a label this table knows is compared with the JSON's number to the
# precision printed (half a unit in the last digit printed), a string
# exactly.  -v json=FILE: the JSON flattened by json_flat.awk.  Run under
# LC_ALL=C (byte strings).  Prints each mismatch, and each result the JSON
# has that the explanation lacks; exits 1 on any, else prints "checked N".
function abs(x) { return x < 0 ? -x : x }
function bad(msg) { print "  " msg; fails++ }
function tol(s,    m, d, e) {
    if (s ~ /e/) {
        split(s, m, "e")
        e = m[2] + 0
        d = index(m[1], ".") ? length(m[1]) - index(m[1], ".") : 0
        return 0.5 * 10 ^ (e - d)
    }
    d = index(s, ".") ? length(s) - index(s, ".") : 0
    return 0.5 * 10 ^ (-d)
}
function num_ok(s, path,    j) {
    if (!(path in J)) { bad(label ": the JSON has no " path); return }
    j = J[path]
    if (s == "-") {
        if (j != "null") bad(label ": explain prints - but " path " = " j)
        else n++
        return
    }
    if (s !~ /^-?[0-9.]+(e[-+][0-9]+)?$/) { bad(label ": '" s "' is not a number"); return }
    if (j == "null") { bad(label ": explain prints " s " but " path " is null"); return }
    if (s == "0") {
        if (j + 0 != 0) bad(label ": explain prints 0 but " path " = " j)
        else n++
        return
    }
    if (abs(s - j) > tol(s) * (1 + 1e-9)) bad(label ": explain prints " s ", " path " = " j)
    else n++
}
function str_ok(s, path,    j) {
    if (!(path in J)) { bad(label ": the JSON has no " path); return }
    j = J[path]
    sub(/^"/, "", j); sub(/"$/, "", j)
    gsub(/\\"/, "\"", j); gsub(/\\\\/, "\\", j)
    if (s != j) bad(label ": explain says '" s "', " path " = '" j "'")
    else n++
}
function interval(v, lo, hi,    p) {
    p = index(v, " to ")
    if (p == 0) { bad(label ": '" v "' is not an interval"); return }
    num_ok(substr(v, 1, p - 1), lo)
    num_ok(substr(v, p + 4), hi)
}
BEGIN {
    while ((getline l < json) > 0) {
        t = index(l, "\t")
        J[substr(l, 1, t - 1)] = substr(l, t + 1)
    }
    dom["risk of bias downgrade"] = "risk_of_bias"
    dom["inconsistency downgrade"] = "inconsistency"
    dom["indirectness downgrade"] = "indirectness"
    dom["imprecision downgrade"] = "imprecision"
    dom["publication bias downgrade"] = "publication_bias"
    pooled["pooled estimate"] = "estimate"; pooled["pooled SE"] = "se"
    pooled["test statistic"] = "statistic"; pooled["p-value"] = "pvalue"
    pooled["Q"] = "Q"; pooled["Q df"] = "Q_df"; pooled["Q p-value"] = "Q_pvalue"
    pooled["τ²"] = "tau2"; pooled["τ"] = "tau"; pooled["iterations"] = "iterations"
    pooled["HKSJ factor"] = "hksj_factor"; pooled["I²"] = "I2"; pooled["I² from τ²"] = "I2_tau2"
    pooled["H²"] = "H2"
}
/^  \xe2\x86\x92 / {
    line = substr($0, 7)
    c = index(line, ": ")
    label = substr(line, 1, c - 1)
    rest = substr(line, c + 2)
    v = rest
    while ((p = index(v, " = ")) > 0)
        v = substr(v, p + 3)
    if ((p = index(v, "  (")) > 0)
        v = substr(v, 1, p - 1)
    seen[label] = 1
    if (match(label, /^study [0-9]+ /)) {
        i = substr(label, 7, RLENGTH - 7) - 1
        what = substr(label, RLENGTH + 1)
        if (what == "effect") num_ok(v, "studies." i ".estimate")
        else if (what == "SE") num_ok(v, "studies." i ".se")
        else if (what == "CI") interval(v, "studies." i ".ci_lower", "studies." i ".ci_upper")
        else if (what == "weight") num_ok(v, "studies." i ".weight")
        next
    }
    if (label in pooled) num_ok(v, "pooled." pooled[label])
    else if (label == "CI") interval(v, "pooled.ci_lower", "pooled.ci_upper")
    else if (label == "τ² CI") interval(v, "pooled.tau2_ci_lower", "pooled.tau2_ci_upper")
    else if (label == "judged CI") interval(v, "pooled.ci_lower_wide", "pooled.ci_upper_wide")
    else if (label == "prediction interval") interval(v, "pooled.pi_lower", "pooled.pi_upper")
    else if (label == "fixed-effect estimate" && J["model"] == "\"fixed\"") num_ok(v, "pooled.estimate")
    else if (label == "Wald SE" && J["ci_method"] == "\"wald\"") num_ok(v, "pooled.se")
    else if (label in dom) num_ok(v, "grade.domains." dom[label] ".downgrade")
    else if (label == "certainty") str_ok(v, "grade.certainty")
    else if (label == "effect size") str_ok(v, "effect_size")
    else if (label == "statement") str_ok(rest, "statement")
    else if (label == "verdict") str_ok(v, "verdict_text")
}
function need(l) { if (!(l in seen)) bad("no '" l "' line") }
END {
    k = J["pooled.k"] + 0
    random = J["model"] == "\"random\""
    need("pooled estimate"); need("pooled SE"); need("CI"); need("test statistic"); need("p-value")
    if (k >= 2) { need("Q"); need("Q df"); need("Q p-value"); need("I²"); need("H²"); need("I² from τ²") }
    if (random && k >= 2) { need("τ²"); need("τ"); need("τ² CI") }
    if (random && k >= 2 && J["tau2_method"] ~ /REML|PM|ML|EB/) need("iterations")
    if (random && k >= 3) need("prediction interval")
    if (J["ci_method"] == "\"hksj\"" && k >= 2) { need("HKSJ factor"); need("judged CI") }
    if (J["grade"] != "null") { need("certainty"); need("statement"); need("imprecision downgrade") }
    if ("verdict_text" in J) need("verdict")
    for (i = 0; ("studies." i ".estimable") in J; i++)
        if (J["studies." i ".estimable"] == "true") {
            need("study " i + 1 " effect"); need("study " i + 1 " SE"); need("study " i + 1 " CI")
            need("study " i + 1 " weight")
        }
    if (fails) exit 1
    print "checked " n
}
