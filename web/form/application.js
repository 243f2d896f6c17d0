// One application checked as `kczy validate` checks it, as far as the browser can know: the file's
// YAML, its schema, and the cross-file rules the page's published data can answer (a registered
// applicant of a kind that may apply, its partners, one application per unit and type, the id, the
// attachments the type requires). The rest (attachment files, who submits, deadlines) CI checks.
import { parseText } from "./yamltext.js";

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;

// eemeli/yaml's error codes, as the libyaml problem whose Chinese words (messages.json) fit them.
const YAML_CODES = {
  BAD_INDENT: "did not find expected key",
  MISSING_CHAR: "could not find expected ':'",
  BLOCK_AS_IMPLICIT_KEY: "mapping values are not allowed in this context",
  MULTILINE_IMPLICIT_KEY: "mapping values are not allowed in this context",
  TAB_AS_INDENT: "found a tab character that violates indentation",
  UNEXPECTED_TOKEN: "found character that cannot start any token",
  MISSING_ANCHOR: "did not find expected alphabetic or numeric character",
  BAD_DQ_ESCAPE: "found unknown escape character",
  MULTIPLE_DOCS: null,
};

export function makeApplicationCheck(config, messages, checker) {
  const typeId = config.type.id;
  const units = Object.fromEntries(config.units.map((unit) => [unit.id, unit]));
  const kindName = (kind) => messages.kindNames[kind] || kind;
  const criteria = Object.fromEntries(config.criteria.map((c) => [c.id, c.title]));

  const lineAt = (text, offset) => text.slice(0, offset).split("\n").length;

  // The first problem only, as kczy's loader stops at the first: with its line, which the page shows.
  function yamlFindings(problems, text) {
    return problems.slice(0, 1).map((problem) => {
      const line = lineAt(text, problem.pos ? problem.pos[0] : 0);
      if (problem.code === "DUPLICATE_KEY") {
        const rest = text.slice(problem.pos[0]);
        const key = rest.slice(0, Math.max(0, rest.search(/:|\n/))).trim().replace(/^["']|["']$/g, "");
        const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const first = new RegExp(`(^|\\n)[ \\t]*(- )?["']?${escaped}["']?[ \\t]*:`).exec(text);
        const firstLine = first ? lineAt(text, first.index + first[1].length) : line;
        return { pointer: "", line, code: "yaml.duplicate-key", params: { key, first_line: firstLine } };
      }
      if (problem.code === "MULTIPLE_DOCS") return { pointer: "", line, code: "yaml.multiple-documents", params: {} };
      const english = YAML_CODES[problem.code];
      const words = (english && messages.yamlProblems[english]) || "请检查本行及上一行";
      return { pointer: "", line, code: "yaml.syntax", params: { problem: words } };
    });
  }

  function crossFindings(data, id) {
    const found = [];
    const at = (pointer, code, params) => found.push({ pointer, code, params });
    if (typeof data.type === "string" && data.type !== typeId) at("/type", "layout.type-mismatch", { type: data.type, folder: typeId });
    if (id && !ID_PATTERN.test(id)) at("", "layout.bad-id", { name: `${id}.yaml` });
    const partners = Array.isArray(data.partners) ? data.partners : [];
    const partnerUnits = [];
    partners.forEach((item, index) => {
      if (item && typeof item === "object" && typeof item.unit === "string") partnerUnits.push([index, item.unit]);
    });
    for (const [index, unit] of partnerUnits) if (!units[unit]) at(`/partners/${index}/unit`, "cross.unknown-partner", { unit });
    const applicant = data.applicant;
    if (typeof applicant === "string") {
      if (!units[applicant]) at("/applicant", "cross.unknown-unit", { unit: applicant });
      else {
        const kind = units[applicant].kind;
        const allowed = config.applicantKinds;
        if (allowed.length && !allowed.includes(kind)) {
          at("/applicant", "cross.applicant-kind", {
            kind_name: kindName(kind),
            type_name: config.type.name,
            allowed: allowed.map(kindName).join("、"),
          });
        }
        const present = new Set([kind, ...partnerUnits.filter(([, u]) => units[u]).map(([, u]) => units[u].kind)]);
        for (const group of config.together) {
          if (!group.some((k) => present.has(k))) {
            at("partners" in data ? "/partners" : "/", "cross.together-missing", {
              type_name: config.type.name,
              needed: group.map(kindName).join("或"),
            });
          }
        }
        const mine = config.applications[typeId] || {};
        const same = Object.keys(mine).filter((other) => mine[other] === applicant && other !== id);
        if (same.length + 1 > config.maxPerUnit) {
          at("/applicant", "cross.too-many-applications", {
            unit: applicant,
            unit_name: units[applicant].name || applicant,
            type_name: config.type.name,
            count: same.length + 1,
            others: same.join("、"),
            limit: config.maxPerUnit,
          });
        }
      }
    }
    for (const [otherType, byId] of Object.entries(config.applications)) {
      if (otherType !== typeId && id && Object.prototype.hasOwnProperty.call(byId, id)) {
        at("", "cross.duplicate-id", { id, other: `${config.folder.replace(/[^/]*$/, "")}${otherType}/${id}.yaml` });
      }
    }
    const listed = (Array.isArray(data.attachments) ? data.attachments : [])
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item && typeof item === "object" && typeof item.file === "string");
    for (const { item, index } of listed) {
      const criterion = item.criterion === undefined || item.criterion === null ? "" : String(item.criterion);
      if (criterion && !criteria[criterion]) {
        at(`/attachments/${index}/criterion`, "attachment.unknown-criterion", {
          criterion,
          type_name: config.type.name,
          allowed: config.criteria.map((c) => `${c.id}（${c.title}）`).join("、"),
        });
      }
    }
    for (const criterion of config.requiresAttachment) {
      if (!listed.some(({ item }) => String(item.criterion ?? "") === criterion)) {
        at("attachments" in data ? "/attachments" : "/", "attachment.required", {
          criterion,
          title: criteria[criterion] || "",
          type_name: config.type.name,
        });
      }
    }
    return found;
  }

  /** Findings of a data object (already read): schema, then cross-file. */
  function checkData(data, id, plainText = {}) {
    const found = [...checker.schemaFindings(config.schemaName, data, plainText), ...crossFindings(data, id)];
    const seen = new Set();
    return found
      .map((finding) => ({ ...finding, message: messages.render(finding.code, finding.params) }))
      .filter((finding) => {
        const key = `${finding.pointer}\u0000${finding.code}\u0000${finding.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  /** Findings of a file's text: [{pointer, code, message}]. */
  function checkText(text, id) {
    const parsed = parseText(text);
    if (parsed.problems.length) {
      return yamlFindings(parsed.problems, text).map((f) => ({ ...f, message: messages.render(f.code, f.params) }));
    }
    const data = parsed.data;
    if (data === null || data === undefined) return [{ pointer: "", code: "yaml.empty", params: {}, message: messages.render("yaml.empty", {}) }];
    if (typeof data !== "object" || Array.isArray(data)) {
      const kind = Array.isArray(data) ? "list" : "str";
      return [{ pointer: "", code: "yaml.not-mapping", params: { kind }, message: messages.render("yaml.not-mapping", { kind }) }];
    }
    return checkData(data, id, parsed.plainText);
  }

  return { checkData, checkText };
}
