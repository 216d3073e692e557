"""Started directly (`scripts/check.py`), the editor tools re-run themselves with the project's Python
(.venv, made by `make setup`), so that they find the packages of requirements.lock whatever `python3`
comes first on the PATH."""

from __future__ import annotations

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parents[1] / ".venv"


def use_project_python() -> None:
    python = VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(python), [str(python), *sys.argv])
