"""Validation of the guide data: plain Python, run by `make check` (scripts/check.py) and on every build
(hooks/validate.py). Each rule is a small module with one `check_*` function returning problems, each
`path:line:column: what is wrong; how to fix it`:

- links: https only, allowed hosts, language versions, no empty targets, step links that resolve;
- numbering: unique step ids, declared counts, no step numbers typed by hand;
- translations: both languages present, English without stray Chinese, no copied texts;
- reviewed: no English whose Chinese changed since it was reviewed (data/translations.lock);
- glossary: every 「label」 has an entry;
- markup: a text is text: no raw HTML, attribute lists, event handlers or non-https links;
- terminology: where the Chinese names a term, the English uses its one English name (glossary `prose_en`);
- spelling: the English is American English, with no British spellings;
- repeats: a guide page does not show the same sentence twice (an intro and a notice, say);
- sketches: what a sketch names is in data/platform.yaml and the glossary, and it marks what the step says to use;
- liveness (optional): external links answer;
- the settings in mkdocs.yml (`extra: goldcard:`) that cannot be used (checks/config.py).

Not problems, and listed apart (they never fail a build): a new guide's texts left to write
(checks/placeholders.py), screens left to draw (checks/sketches.py), and guides due to be walked on the platform again (checks/verified.py).

A build runs them all beside itself, on another core (checks/beside.py).
"""

from __future__ import annotations

from ..collector import cycle_collection_paused
from ..load import Site, load_site_cached
from ..problems import DataError, Problem
from .config import CheckConfig, read_config
from .glossary import check_glossary
from .links import check_links, url_refs
from .markup import check_markup
from .numbering import check_numbering
from .repeats import check_repeats
from .sketches import check_sketches
from .reviewed import check_reviewed
from .spelling import check_spelling
from .terminology import check_terminology
from .translations import check_translations
from .where import documents, markdown_pages

__all__ = ["CheckConfig", "check_all", "check_project", "read_config"]


@cycle_collection_paused()
def check_all(site: Site, config: CheckConfig) -> list[Problem]:
    """Every problem in a loaded site, sorted by file and line, each once."""
    docs = documents(site)
    pages = markdown_pages(config.docs_dir)
    problems = check_links(site, config, docs, pages)
    problems += check_numbering(site, docs, pages)
    problems += check_translations(docs)
    problems += check_reviewed(site, docs)
    problems += check_glossary(site, docs, pages)
    problems += check_markup(docs)
    problems += check_terminology(site, docs)
    problems += check_spelling(docs, pages)
    problems += check_repeats(docs)
    problems += check_sketches(site, docs)
    if config.check_links:
        from .liveness import check_liveness  # the network code loads only when asked for

        problems += check_liveness(url_refs(docs, pages), config)
    return sorted(set(problems))


def check_project(config: CheckConfig) -> list[Problem]:
    """Load the data and check it; data that does not load gives the loader's problems, in the same form. The
    settings of mkdocs.yml that cannot be used are problems too."""
    try:
        site = load_site_cached(config.data_dir)
    except DataError as error:
        return sorted(set(error.problems) | set(config.setting_problems))
    return sorted(set(check_all(site, config)) | set(config.setting_problems))
