# Flattens JSON as srw prints it (jansson, indented: one member or element
# per line) into "path<TAB>value" lines: pooled.estimate, studies.0.se,
# grade.domains.imprecision.downgrade.  Strings keep their quotes.  Used by
# tests/cli/explain.sh; not a general JSON parser.
{
    line = $0
    sub(/^[ \t]+/, "", line)
    sub(/,$/, "", line)
    if (line == "}" || line == "]") { sp--; next }
    key = ""
    if (sp > 0 && !isarr[sp] && match(line, /^"([^"\\]|\\.)*": /)) {
        key = substr(line, 2, RLENGTH - 4)
        line = substr(line, RLENGTH + 1)
    } else if (sp > 0) {
        key = idx[sp]++
    }
    path = (sp > 0 && prefix[sp] != "") ? prefix[sp] "." key : key
    if (line == "{" || line == "[") {
        sp++
        prefix[sp] = path
        isarr[sp] = (line == "[")
        idx[sp] = 0
        next
    }
    print path "\t" line
}
