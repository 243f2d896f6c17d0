// Messages from the one catalog (src/kczy/messages/, written to messages.json by the site build).
// `render` fills `{name}` as Python's str.format_map does; a missing parameter stays `{name}`.

function fill(template, params) {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function makeMessages(document) {
  const catalog = document.catalog;
  return {
    typeNames: document.typeNames,
    yamlProblems: document.yamlProblems,
    /** A message's ending (`{hint}`, `{suggestion}`) from the catalog's HINTS, filled as str.format does. */
    hint: (name, params = {}) => fill(document.hints[name] || "", params),
    formatNames: document.formatNames,
    kindNames: document.kindNames,
    has: (code) => Object.prototype.hasOwnProperty.call(catalog, code),
    render(code, params) {
      const template = catalog[code];
      return template === undefined ? code : fill(template, params);
    },
  };
}
