#!/usr/bin/env python3
"""Print the Unix time of the latest guide update, for SOURCE_DATE_EPOCH: builds then date nothing by the clock."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goldcard.load import load_site  # noqa: E402


def latest_update(data_dir: Path = ROOT / "data") -> dt.date:
    return max(loaded.guide.updated for loaded in load_site(data_dir).guides)


def main() -> int:
    argparse.ArgumentParser(description=__doc__).parse_args()
    moment = dt.datetime.combine(latest_update(), dt.time(), tzinfo=dt.timezone.utc)
    print(int(moment.timestamp()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
