/* Atomic file output (src/util/atomic.c): a file is replaced whole or not
 * at all, through a temporary of srw's own made exclusively (a link planted
 * under a temporary's name is never followed), which never stays behind; a
 * link at the file's place is replaced, not followed; an output that is
 * not a regular file is written straight, not replaced; each failed step is
 * named in the message (srw export words its own from a.step). */
#include <dirent.h>
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

/* How many entries the folder holds (not . and ..). */
static int entries(const dir *d)
{
    DIR *dd = opendir(d->path);
    assert_non_null(dd);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dd)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(dd);
    return n;
}

/* Removes every entry and the folder. */
static void dir_remove(const dir *d)
{
    DIR *dd = opendir(d->path);
    struct dirent *e;
    char p[400];
    while (dd != NULL && (e = readdir(dd)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(p, sizeof p, "%s/%s", d->path, e->d_name);
            if (remove(p) != 0)
                rmdir(p);
        }
    if (dd != NULL)
        closedir(dd);
    rmdir(d->path);
}

static void test_atomic__writes_and_replaces_without_a_temporary_left(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], got[64];
    dir_file(path, sizeof path, &d, "out.md");
    srw_error err;
    srw_error_clear(&err);
    assert_int_equal(srw_atomic_write(path, "first\n", 6, &err), 0);
    assert_int_equal(slurp(path, got, sizeof got), 6);
    assert_string_equal(got, "first\n");
    assert_int_equal(srw_atomic_write(path, "second, longer\n", 15, &err), 0);
    assert_string_equal((slurp(path, got, sizeof got), got), "second, longer\n");
    assert_int_equal(srw_atomic_write(path, "", 0, &err), 0); /* an empty file is a file */
    assert_int_equal(slurp(path, got, sizeof got), 0);
    assert_int_equal(entries(&d), 1); /* no temporary left */

    /* Streamed: nothing is in place until the commit. */
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    assert_non_null(a.tmp);
    assert_int_equal(strncmp(a.tmp, path, strlen(path)), 0); /* beside the file */
    fputs("streamed\n", a.f);
    assert_int_equal(slurp(path, got, sizeof got), 0);
    assert_int_equal(srw_atomic_commit(&a, &err), 0);
    assert_null(a.step);
    srw_atomic_dispose(&a);
    assert_string_equal((slurp(path, got, sizeof got), got), "streamed\n");
    assert_int_equal(entries(&d), 1);
    dir_remove(&d);
}

static void test_atomic__abort_keeps_the_old_file(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], got[64];
    dir_file(path, sizeof path, &d, "records.csv");
    srw_error err;
    assert_int_equal(srw_atomic_write(path, "old\n", 4, &err), 0);
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("half of the new", a.f);
    srw_atomic_abort(&a);
    srw_atomic_dispose(&a);
    srw_atomic_dispose(&a); /* twice is safe */
    assert_string_equal((slurp(path, got, sizeof got), got), "old\n");
    assert_int_equal(entries(&d), 1);
    /* Disposing an open one aborts it. */
    assert_int_equal(srw_atomic_open(&a, path, &err), 0);
    fputs("dropped", a.f);
    srw_atomic_dispose(&a);
    assert_string_equal((slurp(path, got, sizeof got), got), "old\n");
    assert_int_equal(entries(&d), 1);
    srw_atomic zero;
    memset(&zero, 0, sizeof zero);
    srw_atomic_dispose(&zero);
    srw_atomic_dispose(NULL);
    dir_remove(&d);
}

/* A link planted under the name of the temporary srw would make first, or
 * at the file's place, never lets srw write through it into its target. */
static void test_atomic__links_are_never_followed(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], victim[128], planted[200], got[64];
    dir_file(path, sizeof path, &d, "out.csv");
    dir_file(victim, sizeof victim, &d, "victim");
    srw_error err;
    assert_int_equal(srw_atomic_write(victim, "precious\n", 9, &err), 0);
    snprintf(planted, sizeof planted, "%s.tmp-%ld-0", path, (long)getpid());
    assert_int_equal(symlink(victim, planted), 0);
    assert_int_equal(srw_atomic_write(path, "export\n", 7, &err), 0);
    assert_string_equal((slurp(victim, got, sizeof got), got), "precious\n");
    assert_string_equal((slurp(path, got, sizeof got), got), "export\n");
    struct stat sb;
    assert_int_equal(lstat(planted, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode)); /* left as it was */
    assert_int_equal(unlink(planted), 0);

    /* A link at the file's place is replaced by the file; its target stays. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink(victim, path), 0);
    assert_int_equal(srw_atomic_write(path, "new\n", 4, &err), 0);
    assert_int_equal(lstat(path, &sb), 0);
    assert_true(S_ISREG(sb.st_mode));
    assert_string_equal((slurp(victim, got, sizeof got), got), "precious\n");
    assert_string_equal((slurp(path, got, sizeof got), got), "new\n");
    dir_remove(&d);
}

/* An output that is not a regular file is written straight and stays
 * what it was: /dev/null is still a device afterwards (it used to be
 * replaced by a regular file, as /dev/stdout was). */
static void test_atomic__a_device_is_written_straight(void **state)
{
    (void)state;
    srw_error err;
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, "/dev/null", &err), 0);
    assert_true(a.direct);
    assert_null(a.tmp);
    fputs("nothing", a.f);
    assert_int_equal(srw_atomic_commit(&a, &err), 0);
    srw_atomic_dispose(&a);
    assert_int_equal(srw_atomic_write("/dev/null", "x", 1, &err), 0);
    struct stat sb;
    assert_int_equal(stat("/dev/null", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
    /* "-" is standard output. */
    assert_int_equal(srw_atomic_open(&a, "-", &err), 0);
    assert_ptr_equal(a.f, stdout);
    assert_int_equal(srw_atomic_commit(&a, &err), 0);
    srw_atomic_dispose(&a);
}

/* A failed open names what it could not open and leaves nothing; a failed
 * rename names the file and removes the temporary. */
static void test_atomic__failed_steps_are_named(void **state)
{
    (void)state;
    dir d;
    dir_make(&d);
    char path[128], inner[160], want[256];
    srw_error err;

    /* No such folder: the temporary cannot be made there. */
    dir_file(path, sizeof path, &d, "missing/index.md");
    srw_error_clear(&err);
    assert_int_equal(srw_atomic_write(path, "x", 1, &err), SRW_EIO);
    snprintf(want, sizeof want, "cannot open %s.tmp-", path);
    assert_memory_equal(err.message, want, strlen(want));
    assert_non_null(strstr(err.message, ": No such file or directory"));
    assert_int_equal(entries(&d), 0);

    /* The file's place is a folder: refused before anything is written. */
    dir_file(path, sizeof path, &d, "index.md");
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(inner, sizeof inner, "%s/keep", path);
    assert_int_equal(srw_atomic_write(inner, "k", 1, &err), 0);
    srw_error_clear(&err);
    srw_atomic a;
    assert_int_equal(srw_atomic_open(&a, path, &err), SRW_EIO);
    assert_string_equal(a.step, "open");
    snprintf(want, sizeof want, "cannot open %s: Is a directory", path);
    assert_string_equal(err.message, want);
    srw_atomic_dispose(&a);
    assert_int_equal(entries(&d), 1);
    remove(inner);
    dir_remove(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic__writes_and_replaces_without_a_temporary_left),
        cmocka_unit_test(test_atomic__abort_keeps_the_old_file),
        cmocka_unit_test(test_atomic__links_are_never_followed),
        cmocka_unit_test(test_atomic__a_device_is_written_straight),
        cmocka_unit_test(test_atomic__failed_steps_are_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
