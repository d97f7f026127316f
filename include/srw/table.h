/* srw/table.h - a small typed table: what a listing or an export holds
 * (srw list, srw export), filled by the store and written by io or the CLI.
 * It lives apart from both so that neither depends on the other.
 *
 * Ownership: a table owns its column names and cell texts; srw_table_dispose
 * frees them and is safe on a zeroed table.
 */
#ifndef SRW_TABLE_H
#define SRW_TABLE_H

#include <stddef.h>

typedef enum srw_value_type { SRW_VALUE_NULL = 0, SRW_VALUE_INT, SRW_VALUE_REAL, SRW_VALUE_TEXT } srw_value_type;
typedef struct srw_value {
    srw_value_type type;
    long long i;
    double r;
    char *text;
} srw_value;
typedef struct srw_table {
    size_t n_cols, n_rows;
    char **columns;
    srw_value *cells; /* n_rows * n_cols, row-major */
} srw_table;
void srw_table_dispose(srw_table *t);
const srw_value *srw_table_cell(const srw_table *t, size_t row, size_t col);

#endif
