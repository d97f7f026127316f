/* srw/simpart.h - the partial result of a simulation study run in parts
 * (`srw simulate --shard i/n` writes one, `srw simulate --merge` reads
 * them).  srw's own small text format, versioned, one item a line:
 *
 *   srw-simulate-part 1          the format and its version
 *   srw 0.1.0                    the srw that computed it: parts of
 *                                different versions do not merge
 *   measure MD                   every setting of the study, as
 *   k 3,5,10,20                  srw_sim_options_get writes it (numbers
 *   ...                          in their shortest exact text)
 *   block 1000                   replications per block (SRW_SIM_BLOCK)
 *   shard 1/2                    which part this is
 *   b UNIT METHOD n fitted covered nonconv pi_n pi_cover width err err2 t2err t2err2
 *   ...                          one line per block and method: the counts,
 *                                then the sums as C99 hexadecimal floats
 *                                (%a: exact, so the merge adds the bits the
 *                                whole run would)
 *   end N                        N block lines above: a cut file fails
 *
 * Errors name the file and line.
 */
#ifndef SRW_SIMPART_H
#define SRW_SIMPART_H

#include <stdio.h>

#include "srw/error.h"
#include "srw/simulate.h"

#define SRW_SIMPART_VERSION 1

/* The done blocks of r, as part `part` of `parts`, to f: 0 or SRW_EIO. */
int srw_simpart_write(FILE *f, const srw_sim_result *r, unsigned part, unsigned parts, srw_error *err);

/* Read the part at path into *out (initialised from the part's settings,
 * its blocks marked done): 0, SRW_EIO (cannot read), SRW_EDATA (not a
 * part, another format version or srw version, a broken line), or
 * SRW_ENOMEM.  *part and *parts get the part's shard (may be NULL). */
int srw_simpart_read(srw_sim_result *out, unsigned *part, unsigned *parts, const char *path, srw_error *err);

#endif
