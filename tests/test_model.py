"""The pydantic model accepts the real data and rejects bad data, naming the field, the file and the line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from goldcard.load import load_model, load_site
from goldcard.model import Guide, SharedBlock
from goldcard.problems import DataError

from conftest import ROOT, SLUGS

DECLARED = {"apply": 23, "track-and-collect": 7, "supplement": 13, "update-details": 12, "extend": 16}


def test_real_data_loads_in_series_order(site_data):
    assert [g.guide.slug for g in site_data.guides] == SLUGS
    assert [g.guide.number for g in site_data.guides] == [2, 4, 5, 6, 7]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_guide_has_its_declared_step_count(site_data, slug):
    loaded = site_data.guide(slug)
    assert loaded.guide.declared_steps == DECLARED[slug]
    assert [s.number for s in loaded.steps] == list(range(1, DECLARED[slug] + 1))
    for section in loaded.sections:
        if section.section.declared_steps is not None:
            assert len(section.steps) == section.section.declared_steps, section.section.id


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "guide.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """\
    number: 9
    slug: sample
    title: {zh: 範例, en: Sample}
    summary: {zh: 一行說明, en: One line}
    author: {zh: 就業金卡辦公室, en: Taiwan Gold Card Office}
    created: 2024-07-30
    updated: 2024-07-30
    sections:
      - id: only
        title: {zh: 段落, en: Part}
        steps:
          - id: first
            title: {zh: 第一, en: First}
"""


def test_a_minimal_guide_loads(tmp_path):
    guide, _ = load_model(write(tmp_path, GOOD), Guide)
    assert guide.sections[0].steps[0].id == "first"


def test_a_missing_english_title_names_field_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.replace("title: {zh: 第一, en: First}", "title: {zh: 第一}"))
    with pytest.raises(DataError) as caught:
        load_model(path, Guide)
    message = str(caught.value)
    assert "guide.yaml:13:" in message
    assert "sections[0].steps[0].title.en: Field required" in message
    assert "; add it" in message


def test_an_unknown_field_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, GOOD.replace("updated: 2024-07-30", "updated: 2024-07-30\n    updatd: 2024-07-31"))
    with pytest.raises(DataError) as caught:
        load_model(path, Guide)
    assert "guide.yaml:8:1: updatd: Extra inputs are not permitted" in str(caught.value)


def test_a_bad_step_id_and_an_impossible_date_are_both_reported(tmp_path):
    path = write(tmp_path, GOOD.replace("id: first", "id: First Step").replace("created: 2024-07-30", "created: 2024-02-30"))
    with pytest.raises(DataError) as caught:
        load_model(path, Guide)
    message = str(caught.value)
    assert "created:" in message and "guide.yaml:6:" in message
    assert "sections[0].steps[0].id: String should match pattern" in message


def test_updated_before_created_is_rejected(tmp_path):
    path = write(tmp_path, GOOD.replace("updated: 2024-07-30", "updated: 2023-01-01"))
    with pytest.raises(DataError, match="updated .* is before created"):
        load_model(path, Guide)


def test_yaml_syntax_errors_give_a_line_not_a_traceback(tmp_path):
    path = write(tmp_path, GOOD.replace("summary: {zh: 一行說明, en: One line}", "summary: {zh: 一行說明, en: One line"))
    with pytest.raises(DataError, match=r"guide.yaml:\d+:\d+: YAML syntax"):
        load_model(path, Guide)


def test_a_shared_step_must_say_where_it_comes_from(tmp_path):
    path = tmp_path / "block.yaml"
    path.write_text("title: {zh: 區塊, en: Block}\nsteps:\n  - id: one\n    title: {zh: 一, en: One}\n", encoding="utf-8")
    with pytest.raises(DataError, match="must say its source"):
        load_model(path, SharedBlock)


def test_an_include_of_a_missing_block_is_reported(tmp_path):
    data = tmp_path / "data"
    (data / "guides").mkdir(parents=True)
    (data / "shared").mkdir()
    (data / "guides" / "09-sample.yaml").write_text(
        textwrap.dedent(GOOD).replace("      - id: first\n", "      - include: nowhere\n      - id: first\n"),
        encoding="utf-8")
    for name in ("glossary.yaml", "ui.yaml"):
        (data / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match=r"09-sample.yaml:12:\d+: include names a shared block 'nowhere'"):
        load_site(data)


def test_the_committed_json_schemas_match_the_model():
    from goldcard.schema import SCHEMAS, schema_text

    for name in SCHEMAS:
        committed = (ROOT / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(name), f"data/schema/{name}.schema.json is stale: run scripts/schema.py"
        assert json.loads(committed)["type"] == "object"


def test_every_data_file_points_to_its_schema():
    for path in sorted((ROOT / "data" / "guides").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/guide.schema.json"), path
    for path in sorted((ROOT / "data" / "shared").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schema/shared-block.schema.json"), path
