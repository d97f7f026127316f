/* A folder written whole and swapped in (not public): the report's pages
 * go into a new folder beside the target, which then takes the target's
 * place in one rename (Linux's renameat2 RENAME_EXCHANGE), so a reader, or
 * a run killed part way, finds the old folder or the whole new one, never
 * a mix; the old one is then removed. */
#ifndef SRW_UTIL_FOLDER_H
#define SRW_UTIL_FOLDER_H

#include <stddef.h>

#include "srw/error.h"

/* Makes path's missing parent folders (as mkdir -p, mode 0777 less the
 * umask), then a new empty folder beside path, named ".NAME.srw-new-XXXXXX"
 * (mkdtemp), into tmp (n bytes).  Folders of that name left by a run
 * killed part way are removed first.  0, or SRW_EIO / SRW_EUSAGE. */
int srw_folder_new_beside(const char *path, char *tmp, size_t n, srw_error *err);

/* tmp takes path's place (path need not exist); what stood at path is
 * removed.  0, or SRW_EIO (tmp then removed). */
int srw_folder_swap(const char *tmp, const char *path, srw_error *err);

/* Removes a folder and everything in it (links are removed, not
 * followed): 0, or -1 with errno. */
int srw_folder_remove(const char *path);

#endif
