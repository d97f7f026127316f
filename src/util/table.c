/* The typed table of srw/table.h. */
#include "srw/table.h"

#include <stdlib.h>
#include <string.h>

void srw_table_dispose(srw_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n_cols; i++)
        free(t->columns[i]);
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i].text);
    free(t->columns);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

const srw_value *srw_table_cell(const srw_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->n_cols + col];
}
