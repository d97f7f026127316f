# doc/teaching.md's commands on the shipped review: each succeeds and prints
# the lines the page quotes (so that the page cannot drift from what srw
# prints).  Sourced by tests/cli/run.sh, whose run / contains / ok / bad
# helpers and counters it uses; runs in its own directory under run.sh's
# scratch directory.  Section 5 (srw simulate) is not run: the page marks
# it for the integrator.
te_repo="${DATA%/tests/data/import}"
mkdir -p "$work/teaching" && cd "$work/teaching" || return
te_page="$te_repo/doc/teaching.md"
LBP=(--use "low back pain" --outcome ">50% pain relief (VAS), 3 weeks")
NECK=(--use "neck pain" --outcome "Pain, 4 weeks")
DYS=(--use "cervical dystonia" --outcome "Dysphagia (adverse event), during follow-up")

# quoted NAME FILE LINE...: each line is in the command's output and on the page.
quoted() {
    local name=$1 file=$2 line
    shift 2
    for line in "$@"; do
        contains "teaching $name: output" "$file" "$line"
        contains "teaching $name: page" "$te_page" "$line"
    done
}

run "teaching: init" 0 "$SRW" init --db review.db
run "teaching: import" 0 "$SRW" import --db review.db "$te_repo"/studies/*.csv

run "teaching 1: Foster 2001" 0 "$SRW" explain --db review.db "${LBP[@]}"
cp out lbp.txt
quoted "1" lbp.txt \
    "  → study 1 effect: ln RR₁ = ln((11/15) / (4/16)) = 1.0761  (RR 2.9333)" \
    "  → study 1 variance: v₁ = 1/11 − 1/15 + 1/4 − 1/16 = 0.21174" \
    "  → study 1 SE: SE₁ = √v₁ = √0.21174 = 0.46015" \
    "  → study 1 CI: y₁ ± z·SE₁ = 1.0761 ± 1.9600 × 0.46015 = 0.17425 to 1.9780  (RR 1.1904 to 7.2285)" \
    "    1          100.00  no judgement (counted as unclear)" \
    "    interval judged: 1.1904 to 7.2285,   thresholds: 0.75000 below and 1.2500 above no effect,   crosses: not the one below, the one above" \
    "    information: 15 against the optimal information size of 300" \
    "  → imprecision downgrade: assessed; levels down = 1" \
    "  → certainty: high, 2 level(s) down (the floor is very low) = low"
contains "teaching 2: the report says low" "$te_repo/reports/low-back-pain.md" "| ⊕⊕◯◯ Low \\[1\\] \\[2\\] |"

cp review.db whatif.db
run "teaching 2: a high-risk what-if" 0 "$SRW" rob --db whatif.db --reviewer student --study "Foster 2001" blinding_participants=high
run "teaching 2: explained" 0 "$SRW" explain --db whatif.db "${LBP[@]}"
quoted "2 high" out \
    "  → risk of bias downgrade: assessed; levels down = 2" \
    "  → certainty: high, 3 level(s) down (the floor is very low) = very low" \
    "  → verdict: the cell at very low certainty = Insufficient evidence"
cp review.db low.db
run "teaching 2: a low-risk what-if" 0 "$SRW" rob --db low.db --reviewer student --study "Foster 2001" sequence=low \
    allocation=low blinding_participants=low blinding_assessors=low incomplete=low selective=low other=low
run "teaching 2: explained" 0 "$SRW" explain --db low.db "${LBP[@]}"
quoted "2 low" out \
    "  → certainty: high, 1 level(s) down (the floor is very low) = moderate" \
    "  → verdict: the cell at moderate certainty = Supported"

run "teaching 3: neck pain" 0 "$SRW" explain --db review.db "${NECK[@]}"
quoted "3" out \
    "    published: SMD -0.07 (-0.36 to 0.21)" \
    "    point 0.07,   interval -0.21 to 0.36,   important benefit at 0.5,   important harm at −0.5" \
    "    Insufficient evidence  Insufficient evidence  Insufficient evidence  Not supported  Not supported" \
    "  → verdict: the cell at high certainty = Not supported"
cp review.db mid.db
printf 'use,primary_outcome,mid,mid_measure,mid_source\nneck pain,"Pain, 4 weeks",0.2,SMD,"what-if: Cohen'"'"'s small effect"\n' > whatif-uses.csv
run "teaching 3: the MID what-if" 0 "$SRW" import --db mid.db whatif-uses.csv
run "teaching 3: explained" 0 "$SRW" explain --db mid.db "${NECK[@]}"
quoted "3 MID" out \
    "Minimal important difference: SMD 0.2 from the use's settings (what-if: Cohen's small effect)." \
    "point 0.07,   interval -0.21 to 0.36,   important benefit at 0.2,   important harm at −0.2" \
    "→ verdict: the cell at high certainty = Insufficient evidence"

run "teaching 4: dysphagia, DL" 0 "$SRW" explain --db review.db "${DYS[@]}" --tau2 DL
quoted "4 DL" out "  → τ²: max(0, (0.46829 − 2)/3.0912) = max(0, -0.49551) = 0"
run "teaching 4: dysphagia" 0 "$SRW" explain --db review.db "${DYS[@]}"
quoted "4" out \
    "  → judged CI: μ ± max(t·SE_HKSJ, z·SE_Wald) = 1.4506 ± max(0.94639, 1.9600 × 0.45456) = 0.50418 to 2.3970  (RR 1.6556 to 10.990)" \
    "  → prediction interval: 1.4506 ± 12.706 × √0.20663 = -4.3252 to 7.2263  (RR 0.013231 to 1375.2)"
contains "teaching 4: the tau² interval" out "  → τ² CI: the bounds = 0 to 4.8972"
cd "$work" || return
