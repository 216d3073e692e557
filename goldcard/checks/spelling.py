"""One spelling: the English is American English (data/README.md says why), checked word by word.

The check knows the British spellings that content like ours uses and their American forms: a short list
of word pairs, not a dictionary, so it flags only a mixed variety and never a name it has not heard of. It
reads every English text of the data (texts, glossary names) and the English Markdown pages. A name that
keeps its British spelling (an organization's official name) goes in NAMES, as it is written.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..model import Term
from ..problems import Problem
from .where import Document, Loc, Page, all_texts

VARIETY = "American"

# British spelling -> American spelling, lower case; each form listed, since a suffix rule (-ise) would
# also catch otherwise, expertise, promise and advise.
BRITISH_TO_AMERICAN: dict[str, str] = {
    "analyse": "analyze", "analysed": "analyzed", "apologise": "apologize",
    "authorisation": "authorization", "authorisations": "authorizations", "authorise": "authorize",
    "authorised": "authorized", "behaviour": "behavior", "cancelled": "canceled", "cancelling": "canceling",
    "catalogue": "catalog", "categorise": "categorize", "centre": "center", "centres": "centers",
    "cheque": "check", "colour": "color", "coloured": "colored", "colours": "colors", "customise": "customize",
    "defence": "defense", "emphasise": "emphasize", "enrol": "enroll", "enrolment": "enrollment",
    "favour": "favor", "favourite": "favorite", "finalise": "finalize", "fulfil": "fulfill", "grey": "gray",
    "honour": "honor", "judgement": "judgment", "labelled": "labeled", "labour": "labor", "learnt": "learned",
    "licence": "license", "licences": "licenses", "minimise": "minimize", "modelling": "modeling",
    "neighbour": "neighbor", "optimise": "optimize", "organisation": "organization",
    "organisations": "organizations", "organise": "organize", "organised": "organized",
    "personalise": "personalize", "prioritise": "prioritize", "programme": "program", "programmes": "programs",
    "realise": "realize", "recognise": "recognize", "recognised": "recognized", "specialise": "specialize",
    "specialised": "specialized", "spelt": "spelled", "summarise": "summarize", "travelled": "traveled",
    "travelling": "traveling", "tyre": "tire", "utilise": "utilize",
}

# Names written with a British spelling on purpose, as their owners write them ("… Cultural Centre").
NAMES: frozenset[str] = frozenset()

WORD = re.compile(r"[A-Za-z]+")
URL = re.compile(r"https?://\S+|\]\([^)]*\)")  # addresses, and Markdown link targets, are not prose


def american(word: str) -> str | None:
    """The American spelling of a British-spelled word, in the word's own capitals; None if it is not one."""
    found = BRITISH_TO_AMERICAN.get(word.lower())
    if found is None:
        return None
    if word.isupper():
        return found.upper()
    return found[0].upper() + found[1:] if word[0].isupper() else found


def british_words(english: str, names: Iterable[str] = NAMES) -> Iterator[tuple[re.Match[str], str]]:
    """Each British-spelled word in an English text, with its American form; names and addresses are skipped."""
    blanked = URL.sub(lambda match: " " * len(match[0]), english)
    for name in names:
        blanked = blanked.replace(name, " " * len(name))
    for match in WORD.finditer(blanked):
        fix = american(match[0])
        if fix:
            yield match, fix


def message(word: str, fix: str) -> tuple[str, str]:
    return (f"“{word}” is British spelling; the site writes {VARIETY} English",
            f"write “{fix}” (see data/README.md); a name spelled so on purpose goes in NAMES in "
            "goldcard/checks/spelling.py")


def english_strings(docs: list[Document]) -> Iterator[tuple[Document, Loc, str]]:
    for item in all_texts(docs):
        yield item.doc, item.loc + ("en",), item.text.en
    for doc in docs:
        for loc, obj in doc.nodes:
            if isinstance(obj, Term):
                yield doc, loc + ("en",), obj.en
                if obj.prose_en:
                    yield doc, loc + ("prose_en",), obj.prose_en


def check_spelling(docs: list[Document], pages: list[Page], names: Iterable[str] = NAMES) -> list[Problem]:
    names = tuple(names)
    problems = []
    for doc, loc, english in english_strings(docs):
        for match, fix in british_words(english, names):
            what, how = message(match[0], fix)
            problems.append(doc.problem(loc, what, how, match.start(), match[0]))
    for page in (page for page in pages if page.lang == "en"):
        for number, line in enumerate(page.lines, start=1):
            for match, fix in british_words(line, names):
                what, how = message(match[0], fix)
                problems.append(page.problem(number, match.start() + 1, what, how))
    return problems
