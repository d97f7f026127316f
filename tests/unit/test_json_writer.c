/* The JSON writer (src/report/json_writer.c) writes what jansson's
 * json_dumps writes for the same values, with JSON_INDENT(2) |
 * JSON_REAL_PRECISION(17) and with JSON_COMPACT, byte for byte: srw's JSON
 * kept jansson's layout when it stopped building trees to write it. */
#include "testutil.h"

#include <float.h>
#include <string.h>

#include <jansson.h>

#include "srw/analysis_json.h"

/* One tree, built both ways: the writer's calls and jansson's values. */
static void build(srw_json_writer *w, json_t **out, int top_array)
{
    const char *texts[] = {"", "plain", "quote \" and back\\slash", "tab\tnew\nline\rcr\bbs\fff",
                           "\x01\x1f control", "UTF-8: I\xc2\xb2 = 92%, \xe2\x80\x93, \xcf\x84\xc2\xb2",
                           "slash / stays", "a long reason, 0123456789 0123456789 0123456789 0123456789 "
                                            "0123456789 0123456789 0123456789 \"quoted\" end",
                           /* an escape in a word's last byte, in the tail after whole words, none */
                           "ab\"", "1234567\\", "12345678\n", "1234567890123\x1f", "12345678", "1234567812345678",
                           "\x7f del"};
    const double reals[] = {0.0, -0.0, 1.0, 2.5, 95.0, 1.0 / 3, -0.28768207245178090, 1e-7, 1.5e-7, 1e21,
                            1.2345678901234568e20, 1e-300, DBL_MAX, 5e-324, 100.0, 1e16, 12345678901234567.0,
                            /* whole numbers about 2^53, where the writer stops writing them as integers */
                            -3.0, 123456789012345.0, 9007199254740991.0, -9007199254740991.0, 9007199254740992.0,
                            2251799813685248.5, 1e15, NAN, INFINITY};
    const long long ints[] = {0, 1, -1, 42, 9223372036854775807LL, -9223372036854775807LL - 1};
    json_t *root = top_array ? json_array() : json_object();
#define ADD(parent, key, value)                                                                      \
    do {                                                                                             \
        if (json_is_array(parent))                                                                   \
            json_array_append_new(parent, value);                                                    \
        else                                                                                         \
            json_object_set_new(parent, key, value);                                                 \
    } while (0)
    if (top_array)
        srw_json_begin_array(w, NULL);
    else
        srw_json_begin_object(w, NULL);
    const char *k = top_array ? NULL : "texts";
    srw_json_begin_array(w, k);
    json_t *arr = json_array();
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        srw_json_text(w, NULL, texts[i]);
        json_array_append_new(arr, json_string(texts[i]));
    }
    srw_json_text(w, NULL, NULL);
    json_array_append_new(arr, json_null());
    srw_json_end_array(w);
    ADD(root, k, arr);
    srw_json_begin_object(w, top_array ? NULL : "numbers");
    json_t *obj = json_object();
    char key[32];
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
        snprintf(key, sizeof key, "real %zu", i);
        srw_json_real(w, key, reals[i]);
        json_object_set_new(obj, key, isfinite(reals[i]) ? json_real(reals[i]) : json_null());
    }
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        snprintf(key, sizeof key, "int\t%zu", i); /* a key that needs escaping */
        srw_json_int(w, key, ints[i]);
        json_object_set_new(obj, key, json_integer(ints[i]));
    }
    srw_json_bool(w, "yes", 1);
    json_object_set_new(obj, "yes", json_true());
    /* keys of every length the writer copies in blocks: 1 to 3, 4 to 7, 8 to 16, longer */
    static const char *const keys[] = {"k", "key", "four", "seven_c", "eight_ch", "sixteen_chars_ok",
                                       "a key of more than sixteen bytes"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        srw_json_int(w, keys[i], (long long)i);
        json_object_set_new(obj, keys[i], json_integer((json_int_t)i));
    }
    srw_json_bool(w, "no", 0);
    json_object_set_new(obj, "no", json_false());
    srw_json_null(w, "nothing");
    json_object_set_new(obj, "nothing", json_null());
    srw_json_begin_object(w, "empty object");
    srw_json_end_object(w);
    json_object_set_new(obj, "empty object", json_object());
    srw_json_begin_array(w, "empty array");
    srw_json_end_array(w);
    json_object_set_new(obj, "empty array", json_array());
    /* Deep: objects in arrays in objects. */
    srw_json_begin_array(w, "deep");
    json_t *deep = json_array();
    for (int i = 0; i < 3; i++) {
        srw_json_begin_object(w, NULL);
        srw_json_begin_array(w, "inner");
        srw_json_begin_object(w, NULL);
        srw_json_real(w, "x", i + 0.25);
        srw_json_end_object(w);
        srw_json_end_array(w);
        srw_json_end_object(w);
        json_t *o = json_object(), *in = json_array(), *x = json_object();
        json_object_set_new(x, "x", json_real(i + 0.25));
        json_array_append_new(in, x);
        json_object_set_new(o, "inner", in);
        json_array_append_new(deep, o);
    }
    srw_json_end_array(w);
    json_object_set_new(obj, "deep", deep);
    srw_json_end_object(w);
    ADD(root, "numbers", obj);
    if (top_array)
        srw_json_end_array(w);
    else
        srw_json_end_object(w);
    *out = root;
#undef ADD
}

static void same_as_jansson(int compact, int top_array)
{
    srw_buf b = SRW_BUF_INIT;
    srw_json_writer w;
    srw_json_writer_init(&w, &b, compact);
    json_t *tree;
    build(&w, &tree, top_array);
    assert_int_equal(b.oom, 0);
    assert_int_equal(w.depth, 0);
    char *want = json_dumps(tree, (compact ? JSON_COMPACT : JSON_INDENT(2)) | JSON_PRESERVE_ORDER |
                                      JSON_REAL_PRECISION(17));
    assert_non_null(want);
    if (strcmp(srw_buf_cstr(&b), want) != 0)
        fail_msg("the writer wrote\n%s\njansson\n%s", srw_buf_cstr(&b), want);
    free(want);
    json_decref(tree);
    srw_buf_dispose(&b);
}

static void test_json_writer__indented_as_jansson(void **state)
{
    (void)state;
    same_as_jansson(0, 0);
    same_as_jansson(0, 1);
}

static void test_json_writer__compact_as_jansson(void **state)
{
    (void)state;
    same_as_jansson(1, 0);
    same_as_jansson(1, 1);
}

/* What no layout of srw's does is a failed write, not a broken text. */
static void test_json_writer__nesting_errors_are_reported(void **state)
{
    (void)state;
    srw_buf b = SRW_BUF_INIT;
    srw_json_writer w;
    srw_json_writer_init(&w, &b, 1);
    srw_json_end_object(&w);
    assert_int_equal(b.oom, 1);
    srw_buf_dispose(&b);
    srw_json_writer_init(&w, &b, 1);
    for (int i = 0; i <= SRW_JSON_MAX_DEPTH; i++)
        srw_json_begin_array(&w, NULL);
    assert_int_equal(b.oom, 1);
    srw_buf_dispose(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_writer__indented_as_jansson),
        cmocka_unit_test(test_json_writer__compact_as_jansson),
        cmocka_unit_test(test_json_writer__nesting_errors_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
