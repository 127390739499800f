"""The pre-commit hook end to end: a real git repository, real pre-commit, real commits.

Two ways a team installs it: a ``repo: local`` hook that runs the installed
``gdprscan``, and this checkout as a hook repository (``pre-commit try-repo``,
which reads ``.pre-commit-hooks.yaml``, builds a virtualenv and pip-installs the
project: about 40 s, marked ``slow``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
KEY = '5e' * 32
NN_ROW = 'Jan,85073003328\n'  # a valid national number (stdnum's example)

LOCAL_CONFIG = """\
repos:
- repo: local
  hooks:
  - id: gdprscan
    name: gdprscan
    entry: gdprscan scan --hook
    language: system
"""


def run(cmd, cwd, env, check=True):
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check and done.returncode != 0:
        raise AssertionError(f'{cmd} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}')
    return done


@pytest.fixture
def env(tmp_path):
    if shutil.which('gdprscan') is None or shutil.which('git') is None:
        skip_or_fail('gdprscan console script or git not on PATH')
    home = tmp_path / 'home'
    home.mkdir()
    e = {k: v for k, v in os.environ.items() if not k.startswith(('GIT_', 'PRE_COMMIT', 'GDPRSCAN_'))}
    e.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(tmp_path / 'pre-commit-cache'),
        GDPRSCAN_KEY=KEY,
        GIT_CONFIG_NOSYSTEM='1',
        GIT_AUTHOR_NAME='Test',
        GIT_AUTHOR_EMAIL='test@example.com',
        GIT_COMMITTER_NAME='Test',
        GIT_COMMITTER_EMAIL='test@example.com',
    )
    return e


def new_repo(path, env):
    path.mkdir()
    run(['git', 'init', '-q', '-b', 'main'], path, env)
    run(['git', 'config', 'user.name', 'Test'], path, env)
    run(['git', 'config', 'user.email', 'test@example.com'], path, env)
    return path


def commit(repo, env, *files):
    run(['git', 'add', *files], repo, env)
    return run(['git', 'commit', '-q', '-m', 'change'], repo, env, check=False)


def test_local_hook_refuses_then_pragma_and_baseline_pass(tmp_path, env):
    repo = new_repo(tmp_path / 'repo', env)
    (repo / '.pre-commit-config.yaml').write_text(LOCAL_CONFIG, encoding='utf-8')
    run([sys.executable, '-m', 'pre_commit', 'install'], repo, env)
    assert commit(repo, env, '.pre-commit-config.yaml').returncode == 0

    fixtures = repo / 'tests' / 'fixtures'
    fixtures.mkdir(parents=True)
    people = fixtures / 'people.csv'
    people.write_text('naam,insz\n' + NN_ROW, encoding='utf-8')
    refused = commit(repo, env, 'tests/fixtures/people.csv')
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert 'tests/fixtures/people.csv:2:insz BE_NATIONAL_NUMBER *********28' in output
    assert '85073003328' not in output
    assert run(['git', 'rev-list', '--count', 'HEAD'], repo, env).stdout.strip() == '1'

    people.write_text('naam,insz,note\nJan,85073003328,gdprscan: allow\n', encoding='utf-8')
    assert commit(repo, env, 'tests/fixtures/people.csv').returncode == 0

    (fixtures / 'more.py').write_text('RRN = "17.07.30-033.84"\n', encoding='utf-8')
    assert commit(repo, env, 'tests/fixtures/more.py').returncode != 0
    run(['gdprscan', 'baseline', 'create'], repo, env)
    baseline = (repo / '.gdprscan-baseline.json').read_text(encoding='utf-8')
    assert '17073003384' not in baseline and '033.84' not in baseline
    passed = commit(repo, env, 'tests/fixtures/more.py', '.gdprscan-baseline.json')
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert run(['git', 'rev-list', '--count', 'HEAD'], repo, env).stdout.strip() == '3'


def test_hook_is_quiet_on_clean_commits(tmp_path, env):
    repo = new_repo(tmp_path / 'repo', env)
    (repo / '.pre-commit-config.yaml').write_text(LOCAL_CONFIG, encoding='utf-8')
    (repo / 'app.py').write_text('TOTAL = 85.07  # EUR\nMAIL = "noreply@example.com"\n', encoding='utf-8')
    run(['git', 'add', '-A'], repo, env)
    done = run([sys.executable, '-m', 'pre_commit', 'run', '--all-files'], repo, env, check=False)
    assert done.returncode == 0, done.stdout
    assert 'Passed' in done.stdout and 'BE_' not in done.stdout


def test_manifest(env):
    import yaml

    manifest = ROOT / '.pre-commit-hooks.yaml'
    run([sys.executable, '-m', 'pre_commit', 'validate-manifest', str(manifest)], ROOT, env)
    [hook] = yaml.safe_load(manifest.read_text(encoding='utf-8'))
    assert (hook['id'], hook['entry'], hook['language']) == ('gdprscan', 'gdprscan scan --hook', 'python')
    assert 'types' not in hook and 'files' not in hook  # gdprscan picks files by suffix itself


def snapshot_of_this_checkout(dest, env):
    """This working tree (tracked and untracked, minus ignored files) as a committed git repository."""
    files = run(['git', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, env).stdout
    dest.mkdir()
    for rel in filter(None, files.split('\0')):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    run(['git', 'init', '-q', '-b', 'main'], dest, env)
    run(['git', 'add', '-A'], dest, env)
    run(['git', 'commit', '-q', '-m', 'snapshot'], dest, env)
    return dest


@pytest.mark.slow
def test_try_repo_from_this_checkout(tmp_path, env):
    if not (ROOT / '.git').exists():
        skip_or_fail('the tests do not run from a git checkout')
    hooks = snapshot_of_this_checkout(tmp_path / 'gdprscan', env)
    repo = new_repo(tmp_path / 'repo', env)
    (repo / 'people.csv').write_text('naam,insz\n' + NN_ROW, encoding='utf-8')
    run(['git', 'add', 'people.csv'], repo, env)
    cmd = [sys.executable, '-m', 'pre_commit', 'try-repo', str(hooks), 'gdprscan']
    refused = run(cmd, repo, env, check=False)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert 'people.csv:2:insz BE_NATIONAL_NUMBER *********28' in refused.stdout
    (repo / 'people.csv').write_text('naam,insz\nJan,85073003328 (gdprscan: allow)\n', encoding='utf-8')
    run(['git', 'add', 'people.csv'], repo, env)
    passed = run(cmd, repo, env, check=False)
    assert passed.returncode == 0, passed.stdout + passed.stderr
