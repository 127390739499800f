"""SARIF 2.1.0 for code-scanning dashboards, as plain dicts (no sarif-om).

- One rule per entity found, referenced by ``ruleId`` and ``ruleIndex``; rule
  properties carry the GDPR categories and article, and tags for filtering.
  Level: ``error`` for special categories (art. 9) and criminal data (art. 10),
  ``warning`` otherwise.
- Artifact URIs are relative to ``%SRCROOT%``, the folder gdprscan ran in, with
  ``/`` separators and %-encoding; a file outside it gets an absolute
  ``file://`` URI, a database source its URL. The absolute path of
  ``%SRCROOT%`` is left out on purpose: home folders carry user names.
- ``region`` (1-based) where a line is known: text, JSON, e-mail; for CSV/TSV
  the data row plus one (the header is line 1). Other locations (sheet, page,
  paragraph) go to the result's ``properties.location``.
- Files that could not be read: ``invocations[0].toolExecutionNotifications``.
- Allowlisted findings stay in the log with ``suppressions``: ``inSource`` for
  the ``gdprscan: allow`` pragma, ``external`` for the baseline and the
  synthetic-data policy.
- ``partialFingerprints['gdprscan/v1']``: the keyed fingerprint of the baseline
  (HMAC under ``GDPRSCAN_KEY`` or the key file) when a key is available. Without
  a key the entry is omitted: an unkeyed hash of a national number can be
  reversed by enumeration, and dashboards then fall back to their own
  location-based matching.
- Values are masked; the raw value appears (``properties.value``) only with
  ``--show-values``. So are values found in a file name, inside the artifact URI
  (``loonfiche%20**.**.**-***.14.txt``); the fingerprint is of the real path,
  so it matches the baseline's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import TextIO
from urllib.parse import quote

from gdprscan.classifiers.categories import SPECIAL_ARTICLES
from gdprscan.classifiers.categories import categories
from gdprscan.scanner import sourcepath
from gdprscan.scanner.masked_sources import mask_name
from gdprscan.scanner.masked_sources import name_values
from gdprscan.scanner.reporters import show_values
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
SCHEMA_FILE = Path(__file__).with_name('sarif-schema-2.1.0.json')
BASE_ID = '%SRCROOT%'
FINGERPRINT_NAME = 'gdprscan/v1'
_TABLE_SUFFIXES = ('.csv', '.tsv')

DESCRIPTIONS = {
    'BE_NATIONAL_NUMBER': 'Belgian national register number (rijksregisternummer, numéro national)',
    'BE_BIS_NUMBER': 'Belgian BIS number (social security number of non-residents)',
    'BE_ID_CARD_NUMBER': 'Belgian identity card number',
    'BE_ENTERPRISE_NUMBER': 'Belgian enterprise number (KBO/BCE, VAT)',
    'IBAN_CODE': 'International bank account number (IBAN)',
    'CREDIT_CARD': 'Payment card number',
    'EMAIL_ADDRESS': 'E-mail address',
    'PHONE_NUMBER': 'Telephone number',
    'IP_ADDRESS': 'IP address',
    'PERSON': 'Name of a person',
    'LOCATION': 'Postal address or place',
    'DATE_OF_BIRTH': 'Date of birth',
}
_SUPPRESSION = {
    'pragma': ('inSource', 'gdprscan: allow pragma on the line'),
    'baseline': ('external', 'accepted in the gdprscan baseline'),
    'synthetic': ('external', 'synthetic test data by the configured policy'),
}


def _key() -> tuple[bytes | None, str | None]:
    """The fingerprint key if one is configured; a warning instead of a crash when it is unusable."""
    from gdprscan.scanner import fingerprint

    try:
        return fingerprint.load_key(required=False), None
    except fingerprint.KeyError_ as e:
        return None, f'partialFingerprints omitted: {e}'


def artifact_location(
    source: str, targets: Sequence[str], masks: Sequence[tuple[str, str]] = ()
) -> dict[str, Any]:
    """A %-encoded URI for ``source``: relative to %SRCROOT% when below the working folder.

    ``masks``: (value, masked) found in the file name of ``source`` (the real path), masked in the URI.
    """
    if sourcepath.is_url(source):
        return {'uri': quote(source, safe=":/?#[]@!$&'()*+,;=%")}
    path = sourcepath.canonical(source, targets)
    if masks:
        path = mask_name(path, masks)
    if path.startswith('/'):
        return {'uri': 'file://' + quote(path, safe='/', errors='surrogateescape')}
    # A name that is not UTF-8 (José in Latin-1 on a Samba share) keeps its raw bytes, %-encoded.
    return {'uri': quote(path, safe='/', errors='surrogateescape'), 'uriBaseId': BASE_ID}


def region(f: Finding) -> dict[str, int] | None:
    """1-based region of ``f`` where a line is known."""
    loc = f.location
    if isinstance(loc.get('line'), int) and 'page' not in loc:
        r = {'startLine': loc['line']}
        if isinstance(loc.get('column'), int):
            r['startColumn'] = loc['column']
            if '\n' not in f.value:
                r['endColumn'] = loc['column'] + len(f.value)
        return r
    if isinstance(loc.get('row'), int) and 'sheet' not in loc and f.source.lower().endswith(_TABLE_SUFFIXES):
        return {'startLine': loc['row'] + 1}
    return None


def _rule(entity: str, sample: Finding, lang: str) -> dict[str, Any]:
    cats = categories()
    labels = [cats[c].label(lang) if c in cats else c for c in sample.categories]
    text = DESCRIPTIONS.get(entity, entity.replace('_', ' ').capitalize())
    special = sample.article in SPECIAL_ARTICLES
    return {
        'id': entity,
        'name': ''.join(part.capitalize() for part in entity.split('_')),
        'shortDescription': {'text': text},
        'fullDescription': {
            'text': f'{text}: personal data under GDPR article {sample.article} ({", ".join(labels)}).'
        },
        'defaultConfiguration': {'level': 'error' if special else 'warning'},
        'help': {
            'text': 'Remove the value or replace it with synthetic data (gdprscan anonymize). To accept it, '
            "add a 'gdprscan: allow' comment on its line or record it with `gdprscan baseline create`."
        },
        'properties': {
            'categories': list(sample.categories),
            'article': sample.article,
            'tags': ['privacy', 'gdpr', f'gdpr-article-{sample.article}', *sample.categories],
        },
    }


def _result(
    f: Finding,
    rule_index: int,
    rule: dict[str, Any],
    values: bool,
    targets: Sequence[str],
    key: bytes | None,
    canon: dict[str, str],
    masks: dict[str, list[tuple[str, str]]],
) -> dict[str, Any]:
    real = f.clear_source or f.source  # a file name with personal data is masked, in the URI too
    physical: dict[str, Any] = {'artifactLocation': artifact_location(real, targets, masks.get(real, ()))}
    reg = region(f)
    if reg:
        physical['region'] = reg
    shown = f.value if values else f.masked
    res: dict[str, Any] = {
        'ruleId': f.entity,
        'ruleIndex': rule_index,
        'level': rule['defaultConfiguration']['level'],
        'message': {'text': f'{rule["shortDescription"]["text"]}: {shown} (GDPR art. {f.article})'},
        'locations': [{'physicalLocation': physical}],
        'properties': {
            'location': f.location,
            'categories': list(f.categories),
            'article': f.article,
            'score': round(f.score, 3),
            'recognizer': f.recognizer,
            'masked': f.masked,
        },
    }
    if values:
        res['properties']['value'] = f.value
    if key is not None and not sourcepath.is_url(f.source):
        from gdprscan.scanner.baseline import finding_fingerprint

        if real not in canon:  # the baseline's fingerprint: of the real path
            canon[real] = sourcepath.canonical(real, targets)
        res['partialFingerprints'] = {FINGERPRINT_NAME: finding_fingerprint(key, f, canon[real])}
    if f.suppressed:
        kind, why = _SUPPRESSION.get(f.suppressed, ('external', f.suppressed))
        res['suppressions'] = [{'kind': kind, 'state': 'accepted', 'justification': why}]
    return res


def sarif_log(result: ScanResult) -> dict[str, Any]:
    """The SARIF log of ``result`` as a dict."""
    values = show_values(result)
    lang = str(result.settings.get('report_lang') or 'en')
    targets = list(result.targets)
    key, key_problem = _key()
    findings = result.findings
    entities = sorted({f.entity for f in findings})
    samples = {f.entity: f for f in reversed(findings)}
    rules = [_rule(e, samples[e], lang) for e in entities]
    index = {e: i for i, e in enumerate(entities)}
    canon: dict[str, str] = {}
    masks = {} if values else name_values(findings)  # values in file names, masked in every URI
    results = [
        _result(f, index[f.entity], rules[index[f.entity]], values, targets, key, canon, masks)
        for f in findings
    ]
    real = {f.source: f.clear_source for f in findings if f.clear_source}
    notifications = [
        {
            'level': 'error',
            'message': {'text': f'{source}: {reason}'},
            'locations': [
                {
                    'physicalLocation': {
                        'artifactLocation': artifact_location(
                            real.get(source, source), targets, masks.get(real.get(source, source), ())
                        )
                    }
                }
            ],
            'descriptor': {'id': 'unreadable-source'},
        }
        for source, reason in result.errors
    ]
    invocation: dict[str, Any] = {'executionSuccessful': True, 'toolExecutionNotifications': notifications}
    if key_problem:
        invocation['toolConfigurationNotifications'] = [
            {'level': 'warning', 'message': {'text': key_problem}}
        ]
    driver: dict[str, Any] = {
        'name': 'gdprscan',
        'rules': rules,
    }
    version = result.settings.get('version')
    if version and version != 'unknown':
        driver['version'] = str(version)
        driver['semanticVersion'] = str(version)
    return {
        '$schema': SCHEMA_URI,
        'version': '2.1.0',
        'runs': [
            {
                'tool': {'driver': driver},
                'invocations': [invocation],
                'columnKind': 'unicodeCodePoints',
                'results': results,
                'properties': {
                    'profile': result.settings.get('profile'),
                    'filesScanned': result.files_scanned,
                    'tablesScanned': result.tables_scanned,
                    'tablesSampled': [
                        {'table': n['source'], 'rowsRead': n['rows_read'], 'rowsTotal': n['rows_total']}
                        for n in result.extra.get('sampled') or ()
                    ],
                    'filesWithErrors': len(result.errors),
                },
            }
        ],
    }


def write(result: ScanResult, out: TextIO) -> None:
    json.dump(sarif_log(result), out, ensure_ascii=False, indent=2)
    out.write('\n')
