"""Our recognisers inside Microsoft Presidio: the only module that imports ``presidio_analyzer``.

Why a separate, lazily imported module: ``import presidio_analyzer`` loads spaCy
and about 1,300 modules (0.7-1.1 s), so the identifier path (and the pre-commit
hook) never imports it. Who already runs Presidio gets our Belgian identifiers,
with our validators (python-stdnum, phonenumbers) and our context words per
language, as ordinary ``EntityRecognizer`` objects:

    from gdprscan.recognizers import presidio
    engine = presidio.analyzer(languages=('nl', 'fr', 'en'))
    engine.analyze('RRN 85.07.30-033.28', language='nl')

Scoring as in gdprscan: the recogniser's score, raised to 0.95 when one of the
language's context words occurs within 40 characters before the match; such a
result is marked as already enhanced, so Presidio's own context enhancer does
not raise it twice. :func:`analyzer` uses Presidio's no-op NLP engine (no model
to download or load) unless given another; :func:`offline` keeps tldextract (used
by Presidio's own e-mail recogniser) on its bundled suffix list, never the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from gdprscan import recognizers as registry
from gdprscan.recognizers.base import CONTEXT_SCORE
from gdprscan.recognizers.base import Recognizer
from gdprscan.recognizers.base import find_context


def offline() -> None:
    """Keep tldextract off the network: an empty URL list makes it use its bundled snapshot.

    Must run before tldextract is imported (this module calls it before importing Presidio).
    """
    os.environ.setdefault('TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS', '')


offline()

from presidio_analyzer import AnalyzerEngine  # noqa: E402
from presidio_analyzer import EntityRecognizer  # noqa: E402
from presidio_analyzer import RecognizerRegistry  # noqa: E402
from presidio_analyzer import RecognizerResult  # noqa: E402
from presidio_analyzer.nlp_engine import NlpArtifacts  # noqa: E402
from presidio_analyzer.nlp_engine import NlpEngine  # noqa: E402
from presidio_analyzer.nlp_engine import NoOpNlpEngine  # noqa: E402


class GdprscanRecognizer(EntityRecognizer):  # type: ignore[misc]
    """One gdprscan recogniser for one language, as a Presidio ``EntityRecognizer``."""

    def __init__(self, rec: Recognizer, language: str) -> None:
        self.rec = rec
        self.words = tuple(rec.CONTEXT.get(language, ()))
        name = getattr(rec, '__name__', type(rec).__name__).rsplit('.', 1)[-1]
        self.label = f'gdprscan_{name}_{language}'
        super().__init__(
            supported_entities=[rec.ENTITY],
            name=self.label,
            supported_language=language,
            context=list(self.words),
        )

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import, validators are functions."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[Any]:
        if entities and self.rec.ENTITY not in entities:
            return []
        results = []
        for m in self.rec.find(text):
            word = find_context(text, m.start, self.words) if m.score < CONTEXT_SCORE else None
            score = CONTEXT_SCORE if word else m.score
            result = RecognizerResult(
                entity_type=m.entity,
                start=m.start,
                end=m.end,
                score=score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.label,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: word is not None,
                },
            )
            results.append(result)
        return results


def recognizers_for(
    languages: Sequence[str] = ('nl', 'fr', 'en'),
    profile: str = 'identifiers',
    entities: Iterable[str] | None = None,
) -> list[GdprscanRecognizer]:
    """Presidio recognisers for every gdprscan recogniser of ``profile``, one per language."""
    return [GdprscanRecognizer(rec, lang) for rec in registry.load(profile, entities) for lang in languages]


def analyzer(
    languages: Sequence[str] = ('nl', 'fr', 'en'),
    nlp_engine: NlpEngine | None = None,
    extra: Iterable[EntityRecognizer] = (),
) -> AnalyzerEngine:
    """An ``AnalyzerEngine`` with our recognisers (plus ``extra``), the no-op NLP engine by default."""
    if nlp_engine is None:
        nlp_engine = NoOpNlpEngine(models=[{'lang_code': lang, 'model_name': 'none'} for lang in languages])
    reg = RecognizerRegistry(supported_languages=list(languages))
    for rec in [*recognizers_for(languages), *extra]:
        reg.add_recognizer(rec)
    return AnalyzerEngine(registry=reg, nlp_engine=nlp_engine, supported_languages=list(languages))
