"""The web form's data (kczy.site.form): one message catalog, public facts only, the repository setting."""

from __future__ import annotations

import json

from conftest import PROJECT, SAMPLE_YEAR
from kczy.messages import CATALOG, GENERAL, HINTS, KIND_NAMES, PARTS, TYPE_NAMES_JSON, YAML_PROBLEMS
from kczy.repo import WorkTree, read_work_tree
from kczy.schemas import TYPE_IDS
from kczy.site.form import (
    GITHUB_NEW_FILE,
    FormRound,
    Repository,
    render_form_data,
    render_messages_json,
    render_template_tree,
    repository_setting,
    units_for_form,
)
from kczy.templates import render_application_template


def sample_form() -> tuple[FormRound, WorkTree]:
    tree = read_work_tree(PROJECT)
    files = tree.round_files(SAMPLE_YEAR)
    form = FormRound(
        year=SAMPLE_YEAR,
        stage="applications",
        opens="2021-07-15 09:00",
        closes="2021-08-31 17:30",
        sample=True,
        types=TYPE_IDS,
        units=units_for_form(files.units()),
        applications={t: {} for t in TYPE_IDS},
        max_per_unit={},
    )
    return form, tree


def test_the_browser_gets_the_one_catalog_of_kczy_messages() -> None:
    document = json.loads(render_messages_json())
    assert document["catalog"] == GENERAL and set(GENERAL) <= set(CATALOG)
    pages = {code for name, part in PARTS.items() if name != "__init__.py" for code in part}
    assert pages and not pages & set(document["catalog"])  # no page's, document's or command's wording
    assert document["hints"] == HINTS
    assert document["kindNames"] == KIND_NAMES
    assert document["typeNames"] == TYPE_NAMES_JSON
    assert document["yamlProblems"] == YAML_PROBLEMS


def test_the_form_data_holds_public_facts_of_units_only() -> None:
    form, tree = sample_form()
    units = tree.round_files(SAMPLE_YEAR).units()
    secrets = {email for unit in units.values() for email in unit.emails}  # x-private
    assert secrets
    for type_id in TYPE_IDS:
        text = render_form_data(form, tree.rules(SAMPLE_YEAR), type_id, Repository()).decode("utf-8")
        document = json.loads(text)
        assert {tuple(sorted(u)) for u in document["units"]} == {("id", "kind", "name")}
        assert [u["id"] for u in document["units"]] == list(units)
        assert not [s for s in secrets if s in text]
        # The schemas as written: ECMA-262 patterns, as CI reads them, never Python's translation.
        assert "\\Z" not in json.dumps(document["schemas"])
        written = json.loads((PROJECT / "schemas" / f"{type_id}.schema.json").read_text("utf-8"))
        assert document["schemas"][type_id] == written


def test_the_repository_setting_defaults_to_githubs_new_file_page() -> None:
    assert repository_setting({}) == Repository("", "main", GITHUB_NEW_FILE)
    custom = repository_setting(
        {
            "repository": "https://git.example.org/kx/kczy/",
            "repository_branch": "trunk",
            "repository_new_file": "{repository}/_new/{branch}/{path}",
        }
    )
    gitea = "{repository}/_new/{branch}/{path}"
    assert custom == Repository("https://git.example.org/kx/kczy", "trunk", gitea)


def test_the_template_tree_carries_the_templates_comment_lines() -> None:
    _, tree = sample_form()

    template = render_application_template(tree.rules(SAMPLE_YEAR), "yiqi-yiduijie", "u", "x.json")
    built = render_template_tree(tree.rules(SAMPLE_YEAR), "yiqi-yiduijie", "x.json")
    assert template.startswith("\n".join(built["header"]))
    visits = next(e for e in built["root"]["properties"] if e["key"] == "visits")
    assert visits["criteria"] == ["yiqi-yiduijie.3"] and visits["node"]["minItems"] == 3
    for line in visits["comments"]:
        assert line in template.splitlines()
