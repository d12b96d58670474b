/* biometal error codes and the thread-local last-error message.
 * Every fallible call returns 0 (or a positive count) on success and a negative BM_E* code on
 * failure. */
#ifndef BIOMETAL_ERROR_H
#define BIOMETAL_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
    BM_OK = 0,
    BM_EIO = -1,      /* the operating system refused a read, write, open or rename */
    BM_EFORMAT = -2,  /* the input is not well-formed (bad record, corrupt compression) */
    BM_ENOMEM = -3,   /* an allocation failed */
    BM_EINVAL = -4,   /* a caller passed an invalid argument or option */
    BM_ETRUNC = -5,   /* the input ended in the middle of a record or compressed block */
    BM_EMISMATCH = -6 /* paired inputs fell out of step */
};

/* The message of the last error recorded on this thread, e.g.
 * "reads.fq: record 1734: quality length 99 != sequence length 100". Never NULL; "" when none. */
const char *bm_last_error(void);

/* The last error code recorded on this thread (BM_OK when none). */
int bm_last_error_code(void);

/* Clears this thread's last error. */
void bm_clear_error(void);

/* Records an error for this thread and returns `code`, so library code can write
 * `return bm_error(BM_EFORMAT, "%s: record %llu: ...", ...)`. */
int bm_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A short name of an error code ("format error", "I/O error", ...). */
const char *bm_strerror(int code);

#ifdef __cplusplus
}
#endif
#endif
