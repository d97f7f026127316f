/* Zip archives for the readers (src/io/zip.h), read with libzip: RevMan
 * Web ships its data package as a zip holding another zip, which srw reads
 * in memory (no temporary files).  The archive is untrusted input: every
 * entry is checked against the limits before a byte is unpacked, and the
 * unpacked bytes against the size the archive declared and its CRC. */
#include "io/zip.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

struct srw_zip {
    zip_t *za;
    char *label;   /* for messages */
    char *owned;   /* the bytes of an archive opened from memory */
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int zfail(srw_error *err, int code, const char *label, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    SRW_FAIL(err, code, "%s", msg);
    srw_error_locate(err, label, 0, 0, NULL);
    return code;
}

int srw_io__zip_is_zip(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    char head[2] = {0, 0};
    size_t n = fread(head, 1, 2, f);
    fclose(f);
    return n == 2 && head[0] == 'P' && head[1] == 'K';
}

/* Takes src (freed on failure). */
static int open_source(srw_zip **out, zip_source_t *src, zip_error_t *ze, char *owned, const char *name,
                       srw_error *err)
{
    *out = NULL;
    srw_zip *z = calloc(1, sizeof *z);
    char *label = strdup(name);
    if (z == NULL || label == NULL) {
        free(z);
        free(label);
        zip_source_free(src);
        free(owned);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory opening %s", name);
    }
    z->label = label;
    z->owned = owned;
    /* ZIP_CHECKCONS: a truncated or patched archive whose directory and
     * entries disagree is refused rather than half read. */
    z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, ze);
    if (z->za == NULL) {
        zip_source_free(src);
        int rc = zfail(err, SRW_EDATA, name, "not a readable zip archive: %s (truncated or corrupt? download the "
                       "package again)", zip_error_strerror(ze));
        srw_io__zip_free(z);
        return rc;
    }
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    if (n < 0 || (zip_uint64_t)n > SRW_ZIP_MAX_ENTRIES) {
        int rc = zfail(err, SRW_EDATA, name, "the archive lists %lld entries, more than srw reads (%d)",
                       (long long)n, SRW_ZIP_MAX_ENTRIES);
        srw_io__zip_free(z);
        return rc;
    }
    *out = z;
    return 0;
}

int srw_io__zip_open_file(srw_zip **out, const char *path, srw_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb"); /* a plain message for a missing file */
    if (f == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot open %s: %s", path, strerror(errno));
    fclose(f);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_file_create(path, 0, -1, &ze);
    int rc;
    if (src == NULL)
        rc = zfail(err, SRW_EIO, path, "cannot open the zip archive: %s", zip_error_strerror(&ze));
    else
        rc = open_source(out, src, &ze, NULL, path, err);
    zip_error_fini(&ze);
    return rc;
}

int srw_io__zip_open_owned(srw_zip **out, char *data, size_t len, const char *name, srw_error *err)
{
    *out = NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    int rc;
    if (src == NULL) {
        free(data);
        rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory opening %s", name);
    } else {
        rc = open_source(out, src, &ze, data, name, err);
    }
    zip_error_fini(&ze);
    return rc;
}

size_t srw_io__zip_count(const srw_zip *z)
{
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *srw_io__zip_name(const srw_zip *z, size_t i)
{
    return zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

const char *srw_io__zip_label(const srw_zip *z)
{
    return z->label;
}

int srw_io__zip_read(srw_zip *z, size_t i, char **data, size_t *len, srw_error *err)
{
    *data = NULL;
    *len = 0;
    const char *name = srw_io__zip_name(z, i);
    name = name ? name : "?";
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return zfail(err, SRW_EDATA, z->label, "entry %s: %s", name, zip_strerror(z->za));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return zfail(err, SRW_EDATA, z->label, "entry %s is encrypted (srw reads unencrypted packages)", name);
    if (st.size > SRW_ZIP_MAX_ENTRY_BYTES) {
        return zfail(err, SRW_EDATA, z->label, "entry %s would unpack to %llu bytes, more than srw's limit of %zu "
                     "MiB (a zip bomb?)", name, (unsigned long long)st.size, SRW_ZIP_MAX_ENTRY_BYTES >> 20);
    }
    size_t want = (size_t)st.size;
    char *buf = malloc(want + 1);
    if (buf == NULL)
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory unpacking %s", name);
    zip_file_t *zf = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (zf == NULL) {
        free(buf);
        return zfail(err, SRW_EDATA, z->label, "entry %s: %s", name, zip_strerror(z->za));
    }
    /* One byte more than declared: an entry that unpacks to more than its
     * directory says is refused, not trusted. */
    size_t got = 0;
    zip_int64_t n = 0;
    while (got <= want && (n = zip_fread(zf, buf + got, want + 1 - got)) > 0)
        got += (size_t)n;
    int rc = 0;
    if (got <= want && n < 0)
        rc = zfail(err, SRW_EDATA, z->label, "entry %s: %s (the archive is corrupt)", name, zip_file_strerror(zf));
    else if (got != want)
        rc = zfail(err, SRW_EDATA, z->label, "entry %s: %s", name,
                   got > want ? "unpacks to more bytes than the archive declares (a zip bomb?)"
                              : "ends early (the archive is truncated)");
    zip_fclose(zf);
    if (rc != 0) {
        free(buf);
        return rc;
    }
    buf[want] = '\0';
    *data = buf;
    *len = want;
    return 0;
}

void srw_io__zip_free(srw_zip *z)
{
    if (z == NULL)
        return;
    if (z->za)
        zip_discard(z->za);
    free(z->owned);
    free(z->label);
    free(z);
}
