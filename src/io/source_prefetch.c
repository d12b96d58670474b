/* Read-ahead thread for byte sources: decompression runs on its own core, filling a small ring of
 * buffers that the consumer drains in order. Errors travel with their message to the consumer. */
#include "source_internal.h"

#include "biometal/error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4
#define SLOT_SIZE (1u << 20)

typedef struct {
    char *data;
    size_t len, pos;
    ssize_t status; /* > 0 data, 0 end, < 0 error code */
} slot_t;

struct bm_prefetch {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot_t slot[SLOTS];
    size_t head, tail; /* consumer reads slot[head % SLOTS], producer fills slot[tail % SLOTS] */
    int stop;
    bm_read_fn read_fn;
    void *ctx;
    char error[1024];
};

static void *producer(void *arg)
{
    bm_prefetch_t *p = arg;
    /* Cancellation is allowed only inside read_fn, i.e. while blocked in read() on a pipe, so
     * that closing a source never waits for input that may not come. */
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->tail - p->head == SLOTS) pthread_cond_wait(&p->cv, &p->mu);
        int stop = p->stop;
        slot_t *s = &p->slot[p->tail % SLOTS];
        pthread_mutex_unlock(&p->mu);
        if (stop) return NULL;
        /* One read per slot: on a pipe, waiting to fill the slot would hold back data (and
         * errors) that the consumer could use now. */
        pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
        ssize_t n = p->read_fn(p->ctx, s->data, SLOT_SIZE);
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
        size_t len = n > 0 ? (size_t)n : 0;
        ssize_t status = n > 0 ? 1 : n;
        pthread_mutex_lock(&p->mu);
        if (status < 0) snprintf(p->error, sizeof p->error, "%s", bm_last_error());
        s->len = len;
        s->pos = 0;
        s->status = len > 0 ? 1 : status;
        int done = (status <= 0);
        p->tail++;
        /* A partial slot followed by end or error: queue the end marker in the next slot. */
        if (done && len > 0) {
            while (!p->stop && p->tail - p->head == SLOTS) pthread_cond_wait(&p->cv, &p->mu);
            if (!p->stop) {
                slot_t *e = &p->slot[p->tail % SLOTS];
                e->len = e->pos = 0;
                e->status = status;
                p->tail++;
            }
        }
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        if (done) return NULL;
    }
}

int bm_prefetch_start(bm_prefetch_t **out, bm_read_fn read_fn, void *ctx)
{
    bm_prefetch_t *p = calloc(1, sizeof *p);
    if (!p) return bm_error(BM_ENOMEM, "out of memory");
    for (int i = 0; i < SLOTS; i++) {
        p->slot[i].data = malloc(SLOT_SIZE);
        if (!p->slot[i].data) {
            for (int j = 0; j < i; j++) free(p->slot[j].data);
            free(p);
            return bm_error(BM_ENOMEM, "out of memory");
        }
    }
    p->read_fn = read_fn;
    p->ctx = ctx;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (pthread_create(&p->thread, NULL, producer, p) != 0) {
        for (int i = 0; i < SLOTS; i++) free(p->slot[i].data);
        free(p);
        return bm_error(BM_EIO, "cannot start a read-ahead thread");
    }
    *out = p;
    return 0;
}

ssize_t bm_prefetch_read(bm_prefetch_t *p, void *buf, size_t cap)
{
    pthread_mutex_lock(&p->mu);
    while (p->head == p->tail) pthread_cond_wait(&p->cv, &p->mu);
    slot_t *s = &p->slot[p->head % SLOTS];
    pthread_mutex_unlock(&p->mu);
    if (s->status <= 0) {
        if (s->status < 0) return bm_error((int)s->status, "%s", p->error);
        return 0; /* the end marker stays, so later reads also see the end */
    }
    size_t n = s->len - s->pos;
    if (n > cap) n = cap;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    if (s->pos == s->len) {
        pthread_mutex_lock(&p->mu);
        p->head++;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return (ssize_t)n;
}

void bm_prefetch_stop(bm_prefetch_t *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_cancel(p->thread);
    pthread_join(p->thread, NULL);
    for (int i = 0; i < SLOTS; i++) free(p->slot[i].data);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}
