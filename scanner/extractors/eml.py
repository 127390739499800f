"""E-mail (.eml): address and subject headers, the body, and attachments, through the stdlib parser.

Locations:

- header: ``{'header': 'From'}`` (From, Sender, Reply-To, To, Cc, Bcc, Subject), decoded; the
  first hop's ``Received`` header (the last one: the sender's machine, a home IP) and the
  originating-IP headers (``X-Originating-IP``, ``X-Sender-IP``, ``X-Client-IP``);
- body: ``{'line', 'column'}``, 1-based, in the decoded body a mail client shows: the
  text/plain alternative when there is one, else the HTML converted to text (tags dropped,
  block elements as line breaks), so the same text is not reported twice; a body without a
  charset, or whose declared charset does not decode it, is read with the sniffed encoding
  (:func:`~gdprscan.scanner.extractors.encoding.decode`), as the same bytes in a file would be;
- attachment: ``{'attachment': filename, ...}`` plus the location its own format gives
  (``line``/``column`` for text, ``column``/``row`` for CSV, ``page``/``line`` for a PDF,
  ``paragraph`` for a DOCX, ``sheet``/``column``/``row`` for an XLSX, and so on). An
  attached message (a forward) is read as an .eml of its own; nested names join with '/'
  (``{'attachment': '#1/brief.docx', 'paragraph': 2}``); an unnamed attachment is ``#n``.
  Each attachment is written to a private temporary directory that is removed afterwards,
  and read by the extractor of its suffix, with the same limits and zip guard (a text
  attachment without charset is sniffed like a file). Images and other binaries are skipped;
- attachment name: ``{'attachment': filename, 'attachment_name': True}``, the file name scanned
  as the engine scans a file's own name (``loonfiche 85.07.30-033.28.txt``); the CLI masks a
  value found there in every printed ``attachment`` location and error line
  (:func:`gdprscan.scanner.masked_sources.mask_attachments`).

Each attachment is read on its own: a broken one (encrypted PDF, corrupt DOCX, zip bomb) does not
stop the next one. The message's error line names every attachment that could not be read
('attachment 1 (beveiligd.pdf): encrypted document ...; attachment 3 (...): ...'), an archive no
extractor opens (7z, rar, ...) included. It is raised after the last attachment, so the engine keeps
every finding of the headers, the body and the readable attachments.
"""
from __future__ import annotations

import email
import email.errors
import re
import tempfile
from collections.abc import Iterator
from collections.abc import Sequence
from email import policy
from email.message import EmailMessage
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

from gdprscan.scanner.extractors.encoding import decode
from gdprscan.scanner.types import TRACK_LINE_COLUMN
from gdprscan.scanner.types import ExtractError
from gdprscan.scanner.types import TextUnit

SUFFIXES = ('.eml',)
STREAMS = False
HEADERS = ('From', 'Sender', 'Reply-To', 'To', 'Cc', 'Bcc', 'Subject')
#: Headers a webmail or client adds with the sender's own address (other X- headers: server noise).
ORIGIN_HEADERS = ('X-Originating-IP', 'X-Sender-IP', 'X-Client-IP')
_SAFE_SUFFIX = re.compile(r'\.[a-z0-9]{1,10}')
_ARCHIVES = frozenset(('.zip', '.7z', '.rar', '.gz', '.tgz', '.tar', '.bz2', '.xz'))
_TEXT_SUFFIX = {'plain': '.txt', 'csv': '.csv', 'html': '.html', 'tab-separated-values': '.tsv'}


def extract(path: Path) -> Iterator[TextUnit]:
    try:
        with path.open('rb') as f:
            msg = email.message_from_binary_file(f, policy=policy.default)
    except (email.errors.MessageError, ValueError, LookupError, IndexError) as e:
        raise ExtractError(f'malformed e-mail ({type(e).__name__})') from e
    if not isinstance(msg, EmailMessage):
        raise ExtractError('malformed e-mail (not a message)')
    try:
        for name in HEADERS:
            for value in msg.get_all(name) or ():
                if str(value).strip():
                    yield TextUnit(str(value), {'header': name})
        received = msg.get_all('Received') or []
        if received and str(received[-1]).strip():  # the first hop: the sender's own machine (a home IP);
            yield TextUnit(str(received[-1]), {'header': 'Received'})  # later hops are mail servers
        for name in ORIGIN_HEADERS:  # the header's name is the context of its bare address
            for value in msg.get_all(name) or ():
                if str(value).strip():
                    yield TextUnit(f'{name}: {value}', {'header': name})
        body = msg.get_body(preferencelist=('plain', 'html'))
        if body is not None:
            text = _text(body)
            if body.get_content_subtype() == 'html':
                text = html_to_text(text)
            if text.strip():
                yield TextUnit(text, {'line': 1}, TRACK_LINE_COLUMN)
        if msg.is_multipart():
            attachments = [p for p in _leaf_parts(msg) if p is not body and _is_attachment(p)]
        else:  # a message that is one non-text part (a scanner's mail with just a PDF)
            attachments = [msg] if body is None and msg.get_payload() else []
    except (email.errors.MessageError, ValueError, LookupError, IndexError, AttributeError) as e:
        raise ExtractError(f'malformed e-mail ({type(e).__name__})') from e
    if attachments:
        yield from _attachments(attachments)


def _leaf_parts(msg: Message) -> Iterator[Message]:
    """Non-multipart parts; an attached message (message/rfc822) is one part, not walked into."""
    for part in msg.iter_parts():  # type: ignore[attr-defined]
        if part.get_content_type() != 'message/rfc822' and part.is_multipart():
            yield from _leaf_parts(part)
        else:
            yield part


def _is_attachment(part: Message) -> bool:
    if part.get_content_type() == 'message/rfc822':
        return True
    return part.get_content_disposition() == 'attachment' or part.get_filename() is not None


def _attachments(parts: Sequence[Message]) -> Iterator[TextUnit]:
    from gdprscan.scanner import extractors

    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix='gdprscan-eml-') as tmp:
        for n, part in enumerate(parts, start=1):
            name = part.get_filename() or f'#{n}'
            if name.strip() and name != f'#{n}':
                yield TextUnit(name, {'attachment': name, 'attachment_name': True})
            suffix = Path(name).suffix.lower()
            payload: object
            if part.get_content_type() == 'message/rfc822':
                suffix, payload = '.eml', _message_bytes(part)
            else:
                if not _SAFE_SUFFIX.fullmatch(suffix):
                    text_part = part.get_content_maintype() == 'text'
                    suffix = _TEXT_SUFFIX.get(part.get_content_subtype(), '.txt') if text_part else '.bin'
                payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes) or not payload:
                continue
            file = Path(tmp, f'attachment-{n}{suffix}')
            file.write_bytes(payload)
            extractor = extractors.for_path(file)
            if extractor is None:
                if suffix in _ARCHIVES:  # it can hold anything: the DPO must know it was not read
                    errors.append(f'attachment {n} ({name}): archive not scanned ({suffix})')
                continue
            try:
                for unit in extractor.extract(file):
                    inner = unit.location.get('attachment')
                    where = {**unit.location, 'attachment': f'{name}/{inner}' if inner else name}
                    yield TextUnit(unit.text, where, unit.track, unit.pragma, unit.row_key)
            except ExtractError as e:
                if type(e).__name__ != 'BinaryFile':
                    errors.append(f'attachment {n} ({name}): {e}')
            except (MemoryError, RecursionError):
                raise
            except Exception as e:  # an attachment is a file of its own: its parser's error ends it only
                if type(e).__name__ == 'FileTimeout':  # the whole message's time is up
                    raise
                errors.append(f'attachment {n} ({name}): unreadable ({type(e).__name__})')
            finally:
                file.unlink(missing_ok=True)
    if errors:
        raise ExtractError('; '.join(errors))


def _message_bytes(part: Message) -> bytes:
    inner = part.get_payload(0) if part.is_multipart() else None
    return inner.as_bytes(policy=policy.default) if isinstance(inner, Message) else b''


def _text(part: Message) -> str:
    """A text part decoded by its charset; none, or an unknown or wrong one: by the sniffed encoding."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ''
    return decode(payload, part.get_content_charset())[0]


class _TextOfHTML(HTMLParser):
    BLOCKS = frozenset('p br div tr li ul ol h1 h2 h3 h4 h5 h6 table blockquote pre hr title'.split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ('script', 'style'):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append('\n')
        elif tag in ('td', 'th'):
            self.parts.append('\t')

    def handle_endtag(self, tag: str) -> None:
        if tag in ('script', 'style'):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append('\n')

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML body, one block element per line.

    >>> html_to_text('<p>IBAN<br>BE71&nbsp;0961</p><script>x=1</script>')
    'IBAN\\nBE71 0961'
    """
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    text = ''.join(parser.parts).replace('\xa0', ' ')
    text = re.sub(r'[ \t]*\n[ \t\n]*\n', '\n', text)
    return text.strip('\n')
