/* pool.c - worker threads fed complete prompts through a bounded ring. The ring is the
 * only locked structure (one push/pop per prompt, not per score); its bound keeps memory
 * flat when reading outpaces scoring. */
#include "engine/engine_impl.h"

#include <string.h>
#include "core/alloc.h"
#include "core/error.h"

static void *worker_main(void *arg) {
    hme_worker *w = arg;
    hme_pool *p = &w->e->pool;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->count && !p->closing) pthread_cond_wait(&p->not_empty, &p->mu);
        if (!p->count) { pthread_mutex_unlock(&p->mu); return NULL; }
        hme_prompt *job = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        pthread_cond_signal(&p->not_full);
        pthread_mutex_unlock(&p->mu);
        hme_worker_run(w, job);
    }
}

hme_code hme_pool_start(hme_pool *p, struct hme_engine *e, size_t n, hme_error *err) {
    memset(p, 0, sizeof *p);
    p->al = e->al;
    p->cap = n * 4;
    p->ring = hme_calloc(e->al, p->cap, sizeof *p->ring);
    p->threads = hme_calloc(e->al, n, sizeof *p->threads);
    p->workers = hme_calloc(e->al, n, sizeof *p->workers);
    if (!p->ring || !p->threads || !p->workers) goto oom;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->not_empty, NULL);
    pthread_cond_init(&p->not_full, NULL);
    for (size_t i = 0; i < n; i++) {
        if (hme_worker_init(&p->workers[i], e) != HME_OK) { p->n = i; hme_pool_stop(p); goto oom_after; }
        if (pthread_create(&p->threads[i], NULL, worker_main, &p->workers[i]) != 0) {
            hme_worker_destroy(&p->workers[i]);
            p->n = i;
            hme_pool_stop(p);
            return hme_error_set(err, HME_ERR_NOMEM, 0, "cannot start scoring thread %zu", i + 1);
        }
        p->n = i + 1;
    }
    return HME_OK;
oom:
    hme_free(e->al, p->ring); hme_free(e->al, p->threads); hme_free(e->al, p->workers);
    memset(p, 0, sizeof *p);
oom_after:
    return hme_error_set(err, HME_ERR_NOMEM, 0, "out of memory starting %zu scoring threads", n);
}

void hme_pool_push(hme_pool *p, hme_prompt *prompt) {
    pthread_mutex_lock(&p->mu);
    while (p->count == p->cap) pthread_cond_wait(&p->not_full, &p->mu);
    p->ring[(p->head + p->count) % p->cap] = prompt;
    p->count++;
    pthread_cond_signal(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
}

void hme_pool_stop(hme_pool *p) {
    if (!p->ring) return;
    const hme_allocator *al = p->al;
    pthread_mutex_lock(&p->mu);
    p->closing = true;
    pthread_cond_broadcast(&p->not_empty);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->n; i++) pthread_join(p->threads[i], NULL);
    for (size_t i = 0; i < p->n; i++) hme_worker_destroy(&p->workers[i]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->not_empty);
    pthread_cond_destroy(&p->not_full);
    hme_free(al, p->ring); hme_free(al, p->threads); hme_free(al, p->workers);
    memset(p, 0, sizeof *p);
}
