/* A folder written whole and swapped in: see folder.h. */
#define _GNU_SOURCE /* renameat2 */
#include "util/folder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* path's parent folder and last name into parent and name. */
static int split(const char *path, char *parent, size_t pn, char *name, size_t nn)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--; /* "reports/" is "reports" */
    size_t cut = len;
    while (cut > 0 && path[cut - 1] != '/')
        cut--;
    if (len - cut == 0 || len - cut >= nn || cut >= pn)
        return -1;
    memcpy(name, path + cut, len - cut);
    name[len - cut] = '\0';
    if (cut == 0) {
        snprintf(parent, pn, ".");
    } else {
        memcpy(parent, path, cut);
        parent[cut > 1 ? cut - 1 : cut] = '\0'; /* "/x" keeps "/" */
    }
    return 0;
}

static int remove_at(int at, const char *name)
{
    struct stat sb;
    if (fstatat(at, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(sb.st_mode))
        return unlinkat(at, name, 0);
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    DIR *d = fdopendir(fd);
    if (d == NULL) {
        close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = remove_at(dirfd(d), e->d_name);
    closedir(d);
    return rc == 0 ? unlinkat(at, name, AT_REMOVEDIR) : rc;
}

int srw_folder_remove(const char *path)
{
    return remove_at(AT_FDCWD, path);
}

/* mkdir -p of path (its every folder). */
static int make_folders(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return mkdir(path, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

int srw_folder_new_beside(const char *path, char *tmp, size_t n, srw_error *err)
{
    char parent[4096], name[1024];
    if (split(path, parent, sizeof parent, name, sizeof name) != 0)
        return SRW_FAIL(err, SRW_EUSAGE, "'%s' is not a folder name srw can write", path);
    if (make_folders(parent) != 0)
        return SRW_FAIL(err, SRW_EIO, "cannot create %s: %s", parent, strerror(errno));
    /* What a run killed part way left beside the folder. */
    char stale[1100];
    int len = snprintf(stale, sizeof stale, ".%s.srw-new-", name);
    DIR *d = opendir(parent);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, stale, (size_t)len) == 0 && strlen(e->d_name) == (size_t)len + 6) {
            char old[5200];
            snprintf(old, sizeof old, "%s/%s", parent, e->d_name);
            srw_folder_remove(old);
        }
    if (d != NULL)
        closedir(d);
    if ((size_t)snprintf(tmp, n, "%s/%sXXXXXX", parent, stale) >= n)
        return SRW_FAIL(err, SRW_EUSAGE, "output path too long: %s", path);
    if (mkdtemp(tmp) == NULL)
        return SRW_FAIL(err, SRW_EIO, "cannot create a folder in %s: %s", parent, strerror(errno));
    return 0;
}

int srw_folder_swap(const char *tmp, const char *path, srw_error *err)
{
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        return srw_folder_remove(tmp) == 0 ? 0 : SRW_FAIL(err, SRW_EIO, "cannot remove %s: %s", tmp, strerror(errno));
    if (errno == ENOENT && rename(tmp, path) == 0) /* nothing at path yet */
        return 0;
    if (errno == EINVAL || errno == ENOSYS) {
        /* A file system without the exchange: the old folder goes aside
         * first (for a moment there is none at path). */
        char aside[4200];
        snprintf(aside, sizeof aside, "%s.old", tmp);
        if (rename(path, aside) == 0 && rename(tmp, path) == 0)
            return srw_folder_remove(aside) == 0 ? 0 : SRW_FAIL(err, SRW_EIO, "cannot remove %s: %s", aside, strerror(errno));
    }
    int e = errno;
    srw_folder_remove(tmp);
    return SRW_FAIL(err, SRW_EIO, "cannot put the new report in place of %s: %s", path, strerror(e));
}
