/* Atomic file output (src/util/atomic.c): a file is replaced whole or not
 * at all, its temporary never stays behind, and each failed step is named
 * in the message the report shows (srw export words its own from a.step). */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "util/atomic.h"

typedef struct dir {
    char path[64];
} dir;

static void dir_make(dir *d)
{
    snprintf(d->path, sizeof d->path, "/tmp/srw-atomic-XXXXXX");
    assert_non_null(mkdtemp(d->path));
}

static void dir_file(char *buf, size_t n, const dir *d, const char *name)
{
    snprintf(buf, n, "%s/%s", d->path, name);
}

/* The file's bytes (at most n - 1) into buf; -1 when it cannot be read. */
static long slurp(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    size_t got = fread(buf, 1, n - 1, f);
    buf[got] = '\0';
    fclose(f);
    return (long)got;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void remove_all(const dir *d, const char *const *names, size_t n)
{
    char p[128];
    for (size_t i = 0; i < n; i++) {
        dir_file(p, sizeof p, d, names[i]);
        remove(p);
    }
    rmdir(d->path);
}

static void test_atomic__writes_and_replaces_without_a_temporary_left(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], tmp[136], got[64];
    dir_file(path, sizeof path, &d, "out.md");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_atomic_write(path, "first\n", 6, &err), 0);
    assert_int_equal(slurp(path, got, sizeof got), 6);
    assert_string_equal(got, "first\n");
    assert_int_equal(srw_atomic_write(path, "second, longer\n", 15, &err), 0);
    assert_string_equal((slurp(path, got, sizeof got), got), "second, longer\n");
    assert_int_equal(srw_atomic_write(path, "", 0, &err), 0); /* an empty file is a file */
    assert_int_equal(slurp(path, got, sizeof got), 0);
    assert_false(exists(tmp));

    /* Streamed: nothing is in place until the commit. */
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("streamed\n", a.f);
    assert_int_equal(slurp(path, got, sizeof got), 0);
    assert_int_equal(srw_atomic_commit(&a, &err), 0);
    assert_null(a.step);
    srw_atomic_dispose(&a);
    assert_string_equal((slurp(path, got, sizeof got), got), "streamed\n");
    assert_false(exists(tmp));
    const char *names[] = {"out.md"};
    remove_all(&d, names, 1);
}

static void test_atomic__abort_keeps_the_old_file(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], tmp[136], got[64];
    dir_file(path, sizeof path, &d, "records.csv");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    srw_error err;
    assert_int_equal(srw_atomic_write(path, "old\n", 4, &err), 0);
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("half of the new", a.f);
    srw_atomic_abort(&a);
    srw_atomic_dispose(&a);
    srw_atomic_dispose(&a); /* twice is safe */
    assert_string_equal((slurp(path, got, sizeof got), got), "old\n");
    assert_false(exists(tmp));
    /* Disposing an open one aborts it. */
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("dropped", a.f);
    srw_atomic_dispose(&a);
    assert_string_equal((slurp(path, got, sizeof got), got), "old\n");
    assert_false(exists(tmp));
    srw_atomic zero;
    memset(&zero, 0, sizeof zero);
    srw_atomic_dispose(&zero);
    srw_atomic_dispose(NULL);
    const char *names[] = {"records.csv"};
    remove_all(&d, names, 1);
}

/* A failed open names the temporary and removes nothing (a PATH.tmp that
 * could not be opened is not srw's); a failed rename names the file and
 * removes the temporary. */
static void test_atomic__failed_steps_are_named(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], tmp[136], inner[160], want[256];
    srw_error err;

    dir_file(path, sizeof path, &d, "index.md");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(mkdir(tmp, 0700), 0); /* the temporary cannot be opened */
    srw_error_clear(&err);
    assert_int_equal(srw_atomic_write(path, "x", 1, &err), SRW_EIO);
    snprintf(want, sizeof want, "cannot open %s: Is a directory", tmp);
    assert_string_equal(err.message, want);
    assert_true(exists(tmp));
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), SRW_EIO);
    assert_string_equal(a.step, "open");
    assert_string_equal(a.tmp, tmp);
    srw_atomic_dispose(&a);
    assert_int_equal(rmdir(tmp), 0);

    /* The file's place is a directory with something in it: rename fails. */
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    assert_int_equal(srw_atomic_write(inner, "k", 1, &err), 0);
    srw_error_clear(&err);
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("x", a.f);
    assert_int_equal(srw_atomic_commit(&a, &err), SRW_EIO);
    assert_string_equal(a.step, "rename");
    assert_string_equal(a.path, path);
    snprintf(want, sizeof want, "cannot rename %s: ", path);
    assert_memory_equal(err.message, want, strlen(want));
    srw_atomic_dispose(&a);
    assert_false(exists(tmp));
    remove(inner);
    rmdir(path);
    rmdir(d.path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic__writes_and_replaces_without_a_temporary_left),
        cmocka_unit_test(test_atomic__abort_keeps_the_old_file),
        cmocka_unit_test(test_atomic__failed_steps_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
