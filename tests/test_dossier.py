"""`kczy dossier`: the committee's PDF books, checked with pypdf and rendered with pdftoppm (issue 17)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.samplepdf import render_pdf
from test_attachments import png

PREFIX = f"submissions/{SAMPLE_YEAR}/"
TYPES = ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan")
HOSTILE = '#set page(fill: red) <script>alert(1)</script> *粗* $x$ ] "引号" \\ @ref'


@dataclass(frozen=True)
class Mark:
    title: str
    depth: int
    page: int
    """0-based page index."""


def marks(reader: PdfReader) -> list[Mark]:
    found: list[Mark] = []

    def walk(items: Any, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append(Mark(str(item.title), depth, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return found


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def involves(member: dict[str, Any], data: dict[str, Any]) -> bool:
    """The member is affiliated with the applicant or a partner named by unit id (not through kczy)."""
    units = {data["applicant"], *(p["unit"] for p in data.get("partners") or [] if "unit" in p)}
    return bool(units & set(member["affiliations"]))


def applications() -> dict[str, dict[str, Any]]:
    """Application id → its data, read straight from the sample files (not through kczy)."""
    found = {}
    for path in sorted((PROJECT / PREFIX / "applications").glob("*/*.yaml")):
        found[path.stem] = yaml.safe_load(path.read_text("utf-8"))
    return found


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project_data(tmp_path_factory.mktemp("repo"))
    out = tmp_path_factory.mktemp("out")
    result = run_kczy("dossier", "--output", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    return out


def test_one_book_per_type_and_one_for_the_round(books: Path) -> None:
    names = sorted(p.name for p in books.iterdir())
    assert names == sorted([f"kczy-{SAMPLE_YEAR}-all.pdf", *(f"kczy-{SAMPLE_YEAR}-{t}.pdf" for t in TYPES)])


def test_pages_are_covers_contents_applications_and_attachments(books: Path) -> None:
    reader = PdfReader(books / f"kczy-{SAMPLE_YEAR}-all.pdf")
    found = marks(reader)
    pages = texts(reader)
    sample = applications()
    type_marks = [m for m in found if m.depth == 0]
    app_marks = [m for m in found if m.depth == 1]
    attachment_marks = [m for m in found if m.depth == 2]
    # Every application once, in the stated order: the types as in the rules, then by id.
    expected_order = [app_id for t in TYPES for app_id in sorted(a for a in sample if sample[a]["type"] == t)]
    assert [m.title.split("\u3000")[0] for m in app_marks] == expected_order
    assert [m.title for m in app_marks] == [f"{a}\u3000{sample[a]['title']}" for a in expected_order]
    # Attachments: one bookmark per listed file, under its application, over exactly its pages.
    attachment_pages = 0
    listed = [(a, item) for a in expected_order for item in sample[a].get("attachments", [])]
    assert [m.title for m in attachment_marks] == [f"附件：{item['title']}" for _, item in listed]
    for (app_id, item), mark in zip(listed, attachment_marks, strict=True):
        source = PdfReader(PROJECT / PREFIX / "attachments" / app_id / item["file"])
        for offset, page in enumerate(source.pages):
            own = " ".join(page.extract_text().split())
            assert own and own in " ".join(pages[mark.page + offset].split()), (app_id, offset)
            assert f"{app_id} 的附件：{item['title']}" in pages[mark.page + offset]
        attachment_pages += len(source.pages)
        owner = max((m for m in app_marks if m.page <= mark.page), key=lambda m: m.page)
        assert owner.title.startswith(app_id)
    # Pages: the cover, the contents, a cover per type, each application, its attachments.
    contents_pages = type_marks[0].page - 1
    assert contents_pages >= 1 and "目\u3000录" in pages[1]
    application_pages = 0
    starts = [m.page for m in type_marks + app_marks] + [len(pages)]
    for mark in app_marks:
        following = min(s for s in starts if s > mark.page)
        own_attachments = [m for m in attachment_marks if mark.page < m.page < following]
        span = following - mark.page
        application_pages += span - sum(
            len(PdfReader(PROJECT / PREFIX / "attachments" / mark.title.split("\u3000")[0] / i["file"]).pages)
            for i in sample[mark.title.split("\u3000")[0]].get("attachments", [])
        )
        assert span >= 1 + len(own_attachments)
    type_covers = len(type_marks)
    assert type_covers == len(TYPES)
    assert len(pages) == 1 + contents_pages + type_covers + application_pages + attachment_pages


def test_every_page_is_marked_and_numbered(books: Path) -> None:
    for book in sorted(books.glob("*.pdf")):
        pages = texts(PdfReader(book))
        for number, text in enumerate(pages, start=1):
            assert "内部资料 注意保密" in text, (book.name, number)
            assert f"第 {number} 页 / 共 {len(pages)} 页" in text, (book.name, number)
            assert f"{SAMPLE_YEAR} 年度评审材料汇编" in text


def test_every_title_and_field_is_in_the_text_and_private_fields_are_not(books: Path) -> None:
    text = "\n".join(texts(PdfReader(books / f"kczy-{SAMPLE_YEAR}-all.pdf")))
    flat = re.sub(r"\s+", "", text)
    for data in applications().values():
        assert re.sub(r"\s+", "", data["title"]) in flat
        # Contact details are x-private in the schema: named, never shown.
        assert data["contact"]["phone"] not in text and data["contact"]["email"] not in text
    assert "项目名称" in text and "评审标准核对" in text and "（不公开信息，已略去）" in text


def test_a_type_book_opens_with_its_criteria_and_quota(books: Path) -> None:
    reader = PdfReader(books / f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf")
    cover = reader.pages[0].extract_text()
    schema = yaml.safe_load((PROJECT / "schemas" / "yiqi-yiduijie.schema.json").read_text("utf-8"))
    for criterion in schema["x-criteria"]:
        assert f"{criterion['id']}\u3000{criterion['title']}" in cover
    assert "入选名额：2 项" in cover and "每位评委至多赞成：2 项" in cover and "本类申报书：4 份" in cover
    assert "按申报编号" in cover
    found = marks(reader)
    assert [m.title.split("\u3000")[0] for m in found if m.depth == 0] == sorted(
        a for a, d in applications().items() if d["type"] == "yiqi-yiduijie"
    )
    assert sum(1 for m in found if m.title.startswith("附件：")) == 4


def test_the_checklist_shows_each_criterion_met_or_not(books: Path) -> None:
    reader = PdfReader(books / f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf")
    first = next(m for m in marks(reader) if m.title.startswith("yqdj-muye-dianchi"))
    page = reader.pages[first.page].extract_text()
    for n in range(1, 7):
        assert re.search(rf"yiqi-yiduijie\.{n}\s*\S+\s*✓ 具备", page), n
    assert "附件：合作协议（含签字盖章页）" in page  # the evidence beside criterion .2


def test_fonts_are_embedded_subsets(books: Path) -> None:
    reader = PdfReader(books / f"kczy-{SAMPLE_YEAR}-yiye-yibao.pdf")
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all(re.match(r"^/[A-Z]{6}\+", name) for name in fonts), fonts
    assert any("CJK" in name for name in fonts)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    """A hostile title on one application and a photo attachment on another, in the type's book."""
    root = copy_project_data(tmp_path_factory.mktemp("repo"))
    path = root / PREFIX / "applications/yiqi-yiduijie/yqdj-sichou-fazhi.yaml"
    text = path.read_text("utf-8")
    title = re.search(r"^title: .*$", text, re.M)
    assert title is not None
    quoted = yaml.safe_dump(HOSTILE, allow_unicode=True).split("\n")[0]
    path.write_text(text.replace(title.group(0), "title: " + quoted), "utf-8")
    app = root / PREFIX / "applications/yiqi-yiduijie/yqdj-muye-dianchi.yaml"
    text = app.read_text("utf-8")
    entry = "  - title: 现场照片\n    file: 现场照片.png\n    criterion: yiqi-yiduijie.3\n"
    app.write_text(text.replace("\nproblem:", "\n" + entry.rstrip("\n") + "\nproblem:", 1), "utf-8")
    (root / PREFIX / "attachments/yqdj-muye-dianchi/现场照片.png").write_bytes(png())
    out = tmp_path_factory.mktemp("out")
    result = run_kczy("dossier", "--type", "yiqi-yiduijie", "--output", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == [f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf"]
    return PdfReader(out / f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf")


def test_a_hostile_title_stays_text(hostile: PdfReader) -> None:
    found = marks(hostile)
    assert f"yqdj-sichou-fazhi\u3000{HOSTILE}" in [m.title for m in found]
    mark = next(m for m in found if m.title.startswith("yqdj-sichou-fazhi"))
    page = hostile.pages[mark.page].extract_text()
    assert HOSTILE in page
    # `#set page(fill: red)` was not obeyed: the page has no red fill behind its text.
    assert b"1 0 0 rg" not in hostile.pages[mark.page].get_contents().get_data()  # type: ignore[union-attr]


def test_an_image_attachment_is_placed_on_a_page_and_bookmarked(hostile: PdfReader) -> None:
    found = marks(hostile)
    photo = next(m for m in found if m.title == "附件：现场照片")
    page = hostile.pages[photo.page]
    assert "现场照片.png" in page.extract_text() and "内部资料 注意保密" in page.extract_text()
    objects = page["/Resources"].get("/XObject", {})
    images = [o for o in objects.values() if o.get_object().get("/Subtype") == "/Image"]
    assert images, "the photo is placed on its page"
    owner = [m for m in found if m.depth == 0 and m.page <= photo.page][-1]
    assert owner.title.startswith("yqdj-muye-dianchi")


def test_a_members_copy_marks_the_recusals(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    member_id = "zhang-weimin"
    committee = yaml.safe_load((root / PREFIX / "committee.yaml").read_text("utf-8"))
    member = next(m for m in committee["members"] if m["id"] == member_id)
    recused = {a for a, data in applications().items() if involves(member, data)}
    assert recused, "the sample member has something to recuse from"
    result = run_kczy("dossier", "--member", member_id, "--output", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / f"kczy-{SAMPLE_YEAR}-all-{member_id}.pdf")
    pages = texts(reader)
    assert f"本册供 {member['name']}（{member_id}）委员使用" in pages[0]
    for app_id in recused:
        assert app_id in pages[0]
    for mark in marks(reader):
        if mark.depth != 1:
            continue
        app_id = mark.title.split("\u3000")[0]
        first = pages[mark.page]
        assert (f"{member['name']} 委员须回避本项目" in first) == (app_id in recused), app_id
        assert mark.title.endswith("（须回避）") == (app_id in recused), mark.title
        assert (f"{member['name']} 委员：本项目无需回避" in first) == (app_id not in recused), app_id
    assert all(f"{member['name']} 委员用" in page for page in pages)


def test_a_sealed_rounds_dossier_says_nothing_about_votes(tmp_path: Path) -> None:
    """The dossier never reads ballots: the same text with every ballot gone, sealed round or not."""
    root = copy_project_data(tmp_path / "repo")
    identity = tmp_path / "secret" / "identity.txt"
    identity.parent.mkdir()
    keys = run_kczy("keys", "new", "--identity-out", str(identity), cwd=root)
    recipient = re.search(r"tally_recipient: (age1[0-9a-z]+)", keys.stdout)
    assert recipient is not None
    round_path = root / PREFIX / "round.yaml"
    voting = f"  show_counts: true\n  tally_recipient: {recipient.group(1)}\n  sealed: true\n"
    round_path.write_text(round_path.read_text("utf-8").replace("  show_counts: true\n", voting), "utf-8")
    shutil.rmtree(root / PREFIX / "ballots")
    (root / PREFIX / "ballots").mkdir()
    plain = tmp_path / "plain.yaml"
    plain.write_text("member: wang-lei\nvotes:\n  yiye-yibao: [yb-dzxh-dianzi]\n", "utf-8")
    sealed = run_kczy("seal", "--member", "wang-lei", str(plain), cwd=root)
    assert sealed.returncode == 0, sealed.stdout + sealed.stderr
    receipt = re.search(r"[0-9a-f]{64}", sealed.stdout)
    assert receipt is not None

    def dossier_text(out: Path) -> str:
        result = run_kczy("dossier", "--type", "yiye-yibao", "--output", str(out), cwd=root)
        assert result.returncode == 0, result.stderr
        return "\n".join(texts(PdfReader(out / f"kczy-{SAMPLE_YEAR}-yiye-yibao.pdf")))

    with_ballot = dossier_text(tmp_path / "a")
    shutil.rmtree(root / PREFIX / "ballots")
    assert dossier_text(tmp_path / "b") == with_ballot
    for word in (receipt.group(0), "wang-lei", "王磊", "票数", "得票", "sealed"):
        assert word not in with_ballot


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--member", "nobody"], "委员“nobody”不在 submissions/2021/committee.yaml 中"),
        (["--output", "submissions/out"], "不能写到 submissions/ 中"),
        (["--round", "1999"], "没有 1999 年度"),
    ],
)
def test_usage_errors_are_said_in_chinese(tmp_path: Path, args: list[str], message: str) -> None:
    root = copy_project_data(tmp_path / "repo")
    result = run_kczy("dossier", *args, cwd=root)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (root / "submissions" / "out").exists()


def test_a_rotated_attachment_page_keeps_its_shape(tmp_path: Path) -> None:
    """A scanned page saved turned (/Rotate 90) is inserted as a reader sees it, on a page of its shape."""
    from pypdf import PdfWriter

    root = copy_project_data(tmp_path / "repo")
    writer = PdfWriter(clone_from=io.BytesIO(render_pdf([["Rotated scan page"]])))
    writer.pages[0].rotate(90)
    folder = root / PREFIX / "attachments/yqdj-muye-dianchi"
    buffer = io.BytesIO()
    writer.write(buffer)
    (folder / "扫描件.pdf").write_bytes(buffer.getvalue())
    app = root / PREFIX / "applications/yiqi-yiduijie/yqdj-muye-dianchi.yaml"
    entry = "  - title: 扫描件\n    file: 扫描件.pdf\n    criterion: yiqi-yiduijie.4\n"
    app.write_text(app.read_text("utf-8").replace("\nproblem:", "\n" + entry.rstrip("\n") + "\nproblem:", 1))
    result = run_kczy("dossier", "--type", "yiqi-yiduijie", "--output", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf")
    mark = next(m for m in marks(reader) if m.title == "附件：扫描件")
    page = reader.pages[mark.page]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    assert "Rotated scan page" in page.extract_text()


def render_png(pdf: Path, page: int, name: str, folder: Path) -> Path:
    """One page as PNG with poppler's pdftoppm, kept in `folder` to be looked at."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: .ci/run installs poppler-utils"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    number = str(page + 1)
    command = [
        "pdftoppm",
        "-png",
        "-r",
        "60",
        "-f",
        number,
        "-l",
        number,
        "-singlefile",
        str(pdf),
        str(target),
    ]
    subprocess.run(command, check=True)
    return target.with_suffix(".png")


def test_pages_render_to_png(books: Path, screenshots: Path) -> None:
    book = books / f"kczy-{SAMPLE_YEAR}-yiqi-yiduijie.pdf"
    reader = PdfReader(book)
    found = marks(reader)
    first_app = next(m for m in found if m.depth == 0)
    attachment = next(m for m in found if m.title.startswith("附件："))
    shots = {
        "cover": 0,
        "contents": 1,
        "application": first_app.page,
        "attachment": attachment.page,
    }
    sizes = {}
    for name, page in shots.items():
        png_path = render_png(book, page, f"yiqi-yiduijie-{name}", screenshots / "dossier")
        data = png_path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 5_000, name
        sizes[name] = data
    assert len(set(sizes.values())) == len(shots), "four different pages"


def test_the_ballot_template_marks_the_same_recusals_as_the_members_dossier(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    member_id = "zhang-weimin"
    (root / PREFIX / "ballots" / f"{member_id}.yaml").unlink()
    result = run_kczy("new", "ballot", "--member", member_id, cwd=root)
    assert result.returncode == 0, result.stderr
    template = (root / PREFIX / "ballots" / f"{member_id}.yaml").read_text("utf-8")
    marked = set(
        re.findall(
            r"^  #   (\S+) .*【回避：河南省机械工程学会是本项目的申报单位或合作单位，不能选】$",
            template,
            re.M,
        )
    )
    committee = yaml.safe_load((root / PREFIX / "committee.yaml").read_text("utf-8"))
    member = next(m for m in committee["members"] if m["id"] == member_id)
    expected = {a for a, data in applications().items() if involves(member, data)}
    assert marked == expected and len(expected) == 3
    assert f"你须回避的项目共 {len(expected)} 项" in template
    # Another member's template marks that member's own recusal (li-shufen: 河南省农学会).
    other = root / PREFIX / "ballots" / "li-shufen.yaml"
    other.unlink()
    assert run_kczy("new", "ballot", "--member", "li-shufen", cwd=root).returncode == 0
    assert "yt-nx-sannong  " in other.read_text("utf-8") and "【回避：河南省农学会是" in other.read_text(
        "utf-8"
    )


def test_a_large_round_is_laid_out_in_child_processes_with_the_same_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above ISOLATE_ABOVE applications each book is compiled in its own process (memory is returned
    book by book); the pages are the same as in-process."""
    from kczy.dossier import typeset
    from kczy.dossier.model import books, gather_dossier
    from kczy.repo import read_work_tree

    files = read_work_tree(PROJECT).chosen_round(SAMPLE_YEAR)
    wanted = books(gather_dossier(files))[:2]
    here = [pdf for _, pdf in typeset.typeset_books(wanted, files.contents)]
    monkeypatch.setattr(typeset, "ISOLATE_ABOVE", 0)
    spawned: list[dict[str, Any]] = []
    real_pool = typeset.ProcessPoolExecutor

    def counting_pool(*args: Any, **kwargs: Any) -> Any:
        spawned.append(kwargs)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(typeset, "ProcessPoolExecutor", counting_pool)
    there = [pdf for _, pdf in typeset.typeset_books(wanted, files.contents)]
    assert [(k["max_workers"], k["max_tasks_per_child"]) for k in spawned] == [(1, 1)]
    assert [texts(PdfReader(io.BytesIO(pdf))) for pdf in there] == [
        texts(PdfReader(io.BytesIO(pdf))) for pdf in here
    ]


def test_the_dossier_names_the_applicant_partners_and_type_as_the_reading_room_does() -> None:
    """Its fields show units by their registered names (with the id), not the bare ids."""
    from kczy.dossier.model import gather_dossier
    from kczy.repo import read_work_tree

    files = read_work_tree(PROJECT).round_files(SAMPLE_YEAR)
    application = next(a for a in gather_dossier(files).applications if a.id == "yqdj-muye-dianchi")
    shown = {row.value for row in application.fields}
    units = files.units()
    assert f"{units['zylg-kx'].name}（zylg-kx）" in shown
    assert f"{units['muye-xinneng'].name}（muye-xinneng）" in shown
    assert application.type_name in shown and "yiqi-yiduijie" not in shown
    assert not {"zylg-kx", "muye-xinneng"} & shown
