"""`gdprscan anonymize` renames what `gdprscan scan` finds in file and folder names, with the surrogates
of the contents (QA Q27: the folder was renamed, the name after a number in a file name was kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gdprscan.scanner.cli import main

KEY = '0123456789abcdef0123456789abcdef'
RRN = '85.07.30-033.28'


def test_file_and_folder_names_get_the_surrogates_of_the_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv('GDPRSCAN_NAMES_KEY', KEY)
    src = tmp_path / 'src'
    dossier = src / 'Personeelsdossier Marie Dubois'
    dossier.mkdir(parents=True)
    (dossier / 'CV Marie Dubois.txt').write_text('Beste Marie Dubois, welkom.\n', encoding='utf-8')
    (dossier / 'evaluatie 2024.txt').write_text('Goed gewerkt.\n', encoding='utf-8')
    (src / f'loonfiche {RRN} Jan Peeters.txt').write_text('Beste Jan Peeters, uw loon.\n', encoding='utf-8')
    (src / 'Loonfiche Peeters Jan 2024-03.txt').write_text('Loon april.\n', encoding='utf-8')
    out = tmp_path / 'out'
    args = ['anonymize', str(src), '--out', str(out), '--key-env', 'GDPRSCAN_NAMES_KEY', '--profile', 'full']
    assert main(args) == 0
    captured = capsys.readouterr()
    assert 'leak check OK' in captured.out and 'renamed 4 file/folder names' in captured.out
    paths = sorted(p.relative_to(out).as_posix() for p in out.rglob('*') if p.is_file())
    assert len(paths) == 4
    joined = '\n'.join(paths)
    for original in ('Marie Dubois', 'Jan Peeters', 'Peeters Jan', RRN):
        assert original not in joined and original not in captured.out + captured.err
    # one person, one surrogate: in the folder name, the file name and the text
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    marie = folder.name.removeprefix('Personeelsdossier ')
    assert marie != 'Marie Dubois' and (folder / f'CV {marie}.txt').is_file()
    assert (folder / f'CV {marie}.txt').read_text(encoding='utf-8') == f'Beste {marie}, welkom.\n'
    [loonfiche] = [p for p in out.glob('loonfiche *.txt')]
    jan = loonfiche.read_text(encoding='utf-8').removeprefix('Beste ').removesuffix(', uw loon.\n')
    assert loonfiche.name.endswith(f' {jan}.txt') and jan != 'Jan Peeters'
    first, last = jan.split(' ', 1)
    assert (out / f'Loonfiche {last} {first} 2024-03.txt').is_file()  # "Peeters Jan": the same person
