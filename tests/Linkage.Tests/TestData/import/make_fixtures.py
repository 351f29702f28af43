#!/usr/bin/env python3
"""Writes the import fixtures as real bytes: UKE in Shift_JIS (CP932) with CRLF, FHIR NDJSON and CSV in UTF-8.

Run from this directory (python3 make_fixtures.py); the outputs are checked in, this script documents how they were made.
Column positions follow docs/formats.md (0-based, record id at 0).
"""
import json
import os


def days(**counts):
    """The 31 day columns (1日の情報..31日の情報) with counts on the given days, e.g. days(d3=1)."""
    cols = [''] * 31
    for key, value in counts.items():
        cols[int(key[1:]) - 1] = str(value)
    return cols


def record(*fields):
    return ','.join(str(f) for f in fields)


def medical_re(no, rtype, month, name, sex, birth, kana):
    fields = ['RE', no, rtype, month, name, sex, birth] + [''] * 29 + [kana, '']
    assert len(fields) == 38 and fields[36] == kana
    return record(*fields)


def medical_si(ident, code, points, count, day_cols):
    fields = ['SI', ident, '1', code, '', points, count] + [''] * 6 + day_cols
    assert len(fields) == 44
    return record(*fields)


def medical_iy(ident, code, amount, points, count, day_cols):
    fields = ['IY', ident, '1', code, amount, points, count] + [''] * 6 + day_cols
    assert len(fields) == 44
    return record(*fields)


def medical_to(ident, code, points, count, day_cols):
    fields = ['TO', ident, '1', code, '1', points, count, '', '', '', '商品名'] + [''] * 6 + day_cols
    assert len(fields) == 48
    return record(*fields)


IR = record('IR', '1', '13', '1', '1234567', '', 'リンケージ病院', '202405', '00', '0312345678')

# Receipt 1: outpatient, HO with full-width symbol/number + SN branch, three SY (main, suspected, uncoded),
# a lone SI, a group of three SI with the points on the last line, an IY group, a TO and a CO.
RECEIPT_1 = [
    medical_re('1', '1112', '202404', '佐藤　花子', '2', '19500314', 'サトウ　ハナコ'),
    record('HO', '06139999', '１２３', '４５６７', '5', '1234', '', '', '', '', '', '', '', '', ''),
    record('SN', '1', '01', '', '', '', '01', '', ''),
    record('SY', '4280021', '20240402', '1', '', '', '01', ''),
    record('SY', '8831231', '20240402', '1', '8002', '', '', ''),
    record('SY', '0000999', '20240405', '1', '', '腰痛症', '', ''),
    medical_si('11', '111000110', '291', '1', days(d3=1)),
    medical_si('60', '160008010', '', '', days()),
    medical_si('', '160008110', '', '', days()),
    medical_si('', '160008210', '144', '2', days(d3=1, d17=1)),
    medical_iy('21', '620000001', '3', '', '', days()),
    medical_iy('', '620000002', '1', '12', '14', days(d3=7, d17=7)),
    medical_to('40', '700000001', '5', '1', days(d10=1)),
    record('CO', '60', '1', '810000001', 'コメント'),
]

# Receipt 2: inpatient, a 6-digit insurer number padded with spaces, no SN, the name in half-width katakana and no カタカナ column.
RECEIPT_2 = [
    medical_re('2', '1111', '202404', 'ｽｽﾞｷ ｲﾁﾛｳ', '1', '19800102', ''),
    record('HO', '  138149', '', '12345', '12', '800', '', '', '', '', '', '', '', '', ''),
    record('SY', '4280021', '20240401', '1', '', '', '01', ''),
    medical_si('90', '190077410', '800', '1', days()),
]

# Receipt 3: public expense only (KO, no HO): no id1, id2 from the katakana column, points from KO.
RECEIPT_3 = [
    medical_re('3', '1212', '202404', '田中　太郎', '1', '19701231', 'タナカ　タロウ'),
    record('KO', '12136014', '1234567', '', '3', '567', '0', '', '', '', '', ''),
    medical_si('12', '112007410', '567', '1', days(d15=1)),
]

GO = record('GO', '3', str(1234 + 800 + 567), '99')


def write_uke(name, lines, encoding='cp932', end='\r\n', trailing=True):
    data = end.join(lines) + (end if trailing else '')
    with open(name, 'wb') as f:
        f.write(data.encode(encoding))


GOOD = [IR] + RECEIPT_1 + RECEIPT_2 + RECEIPT_3 + [GO]
write_uke('RECEIPTC.UKE', GOOD)
write_uke('utf8-instead-of-sjis.UKE', GOOD, encoding='utf-8')
write_uke('missing-go.UKE', GOOD[:-1])
write_uke('totals-disagree.UKE', GOOD[:-1] + [record('GO', '4', '9999', '99')])

# Truncated: the file stops in the middle of receipt 3's SI line, without a line end.
truncated = GOOD[: GOOD.index(RECEIPT_3[2])] + [RECEIPT_3[2][:40]]
write_uke('truncated.UKE', truncated, trailing=False)

# An unknown record id inside receipt 2.
unknown = list(GOOD)
unknown.insert(GOOD.index(RECEIPT_2[2]), record('ZZ', 'what', 'is', 'this'))
write_uke('unknown-record.UKE', unknown)

# A group whose last line never carries the points: the receipt cannot be read.
open_group = [IR, RECEIPT_2[0], RECEIPT_2[1], RECEIPT_2[2], medical_si('60', '160008010', '', '', days()),
              medical_si('', '160008110', '', '', days(d4=1)), record('GO', '1', '800', '99')]
write_uke('open-group.UKE', open_group)

# A byte pair that is not Shift_JIS in receipt 1's name (0x85 0x40 is an unassigned CP932 lead/trail pair).
with open('RECEIPTC.UKE', 'rb') as f:
    good_bytes = f.read()
marker = '佐藤　花子'.encode('cp932')
with open('bad-bytes.UKE', 'wb') as f:
    f.write(good_bytes.replace(marker, b'\x85\x40' + marker[2:], 1))

# Dental: IR 点数表 3 (請求年月 at 6), RE カタカナ at 25, HS diagnoses, SS with points at 76.
dental_re = ['RE', '1', '3112', '202404', 'ﾔﾏﾀﾞ ﾊﾅｺ', '2', '19900505'] + [''] * 18 + ['ヤマダ　ハナコ', '']
assert len(dental_re) == 27 and dental_re[25] == 'ヤマダ　ハナコ'
dental_hs = ['HS', '', '', '1011', '5210001', '8002', '', '1', '', '01', '', '', '']
assert dental_hs[4] == '5210001' and dental_hs[9] == '01'
dental_ss = ['SS', '11', '1', '301000110', '', ''] + [''] * 70 + ['267', '1'] + days(d8=1)
assert len(dental_ss) == 109 and dental_ss[76] == '267'
dental_iy = ['IY', '21', '1', '620000003', '2', '30', '3', ''] + days(d8=3)
assert len(dental_iy) == 39
write_uke('dental.UKE', [
    record('IR', '2', '27', '3', '7654321', '', '202405', '0612345678', ''),
    record(*dental_re),
    record('HO', '06270001', '', '98765', '1', '297', '', '', '', '', '', '', '', ''),
    record(*dental_hs),
    record(*dental_ss),
    record(*dental_iy),
    record('GO', '1', '297', '99'),
])

# Pharmacy: YK (請求年月 at 6), CZ (調剤月日 at 3, 調剤数量 at 5) followed by its IY drugs (code at 2).
write_uke('pharmacy.UKE', [
    record('YK', '1', '14', '4', '1112223', 'リンケージ薬局', '202405', '00', '0451234567'),
    record('RE', '1', '4112', '202404', 'ｷﾑﾗ ｼﾞﾛｳ', '1', '19450808', '', '', '', ''),
    record('HO', '39141234', '', '1234567', '2', '950', '', '', '', '', '', '', '', '', ''),
    record('SH', '01', '1'),
    record('CZ', '1', '09', '10', '1', '14', '1', '1', '01', '420001810', '24'),
    record('IY', '1', '610463123', '3'),
    record('IY', '1', '620004321', '1'),
    record('CZ', '1', '20', '21', '1', '7', '1', '1', '01', '420001810', '24'),
    record('IY', '1', '622222222', '2'),
    record('GO', '1', '950', '99'),
])


def master_row(code, icd10):
    cols = [''] * 20
    cols[0], cols[1], cols[2], cols[5] = '0', 'B', code, '病名'
    cols[15] = icd10
    return ','.join(f'"{c}"' if c else '' for c in cols)


with open('disease-master.csv', 'wb') as f:
    f.write('\r\n'.join([master_row('4280021', 'I509'), master_row('8831231', 'E119'),
                         master_row('5210001', 'K021'), master_row('1234567', '')]).encode('cp932') + b'\r\n')

# FHIR R4 bulk NDJSON (JP Core flavoured), one resource type per file.
REP = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation'
MEMBER = 'http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID'


def name(text, representation, use=None):
    n = {'extension': [{'url': REP, 'valueCode': representation}], 'text': text}
    if use:
        n['use'] = use
    return n


def ndjson(path, resources):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for r in resources:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


ref = lambda pid: {'reference': f'Patient/{pid}'}
ndjson('fhir/Patient.ndjson', [
    {'resourceType': 'Patient', 'id': 'p1', 'meta': {'versionId': '3'},
     'identifier': [{'system': MEMBER, 'value': '06139999:１２３:４５６７:01'}],
     'name': [name('佐藤 花子', 'IDE'), name('サトウ ハナコ', 'SYL')], 'gender': 'female', 'birthDate': '1950-03-14',
     'address': [{'use': 'home', 'state': '東京都'}], 'deceasedDateTime': '2024-06-01T10:00:00+09:00'},
    {'resourceType': 'Patient', 'id': 'p2', 'name': [name('スズキ イチロウ', 'SYL')], 'gender': 'male',
     'birthDate': '1980-01-02', 'address': [{'state': '27'}]},
    {'resourceType': 'Patient', 'id': 'p3', 'name': [{'text': '無名 太郎'}], 'gender': 'male', 'birthDate': '1990-01-01'},
])
ndjson('fhir/Condition.ndjson', [
    {'resourceType': 'Condition', 'id': 'c1', 'subject': ref('p1'), 'onsetDateTime': '2024-04-10',
     'verificationStatus': {'coding': [{'code': 'confirmed'}]},
     'code': {'coding': [{'system': 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/ICD10-2013-full', 'code': 'E119'}]}},
    {'resourceType': 'Condition', 'id': 'c2', 'subject': ref('p1'), 'recordedDate': '2024-04-11',
     'verificationStatus': {'coding': [{'code': 'provisional'}]},
     'code': {'coding': [{'system': 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterB-disease', 'code': '8831231'}]}},
    {'resourceType': 'Condition', 'id': 'c3', 'subject': ref('nobody'), 'onsetDateTime': '2024-04-10',
     'code': {'coding': [{'system': 'http://hl7.org/fhir/sid/icd-10', 'code': 'I10'}]}},
    {'resourceType': 'Condition', 'id': 'c4', 'subject': ref('p2'), 'onsetDateTime': '2024-04-10',
     'code': {'coding': [{'system': 'http://snomed.info/sct', 'code': '44054006'}]}},
    {'resourceType': 'Condition', 'id': 'c5', 'subject': ref('p3'), 'onsetDateTime': '2024-04-10',
     'code': {'coding': [{'system': 'http://hl7.org/fhir/sid/icd-10', 'code': 'I10'}]}},
])
LAB = {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/observation-category', 'code': 'laboratory'}]}
VITAL = {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/observation-category', 'code': 'vital-signs'}]}
loinc = lambda code: {'coding': [{'system': 'http://loinc.org', 'code': code}]}
ndjson('fhir/Observation.ndjson', [
    {'resourceType': 'Observation', 'id': 'o1', 'status': 'final', 'category': [LAB], 'subject': ref('p1'),
     'code': {'coding': [{'system': 'http://medis.or.jp/CodeSystem/master-JLAC10-17digits', 'code': '3D046000001920402'}]},
     'effectiveDateTime': '2024-04-15T09:30:00+09:00', 'valueQuantity': {'value': 8.1, 'unit': '%'}},
    {'resourceType': 'Observation', 'id': 'o2', 'status': 'final', 'category': [VITAL], 'subject': ref('p2'),
     'code': loinc('85354-9'), 'effectiveDateTime': '2024-04-16T07:00:00+09:00',
     'component': [{'code': loinc('8480-6'), 'valueQuantity': {'value': 132, 'unit': 'mmHg', 'code': 'mm[Hg]'}},
                   {'code': loinc('8462-4'), 'valueQuantity': {'value': 84, 'unit': 'mmHg', 'code': 'mm[Hg]'}}]},
    {'resourceType': 'Observation', 'id': 'o3', 'status': 'final', 'category': [VITAL], 'subject': ref('p2'),
     'code': loinc('15074-8'), 'effectiveDateTime': '2024-04-16T07:05:00+09:00',
     'valueQuantity': {'value': 5.5, 'unit': 'mmol/L', 'code': 'mmol/L'}},
    {'resourceType': 'Observation', 'id': 'o4', 'status': 'final', 'category': [LAB], 'subject': ref('p2'),
     'code': loinc('4548-4'), 'effectiveDateTime': '2024-04-16', 'valueQuantity': {'value': 6.0, 'unit': '%'}},
])
YJ = 'http://capstandard.jp/iyaku.info/CodeSystem/YJ-code'
ndjson('fhir/MedicationDispense.ndjson', [
    {'resourceType': 'MedicationDispense', 'id': 'md1', 'status': 'completed', 'subject': ref('p1'),
     'medicationCodeableConcept': {'coding': [{'system': YJ, 'code': '3969010F1020'}]},
     'daysSupply': {'value': 14, 'unit': '日', 'code': 'd'}, 'whenHandedOver': '2024-04-12T15:00:00+09:00'},
])
ndjson('fhir/MedicationRequest.ndjson', [
    {'resourceType': 'MedicationRequest', 'id': 'mr1', 'status': 'active', 'intent': 'order', 'subject': ref('p2'),
     'medicationCodeableConcept': {'coding': [{'system': YJ, 'code': '2149039F1020'}]}, 'authoredOn': '2024-04-20',
     'dispenseRequest': {'expectedSupplyDuration': {'value': 28, 'unit': '日', 'system': 'http://unitsofmeasure.org', 'code': 'd'}}},
])
ndjson('fhir/Procedure.ndjson', [
    {'resourceType': 'Procedure', 'id': 'pr1', 'status': 'completed', 'subject': ref('p1'),
     'code': {'coding': [{'system': 'http://example.org/k-code', 'code': 'K5493'}]},
     'performedPeriod': {'start': '2024-04-18T09:00:00+09:00', 'end': '2024-04-18T12:00:00+09:00'},
     'complication': [{'text': '術後出血'}]},
])
ndjson('fhir/Claim.ndjson', [
    {'resourceType': 'Claim', 'id': 'cl1', 'status': 'active', 'use': 'claim', 'patient': ref('p1'),
     'type': {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/claim-type', 'code': 'institutional'}]},
     'created': '2024-05-10', 'billablePeriod': {'start': '2024-04-18', 'end': '2024-04-30'},
     'provider': {'identifier': {'system': 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no', 'value': '1311234567'}},
     'priority': {'coding': [{'code': 'normal'}]}, 'insurance': [{'sequence': 1, 'focal': True, 'coverage': {'display': '健保'}}],
     'diagnosis': [{'sequence': 1, 'type': [{'coding': [{'code': 'principal'}]}],
                    'diagnosisCodeableConcept': {'coding': [{'system': 'http://hl7.org/fhir/sid/icd-10', 'code': 'K80.2'}]}},
                   {'sequence': 2, 'diagnosisReference': {'reference': 'Condition/c2'}}],
     'item': [{'sequence': 1, 'productOrService': {'coding': [{'system': 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/masterS-medicalProcedure', 'code': '150254010'}]}},
              {'sequence': 2, 'productOrService': {'coding': [{'system': YJ, 'code': '3969010F1020'}]}}],
     'total': {'value': 123450, 'currency': 'JPY'}},
])
ndjson('fhir/ExplanationOfBenefit.ndjson', [
    {'resourceType': 'ExplanationOfBenefit', 'id': 'eob1', 'status': 'active', 'use': 'claim', 'outcome': 'complete',
     'patient': ref('p2'), 'created': '2024-05-10', 'insurer': {'display': '保険者'}, 'provider': {'display': '診療所'},
     'type': {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/claim-type', 'code': 'professional'}]},
     'billablePeriod': {'start': '2024-04-05'},
     # a receipt needs something to say: without a diagnosis, procedure or drug none is made
     'diagnosis': [{'sequence': 1, 'diagnosisCodeableConcept': {'coding': [{'system': 'http://hl7.org/fhir/sid/icd-10', 'code': 'J06.9'}]}}],
     'insurance': [{'focal': True, 'coverage': {'display': '国保'}}],
     'total': [{'category': {'coding': [{'code': 'submitted'}]}, 'amount': {'value': 4560, 'currency': 'JPY'}}]},
])
ndjson('fhir/Encounter.ndjson', [
    {'resourceType': 'Encounter', 'id': 'e1', 'status': 'finished', 'class': {'code': 'AMB'}, 'subject': ref('p1')},
    {'resourceType': 'Encounter', 'id': 'e2', 'status': 'finished', 'class': {'code': 'IMP'}, 'subject': ref('p2')},
])
ndjson('fhir/Foo.ndjson', [{'resourceType': 'Foo', 'id': 'f1', 'subject': ref('p1')}])

# Synthea's shape: UUID identifier, Latin official name, US units, everything referring to Patient/<uuid>.
SYNTHEA_ID = 'b5d1c1a6-6f3e-4b8c-9a55-0f2d2a6b7c11'
ndjson('fhir-synthea/Patient.ndjson', [
    {'resourceType': 'Patient', 'id': SYNTHEA_ID,
     'identifier': [{'system': 'https://github.com/synthetichealth/synthea', 'value': SYNTHEA_ID}],
     'name': [{'use': 'official', 'family': 'Smith', 'given': ['John'], 'prefix': ['Mr.']}],
     'gender': 'male', 'birthDate': '1961-07-04', 'address': [{'state': 'Massachusetts'}]},
])
ndjson('fhir-synthea/Observation.ndjson', [
    {'resourceType': 'Observation', 'id': 's-o1', 'status': 'final', 'category': [VITAL], 'subject': ref(SYNTHEA_ID),
     'code': loinc('29463-7'), 'effectiveDateTime': '2019-02-17T10:39:42-05:00',
     'valueQuantity': {'value': 180, 'unit': 'lb', 'system': 'http://unitsofmeasure.org', 'code': '[lb_av]'}},
])

# CSV layouts (docs/formats.md): UTF-8, RFC 4180.
DEATH_HEADER = 'record_id,kana_name,birth_date,sex,pref,death_date,cause_1a,cause_1b,cause_1c,cause_1d,cause_2,underlying,place,note'
death_rows = [
    'D-2024-0001,サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,I25.1,,,E11.9,I25.1,1,"first line\nsecond line, with ""quotes"""',
    'D-2024-0002,"すずき いちろう",19800102,1,大阪府,2024-07-02,C34.9,,,,,C349,6,',
    'D-2024-0003,ヤマダ タロウ,1940-01-01,M,,2024-07-03,I21.9,XYZ,,,,I21.9,,',
    'D-2024-0004,ヤマダ ジロウ,1940-01-01,1,,1939-12-31,I21.9,,,,,I21.9,,',
    'D-2024-0005,山田 三郎,1940-01-01,1,,2024-07-05,I21.9,,,,,I21.9,,',
]
with open('death.csv', 'wb') as f:
    f.write(('\ufeff' + DEATH_HEADER + '\r\n' + '\r\n'.join(death_rows) + '\r\n').encode('utf-8'))
with open('death-missing-column.csv', 'wb') as f:
    header = DEATH_HEADER.replace(',underlying', '')
    f.write((header + '\r\n' + 'D-1,サトウ ハナコ,1950-03-14,2,13,2024-06-01,I21.9,,,,,1,\r\n').encode('utf-8'))

MATERNAL_HEADER = 'record_id,entry,date,mother_kana_name,mother_birth_date,pref,gest_weeks,birth_weight,child_kana_name,child_birth_date,child_sex,vaccine,child_mid'
maternal_rows = [
    'M-1,checkup,2024-03-01,サトウ ハナコ,1990-05-05,13,24,,,,,,',
    'M-2,delivery,2024-06-20,サトウ ハナコ,1990-05-05,13,39,3012,サトウ タロウ,2024-06-20,1,,',
    'M-3,delivery,2024-06-21,スズキ ミカ,1992-01-01,13,38,2890,,2024-06-21,2,,',
    'M-4,infant,2024-07-20,サトウ ハナコ,1990-05-05,13,,,サトウ タロウ,2024-06-20,1,,',
    'M-5,vaccine,2024-08-20,,,,,,サトウ タロウ,2024-06-20,M,B型肝炎-1,MID-CHILD-0001',
    'M-6,bath,2024-08-21,サトウ ハナコ,1990-05-05,13,,,,,,,',
    'M-7,vaccine,2024-08-22,,,,,,サトウ タロウ,2024-06-20,1,,',
]
with open('maternal.csv', 'wb') as f:
    f.write((MATERNAL_HEADER + '\n' + '\n'.join(maternal_rows) + '\n').encode('utf-8'))
with open('maternal-missing-column.csv', 'wb') as f:
    f.write((MATERNAL_HEADER.replace('child_sex,', '').replace(',child_mid', '') + '\n').encode('utf-8'))

# JP Core / JP-CLINS masters, written by hand (the rows are not copied from the real masters: the codes of the
# example resources are given made-up receipt codes and exchange codes; the ICD-10 codes are those of the diseases named).
os.makedirs('jp-core', exist_ok=True)


def disease_row(code, key_number, exchange_code, name, icd10):
    cols = [''] * 46  # the 傷病名マスター's 46 items
    cols[0], cols[1], cols[2], cols[5], cols[10], cols[12], cols[15] = '0', 'B', code, name, key_number, exchange_code, icd10
    return ','.join(f'"{c}"' if c else '' for c in cols)


with open('jp-core/disease-master.csv', 'wb') as f:
    f.write('\r\n'.join([
        disease_row('5329009', '20064049', 'JDKN', '十二指腸潰瘍', 'K269'),
        disease_row('1519004', '20057484', 'MBSF', '胃癌', 'C169'),
        disease_row('7999001', '29999999', 'ZZZZ', 'ＩＣＤ未付与の病名', ''),
    ]).encode('cp932') + b'\r\n')

HOT_HEADER = ['基準番号（ＨＯＴコード）', '処方用番号（ＨＯＴ７）', '会社識別用番号', '調剤用番号', '物流用番号', 'ＪＡＮコード',
              '薬価基準収載医薬品コード', '個別医薬品コード', 'レセプト電算処理システムコード（１）', 'レセプト電算処理システムコード（２）',
              '告示名称', '販売名', 'レセプト電算処理システム医薬品名', '規格単位', '包装形態', '包装単位数', '包装単位単位',
              '包装総量数', '包装総量単位', '区分', '製造会社', '販売会社', '更新区分', '更新年月日']


def hot_row(hot13, yj, name):
    cols = [''] * len(HOT_HEADER)
    cols[0], cols[1], cols[2], cols[6], cols[7], cols[11], cols[19] = hot13, hot13[:7], hot13[7:9], yj, yj, name, '内'
    return ','.join(cols)


with open('jp-core/hot-master.txt', 'wb') as f:
    f.write('\r\n'.join([
        ','.join(HOT_HEADER),
        hot_row('1111111010101', '3969010F1020', 'テスト錠５ｍｇ'),
        hot_row('1111111010201', '3969010F1020', 'テスト錠５ｍｇ（包装違い）'),
        hot_row('1111111020101', '3969010F2026', 'テスト錠１０ｍｇ'),
    ]).encode('cp932') + b'\r\n')

with open('jp-core/generic-name-map.csv', 'wb') as f:
    f.write('generic_code,yj_code\r\n2149039F1ZZZ,2149039F1020\r\n'.encode('utf-8'))
