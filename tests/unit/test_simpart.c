/* The partial result of a sharded simulation study (src/io/simpart.c) and
 * the summary's layouts (src/report/sim_text.c, svg_sim.c): parts written
 * to files, read back and merged lay out the whole run's bytes in every
 * format; broken files are refused with their line. */
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#include "srw/simpart.h"
#include "srw/simreport.h"
#include "srw/simulate.h"

static srw_sim_options opts_of(const char *const *kv)
{
    srw_sim_options o = SRW_SIM_OPTIONS_INIT;
    srw_error err;
    for (; kv[0] != NULL; kv += 2)
        if (srw_sim_options_set(&o, kv[0], kv[1], &err) != 0)
            fail_msg("%s %s: %s", kv[0], kv[1], err.message);
    return o;
}

static void run_all(srw_sim_result *r, const srw_sim_options *o)
{
    srw_error err;
    if (srw_sim_result_init(r, o, &err) != 0 || srw_sim_run(r, 1, 1, NULL, NULL, &err) != 0)
        fail_msg("%s", err.message);
}

static int same_sums(const srw_sim_result *a, const srw_sim_result *b)
{
    return a->n_units == b->n_units && a->opts.n_methods == b->opts.n_methods &&
           memcmp(a->sums, b->sums, (size_t)(a->n_units * a->opts.n_methods) * sizeof *a->sums) == 0 &&
           memcmp(a->done, b->done, (size_t)a->n_units) == 0;
}

static srw_sim_row *summary(const srw_sim_result *r)
{
    srw_error err;
    srw_sim_row *rows = calloc(srw_sim_n_rows(r), sizeof *rows);
    assert_non_null(rows);
    if (srw_sim_summarise(rows, r, &err) != 0)
        fail_msg("%s", err.message);
    return rows;
}

/* The text, CSV and JSON of r, one after the other (the caller frees). */
static char *outputs(const srw_sim_result *r)
{
    srw_sim_row *rows = summary(r);
    srw_buf b = SRW_BUF_INIT;
    assert_int_equal(srw_report_sim_text(&b, r, rows), 0);
    assert_int_equal(srw_report_sim_csv(&b, r, rows), 0);
    assert_int_equal(srw_report_sim_json(&b, r, rows), 0);
    assert_int_equal(srw_report_sim_svg(&b, r, rows), 0);
    free(rows);
    char *s = strdup(srw_buf_cstr(&b));
    srw_buf_dispose(&b);
    return s;
}

/* Three shards written as partial files, read back and merged in another
 * order give the whole run's sums bit for bit (the %a sums read back
 * exactly), and so the same bytes in every layout.  2,500 replications
 * make three blocks per scenario, the last one short. */
static void test_simpart__parts_in_files_merge_into_the_whole_runs_bytes(void **state)
{
    (void)state;
    const char *kv[] = {"measure", "OR", "k", "3,6", "true-tau2", "0,0.2", "reps", "2500", "n", "10-60",
                        "methods", "DL-wald,REML-hksj,PM-hksj", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result whole, merged;
    run_all(&whole, &o);
    char dir[] = "/tmp/srw-simpart-XXXXXX", path[3][64];
    assert_non_null(mkdtemp(dir));
    srw_error err;
    for (unsigned p = 1; p <= 3; p++) {
        srw_sim_result part;
        assert_int_equal(srw_sim_result_init(&part, &o, &err), 0);
        assert_int_equal(srw_sim_run(&part, p, 3, NULL, NULL, &err), 0);
        assert_true(srw_sim_missing(&part) > 0);
        snprintf(path[p - 1], sizeof path[p - 1], "%s/part-%u", dir, p);
        FILE *f = fopen(path[p - 1], "w");
        assert_non_null(f);
        assert_int_equal(srw_simpart_write(f, &part, p, 3, &err), 0);
        assert_int_equal(fclose(f), 0);
        srw_sim_result_dispose(&part);
    }
    unsigned part, parts;
    assert_int_equal(srw_simpart_read(&merged, &part, &parts, path[2], &err), 0);
    assert_int_equal(part, 3);
    assert_int_equal(parts, 3);
    for (int i = 0; i < 2; i++) {
        srw_sim_result p;
        assert_int_equal(srw_simpart_read(&p, NULL, NULL, path[1 - i], &err), 0);
        assert_int_equal(srw_sim_result_merge(&merged, &p, &err), 0);
        /* a block twice is refused */
        assert_int_equal(srw_sim_result_merge(&merged, &p, &err), SRW_EDATA);
        assert_non_null(strstr(err.message, "is in two parts"));
        srw_sim_result_dispose(&p);
    }
    assert_int_equal(srw_sim_missing(&merged), 0);
    assert_true(same_sums(&whole, &merged));
    char *a = outputs(&whole), *b = outputs(&merged);
    assert_string_equal(a, b);
    free(a);
    free(b);
    for (int i = 0; i < 3; i++)
        remove(path[i]);
    rmdir(dir);
    srw_sim_result_dispose(&whole);
    srw_sim_result_dispose(&merged);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A partial file that is cut, of another version, or whose blocks are not
 * its part's, is refused with the file and line. */
static void test_simpart__broken_files_are_refused_with_their_line(void **state)
{
    (void)state;
    const char *kv[] = {"k", "3", "true-tau2", "0", "reps", "10", "methods", "DL-wald", NULL};
    srw_sim_options o = opts_of(kv);
    srw_sim_result r, back;
    run_all(&r, &o);
    char path[] = "/tmp/srw-simpart-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    FILE *f = fopen(path, "w");
    assert_int_equal(srw_simpart_write(f, &r, 1, 1, NULL), 0);
    fclose(f);
    long size;
    char *good = srw_test_read_file(path, &size);
    assert_non_null(good);
    good = realloc(good, (size_t)size + 1);
    good[size] = '\0';
    srw_error err;
    char buf[4096], want[512];

    /* cut before its end line */
    snprintf(buf, sizeof buf, "%.*s", (int)(strstr(good, "end ") - good), good);
    write_text(path, buf);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), SRW_EDATA);
    assert_string_equal(err.message, "the file ends before its 'end' line (cut short?)");
    assert_string_equal(err.path, path);

    /* another format version */
    snprintf(buf, sizeof buf, "srw-simulate-part 2\n%s", strchr(good, '\n') + 1);
    write_text(path, buf);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), SRW_EDATA);
    assert_int_equal(err.line, 1);

    /* another srw */
    snprintf(buf, sizeof buf, "srw-simulate-part 1\nsrw 0.0.9\n%s", strchr(strchr(good, '\n') + 1, '\n') + 1);
    write_text(path, buf);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), SRW_EDATA);
    snprintf(want, sizeof want, "written by srw 0.0.9, not by this srw %s: run every part and the merge with one "
                                "srw version", SRW_VERSION);
    assert_string_equal(err.message, want);

    /* a block that is not this part's: part 2 of 2 holds no unit 0 */
    char *shard = strstr(good, "shard 1/1");
    snprintf(buf, sizeof buf, "%.*sshard 2/2%s", (int)(shard - good), good, shard + 9);
    write_text(path, buf);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), SRW_EDATA);
    assert_non_null(strstr(err.message, "is not one of this part's blocks"));

    /* a bad setting names the setting */
    char *reps = strstr(good, "reps 10\n");
    snprintf(buf, sizeof buf, "%.*sreps 0\n%s", (int)(reps - good), good, reps + 8);
    write_text(path, buf);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), SRW_EDATA);
    assert_string_equal(err.message, "--reps must be a whole number from 1 to 1000000000 (got '0')");
    assert_int_equal(err.line, 9);

    /* the good file reads back to the same sums */
    write_text(path, good);
    assert_int_equal(srw_simpart_read(&back, NULL, NULL, path, &err), 0);
    assert_true(same_sums(&r, &back));
    srw_sim_result_dispose(&back);
    remove(path);
    free(good);
    srw_sim_result_dispose(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simpart__parts_in_files_merge_into_the_whole_runs_bytes),
        cmocka_unit_test(test_simpart__broken_files_are_refused_with_their_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
