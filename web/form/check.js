// The checks of an application in the browser, with the codes, places and Chinese messages of
// `kczy validate`.
//
// ajv (2020-12 build) gives the verdict and the errors; they are then explained as src/kczy/schemas.py
// explains jsonschema's: a oneOf by the alternative the person came closest to, a field named by its
// schema title, the message from the shared catalog. The formats are kczy's own (date, date-time,
// e-mail as src/kczy/schemas.py checks them), not ajv-formats', which are stricter than CI (an e-mail
// with a Chinese domain, a time without seconds) and would refuse files that CI accepts.
import Ajv2020 from "ajv/dist/2020.js";

const BASE = "https://kczy.invalid/schemas/";
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:[+-](\d{2}):(\d{2})|Z)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const FULLWIDTH_DIGITS = /[０-９]/;

function isDate(value) {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number);
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function isDateTime(value) {
  const match = DATE_TIME.exec(value);
  if (!match || !isDate(match[1])) return false;
  const [hour, minute, second, offsetHour, offsetMinute] = match.slice(2).map((x) => (x === undefined ? 0 : Number(x)));
  return hour < 24 && minute < 60 && second < 60 && offsetHour < 24 && offsetMinute < 60;
}

function qualifyRefs(node, fileName) {
  if (Array.isArray(node)) return node.map((item) => qualifyRefs(item, fileName));
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#") ? fileName + value : qualifyRefs(value, fileName);
  }
  return out;
}

function lookupPointer(document, pointer) {
  let node = document;
  for (const raw of pointer.split("/").slice(1)) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = node === undefined ? undefined : node[step];
  }
  return node;
}

function codePoints(text) {
  return [...text].length;
}

// difflib.SequenceMatcher(None, a, b).ratio() and get_close_matches(n=1), as _suggest uses them.
function matchingCount(a, b) {
  if (!a.length || !b.length) return 0;
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = 0; j < b.length; j += 1) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k += 1;
      if (k > best) [best, bestI, bestJ] = [k, i, j];
    }
  }
  if (!best) return 0;
  return best + matchingCount(a.slice(0, bestI), b.slice(0, bestJ)) + matchingCount(a.slice(bestI + best), b.slice(bestJ + best));
}

function closeMatch(word, candidates) {
  let found = null;
  let score = -1;
  for (const candidate of candidates) {
    const total = codePoints(word) + codePoints(candidate);
    const ratio = total ? (2 * matchingCount([...candidate], [...word])) / total : 0;
    if (ratio >= 0.6 && (ratio > score || (ratio === score && candidate > found))) {
      found = candidate;
      score = ratio;
    }
  }
  return found;
}

export function makeChecker(schemas, messages) {
  const qualified = {};
  for (const [name, schema] of Object.entries(schemas)) qualified[name] = qualifyRefs(schema, `${name}.schema.json`);
  // Refs compiled once as functions and no optimising pass: compiling takes a third of the time, which
  // is most of the time before the form is ready; validating stays well under a millisecond.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: false,
    unicodeRegExp: true,
    inlineRefs: false,
    code: { optimize: false },
  });
  ajv.addFormat("date", { type: "string", validate: isDate });
  ajv.addFormat("date-time", { type: "string", validate: isDateTime });
  ajv.addFormat("email", { type: "string", validate: (value) => EMAIL.test(value) });
  for (const [name, schema] of Object.entries(qualified)) ajv.addSchema({ ...schema, $id: `${BASE}${name}.schema.json` });
  const compiled = new Map();
  let alternativeCount = 0;

  function validatorOf(name) {
    return ajv.getSchema(`${BASE}${name}.schema.json`);
  }

  function alternativeValidator(schema) {
    if (!compiled.has(schema)) {
      alternativeCount += 1;
      compiled.set(schema, ajv.compile({ ...schema, $id: `${BASE}_alternative${alternativeCount}.json` }));
    }
    return compiled.get(schema);
  }

  function lookup(ref) {
    const [file, pointer = ""] = ref.split("#");
    return lookupPointer(qualified[file.replace(/\.schema\.json$/, "")], pointer);
  }

  function resolve(node) {
    let merged = { ...node };
    while (merged.$ref) {
      const target = lookup(merged.$ref) || {};
      delete merged.$ref;
      const required = [...(target.required || []), ...(merged.required || [])];
      merged = { ...target, ...merged };
      if (required.length) merged.required = [...new Set(required)];
    }
    return merged;
  }

  function child(resolved, step) {
    let found;
    if (typeof step === "number") found = resolved.items;
    else {
      found = (resolved.properties || {})[step];
      if (found === undefined && resolved.additionalProperties && typeof resolved.additionalProperties === "object") {
        found = resolved.additionalProperties;
      }
    }
    if (found && typeof found === "object") return found;
    for (const alternative of [...(resolved.oneOf || []), ...(resolved.anyOf || []), ...(resolved.allOf || [])]) {
      const deeper = child(resolve(alternative), step);
      if (deeper) return deeper;
    }
    return null;
  }

  function subschema(name, path) {
    let node = qualified[name];
    for (const step of path) {
      node = child(resolve(node), step);
      if (!node) return null;
    }
    return node;
  }

  function title(name, path) {
    const node = subschema(name, path);
    const last = path.length ? String(path[path.length - 1]) : name;
    if (!node) return last;
    return String(node.title || resolve(node).title || last);
  }

  const quoted = (text) => (text.includes("“") || text.includes("”") ? text : `“${text}”`);
  const keyText = (path) => path.map((step) => (typeof step === "number" ? `[${step + 1}]` : `.${step}`)).join("").replace(/^\./, "") || "顶层";
  const pointerOf = (path) => `/${path.join("/")}`;

  function pathOf(instancePath, data) {
    const path = [];
    let node = data;
    for (const raw of instancePath.split("/").slice(1)) {
      const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node) && /^\d+$/.test(step)) {
        path.push(Number(step));
        node = node[Number(step)];
      } else {
        path.push(step);
        node = node && typeof node === "object" ? node[step] : undefined;
      }
    }
    return path;
  }

  // ajv lists a failed oneOf's alternatives' errors just before the oneOf error itself; they are
  // gathered back under it (each alternative checked alone gives exactly those errors), so that it
  // can be explained by its closest alternative as jsonschema's error.context is.
  function structure(errors, prefix) {
    const pending = [];
    for (const error of errors) {
      if (error.params && error.params.propertyName !== undefined) continue;
      const instancePath = prefix + error.instancePath;
      if (error.keyword === "oneOf" || error.keyword === "anyOf") {
        const alternatives = [];
        let raw = 0;
        error.schema.forEach((alternative, index) => {
          const validate = alternativeValidator(alternative);
          if (validate(error.data)) return;
          raw += validate.errors.length;
          alternatives.push({ index, errors: structure(validate.errors, instancePath) });
        });
        let removed = 0;
        while (removed < raw && pending.length) removed += pending.pop().raw;
        const passing = error.params && error.params.passingSchemas;
        pending.push({ raw: 1 + raw, error: { ...error, instancePath, alternatives: passing ? [] : alternatives } });
        continue;
      }
      if (error.keyword === "additionalProperties") {
        const same = pending.find((p) => p.error.keyword === "additionalProperties" && p.error.instancePath === instancePath);
        if (same) {
          same.raw += 1;
          same.error.extras.push(error.params.additionalProperty);
          continue;
        }
        pending.push({ raw: 1, error: { ...error, instancePath, extras: [error.params.additionalProperty] } });
        continue;
      }
      pending.push({ raw: 1, error: { ...error, instancePath } });
    }
    return pending.map((p) => p.error);
  }

  function depthOf(instancePath) {
    return instancePath ? instancePath.split("/").length - 1 : 0;
  }

  function isShapeError(error, depth) {
    const level = depthOf(error.instancePath) - depth;
    const ownShape = level === 0 && ["required", "additionalProperties", "type"].includes(error.keyword);
    return ownShape || (level <= 1 && error.keyword === "const");
  }

  function closest(error) {
    if ((error.keyword !== "oneOf" && error.keyword !== "anyOf") || !error.alternatives || !error.alternatives.length) return [error];
    const depth = depthOf(error.instancePath);
    const distance = (errors) => [errors.filter((e) => isShapeError(e, depth)).length, errors.length];
    const ranked = error.alternatives
      .map((alternative, order) => ({ order, errors: alternative.errors, d: distance(alternative.errors) }))
      .sort((a, b) => a.d[0] - b.d[0] || a.d[1] - b.d[1] || a.order - b.order);
    if (ranked.length > 1 && ranked[0].d[0] === ranked[1].d[0] && ranked[0].d[1] === ranked[1].d[1]) return [error];
    return ranked[0].errors.flatMap(closest);
  }

  function show(value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value === null || value === undefined) return "（空）";
    if (typeof value === "object") return "…";
    const text = [...String(value)];
    return text.length <= 40 ? text.join("") : `${text.slice(0, 40).join("")}…`;
  }

  function jsonTypeName(value) {
    if (typeof value === "boolean") return messages.typeNames.boolean;
    if (typeof value === "number") return Number.isInteger(value) ? messages.typeNames.integer : messages.typeNames.number;
    if (typeof value === "string") return messages.typeNames.string;
    if (Array.isArray(value)) return messages.typeNames.array;
    if (value && typeof value === "object") return messages.typeNames.object;
    return messages.typeNames.null;
  }

  function typeHint(expected, value, typed) {
    if (expected.includes("string") && typeof value === "number") return messages.hint("quote-number", { typed });
    if (expected.includes("boolean") && typeof value === "string" && ["yes", "no", "on", "off", "y", "n", "是", "否"].includes(value.toLowerCase())) {
      return messages.hint("boolean");
    }
    if ((expected.includes("integer") || expected.includes("number")) && typeof value === "string") {
      if (FULLWIDTH_DIGITS.test(value)) return messages.hint("halfwidth-digits");
      if (value[0] === "0" && /^\d+$/.test(value)) return messages.hint("leading-zero");
      return messages.hint("digits-only");
    }
    if (expected.includes("object") && typeof value === "string" && value.includes("：")) return messages.hint("fullwidth-colon");
    if (expected.includes("array") && !Array.isArray(value)) return messages.hint("list-items");
    return "";
  }

  function patternHint(value) {
    if (FULLWIDTH_DIGITS.test(value)) return messages.hint("halfwidth-digits");
    if (value !== value.trim() || value.includes("\u3000")) return messages.hint("spaces");
    return "";
  }

  function suggest(extra, known) {
    const byTitle = {};
    for (const [key, spec] of Object.entries(known)) if (spec.title) byTitle[String(spec.title)] = key;
    if (Object.prototype.hasOwnProperty.call(byTitle, extra)) return messages.hint("key-of-title", { title: extra, key: byTitle[extra] });
    const close = closeMatch(extra, Object.keys(known));
    if (close !== null) return messages.hint("close-key", { key: close, title: known[close].title || close });
    const keys = Object.keys(known);
    return keys.length ? messages.hint("allowed-keys", { keys: keys.join("、") }) : "";
  }

  function explain(error, name, data, plainText) {
    const path = pathOf(error.instancePath, data);
    const pointer = pointerOf(path);
    const finding = (code, params, where = pointer) => ({ pointer: where, code, params });
    const keyword = error.keyword;
    if (keyword === "required") {
      const parent = path.length ? quoted(title(name, path)) : "本文件";
      const missing = error.params.missingProperty;
      const field = quoted(title(name, [...path, missing]));
      return [finding("schema.required", { field, key: missing, parent }, `${pointer.replace(/\/$/, "")}/${missing}`)];
    }
    if (keyword === "additionalProperties") {
      const node = subschema(name, path);
      const known = node ? resolve(node).properties || {} : {};
      const parent = path.length ? quoted(title(name, path)) : "本文件";
      return error.extras
        .filter((extra) => !Object.prototype.hasOwnProperty.call(known, extra))
        .map((extra) => finding("schema.additionalProperties", { key: extra, parent, suggestion: suggest(extra, known) }, `${pointer.replace(/\/$/, "")}/${extra}`));
    }
    const instance = error.data;
    const typed = plainText[pointer] !== undefined ? plainText[pointer] : show(instance);
    const params = { field: quoted(title(name, path)), key: keyText(path), typed };
    let code = keyword;
    if (keyword === "type" && instance === null) code = "empty";
    else if (keyword === "type") {
      const expected = Array.isArray(error.schema) ? error.schema : [error.schema];
      params.expected = expected.map((t) => messages.typeNames[t] || t).join("或");
      params.actual = jsonTypeName(instance);
      params.hint = typeHint(expected, instance, typed);
    } else if (keyword === "enum") params.allowed = error.schema.map((v) => `“${v}”`).join("、");
    else if (keyword === "const") params.expected = error.schema;
    else if (keyword === "format") params.format = messages.formatNames[error.schema] || error.schema;
    else if (keyword === "pattern") params.hint = patternHint(String(instance));
    else if (["minLength", "maxLength", "minItems", "maxItems"].includes(keyword)) {
      params.limit = error.schema;
      params.actual = typeof instance === "string" ? codePoints(instance) : instance.length;
    } else if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"].includes(keyword)) params.limit = error.schema;
    else if (keyword === "uniqueItems") {
      /* the field and its key say it all */
    } else if (keyword === "oneOf" || keyword === "anyOf") {
      code = "oneOf";
      params.detail = resolve(subschema(name, path) || {}).description || "";
    } else {
      code = "invalid";
      params.detail = error.message;
    }
    return [finding(`schema.${code}`, params)];
  }

  /** Schema findings of `data` against schema `name`: [{pointer, code, params}]. */
  function schemaFindings(name, data, plainText = {}) {
    const validate = validatorOf(name);
    if (validate(data)) return [];
    const found = [];
    for (const error of structure(validate.errors, "")) {
      for (const explained of closest(error)) found.push(...explain(explained, name, data, plainText));
    }
    return onePerValue(found);
  }

  // One mistake, one message (as kczy.schemas.one_per_value): of the complaints about one value, the one
  // that says most plainly what to do; an empty value is not also "not one of the choices".
  const VALUE_CODES = [
    "schema.empty", "schema.type", "schema.const", "schema.enum", "schema.format", "schema.pattern",
    "schema.minLength", "schema.maxLength",
  ];

  function onePerValue(found) {
    const best = {};
    for (const f of found) {
      if (!VALUE_CODES.includes(f.code)) continue;
      const kept = best[f.pointer];
      if (kept === undefined || VALUE_CODES.indexOf(f.code) < VALUE_CODES.indexOf(kept.code)) best[f.pointer] = f;
    }
    return found.filter((f) => !VALUE_CODES.includes(f.code) || best[f.pointer] === f);
  }

  return { schemaFindings, resolve, subschema, title };
}
