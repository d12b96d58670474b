/* Thread-local last-error storage behind bm_last_error().
 * Library code records a message with bm_error() and returns the code to its caller. */
#include "biometal/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_message[1024];
static _Thread_local int last_code;

const char *bm_last_error(void)
{
    return last_message;
}

int bm_last_error_code(void)
{
    return last_code;
}

void bm_clear_error(void)
{
    last_message[0] = '\0';
    last_code = BM_OK;
}

int bm_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last_code = code;
    return code;
}

const char *bm_strerror(int code)
{
    switch (code) {
    case BM_OK:
        return "success";
    case BM_EIO:
        return "I/O error";
    case BM_EFORMAT:
        return "format error";
    case BM_ENOMEM:
        return "out of memory";
    case BM_EINVAL:
        return "invalid argument";
    case BM_ETRUNC:
        return "truncated input";
    case BM_EMISMATCH:
        return "paired inputs out of step";
    default:
        return "unknown error";
    }
}
