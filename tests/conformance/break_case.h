/* break_case.h - one line of a Unicode segmentation test file
 * (auxiliary/LineBreakTest.txt, GraphemeBreakTest.txt): code points with a
 * ÷ (break) or × (no break) mark before each and at the end.  Shared by
 * the UAX #14 and UAX #29 conformance tests. */
#ifndef SPORTELLO_TEST_BREAK_CASE_H
#define SPORTELLO_TEST_BREAK_CASE_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_CODEPOINTS 256
#define MAX_UNITS (2 * MAX_CODEPOINTS)

typedef struct break_case {
    uint32_t codepoints[MAX_CODEPOINTS];
    bool breaks[MAX_CODEPOINTS + 1]; /* ÷ before codepoints[i]; [count] is the end */
    int count;
} break_case;

/* Reads "× 0023 ÷ 0020 ÷" (anything after '#' is a comment).  Marks and
 * code points must alternate, starting and ending with a mark; false when
 * they do not or the line holds more than MAX_CODEPOINTS. */
bool break_case_parse(const char *line, break_case *test);

/* UTF-32 to UTF-16 into units (MAX_UNITS); first_unit[i] is where code
 * point i starts, and first_unit[count] the length, which is returned. */
int32_t break_case_to_utf16(const break_case *test, uint16_t *units, int32_t *first_unit);

#endif
