"""QA2 D25: policy typos are not accepted silently.

An unknown entity name (``entities: {IBAN_COD: keep}``) is a one-line PolicyError (exit 2 in the CLI,
nothing written), as ``gdprscan scan --entities IBAN_COD`` is; entities of custom recognisers count
when their files are given. A ``[table.]column`` rule without glob characters that matches no column
of SOURCE is a warning line (:func:`unmatched_rules`; a ``PolicyWarning`` in the DataFrame API).
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest
from gdprscan.anonymize import Pseudonymizer
from gdprscan.anonymize.policy import PolicyError
from gdprscan.anonymize.policy import PolicyWarning
from gdprscan.anonymize.policy import from_dict
from gdprscan.anonymize.policy import load
from gdprscan.anonymize.policy import unmatched_rules
from gdprscan.scanner.cli import main

KEY_HEX = '5f' * 32


@pytest.mark.parametrize(
    ('data', 'where', 'hint'),
    (
        ({'entities': {'IBAN_COD': 'keep'}}, 'entities.IBAN_COD', 'did you mean IBAN_CODE?'),
        ({'entities': {'rrn': 'mask'}}, 'entities.rrn', 'unknown entity RRN'),
        (
            {'columns': {'nr': {'action': 'mask', 'entity': 'BE_NATIONAL_NUMMER'}}},
            'columns.nr.entity',
            'BE_NATIONAL_NUMBER',
        ),
    ),
)
def test_unknown_entity_is_a_policy_error(data: dict[str, object], where: str, hint: str) -> None:
    with pytest.raises(PolicyError) as caught:
        from_dict(data)
    message = str(caught.value)
    assert message.startswith(where) and hint in message and '\n' not in message
    assert isinstance(caught.value, ValueError)


def test_known_entities_still_load() -> None:
    pol = from_dict({'entities': {'iban_code': 'redact', 'HEALTH_DATA': 'generalize'}})
    assert pol.entities == {'IBAN_CODE': 'redact', 'HEALTH_DATA': 'generalise'}


def test_custom_recogniser_entities_count_when_their_files_are_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no project configuration with recognisers
    rules = tmp_path / 'rules.yaml'
    rules.write_text('recognizers:\n  - entity: PERSONEELSNUMMER\n    patterns: ["P\\\\d{6}"]\n', 'utf-8')
    policy = tmp_path / 'policy.yaml'
    policy.write_text('entities:\n  PERSONEELSNUMMER: redact\n', 'utf-8')
    with pytest.raises(PolicyError, match='unknown entity PERSONEELSNUMMER'):
        load(policy)
    assert load(policy, recognizer_files=[rules]).entities == {'PERSONEELSNUMMER': 'redact'}


def test_custom_recogniser_entities_of_the_project_configuration_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / 'rules.yaml').write_text(
        'recognizers:\n  - entity: PERSONEELSNUMMER\n    patterns: ["P\\\\d{6}"]\n', 'utf-8'
    )
    (tmp_path / 'pyproject.toml').write_text('[tool.gdprscan]\nrecognizers = ["rules.yaml"]\n', 'utf-8')
    monkeypatch.chdir(tmp_path)
    assert from_dict({'entities': {'PERSONEELSNUMMER': 'redact'}}).entities == {'PERSONEELSNUMMER': 'redact'}
    with pytest.raises(PolicyError, match='unknown entity PERSONEELSNUMER'):
        from_dict({'entities': {'PERSONEELSNUMER': 'redact'}})


def test_cli_refuses_a_policy_with_an_unknown_entity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / 'src'
    src.mkdir()
    (src / 'a.txt').write_text('IBAN BE71 0961 2345 6769\n', encoding='utf-8')
    policy = tmp_path / 'policy.yaml'
    policy.write_text('entities:\n  IBAN_COD: keep\n', 'utf-8')
    monkeypatch.setenv('GDPRSCAN_TEST_KEY', KEY_HEX)
    out = tmp_path / 'out'
    code = main(
        ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_TEST_KEY', '--policy', str(policy)]
    )
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert 'unknown entity IBAN_COD' in err and len(err.strip().splitlines()) == 1 and 'Traceback' not in err


def test_unmatched_exact_rules_are_warning_lines() -> None:
    pol = from_dict(
        {
            'columns': {'werknemer.opmerkingen': 'drop', 'werknemer.Naam': 'keep', '*.notes': 'drop'},
            'quasi_identifiers': {'werknemer.geboortedatm': 'birth_date', 'postcode': 'postcode'},
        }
    )
    source = [
        ('werknemer', 'naam'),
        ('werknemer', 'opmerking'),
        ('werknemer', 'geboortedatum'),
        ('adres', 'postcode'),
    ]
    assert unmatched_rules(pol, source) == [
        'policy: columns.werknemer.opmerkingen matches no column of SOURCE (a typo?)',
        'policy: quasi_identifiers.werknemer.geboortedatm matches no column of SOURCE (a typo?)',
    ]
    assert unmatched_rules(pol, [*source, ('werknemer', 'opmerkingen'), ('werknemer', 'geboortedatm')]) == []


def test_dataframe_warns_for_a_rule_of_its_table_that_names_no_column() -> None:
    pd = pytest.importorskip('pandas')
    pol = from_dict({'columns': {'werknemer.opmerkingen': 'drop', 'andere.opmerkingen': 'drop'}})
    df = pd.DataFrame({'naam': ['Jan'], 'opmerking': ['langdurig ziek']})
    with pytest.warns(
        PolicyWarning, match="columns.werknemer.opmerkingen matches no column of the frame 'werknemer'"
    ):
        Pseudonymizer(KEY_HEX.encode(), pol).dataframe(df, table='werknemer')
    with warnings.catch_warnings():
        warnings.simplefilter('error')  # a rule of another table, or no table given: no warning
        Pseudonymizer(KEY_HEX.encode(), pol).dataframe(df)
        Pseudonymizer(KEY_HEX.encode(), pol).dataframe(
            df.rename(columns={'opmerking': 'opmerkingen'}), table='werknemer'
        )


def test_file_writers_record_the_columns_they_saw(tmp_path: Path) -> None:
    from gdprscan.anonymize.actions import Actions
    from gdprscan.anonymize.text import Rewriter
    from gdprscan.anonymize.writers import Context
    from gdprscan.anonymize.writers import write_delimited
    from gdprscan.anonymize.writers import write_json
    from gdprscan.scanner.engine import Engine
    from gdprscan.scanner.engine import Settings

    pol = from_dict({'columns': {'medewerkers.opmerkingen': 'drop'}})
    src = tmp_path / 'medewerkers.csv'
    with src.open('w', newline='', encoding='utf-8') as f:
        csv.writer(f).writerows([['naam', 'opmerking'], ['Jan', 'x']])
    ctx = Context(Rewriter(Engine(Settings()), Actions(bytes.fromhex(KEY_HEX), pol)), pol, 'medewerkers.csv')
    write_delimited(src, tmp_path / 'out.csv', ctx)
    assert {('medewerkers', 'opmerking'), (None, 'opmerking'), (None, 'naam')} <= ctx.columns
    assert unmatched_rules(pol, ctx.columns) == [
        'policy: columns.medewerkers.opmerkingen matches no column of SOURCE (a typo?)'
    ]
    (tmp_path / 'hr.json').write_text('[{"naam": "Jan", "adres": {"straat": "Kerkstraat 1"}}]', 'utf-8')
    ctx2 = Context(ctx.rewriter, pol, 'hr.json')
    write_json(tmp_path / 'hr.json', tmp_path / 'hr_out.json', ctx2)
    assert {('hr', 'naam'), ('hr', 'straat'), (None, 'adres')} <= ctx2.columns
