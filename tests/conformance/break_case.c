/* break_case.c - see break_case.h. */
#include "break_case.h"

#include <stdlib.h>
#include <string.h>

bool break_case_parse(const char *line, break_case *test)
{
    static const char no_break[] = "\xC3\x97", may_break[] = "\xC3\xB7"; /* × ÷ */
    const char *p = line;
    bool expect_mark = true;
    test->count = 0;
    for (;;) {
        p += strspn(p, " \t");
        if (*p == '#' || *p == '\0' || *p == '\n' || *p == '\r')
            break;
        if (expect_mark) {
            bool is_break = strncmp(p, may_break, 2) == 0;
            if (!is_break && strncmp(p, no_break, 2) != 0)
                return false;
            test->breaks[test->count] = is_break;
            p += 2;
        } else {
            char *end;
            unsigned long c = strtoul(p, &end, 16);
            if (end == p || c > 0x10FFFF || test->count == MAX_CODEPOINTS)
                return false;
            test->codepoints[test->count++] = (uint32_t)c;
            p = end;
        }
        expect_mark = !expect_mark;
    }
    return !expect_mark && test->count > 0;
}

int32_t break_case_to_utf16(const break_case *test, uint16_t *units, int32_t *first_unit)
{
    int32_t length = 0;
    for (int i = 0; i < test->count; i++) {
        uint32_t c = test->codepoints[i];
        first_unit[i] = length;
        if (c >= 0x10000) {
            units[length++] = (uint16_t)(0xD800 + ((c - 0x10000) >> 10));
            c = 0xDC00 + ((c - 0x10000) & 0x3FF);
        }
        units[length++] = (uint16_t)c;
    }
    first_unit[test->count] = length;
    return length;
}
