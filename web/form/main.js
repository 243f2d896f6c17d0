// 填报助手: the form page of one project type. Draws the form from the template tree (src/kczy/site/
// form.py), keeps the filled data in the browser (localStorage), writes the application file in the
// template's layout, and checks it as `kczy validate` does after every change.
import { makeMessages } from "./messages.js";
import { makeChecker } from "./check.js";
import { makeApplicationCheck } from "./application.js";
import { parseText, renderApplication, chooseAlternative, resolvePlain } from "./yamltext.js";
import css from "./form.css";

const NUMBER = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;
const URL_LIMIT = 7000;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const pointerOf = (path) => `/${path.join("/")}`;

/** The least data the template writes: required fields (blank), lists with their fewest items. */
function skeleton(node) {
  if (node.kind === "const") return node.value;
  if (node.kind === "choice") return skeleton(node.alternatives[0]);
  if (node.kind === "object") {
    const out = {};
    for (const entry of node.properties) if (entry.required) out[entry.key] = skeleton(entry.node);
    return out;
  }
  if (node.kind === "array") return Array.from({ length: Math.max(1, node.minItems) }, () => skeleton(node.item));
  return null;
}

function isEmpty(value) {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (isObject(value)) return Object.values(value).every(isEmpty);
  return false;
}

/** Optional fields left empty are dropped: the file keeps them commented out, as the template does. */
function pruned(node, value) {
  if (node.kind === "choice") return pruned(node.alternatives[chooseAlternative(node, value)], value);
  if (node.kind === "object" && isObject(value)) {
    const out = {};
    const known = new Set(node.properties.map((entry) => entry.key));
    for (const entry of node.properties) {
      if (!Object.prototype.hasOwnProperty.call(value, entry.key)) continue;
      const child = value[entry.key];
      if (!entry.required && isEmpty(child)) continue;
      out[entry.key] = pruned(entry.node, child);
    }
    for (const [key, child] of Object.entries(value)) if (!known.has(key)) out[key] = child;
    return out;
  }
  if (node.kind === "array" && Array.isArray(value)) return value.map((item) => pruned(node.item, item));
  return value;
}

function getAt(data, path) {
  let node = data;
  for (const step of path) node = node === null || node === undefined ? undefined : node[step];
  return node;
}

function setAt(data, path, value) {
  let node = data;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (node[step] === null || typeof node[step] !== "object") node[step] = typeof path[i + 1] === "number" ? [] : {};
    node = node[step];
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value === undefined ? null : value;
}

class FormPage {
  constructor(root, config, messages, check) {
    this.root = root;
    this.config = config;
    this.messages = messages;
    this.check = check;
    this.template = config.template;
    this.storageKey = `kczy-form:${config.year}:${config.type.id}`;
    this.touched = new Set();
    this.showAll = false;
    this.findings = [];
    this.state = { id: "", data: this.blank() };
    this.restored = this.restore();
  }

  blank() {
    return skeleton(this.template.root);
  }

  // ---- state ----------------------------------------------------------------------------------

  restore() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(this.storageKey) || "null");
      if (saved && isObject(saved.data)) {
        this.state = { id: String(saved.id || ""), data: saved.data };
        return true;
      }
    } catch {
      /* nothing saved, or storage refused: start blank */
    }
    return false;
  }

  save() {
    try {
      window.localStorage.setItem(this.storageKey, JSON.stringify(this.state));
    } catch {
      /* private browsing may refuse storage: the form still works */
    }
  }

  clear() {
    try {
      window.localStorage.removeItem(this.storageKey);
    } catch {
      /* as above */
    }
    this.state = { id: "", data: this.blank() };
    this.touched.clear();
    this.showAll = false;
    this.render();
  }

  dump() {
    return renderApplication(this.template, pruned(this.template.root, this.state.data));
  }

  load(text, fileName) {
    const parsed = parseText(text);
    if (!parsed.problems.length && isObject(parsed.data)) {
      this.state.data = parsed.data;
      if (fileName) this.state.id = fileName.replace(/\.ya?ml$/i, "");
      this.showAll = true;
      this.save();
      this.render();
      return this.check.checkText(text, this.state.id);
    }
    const findings = this.check.checkText(text, this.state.id);
    this.showLoadProblems(findings);
    return findings;
  }

  // ---- drawing --------------------------------------------------------------------------------

  render() {
    const scroll = window.scrollY;
    this.root.replaceChildren(this.intro(), this.loader(), this.fileName(), ...this.groups(), this.output());
    this.refresh();
    window.scrollTo(0, scroll);
  }

  intro() {
    const c = this.config;
    const box = el("div", { class: "kczy-form-intro" });
    const stage =
      c.stage === "applications"
        ? `本轮申报正在进行：${c.opens ? `${c.opens} 至 ` : "截止时间 "}${c.closes}（北京时间）。`
        : c.stage === "upcoming"
          ? `本轮申报尚未开始（${c.opens} 开始）。现在可以先填写，申报开始后再提交。`
          : `本轮申报已于 ${c.closes} 截止，现在不能提交；本页可作预览，了解申报书要填写的内容。`;
    box.append(
      el("p", { class: c.stage === "applications" ? "kczy-open" : "kczy-closed", text: stage }),
      el("p", {
        text:
          "逐项填写下面的内容：每一项的说明来自评审标准，填写时即时显示与自动检查（kczy validate）相同的中文提示。" +
          "填好后下载或复制申报书文件，按页面最下方的步骤提交。",
      }),
    );
    if (c.requiresAttachment.length) {
      const titles = Object.fromEntries(c.criteria.map((x) => [x.id, x.title]));
      box.append(
        el("p", { class: "kczy-attachments-needed" }, "本类项目必须附上的附件：", ...c.requiresAttachment.map((id) => el("strong", { text: `支撑标准 ${id}（${titles[id] || ""}）的材料 ` })),
          `：PDF 或 PNG、JPEG 图片，在“附件”一项中列出，文件放到 ${c.attachmentsFolder}/申报编号/ 中。`),
      );
    }
    const privacy = el(
      "p",
      { class: "kczy-privacy" },
      "填写的内容只保存在本机这个浏览器中（关闭页面后再打开仍在），不会发送到任何服务器。在公用电脑上填写后请清除。 ",
      el("button", { type: "button", class: "md-button", onclick: () => this.clear() }, "清除本机保存的内容"),
    );
    box.append(privacy);
    if (this.restored) box.append(el("p", { class: "kczy-restored", text: "已恢复上次在本机填写的内容。" }));
    return box;
  }

  loader() {
    const area = el("textarea", { rows: 6, "aria-label": "粘贴已有的申报书文本", placeholder: "把以前生成或编辑过的申报书（YAML 文本）粘贴到这里" });
    const file = el("input", { type: "file", accept: ".yaml,.yml,text/yaml,text/plain", "aria-label": "选择申报书文件" });
    const problems = el("div", { class: "kczy-load-problems", role: "alert" });
    this.loadProblems = problems;
    file.addEventListener("change", async () => {
      if (file.files && file.files[0]) this.load(await file.files[0].text(), file.files[0].name);
    });
    return el(
      "details",
      { class: "kczy-loader" },
      el("summary", { text: "载入已有的申报书（粘贴文本，或把文件拖到本页）" }),
      area,
      el("p", {}, el("button", { type: "button", class: "md-button", onclick: () => this.load(area.value) }, "载入粘贴的文本"), " 或选择文件：", file),
      problems,
    );
  }

  showLoadProblems(findings) {
    if (!this.loadProblems) return;
    this.loadProblems.replaceChildren(
      el("p", { text: "无法载入：" }),
      el("ul", {}, ...findings.map((f) => el("li", { text: f.line ? `第 ${f.line} 行：${f.message}` : f.message }))),
    );
    this.loadProblems.closest("details").open = true;
  }

  fileName() {
    const input = el("input", {
      id: "kczy-field-id",
      type: "text",
      value: this.state.id,
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "kczy-id-help",
    });
    input.addEventListener("input", () => {
      this.state.id = input.value.trim();
      this.touched.add("#id");
      this.changed();
    });
    return el(
      "div",
      { class: "kczy-field", "data-pointer": "#id" },
      el("label", { for: "kczy-field-id" }, "申报编号（文件名）", el("span", { class: "kczy-required", text: "必填" })),
      el("p", {
        id: "kczy-id-help",
        class: "kczy-help",
        text: "申报书的文件名（不含 .yaml）：小写英文字母、数字和连字符，例如 yqdj-zhengzhou-jixie。提交后不能更改。",
      }),
      input,
      el("div", { class: "kczy-error", "aria-live": "polite" }),
    );
  }

  groups() {
    const entries = this.template.root.properties;
    const basic = el("fieldset", { class: "kczy-group" }, el("legend", { text: "基本信息" }));
    const groups = [basic];
    const byCriterion = new Map();
    for (const criterion of this.config.criteria) {
      const group = el(
        "fieldset",
        { class: "kczy-group" },
        el("legend", { text: `评审标准 ${criterion.id}：${criterion.title}` }),
        el("p", { class: "kczy-criterion", text: criterion.text }),
      );
      byCriterion.set(criterion.id, group);
      groups.push(group);
    }
    for (const entry of entries) {
      const first = entry.criteria.find((id) => byCriterion.has(id));
      const target = first ? byCriterion.get(first) : basic;
      const field = this.entry(entry, [entry.key]);
      target.append(field);
      for (const other of entry.criteria.filter((id) => id !== first && byCriterion.has(id))) {
        byCriterion.get(other).append(el("p", { class: "kczy-help", text: `“${entry.node.title}”（见标准 ${first}）也是本标准的证据。` }));
      }
    }
    return groups;
  }

  entry(entry, path) {
    const pointer = pointerOf(path);
    const node = entry.node;
    const id = `kczy-field${pointer.replace(/[^A-Za-z0-9_-]/g, "-")}`;
    const label = el(
      node.kind === "scalar" ? "label" : "span",
      { class: "kczy-label", ...(node.kind === "scalar" ? { for: id } : { id: `${id}-label` }) },
      node.title || entry.key,
      el("span", { class: entry.required ? "kczy-required" : "kczy-optional", text: entry.required ? "必填" : "选填" }),
      entry.private ? el("span", { class: "kczy-private", text: "不公开" }) : null,
    );
    const wrapper = el(
      "div",
      { class: `kczy-field kczy-${node.kind}`, "data-pointer": pointer, ...(node.kind === "scalar" ? {} : { role: "group", "aria-labelledby": `${id}-label` }) },
      label,
      node.description ? el("p", { class: "kczy-help", text: node.description }) : null,
    );
    wrapper.append(this.control(node, path, id), el("div", { class: "kczy-error", "aria-live": "polite" }));
    return wrapper;
  }

  control(node, path, id) {
    const value = getAt(this.state.data, path);
    if (node.kind === "const") return el("p", { class: "kczy-const", text: `固定为 ${node.value}` });
    if (node.kind === "object") {
      const box = el("div", { class: "kczy-object" });
      for (const entry of node.properties) box.append(this.entry(entry, [...path, entry.key]));
      return box;
    }
    if (node.kind === "choice") return this.choice(node, path, value);
    if (node.kind === "array") return this.array(node, path, value);
    return this.scalar(node, path, id, value);
  }

  choice(node, path, value) {
    const index = value === undefined || value === null ? 0 : chooseAlternative(node, value);
    const name = `kczy-choice${pointerOf(path).replace(/[^A-Za-z0-9_-]/g, "-")}`;
    const radios = el("div", { class: "kczy-choices" });
    node.alternatives.forEach((alternative, n) => {
      const radio = el("input", { type: "radio", name, id: `${name}-${n}`, value: String(n), checked: n === index });
      radio.addEventListener("change", () => {
        setAt(this.state.data, path, skeleton(alternative));
        this.touched.add(pointerOf(path));
        this.changed(true);
      });
      radios.append(el("label", { class: "kczy-choice", for: `${name}-${n}` }, radio, ` ${alternative.title}`));
    });
    const chosen = node.alternatives[index];
    const body = chosen.kind === "object" ? this.control(chosen, path) : this.scalar(chosen, path, `${name}-value`, value);
    return el("div", { class: "kczy-choice-box" }, radios, body);
  }

  array(node, path, value) {
    const items = Array.isArray(value) ? value : [];
    const list = el("ol", { class: "kczy-list" });
    const itemTitle = (node.item.kind === "choice" ? node.item.title : node.item.title) || "一项";
    items.forEach((item, index) => {
      const itemPath = [...path, index];
      const itemPointer = pointerOf(itemPath);
      const id = `kczy-field${itemPointer.replace(/[^A-Za-z0-9_-]/g, "-")}`;
      const remove = el("button", {
        type: "button",
        class: "kczy-remove",
        "aria-label": `删除第 ${index + 1} 项${itemTitle}`,
        onclick: () => {
          items.splice(index, 1);
          setAt(this.state.data, path, items);
          this.touched.add(pointerOf(path));
          this.changed(true);
        },
      }, "删除");
      // A one-line item is named by its own label; a longer one gets a heading with its number.
      const heading = el("div", { class: "kczy-item-head" }, el("span", { text: node.item.kind === "scalar" ? "" : `${itemTitle} ${index + 1}` }), remove);
      let body;
      if (node.item.kind === "scalar") {
        body = el(
          "div",
          { class: "kczy-field kczy-scalar", "data-pointer": itemPointer },
          el("label", { class: "kczy-label kczy-item-label", for: id, text: `${itemTitle} ${index + 1}` }),
          this.scalar(node.item, itemPath, id, item),
          el("div", { class: "kczy-error", "aria-live": "polite" }),
        );
      } else {
        body = el("div", { class: "kczy-field", "data-pointer": itemPointer }, this.control(node.item, itemPath, id), el("div", { class: "kczy-error", "aria-live": "polite" }));
      }
      list.append(el("li", { class: "kczy-item" }, heading, body));
    });
    const add = el("button", {
      type: "button",
      class: "md-button kczy-add",
      onclick: () => {
        const next = [...items, skeleton(node.item)];
        setAt(this.state.data, path, next);
        this.touched.add(pointerOf(path));
        this.changed(true);
      },
    }, `添加一项${itemTitle}`);
    const count = node.minItems ? el("p", { class: "kczy-help", text: `至少 ${node.minItems} 项，现有 ${items.length} 项。` }) : null;
    return el("div", { class: "kczy-array" }, list, count, add);
  }

  scalar(node, path, id, value) {
    const pointer = pointerOf(path);
    const shown = value === null || value === undefined ? "" : String(value);
    let input;
    const options = (list, placeholder) => [
      el("option", { value: "", text: placeholder }),
      ...list.map(([optionValue, text]) => el("option", { value: optionValue, text, selected: optionValue === shown })),
      ...(shown && !list.some(([optionValue]) => optionValue === shown) ? [el("option", { value: shown, text: `${shown}（不在可选范围内）`, selected: true })] : []),
    ];
    const units = this.config.units;
    if (node.widget === "applicant") {
      const allowed = this.config.applicantKinds;
      const choices = units.filter((u) => !allowed.length || allowed.includes(u.kind)).map((u) => [u.id, `${u.name}（${u.id}）`]);
      input = el("select", { id }, ...options(choices, "请选择本单位"));
    } else if (node.widget === "unit") {
      const choices = units.map((u) => [u.id, `${u.name}（${this.messages.kindNames[u.kind] || u.kind}，${u.id}）`]);
      input = el("select", { id }, ...options(choices, "请选择已登记的合作单位"));
    } else if (node.widget === "criterion") {
      input = el("select", { id }, ...options(this.config.criteria.map((c) => [c.id, `${c.id}（${c.title}）`]), "请选择对应的评审标准"));
    } else if (node.widget === "select") {
      input = el("select", { id }, ...options(node.enum.map((v) => [String(v), String(v)]), "请选择"));
    } else if (node.widget === "date") {
      input = el("input", { id, type: "date", value: /^\d{4}-\d{2}-\d{2}$/.test(shown) ? shown : "" });
    } else if (node.widget === "textarea") {
      input = el("textarea", { id, rows: 4 });
      input.value = shown;
    } else {
      input = el("input", {
        id,
        type: node.format === "email" ? "email" : "text",
        inputmode: node.widget === "number" ? "decimal" : undefined,
        value: shown,
        autocomplete: "off",
      });
    }
    const read = () => {
      const raw = input.value;
      if (raw === "") return undefined;
      if (node.widget === "number") return NUMBER.test(raw.trim()) ? resolvePlain(raw.trim()) : raw;
      return raw;
    };
    const update = () => {
      this.touched.add(pointer);
      const next = read();
      setAt(this.state.data, path, next === undefined && typeof path[path.length - 1] === "number" ? null : next);
      this.changed();
    };
    input.addEventListener("input", update);
    input.addEventListener("change", () => {
      this.touched.add(pointer);
      update();
    });
    input.addEventListener("blur", () => {
      this.touched.add(pointer);
      this.refresh();
    });
    input.addEventListener("keydown", () => this.touched.add(pointer));
    return input;
  }

  output() {
    this.preview = el("pre", { class: "kczy-preview" }, el("code"));
    this.summary = el("div", { class: "kczy-summary", role: "status", "aria-live": "polite" });
    this.pathText = el("code");
    this.repoLink = el("a", { class: "md-button md-button--primary", target: "_blank", rel: "noopener" }, "在仓库中新建此文件");
    const download = el("button", { type: "button", class: "md-button md-button--primary", onclick: () => this.download() }, "下载申报书");
    const copy = el("button", { type: "button", class: "md-button", onclick: () => this.copy() }, "复制全文");
    const checkAll = el("button", { type: "button", class: "md-button", onclick: () => { this.showAll = true; this.refresh(); } }, "检查全部");
    this.copied = el("span", { class: "kczy-copied", role: "status" });
    const c = this.config;
    const steps = el(
      "ol",
      { class: "kczy-steps" },
      el("li", { text: "改正上面列出的全部问题（也可以先提交，自动检查会再次指出）。点“下载申报书”保存文件，或点“复制全文”。" }),
      c.repository.url
        ? el("li", {}, "点“在仓库中新建此文件”，用本单位登记的账号登录。打开的页面已填好文件路径", c.repository.newFile.includes("{path}") ? "和内容" : "", "；如果编辑框是空的，把复制的全文粘贴进去。")
        : el("li", { text: `本网站没有设置评审仓库的地址，请向秘书处询问。在评审仓库中进入 ${c.folder}/，选择“Add file → Create new file”，文件名写上面的文件名，把复制的全文粘贴进去。` }),
      el("li", { text: "在页面下方选择“Create a new branch for this commit and start a pull request”，点“Propose new file”，再点“Create pull request”。" }),
      el("li", { text: `附件：在同一分支的 ${c.attachmentsFolder}/申报编号/ 中选择“Add file → Upload files”上传列出的附件（PDF 或 PNG、JPEG 图片）。` }),
      el("li", { text: "几分钟后，自动检查（CI）在拉取请求中给出结果：有问题时按中文提示修改后再次提交；附件文件、提交账号、截止时间等本页无法核对的规则也由它检查。全部通过后等待秘书处合并。" }),
    );
    return el(
      "section",
      { class: "kczy-output" },
      el("h2", { text: "检查结果与提交" }),
      this.summary,
      el("p", {}, "文件：", this.pathText),
      el("p", { class: "kczy-actions" }, download, " ", copy, " ", c.repository.url ? this.repoLink : null, " ", checkAll, this.copied),
      el("h3", { text: "提交步骤" }),
      steps,
      el("details", {}, el("summary", { text: "查看将要生成的申报书文本" }), this.preview),
    );
  }

  filePath() {
    return `${this.config.folder}/${this.state.id || "申报编号"}.yaml`;
  }

  download() {
    this.showAll = true;
    this.refresh();
    const blob = new Blob([this.dump()], { type: "text/yaml;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `${this.state.id || "申报书"}.yaml` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  async copy() {
    const text = this.dump();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = el("textarea", { readonly: true });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    this.copied.textContent = " 已复制。";
  }

  // ---- after each change ----------------------------------------------------------------------

  changed(structural = false) {
    this.save();
    if (structural) this.render();
    else this.refresh();
  }

  refresh() {
    const text = this.dump();
    this.findings = this.check.checkText(text, this.state.id);
    if (!this.state.id) {
      this.findings.push({ pointer: "#id", code: "schema.empty", message: this.messages.render("schema.empty", { field: "“申报编号（文件名）”", key: "文件名" }) });
    } else {
      for (const f of this.findings) if (f.code === "layout.bad-id" || f.code === "cross.duplicate-id") f.pointer = "#id";
    }
    this.preview.firstChild.textContent = text;
    this.pathText.textContent = this.filePath();
    const c = this.config;
    if (c.repository.url) {
      const fill = (withValue) =>
        c.repository.newFile
          .replace("{repository}", c.repository.url.replace(/\/$/, ""))
          .replace("{branch}", encodeURIComponent(c.repository.branch))
          .replace("{path}", encodeURIComponent(this.filePath()).replace(/%2F/g, "/")) + (withValue ? `&value=${encodeURIComponent(text)}` : "");
      const full = fill(c.repository.newFile.includes("?"));
      this.repoLink.href = full.length <= URL_LIMIT ? full : fill(false);
    }
    this.showFindings();
  }

  showFindings() {
    const byPointer = new Map();
    const fields = new Map([...this.root.querySelectorAll("[data-pointer]")].map((node) => [node.dataset.pointer, node]));
    const unplaced = [];
    for (const finding of this.findings) {
      let pointer = finding.pointer === "" || finding.pointer === "/" ? "" : finding.pointer;
      while (pointer && !fields.has(pointer)) pointer = pointer.replace(/\/[^/]*$/, "");
      if (!pointer) {
        unplaced.push(finding);
        continue;
      }
      if (!byPointer.has(pointer)) byPointer.set(pointer, []);
      byPointer.get(pointer).push(finding);
    }
    const visible = (pointer) => {
      if (this.showAll) return true;
      // A field's own mistakes once it was touched; a list's (too few items) once an item was.
      for (const touched of this.touched) if (pointer === touched || touched.startsWith(`${pointer}/`)) return true;
      return false;
    };
    for (const [pointer, node] of fields) {
      const box = [...node.children].find((child) => child.classList.contains("kczy-error"));
      if (!box) continue;
      const own = (byPointer.get(pointer) || []).filter(() => visible(pointer));
      box.replaceChildren(...own.map((f) => el("p", { text: f.message, "data-code": f.code })));
      node.classList.toggle("kczy-invalid", own.length > 0);
      const control = [...node.children].find((child) => ["INPUT", "SELECT", "TEXTAREA"].includes(child.tagName));
      if (control) control.setAttribute("aria-invalid", own.length > 0 ? "true" : "false");
    }
    const count = this.findings.length;
    this.summary.replaceChildren(
      el("p", { class: count ? "kczy-has-problems" : "kczy-no-problems", text: count ? `还有 ${count} 处需要填写或修改。` : "全部通过本页的检查。提交后，自动检查还会核对附件文件、提交账号和截止时间。" }),
      ...(unplaced.length ? [el("ul", {}, ...unplaced.map((f) => el("li", { text: f.message, "data-code": f.code })))] : []),
    );
  }
}

// The theme loads this script with the name of the page's data; the data lie beside the script.
const SCRIPT = document.currentScript;

async function start() {
  const root = document.getElementById("kczy-form");
  if (!root || !SCRIPT) return;
  const here = (name) => new URL(name, SCRIPT.src).href;
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  const times = { start: performance.now() };
  window.kczyFormTimes = times;
  try {
    const [config, catalog] = await Promise.all([
      fetch(here(`${SCRIPT.dataset.kczyForm}.json`)).then((response) => response.json()),
      fetch(here("messages.json")).then((response) => response.json()),
    ]);
    times.fetched = performance.now();
    const messages = makeMessages(catalog);
    const check = makeApplicationCheck(config, messages, makeChecker(config.schemas, messages));
    const page = new FormPage(root, config, messages, check);
    page.render();
    times.rendered = performance.now();
    document.addEventListener("dragover", (event) => event.preventDefault());
    document.addEventListener("drop", async (event) => {
      const file = event.dataTransfer && event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      page.load(await file.text(), file.name);
    });
    window.kczyForm = {
      load: (text) => page.load(String(text)),
      dump: () => page.dump(),
      validate: (text, options = {}) =>
        check.checkText(String(text), options.id ?? page.state.id).map(({ pointer, code, message }) => ({ pointer, code, message })),
      clear: () => page.clear(),
    };
    window.kczyFormReadyAt = performance.now();
    root.dataset.ready = "true";
    document.dispatchEvent(new CustomEvent("kczy-form-ready"));
  } catch (error) {
    root.replaceChildren(el("p", { class: "kczy-closed", text: `填报助手未能载入（${error}）。请刷新页面，或使用“如何申报”页面上的模板。` }));
  }
}

start();
