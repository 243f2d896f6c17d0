// Reading and writing the application file.
//
// Reading: `yaml` (eemeli) parses with the failsafe schema (every scalar text), then each unquoted
// scalar is resolved as kczy's loader does (YAML 1.2 core without dates or leading zeros: src/kczy/
// yamlload.py `resolve_plain`), so the browser and CI read the same data from the same file.
// Writing: the template tree that the site build makes from the schemas (the same titles, comments and
// order as `kczy new application`), with the values filled in.
import { parseDocument, isMap, isSeq, isScalar, Scalar, stringify } from "yaml";

const INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const BOOLS = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

export function resolvePlain(text) {
  if (NULLS.has(text)) return null;
  if (Object.prototype.hasOwnProperty.call(BOOLS, text)) return BOOLS[text];
  if (!"+-0123456789".includes(text[0])) return text;
  if (INT.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : text;
  }
  if (FLOAT.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/** Parse a file: {data, plainText (pointer → source of unquoted non-text scalars), problems}. */
export function parseText(text) {
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: true, prettyErrors: false });
  const problems = doc.errors.map((error) => ({ code: error.code, pos: error.pos, message: error.message }));
  const plainText = {};
  const data = problems.length ? null : toData(doc.contents, "", plainText);
  return { data, plainText, problems };
}

function toData(node, pointer, plainText) {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    const out = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toData(pair.value, `${pointer}/${key}`, plainText);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item, index) => toData(item, `${pointer}/${index}`, plainText));
  if (isScalar(node)) {
    if (node.type !== Scalar.PLAIN || node.tag) return String(node.value);
    const value = resolvePlain(String(node.value));
    if (typeof value !== "string") plainText[pointer || "/"] = String(node.source ?? node.value);
    return value;
  }
  return null;
}

// ---- writing -------------------------------------------------------------------------------------

/** A scalar as YAML text, quoted wherever kczy (or any YAML reader) would read it as something else. */
export function scalarText(value) {
  if (value === null || value === undefined) return "";
  const text = stringify(value, { lineWidth: 0, minContentWidth: 0, blockQuote: "literal" });
  return text.replace(/\n$/, "");
}

function keyLine(pad, key, value) {
  if (value === null || value === undefined || value === "") return [`${pad}${key}:`];
  const text = scalarText(value);
  const lines = text.split("\n");
  if (lines.length === 1) return [`${pad}${key}: ${text}`];
  // A block scalar: its indicator on the key's line, its lines indented under the key.
  return [`${pad}${key}: ${lines[0]}`, ...lines.slice(1).map((line) => (line ? `${pad}  ${line.replace(/^ {2}/, "")}` : ""))];
}

function has(data, key) {
  return data !== null && typeof data === "object" && !Array.isArray(data) && Object.prototype.hasOwnProperty.call(data, key);
}

/** Which alternative of a choice the data is written in: the one whose constants it carries. */
export function chooseAlternative(node, data) {
  if (data === undefined || data === null) return 0;
  let best = 0;
  let bestScore = -1;
  node.alternatives.forEach((alternative, index) => {
    let score = 0;
    if (alternative.kind === "object" && data && typeof data === "object" && !Array.isArray(data)) {
      for (const entry of alternative.properties) {
        if (!has(data, entry.key)) continue;
        score += entry.node.kind === "const" ? (data[entry.key] === entry.node.value ? 100 : -100) : 1;
      }
      for (const key of Object.keys(data)) {
        if (!alternative.properties.some((entry) => entry.key === key)) score -= 1;
      }
    }
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

function objectLines(node, data, indent, top) {
  const pad = " ".repeat(indent);
  const lines = [];
  const known = new Set();
  for (const entry of node.properties) {
    known.add(entry.key);
    lines.push(...entry.comments.map((line) => pad + line));
    if (has(data, entry.key)) {
      lines.push(...valueLines(entry.key, entry.node, data[entry.key], indent));
    } else {
      // What the template writes for the field (optional fields commented out: empty, they would
      // read as null), from the site build, so that an unfilled field reads as in the template.
      lines.push(...entry.blank.map((line) => pad + line));
    }
    if (top) lines.push("");
  }
  // Keys the schema does not know (from a loaded file) are kept, so that validation can name them.
  for (const key of Object.keys(data && typeof data === "object" && !Array.isArray(data) ? data : {})) {
    if (known.has(key)) continue;
    const text = stringify({ [key]: data[key] }, { lineWidth: 0 }).replace(/\n$/, "");
    lines.push(...text.split("\n").map((line) => pad + line));
    if (top) lines.push("");
  }
  return lines;
}

function valueLines(key, node, value, indent) {
  const pad = " ".repeat(indent);
  if (node.kind === "choice") {
    const index = chooseAlternative(node, value);
    return [`${pad}${node.notes[index]}`, ...valueLines(key, node.alternatives[index], value, indent)];
  }
  if (node.kind === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    return [`${pad}${key}:`, ...objectLines(node, value, indent + 2, false)];
  }
  if (node.kind === "array" && Array.isArray(value)) {
    if (value.length === 0) return [`${pad}${key}: []`];
    const lines = [`${pad}${key}:`];
    for (const item of value) {
      const itemNode = node.item.kind === "choice" ? node.item.alternatives[chooseAlternative(node.item, item)] : node.item;
      lines.push(...itemLines(itemNode, item, indent));
    }
    return lines;
  }
  if (value === null || value === undefined || value === "") return [`${pad}${key}:`];
  if (typeof value === "object") {
    // A list or mapping where the schema wants something else: written as it is, validation says so.
    const text = stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, "");
    return text.split("\n").map((line) => pad + line);
  }
  return keyLine(pad, key, value);
}

function itemLines(node, item, indent) {
  const pad = " ".repeat(indent);
  if (node.kind === "object" && item && typeof item === "object" && !Array.isArray(item)) {
    const body = objectLines(node, item, indent + 4, false);
    const first = body.findIndex((line) => !line.trimStart().startsWith("#"));
    if (first >= 0) body[first] = `${pad}  - ${body[first].trimStart()}`;
    return body;
  }
  if (item === null || item === undefined || item === "") return [`${pad}  -`];
  if (typeof item === "object") {
    const text = stringify([item], { lineWidth: 0 }).replace(/\n$/, "");
    return text.split("\n").map((line) => `${pad}  ${line}`);
  }
  const text = scalarText(item);
  const lines = text.split("\n");
  if (lines.length === 1) return [`${pad}  - ${text}`];
  return [`${pad}  - ${lines[0]}`, ...lines.slice(1).map((line) => (line ? `${pad}    ${line.replace(/^ {2}/, "")}` : ""))];
}

/** The application file: the template's header and layout, with `data` filled in. */
export function renderApplication(template, data) {
  const lines = [...template.header, "", ...objectLines(template.root, data, 0, true)];
  return lines.join("\n") + "\n";
}
