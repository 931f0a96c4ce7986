"""Python 3.11 to 3.13 (issue 18.1): the Makefile takes the newest one that runs, PYTHON= chooses, and an
existing virtualenv of another version is named rather than silently used."""

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def fake_python(folder, name, version=None):
    """A stand-in interpreter: answers as `version` (major.minor), or fails like a pyenv shim of a version
    that is not selected."""
    script = folder / name
    if version is None:
        script.write_text('#!/bin/sh\necho "pyenv: $0: command not found" >&2\nexit 127\n')
    else:
        major, minor = version.split(".")
        script.write_text(
            "#!/bin/sh\n"
            f'case "$2" in *print*) echo {version} ;; *) exec python3 -c "import sys; sys.version_info = ({major}, {minor}); exec(sys.argv[1])" "$2" ;; esac\n'
        )
    script.chmod(0o755)
    return script


def make(*args, path, dry_run=True):
    env = {**{k: v for k, v in os.environ.items() if k not in ("PYTHON", "VENV", "MAKEFLAGS")}, "PATH": path}
    command = ["make", "-n", *args] if dry_run else ["make", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture
def bin_dir(tmp_path):
    need = shutil.which("make")
    if need is None:
        pytest.skip("make not installed")
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


def test_the_newest_python_that_runs_is_chosen(bin_dir, tmp_path):
    fake_python(bin_dir, "python3.13")  # a pyenv shim without 3.13 selected
    fake_python(bin_dir, "python3.12", "3.12")
    fake_python(bin_dir, "python3.11", "3.11")
    result = make("install", f"VENV={tmp_path / 'venv'}", path=f"{bin_dir}:/usr/bin:/bin")
    assert f"python3.12 -m venv {tmp_path / 'venv'}" in result.stdout, result.stdout + result.stderr


def test_python_on_the_command_line_wins(bin_dir, tmp_path):
    fake_python(bin_dir, "python3.13", "3.13")
    result = make(
        "install", "PYTHON=python3.11", f"VENV={tmp_path / 'venv'}", path=f"{bin_dir}:/usr/bin:/bin"
    )
    assert "python3.11 -m venv" in result.stdout


def test_a_virtualenv_of_another_version_is_named(bin_dir, tmp_path):
    fake_python(bin_dir, "python3.13", "3.13")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    fake_python(venv / "bin", "python", "3.11")
    (venv / ".installed").touch()  # installed after pyproject.toml changed: only the check runs
    result = make(
        "install", "PYTHON=python3.13", f"VENV={venv}", path=f"{bin_dir}:/usr/bin:/bin", dry_run=False
    )
    assert result.returncode != 0
    assert f"{venv} has Python 3.11, PYTHON=python3.13 is 3.13" in result.stdout + result.stderr


def test_pyproject_allows_every_supported_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
