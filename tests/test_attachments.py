"""Attachments (issue 6) with real files through the real `kczy validate`, `check-pr` and `mkdocs build`."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import unicodedata
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter

from conftest import PROJECT, SAMPLE_YEAR, copy_project_data, run_kczy
from kczy.attachments import check_content, check_name, name_key
from kczy.samplepdf import render_pdf, sample_attachments
from test_site import build, site_repo

PREFIX = f"submissions/{SAMPLE_YEAR}/"
APP_ID = "yqdj-muye-dianchi"
APP = f"{PREFIX}applications/yiqi-yiduijie/{APP_ID}.yaml"
FOLDER = f"{PREFIX}attachments/{APP_ID}/"
PDF = render_pdf([["Meeting minutes (test)", "Item 1"]], title="test")


def png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("", "owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_project_data(tmp_path / "repo")


def add(
    root: Path, name: str, data: bytes | None, criterion: str = "yiqi-yiduijie.4", listed: bool = True
) -> int:
    """Put a file into the application's folder (None: no file) and list it; returns the `file:` line."""
    if data is not None:
        (root / FOLDER / name).write_bytes(data)
    if not listed:
        return 0
    path = root / APP
    text = path.read_text("utf-8")
    entry = (
        f"  - title: 测试附件\n    file: {json.dumps(name, ensure_ascii=False)}\n    criterion: {criterion}\n"
    )
    head, tail = text.split("\nproblem:", 1)
    path.write_text(head + "\n" + entry.rstrip("\n") + "\nproblem:" + tail, "utf-8")
    return head.count("\n") + 3


def validate(root: Path, *paths: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    result = run_kczy("validate", "--format", "json", *paths, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    found = [(f["file"], f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)]
    # Editing an application changes what the sample's approval pinned; that rule is tested elsewhere.
    found = [f for f in found if not f[3].startswith(("tally.", "approval.hash-mismatch"))]
    return (1 if found else 0), found


def test_the_sample_round_ships_generated_attachments_and_validates() -> None:
    shipped = {
        p.relative_to(PROJECT).as_posix(): p.read_bytes()
        for p in (PROJECT / PREFIX / "attachments").rglob("*")
        if p.is_file()
    }
    assert shipped == sample_attachments(SAMPLE_YEAR)
    assert run_kczy("validate", cwd=PROJECT).returncode == 0


def test_valid_pdf_png_and_jpeg_pass(repo: Path) -> None:
    add(repo, "会议纪要.pdf", PDF)
    add(repo, "现场照片.png", png(), "yiqi-yiduijie.3")
    add(repo, "photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9", "yiqi-yiduijie.3")
    assert validate(repo) == (0, [])


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("协议.png", PDF, "attachment.extension-mismatch"),
        ("协议.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "attachment.not-pdf-or-image"),
        ("协议.pdf", b"PK\x03\x04 a docx", "attachment.not-pdf-or-image"),
        ("协议.pdf", PDF[: len(PDF) // 2], "attachment.pdf-truncated"),
        ("协议.pdf", PDF[: len(PDF) // 2] + b"\n%%EOF\n", "attachment.pdf-unreadable"),
        ("协议.pdf", encrypted_pdf(), "attachment.pdf-encrypted"),
        ("协议.png", png()[:-12], "attachment.image-truncated"),
        ("协议.pdf", b"", "attachment.empty"),
    ],
    ids=[
        "pdf-as-png",
        "html-as-pdf",
        "docx-as-pdf",
        "truncated",
        "corrupt",
        "encrypted",
        "truncated-png",
        "empty",
    ],
)
def test_content_is_judged_by_the_bytes(repo: Path, name: str, data: bytes, code: str) -> None:
    line = add(repo, name, data)
    assert validate(repo) == (1, [(APP, line, 11, code)])


def test_size_limits_from_round_yaml(repo: Path) -> None:
    round_yaml = repo / PREFIX / "round.yaml"
    limits = "attachments:\n  max_file_bytes: 3000\n  max_application_bytes: 4000\n"
    round_yaml.write_text(round_yaml.read_text("utf-8") + limits, "utf-8")
    big = render_pdf([[f"Line {n} of a long document" for n in range(120)]])
    assert len(big) > 3000
    line = add(repo, "大文件.pdf", big)
    medium = render_pdf([[f"Line {n}" for n in range(40)]])
    assert 1000 < len(medium) < 3000
    add(repo, "附件二.pdf", medium)
    code, found = validate(repo)
    assert code == 1
    attachments_line = (repo / APP).read_text("utf-8").splitlines().index("attachments:") + 1
    assert found == [
        (APP, attachments_line, 1, "attachment.application-too-large"),
        (APP, line, 11, "attachment.too-large"),
    ]


def test_missing_unlisted_orphaned_and_symlinked_files(repo: Path) -> None:
    missing = add(repo, "没有这个文件.pdf", None)
    add(repo, "未列出.pdf", PDF, listed=False)
    orphan_folder = repo / PREFIX / "attachments" / "no-such-app"
    orphan_folder.mkdir()
    (orphan_folder / "x.pdf").write_bytes(PDF)
    linked = add(repo, "链接.pdf", None)
    os.symlink(repo / FOLDER / "合作协议.pdf", repo / FOLDER / "链接.pdf")
    code, found = validate(repo)
    assert code == 1
    assert found == [
        (APP, missing, 11, "attachment.missing"),
        (APP, linked, 11, "attachment.missing"),
        (f"{PREFIX}attachments/no-such-app/x.pdf", 1, 1, "attachment.no-application"),
        (f"{FOLDER}未列出.pdf", 1, 1, "attachment.unlisted"),
        (f"{FOLDER}链接.pdf", 1, 1, "file.symlink"),
    ]
    # Checking only the application still checks its folder: the symlink and the unlisted file.
    code, found = validate(repo, APP)
    assert {f[3] for f in found} == {"attachment.missing", "attachment.unlisted", "file.symlink"}
    # Checking only a file under attachments/ reports it at its own place, and its application's list.
    found = validate(repo, f"{FOLDER}未列出.pdf")[1]
    assert (f"{FOLDER}未列出.pdf", 1, 1, "attachment.unlisted") in found
    assert {f[3] for f in found} == {"attachment.unlisted", "attachment.missing"}


def test_hostile_names(repo: Path) -> None:
    dash = add(repo, "-rf.pdf", PDF)
    dots = add(repo, "..pdf", PDF)
    newline = add(repo, "a\nb.pdf", None)
    code, found = validate(repo)
    assert code == 1
    assert found == [
        (APP, dash, 11, "attachment.name-dash"),
        (APP, dots, 11, "attachment.name-dots"),
        (APP, newline, 11, "attachment.name-control"),
    ]


def test_a_newline_in_a_file_name_on_disk(repo: Path) -> None:
    try:
        (repo / FOLDER / "a\nb.pdf").write_bytes(PDF)
    except OSError:
        pytest.skip("this file system refuses a newline in a name")
    result = run_kczy("validate", "--format", "github", cwd=repo)
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "attachment.unlisted" in line)
    assert "file=submissions/2021/attachments/yqdj-muye-dianchi/a%0Ab.pdf," in line


def test_names_that_differ_only_by_case_or_normalisation(repo: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "协议é.pdf"), unicodedata.normalize("NFD", "协议é.pdf")
    assert nfc != nfd and name_key(nfc) == name_key(nfd)
    wrong_form = add(repo, nfc, None)
    (repo / FOLDER / nfd).write_bytes(PDF)
    wrong_case = add(repo, "report.pdf", None)
    (repo / FOLDER / "Report.pdf").write_bytes(PDF)
    (repo / FOLDER / "SCAN.pdf").write_bytes(PDF)
    (repo / FOLDER / "scan.pdf").write_bytes(PDF)
    listed = add(repo, "scan.pdf", None)
    twin = add(repo, "ＳＣＡＮ.pdf", None)  # full-width letters: the same name after NFKC
    code, found = validate(repo)
    assert code == 1
    assert found == [
        (APP, wrong_form, 11, "attachment.name-differs"),
        (APP, wrong_case, 11, "attachment.name-differs"),
        (APP, twin, 11, "attachment.name-collision"),
        (f"{FOLDER}Report.pdf", 1, 1, "attachment.unlisted"),
        (f"{FOLDER}SCAN.pdf", 1, 1, "attachment.name-collision"),
        (f"{FOLDER}{nfd}", 1, 1, "attachment.unlisted"),
    ], listed


def test_criteria_come_from_the_schema(repo: Path) -> None:
    unknown = add(repo, "说明.pdf", PDF, criterion="yiqi-yiduijie.9")
    assert validate(repo) == (1, [(APP, unknown + 1, 16, "attachment.unknown-criterion")])
    # The signed agreement is required (x-requires-attachment in the type's schema).
    path = repo / APP
    text = path.read_text("utf-8")
    path.write_text(text.replace("criterion: yiqi-yiduijie.2", "criterion: yiqi-yiduijie.1"), "utf-8")
    schema = json.loads((repo / "schemas/yiqi-yiduijie.schema.json").read_text("utf-8"))
    assert schema["x-requires-attachment"] == ["yiqi-yiduijie.2"]
    assert "attachment.required" in {f[3] for f in validate(repo)[1]}


def test_rules_for_names_and_bytes_alone() -> None:
    assert check_name("合作协议（盖章页）.pdf") == []
    assert [p.code for p in check_name("x\u202egpj.pdf")] == ["attachment.name-control"]
    assert [p.code for p in check_name("a\\b.pdf")] == ["attachment.name-char"]
    assert [p.code for p in check_name("a/b.pdf")] == ["attachment.name-folder"]
    assert [p.code for p in check_name("协议.docx")] == ["attachment.name-extension"]
    facts, problems = check_content("a.pdf", PDF)
    assert problems == [] and facts is not None
    assert (facts.pages, facts.size, facts.sha256) == (1, len(PDF), hashlib.sha256(PDF).hexdigest())


@pytest.mark.slow
def test_the_public_site_holds_nothing_of_any_attachment_and_the_reading_room_all(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    attachments = sorted(p for p in (root / PREFIX / "attachments").rglob("*") if p.is_file())
    assert attachments
    needles: list[bytes] = []
    for path in attachments:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        needles += [data[:64], path.name.encode("utf-8"), digest.encode(), digest.upper().encode()]
        needles.append(json.dumps(path.name).encode())  # \uXXXX escapes, as in a search index
    from urllib.parse import quote

    needles += [quote(p.name).encode() for p in attachments]
    public = tmp_path / "public"
    for now in ("2021-09-12T09:00", "2021-09-27T10:00", "2021-10-15T09:00"):
        result = build(root, public, now)
        assert result.returncode == 0, result.stderr
        leaks = [
            (path.relative_to(public).as_posix(), needle)
            for path in public.rglob("*")
            if path.is_file()
            for needle in needles
            if needle in path.read_bytes()
        ]
        assert leaks == [], now
    internal = tmp_path / "internal"
    result = build(root, internal, "2021-09-12T09:00", "mkdocs.internal.yml")
    assert result.returncode == 0, result.stderr
    page = (internal / "2021/applications" / f"{APP_ID}.html").read_text("utf-8")
    shipped = (root / FOLDER / "合作协议.pdf").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() in page
    assert 'href="../attachments/yqdj-muye-dianchi/%E5%90%88%E4%BD%9C%E5%8D%8F%E8%AE%AE.pdf"' in page
    assert (internal / "2021/attachments" / APP_ID / "合作协议.pdf").read_bytes() == shipped


GBK_NAME = os.fsdecode("附件.pdf".encode("gbk"))
"""A name zipped on a Chinese Windows machine: its bytes are GBK, not UTF-8."""
SHOWN = "\\xb8\\xbd\\xbc\\xfe.pdf"


def test_a_file_name_that_is_not_utf8_is_a_finding_everywhere(tmp_path: Path) -> None:
    from gitrounds import origin_and_clone
    from roundbuilder import make_round
    from test_check_pr import IN_APPLICATIONS, pull_request

    repo = copy_project_data(tmp_path / "sample")
    (repo / FOLDER / GBK_NAME).write_bytes(PDF)
    for form in ("json", "text", "github"):
        result = run_kczy("validate", "--format", form, cwd=repo)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        shown = result.stdout if form != "json" else " ".join(f["file"] for f in json.loads(result.stdout))
        assert f"{FOLDER}{SHOWN}" in shown and "file.name-not-utf8" in result.stdout
    tally = run_kczy("tally", "--format", "json", cwd=repo)
    assert tally.returncode == 0 and "Traceback" not in tally.stderr, tally.stderr

    apps = {"aa": ("yiye-yibao", "u1", [])}
    contents = make_round({"m1": []}, apps, {}, units={"u1": "login-u1"})
    work = origin_and_clone(tmp_path, contents, "2030-02-01T10:00")[1]
    pull_request(work, "attach", {f"submissions/2030/attachments/aa/{GBK_NAME}": PDF})
    checked = run_kczy("check-pr", "--base", "main", "--head", "attach", "--author", "login-u1",
                       "--now", IN_APPLICATIONS, cwd=work)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert f"submissions/2030/attachments/aa/{SHOWN}" in checked.stdout
    assert "file.name-not-utf8" in checked.stdout
    assert check_name(GBK_NAME)[0].code == "file.name-not-utf8"
    git_merge(work, "attach")
    for command in ("validate", "tally"):
        result = run_kczy(command, cwd=work)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == (1 if command == "validate" else 0)


def git_merge(work: Path, branch: str) -> None:
    from conftest import git

    git("merge", "-q", "--no-ff", "-m", f"merge {branch}", branch, cwd=work)
