// Bundles the web form (填报助手) from web/form/ into build/form/form.js with esbuild: one script, no
// module loader, nothing fetched from another host. `make setup` runs it; the site build reruns it when
// a source is newer than the bundle (src/kczy/site/bundle.py).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: [join(root, "web", "form", "main.js")],
  outfile: join(root, "build", "form", "form.js"),
  bundle: true,
  minify: true,
  format: "iife",
  // ES2020: Chromium, Firefox and Safari (14 and later) of the last five years.
  target: "es2020",
  loader: { ".css": "text" },
  legalComments: "none",
  logLevel: "warning",
});
