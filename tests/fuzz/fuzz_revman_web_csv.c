/* libFuzzer harness: a valid RevMan Web data zip around mutated CSV, so
 * that the fuzzer reaches the CSV readers behind the zip layer.  The
 * package is the Fleiss 1993 one of tests/data/rm5/web-fleiss (read once,
 * run from the repository's root as make fuzz does); the input's first
 * byte chooses which of its four CSV files the rest of the input replaces. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "srw/rm5.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PKG "921923100913455418"
static const char *const names[4] = {
    PKG "-analysis-data/" PKG "-data-rows.csv",
    PKG "-analysis-data/" PKG "-overall-estimates-and-settings.csv",
    PKG "-analysis-data/" PKG "-subgroup-estimates.csv",
    PKG "-study-data/" PKG "-risk-of-bias.csv",
};
static const char *const files[4] = {
    "tests/data/rm5/web-fleiss/" PKG "-data-rows.csv",
    "tests/data/rm5/web-fleiss/" PKG "-overall-estimates-and-settings.csv",
    "tests/data/rm5/web-fleiss/" PKG "-subgroup-estimates.csv",
    "tests/data/rm5/web-fleiss/" PKG "-risk-of-bias.csv",
};
static char *fixed[4];
static size_t fixed_len[4];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < 4; i++) {
        FILE *f = fopen(files[i], "rb");
        if (f == NULL) {
            fprintf(stderr, "fuzz_revman_web_csv: cannot read %s (run from the repository's root)\n", files[i]);
            exit(2);
        }
        fixed[i] = malloc(1 << 16);
        fixed_len[i] = fread(fixed[i], 1, 1 << 16, f);
        fclose(f);
    }
    return 0;
}

/* The package as a zip in memory (*out malloc'ed), file `which` replaced
 * by data; 0, or -1 when libzip fails. */
static int make_zip(int which, const uint8_t *data, size_t size, char **out, size_t *n)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (src == NULL)
        return -1;
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    int rc = za == NULL ? -1 : 0;
    for (int i = 0; rc == 0 && i < 4; i++) {
        const void *p = i == which ? (const void *)data : fixed[i];
        size_t len = i == which ? size : fixed_len[i];
        zip_source_t *s = zip_source_buffer(za, p, len, 0);
        if (s == NULL || zip_file_add(za, names[i], s, ZIP_FL_OVERWRITE) < 0) {
            zip_source_free(s);
            rc = -1;
        }
    }
    if (za != NULL && (rc != 0 ? (zip_discard(za), -1) : zip_close(za)) != 0)
        rc = -1;
    zip_stat_t st;
    if (rc == 0 && (zip_source_open(src) != 0 || zip_source_stat(src, &st) != 0))
        rc = -1;
    if (rc == 0) {
        *n = (size_t)st.size;
        *out = malloc(*n ? *n : 1);
        if (*out == NULL || zip_source_read(src, *out, st.size) != (zip_int64_t)st.size) {
            free(*out);
            rc = -1;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *zipped = NULL;
    size_t n = 0;
    if (make_zip(data[0] % 4, data + 1, size - 1, &zipped, &n) != 0)
        return 0;
    srw_rm5_review r;
    srw_error err;
    if (srw_revman_web_read_buffer(&r, zipped, n, "fuzz-data.zip", &err) == 0)
        srw_rm5_review_dispose(&r);
    free(zipped);
    return 0;
}
