/* Force-inlined helpers (not public): the computations an explanation
 * traces (srw/trace.h) are written once, with a trace pointer, and inlined
 * twice: into the untraced entry with a constant NULL, where every "if
 * (trace)" folds away and the hot path is the code it was before tracing
 * existed, and into the traced one.  One implementation, two copies of its
 * machine code. */
#ifndef SRW_CORE_INLINE_H
#define SRW_CORE_INLINE_H

#if defined(__GNUC__)
#define SRW_CORE_INLINE static inline __attribute__((always_inline))
#else
#define SRW_CORE_INLINE static inline
#endif

#endif
