"""The notice and the announcement as official documents: `kczy documents` writes Word and PDF files in the
GB/T 9704-2012 layout; the site offers the same files; the pages say the documents' own sentences."""

from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.documents.content import build_announcement, build_notice
from kczy.repo import read_work_tree
from kczy.site.read import read_public_rounds
from test_site import PREFIX, build, repin_approval, site_repo

ANNOUNCED = "2021-10-20T10:00"
BEIJING = datetime.timezone(datetime.timedelta(hours=8))
# Titles that would be code in Word (a field), in a template (Jinja, docxtpl), in Typst markup or in XML.
HOSTILE_TITLES = {
    "applications/yishi-yipin/ysyp-luoyang-zhuangbei.yaml": "{{ x }}洛阳{% if 1 %}大会{% endif %}",
    "applications/yiye-yibao/yb-spkx-shipin.yaml": '#set text(fill: red) ] #"a" \\ 漯河 $x$ @ref <lab>',
    "applications/yiqi-yiduijie/yqdj-muye-dianchi.yaml": "{ MERGEFIELD 项目 } { PAGE } 高镍 & <w:t>x</w:t>",
    "applications/yiye-yihui/yyyh-zhengzhou.yaml": "郑州 ]] ) } #{ panic() } /* 注释",
}
FULL_WIDTH = str.maketrans({"＜": "<", "＞": ">", "＆": "&", "＂": '"'})
OFFICIAL_FONTS = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}


def public_round(root: Path, now: str) -> Any:
    moment = datetime.datetime.fromisoformat(now).replace(tzinfo=BEIJING)
    return read_public_rounds(read_work_tree(root), moment)[0]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample round's documents after the announcement, written by the real command."""
    root = copy_project_data(tmp_path_factory.mktemp("repo"))
    out = root / "out"
    result = run_kczy("documents", "--now", ANNOUNCED, "--output", str(out), cwd=root)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "2021-announcement.docx",
        "2021-announcement.pdf",
        "2021-notice.docx",
        "2021-notice.pdf",
    ]
    return out


def runs(document: Any) -> list[Any]:
    found = [run for paragraph in document.paragraphs for run in paragraph.runs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [run for paragraph in cell.paragraphs for run in paragraph.runs]
    return found


def test_the_word_file_has_the_standard_layout(documents: Path) -> None:
    document = docx.Document(str(documents / "2021-announcement.docx"))
    (section,) = document.sections

    def mm(*lengths: int) -> tuple[int, ...]:  # EMU; Word stores twentieths of a point, hence round()
        return tuple(round(length / 36000) for length in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.left_margin) == (37, 28)
    assert mm(section.page_width - section.left_margin - section.right_margin) == (156,)
    assert mm(section.page_height - section.top_margin - section.bottom_margin) == (225,)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid is not None and grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22 lines, in 1/20 pt
    notice = docx.Document(str(documents / "2021-notice.docx"))
    both = runs(document) + runs(notice)
    fonts = {run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in both if run.text}
    assert fonts >= OFFICIAL_FONTS
    kai = next(r for r in runs(notice) if r.text == "（一）受理要求")  # the second heading level in 楷体
    assert kai._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    red = [run.text for run in runs(document) if str(run.font.color.rgb) == "FF0000"]
    assert {"河南省科学技术协会", "河南省财政厅", "文件"} <= set(red)
    lines = [p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") for p in document.paragraphs]
    assert [line.get(qn("w:color")) for line in lines if line is not None] == ["FF0000"]  # the red line
    texts = [p.text for p in document.paragraphs]
    assert "豫科协〔2021〕58号" in texts
    title = next(r for r in runs(document) if r.text.startswith("河南省科学技术协会 河南省财政厅关于公布"))
    assert title.font.size.pt == 22 and title._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert any(t.startswith("各省辖市科协") and t.endswith("：") for t in texts)  # 主送机关
    assert any("经申报单位申报、专家评审委员会评审、省科协党组会议" in t and "予以公布" in t for t in texts)
    assert "附件：2021年度“科创中原”科技经济融合行动项目名单" in texts
    assert texts.index("2021年10月15日") > texts.index("河南省财政厅")  # 成文日期 under the signature
    # 一、 in 黑体 for the annex's type headings.
    heading = next(r for r in runs(document) if r.text.startswith("一、"))
    assert heading._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    footer = section.footer._element.xml
    assert "— " in footer and " —" in footer and "PAGE" in footer


def test_the_word_list_is_the_announcements_list(documents: Path) -> None:
    public = public_round(PROJECT, ANNOUNCED)
    document = docx.Document(str(documents / "2021-announcement.docx"))
    listed = [
        tuple(cell.text for cell in row.cells[1:3]) for table in document.tables[1:] for row in table.rows[1:]
    ]
    expected = [(p.title, p.applicant) for kind in public.types for p in public.announced.get(kind.id, ())]
    assert listed == expected and len(listed) == 9
    assert not any("许昌发制品" in title for title, _ in listed)
    texts = [p.text for p in document.paragraphs]
    # “一市一品” lost its Xuchang project to an upheld objection: the vacancy is said, not left to guess.
    assert "本类名额2项，入选1项，空缺1项。" in texts
    assert any("异议成立 1 件" in t for t in texts)


def test_the_notice_document(documents: Path) -> None:
    document = docx.Document(str(documents / "2021-notice.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "关于2021年度“科创中原”科技经济融合行动拟入选项目名单的公示" in texts
    assert "2021年9月26日至2021年9月28日（共3天，含首日）。" in texts
    assert "电话：0371-65950000" in texts and "2021年9月26日" in texts
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(rows) == 10 and any("许昌发制品" in row.cells[1].text for row in rows)
    # A notice is no numbered document: the mark is the association's name alone.
    assert not any(re.search(r"〔\d{4}〕\d+号", t) for t in texts)


def test_the_pdf_is_a4_with_the_documents_text(documents: Path) -> None:
    for name in ("2021-notice.pdf", "2021-announcement.pdf"):
        reader = pypdf.PdfReader(documents / name)
        assert len(reader.pages) >= 2
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = "\n".join(page.extract_text() for page in reader.pages)
        flat = re.sub(r"\s+", "", text)
        assert "— 1 —" in text and "— 2 —" in text
        assert "河南省科学技术协会" in flat
        if name == "2021-announcement.pdf":
            assert "豫科协〔2021〕58号" in flat and "2021年10月15日" in flat
            assert "高镍正极材料" in flat and "许昌发制品" not in flat
        else:
            assert "拟入选项目名单的公示" in flat and "许昌发制品" in flat


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="never: .ci/run installs poppler-utils")
def test_the_first_pages_render_with_a_red_mark(documents: Path, screenshots: Path) -> None:
    """pdftoppm draws each first page (kept in the session's test-output/ to look at); its top holds the red
    mark."""
    for stem in ("2021-notice", "2021-announcement"):
        pdf = documents / f"{stem}.pdf"
        page = ["-f", "1", "-l", "1", "-singlefile"]
        image = screenshots / f"{stem}-page1"
        subprocess.run(["pdftoppm", "-png", "-r", "60", *page, pdf, image], check=True)
        ppm = subprocess.run(
            ["pdftoppm", "-r", "30", *page, pdf],
            check=True,
            capture_output=True,
        ).stdout
        width, height, pixels = read_ppm(ppm)
        red_rows = {
            index // (width * 3) * 1.0 / height
            for index in range(0, len(pixels), 3)
            if pixels[index] > 200 and pixels[index + 1] < 90 and pixels[index + 2] < 90
        }
        assert red_rows, f"{stem}: no red on the first page"
        assert max(red_rows) < 0.45, f"{stem}: red below the head of the page"


def read_ppm(data: bytes) -> tuple[int, int, bytes]:
    header = data.split(maxsplit=4)
    assert header[0] == b"P6"
    width, height = int(header[1]), int(header[2])
    return width, height, header[4][-width * height * 3 :]


def test_documents_are_byte_identical_from_two_runs(documents: Path, tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    result = run_kczy("documents", "--now", ANNOUNCED, "--output", "again", cwd=root)
    assert result.returncode == 0, result.stderr
    for path in documents.iterdir():
        assert (root / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_before_the_notice_there_is_no_document(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    result = run_kczy("documents", "--now", "2021-09-20T10:00", "--output", "out", cwd=root)
    assert result.returncode == 1
    assert "还没有开始公示" in result.stderr and not (root / "out").exists()
    result = run_kczy("documents", "--now", "2021-09-27T10:00", "--output", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (root / "out").iterdir()) == ["2021-notice.docx", "2021-notice.pdf"]
    assert "尚未公布" in result.stdout


def test_a_broken_round_gets_no_document(tmp_path: Path) -> None:
    root = copy_project_data(tmp_path / "repo")
    approval = root / PREFIX / "approval.yaml"
    text = approval.read_text("utf-8")
    approval.write_text(text.replace("notice_starts: 2021-09-26", "notice_starts: 2021-09-31"))
    result = run_kczy("documents", "--now", ANNOUNCED, "--output", "out", cwd=root)
    assert result.returncode == 1
    assert "公文未生成" in result.stderr and "approval.yaml" in result.stderr


def hostile_repo(root: Path) -> Path:
    site_repo(root)
    for relative, title in HOSTILE_TITLES.items():
        path = root / PREFIX / relative
        text = path.read_text("utf-8")
        quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        path.write_text(re.sub(r"(?m)^title: .*$", lambda _, q=quoted: "title: " + q, text, count=1), "utf-8")
    repin_approval(root)
    return root


def test_hostile_titles_stay_text_in_both_documents(tmp_path: Path) -> None:
    root = hostile_repo(tmp_path / "repo")
    result = run_kczy("documents", "--now", ANNOUNCED, "--output", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    for stem in ("2021-notice", "2021-announcement"):
        word = root / "out" / f"{stem}.docx"
        document = docx.Document(str(word))
        cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        assert set(HOSTILE_TITLES.values()) <= cells
        with zipfile.ZipFile(word) as archive:
            xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
        # The only field anywhere is the page number in the footers.
        assert "MERGEFIELD" not in re.sub(r"<w:t[^>]*>[^<]*</w:t>", "", xml)
        assert re.findall(r"<w:instrText[^>]*>([^<]*)<", xml) == [" PAGE ", " PAGE "]
        assert "fldSimple" not in xml
        reader = pypdf.PdfReader(root / "out" / f"{stem}.pdf")
        flat = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
        for title in HOSTILE_TITLES.values():
            assert re.sub(r"\s+", "", title) in flat, title
    # The pages show the same titles as text; the project pages are titled by them, brackets made harmless.
    out = tmp_path / "site"
    built = build(root, out, ANNOUNCED)
    assert built.returncode == 0, built.stderr
    for page in ("notice", "announcement"):
        page_html = (out / SAMPLE_YEAR / page / "index.html").read_text("utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", page_html))
        for title in HOSTILE_TITLES.values():
            assert title in text, (page, title)
        assert "<w:t>" not in page_html and "{% if" not in page_html
    for relative, title in HOSTILE_TITLES.items():
        page_html = (out / SAMPLE_YEAR / "projects" / Path(relative).stem / "index.html").read_text("utf-8")
        shown = re.search(r"<title>(.*?) - ", page_html)
        assert shown is not None and "<" not in shown.group(1)
        assert html.unescape(shown.group(1)).translate(FULL_WIDTH) == title


def test_pages_and_documents_share_their_sentences(tmp_path: Path) -> None:
    """Every sentence of both documents' bodies is on the site's page, word for word."""
    root = site_repo(tmp_path / "repo")
    out = tmp_path / "site"
    result = build(root, out, ANNOUNCED)
    assert result.returncode == 0, result.stderr
    public = public_round(root, ANNOUNCED)
    for document, page in ((build_notice(public), "notice"), (build_announcement(public), "announcement")):
        page_html = (out / SAMPLE_YEAR / page / "index.html").read_text("utf-8")
        text = html.unescape(re.sub(r"<[^>]+>", "", page_html))
        for paragraph in document.body:
            for part in (paragraph.lead, paragraph.text):
                assert part in text, part
        assert document.title in text
        for table in document.annexes[0].tables:
            assert table.heading in text and table.note in text
        # The page links its documents, and the site carries them.
        for suffix in ("docx", "pdf"):
            assert f'href="../{SAMPLE_YEAR}-{page}.{suffix}"' in page_html
            assert (out / SAMPLE_YEAR / f"{SAMPLE_YEAR}-{page}.{suffix}").stat().st_size > 10_000
