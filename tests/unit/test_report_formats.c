/* The report's table of document formats (src/report/formats.c): --format's
 * parse, the text its help and errors show, and rows that a writer can be
 * chosen by (each a bit of its own, a name that parses back, every element
 * of the document model laid out). */
#include <string.h>

#include "testutil.h"

#include "report/doc.h"
#include "srw/report.h"

static void test_report_formats__rows_parse_back_with_bits_of_their_own(void **state)
{
    (void)state;
    size_t n = 0;
    const rp_format *f = rp_formats(&n);
    assert_true(n >= 2);
    int all = 0;
    for (size_t i = 0; i < n; i++) {
        int got = 0;
        assert_int_equal(srw_report_formats_parse(&got, f[i].name), 0);
        assert_int_equal(got, f[i].bit);
        assert_int_equal(all & f[i].bit, 0); /* a bit of its own */
        all |= f[i].bit;
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(f[i].ext, f[j].ext);
        /* Every element of the model has its layout. */
        const rp_writer *w = f[i].writer;
        assert_non_null(w);
        assert_non_null(w->open);
        assert_non_null(w->close);
        assert_non_null(w->heading);
        assert_non_null(w->block_begin);
        assert_non_null(w->block_end);
        assert_non_null(w->para_begin);
        assert_non_null(w->para_end);
        assert_non_null(w->text);
        assert_non_null(w->bold_begin);
        assert_non_null(w->bold_end);
        assert_non_null(w->link);
        assert_non_null(w->linked);
        assert_non_null(w->list_begin);
        assert_non_null(w->item_begin);
        assert_non_null(w->item_end);
        assert_non_null(w->list_end);
        assert_non_null(w->table_begin);
        assert_non_null(w->table_row);
        assert_non_null(w->table_end);
        assert_non_null(w->figure);
    }
    assert_int_equal(all, SRW_REPORT_ALL_FORMATS);
    srw_report_options o = SRW_REPORT_OPTIONS_INIT;
    assert_int_equal(o.formats, SRW_REPORT_ALL_FORMATS);
}

static void test_report_formats__lists_parse_as_before(void **state)
{
    (void)state;
    static const struct {
        const char *list;
        int rc, formats;
    } cases[] = {
        {"md", 0, SRW_REPORT_MD},
        {"html", 0, SRW_REPORT_HTML},
        {"md,html", 0, SRW_REPORT_MD | SRW_REPORT_HTML},
        {"html,md,html", 0, SRW_REPORT_MD | SRW_REPORT_HTML},
        {"md,", 0, SRW_REPORT_MD}, /* one comma may end the list */
        {"", SRW_EUSAGE, 0},
        {",md", SRW_EUSAGE, 0},
        {"md,,html", SRW_EUSAGE, 0},
        {"pdf", SRW_EUSAGE, 0},
        {"mdx", SRW_EUSAGE, 0},
        {"MD", 0, SRW_REPORT_MD}, /* any letter case (issue 21) */
        {"Html,md", 0, SRW_REPORT_MD | SRW_REPORT_HTML},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = -7;
        assert_int_equal(srw_report_formats_parse(&got, cases[i].list), cases[i].rc);
        assert_int_equal(got, cases[i].rc == 0 ? cases[i].formats : -7); /* untouched on failure */
    }
    assert_int_equal(srw_report_formats_parse(NULL, NULL), SRW_EUSAGE);
}

static void test_report_formats__help_names_every_format(void **state)
{
    (void)state;
    char buf[120];
    srw_report_formats_text(buf, sizeof buf);
    assert_string_equal(buf, "md, html or md,html");
    srw_report_formats_all(buf, sizeof buf);
    assert_string_equal(buf, "md,html");
    int got = 0;
    assert_int_equal(srw_report_formats_parse(&got, buf), 0);
    assert_int_equal(got, SRW_REPORT_ALL_FORMATS);
    char tiny[4];
    srw_report_formats_text(tiny, sizeof tiny); /* cut, never overrun */
    assert_string_equal(tiny, "md,");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_formats__rows_parse_back_with_bits_of_their_own),
        cmocka_unit_test(test_report_formats__lists_parse_as_before),
        cmocka_unit_test(test_report_formats__help_names_every_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
