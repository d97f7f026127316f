/* Names of the plain data enums: see include/srw/data.h. */
#include "srw/data.h"

#include <string.h>

const char *srw_outcome_type_name(srw_outcome_type t)
{
    switch (t) {
    case SRW_TYPE_DICHOTOMOUS:
        return "dichotomous";
    case SRW_TYPE_CONTINUOUS:
        return "continuous";
    case SRW_TYPE_GENERIC:
        return "generic";
    default:
        return NULL;
    }
}

srw_outcome_type srw_outcome_type_parse(const char *s)
{
    if (s == NULL)
        return SRW_TYPE_NONE;
    if (strcmp(s, "dichotomous") == 0)
        return SRW_TYPE_DICHOTOMOUS;
    if (strcmp(s, "continuous") == 0)
        return SRW_TYPE_CONTINUOUS;
    if (strcmp(s, "generic") == 0)
        return SRW_TYPE_GENERIC;
    return SRW_TYPE_NONE;
}

const char *srw_direction_name(srw_direction d)
{
    switch (d) {
    case SRW_DIR_LOWER_IS_BETTER:
        return "lower_is_better";
    case SRW_DIR_HIGHER_IS_BETTER:
        return "higher_is_better";
    default:
        return NULL;
    }
}

srw_direction srw_direction_parse(const char *s)
{
    if (s == NULL)
        return SRW_DIR_UNSET;
    if (strcmp(s, "lower_is_better") == 0)
        return SRW_DIR_LOWER_IS_BETTER;
    if (strcmp(s, "higher_is_better") == 0)
        return SRW_DIR_HIGHER_IS_BETTER;
    return SRW_DIR_UNSET;
}
