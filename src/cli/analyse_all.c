/* srw analyse --all: every outcome of a review, in one pass, on one
 * thread or several.
 *
 * With several, each thread opens its own connection and reads, assesses
 * and writes a share of the outcomes (srw_store_scan_share: runs of CHUNK
 * outcomes dealt in turn), into a slot of a small ring; this thread writes
 * the slots out in the scan's order.  The output is the one thread's byte
 * for byte: an outcome's text depends on the outcome alone, and a JSON
 * element on its number in the array (the comma before it).  Memory stays
 * flat: a thread waits while its next slot is still to be written.
 *
 * One snapshot for all: the threads start their reads while this
 * thread's connection holds the review's write lock (BEGIN IMMEDIATE), so
 * no import can commit between them; when the lock cannot be had (a
 * read-only file, a writer holding it past the busy timeout) the pass runs
 * on one thread.  Reading the store, the largest part of the pass, is what
 * the threads share best: SQLite has no parallel scan of its own. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/analyse.h"

/* Outcomes per run: enough that a thread passing another's outcomes by
 * (a step of the outcomes' statement each) costs little, few enough that
 * slots stay small (about 12 KB of JSON an outcome). */
#define CHUNK 32

/* A thread's pass stopped because the output stopped (not an error). */
#define STOPPED 1

static int one_outcome(const srw_outcome_data *d, const srw_use_info *ui, const srw_published_list *pubs,
                       const srw_pool_options *base, const srw_assess_options *asked, cli_analyse_out *out,
                       srw_error *err)
{
    srw_assessment as;
    int rc = cli_assess_data(&as, d, ui, pubs, d->use, d->outcome, base, asked, 1, err);
    if (rc == 0)
        rc = cli_analyse_print(&as, d, d->use, d->outcome, out, err);
    srw_assessment_dispose(&as);
    return rc;
}

/* The pass over scan sc (or its share); each outcome's number (its
 * position in the whole scan) goes to at() before it is printed, which
 * may change out or stop the pass (STOPPED).  *in_outcome: the failure
 * returned is an outcome's (its assessment or its printing). */
typedef int (*outcome_hook)(void *ctx, size_t number, cli_analyse_out **out);

static int pass(srw_store_scan *sc, const srw_pool_options *base, const srw_assess_options *asked,
                cli_analyse_out *out, outcome_hook at, void *ctx, int *in_outcome, srw_error *err)
{
    *in_outcome = 0;
    srw_store_scan_skip_texts(sc); /* analyse prints no record's source or notes */
    srw_use_info ui;
    srw_published_list pubs;
    int rc = 0;
    while (rc == 0 && (rc = srw_store_scan_use(sc, &ui, &pubs, err)) == 1) {
        srw_outcome_data d;
        while ((rc = srw_store_scan_outcome(sc, &d, err)) == 1) {
            rc = at ? at(ctx, srw_store_scan_position(sc) - 1, &out) : 0;
            if (rc == 0)
                *in_outcome = (rc = one_outcome(&d, &ui, &pubs, base, asked, out, err)) != 0;
            srw_outcome_data_dispose(&d);
            if (rc != 0)
                break;
        }
        srw_published_list_dispose(&pubs);
        srw_use_info_dispose(&ui);
    }
    return rc;
}

/* ------------------------------------------------------------ threads */

enum { SLOT_FREE, SLOT_FILLING, SLOT_DONE };

typedef struct slot {
    int state;
    int rc;              /* the first outcome that failed in the run, and why */
    srw_error err;
    cli_analyse_out out; /* the run's output: JSON in out.buf, or text */
    char *text;          /* text: what out.text (a memory stream) holds */
    size_t text_len;
} slot;

typedef struct crew {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t n_slots;
    slot *slots;
    size_t written;   /* runs written out so far */
    size_t runs;      /* runs in the scan, SIZE_MAX until a thread has seen its end */
    int stop;         /* written out, or failed: the threads stop */
    int fatal;        /* a thread failed outside an outcome (fatal_err) */
    srw_error fatal_err;
    unsigned started; /* threads past taking their snapshot (or failed) */
    const char *path, *use;
    const srw_pool_options *base;
    const srw_assess_options *asked;
    const cli_analyse_out *proto; /* the caller's output: layout, writer state */
    size_t n_threads;
} crew;

typedef struct worker {
    crew *c;
    size_t part;
    pthread_t id;
    slot *cur;     /* the slot being filled */
    size_t cur_run;
} worker;

static void set_started(crew *c)
{
    pthread_mutex_lock(&c->mu);
    c->started++;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* The slot being filled is done: its text taken from the memory stream. */
static void finish_slot(worker *w)
{
    slot *sl = w->cur;
    if (sl == NULL)
        return;
    if (sl->out.text != NULL) {
        fclose(sl->out.text);
        sl->out.text = NULL;
    }
    pthread_mutex_lock(&w->c->mu);
    sl->state = SLOT_DONE;
    pthread_cond_broadcast(&w->c->cv);
    pthread_mutex_unlock(&w->c->mu);
    w->cur = NULL;
}

/* Outcome number n comes: a new run takes its slot once the slot is
 * written out.  Nonzero when the pass is to stop. */
static int at_outcome(void *ctx, size_t n, cli_analyse_out **out)
{
    worker *w = ctx;
    crew *c = w->c;
    size_t run = n / CHUNK;
    if (w->cur == NULL || w->cur_run != run) {
        finish_slot(w);
        pthread_mutex_lock(&c->mu);
        while (!c->stop && run >= c->written + c->n_slots)
            pthread_cond_wait(&c->cv, &c->mu);
        int stop = c->stop;
        slot *sl = &c->slots[run % c->n_slots];
        if (!stop)
            sl->state = SLOT_FILLING;
        pthread_mutex_unlock(&c->mu);
        if (stop)
            return STOPPED;
        sl->rc = 0;
        srw_buf_clear(&sl->out.buf);
        if (!c->proto->json &&
            (sl->out.text = open_memstream(&sl->text, &sl->text_len)) == NULL) {
            sl->rc = SRW_ENOMEM;
            SRW_FAIL(&sl->err, SRW_ENOMEM, "out of memory");
        }
        w->cur = sl;
        w->cur_run = run;
    }
    slot *sl = w->cur;
    if (sl->rc != 0)
        return STOPPED;
    /* The element's writer: the caller's, at element n of the array. */
    sl->out.w = c->proto->w;
    sl->out.w.out = &sl->out.buf;
    if (sl->out.w.depth > 0)
        sl->out.w.count[sl->out.w.depth - 1] = n > 0;
    *out = &sl->out;
    return 0;
}

static void fail_fatal(crew *c, const srw_error *err)
{
    pthread_mutex_lock(&c->mu);
    if (!c->fatal) {
        c->fatal = 1;
        c->fatal_err = *err;
    }
    c->stop = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

static void *work(void *arg)
{
    worker *w = arg;
    crew *c = w->c;
    srw_error err;
    srw_error_clear(&err);
    srw_store *s = NULL;
    srw_store_scan *sc = NULL;
    int rc = srw_store_open(&s, c->path, 0, &err);
    if (rc == 0)
        rc = srw_store_scan_open(&sc, s, c->use, &err); /* reads: the snapshot is taken */
    set_started(c);
    int in_outcome = 0;
    if (rc == 0) {
        srw_store_scan_share(sc, w->part, c->n_threads, CHUNK);
        rc = pass(sc, c->base, c->asked, NULL, at_outcome, w, &in_outcome, &err);
    }
    if (rc != 0 && rc != STOPPED) {
        if (in_outcome) { /* the run is written up to the outcome, then its error */
            w->cur->rc = rc;
            w->cur->err = err;
        } else {
            fail_fatal(c, &err);
        }
    }
    finish_slot(w);
    if (rc == 0) {
        size_t runs = (srw_store_scan_position(sc) + CHUNK - 1) / CHUNK;
        pthread_mutex_lock(&c->mu);
        c->runs = runs;
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
    }
    srw_store_scan_free(sc);
    srw_store_close(s);
    return NULL;
}

/* Write the runs out in order, as the threads finish them. */
static int write_runs(crew *c, cli_analyse_out *out, srw_error *err)
{
    int rc = 0;
    pthread_mutex_lock(&c->mu);
    for (;;) {
        slot *sl = &c->slots[c->written % c->n_slots];
        while (!c->fatal && sl->state != SLOT_DONE && c->written < c->runs)
            pthread_cond_wait(&c->cv, &c->mu);
        if (c->fatal) {
            *err = c->fatal_err;
            rc = err->code ? err->code : SRW_EDB;
            break;
        }
        if (sl->state != SLOT_DONE) /* every run written */
            break;
        pthread_mutex_unlock(&c->mu);
        const char *p = out->json ? sl->out.buf.ptr : sl->text;
        size_t n = out->json ? sl->out.buf.len : sl->text_len;
        if (out->json && sl->out.buf.oom)
            rc = SRW_FAIL(err, SRW_ENOMEM, "out of memory");
        else if (n > 0 && (fflush(out->text) != 0 || fwrite(p, 1, n, out->text) != n))
            rc = SRW_FAIL(err, SRW_EIO, "error writing the output");
        if (rc == 0 && sl->rc != 0) {
            *err = sl->err;
            rc = sl->rc;
        }
        free(sl->text);
        sl->text = NULL;
        sl->text_len = 0;
        pthread_mutex_lock(&c->mu);
        if (rc != 0)
            break;
        sl->state = SLOT_FREE;
        c->written++;
        pthread_cond_broadcast(&c->cv);
    }
    c->stop = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    return rc;
}

static int run_threads(srw_store *s, const char *path, const char *use, const srw_pool_options *base,
                       const srw_assess_options *asked, unsigned jobs, cli_analyse_out *out, srw_error *err)
{
    crew c = {.n_slots = 2 * (size_t)jobs, .runs = SIZE_MAX, .path = path, .use = use,
              .base = base, .asked = asked, .proto = out, .n_threads = jobs};
    worker *w = calloc(jobs, sizeof *w);
    c.slots = calloc(c.n_slots, sizeof *c.slots);
    if (w == NULL || c.slots == NULL) {
        free(w);
        free(c.slots);
        return SRW_FAIL(err, SRW_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c.n_slots; i++) {
        c.slots[i].out = *out;
        c.slots[i].out.buf = (srw_buf)SRW_BUF_INIT;
        c.slots[i].out.stream = 0;
        c.slots[i].out.text = NULL;
    }
    pthread_mutex_init(&c.mu, NULL);
    pthread_cond_init(&c.cv, NULL);
    unsigned n = 0;
    for (; n < jobs; n++) {
        w[n] = (worker){.c = &c, .part = n};
        if (pthread_create(&w[n].id, NULL, work, &w[n]) != 0)
            break;
    }
    /* The write lock is let go once every thread has its snapshot. */
    pthread_mutex_lock(&c.mu);
    while (c.started < n)
        pthread_cond_wait(&c.cv, &c.mu);
    pthread_mutex_unlock(&c.mu);
    srw_store_rollback(s); /* wrote nothing: lets other writers in */
    int rc;
    if (n < jobs) {
        rc = SRW_FAIL(err, SRW_ENOMEM, "cannot start a thread");
        fail_fatal(&c, err);
    } else {
        rc = write_runs(&c, out, err);
    }
    for (unsigned i = 0; i < n; i++)
        pthread_join(w[i].id, NULL);
    /* The caller's writer closes the array after as many elements. */
    if (rc == 0 && out->w.depth > 0)
        out->w.count[out->w.depth - 1] = c.runs > 0;
    for (size_t i = 0; i < c.n_slots; i++) {
        srw_buf_dispose(&c.slots[i].out.buf);
        free(c.slots[i].text);
    }
    pthread_cond_destroy(&c.cv);
    pthread_mutex_destroy(&c.mu);
    free(c.slots);
    free(w);
    return rc;
}

int cli_analyse_all(srw_store *s, const char *path, const char *use, const srw_pool_options *base,
                    const srw_assess_options *asked, unsigned jobs, cli_analyse_out *out, srw_error *err)
{
    /* Threads need the output as bytes, the text too; and the lock. */
    if (jobs > 1 && srw_store_hold_writers(s) == 0) {
        /* What the caller began (the array's '[') goes out first. */
        int rc = cli_analyse_flush(out, 1, err);
        if (rc != 0) {
            srw_store_rollback(s);
            return rc;
        }
        return run_threads(s, path, use, base, asked, jobs, out, err);
    }
    srw_store_scan *sc;
    int in_outcome, rc = srw_store_scan_open(&sc, s, use, err);
    if (rc == 0)
        rc = pass(sc, base, asked, out, NULL, NULL, &in_outcome, err);
    srw_store_scan_free(sc);
    return rc;
}
