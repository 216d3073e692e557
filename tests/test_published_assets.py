"""The stylesheet and scripts readers download are the sources without their comments (hooks/publish.py,
goldcard/published_assets.py): nothing else changes, and nothing that only looks like a comment is lost."""

from __future__ import annotations

import re

from goldcard.published_assets import plain_for, plain_script, plain_stylesheet

from conftest import ROOT

DOCS = ROOT / "docs"


def test_a_stylesheets_comments_go_and_its_strings_stay():
    css = '/* why */\n.a { color: red; } /* after */\n\n\n.b::before { content: "/* kept */"; }\n.c { x: \'/*\'; }\n'
    assert plain_stylesheet(css) == '.a { color: red; } \n.b::before { content: "/* kept */"; }\n.c { x: \'/*\'; }\n'


def test_a_scripts_comments_on_their_own_lines_go_and_the_rest_stays():
    script = ("/* what this is\n   for editors */\n(function () {\n  // why\n  var url = 'http://x//y';\n"
              "  /* one */ f(); /* two */\n  g(); // after code: kept\n\n  var re = /a\\/*b/;\n})();\n")
    assert plain_script(script) == ("(function () {\n  var url = 'http://x//y';\n  /* one */ f(); /* two */\n"
                                    "  g(); // after code: kept\n  var re = /a\\/*b/;\n})();\n")


def test_a_block_comment_never_swallows_the_code_between_two_comments():
    script = "/* a */ keep();\n/* b */\nalso();\n"
    assert plain_script(script) == "/* a */ keep();\nalso();\n"


def test_a_script_with_a_template_literal_is_kept_whole():
    script = "var t = `\n// not a comment\n`;\n// a comment\n"
    assert plain_script(script) == script


def test_the_built_stylesheet_and_scripts_are_their_sources_without_comments(built_site):
    sources = sorted(DOCS.glob("stylesheets/*.css")) + sorted(DOCS.glob("javascripts/*.js"))
    assert sources
    for source in sources:
        text = source.read_text(encoding="utf-8")
        built = (built_site / source.relative_to(DOCS)).read_text(encoding="utf-8")
        plain = plain_for(source.relative_to(DOCS).as_posix())
        assert plain is (plain_stylesheet if source.suffix == ".css" else plain_script), source.name
        assert built == plain(text), source.name
        assert len(built) < len(text), f"{source.name}: its comments were published"
        if source.suffix == ".css":
            assert "/*" not in built, source.name
            # every rule of the source is still there, in the same order
            selectors = [s.strip() for s in re.findall(r"([^{}]+)\{", re.sub(r"/\*.*?\*/", "", text, flags=re.S))]
            assert [s.strip() for s in re.findall(r"([^{}]+)\{", built)] == selectors, source.name
        else:
            assert not re.search(r"^\s*//", built, re.M), source.name
