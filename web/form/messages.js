// Messages from the one catalog (src/kczy/messages.py, written to messages.json by the site build).
// `render` fills `{name}` as Python's str.format_map does; a missing parameter stays `{name}`.

export function makeMessages(document) {
  const catalog = document.catalog;
  return {
    typeNames: document.typeNames,
    yamlProblems: document.yamlProblems,
    formatNames: document.formatNames,
    kindNames: document.kindNames,
    has: (code) => Object.prototype.hasOwnProperty.call(catalog, code),
    render(code, params) {
      const template = catalog[code];
      if (template === undefined) return code;
      return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name) =>
        Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
      );
    },
  };
}
