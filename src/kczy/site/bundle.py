"""The web form's script: bundled by esbuild from `web/form/` into `build/form/form.js` (an edge: runs node).

`make setup` builds it once; a site build rebuilds it when a source is newer than the bundle, so that an
edited script is never published stale. The bundle is looked for in the repository being built, then in
the checkout kczy runs from (a test's scratch repository has no `node_modules/` of its own). Without
node and without a bundle the site is not built.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kczy.errors import FatalError
from kczy.messages import render_message

# src/kczy/site/bundle.py → the checkout kczy is installed from in development (pip install -e).
KCZY_CHECKOUT = Path(__file__).resolve().parents[3]
BUNDLE = Path("build") / "form" / "form.js"
BUILD_SCRIPT = Path("web") / "build.mjs"


def read_form_bundle(root: Path) -> bytes:
    """The bundled script of the repository at `root` (or else of kczy's checkout), rebuilt when stale."""
    for checkout in dict.fromkeys([root.resolve(), KCZY_CHECKOUT]):
        if not (checkout / BUILD_SCRIPT).is_file():
            continue
        if _stale(checkout):
            if not _can_build(checkout):
                continue
            _build(checkout)
        return (checkout / BUNDLE).read_bytes()
    raise FatalError(render_message("stop.form-script-missing", {}))


def _can_build(checkout: Path) -> bool:
    return shutil.which("node") is not None and (checkout / "node_modules" / "esbuild").is_dir()


def _build(checkout: Path) -> None:
    node = shutil.which("node") or "node"
    result = subprocess.run(
        [node, str(checkout / BUILD_SCRIPT)],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise FatalError(render_message("stop.form-script-failed", {"reason": result.stderr.strip()}))


def _stale(checkout: Path) -> bool:
    bundle = checkout / BUNDLE
    if not bundle.is_file():
        return True
    built = bundle.stat().st_mtime
    sources = [*(checkout / "web").rglob("*"), checkout / "package-lock.json"]
    return any(path.is_file() and path.stat().st_mtime > built for path in sources)
