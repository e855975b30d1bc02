/* check.h - the little the project's C tests share: a failing check prints
 * where and why and marks the test failed; the test goes on to report
 * every failure, then main returns 1. */
#ifndef SPORTELLO_CHECK_H
#define SPORTELLO_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(condition, ...)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            check_failures++;                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #condition);          \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#endif
