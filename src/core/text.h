/* Internal text helper of core (not public): reasons and explanations
 * are built into fixed-size buffers. */
#ifndef SRW_CORE_TEXT_H
#define SRW_CORE_TEXT_H

#include <stddef.h>

/* Append formatted text to buf (capacity cap, NUL-terminated); stops
 * safely when full. */
void srw_core__appendf(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A text that filled buf (capacity cap) to the last byte, and so was most
 * likely cut, ends instead after its last whole word, with "…": a source
 * quoted in a sentence never stops mid-word. */
void srw_core__whole_words(char *buf, size_t cap);

#endif
