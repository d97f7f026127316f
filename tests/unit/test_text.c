/* Cutting text on a character (src/util/text.c): a name cut to fit a
 * buffer stays UTF-8.  The expected prefixes are counted by hand from the
 * characters' encodings (é C3 A9, € E2 82 AC, 𝄞 F0 9D 84 9E). */
#include "testutil.h"

#include <string.h>

#include "util/text.h"

/* 1 when s is well-formed UTF-8 (shortest forms, no surrogates). */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t k = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 && *p >= 0xC2 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                                 : *p >= 0xF0 && *p <= 0xF4                         ? 4
                                                                                    : 0;
        if (k == 0)
            return 0;
        for (size_t i = 1; i < k; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += k;
    }
    return 1;
}

static void test_text__prefix_ends_on_a_character(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t max, want;
    } cases[] = {
        {"abc", 2, 2},
        {"abc", 10, 3},
        {"a\xC3\xA9", 2, 1},          /* a | é cut after its first byte: stop before it */
        {"a\xC3\xA9", 3, 3},
        {"\xE2\x82\xAC\xE2\x82\xAC", 5, 3}, /* € € */
        {"\xF0\x9D\x84\x9Ex", 3, 0},   /* 𝄞 needs 4 */
        {"\xF0\x9D\x84\x9Ex", 4, 4},
        {"", 5, 0},
        {"a\xA9z", 2, 2},              /* a stray byte is a character of its own, kept */
        {"a\xC3", 5, 1},               /* the text ends inside a character: dropped */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (srw_utf8_prefix(cases[i].s, cases[i].max) != cases[i].want)
            fail_msg("case %zu: %zu, want %zu", i, srw_utf8_prefix(cases[i].s, cases[i].max), cases[i].want);
}

static void test_text__snprintf_cuts_between_characters(void **state)
{
    (void)state;
    char name[400] = "x"; /* odd: every two-byte é then straddles an even cut */
    while (strlen(name) + 2 < sizeof name)
        strcat(name, "\xC3\xA9");
    for (size_t n = 1; n <= 40; n++) {
        char buf[64];
        int len = srw_snprintf_utf8(buf, n, "%s (primary)", name);
        assert_int_equal(len, (int)strlen(name) + 10); /* the whole text's length, as snprintf */
        assert_true(strlen(buf) < n);
        assert_true(strlen(buf) + 1 >= n - 1); /* at most one byte short of the room (a 2-byte character) */
        assert_true(valid_utf8(buf));
        assert_true(strncmp(buf, name, strlen(buf)) == 0);
    }
    char buf[64];
    assert_int_equal(srw_snprintf_utf8(buf, sizeof buf, "%s-%d", "\xC3\xA9t\xC3\xA9", 2), 7);
    assert_string_equal(buf, "\xC3\xA9t\xC3\xA9-2"); /* text that fits is as snprintf writes it */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text__prefix_ends_on_a_character),
        cmocka_unit_test(test_text__snprintf_cuts_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
