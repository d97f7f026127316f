/* Internal to src/io (not public): where in a file an element or one of
 * its attributes stands, for messages.  libxml2's tree keeps an element's
 * line (the line its start tag ends on) but no column; a message names
 * file:line:column, so the column is found in the file's bytes. */
#ifndef SRW_IO_XML_LOCATE_H
#define SRW_IO_XML_LOCATE_H

#include <stddef.h>

#include <libxml/tree.h>

/* The 1-based line and column (in characters: UTF-8 sequences when utf8 is
 * set, bytes otherwise, as libxml2 counts a parse error's column) of the
 * start tag of n, or of its attribute attr when attr is given and the tag
 * has it.  n is found as the k-th start tag of data when it is the k-th
 * element of root's document in document order.  Leaves *line and *col as
 * they are (the caller's fallback: the line libxml2 kept, no column) when
 * the bytes do not hold the tag, as in a UTF-16 file. */
void srw_io__xml_locate(const char *data, size_t len, int utf8, const xmlNode *root, const xmlNode *n,
                        const char *attr, long *line, long *col);

#endif
