#!/usr/bin/env python3
"""Print the C arrays of tests/unit/test_revman5.c from a RevMan 5 file.

Usage: extract_rm5.py FILE.rm5 ANALYSIS-ID [...]
Copies each DICH_OUTCOME's study data and RevMan's stored results verbatim
(attribute strings pasted as C literals), so the tests compare srw with the
numbers RevMan itself saved.  Run by hand; the build does not use it.
"""
import sys
import xml.etree.ElementTree as ET


def lit(x):
    return {'NaN': 'NAN', 'Infinity': 'INFINITY', '-Infinity': '-INFINITY'}.get(x, x) if x else 'NAN'


def pooled(e):
    return ('{.estimable = %d, .es = %s, .ci_lo = %s, .ci_hi = %s, .z = %s, .p_z = %s,\n'
            '     .chi2 = %s, .df = %s, .p_chi2 = %s, .i2 = %s, .tau2 = %s}' % (
                e.get('ESTIMABLE') == 'YES', lit(e.get('EFFECT_SIZE')), lit(e.get('CI_START')),
                lit(e.get('CI_END')), lit(e.get('Z')), lit(e.get('P_Z')), lit(e.get('CHI2')),
                lit(e.get('DF')), lit(e.get('P_CHI2')), lit(e.get('I2')), lit(e.get('TAU2'))))


def main():
    root = ET.parse(sys.argv[1]).getroot()
    names = {s.get('ID'): s.get('NAME') or s.get('ID') for s in root.iter('STUDY')}
    for aid in sys.argv[2:]:
        o = next(x for x in root.iter('DICH_OUTCOME') if x.get('ID') == aid)
        cid = aid.replace('-', '_').replace('.', '_').lower()
        print('/* %s %s: "%s", %s %s %s */' % (sys.argv[1].split('/')[-1], aid, o.findtext('NAME'),
              o.get('METHOD'), o.get('EFFECT_MEASURE'), 'random' if o.get('RANDOM') == 'YES' else 'fixed'))
        print('static const rm_study %s_studies[] = {' % cid)
        groups = [g for g in o if g.tag == 'DICH_SUBGROUP'] or [o]
        for g in groups:
            sg = g.findtext('NAME') if g.tag == 'DICH_SUBGROUP' else None
            for d in g.iter('DICH_DATA'):
                print('    {"%s", %s, %s, %s, %s, %s, %d, %s, %s, %s, %s, %s},' % (
                    names.get(d.get('STUDY_ID'), d.get('STUDY_ID')), 'NULL' if sg is None else '"%s"' % sg,
                    d.get('EVENTS_1'), d.get('TOTAL_1'), d.get('EVENTS_2'), d.get('TOTAL_2'),
                    d.get('ESTIMABLE') == 'YES', lit(d.get('EFFECT_SIZE')), lit(d.get('CI_START')),
                    lit(d.get('CI_END')), lit(d.get('SE')), lit(d.get('WEIGHT'))))
        print('};')
        print('static const rm_analysis %s = {' % cid)
        print('    .label = "%s", .measure = SRW_MEASURE_%s, .model = SRW_MODEL_%s,' % (
            aid, o.get('EFFECT_MEASURE'), 'RANDOM' if o.get('RANDOM') == 'YES' else 'FIXED'))
        print('    .n = sizeof %s_studies / sizeof %s_studies[0], .studies = %s_studies,' % (cid, cid, cid))
        print('    .overall = %s,' % pooled(o))
        if groups[0] is not o:
            print('    .n_groups = %d,' % len(groups))
            print('    .group_names = {%s},' % ', '.join('"%s"' % g.findtext('NAME') for g in groups))
            print('    .groups = {%s},' % ',\n               '.join(pooled(g) for g in groups))
            print('    .q = %s, .p_q = %s, .i2_q = %s,' % (lit(o.get('Q')), lit(o.get('P_Q')), lit(o.get('I2_Q'))))
        print('};\n')


if __name__ == '__main__':
    main()
