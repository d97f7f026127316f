/* Internal helper of the readers (not public): zip archives read with
 * libzip, from a file or from memory, with limits on what an untrusted
 * archive may make srw unpack (entry count, bytes per entry). */
#ifndef SRW_IO_ZIP_H
#define SRW_IO_ZIP_H

#include <stddef.h>

#include "srw/error.h"

/* A zip bomb unpacks to far more than it stores: no entry srw reads may
 * unpack to more than this, and an archive may list at most this many
 * entries.  RevMan Web's data CSVs are kilobytes. */
#define SRW_ZIP_MAX_ENTRY_BYTES ((size_t)64 << 20)
#define SRW_ZIP_MAX_ENTRIES 10000

typedef struct srw_zip srw_zip;

/* Does the file start like a zip archive ("PK")?  0 when unreadable. */
int srw_io__zip_is_zip(const char *path);

/* Open the archive at path (name is used in messages).  A corrupt or
 * truncated archive fails with SRW_EDATA and the reason. */
int srw_io__zip_open_file(srw_zip **out, const char *path, srw_error *err);

/* Open an archive held in memory; takes ownership of data (malloc'd), which
 * is freed with the archive, also on failure. */
int srw_io__zip_open_owned(srw_zip **out, char *data, size_t len, const char *name, srw_error *err);

size_t srw_io__zip_count(const srw_zip *z);

/* Name of entry i, NULL when unreadable; directories end in '/'. */
const char *srw_io__zip_name(const srw_zip *z, size_t i);

/* Unpack entry i into a malloc'd buffer (NUL-terminated, *len without the
 * NUL), checking its CRC; fails beyond SRW_ZIP_MAX_ENTRY_BYTES. */
int srw_io__zip_read(srw_zip *z, size_t i, char **data, size_t *len, srw_error *err);

/* The archive's name as given at open. */
const char *srw_io__zip_label(const srw_zip *z);

void srw_io__zip_free(srw_zip *z);

#endif
