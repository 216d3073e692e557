"""The projects the benchmark builds, each a copy in a temporary folder: the real one, the plain-Material
baseline with the same rendered pages, and the real one with its guides multiplied."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .measure import CommandFailed, mkdocs_build, run_measured

ROOT = Path(__file__).resolve().parents[2]
CAPTURE_HOOK = Path(__file__).resolve().with_name("capture_hook.py")

# What a copy of the project leaves out: outputs, caches, the virtual environment and Node's tools.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "site", "bench-results", "node_modules", ".pytest_cache",
                                    "__pycache__", ".cache", "*.egg-info")

# The baseline is Material and mkdocs-static-i18n as they come: none of the project's own additions.
PROJECT_CONFIG_KEYS = ("hooks", "extra_css", "extra_javascript", "watch")
PLAIN_PLUGINS = ("search", "i18n")
PROJECT_SEARCH_OPTIONS = ("jieba_dict_user",)
PROJECT_ASSET_SUFFIXES = (".css", ".js", ".mjs")


def yaml_rt() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096  # keep long lines as they are
    yaml.preserve_quotes = True
    return yaml


def read_config(project: Path) -> Any:
    return yaml_rt().load((project / "mkdocs.yml").read_text(encoding="utf-8"))


def write_config(project: Path, config: Any) -> None:
    buffer = io.StringIO()
    yaml_rt().dump(config, buffer)
    (project / "mkdocs.yml").write_text(buffer.getvalue(), encoding="utf-8")


def source_date_epoch() -> str:
    """What the Makefile exports, computed the same way (scripts/source_date.py)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "source_date.py")],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"scripts/source_date.py failed:\n{result.stderr}")
    return result.stdout.strip()


def build_env(site_url: str | None = None) -> dict[str, str]:
    """The environment of every build the benchmark times. Python writes its compiled files as a user's first
    build does: under PYTHONDONTWRITEBYTECODE (set by some shells and containers) each timed build of the site
    compiled the project's ~50 modules again, a tenth of a second the baseline, whose packages pip compiled at
    install, never pays."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": source_date_epoch()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if site_url:
        env["SITE_URL"] = site_url
    return env


def copy_project(destination: Path, source: Path = ROOT) -> Path:
    shutil.copytree(source, destination, ignore=NOT_COPIED, symlinks=True)
    (destination / "overrides").mkdir(exist_ok=True)  # git keeps no empty folder; custom_dir must exist
    return destination


def sketch_counts(project: Path) -> dict[str, int]:
    """How many sketches of the screens each guide of the project has, by slug (goldcard.load reads them)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from goldcard.load import load_site

    return {loaded.guide.slug: sum(1 for numbered in loaded.steps if numbered.step.sketch)
            for loaded in load_site(project / "data").guides}


def without_hook(project: Path, hook: str) -> Path:
    """The project with one of its hooks left out of mkdocs.yml (the file stays, unused)."""
    config = read_config(project)
    hooks = config.get("hooks") or []
    if hook not in hooks:
        raise ValueError(f"{project / 'mkdocs.yml'} has no hook {hook}")
    config["hooks"] = [name for name in hooks if name != hook]
    write_config(project, config)
    return project


def capture_rendered_pages(project: Path, work: Path, env: dict[str, str]) -> Path:
    """Build a copy of `project` with one more hook that saves each page's Markdown as the site renders it
    (after the project's hooks), and return the folder of those Markdown files, laid out as docs/ is."""
    capture = work / "capture-project"
    copy_project(capture, project)
    config = read_config(capture)
    config["hooks"] = [*(config.get("hooks") or []), str(CAPTURE_HOOK)]
    write_config(capture, config)
    pages = work / "captured-docs"
    run = run_measured(mkdocs_build(capture, work / "capture-site", env), capture,
                       {**env, "GOLDCARD_CAPTURE_DIR": str(pages)})
    if not run.ok:
        raise CommandFailed("the build that captures the rendered pages", run)
    return pages


def plain_config(config: Any) -> Any:
    for key in PROJECT_CONFIG_KEYS:
        config.pop(key, None)
    if "theme" in config:
        config["theme"].pop("custom_dir", None)
    plugins = []
    for entry in config.get("plugins") or []:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name not in PLAIN_PLUGINS:
            continue
        if name == "search" and isinstance(entry, dict) and entry["search"]:
            for option in PROJECT_SEARCH_OPTIONS:
                entry["search"].pop(option, None)
        plugins.append(entry)
    config["plugins"] = plugins
    return config


def make_baseline(project: Path, work: Path, env: dict[str, str]) -> Path:
    """A project that builds the same rendered pages with plain Material + mkdocs-static-i18n: the Markdown
    files the project's hooks produced (whose sketches are their captions and empty frames: hooks/pages.py draws
    them into the HTML, so the page weight over the baseline counts the drawings), the same nav and Markdown extensions, and no hooks, no overrides, no
    project CSS or JavaScript."""
    pages = capture_rendered_pages(project, work, env)
    baseline = work / "baseline"
    baseline.mkdir()
    config = plain_config(read_config(project))
    docs_name = str(config.get("docs_dir", "docs"))
    docs = project / docs_name
    for source in sorted(docs.rglob("*")):
        relative = source.relative_to(docs)
        target = baseline / docs_name / relative
        if source.is_dir() or source.suffix in PROJECT_ASSET_SUFFIXES:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        rendered = pages / relative
        if source.suffix == ".md":
            if not rendered.exists():
                raise RuntimeError(f"the capture build rendered no page for {docs_name}/{relative}")
            shutil.copyfile(rendered, target)
        else:
            shutil.copyfile(source, target)
    write_config(baseline, config)
    return baseline


# Placeholders in a guide's copy, filled in for each copy: one YAML dump serves all the copies of a guide.
COPY = "BENCHMARKCOPY"
NUMBER = 987654321


def copy_template(raw: Any) -> tuple[str, str]:
    """The text of a guide's data file with placeholders for the copy, and the original slug."""
    slug, number = str(raw["slug"]), int(raw["number"])
    raw["slug"] = f"{slug}-copy-{COPY}"
    raw["number"] = NUMBER
    raw["title"]["zh"] = f"{raw['title']['zh']}（副本 {COPY}）"
    raw["title"]["en"] = f"{raw['title']['en']} (copy {COPY})"
    buffer = io.StringIO()
    yaml_rt().dump(raw, buffer)
    return buffer.getvalue(), slug


def add_nav_entries(nav: Any, new_pages: dict[str, list[str]]) -> bool:
    """After each `guides/<slug>.md` in the nav, the pages of that guide's copies; True if any was found."""
    found = False
    if isinstance(nav, list):
        index = 0
        while index < len(nav):
            entry = nav[index]
            if isinstance(entry, str) and entry in new_pages:
                nav[index + 1:index + 1] = new_pages[entry]
                index += len(new_pages[entry])
                found = True
            else:
                found = add_nav_entries(entry, new_pages) or found
            index += 1
    elif isinstance(nav, dict):
        for value in nav.values():
            found = add_nav_entries(value, new_pages) or found
    return found


def multiply_guides(project: Path, factor: int) -> int:
    """Turn the project copy's guides into `factor` times as many: each guide gets factor-1 copies with a
    new slug, number and title, its two pages under docs/guides/ and nav entries. Returns the guide count."""
    guides_dir = project / "data" / "guides"
    originals = sorted(guides_dir.glob("*.yaml"))
    raws = [yaml_rt().load(path.read_text(encoding="utf-8")) for path in originals]
    # Copies are numbered past the series: copy 2 of guide 7 is 107 when the highest number has one digit.
    number_step = 10 ** len(str(max(int(raw["number"]) for raw in raws)))
    docs_guides = project / "docs" / "guides"
    new_pages: dict[str, list[str]] = {}
    for raw in raws:
        number = int(raw["number"])
        template, slug = copy_template(raw)
        pages = sorted(docs_guides.glob(f"{slug}.*md"))
        for copy in range(2, factor + 1):
            new_slug, new_number = f"{slug}-copy-{copy}", number + number_step * (copy - 1)
            text = template.replace(str(NUMBER), str(new_number)).replace(COPY, str(copy))
            (guides_dir / f"{new_number:02d}-{new_slug}.yaml").write_text(text, encoding="utf-8")
            for page in pages:
                text = page.read_text(encoding="utf-8").replace(f"guide: {slug}\n", f"guide: {new_slug}\n")
                (docs_guides / page.name.replace(slug, new_slug, 1)).write_text(text, encoding="utf-8")
            new_pages.setdefault(f"guides/{slug}.md", []).append(f"guides/{new_slug}.md")
    config = read_config(project)
    if factor > 1 and not add_nav_entries(config.get("nav"), new_pages):
        raise RuntimeError("no guides/<slug>.md entry found in the nav of mkdocs.yml to add the copies after")
    write_config(project, config)
    return len(originals) * factor
