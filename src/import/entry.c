/* srw add and srw edit: one record, through the import's own path (the
 * same rules, change list and trail as a file's row). */
#include "srw/import.h"

#include <string.h>

int srw_import_put_record(srw_store *s, const srw_record *r, const char *reviewer, const char *action,
                          const char *reason, srw_import_stats *stats, srw_error *err)
{
    int rc = srw_record_validate(r, err);
    if (rc) {
        memset(stats, 0, sizeof *stats);
        return rc;
    }
    srw_record copy = *r; /* shallow, borrowed: the set is never disposed */
    char path[] = "entry";
    srw_record_set set;
    memset(&set, 0, sizeof set);
    set.kind = SRW_FILE_TRIALS;
    set.path = path;
    set.records = &copy;
    set.n_records = 1;
    return srw_import_sets(s, &set, 1, reviewer, action, reason, stats, err);
}
