// cardgen's page: the form drawn from the server's schema, a preview shortly after typing stops,
// the draft kept in this browser. All pipeline knowledge is on the server; this only shows it.
"use strict";

const DRAFT = "cardgen-draft";  // the last draft of any tab: what a new tab starts from
// Each tab keeps its own draft too (its id lives in sessionStorage, which a reload keeps), so two
// tabs never overwrite each other's note.
const TAB = sessionStorage.getItem("cardgen-tab") || Math.random().toString(36).slice(2);
sessionStorage.setItem("cardgen-tab", TAB);
const SHOWN_SCALE = 0.75; // of the server's 40 dpi pictures: a Letter sheet 330 px wide
const SECTIONS = [
  ["message", "Your note"], ["recipient", "To"], ["sender", "From (your return address)"],
  ["card", "Card"], ["handwriting", "Your handwriting"], ["guide", "Handwriting guide"],
  ["envelope", "Envelope"], ["print", "Printing"],
];
let schema, defaults, countries, session = sessionStorage.getItem("cardgen-session") || "";
let form = {}, timer = 0, asked = 0, shownRow = null, files = [];
const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else if (v !== false && v != null) node.setAttribute(k, v);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}

async function api(path, body, raw) {
  const options = body === undefined ? { headers: { "X-Cardgen": "1" } } : { method: "POST", body: raw ? body : JSON.stringify(body),
    headers: { "Content-Type": raw ? "application/octet-stream" : "application/json", "X-Cardgen": "1" } };
  const response = await fetch(path, options);
  const type = response.headers.get("Content-Type") || "";
  if (type.startsWith("application/json")) return response.json();
  if (!response.ok) return { error: { key: "", message: await response.text() } };
  return { blob: await response.blob() };
}

function value(key) {
  const [section, name] = key.split(".");
  return section === "template" ? form.template : (form[section] || {})[name];
}

function setValue(key, v) {
  const [section, name] = key.split(".");
  (form[section] = form[section] || {})[name] = v;
}

function field(spec) {
  const key = spec.key, id = "f-" + key.replace(".", "-");
  let input;
  if (spec.kind === "choice") {
    input = el("select", { id });
    for (const [v, label] of spec.choices) input.append(el("option", { value: v, text: label }));
  } else if (spec.kind === "textarea") {
    input = el("textarea", { id, rows: 8, dir: "auto" });  // Hebrew, Arabic typed right to left
  } else if (spec.kind === "bool") {
    input = el("input", { id, type: "checkbox" });
  } else if (spec.kind === "photo") {
    input = el("input", { id, type: "file", accept: "image/*" });
  } else {
    input = el("input", { id, type: spec.kind === "date" ? "date" : "text", placeholder: spec.example || "", dir: "auto" });
  }
  input.dataset.key = key;
  const current = value(key);
  if (spec.kind === "bool") input.checked = !!current;
  // a choice left unset shows its first option, which is what cardgen uses then (a web-library test checks)
  else if (spec.kind === "choice" && current == null) input.selectedIndex = 0;
  else if (spec.kind !== "photo") input.value = current == null ? "" : current;
  if (spec.kind === "choice" && current != null && ![...input.options].some((o) => o.value === current)) {
    input.append(el("option", { value: current, text: current })); input.value = current;
  }
  const wrap = el("div", { class: "field" + (spec.kind === "bool" ? " check" : ""), "data-key": key,
    "data-when": spec.when ? JSON.stringify(spec.when) : null });
  const label = el("label", { for: id, text: spec.label + (spec.required ? " *" : "") });
  if (spec.kind === "bool") wrap.append(input, label); else wrap.append(label, input);
  if (spec.kind === "photo") wrap.append(el("p", { class: "help", id: "photo-info", text: value(key) ? "photo: " + value(key) : "" }));
  if (spec.help) wrap.append(el("p", { class: "help", text: spec.help }));
  wrap.append(el("p", { class: "msg" }));
  return wrap;
}

function messageFields() {
  const box = el("div", { id: "message-fields" });
  const template = schema.templates.find((t) => t.name === form.template);
  if (template) {
    box.append(el("p", { class: "help", text: template.description }));
    const greet = schema.message.find((f) => f.key === "message.greeting");
    box.append(field(greet));
    for (const f of template.fields) box.append(field(f));
    for (const f of schema.message.filter((f) => ["message.closing", "message.signature"].includes(f.key))) box.append(field(f));
  } else {
    box.append(field(schema.message.find((f) => f.key === "message.text")));
  }
  return box;
}

const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

async function addressFields(section) {
  const box = el("div", { class: "address", id: "address-" + section });
  const country = value(section + ".country") || "US";
  const picker = el("select", { id: `f-${section}-country` });
  picker.dataset.key = section + ".country";
  for (const [code, name] of countries) picker.append(el("option", { value: code, text: name }));
  picker.value = country;
  const wrap = el("div", { class: "field", "data-key": section + ".country" }, el("label", { for: picker.id, text: "Country" }), picker, el("p", { class: "msg" }));
  box.append(wrap); // the country first: the fields below are that country's
  const { fields } = await api("/api/address?country=" + encodeURIComponent(country));
  for (const f of fields || []) {
    if (section === "sender" && ["title", "company"].includes(f.name)) continue;
    if (!f.used && !value(`${section}.${f.name}`)) continue;
    const multi = f.name === "street";
    const spec = { key: `${section}.${f.name}`, label: f.label, required: f.required, example: f.example,
      kind: multi ? "textarea" : "text", help: f.required || f.name === "name" ? "" : "optional" };
    const node = field(spec);
    if (multi) $("textarea", node).rows = 2;
    box.append(node);
  }
  return box;
}

async function draw() {
  const editor = $("#editor");
  editor.replaceChildren();
  for (const [section, title] of SECTIONS) {
    const body = el("div", { class: "body" });
    const open = ["message", "recipient"].includes(section);
    const part = el("details", { "data-section": section, open }, el("summary", { text: title }), el("p", { class: "msg section-msg" }), body);
    if (section === "message") {
      const picker = el("select", { id: "f-template" });
      picker.dataset.key = "template";
      for (const t of schema.templates) picker.append(el("option", { value: t.name, text: sentence(t.name.replaceAll("-", " ")) }));
      picker.append(el("option", { value: "", text: "My own words" }));
      picker.value = form.template || "";
      body.append(el("div", { class: "field", "data-key": "template" }, el("label", { for: "f-template", text: "Kind of note" }), picker, el("p", { class: "msg" })), messageFields());
    } else if (section === "recipient" || section === "sender") {
      body.append(await addressFields(section));
    } else {
      for (const spec of schema[section]) body.append(field(spec));
    }
    editor.append(part);
  }
  editor.append(recipientsPart());
  showWhen();
}

function recipientsPart() {
  const input = el("input", { type: "file", id: "csv", accept: ".csv,text/csv" });
  return el("details", { "data-section": "recipients" }, el("summary", { text: "Many recipients (a CSV file)" }),
    el("div", { class: "body" },
      el("div", { class: "field", "data-key": "recipients" }, el("label", { for: "csv", text: "One row per recipient; columns named like the address fields (name, street, city, …)" }), input, el("p", { class: "msg" })),
      el("table", { id: "rows" })));
}

function showWhen() {
  for (const node of document.querySelectorAll("[data-when]")) {
    const when = JSON.parse(node.dataset.when);
    node.hidden = !Object.entries(when).every(([key, values]) => values.includes(value(key) || ""));
  }
}

function collect(event) {
  const input = event.target;
  const key = input.dataset.key;
  if (!key || input.type === "file") return;
  const v = input.type === "checkbox" ? input.checked : input.value;
  if (event.type === "change" && value(key) === v) return; // already taken on "input"
  if (key === "template") form.template = v; else setValue(key, v);
  saveDraft();
  if (key === "template") { $("#message-fields").replaceWith(messageFields()); }
  if (key.endsWith(".country")) { const section = key.split(".")[0]; addressFields(section).then((box) => $("#address-" + section).replaceWith(box)); }
  showWhen();
  schedule();
}

function saveDraft() {
  const text = JSON.stringify(form);
  localStorage.setItem(DRAFT + ":" + TAB, text);
  localStorage.setItem(DRAFT, text);
}

function schedule(delay = 150) {
  clearTimeout(timer);
  timer = setTimeout(render, delay);
}

async function render() {
  const mine = ++asked;
  $("#status").textContent = "Updating the preview…";
  const result = await api("/api/preview", { session, note: form, row: shownRow });
  if (mine !== asked) return; // a newer change is on its way
  if (result.session) remember(result.session);
  clearMessages();
  if (result.error) {
    $("#status").textContent = "";
    showMessage(result.error.key, result.error.message, "error");
    $("#pages").classList.add("stale");
    return;
  }
  $("#pages").classList.remove("stale");
  $("#status").textContent = shownRow ? `Showing the recipient on line ${shownRow} of the CSV.` : "";
  showPages(result.pages);
  showFit(result.fit);
  for (const w of result.warnings) showMessage(w.key, w.message, "warning");
  // whether that is enough is the library's to say: its warning (home or shop) stands by the field
  if (result.photo_ppi) $("#photo-info").textContent = `${$("#photo-info").dataset.pixels || ""} prints at ${result.photo_ppi} ppi`;
  files = result.names.filter((n) => n.endsWith(".pdf"));
  showDownloads(result.print_steps);
}

function remember(id) { session = id; sessionStorage.setItem("cardgen-session", id); }

function picture(p) {
  const img = el("img", { src: "data:image/png;base64," + p.png, alt: p.label });
  img.addEventListener("load", () => { img.width = img.naturalWidth * SHOWN_SCALE; }); // every page at one scale
  return img;
}

function showPages(pages) {
  const box = $("#pages");
  box.replaceChildren(...pages.map((p) => el("figure", { "data-file": p.file, "data-page": p.page },
    picture(p),
    el("figcaption", { text: p.label + (p.turned ? `; shown upright, ${p.turned === 180 ? "upside down" : "turned " + p.turned + "°"} on the sheet` : "") }))));
}

function showFit(fit) {
  const bars = fit.per_panel.map((p) => {
    const full = Math.min(100, (100 * p.lines) / Math.max(1, p.available));
    return el("div", { class: "meter" + (fit.fits ? "" : " over"), "data-panel": p.panel },
      el("span", { class: "name", text: p.panel.replace("-", " ") }),
      el("span", { class: "bar" }, used(full)),
      el("span", { class: "count", text: `${p.lines} / ${p.available} lines` }));
  });
  $("#fit-bars").replaceChildren(el("p", { class: fit.fits ? "fits" : "overflow", text: fit.fits ? "It fits." : "It does not fit yet." }), ...bars);
  const fixes = fit.fixes || fit.suggestions.map((text) => ({ text, changes: {} }));
  $("#fit-tips").replaceChildren(...fixes.map((fix) => {
    const keys = Object.keys(fix.changes || {});
    const usable = keys.length && keys.every((key) => $(`[data-key="${key}"]:is(input, select, textarea)`));
    const item = el("li", { text: fix.text + " " });
    if (usable) {
      const apply = el("button", { type: "button", class: "apply", text: "Use this" });
      apply.addEventListener("click", () => applyFix(fix.changes));
      item.append(apply);
    }
    return item;
  }));
}

function applyFix(changes) {
  for (const [key, v] of Object.entries(changes)) {
    setValue(key, String(v));
    const input = $(`[data-key="${key}"]:is(input, select, textarea)`);
    if (input) input.value = String(v);
  }
  saveDraft(); showWhen(); schedule(0);
}

function used(percent) {
  const bar = el("span", { class: "used" });
  bar.style.width = percent + "%"; // set through the DOM: the page's policy forbids inline styles
  return bar;
}

function clearMessages() {
  for (const node of document.querySelectorAll(".msg")) { node.textContent = ""; node.className = node.className.replace(/ (error|warning)/g, ""); }
  $("#problem-list").replaceChildren();
  $("#problems").hidden = true;
}

function showMessage(key, message, kind) {
  let target = key && $(`.field[data-key="${key}"] .msg`);
  if (!target && key) target = $(`details[data-section="${key.split(".")[0]}"] .section-msg`);
  let text = message.replace(/^([^:]*\.toml(:\d+)?: )+/, "");
  if (key === "fit") return; // the fit panel shows it, with each suggestion
  if (key && text.startsWith(key + ": ")) text = text.slice(key.length + 2); // it stands beside its field
  if (target) {
    target.textContent = text; target.classList.add(kind);
    const part = target.closest("details"); if (part) part.open = true;
  }
  if (!target || kind === "error") {
    $("#problems").hidden = false;
    $("#problem-list").append(el("li", { class: kind, text }));
  }
}

function showDownloads(steps) {
  const box = $("#downloads");
  const buttons = files.map((name) => el("button", { type: "button", "data-download": name, text: name }));
  buttons.push(el("button", { type: "button", "data-download": "kit", class: "primary", text: "Everything (.zip)" }));
  buttons.push(el("button", { type: "button", "data-download": "toml", text: "The note (note.toml)" }));
  box.replaceChildren(...buttons);
  $("#print-steps").replaceChildren(...steps.map((s) => el("li", { text: s })));
}

async function download(what) {
  const body = { session, note: form, all: true }; // with a CSV: every recipient, as cardgen build --recipients
  const result = what === "toml" ? await api("/api/toml", body) : await api("/api/kit", what === "kit" ? body : { ...body, name: what });
  if (result.error) { showMessage(result.error.key, result.error.message, "error"); return; }
  const name = what === "kit" ? "cardgen-kit.zip" : what === "toml" ? "note.toml" : what;
  const link = el("a", { href: URL.createObjectURL(result.blob), download: name });
  document.body.append(link); link.click(); link.remove();
}

async function upload(event) {
  const input = event.target;
  const file = input.files[0];
  if (!file) return;
  if (input.id === "open-toml") {
    const result = await api("/api/open?name=" + encodeURIComponent(file.name), await file.arrayBuffer(), true);
    input.value = "";
    const note = $("#draft-note");
    note.classList.toggle("error", !!result.error);
    if (result.error) { note.textContent = result.error.message; return; } // beside the button that opened it
    form = result.note; shownRow = null; saveDraft(); await draw(); schedule(0);
    note.textContent = `Opened ${file.name}.`;
  } else if (input.id === "csv") {
    const result = await api("/api/recipients?session=" + session, await file.arrayBuffer(), true);
    if (result.error) { clearMessages(); showMessage("recipients", result.error.message, "error"); return; }
    remember(result.session); showRows();
  } else {
    const result = await api("/api/photo?session=" + session, await file.arrayBuffer(), true);
    if (result.error) { clearMessages(); showMessage("card.image", result.error.message, "error"); return; }
    remember(result.session);
    setValue("card.image", result.name); saveDraft();
    const info = $("#photo-info");
    info.dataset.pixels = `${file.name}: ${result.width} × ${result.height} pixels;`;
    info.textContent = info.dataset.pixels;
    schedule(0);
  }
}

async function showRows() {
  const result = await api("/api/rows", { session, note: form });
  const table = $("#rows");
  if (result.error) { showMessage("recipients", result.error.message, "error"); return; }
  table.replaceChildren(el("tr", {}, el("th", { text: "Line" }), el("th", { text: "Name" }), el("th", { text: "Status" }), el("th", { text: "Why" })),
    ...result.rows.map((r) => el("tr", { class: "row " + r.status, "data-line": r.line },
      el("td", { text: r.line }), el("td", { text: r.name }), el("td", { text: r.status }), el("td", { text: r.detail }))));
}

function clicked(event) {
  const button = event.target.closest("[data-download]");
  if (button) { download(button.dataset.download); return; }
  const row = event.target.closest("tr.row");
  if (row && !row.classList.contains("skipped")) {
    shownRow = Number(row.dataset.line);
    for (const r of document.querySelectorAll("tr.row")) r.classList.toggle("shown", r === row);
    schedule(0);
  }
}

async function start() {
  const started = await api("/api/start?session=" + encodeURIComponent(session));
  ({ schema, defaults, countries } = started);
  remember(started.session);
  const draft = localStorage.getItem(DRAFT + ":" + TAB) || localStorage.getItem(DRAFT);
  form = draft ? JSON.parse(draft) : structuredClone(defaults);
  $("#draft-note").textContent = draft ? "Your draft was restored." : "";
  await draw();
  const editor = $("#editor");
  editor.addEventListener("submit", (e) => e.preventDefault());
  editor.addEventListener("input", collect);
  editor.addEventListener("change", (e) => (e.target.type === "file" ? upload(e) : collect(e)));
  $("#open-toml").addEventListener("change", upload);
  document.addEventListener("click", clicked);
  $("#start-over").addEventListener("click", async () => {
    if (!confirm("Start over from the example note? Your draft will be replaced.")) return;
    localStorage.removeItem(DRAFT + ":" + TAB); localStorage.removeItem(DRAFT);
    form = structuredClone(defaults); shownRow = null;
    $("#draft-note").textContent = ""; await draw(); schedule(0);
  });
  schedule(0);
}

start();
