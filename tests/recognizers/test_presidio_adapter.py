"""Our recognisers inside presidio_analyzer.AnalyzerEngine: no-op NLP engine and a real spaCy pipeline."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip('presidio_analyzer')

from gdprscan.recognizers import presidio  # noqa: E402

TEXT_NL = 'Rijksregisternummer 85.07.30-033.28, IBAN BE71 0961 2345 6769, gsm 0470 12 34 56, x 0403.019.261'


def found(results: list, text: str) -> list[tuple[str, str, float]]:  # type: ignore[type-arg]
    return sorted((r.entity_type, text[r.start : r.end], round(r.score, 2)) for r in results)


def test_noop_engine_finds_and_boosts_per_language() -> None:
    engine = presidio.analyzer(languages=('nl', 'fr', 'en'))
    assert found(engine.analyze(TEXT_NL, language='nl'), TEXT_NL) == [
        ('BE_ENTERPRISE_NUMBER', '0403.019.261', 0.5),  # no KBO word before it: medium
        ('BE_NATIONAL_NUMBER', '85.07.30-033.28', 0.95),
        ('IBAN_CODE', 'BE71 0961 2345 6769', 0.95),
        ('PHONE_NUMBER', '0470 12 34 56', 0.95),
    ]
    # Dutch context words do not count in a French analysis; French ones do.
    assert ('BE_NATIONAL_NUMBER', '85.07.30-033.28', 0.6) in found(
        engine.analyze(TEXT_NL, language='fr'), TEXT_NL
    )
    fr = 'Numéro national 85.07.30-033.28'
    assert found(engine.analyze(fr, language='fr'), fr) == [('BE_NATIONAL_NUMBER', '85.07.30-033.28', 0.95)]


def test_validators_apply_inside_presidio() -> None:
    engine = presidio.analyzer(languages=('en',))
    text = 'checksum 85.07.30-033.29, payment +++090/9337/55493+++, textbook BE68 5390 0754 7034'
    assert engine.analyze(text, language='en') == []


def test_entities_filter_and_metadata() -> None:
    engine = presidio.analyzer(languages=('nl',))
    [r] = engine.analyze(TEXT_NL, language='nl', entities=['IBAN_CODE'])
    assert r.recognition_metadata['recognizer_name'] == 'gdprscan_iban_nl'
    assert r.recognition_metadata['is_score_enhanced_by_context'] is True


def test_spacy_pipeline_with_presidio_builtin_recognisers() -> None:
    """A real spaCy French pipeline (installed, no download) and Presidio's own e-mail recogniser."""
    pytest.importorskip('fr_core_news_sm')
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    nlp = NlpEngineProvider(
        nlp_configuration={
            'nlp_engine_name': 'spacy',
            'models': [{'lang_code': 'fr', 'model_name': 'fr_core_news_sm'}],
        }
    ).create_engine()
    engine = presidio.analyzer(
        languages=('fr',), nlp_engine=nlp, extra=[EmailRecognizer(supported_language='fr')]
    )
    text = 'Le NISS de Marie Dubois est 85073003328 et son courriel marie.dubois@example.be.'
    got = found(engine.analyze(text, language='fr'), text)
    assert ('BE_NATIONAL_NUMBER', '85073003328', 0.95) in got  # 'niss' within 40 characters before
    assert [g for g in got if g[0] == 'EMAIL_ADDRESS' and g[1] == 'marie.dubois@example.be']


def test_tldextract_kept_offline_and_presidio_not_on_fast_path() -> None:
    code = (
        'import sys, json\n'
        'from gdprscan.scanner.engine import Engine, Settings\n'
        'Engine(Settings())\n'
        'fast = [m for m in ("presidio_analyzer", "spacy") if m in sys.modules]\n'
        'import gdprscan.recognizers.presidio\n'
        'import tldextract.tldextract as t\n'
        'print(json.dumps({"fast": fast, "urls": list(t.TLD_EXTRACTOR.suffix_list_urls)}))\n'
    )
    env_out = subprocess.run(
        [sys.executable, '-c', code],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in __import__('os').environ.items() if k != 'TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS'},
    )
    assert json.loads(env_out.stdout) == {'fast': [], 'urls': []}
