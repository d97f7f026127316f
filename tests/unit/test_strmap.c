/* The importers' string map (src/util/strmap.c): what it returns across
 * growth, and the one-probe srw_strmap_slot_of the study map uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/strmap.h"

/* Keys that differ only at the end ("Study 12-3"), as the benchmark's. */
static void key_of(char *buf, size_t n, int i)
{
    snprintf(buf, n, "Study %d-%d", i / 16, i % 16);
}

static void test_strmap__put_get_and_add_across_growth(void **state)
{
    (void)state;
    srw_strmap m = {0};
    size_t v = 99;
    assert_int_equal(srw_strmap_get(&m, "absent", &v), 0); /* an empty map */
    assert_int_equal(v, 99);
    char k[40];
    for (int i = 0; i < 100000; i++) {
        key_of(k, sizeof k, i);
        assert_int_equal(srw_strmap_add(&m, k, (size_t)i * 3, NULL), 1);
    }
    assert_int_equal(m.n, 100000);
    assert_true(m.cap >= 2 * m.n); /* load at most 1/2 */
    for (int i = 0; i < 100000; i += 7) {
        key_of(k, sizeof k, i);
        assert_int_equal(srw_strmap_get(&m, k, &v), 1);
        assert_int_equal(v, (size_t)i * 3);
    }
    /* add keeps, put replaces. */
    size_t existing = 0;
    assert_int_equal(srw_strmap_add(&m, "Study 0-5", 1, &existing), 0);
    assert_int_equal(existing, 15);
    assert_int_equal(srw_strmap_put(&m, "Study 0-5", 2), 0);
    assert_int_equal(srw_strmap_get(&m, "Study 0-5", &v), 1);
    assert_int_equal(v, 2);
    assert_int_equal(srw_strmap_get(&m, "Study 0-", &v), 0); /* a prefix is another key */
    assert_int_equal(srw_strmap_get(&m, "", &v), 0);
    assert_int_equal(m.n, 100000);
    srw_strmap_dispose(&m);
    assert_int_equal(m.n, 0);
}

static void test_strmap__slot_of_adds_a_zero_once_and_writes_through(void **state)
{
    (void)state;
    srw_strmap m = {0};
    int added = -1;
    char label[] = "Foster 2001";
    srw_strmap_slot *e = srw_strmap_slot_of(&m, label, &added);
    assert_non_null(e);
    assert_int_equal(added, 1);
    assert_int_equal(e->value, 0);
    assert_string_equal(e->key, "Foster 2001");
    assert_true(e->key != label); /* the map's copy */
    const char *copy = e->key;
    e->value = 42;
    size_t v = 0;
    assert_int_equal(srw_strmap_get(&m, "Foster 2001", &v), 1);
    assert_int_equal(v, 42);
    e = srw_strmap_slot_of(&m, "Foster 2001", &added);
    assert_int_equal(added, 0);
    assert_int_equal(e->value, 42);
    char k[40];
    for (int i = 0; i < 5000; i++) {
        key_of(k, sizeof k, i);
        e = srw_strmap_slot_of(&m, k, &added);
        assert_non_null(e);
        assert_int_equal(added, 1);
        e->value = (size_t)i + 1;
    }
    for (int i = 0; i < 5000; i++) {
        key_of(k, sizeof k, i);
        assert_int_equal(srw_strmap_get(&m, k, &v), 1);
        assert_int_equal(v, (size_t)i + 1);
    }
    /* Growth moved the slots, not the key copies. */
    e = srw_strmap_slot_of(&m, "Foster 2001", &added);
    assert_int_equal(e->value, 42);
    assert_ptr_equal(e->key, copy);
    assert_int_equal(m.n, 5001);
    srw_strmap_dispose(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strmap__put_get_and_add_across_growth),
        cmocka_unit_test(test_strmap__slot_of_adds_a_zero_once_and_writes_through),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
