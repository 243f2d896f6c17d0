"""The web form (填报助手) in Debian chromium: the same findings as `kczy validate`, a form a person can fill,
the file it gives back accepted by `kczy validate`, its mistakes shown beside their fields.

One site is built from the sample round with many applications allowed per unit (as the failing examples
are checked in test_schema_examples.py), and every check runs against the same round on both sides.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser import serve
from conftest import PROJECT, copy_project_data, run_kczy
from kczy.yamlload import parse_yaml
from test_schema_examples import ROUND_DIR, all_examples, relax_applications_per_unit
from test_site import build, site_repo

TYPES = ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan")
# What the page can know and checks itself; everything else (attachment files, deadlines, who submits)
# CI checks after submission, and the page says so.
BROWSER_CODES = (
    "schema.",
    "layout.type-mismatch",
    "cross.unknown-unit",
    "cross.unknown-partner",
    "cross.applicant-kind",
    "cross.together-missing",
    "cross.too-many-applications",
    "cross.duplicate-id",
    "attachment.required",
    "attachment.unknown-criterion",
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def browser_known(finding: dict[str, Any]) -> bool:
    return str(finding["code"]).startswith(BROWSER_CODES)


@dataclass
class Site:
    url: str
    root: Path
    page: Any


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[Site]:
    root = site_repo(tmp_path_factory.mktemp("repo"))
    # The round in August 2021, applications open: nothing approved yet (relaxing round.yaml would
    # change the tally that approval.yaml pins).
    relax_applications_per_unit(root)
    (root / ROUND_DIR / "approval.yaml").unlink()
    (root / ROUND_DIR / "announcement.yaml").unlink()
    shutil.rmtree(root / ROUND_DIR / "objections")
    out = tmp_path_factory.mktemp("site")
    result = build(root, out, "2021-08-01T10:00")  # applications open
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        page = chromium.new_page(
            viewport={"width": 1280, "height": 1600}, locale="zh-CN", accept_downloads=True
        )
        try:
            yield Site(url, root, page)
        finally:
            page.close()


def open_form(site: Site, type_id: str, clear: bool = True) -> Any:
    page = site.page
    page.goto(f"{site.url}/2021/form/{type_id}/")
    page.wait_for_selector("#kczy-form[data-ready]", timeout=20000)
    if clear:
        page.evaluate("() => window.kczyForm.clear()")
    return page


def js_validate(page: Any, text: str, file_id: str) -> list[dict[str, str]]:
    findings: list[dict[str, str]] = page.evaluate(
        "([text, id]) => window.kczyForm.validate(text, {id})", [text, file_id]
    )
    return findings


def pointer_codes(findings: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(str(f["pointer"]), str(f["code"])) for f in findings if browser_known(f)}


def sample_applications() -> list[Path]:
    return sorted((PROJECT / ROUND_DIR / "applications").glob("*/*.yaml"))


# ---- parity -------------------------------------------------------------------------------------


def test_the_page_finds_what_kczy_validate_finds_in_every_example(site: Site, tmp_path: Path) -> None:
    examples = [e for e in all_examples() if e.schema in TYPES]
    assert len(examples) > 100
    python: dict[str, list[dict[str, Any]]] = {}
    for type_id in TYPES:  # a round per type: examples of different types share file names
        root = copy_project_data(tmp_path / type_id)
        relax_applications_per_unit(root)
        placed = [e for e in examples if e.schema == type_id]
        for example in placed:
            target = root / example.place
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(example.file, target)
            for application, name in example.attachments:
                folder = root / ROUND_DIR / "attachments"
                (folder / example.file.stem).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / application / name, folder / example.file.stem / name)
        result = run_kczy("validate", "--format", "json", *(e.place for e in placed), cwd=root)
        assert result.returncode == 1, result.stderr
        for finding in json.loads(result.stdout):
            python.setdefault(finding["file"], []).append(finding)
    mismatches = []
    for type_id in TYPES:
        page = open_form(site, type_id)
        for example in (e for e in examples if e.schema == type_id):
            expected = pointer_codes(python.get(example.place, []))
            found = js_validate(page, example.file.read_text("utf-8"), example.file.stem)
            if pointer_codes(found) != expected:
                mismatches.append((example.name, sorted(expected), sorted(pointer_codes(found))))
            # The verdict: whatever CI finds that the page can know, the page finds too, and nothing more.
            assert bool(expected) == bool([f for f in found if browser_known(f)]), example.name
            if example.verdict == "pass":
                assert found == [], (example.name, found)
            # Messages from the one catalog: the page's words are kczy validate's words.
            python_messages = {(f["pointer"], f["code"]): f["message"] for f in python.get(example.place, [])}
            for finding in found:
                key = (finding["pointer"], finding["code"])
                if key in python_messages and finding["code"] != "yaml.syntax":
                    assert finding["message"] == python_messages[key], (example.name, finding)
    assert mismatches == [], "\n".join(map(str, mismatches))


def test_every_sample_application_passes_in_the_page_and_round_trips(site: Site, tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    originals = {}
    for path in sample_applications():
        type_id = path.parent.name
        page = open_form(site, type_id)
        text = path.read_text("utf-8")
        assert js_validate(page, text, path.stem) == [], path.name
        loaded = page.evaluate("(text) => window.kczyForm.load(text)", text)
        assert loaded == [], (path.name, loaded)
        dumped = page.evaluate("() => window.kczyForm.dump()")
        assert js_validate(page, dumped, path.stem) == []
        relative = path.relative_to(PROJECT)
        (root / relative).write_text(dumped, "utf-8")
        originals[relative] = text
    # Only the applications: a changed byte anywhere changes the tally that approval.yaml pins.
    result = run_kczy("validate", "--format", "json", *map(str, originals), cwd=root)
    assert result.returncode == 0, result.stdout
    for relative, text in originals.items():
        dumped = (root / relative).read_text("utf-8")
        assert dumped.startswith("# yaml-language-server: $schema=../../schemas/")
        before, _ = parse_yaml(text.encode("utf-8"), str(relative))
        after, _ = parse_yaml(dumped.encode("utf-8"), str(relative))
        assert before is not None and after is not None
        assert after.data == before.data, relative


def test_a_blank_form_writes_the_template_of_kczy_new_application(site: Site, sample_repo: Path) -> None:
    # Units without an application of that type yet: kczy new refuses a second one, as validate does.
    for type_id, unit in (("yiqi-yiduijie", "hn-spkx"), ("yiye-yituan", "hn-hgxh")):
        options = ("--type", type_id, "--unit", unit, "--id", f"x-{type_id}")  # an id is used once
        result = run_kczy("new", "application", *options, cwd=sample_repo)
        assert result.returncode == 0, result.stderr
        written = sample_repo / ROUND_DIR / "applications" / type_id / f"x-{type_id}.yaml"
        template = written.read_text("utf-8")
        page = open_form(site, type_id)
        page.evaluate("(text) => window.kczyForm.load(text)", f"type: {type_id}\napplicant: {unit}\n")
        assert page.evaluate("() => window.kczyForm.dump()") == template


# ---- a person filling the form ----------------------------------------------------------------


def field(page: Any, pointer: str) -> Any:
    return page.locator(f'[data-pointer="{pointer}"]').first


def control(page: Any, pointer: str) -> Any:
    return field(page, pointer).locator("input:not([type=radio]), select, textarea").first


def chosen_alternative(node: dict[str, Any], value: Any) -> int:
    for index, alternative in enumerate(node["alternatives"]):
        keys = {entry["key"]: entry for entry in alternative.get("properties", [])}
        if not isinstance(value, dict) or not set(value) <= set(keys):
            continue
        consts = [e for e in keys.values() if e["node"]["kind"] == "const" and e["key"] in value]
        if all(value[e["key"]] == e["node"]["value"] for e in consts):
            return index
    raise AssertionError(f"no alternative for {value}")


def fill(page: Any, node: dict[str, Any], value: Any, path: list[Any]) -> None:
    """Fill one value as a person would: type text, pick choices, add list items with the buttons."""
    pointer = "/" + "/".join(map(str, path))
    kind = node["kind"]
    if kind == "const":
        return
    if kind == "object":
        for entry in node["properties"]:
            if entry["key"] in value:
                fill(page, entry["node"], value[entry["key"]], [*path, entry["key"]])
        return
    if kind == "choice":
        index = chosen_alternative(node, value)
        radio = field(page, pointer).locator("input[type=radio]").nth(index)
        if not radio.is_checked():
            radio.check()
        fill(page, node["alternatives"][index], value, path)
        return
    if kind == "array":
        items = field(page, pointer).locator(":scope > .kczy-array > .kczy-list > .kczy-item")
        while items.count() > len(value):
            items.last.locator(":scope > .kczy-item-head button").click()
        while items.count() < len(value):
            field(page, pointer).locator(":scope > .kczy-array > button.kczy-add").click()
        for index, item in enumerate(value):
            fill(page, node["item"], item, [*path, index])
        return
    box = control(page, pointer)
    assert box.evaluate("(e) => e.labels.length") > 0, f"{pointer} has no label"
    text = str(value)
    if node.get("widget") in ("applicant", "unit", "criterion", "select"):
        box.select_option(text)
    elif node.get("widget") == "date" or len(text) > 30:
        box.fill(text)
    else:
        box.press_sequentially(text)


@pytest.mark.parametrize("type_id", TYPES)
def test_a_person_fills_the_form_and_kczy_validate_accepts_the_file(
    site: Site, type_id: str, tmp_path: Path
) -> None:
    source = sample_applications_of(type_id)
    data, _ = parse_yaml(source.read_bytes(), source.name)
    assert data is not None
    config = json.loads((site_file(site, f"assets/form/2021-{type_id}.json")).read_text("utf-8"))
    page = open_form(site, type_id)
    new_id = f"{source.stem}-web"
    page.get_by_label("申报编号（文件名）").press_sequentially(new_id)
    title_field(page).press_sequentially(data.data["title"])  # Chinese typed key by key
    rest = {key: value for key, value in data.data.items() if key != "title"}
    fill(page, config["template"]["root"], rest, [])
    summary = page.locator(".kczy-summary").inner_text()
    assert summary.startswith("全部通过"), summary
    with page.expect_download() as download:
        page.get_by_role("button", name="下载申报书").click()
    assert download.value.suggested_filename == f"{new_id}.yaml"
    saved = tmp_path / f"{new_id}.yaml"
    download.value.save_as(saved)
    link = page.get_by_role("link", name="在仓库中新建此文件").get_attribute("href")
    assert link.startswith("https://github.com/hnkx-example/kczy-review/new/main?filename=")
    assert f"submissions/2021/applications/{type_id}/{new_id}.yaml" in link

    # The unit submits the downloaded file in place of its earlier one, in the untouched sample round.
    root = copy_project_data(tmp_path / "repo")
    folder = root / ROUND_DIR / "applications" / type_id
    (folder / source.name).unlink()
    shutil.copyfile(saved, folder / saved.name)
    attachments = root / ROUND_DIR / "attachments"
    if (attachments / source.stem).is_dir():
        (attachments / source.stem).rename(attachments / new_id)
    result = run_kczy("validate", str((folder / saved.name).relative_to(root)), cwd=root)
    assert result.returncode == 0, result.stdout
    written, _ = parse_yaml(saved.read_bytes(), saved.name)
    assert written is not None and written.data == data.data


def sample_applications_of(type_id: str) -> Path:
    """A sample application of the type, preferring one that lists attachments and optional fields."""
    paths = sorted((PROJECT / ROUND_DIR / "applications" / type_id).glob("*.yaml"))
    return max(paths, key=lambda p: ("attachments:" in p.read_text("utf-8"), len(p.read_text("utf-8"))))


def site_file(site: Site, relative: str) -> Path:
    # The served directory is the built site; its path is not kept by `serve`, so fetch through http.
    import urllib.request

    target = site.root / "fetched" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    with urllib.request.urlopen(f"{site.url}/{relative}") as response:
        target.write_bytes(response.read())
    return target


def test_typical_mistakes_are_shown_beside_their_fields(site: Site, screenshots: Path) -> None:
    page = open_form(site, "yiqi-yiduijie")
    title = title_field(page)
    title.press_sequentially("项目")
    assert error_text(page, "/title") == "“项目名称”（title）太短：至少 4 个字，现有 2 个字"
    title.fill("")
    assert error_text(page, "/title") == "“项目名称”（title）还没有填写"
    phone = control(page, "/contact/phone")
    phone.press_sequentially("138oo138ooo")
    phone.blur()
    phone_error = error_text(page, "/contact/phone")
    assert phone_error.startswith("“联系电话”（contact.phone）的格式不正确：“138oo138ooo”")
    visits = field(page, "/visits")
    assert visits.locator(":scope > .kczy-array > .kczy-list > .kczy-item").count() == 3
    visits.locator(".kczy-item-head button").first.click()
    assert error_text(page, "/visits") == "“赴企对接活动”（visits）至少需要 3 项，现有 2 项"
    # An applicant of another kind cannot be chosen; a registered unit of the right kind can.
    options = control(page, "/applicant").locator("option").all_inner_texts()
    assert any("（songyue-zhoucheng）" in o for o in options) and not any("（zz-kx）" in o for o in options)
    page.screenshot(path=str(screenshots / "form-mistakes.png"), full_page=False)


def title_field(page: Any) -> Any:
    """The application's title (项目名称), found by its label among the basic fields."""
    return page.get_by_role("group", name="基本信息").get_by_label("项目名称")


def error_text(page: Any, pointer: str) -> str:
    box = field(page, pointer).locator(":scope > .kczy-error")
    text: str = box.inner_text().strip()
    return text


def test_a_half_filled_form_survives_closing_the_tab_until_cleared(site: Site) -> None:
    page = open_form(site, "yiye-yibao")
    title_field(page).fill("河南省装备制造产业研究报告")
    page.reload()
    page.wait_for_selector("#kczy-form[data-ready]")
    assert title_field(page).input_value() == "河南省装备制造产业研究报告"
    assert "已恢复上次在本机填写的内容" in page.locator("#kczy-form").inner_text()
    assert "只保存在本机这个浏览器中" in page.locator("#kczy-form").inner_text()
    page.get_by_role("button", name="清除本机保存的内容").click()
    assert title_field(page).input_value() == ""
    page.reload()
    page.wait_for_selector("#kczy-form[data-ready]")
    assert title_field(page).input_value() == ""


def test_an_earlier_file_is_loaded_by_pasting_or_dropping(site: Site) -> None:
    path = sample_applications_of("yiye-yihui")
    text = path.read_text("utf-8")
    document, _ = parse_yaml(text.encode("utf-8"), path.name)
    assert document is not None
    title = document.data["title"]
    page = open_form(site, "yiye-yihui")
    page.locator(".kczy-loader summary").click()
    page.get_by_label("粘贴已有的申报书文本").fill(text)
    page.get_by_role("button", name="载入粘贴的文本").click()
    assert title_field(page).input_value() == title
    page.evaluate("() => window.kczyForm.clear()")
    assert title_field(page).input_value() == ""
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.items.add(new File([text], "earlier.yaml", {type: "text/yaml"}));
            const drop = new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true});
            document.body.dispatchEvent(drop);
        }""",
        text,
    )
    page.wait_for_function("() => document.querySelector('#kczy-field-id').value === 'earlier'")
    assert title_field(page).input_value() == title
    broken = page.evaluate("(text) => window.kczyForm.load(text)", "title: [未闭合\n")
    assert [f["code"] for f in broken] == ["yaml.syntax"]
    assert "无法载入" in page.locator(".kczy-load-problems").inner_text()
    repeated = "title: 甲乙丙丁\nsummary: 一\ntitle: 再次\n"
    twice = page.evaluate("(text) => window.kczyForm.load(text)", repeated)
    assert [f["code"] for f in twice] == ["yaml.duplicate-key"]
    shown = page.locator(".kczy-load-problems").inner_text()
    assert "第 3 行：键“title”重复（第 1 行已出现）" in shown, shown
    assert title_field(page).input_value() == title, "a file that cannot be read leaves the form as it was"


def test_the_form_loads_nothing_from_another_host_and_fits_a_phone(
    site: Site, browser: Any, screenshots: Path
) -> None:
    foreign: list[str] = []
    errors: list[str] = []
    for name, viewport in (("desktop", (1280, 900)), ("phone", (390, 844))):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
        page.on(
            "request",
            lambda r: foreign.append(r.url) if not r.url.startswith((site.url, "data:", "blob:")) else None,
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site.url}/2021/form/yiqi-yiduijie/", wait_until="networkidle")
        page.wait_for_selector("#kczy-form[data-ready]")
        title_field(page).fill("项目")
        title_field(page).blur()
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= viewport[0], (name, width)
        page.screenshot(path=str(screenshots / f"form-{name}.png"), full_page=False)
        field(page, "/visits").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / f"form-{name}-list.png"), full_page=False)
        page.locator(".kczy-output").scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / f"form-{name}-output.png"), full_page=False)
        page.close()
    assert foreign == []
    assert errors == []


@pytest.mark.parametrize(
    ("stage", "said"),
    [
        ("review", "本轮申报已于 2021-08-31 17:30 截止，现在不能提交；本页可作预览"),
        ("upcoming", "本轮申报尚未开始（2021-07-15 09:00 开始）"),
        ("applications", "本轮申报正在进行：2021-07-15 09:00 至 2021-08-31 17:30（北京时间）"),
    ],
)
def test_the_page_says_whether_applications_are_open_and_stays_usable(
    site: Site, stage: str, said: str
) -> None:
    page = site.page
    # The round's stage as the site build wrote it for another day (the data file, changed in flight).
    pattern = "**/assets/form/2021-yiye-yihui.json"

    def other_day(route: Any) -> None:
        document = json.loads(route.fetch().text())
        route.fulfill(json={**document, "stage": stage})

    page.route(pattern, other_day)
    try:
        open_form(site, "yiye-yihui")
        assert said in page.locator(".kczy-form-intro").inner_text()
        title_field(page).fill("焦作市“一业一会”建设")
        assert title_field(page).input_value() == "焦作市“一业一会”建设"
        assert "title: 焦作市“一业一会”建设" in page.evaluate("() => window.kczyForm.dump()")
    finally:
        page.unroute(pattern)
