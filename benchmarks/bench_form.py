"""The web form (填报助手) in headless Chromium: how soon it is ready, how big its scripts are, how long a
keystroke's check takes. Prints the figures beside the targets.

    .venv/bin/python benchmarks/bench_form.py [--runs N]

Builds the public site of the sample round on a day when applications are open, serves it on 127.0.0.1
and, for each project type:

- ready: from navigation start to the form drawn with validation loaded (the page's own
  `window.kczyFormReadyAt`, after the first check ran), median of N fresh page loads; target ≤ 1 s;
- scripts: the form's bundle and its data (schemas, template, message catalog), gzip-compressed;
  target ≤ 400 KB for the page's own scripts;
- keystroke: with the largest sample application of the type loaded, the time from one typed character
  to its findings shown (write the file, parse it, check the schema and cross-file rules, update the
  fields), median of 50 keystrokes; target ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))

from browser import launch, serve  # noqa: E402

TYPES = ("yishi-yipin", "yiye-yibao", "yiqi-yiduijie", "yiye-yihui", "yiye-yituan")
KEYSTROKE = """async (count) => {
    const input = document.querySelector("#kczy-field-title");
    const times = [];
    for (let i = 0; i < count; i += 1) {
        const start = performance.now();
        input.value = input.value.slice(0, 20) + "测";
        input.dispatchEvent(new Event("input", {bubbles: true}));
        times.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return times;
}"""


def build_site(root: Path, out: Path) -> None:
    for name in ("schemas", "submissions", "docs", "overrides"):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "scripts/mkdocs_hook.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PROJECT / name, root / name)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "KCZY_NOW": "2021-08-01T10:00", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(out)], cwd=root, env=env, check=True)


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def measure_type(
    browser: object, url: str, out: Path, type_id: str, sample: Path, runs: int
) -> tuple[float, float]:
    """Median ready time over `runs` fresh loads, and median keystroke check with `sample` loaded."""
    readies = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto(f"{url}/2021/form/{type_id}/")
        page.wait_for_selector("#kczy-form[data-ready]", timeout=20000)
        readies.append(page.evaluate("() => window.kczyFormReadyAt"))
        page.close()
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{url}/2021/form/{type_id}/")
    page.wait_for_selector("#kczy-form[data-ready]", timeout=20000)
    page.evaluate("(text) => window.kczyForm.load(text)", sample.read_text("utf-8"))
    keys = page.evaluate(KEYSTROKE, 50)
    page.evaluate("() => window.kczyForm.clear()")
    page.close()
    ready, key = statistics.median(readies), statistics.median(keys)
    data = gzipped(out / "assets" / "form" / f"2021-{type_id}.json") / 1024
    print(
        f"{type_id:14} 就绪 {ready:6.0f} ms（{runs} 次中位数，最慢 {max(readies):.0f} ms）"
        f"  数据 gzip {data:5.1f} KB"
        f"  按键检查 {key:5.1f} ms（中位数，最慢 {max(keys):.1f} ms，{sample.name}）"
    )
    return ready, key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="page loads per type (median)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        root, out = Path(scratch) / "repo", Path(scratch) / "site"
        build_site(root, out)
        bundle = out / "assets" / "form" / "form.js"
        messages = out / "assets" / "form" / "messages.json"
        size, packed = bundle.stat().st_size / 1024, gzipped(bundle) / 1024
        print(f"form.js：{size:.0f} KB，gzip 后 {packed:.0f} KB（目标 ≤ 400 KB）")
        print(f"messages.json：gzip 后 {gzipped(messages) / 1024:.1f} KB")
        samples = sorted((root / "submissions" / "2021" / "applications").glob("*/*.yaml"))
        results = []
        with serve(out) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                for type_id in TYPES:
                    of_type = [p for p in samples if p.parent.name == type_id]
                    largest = max(of_type, key=lambda p: p.stat().st_size)
                    results.append(measure_type(browser, url, out, type_id, largest, args.runs))
            finally:
                browser.close()
        ready, key = max(r for r, _ in results), max(k for _, k in results)
        print(f"最慢的类型：就绪 {ready:.0f} ms（目标 ≤ 1000 ms），按键检查 {key:.1f} ms（目标 ≤ 50 ms）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
