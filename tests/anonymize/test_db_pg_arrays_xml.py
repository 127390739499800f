"""PostgreSQL arrays and xml: the scan looks inside them, the copy rewrites them and keeps them well-formed.

QA (Q11) found a scan blind to text[] and bigint[] columns (a national number, an IBAN and an e-mail
unreported), a copy refused by its own leak check because bigint[] was not rewritten, and an xml
cell '<p><insz>61071894044</insz></p>' shape-permuted into '<p><vrqd>68178754824</rlom></d>'.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from gdprscan.anonymize.database import copy_database
from gdprscan.scanner.cli import main
from stdnum.be import nn

KEY = b'pg-arrays-xml-key-0123456789abcde'
SETUP = """
create table t(id int primary key, tags text[], codes bigint[], doc jsonb, x xml);
insert into t values
 (1, ARRAY['rijksregisternummer 85073003328','BE97310664475449'], ARRAY[85073003328, 61071894044],
  '["85073003328"]', '<p><insz>61071894044</insz></p>'),
 (2, ARRAY['jan.peeters@telenet.be'], NULL, '{"iban":"BE97310664475449"}', NULL);
"""


@pytest.fixture()
def pg() -> Iterator[tuple[str, str]]:
    from conftest import pg_databases

    with pg_databases('gdprscan_arrays', 2) as urls:
        with sa.create_engine(urls[0]).begin() as conn:
            for statement in SETUP.split(';'):
                if statement.strip():
                    conn.execute(sa.text(statement))
        yield urls[0], urls[1]


def test_scan_reads_array_elements(pg: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    src, _ = pg
    assert main(['scan', src, '--format', 'jsonl', '--fail-on', 'none']) == 0
    found = {
        (d['location']['column'], d['entity'])
        for d in map(json.loads, capsys.readouterr().out.splitlines())
        if 'row' in d['location']
    }
    assert {
        ('tags', 'BE_NATIONAL_NUMBER'),
        ('tags', 'IBAN_CODE'),
        ('tags', 'EMAIL_ADDRESS'),
        ('codes', 'BE_NATIONAL_NUMBER'),
    } <= found


def test_copy_rewrites_arrays_and_keeps_xml_well_formed(pg: tuple[str, str]) -> None:
    src, dst = pg
    result = copy_database(src, dst, KEY, check=True)
    assert result.leaks is not None and result.leaks.count == 0
    with sa.create_engine(dst).connect() as conn:
        rows = conn.execute(sa.text('SELECT tags, codes, x::text FROM t ORDER BY id')).fetchall()
    tags, codes, x = rows[0]
    assert len(codes) == 2 and all(isinstance(c, int) for c in codes)
    assert all(nn.is_valid(str(c).zfill(11)) for c in codes)
    assert not {85073003328, 61071894044} & set(codes)
    assert tags[0].startswith('rijksregisternummer ') and '85073003328' not in tags[0]
    doc = ET.fromstring(x)  # still well-formed, same tags
    assert doc.tag == 'p' and [e.tag for e in doc] == ['insz']
    number = doc.find('insz').text or ''
    assert nn.is_valid(number) and number != '61071894044'
    assert rows[1][2] is None and 'jan.peeters' not in rows[1][0][0]
