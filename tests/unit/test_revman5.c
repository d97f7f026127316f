/* srw's revman5 profile against the results RevMan 5 itself stored.
 *
 * Fixtures (read-only, ../shared/fixtures/revman/):
 *   antibiotics-for-sore-throat.rm5 (RevMan 5.2.11; Spinks, Glasziou & Del Mar,
 *     CD000023.pub4): DICH_OUTCOME attributes EFFECT_SIZE, CI_START, CI_END,
 *     Z, P_Z, CHI2, DF, P_CHI2, I2, TAU2, Q, P_Q, I2_Q; DICH_DATA per study.
 *   Fleiss1993.rm5 (aspirin after myocardial infarction, MH OR fixed).
 *   Fleiss1993_CR.csv (RevMan's CSV export; the continuous outcome, whose
 *     results the .rm5 does not store).
 *   CD008625StatsDataOnly.rm5 (Cochrane CD008625, the Cochrane Library's
 *     statistical-data export): MH risk differences with zero cells.
 * The dichotomous arrays below were copied from the .rm5 files by
 *   python3 tests/data/revman/extract_rm5.py FILE.rm5 ANALYSIS-ID...
 * (attribute strings pasted verbatim).  RevMan writes these with Java's
 * shortest round-trip double formatting, so they are compared at 1e-9
 * relative.  The CSV keeps 8 decimals, so those rows are compared to 5e-9
 * absolute (half a unit in the last stored place).
 *
 * RevMan's Z is |estimate| / SE and its effect columns are on the natural
 * scale (exp of the log for OR and RR).  Study SE is on the log scale.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "srw/pool.h"

#define TOL 1e-9

/* RevMan's chi-square tail probabilities (P_CHI2, P_Q) are less accurate
 * than its other numbers: against R's pchisq they are off by up to 2e-6
 * relative (6e-6 for CMP-001.04's subgroup test), and by up to 6e-3 relative below 1e-4, e.g. for CMP-001.04
 * Q = 103.16148436835148 on 19 df, RevMan stores 1.4355183708403274e-13
 * where R gives 1.4276466973526769e-13:
 *   Rscript -e 'print(pchisq(103.16148436835148, 19, lower.tail=FALSE), digits=17)'
 * srw uses GSL's gsl_cdf_chisq_Q, which agrees with R (see
 * test_revman5__q_pvalue_matches_r); so these two are compared loosely. */
#define P_CHI2_TOL 1e-5
#define P_CHI2_TINY_TOL 1e-2
/* RevMan's normal tail P_Z is off by up to 2e-8 relative: for CMP-001.07's
 * second subgroup, Z = 0.805758011717399, RevMan stores 0.42038240011346983,
 *   Rscript -e 'print(2*pnorm(-0.805758011717399), digits=17)'
 *   [1] 0.42038239275164763
 * which is what srw (gsl_cdf_ugaussian_Q) gives. */
#define P_Z_TOL 5e-8

typedef struct rm_study {
    const char *study, *subgroup;
    double e1, n1, e2, n2;
    int estimable;
    double es, ci_lo, ci_hi, se, weight;
} rm_study;

typedef struct rm_pooled {
    int estimable;
    double es, ci_lo, ci_hi, z, p_z, chi2, df, p_chi2, i2, tau2;
} rm_pooled;

typedef struct rm_analysis {
    const char *label;
    srw_measure measure;
    srw_model model;
    size_t n;
    const rm_study *studies;
    rm_pooled overall;
    size_t n_groups;
    const char *group_names[4];
    rm_pooled groups[4];
    double q, p_q, i2_q;
} rm_analysis;

/* antibiotics-for-sore-throat.rm5 CMP-001.01: "Symptom of sore throat on day 3", MH RR random */
static const rm_study cmp_001_01_studies[] = {
    {"Brink 1951", NULL, 119, 277, 129, 198, 1, 0.6593904793888002, 0.5564838644124426, 0.781326884954097, 0.08657185440591988, 8.505468357593305},
    {"Brumfitt 1957", NULL, 21, 42, 26, 40, 1, 0.7692307692307693, 0.5268974608143697, 1.1230192216466712, 0.19305714768187754, 5.894583244750027},
    {"Chapple 1956", NULL, 40, 135, 37, 65, 1, 0.5205205205205206, 0.37230366810320353, 0.7277436015157603, 0.17098246762462002, 6.427023171132471},
    {"Dagnelie 1996", NULL, 36, 117, 57, 117, 1, 0.631578947368421, 0.4543772874975945, 0.8778871165762538, 0.16801077445474588, 6.500631164239401},
    {"De Meyere 1992", NULL, 18, 82, 59, 91, 1, 0.3385696568830095, 0.219084263940608, 0.523220657203175, 0.22208236120344615, 5.24327068399012},
    {"Denny 1953", NULL, 89, 157, 48, 50, 1, 0.5904989384288747, 0.5092787953016872, 0.6846721275309944, 0.0754974280218919, 8.738779534934451},
    {"El-Daher 1991", NULL, 42, 111, 106, 118, 1, 0.42121366649668535, 0.32933958720699136, 0.5387173596354544, 0.1255384434883566, 7.574240328909656},
    {"Landsman 1951", NULL, 6, 52, 7, 43, 1, 0.7087912087912088, 0.25742720209073794, 1.951561348526883, 0.5167564477967855, 1.7498273479134738},
    {"Little 1997", NULL, 135, 215, 122, 187, 1, 0.9624475791078917, 0.8310907461170167, 1.1145658243200058, 0.07486903462244884, 8.751417477047823},
    {"MacDonald 1951", NULL, 18, 41, 27, 41, 1, 0.6666666666666666, 0.4423243428206223, 1.0047930928022244, 0.20931341282324586, 5.522210718482226},
    {"Middleton 1988", NULL, 2, 34, 5, 23, 1, 0.27058823529411763, 0.05731127398694374, 1.277549563743161, 0.7919027556616737, 0.8324900178682465},
    {"Petersen 1997", NULL, 60, 89, 74, 90, 1, 0.8199210446401458, 0.689344860355195, 0.9752310608327314, 0.08850488129413707, 8.462864733167745},
    {"Whitfield 1981", NULL, 129, 256, 165, 272, 1, 0.8306818181818182, 0.7116230747112225, 0.9696597926337156, 0.07892923068715982, 8.668568186505786},
    {"Zwart 2000", NULL, 215, 358, 131, 164, 1, 0.7518444283338309, 0.6707171703182121, 0.8427845139978163, 0.058257132713187866, 9.058007811332624},
    {"Zwart 2003", NULL, 79, 100, 38, 56, 1, 1.1642105263157896, 0.9468555600496903, 1.4314603058499842, 0.1054365897809798, 8.070617222132654},
};
static const rm_analysis cmp_001_01 = {
    .label = "CMP-001.01", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_001_01_studies / sizeof cmp_001_01_studies[0], .studies = cmp_001_01_studies,
    .overall = {.estimable = 1, .es = 0.6837765472337998, .ci_lo = 0.5895886991303211, .ci_hi = 0.7930110723571225, .z = 5.026986218157962, .p_z = 4.982481461166904E-7,
     .chi2 = 85.8934971113238, .df = 14, .p_chi2 = 2.250977182427505E-12, .i2 = 83.70074514272594, .tau2 = 0.059731301081404224},
};

/* antibiotics-for-sore-throat.rm5 CMP-001.02: "Symptom of sore throat on day 3: blind versus unblinded studies", MH RR random */
static const rm_study cmp_001_02_studies[] = {
    {"Chapple 1956", "Symptom of sore throat on day 3: blinded studies", 40, 135, 37, 65, 1, 0.5205205205205206, 0.37230366810320353, 0.7277436015157603, 0.17098246762462002, 6.42702317113247},
    {"Dagnelie 1996", "Symptom of sore throat on day 3: blinded studies", 36, 117, 57, 117, 1, 0.631578947368421, 0.4543772874975945, 0.8778871165762538, 0.16801077445474588, 6.500631164239399},
    {"De Meyere 1992", "Symptom of sore throat on day 3: blinded studies", 18, 82, 59, 91, 1, 0.3385696568830095, 0.219084263940608, 0.523220657203175, 0.22208236120344615, 5.243270683990119},
    {"Denny 1953", "Symptom of sore throat on day 3: blinded studies", 89, 157, 48, 50, 1, 0.5904989384288747, 0.5092787953016872, 0.6846721275309944, 0.0754974280218919, 8.73877953493445},
    {"El-Daher 1991", "Symptom of sore throat on day 3: blinded studies", 42, 111, 106, 118, 1, 0.42121366649668535, 0.32933958720699136, 0.5387173596354544, 0.1255384434883566, 7.574240328909655},
    {"Landsman 1951", "Symptom of sore throat on day 3: blinded studies", 6, 52, 7, 43, 1, 0.7087912087912088, 0.25742720209073794, 1.951561348526883, 0.5167564477967855, 1.7498273479134736},
    {"MacDonald 1951", "Symptom of sore throat on day 3: blinded studies", 18, 41, 27, 41, 1, 0.6666666666666666, 0.4423243428206223, 1.0047930928022244, 0.20931341282324586, 5.522210718482224},
    {"Middleton 1988", "Symptom of sore throat on day 3: blinded studies", 2, 34, 5, 23, 1, 0.27058823529411763, 0.05731127398694374, 1.277549563743161, 0.7919027556616737, 0.8324900178682464},
    {"Petersen 1997", "Symptom of sore throat on day 3: blinded studies", 60, 89, 74, 90, 1, 0.8199210446401458, 0.689344860355195, 0.9752310608327314, 0.08850488129413707, 8.462864733167743},
    {"Whitfield 1981", "Symptom of sore throat on day 3: blinded studies", 129, 256, 165, 272, 1, 0.8306818181818182, 0.7116230747112225, 0.9696597926337156, 0.07892923068715982, 8.668568186505784},
    {"Zwart 2000", "Symptom of sore throat on day 3: blinded studies", 215, 358, 131, 164, 1, 0.7518444283338309, 0.6707171703182121, 0.8427845139978163, 0.058257132713187866, 9.058007811332622},
    {"Zwart 2003", "Symptom of sore throat on day 3: blinded studies", 79, 100, 38, 56, 1, 1.1642105263157896, 0.9468555600496903, 1.4314603058499842, 0.1054365897809798, 8.070617222132652},
    {"Brink 1951", "Symptom of sore throat on day 3: unblinded studies", 119, 277, 129, 198, 1, 0.6593904793888002, 0.5564838644124426, 0.781326884954097, 0.08657185440591988, 8.505468357593305},
    {"Brumfitt 1957", "Symptom of sore throat on day 3: unblinded studies", 21, 42, 26, 40, 1, 0.7692307692307693, 0.5268974608143697, 1.1230192216466712, 0.19305714768187754, 5.894583244750026},
    {"Little 1997", "Symptom of sore throat on day 3: unblinded studies", 135, 215, 122, 187, 1, 0.9624475791078917, 0.8310907461170167, 1.1145658243200058, 0.07486903462244884, 8.751417477047822},
};
static const rm_analysis cmp_001_02 = {
    .label = "CMP-001.02", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_001_02_studies / sizeof cmp_001_02_studies[0], .studies = cmp_001_02_studies,
    .overall = {.estimable = 1, .es = 0.6837765472337998, .ci_lo = 0.5895886991303211, .ci_hi = 0.7930110723571225, .z = 5.026986218157962, .p_z = 4.982481461166904E-7,
     .chi2 = 85.89349711132378, .df = 14, .p_chi2 = 2.2503110486127298E-12, .i2 = 83.70074514272594, .tau2 = 0.059731301081404224},
    .n_groups = 2,
    .group_names = {"Symptom of sore throat on day 3: blinded studies", "Symptom of sore throat on day 3: unblinded studies"},
    .groups = {{.estimable = 1, .es = 0.6515413326751798, .ci_lo = 0.5443958807786947, .ci_hi = 0.779774651448396, .z = 4.673592132890838, .p_z = 2.959768385972493E-6,
     .chi2 = 70.92738065702075, .df = 11, .p_chi2 = 8.138034690574614E-11, .i2 = 84.49117971352695, .tau2 = 0.06971091506541473},
               {.estimable = 1, .es = 0.7918520638501426, .ci_lo = 0.5970967483973693, .ci_hi = 1.0501308082931322, .z = 1.6203512572130154, .p_z = 0.10515684405323374,
     .chi2 = 11.165746963243418, .df = 2, .p_chi2 = 0.0037617472230083715, .i2 = 82.08807698594809, .tau2 = 0.048244528589001676}},
    .q = 1.3050116683610775, .p_q = 0.2532999343178899, .i2_q = 23.37233265846059,
};

/* antibiotics-for-sore-throat.rm5 CMP-001.04: "Symptom of sore throat on day 3: GABHS-positive throat swab, negative swab, untested/inseparable", MH RR random */
static const rm_study cmp_001_04_studies[] = {
    {"Brink 1951", "Symptom of sore throat on day 3: GABHS-positive throat swab", 119, 277, 129, 198, 1, 0.6593904793888002, 0.5564838644124426, 0.781326884954097, 0.08657185440591988, 6.863929883761983},
    {"Brumfitt 1957", "Symptom of sore throat on day 3: GABHS-positive throat swab", 21, 42, 26, 40, 1, 0.7692307692307693, 0.5268974608143697, 1.1230192216466712, 0.19305714768187754, 4.920887696141317},
    {"Chapple 1956", "Symptom of sore throat on day 3: GABHS-positive throat swab", 13, 68, 22, 41, 1, 0.35628342245989303, 0.20237242331678715, 0.6272488861836192, 0.2885853359445732, 3.4234281628676277},
    {"Dagnelie 1996", "Symptom of sore throat on day 3: GABHS-positive throat swab", 13, 55, 36, 55, 1, 0.3611111111111111, 0.21633408483178204, 0.6027771105477862, 0.2614138832143739, 3.798910302437177},
    {"De Meyere 1992", "Symptom of sore throat on day 3: GABHS-positive throat swab", 18, 82, 59, 91, 1, 0.3385696568830095, 0.219084263940608, 0.523220657203175, 0.22208236120344615, 4.415121606161313},
    {"Denny 1953", "Symptom of sore throat on day 3: GABHS-positive throat swab", 89, 157, 48, 50, 1, 0.5904989384288747, 0.5092787953016872, 0.6846721275309944, 0.0754974280218919, 7.031278917060397},
    {"El-Daher 1991", "Symptom of sore throat on day 3: GABHS-positive throat swab", 42, 111, 106, 118, 1, 0.42121366649668535, 0.32933958720699136, 0.5387173596354544, 0.1255384434883566, 6.1859349809764685},
    {"MacDonald 1951", "Symptom of sore throat on day 3: GABHS-positive throat swab", 13, 26, 17, 24, 1, 0.7058823529411765, 0.4446197502389077, 1.1206652334405662, 0.23583553847254768, 4.19003725155149},
    {"Middleton 1988", "Symptom of sore throat on day 3: GABHS-positive throat swab", 2, 24, 5, 23, 1, 0.38333333333333336, 0.0824378233592382, 1.782488164493459, 0.7841269492013192, 0.7581074665815178},
    {"Zwart 2000", "Symptom of sore throat on day 3: GABHS-positive throat swab", 102, 178, 68, 83, 1, 0.699438202247191, 0.5947475084891312, 0.8225571217701414, 0.08272625715209411, 6.9237051348409855},
    {"Zwart 2003", "Symptom of sore throat on day 3: GABHS-positive throat swab", 39, 53, 28, 43, 1, 1.1300539083557952, 0.861105334175912, 1.48300304864832, 0.1386779466011849, 5.93950780569318},
    {"Chapple 1956", "Symptom of sore throat on day 3: GABHS-negative throat swab", 13, 67, 16, 26, 1, 0.31529850746268656, 0.17743861603888733, 0.5602678324903668, 0.29331922086220347, 3.3621727057599693},
    {"Dagnelie 1996", "Symptom of sore throat on day 3: GABHS-negative throat swab", 31, 60, 29, 51, 1, 0.9086206896551724, 0.6453700090883394, 1.2792530580026267, 0.17454602067333738, 5.261247601980557},
    {"MacDonald 1951", "Symptom of sore throat on day 3: GABHS-negative throat swab", 5, 15, 10, 17, 1, 0.5666666666666667, 0.24988695180279716, 1.285025523719709, 0.41774370602268646, 2.13514319622035},
    {"Petersen 1997", "Symptom of sore throat on day 3: GABHS-negative throat swab", 60, 89, 74, 90, 1, 0.8199210446401458, 0.689344860355195, 0.9752310608327314, 0.08850488129413707, 6.83326357944911},
    {"Zwart 2000", "Symptom of sore throat on day 3: GABHS-negative throat swab", 113, 180, 63, 81, 1, 0.8071428571428572, 0.6865125539303392, 0.9489696701203235, 0.08259139681128132, 6.9257705351733225},
    {"Zwart 2003", "Symptom of sore throat on day 3: GABHS-negative throat swab", 40, 47, 10, 13, 1, 1.1063829787234043, 0.8027067897273119, 1.524944489412762, 0.1637080551843501, 5.464883599723518},
    {"Landsman 1951", "Symptom of sore throat on day 3: untested for GABHS culture or combined inseparable data", 6, 52, 7, 43, 1, 0.7087912087912088, 0.25742720209073794, 1.951561348526883, 0.5167564477967855, 1.545331655855119},
    {"Little 1997", "Symptom of sore throat on day 3: untested for GABHS culture or combined inseparable data", 135, 215, 122, 187, 1, 0.9624475791078917, 0.8310907461170167, 1.1145658243200058, 0.07486903462244884, 7.040315477086254},
    {"Whitfield 1981", "Symptom of sore throat on day 3: untested for GABHS culture or combined inseparable data", 129, 256, 165, 272, 1, 0.8306818181818182, 0.7116230747112225, 0.9696597926337156, 0.07892923068715982, 6.981022440678345},
};
static const rm_analysis cmp_001_04 = {
    .label = "CMP-001.04", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_001_04_studies / sizeof cmp_001_04_studies[0], .studies = cmp_001_04_studies,
    .overall = {.estimable = 1, .es = 0.6750050411138486, .ci_lo = 0.5862285858543921, .ci_hi = 0.7772254996147162, .z = 5.462964842493046, .p_z = 4.682473638783072E-8,
     .chi2 = 103.16148436835148, .df = 19, .p_chi2 = 1.4355183708403274E-13, .i2 = 81.58227354294552, .tau2 = 0.06791603062321944},
    .n_groups = 3,
    .group_names = {"Symptom of sore throat on day 3: GABHS-positive throat swab", "Symptom of sore throat on day 3: GABHS-negative throat swab", "Symptom of sore throat on day 3: untested for GABHS culture or combined inseparable data"},
    .groups = {{.estimable = 1, .es = 0.5817579323025055, .ci_lo = 0.47678617526262146, .ci_hi = 0.7098408245802578, .z = 5.3356138095704635, .p_z = 9.52218795049323E-8,
     .chi2 = 51.308656801809185, .df = 10, .p_chi2 = 1.531685366318314E-7, .i2 = 80.510111502963, .tau2 = 0.07571709035952709},
               {.estimable = 1, .es = 0.7828557745870603, .ci_lo = 0.6292596622701521, .ci_hi = 0.9739431915805744, .z = 2.1968984903395574, .p_z = 0.028027696702364845,
     .chi2 = 15.650881170837582, .df = 5, .p_chi2 = 0.007914847946749681, .i2 = 68.05291698644712, .tau2 = 0.04260371459233951},
               {.estimable = 1, .es = 0.8948748908568085, .ci_lo = 0.8016688505629352, .ci_hi = 0.9989175327489137, .z = 1.9792637270058357, .p_z = 0.04778632127128171,
     .chi2 = 2.082219420276092, .df = 2, .p_chi2 = 0.3530628279061089, .i2 = 3.948643427078885, .tau2 = 4.710406792782553E-4}},
    .q = 13.853972946994332, .p_q = 9.809584506433877E-4, .i2_q = 85.56370791503596,
};

/* antibiotics-for-sore-throat.rm5 CMP-001.07: "Symptom of sore throat at one week (6 to 8 days): GABHS-positive throat swab, GABHS-negative swab", MH RR random */
static const rm_study cmp_001_07_studies[] = {
    {"Brink 1951", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 4, 277, 15, 198, 1, 0.19061371841155234, 0.06423205642886788, 0.5656613172102819, 0.5549829306500449, 9.066899831093199},
    {"Brumfitt 1957", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 0, 42, 2, 40, 1, 0.19069767441860466, 0.009436800535005082, 3.853594541260966, 1.5337385507784802, 2.3727805849040755},
    {"Dagnelie 1996", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 1, 34, 10, 42, 1, 0.12352941176470589, 0.01662981097828244, 0.9176000611710073, 1.0231220413443325, 4.489651331874934},
    {"De Meyere 1992", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 3, 61, 10, 70, 1, 0.3442622950819672, 0.09925655614140866, 1.1940423123914907, 0.6345503734335582, 8.01944056822245},
    {"Denny 1953", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 6, 157, 16, 50, 1, 0.11942675159235669, 0.049406023985461955, 0.2886844122510116, 0.4503301454656065, 10.606903694355573},
    {"MacDonald 1951", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 0, 26, 1, 24, 1, 0.30864197530864196, 0.013172666573584721, 7.2316313777687125, 1.6092326213539263, 2.1855035275514862},
    {"Zwart 2003", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", 8, 53, 3, 43, 1, 2.1635220125786163, 0.6109624683371604, 7.661399417302844, 0.6451430809142598, 7.8889147251270435},
    {"Dagnelie 1996", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", 3, 35, 4, 47, 1, 1.0071428571428571, 0.2406427601660404, 4.215114279748114, 0.7304007865666793, 6.9151595138772},
    {"MacDonald 1951", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", 0, 15, 0, 17, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Petersen 1997", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", 21, 89, 32, 90, 1, 0.663623595505618, 0.41644165890132645, 1.0575221452956358, 0.2377435203149746, 13.88604678715577},
    {"Taylor 1977", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", 6, 129, 3, 59, 1, 0.9147286821705426, 0.23684136916078635, 3.532864908484046, 0.6894192552236491, 7.366281775945981},
    {"Zwart 2003", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", 12, 47, 4, 13, 1, 0.8297872340425532, 0.32078508038484527, 2.1464428861652247, 0.484905826594789, 10.080654380904187},
    {"Bennike 1951", "Symptom of sore throat at 1 week (6 to 8 days): GABHS untested", 0, 100, 7, 99, 1, 0.066006600660066, 0.003820678133937854, 1.1403397977957725, 1.453764885816934, 2.5968497295493},
    {"Landsman 1951", "Symptom of sore throat at 1 week (6 to 8 days): GABHS untested", 0, 52, 0, 43, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Little 1997", "Symptom of sore throat at 1 week (6 to 8 days): GABHS untested", 66, 388, 35, 184, 1, 0.8942562592047129, 0.6174585006199147, 1.2951384689399066, 0.18897312382087353, 14.524913549438807},
};
static const rm_analysis cmp_001_07 = {
    .label = "CMP-001.07", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_001_07_studies / sizeof cmp_001_07_studies[0], .studies = cmp_001_07_studies,
    .overall = {.estimable = 1, .es = 0.48294203843339084, .ci_lo = 0.2922212703718183, .ci_hi = 0.7981383839356948, .z = 2.83960649807675, .p_z = 0.0045169214802995945,
     .chi2 = 33.793240991174876, .df = 12, .p_chi2 = 7.270743950883451E-4, .i2 = 64.48994044953011, .tau2 = 0.41662833113873937},
    .n_groups = 3,
    .group_names = {"Symptom of sore throat at 1 week (6 to 8 days): GABHS-positive throat swab", "Symptom of sore throat at 1 week (6 to 8 days): GABHS-negative throat swab", "Symptom of sore throat at 1 week (6 to 8 days): GABHS untested"},
    .groups = {{.estimable = 1, .es = 0.2872278461391019, .ci_lo = 0.1177228218400089, .ci_hi = 0.700797299183237, .z = 2.7412235485576977, .p_z = 0.0061210846078644104,
     .chi2 = 14.898587942851925, .df = 6, .p_chi2 = 0.021060333944435072, .i2 = 59.72772706370007, .tau2 = 0.7676997367817053},
               {.estimable = 1, .es = 0.7282050724765743, .ci_lo = 0.49553385757969276, .ci_hi = 1.0701239067107169, .z = 1.614889313567923, .p_z = 0.10633466687547793,
     .chi2 = 0.5337712102969892, .df = 3, .p_chi2 = 0.9114118713844909, .i2 = 0.0, .tau2 = 0.0},
               {.estimable = 1, .es = 0.3517849806020899, .ci_lo = 0.02770898854879083, .ci_hi = 4.466156256815557, .z = 0.805758011717399, .p_z = 0.42038240011346983,
     .chi2 = 3.4035509967745106, .df = 1, .p_chi2 = 0.06505632140388073, .i2 = 70.618921210592, .tau2 = 2.582787621971658}},
    .q = 3.720158352353884, .p_q = 0.15566039713928526, .i2_q = 46.23884763575924,
};

/* antibiotics-for-sore-throat.rm5 CMP-002.01: "Symptom of fever on day 3", MH RR random */
static const rm_study cmp_002_01_studies[] = {
    {"Brink 1951", NULL, 34, 277, 40, 198, 1, 0.6075812274368231, 0.3995180755008319, 0.9240006161695375, 0.21389518777225494, 27.41327001256631},
    {"Brumfitt 1957", NULL, 6, 62, 19, 59, 1, 0.300509337860781, 0.12898436682876635, 0.7001302899087831, 0.43153222453670553, 15.556231994976535},
    {"Krober 1985", NULL, 0, 15, 0, 11, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Landsman 1951", NULL, 1, 52, 3, 43, 1, 0.27564102564102566, 0.02973360070952835, 2.5552900827140284, 1.1361543689785625, 3.5344268291962933},
    {"Middleton 1988", NULL, 1, 33, 0, 21, 1, 1.9411764705882353, 0.08273890071218523, 45.54285901227169, 1.609906940324887, 1.8503428237241142},
    {"Nelson 1984", NULL, 12, 17, 10, 18, 1, 1.2705882352941176, 0.7594280196913527, 2.125803133157957, 0.2625914095434447, 24.347798747705767},
    {"Whitfield 1981", NULL, 33, 256, 42, 272, 1, 0.8348214285714286, 0.5469943220898557, 1.2741024713736526, 0.21570775026484054, 27.29792959183098},
};
static const rm_analysis cmp_002_01 = {
    .label = "CMP-002.01", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_002_01_studies / sizeof cmp_002_01_studies[0], .studies = cmp_002_01_studies,
    .overall = {.estimable = 1, .es = 0.7061913003331955, .ci_lo = 0.4545685975571122, .ci_hi = 1.0970976775482868, .z = 1.5476802658240556, .p_z = 0.1216992956322425,
     .chi2 = 11.38134974801449, .df = 5, .p_chi2 = 0.044321874617291535, .i2 = 56.06847948001717, .tau2 = 0.1385416661645487},
};

/* antibiotics-for-sore-throat.rm5 CMP-002.04: "Symptom of fever at 1 week (6 to 8 days)", MH RR random */
static const rm_study cmp_002_04_studies[] = {
    {"Brink 1951", NULL, 0, 277, 0, 198, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Denny 1950", NULL, 0, 157, 0, 50, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Landsman 1951", NULL, 0, 52, 0, 43, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
};
static const rm_analysis cmp_002_04 = {
    .label = "CMP-002.04", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_002_04_studies / sizeof cmp_002_04_studies[0], .studies = cmp_002_04_studies,
    .overall = {.estimable = 0, .es = 0.0, .ci_lo = 0.0, .ci_hi = 0.0, .z = 0.0, .p_z = 0.0,
     .chi2 = 0.0, .df = 0, .p_chi2 = 0.0, .i2 = 0.0, .tau2 = NAN},
};

/* antibiotics-for-sore-throat.rm5 CMP-004.01: "Incidence of acute rheumatic fever within 2 months. Rheumatic fever defined by clinical diagnosis", MH RR random */
static const rm_study cmp_004_01_studies[] = {
    {"Leelarasamee 2000", NULL, 0, 369, 0, 386, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Bennike 1951", NULL, 0, 238, 0, 268, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Brumfitt 1957", NULL, 0, 62, 0, 59, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Chapple 1956", NULL, 0, 186, 0, 97, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"De Meyere 1992", NULL, 0, 87, 0, 94, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Dagnelie 1996", NULL, 0, 121, 0, 118, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Pichichero 1987", NULL, 0, 59, 0, 58, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Zwart 2000", NULL, 0, 358, 0, 164, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Little 1997", NULL, 0, 454, 0, 216, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Chamovitz 1954", NULL, 0, 257, 2, 109, 1, 0.08527131782945736, 0.004127569106590067, 1.7616174209568431, 1.5450026284498168, 5.824571736435628},
    {"Denny 1950", NULL, 2, 798, 17, 804, 1, 0.11853162317558602, 0.027475520940970815, 0.5113550248173269, 0.7458730558782487, 15.838972372023042},
    {"Wannamaker 1951", NULL, 5, 978, 35, 996, 1, 0.14548641542506574, 0.05723718960229482, 0.3697997267214913, 0.4759673493209865, 22.945710146641176},
    {"Siegel 1961", NULL, 0, 605, 2, 608, 1, 0.200990099009901, 0.00966949205969468, 4.177780968288562, 1.5481304204939272, 5.805174894988521},
    {"Brink 1951", NULL, 2, 277, 5, 198, 1, 0.28592057761732853, 0.05604003370364619, 1.4587888568615863, 0.8314682114466228, 14.056603881001166},
    {"Denny 1953", NULL, 2, 157, 1, 50, 1, 0.6369426751592356, 0.05899288976729276, 6.877031673466728, 1.2139318651589996, 8.508712648539454},
    {"Catanzaro 1954", NULL, 26, 650, 12, 220, 1, 0.7333333333333333, 0.37649051900396924, 1.4283966013287788, 0.34016313102826956, 27.02025432037102},
};
static const rm_analysis cmp_004_01 = {
    .label = "CMP-004.01", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_004_01_studies / sizeof cmp_004_01_studies[0], .studies = cmp_004_01_studies,
    .overall = {.estimable = 1, .es = 0.26852367541999833, .ci_lo = 0.12006602298627175, .ci_hi = 0.6005442877816402, .z = 3.2016412175438824, .p_z = 0.001366470778324367,
     .chi2 = 12.195290766294914, .df = 6, .p_chi2 = 0.05775128059786405, .i2 = 50.80068105811242, .tau2 = 0.5084481786426333},
};

/* antibiotics-for-sore-throat.rm5 CMP-004.04: "Incidence of otitis media within 14 days. Otitis media defined by clinical diagnosis", MH RR random */
static const rm_study cmp_004_04_studies[] = {
    {"Bennike 1951", NULL, 0, 238, 2, 268, 1, 0.22510460251046024, 0.010861283667605897, 4.6653861202910365, 1.5466410144124043, 4.774194442807268},
    {"Brink 1951", NULL, 5, 277, 13, 198, 1, 0.27492363232435435, 0.09961855468721384, 0.7587241538259132, 0.5179405984949653, 42.571528148547394},
    {"Chamovitz 1954", NULL, 0, 257, 1, 109, 1, 0.1421188630490956, 0.00583484133972799, 3.4615801970219753, 1.6290180442780582, 4.303555009564983},
    {"Chapple 1956", NULL, 5, 186, 5, 97, 1, 0.521505376344086, 0.15472931835336737, 1.7577008704625239, 0.6199309458024039, 29.716148251971706},
    {"Dagnelie 1996", NULL, 0, 121, 0, 118, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"De Meyere 1992", NULL, 0, 87, 0, 94, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Denny 1953", NULL, 0, 157, 2, 50, 1, 0.06455696202531645, 0.0031507372549149214, 1.3227384604784156, 1.5407994817427395, 4.81046324907346},
    {"Little 1997", NULL, 0, 454, 1, 216, 1, 0.15897435897435896, 0.006502730619903738, 3.8864975790251113, 1.6309078973191555, 4.2935870961927085},
    {"Pichichero 1987", NULL, 1, 59, 0, 55, 1, 2.8, 0.11646055433989873, 67.31893081255978, 1.6223880106629416, 4.338800604248612},
    {"Taylor 1977", NULL, 0, 131, 4, 66, 1, 0.0563973063973064, 0.003081785980679751, 1.0320821071974957, 1.4831456744069802, 5.191723197593884},
    {"Zwart 2000", NULL, 0, 358, 0, 164, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
};
static const rm_analysis cmp_004_04 = {
    .label = "CMP-004.04", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_004_04_studies / sizeof cmp_004_04_studies[0], .studies = cmp_004_04_studies,
    .overall = {.estimable = 1, .es = 0.29709189410936937, .ci_lo = 0.15319188848398543, .ci_hi = 0.576163623406991, .z = 3.5915069287942836, .p_z = 3.287714340006172E-4,
     .chi2 = 5.409726622413537, .df = 7, .p_chi2 = 0.6100937660121961, .i2 = 0.0, .tau2 = 0.0},
};

/* antibiotics-for-sore-throat.rm5 CMP-004.08: "Incidence of acute glomerulonephritis within 1 month. Acute glomerulonephritis defined by clinical diagnosis", MH RR random */
static const rm_study cmp_004_08_studies[] = {
    {"Bennike 1951", NULL, 0, 238, 0, 268, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Brink 1951", NULL, 0, 277, 0, 198, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Brumfitt 1957", NULL, 0, 62, 0, 59, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Chamovitz 1954", NULL, 0, 257, 1, 109, 1, 0.1421188630490956, 0.00583484133972799, 3.4615801970219753, 1.6290180442780582, 50.09090114569301},
    {"Chapple 1956", NULL, 0, 186, 0, 97, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Dagnelie 1996", NULL, 0, 121, 0, 118, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Leelarasamee 2000", NULL, 0, 369, 0, 386, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Little 1997", NULL, 0, 454, 0, 216, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
    {"Siegel 1961", NULL, 0, 605, 1, 605, 1, 0.3333333333333333, 0.013606075125179848, 8.166286757118161, 1.6319823334318493, 49.909098854307004},
    {"Zwart 2000", NULL, 0, 358, 0, 164, 0, 0.0, 0.0, 0.0, 0.0, 0.0},
};
static const rm_analysis cmp_004_08 = {
    .label = "CMP-004.08", .measure = SRW_MEASURE_RR, .model = SRW_MODEL_RANDOM,
    .n = sizeof cmp_004_08_studies / sizeof cmp_004_08_studies[0], .studies = cmp_004_08_studies,
    .overall = {.estimable = 1, .es = 0.21748469220221764, .ci_lo = 0.02270113267570175, .ci_hi = 2.083578472404624, .z = 1.3232533286711126, .p_z = 0.18575114672901402,
     .chi2 = 0.13695680294609308, .df = 1, .p_chi2 = 0.7113254069249084, .i2 = 0.0, .tau2 = 0.0},
};

/* Fleiss1993.rm5 CMP-001.01: "Aspirin for Preventing Death after Myocardial Infarction", MH OR fixed */
static const rm_study fleiss_aspirin_studies[] = {
    {"MRC-1", NULL, 49, 615, 67, 624, 1, 0.7197141500975687, 0.4889745274989256, 1.0593362817898602, 0.1972198088133556, 3.176490004091248},
    {"CDP", NULL, 44, 758, 64, 771, 1, 0.6807598039215687, 0.45739090373983604, 1.0132119087766858, 0.20289716633892102, 3.1016891143394365},
    {"MRC-2", NULL, 102, 832, 126, 850, 1, 0.8028701891715591, 0.6064528819242718, 1.062902922672345, 0.14314855217027966, 5.675380442715663},
    {"GASP", NULL, 32, 317, 38, 309, 1, 0.8007386888273315, 0.4862610363759706, 1.318597213882381, 0.2544888962290453, 1.795484618258711},
    {"PARIS", NULL, 85, 810, 52, 406, 1, 0.7981432360742705, 0.5525633542165779, 1.1528680293941878, 0.18761568222036212, 3.2176243566716805},
    {"AMIS", NULL, 246, 2267, 219, 2257, 1, 1.1327364047365673, 0.9346646778747347, 1.3727829808793592, 0.098064939620213, 10.153491219997628},
    {"ISIS-2", NULL, 1570, 8587, 1720, 8600, 1, 0.8949693601254097, 0.8294175772940908, 0.965701930475584, 0.03880976559851533, 72.87984024392564},
};
static const rm_analysis fleiss_aspirin = {
    .label = "CMP-001.01", .measure = SRW_MEASURE_OR, .model = SRW_MODEL_FIXED,
    .n = sizeof fleiss_aspirin_studies / sizeof fleiss_aspirin_studies[0], .studies = fleiss_aspirin_studies,
    .overall = {.estimable = 1, .es = 0.8968655609130709, .ci_lo = 0.8405144008917793, .ci_hi = 0.9569947088336491, .z = 3.287633061337987, .p_z = 0.0010103343130005407,
     .chi2 = 9.946055983220074, .df = 6, .p_chi2 = 0.1269422521561745, .i2 = 39.67458045558399, .tau2 = 0.0},
};

/* Fleiss1993_CR.csv, outcome 1.2 "Mental Health Treatment versus Control"
 * (CON, IV, MD, Fixed): means, SDs and totals per arm, then RevMan's stored
 * Effect Estimate, CI Start, CI End, SE and Weight (8 decimals). */
static const struct {
    const char *study;
    double m1, sd1, n1, m2, sd2, n2, es, se, lo, hi, weight;
} fleiss_md[] = {
    {"Davis", 5, 4.7, 13, 6.5, 3.8, 13, -1.5, 1.67630546, -4.78549833, 1.78549833, 2.79315513},
    {"Florell", 4.9, 1.71, 30, 6.1, 2.3, 50, -1.2, 0.45085474, -2.08365906, -0.31634094, 38.61251498},
    {"Gruen", 22.5, 3.44, 35, 24.9, 10.65, 35, -2.4, 1.89175731, -6.10777619, 1.30777619, 2.19316111},
    {"Hart", 12.5, 1.47, 20, 12.3, 1.66, 20, 0.2, 0.49580742, -0.77176469, 1.17176469, 31.92826572},
    {"Wilson", 6.5, 0.76, 8, 7.38, 1.41, 8, -0.88, 0.56631484, -1.98995669, 0.22995669, 24.47290305},
};

/* MH risk differences with zero cells (CD008625StatsDataOnly.rm5, Cochrane
 * CD008625, cholera; the Cochrane Library's export).  RevMan takes the MH
 * RD and its weights from the counts and uses the 0.5-corrected cells of a
 * zero-cell study only in the Greenland-Robins variance; one study's MH
 * result is its own RD and CI.  R's meta 8.2-1 (metacr) differs here, as it
 * puts the corrected cells in the weights too (tests/ref/revman_meta.txt):
 * RevMan's stored numbers are the reference. */
/* CD008625StatsDataOnly.rm5 CMP-001.03: "Deaths", MH RD fixed */
static const rm_study cmp_001_03_studies[] = {
    {"Bhattacharya 1990 IND", "Norfloxacin", 0, 13, 0, 12, 1, 0.0, -0.14275079685492442, 0.14275079685492442, 0.0728333775421, 9.691050554403159},
    {"Dutta 1996 IND", "Norfloxacin", 0, 54, 0, 19, 1, 0.0, -0.07287631658619963, 0.07287631658619963, 0.037182477413380405, 21.82784042153504},
    {"Carpenter 1964 IND", "Tetracycline", 0, 10, 0, 10, 1, 0.0, -0.17408193796294572, 0.17408193796294572, 0.08881894735621768, 7.765264867310223},
    {"Pierce 1968 IND", "Tetracycline", 0, 12, 0, 4, 1, 0.0, -0.2829741968165199, 0.2829741968165199, 0.14437724317823403, 4.659158920386134},
    {"Rahaman 1976 BGD", "Tetracycline", 0, 15, 0, 9, 1, 0.0, -0.15973513895857824, 0.15973513895857824, 0.08149901744039617, 8.735922975724002},
    {"Hossain 2002 BGD", "Tetracycline", 0, 21, 0, 22, 1, 0.0, -0.08619857130775234, 0.08619857130775234, 0.04397967104889461, 16.68629008696429},
    {"Rahaman 1976 BGD", "Doxycycline", 0, 17, 0, 10, 1, 0.0, -0.14462284109440685, 0.14462284109440685, 0.07378851970504222, 9.778481684761022},
    {"Dutta 1996 IND", "Doxycycline", 0, 28, 0, 10, 1, 0.0, -0.1318967298581887, 0.1318967298581887, 0.06729548649800368, 11.443548225509803},
    {"Pierce 1968 IND", "Furazolidone", 0, 25, 0, 8, 1, 0.0, -0.1586884087437091, 0.1586884087437091, 0.0809649615990003, 9.412442263406332},
};
static const rm_analysis cmp_001_03 = {
    .label = "CMP-001.03", .measure = SRW_MEASURE_RD, .model = SRW_MODEL_FIXED,
    .n = sizeof cmp_001_03_studies / sizeof cmp_001_03_studies[0], .studies = cmp_001_03_studies,
    .overall = {.estimable = 1, .es = 0.0, .ci_lo = -0.046957778852506966, .ci_hi = 0.046957778852506966, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 8, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0},
    .n_groups = 4,
    .group_names = {"Norfloxacin", "Tetracycline", "Doxycycline", "Furazolidone"},
    .groups = {{.estimable = 1, .es = 0.0, .ci_lo = -0.0708645085597648, .ci_hi = 0.0708645085597648, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 1, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0},
               {.estimable = 1, .es = 0.0, .ci_lo = -0.0806908005044553, .ci_hi = 0.0806908005044553, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 3, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0},
               {.estimable = 1, .es = 0.0, .ci_lo = -0.1055802154235836, .ci_hi = 0.1055802154235836, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 1, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0},
               {.estimable = 1, .es = 0.0, .ci_lo = -0.1586884087437091, .ci_hi = 0.1586884087437091, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 0, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0}},
    .q = 0.0, .p_q = 1.0, .i2_q = 0.0,
};

/* CD008625StatsDataOnly.rm5 CMP-014.03: "Bacteriological failure", MH RD fixed */
static const rm_study cmp_014_03_studies[] = {
    {"Burans 1989 SOM", NULL, 0, 17, 0, 18, 1, 0.0, -0.10461391122811728, 0.10461391122811728, 0.05337542529010658, 51.65745856353591},
    {"Kabir 1996 BGD", NULL, 3, 18, 3, 15, 1, -0.033333333333333354, -0.29907088565933926, 0.23240421899267252, 0.13558287520694756, 48.34254143646409},
};
static const rm_analysis cmp_014_03 = {
    .label = "CMP-014.03", .measure = SRW_MEASURE_RD, .model = SRW_MODEL_FIXED,
    .n = sizeof cmp_014_03_studies / sizeof cmp_014_03_studies[0], .studies = cmp_014_03_studies,
    .overall = {.estimable = 1, .es = -0.016114180478821374, .ci_lo = -0.15671058675573202, .ci_hi = 0.12448222579808926, .z = 0.2246374158146248, .p_z = 0.822261355243716,
     .chi2 = 0.10727442826225203, .df = 1, .p_chi2 = 0.7432687914950133, .i2 = 0.0, .tau2 = 0.0},
};

/* CD008625StatsDataOnly.rm5 CMP-009.03: "Deaths", MH RD fixed */
static const rm_study cmp_009_03_studies[] = {
    {"Moolasarat 1998 THA", NULL, 0, 13, 0, 12, 1, 0.0, -0.14275079685492442, 0.14275079685492442, 0.0728333775421, 100.0},
};
static const rm_analysis cmp_009_03 = {
    .label = "CMP-009.03", .measure = SRW_MEASURE_RD, .model = SRW_MODEL_FIXED,
    .n = sizeof cmp_009_03_studies / sizeof cmp_009_03_studies[0], .studies = cmp_009_03_studies,
    .overall = {.estimable = 1, .es = 0.0, .ci_lo = -0.14275079685492442, .ci_hi = 0.14275079685492442, .z = 0.0, .p_z = 1.0,
     .chi2 = 0.0, .df = 0, .p_chi2 = 1.0, .i2 = 0.0, .tau2 = 0.0},
};

/* Absolute comparison at the precision the CSV stored. */
#define assert_dp8(got, want) assert_true(fabs((got) - (want)) <= 5.0000001e-9)

static double natural(srw_measure m, double x)
{
    return srw_measure_is_ratio(m) ? exp(x) : x;
}

static void check_pooled(const srw_pooled *p, const rm_pooled *w, srw_measure m,
                         srw_model model)
{
    if (!w->estimable) {
        assert_true(isnan(p->estimate));
        assert_non_null(p->note);
        assert_int_equal(p->k, 0);
        return;
    }
    assert_rel(natural(m, p->estimate), w->es, TOL);
    assert_rel(natural(m, p->ci_lower), w->ci_lo, TOL);
    assert_rel(natural(m, p->ci_upper), w->ci_hi, TOL);
    assert_rel(fabs(p->stat), w->z, TOL);
    assert_rel(p->pvalue, w->p_z, P_Z_TOL);
    assert_true(isnan(p->stat_df));
    if (w->df == 0.0) { /* k = 1: RevMan stores 0s, srw "not applicable" */
        assert_int_equal(p->k, 1);
        assert_true(isnan(p->Q));
        assert_non_null(p->note);
        return;
    }
    assert_int_equal(p->k, (size_t)w->df + 1);
    assert_rel(p->Q, w->chi2, TOL);
    assert_rel(p->Q_df, w->df, 0.0);
    assert_rel(p->Q_pvalue, w->p_chi2, w->p_chi2 > 1e-4 ? P_CHI2_TOL : P_CHI2_TINY_TOL);
    assert_rel(p->I2, w->i2, TOL);
    if (model == SRW_MODEL_RANDOM)
        assert_rel(p->tau2, w->tau2, TOL);
    else
        assert_rel(p->tau2, 0.0, 0.0);
}

static void run_revman5(srw_analysis *a, const rm_analysis *ra)
{
    srw_study_row *rows = calloc(ra->n, sizeof *rows);
    assert_non_null(rows);
    for (size_t i = 0; i < ra->n; i++) {
        rows[i].study = ra->studies[i].study;
        rows[i].subgroup = ra->studies[i].subgroup;
        rows[i].exp_events = ra->studies[i].e1;
        rows[i].exp_total = ra->studies[i].n1;
        rows[i].ctl_events = ra->studies[i].e2;
        rows[i].ctl_total = ra->studies[i].n2;
    }
    srw_study_set set = {SRW_TYPE_DICHOTOMOUS, ra->n, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = SRW_PROFILE_REVMAN5;
    o.measure = ra->measure;
    o.model = ra->model;
    srw_error err;
    int rc = srw_analysis_run(a, &set, &o, &err);
    free(rows);
    if (rc != 0)
        fail_msg("%s: %s", ra->label, err.message);
    assert_int_equal(a->opts.method, SRW_METHOD_MH);
    assert_int_equal(a->opts.tau2, SRW_TAU2_DL);
    assert_int_equal(a->opts.ci, SRW_CI_WALD);
}

static void check_analysis(const rm_analysis *ra)
{
    srw_analysis a;
    run_revman5(&a, ra);
    assert_int_equal(a.n_studies, ra->n);
    for (size_t i = 0; i < ra->n; i++) {
        const rm_study *w = &ra->studies[i];
        const srw_study_result *s = &a.studies[i];
        assert_string_equal(s->study, w->study);
        assert_int_equal(s->estimable, w->estimable);
        if (!w->estimable) {
            assert_non_null(s->reason);
            assert_rel(s->weight, 0.0, 0.0);
            continue;
        }
        assert_rel(natural(ra->measure, s->yi), w->es, TOL);
        assert_rel(natural(ra->measure, s->ci_lower), w->ci_lo, TOL);
        assert_rel(natural(ra->measure, s->ci_upper), w->ci_hi, TOL);
        assert_rel(s->se, w->se, TOL);
        assert_rel(s->weight, w->weight, TOL);
    }
    check_pooled(&a.overall, &ra->overall, ra->measure, ra->model);
    assert_int_equal(a.overall.k_total, ra->n);
    assert_int_equal(a.n_subgroups, ra->n_groups);
    for (size_t g = 0; g < ra->n_groups; g++) {
        assert_string_equal(a.subgroups[g].name, ra->group_names[g]);
        check_pooled(&a.subgroups[g].pooled, &ra->groups[g], ra->measure, ra->model);
    }
    if (ra->n_groups > 1) {
        assert_true(a.subgroup_test.present);
        assert_rel(a.subgroup_test.Q, ra->q, TOL);
        assert_rel(a.subgroup_test.df, (double)ra->n_groups - 1.0, 0.0);
        assert_rel(a.subgroup_test.pvalue, ra->p_q, P_CHI2_TOL);
        assert_rel(a.subgroup_test.I2, ra->i2_q, TOL);
    }
    srw_analysis_dispose(&a);
}

static void test_revman5__fleiss_aspirin_mh_or_fixed(void **state)
{
    (void)state;
    check_analysis(&fleiss_aspirin);
}

static void test_revman5__sore_throat_day3_mh_rr_random(void **state)
{
    (void)state;
    check_analysis(&cmp_001_01);
}

static void test_revman5__sore_throat_day3_blinding_subgroups(void **state)
{
    (void)state;
    check_analysis(&cmp_001_02);
}

static void test_revman5__sore_throat_three_subgroups(void **state)
{
    (void)state;
    check_analysis(&cmp_001_04);
}

static void test_revman5__zero_cells_in_subgroups(void **state)
{
    (void)state;
    check_analysis(&cmp_001_07);
}

static void test_revman5__headache_zero_cells(void **state)
{
    (void)state;
    check_analysis(&cmp_002_01);
}

static void test_revman5__mh_rd_zero_cells_in_subgroups(void **state)
{
    (void)state;
    check_analysis(&cmp_001_03);
}

static void test_revman5__mh_rd_one_zero_cell_study(void **state)
{
    (void)state;
    check_analysis(&cmp_014_03);
}

static void test_revman5__mh_rd_one_study_is_its_own_result(void **state)
{
    (void)state;
    check_analysis(&cmp_009_03);
}

static void test_revman5__all_double_zero_is_not_estimable(void **state)
{
    (void)state;
    check_analysis(&cmp_002_04);
}

static void test_revman5__rheumatic_fever_double_zeros(void **state)
{
    (void)state;
    check_analysis(&cmp_004_01);
}

static void test_revman5__tau2_zero_with_zero_cells(void **state)
{
    (void)state;
    check_analysis(&cmp_004_04);
    check_analysis(&cmp_004_08);
}

static void test_revman5__fleiss_continuous_md_iv_fixed(void **state)
{
    (void)state;
    size_t n = sizeof fleiss_md / sizeof fleiss_md[0];
    srw_study_row rows[sizeof fleiss_md / sizeof fleiss_md[0]];
    memset(rows, 0, sizeof rows);
    for (size_t i = 0; i < n; i++) {
        rows[i].study = fleiss_md[i].study;
        rows[i].exp_mean = fleiss_md[i].m1;
        rows[i].exp_sd = fleiss_md[i].sd1;
        rows[i].exp_total = fleiss_md[i].n1;
        rows[i].ctl_mean = fleiss_md[i].m2;
        rows[i].ctl_sd = fleiss_md[i].sd2;
        rows[i].ctl_total = fleiss_md[i].n2;
    }
    srw_study_set set = {SRW_TYPE_CONTINUOUS, n, rows};
    srw_pool_options o = SRW_POOL_OPTIONS_INIT;
    o.profile = SRW_PROFILE_REVMAN5;
    srw_analysis a;
    srw_error err;
    assert_int_equal(srw_analysis_run(&a, &set, &o, &err), 0);
    assert_int_equal(a.opts.measure, SRW_MEASURE_MD);
    assert_int_equal(a.opts.method, SRW_METHOD_IV);
    assert_int_equal(a.opts.model, SRW_MODEL_FIXED);
    for (size_t i = 0; i < n; i++) {
        assert_dp8(a.studies[i].yi, fleiss_md[i].es);
        assert_dp8(a.studies[i].se, fleiss_md[i].se);
        assert_dp8(a.studies[i].ci_lower, fleiss_md[i].lo);
        assert_dp8(a.studies[i].ci_upper, fleiss_md[i].hi);
        assert_dp8(a.studies[i].weight, fleiss_md[i].weight);
    }
    /* Pooled row: -0.70938839 [-1.25848502, -0.16029176], Q 5.66012379,
     * P(Q) 0.22600895, I2 29.33016758, Tau2 0, Z 2.53211477, P(Z) 0.01133769,
     * df 4. */
    const srw_pooled *p = &a.overall;
    assert_dp8(p->estimate, -0.70938839);
    assert_dp8(p->ci_lower, -1.25848502);
    assert_dp8(p->ci_upper, -0.16029176);
    assert_dp8(p->Q, 5.66012379);
    /* P(Q): see P_CHI2_TOL; R gives 0.22600889290120904 for Q 5.66012379. */
    assert_rel(p->Q_pvalue, 0.22600895, P_CHI2_TOL);
    assert_dp8(p->I2, 29.33016758);
    assert_dp8(p->tau2, 0.0);
    assert_dp8(fabs(p->stat), 2.53211477);
    assert_dp8(p->pvalue, 0.01133769);
    assert_rel(p->Q_df, 4.0, 0.0);
    assert_int_equal(p->k, 5);
    assert_rel(p->exp_total, 106.0, 0.0);
    assert_rel(p->ctl_total, 126.0, 0.0);
    srw_analysis_dispose(&a);
}

/* The aspirin rows of the CSV export agree with the .rm5 at the CSV's
 * precision (guards against mixing up the two fixtures). */
static void test_revman5__fleiss_csv_pooled_row(void **state)
{
    (void)state;
    srw_analysis a;
    run_revman5(&a, &fleiss_aspirin);
    assert_dp8(exp(a.overall.estimate), 0.89686556);
    assert_dp8(a.overall.Q, 9.94605598);
    assert_rel(a.overall.Q_pvalue, 0.12694225, P_CHI2_TOL);
    assert_dp8(a.overall.I2, 39.67458046);
    assert_dp8(fabs(a.overall.stat), 3.28763306);
    assert_dp8(a.overall.pvalue, 0.00101033);
    assert_rel(a.overall.exp_events, 2128.0, 0.0);
    assert_rel(a.overall.exp_total, 14186.0, 0.0);
    assert_rel(a.overall.ctl_events, 2286.0, 0.0);
    assert_rel(a.overall.ctl_total, 13817.0, 0.0);
    srw_analysis_dispose(&a);
}

/* The chi-square tail srw reports is R's, to 1e-12:
 *   Rscript -e 'print(pchisq(9.946055983220074, 6, lower.tail=FALSE), digits=17)'
 *   [1] 0.12694217790629492
 *   Rscript -e 'print(pchisq(85.8934971113238, 14, lower.tail=FALSE), digits=17)'
 *   [1] 2.2504607650881457e-12
 *   Rscript -e 'print(pchisq(1.3050116683610775, 1, lower.tail=FALSE), digits=17)'
 *   [1] 0.25329980996415014 */
static void test_revman5__q_pvalue_matches_r(void **state)
{
    (void)state;
    srw_analysis a;
    run_revman5(&a, &fleiss_aspirin);
    assert_rel(a.overall.Q_pvalue, 0.12694217790629492, 1e-12);
    srw_analysis_dispose(&a);
    run_revman5(&a, &cmp_001_01);
    assert_rel(a.overall.Q_pvalue, 2.2504607650881457e-12, 1e-12);
    srw_analysis_dispose(&a);
    run_revman5(&a, &cmp_001_02);
    assert_rel(a.subgroup_test.pvalue, 0.25329980996415014, 1e-12);
    srw_analysis_dispose(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revman5__fleiss_aspirin_mh_or_fixed),
        cmocka_unit_test(test_revman5__fleiss_csv_pooled_row),
        cmocka_unit_test(test_revman5__fleiss_continuous_md_iv_fixed),
        cmocka_unit_test(test_revman5__sore_throat_day3_mh_rr_random),
        cmocka_unit_test(test_revman5__sore_throat_day3_blinding_subgroups),
        cmocka_unit_test(test_revman5__sore_throat_three_subgroups),
        cmocka_unit_test(test_revman5__zero_cells_in_subgroups),
        cmocka_unit_test(test_revman5__headache_zero_cells),
        cmocka_unit_test(test_revman5__mh_rd_zero_cells_in_subgroups),
        cmocka_unit_test(test_revman5__mh_rd_one_zero_cell_study),
        cmocka_unit_test(test_revman5__mh_rd_one_study_is_its_own_result),
        cmocka_unit_test(test_revman5__all_double_zero_is_not_estimable),
        cmocka_unit_test(test_revman5__rheumatic_fever_double_zeros),
        cmocka_unit_test(test_revman5__tau2_zero_with_zero_cells),
        cmocka_unit_test(test_revman5__q_pvalue_matches_r),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
