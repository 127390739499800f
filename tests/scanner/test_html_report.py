"""The DPO report, rendered in a real headless browser (Debian's chromium, see tests/browser.sh).

Checked on the rendered page: headings and tables per language, no console message, no request
made by the page (chromium's NetLog lists every request; the browser's own background traffic has
no file:// page as its origin), HTML-escaped scan strings, and a screenshot for a person to look at.
Control pages prove that the console and network checks can fail.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import skip_or_fail
from gdprscan.scanner.cli import main
from gdprscan.scanner.reporters import html as html_report
from gdprscan.scanner.types import Finding
from gdprscan.scanner.types import ScanResult

pytestmark = pytest.mark.browser

STATEMENTS = Path(__file__).resolve().parents[2].parent / 'shared' / 'statements'
FLAGS = (
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--hide-scrollbars',
)


def chromium() -> str:
    path = shutil.which('chromium') or ('/usr/bin/chromium' if Path('/usr/bin/chromium').exists() else None)
    if path is None:
        skip_or_fail('chromium is not installed (tests/browser.sh installs it)')
    return str(path)


class Rendered:
    """What the browser made of a page: the DOM, console messages, and the page's own requests."""

    def __init__(self, dom: str, console: list[str], requests: list[str]) -> None:
        self.dom, self.console, self.requests = dom, console, requests


def render(page: Path, tmp_path: Path) -> Rendered:
    profile = tmp_path / f'profile-{page.stem}'
    netlog = tmp_path / f'netlog-{page.stem}.json'
    proc = subprocess.run(
        [
            chromium(),
            *FLAGS,
            f'--user-data-dir={profile}',
            '--enable-logging=stderr',
            '--v=0',
            f'--log-net-log={netlog}',
            '--dump-dom',
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    console = [line for line in proc.stderr.splitlines() if re.search(r':CONSOLE[(:]', line)]
    return Rendered(proc.stdout, console, page_requests(netlog))


def page_requests(netlog: Path) -> list[str]:
    """URLs the page asked for: requests whose network isolation key is the file:// page."""
    text = netlog.read_text(encoding='utf-8').rstrip().rstrip(',')
    if not text.endswith('}'):
        text += ']}'
    log = json.loads(text)
    start = log['constants']['logEventTypes']['URL_REQUEST_START_JOB']
    urls = []
    for event in log['events']:
        params = event.get('params') or {}
        if event['type'] == start and (
            'file://' in str(params.get('network_isolation_key', ''))
            or params.get('initiator') in ('null', 'file://')
        ):
            urls.append(params['url'])
    return urls


def screenshot(page: Path, png: Path, tmp_path: Path, height: int = 2000) -> tuple[int, int]:
    subprocess.run(
        [
            chromium(),
            *FLAGS,
            f'--user-data-dir={tmp_path / "profile-shot"}',
            f'--window-size=1280,{height}',
            f'--screenshot={png}',
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )
    data = png.read_bytes()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    width, high = struct.unpack('>II', data[16:24])
    return width, high


class Elements(HTMLParser):
    """Tags, attributes and the text of headings and table headers of a document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[str] = []
        self.th: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ('h1', 'h2', 'h3', 'th'):
            self._in.append(tag)
            (self.th if tag == 'th' else self.headings).append('')

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._in:
            target = self.th if self._in[-1] == 'th' else self.headings
            target[-1] += data.strip()


def parse(markup: str) -> Elements:
    e = Elements()
    e.feed(markup)
    return e


VOID = frozenset('area base br col embed hr img input link meta source track wbr'.split())


def assert_balanced(markup: str) -> None:
    """Every element the report opens is closed, in order (the generator, not the browser, must be right)."""

    class Balance(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f'</{tag}> closes {self.stack[-1:]}')
            else:
                self.stack.pop()

    b = Balance()
    b.feed(markup)
    assert b.errors == [] and b.stack == [], (b.errors[:5], b.stack[-5:])


def assert_self_contained(markup: str) -> None:
    """No element or style that could fetch anything: only in-page anchors."""
    assert_balanced(markup)
    e = parse(markup)
    assert not [
        t
        for t, _ in e.tags
        if t
        in (
            'script',
            'link',
            'img',
            'iframe',
            'object',
            'embed',
            'video',
            'audio',
            'source',
            'base',
            'form',
            'frame',
        )
    ]
    for tag, attrs in e.tags:
        for name, value in attrs.items():
            if name in ('href', 'src', 'srcset', 'action', 'data', 'poster', 'background', 'xlink:href'):
                assert value is not None and value.startswith('#'), (tag, name, value)
    style = ''.join(re.findall(r'<style>(.*?)</style>', markup, re.S))
    assert 'url(' not in style and '@import' not in style and '@font-face' not in style


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    share = tmp_path / 'share'
    (share / 'hr').mkdir(parents=True)
    (share / 'medical').mkdir()
    (share / 'hr' / 'personeel.csv').write_text(
        'naam;insz;iban;email;telefoon\n'
        'Jan Peeters;85073003328;BE71096123456769;jan.peeters@example.be;+32 470 12 34 56\n'
        'Piet Janssens;17073003384;BE71096123456769;piet@example.com;02 555 12 12\n',
        encoding='utf-8',
    )
    (share / 'medical' / 'dossier.txt').write_text(
        'RRN 85.07.30-033.28, terugbetaling op BE71 0961 2345 6769, IP 192.168.10.24\n', encoding='utf-8'
    )
    # a file name a browser would read as markup: it must come out as text
    (share / 'hr' / 'a<img src=x>&"b.txt').write_text('mail: an@example.org\n', encoding='utf-8')
    (share / 'hr' / 'loon.xlsx').write_bytes(b'\x00\x01 not a spreadsheet')
    return share


def make_report(tmp_path: Path, tree: Path, lang: str, declared: str | None = None) -> Path:
    out = tmp_path / f'report-{lang}.html'
    argv = ['scan', str(tree), '--format', 'html', '-o', str(out), '--report-lang', lang, '--no-progress']
    if declared:
        argv += ['--declared', declared]
    assert main(argv) == 1
    return out


HEADINGS = {
    'en': [
        'Personal data report',
        'Findings per GDPR category',
        'Declared versus found',
        'Findings per source',
        'Files that could not be read',
        'Scan settings',
    ],
    'nl': [
        'Rapport persoonsgegevens',
        'Vondsten per AVG-categorie',
        'Aangegeven versus gevonden',
        'Vondsten per bron',
        'Bestanden die niet gelezen konden worden',
        'Instellingen van de scan',
    ],
    'fr': [
        'Rapport sur les données personnelles',
        'Détections par catégorie RGPD',
        'Déclaré et trouvé',
        'Détections par source',
        "Fichiers qui n'ont pas pu être lus",
        "Paramètres de l'analyse",
    ],
}


@pytest.mark.parametrize('lang', ('en', 'nl', 'fr'))
def test_rendered_report(tmp_path, tree, capsys, lang):
    page = make_report(tmp_path, tree, lang, str(STATEMENTS / 'liantis-en.txt'))
    capsys.readouterr()
    markup = page.read_text(encoding='utf-8')
    assert_self_contained(markup)
    rendered = render(page, tmp_path)
    assert rendered.console == []
    assert rendered.requests == []
    dom = parse(rendered.dom)
    assert [h for h in dom.headings if h in HEADINGS[lang]] == HEADINGS[lang]
    text = ' '.join(dom.text)
    # masked values only
    assert '85073003328' not in text and 'jan.peeters@example.be' not in text and '0961 2345' not in text
    assert '**.**.**-***.28' in text and 'BE** **** **** 6769' in text
    # the comparison: Liantis declares no login or electronic-communication data; the IP address is both
    assert 'login' in text and 'medical/dossier.txt' in text
    # the unreadable file and why
    assert 'hr/loon.xlsx' in text
    # the strange file name is text, not an element
    assert 'hr/a<img src=x>&"b.txt' in text
    assert not [t for t, _ in dom.tags if t in ('img', 'script')]
    # settings, version and duration
    assert 'identifiers' in text and 'liantis-en.txt' in text


def test_screenshot(tmp_path, tree, capsys):
    page = make_report(tmp_path, tree, 'en', str(STATEMENTS / 'group-s-nl.txt'))
    capsys.readouterr()
    width, height = screenshot(page, tmp_path / 'report.png', tmp_path)
    assert (width, height) == (1280, 2000)
    assert (tmp_path / 'report.png').stat().st_size > 50_000  # a rendered page, not a blank one


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Recorder.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def server():
    _Recorder.hits = []
    httpd = ThreadingHTTPServer(('127.0.0.1', 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}'
    httpd.shutdown()
    httpd.server_close()


def test_the_checks_can_fail(tmp_path, server):
    """A control page with an image from a server and a console error: both checks see them."""
    page = tmp_path / 'control.html'
    page.write_text(
        f'<!DOCTYPE html><html><body><h1>control</h1><img src="{server}/pixel.png">'
        '<script>console.error("control error")</script></body></html>',
        encoding='utf-8',
    )
    rendered = render(page, tmp_path)
    assert rendered.requests == [f'{server}/pixel.png']
    assert _Recorder.hits == ['/pixel.png']
    assert any('control error' in line for line in rendered.console)


def test_hostile_strings_stay_text(tmp_path, server):
    """Evidence, values, reasons and statement sentences with markup: escaped, nothing fetched or run."""
    hostile = f'<img src="{server}/leak.png"><script>console.error("xss")</script>'
    finding = Finding(
        source=f'db/{hostile}',
        location={'column': hostile, 'row': 1},
        entity='HEALTH_DATA',
        categories=('health',),
        article='9',
        score=0.9,
        recognizer='test',
        value=hostile,
        evidence={'context': hostile, 'terms': [hostile]},
    )
    result = ScanResult(
        targets=[hostile],
        findings=[finding],
        errors=[(hostile, hostile)],
        files_scanned=1,
        settings={'report_lang': 'en', 'show_values': True, 'version': hostile},
    )
    result.extra['declared'] = {
        'file': hostile,
        'kind': 'statement',
        'declared': ['identification'],
        'found': {'health': {'article': '9', 'count': 1}},
        'undeclared': [
            {
                'category': 'health',
                'article': '9',
                'count': 1,
                'sources': 1,
                'denied': True,
                'where': [
                    {'source': hostile, 'location': {'line': 1}, 'entity': 'HEALTH_DATA', 'masked': hostile}
                ],
            }
        ],
        'not_found': ['identification'],
        'denied': ['health'],
        'evidence': {'identification': hostile},
    }
    page = tmp_path / 'hostile.html'
    with page.open('w', encoding='utf-8') as out:
        html_report.write(result, out)
    markup = page.read_text(encoding='utf-8')
    assert_self_contained(markup)
    rendered = render(page, tmp_path)
    assert rendered.requests == [] and _Recorder.hits == []
    assert rendered.console == []
    dom = parse(rendered.dom)
    assert not [t for t, _ in dom.tags if t in ('img', 'script')]
    assert ''.join(dom.text).count(hostile) >= 8


def test_empty_scan(tmp_path, capsys):
    (tmp_path / 'clean.txt').write_text('nothing personal here\n', encoding='utf-8')
    out = tmp_path / 'r.html'
    assert (
        main(['scan', str(tmp_path / 'clean.txt'), '--format', 'html', '-o', str(out), '--no-progress']) == 0
    )
    assert_self_contained(out.read_text(encoding='utf-8'))
    dom = parse(out.read_text(encoding='utf-8'))
    assert 'No personal data found.' in ' '.join(dom.text)
    assert 'Every file could be read.' in ' '.join(dom.text)
