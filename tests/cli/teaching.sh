# doc/teaching.md's commands on the shipped review: each succeeds and prints
# the lines the page quotes (so that the page cannot drift from what srw
# prints).  Sourced by tests/cli/run.sh, whose run / contains / ok / bad
# helpers and counters it uses; runs in its own directory under run.sh's
# scratch directory.
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
    "  → study 1 CI: y₁ ± z·SE₁ = 1.0761 ± 1.9600 × 0.46015 = 0.17425 to 1.9780  (RR 1.1904 to 7.2285)"
quoted "2 shipped" lbp.txt \
    "  The reviewer overrode the computed 1 with 0: CD008257 judged Foster 2001 the one trial at low risk" \
    "  → risk of bias downgrade: assessed; levels down = 0" \
    "  The reviewer overrode the computed 1 with 2: srw's judgement: very serious imprecision, two" \
    "  → imprecision downgrade: assessed; levels down = 2" \
    "  → certainty: high, 2 level(s) down (the floor is very low) = low"
contains "teaching 2: the report says low" "$te_repo/reports/low-back-pain.md" "| ⊕⊕◯◯ Low \\[1\\] |"

# Section 2's scratch database: every shipped file but the reviewer's GRADE judgements.
run "teaching 2: computed init" 0 "$SRW" init --db computed.db
te_files=()
for f in "$te_repo"/studies/*.csv; do
    [ "${f##*/}" = grade.csv ] || te_files+=("$f")
done
run "teaching 2: computed import" 0 "$SRW" import --db computed.db "${te_files[@]}"
run "teaching 2: computed" 0 "$SRW" explain --db computed.db "${LBP[@]}"
quoted "2 computed" out \
    "    1          100.00  no judgement (counted as unclear)" \
    "  → risk of bias downgrade: assessed; levels down = 1" \
    "    interval judged: 1.1904 to 7.2285,   thresholds: 0.75000 below and 1.2500 above no effect,   crosses: not the one below, the one above" \
    "    information: 15 against the optimal information size of 300" \
    "  → imprecision downgrade: assessed; levels down = 1" \
    "  → certainty: high, 2 level(s) down (the floor is very low) = low"
cp computed.db low.db
run "teaching 2: a low-risk what-if" 0 "$SRW" rob --db low.db --reviewer student --study "Foster 2001" sequence=low \
    allocation=low blinding_participants=low blinding_assessors=low incomplete=low selective=low other=low
run "teaching 2: explained" 0 "$SRW" explain --db low.db "${LBP[@]}"
quoted "2 low" out \
    "  → risk of bias downgrade: assessed; levels down = 0" \
    "  → imprecision downgrade: assessed; levels down = 1" \
    "  → certainty: high, 1 level(s) down (the floor is very low) = moderate" \
    "  → statement: Botulinum toxin A likely results in a large increase in >50% pain relief (VAS), 3 weeks." \
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

WD=(--use "cervical dystonia" --outcome "Withdrawals (any reason), during follow-up")
run "teaching 4: withdrawals, DL" 0 "$SRW" explain --db review.db "${WD[@]}" --tau2 DL
quoted "4 DL" out "  → τ²: max(0, (4.7216 − 6)/30.406) = max(0, -0.042046) = 0"
run "teaching 4: withdrawals" 0 "$SRW" explain --db review.db "${WD[@]}"
quoted "4" out \
    "  → judged CI: μ ± max(t·SE_HKSJ, z·SE_Wald) = -0.56331 ± max(0.33152, 1.9600 × 0.15273) = -0.89483 to -0.23179  (RR 0.40868 to 0.79311)" \
    "  → prediction interval: -0.56331 ± 2.5706 × √0.023327 = -0.95592 to -0.17070  (RR 0.38446 to 0.84307)"
contains "teaching 4: the tau² interval" out "  → τ² CI: the bounds = 0 to 3.2528"
contains "teaching 4: q" out "  → HKSJ factor: q = 4.7216/6 = 0.78693"
run "teaching 4: dysphagia" 0 "$SRW" explain --db review.db "${DYS[@]}"
quoted "4 two trials" out \
    "  → t quantile: t_(1, 95%) = 12.706" \
    "  → CI: μ ± t·SE_HKSJ = 1.3281 ± 12.706 × 0.25004 = -1.8489 to 4.5051  (RR 0.15741 to 90.476)" \
    "  None: it needs at least 3 studies, for t on k − 2 degrees of freedom, and here k = 2. A single"

run "teaching 5: simulate" 0 "$SRW" simulate --measure SMD --k 2,3,5,10,20 --true-effect -0.3 --true-tau2 0,0.05,0.2 \
    --reps 2000 --seed 2024 --methods DL-wald,REML-hksj
# The page quotes the whole table: every line of the output is on it.
while IFS= read -r te_line; do
    [ -n "$te_line" ] && contains "teaching 5: the page quotes" "$te_page" "$te_line"
done < out
cd "$work" || return
