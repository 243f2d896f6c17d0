"""What the editor says must agree with kczy: the real yaml-language-server (what VS Code's YAML extension
runs, from package.json) reads every sample and template file with the schemas as `.vscode/settings.json`
maps them. Where kczy finds no schema problem the editor shows none; where kczy finds one, so does it."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

from conftest import PROJECT, copy_project_data, run_kczy

SERVER = PROJECT / "node_modules" / ".bin" / "yaml-language-server"
pytestmark = pytest.mark.slow


class LanguageServer:
    """A minimal LSP client over stdio: requests, notifications, and the diagnostics the server publishes."""

    def __init__(self, root: Path, schemas: dict[str, list[str]]) -> None:
        assert SERVER.exists(), "yaml-language-server is missing: run make setup (npm ci)"
        self.process = subprocess.Popen(
            [str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.settings = {"yaml": {"validate": True, "schemas": schemas, "schemaStore": {"enable": False}}}
        self.diagnostics: Queue[dict[str, Any]] = Queue()
        self.replies: Queue[dict[str, Any]] = Queue()
        self.next_id = 0
        self.versions: dict[str, int] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {
            "workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}},
        }})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.diagnostics.put(message["params"])
            elif message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self._send({"id": message["id"], "result": [self.settings.get(i.get("section", ""), {})
                                                             for i in items]})
            elif "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
            elif "id" in message:
                self.replies.put(message)

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.replies.get(timeout=60)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def check(self, paths: list[Path]) -> dict[Path, list[dict[str, Any]]]:
        """The diagnostics the server publishes for each of `paths` as it now reads (opened, or changed if
        open). The files are sent together and the server's last report for each is kept: it may report
        again as schemas load, so the reports are read until it has said nothing for 5 s, once for all."""
        while not self.diagnostics.empty():  # what the server said before, about any file
            self.diagnostics.get_nowait()
        uris = {path.as_uri(): path for path in paths}
        for uri, path in uris.items():
            text = path.read_text("utf-8")
            if uri in self.versions:
                self.versions[uri] += 1
                document = {"uri": uri, "version": self.versions[uri]}
                changes = [{"text": text}]
                self.notify("textDocument/didChange", {"textDocument": document, "contentChanges": changes})
            else:
                self.versions[uri] = 1
                self.notify("textDocument/didOpen", {"textDocument": {
                    "uri": uri, "languageId": "yaml", "version": 1, "text": text,
                }})
        found: dict[Path, list[dict[str, Any]]] = {}
        while True:  # up to 60 s for a first report of every file, then until 5 s pass without one
            try:
                published = self.diagnostics.get(timeout=5.0 if len(found) == len(uris) else 60.0)
            except Empty:
                break
            if published["uri"] in uris:
                found[uris[published["uri"]]] = list(published["diagnostics"])
        assert set(found) == set(paths), f"no diagnostics for {sorted(map(str, set(paths) - set(found)))}"
        return found

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's schemas and sample round, the editor settings, and one `kczy new` file of each type."""
    root = copy_project_data(tmp_path_factory.mktemp("repo"))
    shutil.copytree(PROJECT / ".vscode", root / ".vscode")
    units = {"yishi-yipin": "zmd-kx", "yiye-yibao": "hn-hgxh", "yiqi-yiduijie": "muye-xinneng",
             "yiye-yihui": "ly-kx", "yiye-yituan": "hn-spkx"}
    for type_id, unit in units.items():
        made = run_kczy("new", "application", "--type", type_id, "--unit", unit, "--id", f"new-{type_id}",
                        cwd=root)
        assert made.returncode == 0, made.stderr
    return root


@pytest.fixture(scope="module")
def server(repository: Path) -> Iterator[LanguageServer]:
    settings = json.loads((repository / ".vscode/settings.json").read_text("utf-8"))
    mapped = settings["yaml.schemas"].items()
    schemas = {(repository / path).resolve().as_uri(): globs for path, globs in mapped}
    language_server = LanguageServer(repository, schemas)
    try:
        yield language_server
    finally:
        language_server.close()


def schema_codes(root: Path, *relatives: str) -> dict[str, list[str]]:
    """The schema and YAML codes kczy validate finds in each file (one run for all of them)."""
    result = run_kczy("validate", "--format", "json", *relatives, cwd=root)
    codes: dict[str, list[str]] = {relative: [] for relative in relatives}
    for finding in json.loads(result.stdout):
        if finding["code"].startswith(("schema.", "yaml.")):
            codes[finding["file"]].append(finding["code"])
    return codes


def errors(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["message"] for d in diagnostics if d.get("severity", 1) == 1]


def sample_files() -> list[str]:
    return sorted(p.relative_to(PROJECT).as_posix() for p in (PROJECT / "submissions").rglob("*.yaml"))


@pytest.fixture(scope="module")
def sample_verdicts(repository: Path, server: LanguageServer) -> dict[str, tuple[list[str], list[str]]]:
    """Each sample file: (kczy's schema codes, the editor's errors); the editor reads them all at once."""
    files = sample_files()
    codes = schema_codes(repository, *files)
    said = server.check([repository / relative for relative in files])
    return {relative: (codes[relative], errors(said[repository / relative])) for relative in files}


@pytest.mark.parametrize("relative", sample_files())
def test_the_editor_finds_nothing_in_a_sample_file_kczy_accepts(
    sample_verdicts: dict[str, tuple[list[str], list[str]]], relative: str
) -> None:
    kczy_codes, editor_errors = sample_verdicts[relative]
    assert kczy_codes == []
    assert editor_errors == []


def test_the_editor_and_kczy_both_flag_the_blank_templates(repository: Path, server: LanguageServer) -> None:
    """The files `kczy new` writes: unfilled, so both must say so (the editor as the person types)."""
    paths = sorted((repository / "submissions/2021/applications").glob("*/new-*.yaml"))
    assert len(paths) == 5
    relatives = [path.relative_to(repository).as_posix() for path in paths]
    codes = schema_codes(repository, *relatives)
    said = server.check(paths)
    for path, relative in zip(paths, relatives, strict=True):
        assert "schema.empty" in codes[relative], relative
        assert errors(said[path]), relative


EDITS = [
    ("submissions/2021/round.yaml", '"2021-09-17T17:00+08:00"', '"2021-09-17 17:00"'),
    ("submissions/2021/units.yaml", "- zz-kx@example.org", "- zz-kx-example.org"),
    ("submissions/2021/ballots/zhou-jun.yaml", "member: zhou-jun", "member: Zhou Jun"),
]


@pytest.fixture(scope="module")
def edit_verdicts(repository: Path, server: LanguageServer) -> dict[str, tuple[list[str], list[str]]]:
    """Each of EDITS made to its file: (kczy's schema codes, the editor's errors). kczy validates each edit
    alone (a broken round.yaml stops the round); the editor reads the three edited files at once."""
    originals = {relative: (repository / relative).read_text("utf-8") for relative, _, _ in EDITS}
    for relative, old, _ in EDITS:
        assert old in originals[relative], relative
    codes: dict[str, list[str]] = {}
    try:
        for relative, old, new in EDITS:
            path = repository / relative
            path.write_text(originals[relative].replace(old, new), "utf-8")
            try:
                codes[relative] = schema_codes(repository, relative)[relative]
            finally:
                path.write_text(originals[relative], "utf-8")
        for relative, old, new in EDITS:
            (repository / relative).write_text(originals[relative].replace(old, new), "utf-8")
        said = server.check([repository / relative for relative, _, _ in EDITS])
    finally:
        for relative, text in originals.items():
            (repository / relative).write_text(text, "utf-8")
    return {relative: (codes[relative], errors(said[repository / relative])) for relative, _, _ in EDITS}


@pytest.mark.parametrize(("relative", "old", "new"), EDITS)
def test_the_editor_flags_what_kczy_flags(
    edit_verdicts: dict[str, tuple[list[str], list[str]]], relative: str, old: str, new: str
) -> None:
    kczy_codes, editor_errors = edit_verdicts[relative]
    assert kczy_codes != []
    assert editor_errors
