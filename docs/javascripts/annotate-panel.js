/* The annotate panel itself (see annotate.js): a non-modal dialog beside the text (a
 * bottom sheet on narrow screens) with the passage, pickers for the label (colour and
 * definition; a verdict for claim labels), actors and narrative, a note, and the YAML
 * item to paste with the file and key it goes under. Built from the data file with
 * DOM calls only (no markup is parsed from the data). Escape or Close closes it.
 */
(function () {
  "use strict";
  var ID = "dossier-annotate";
  var el = null, fields = {}, current = null, returnTo = null, builtFor = null;

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function add(parent) {
    for (var k = 1; k < arguments.length; k += 1) parent.appendChild(arguments[k]);
    return parent;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function field(label, control) {
    return add(make("div", { class: ID + "__field" }), make("label", { for: control.id }, label), control);
  }

  function labelPicker(data) {
    var set = make("fieldset", { class: ID + "__labels" });
    add(set, make("legend", {}, "Label"));
    var groups = {};
    data.labels.forEach(function (label) {
      if (!groups[label.group]) {
        groups[label.group] = make("fieldset", { class: ID + "__group" });
        add(groups[label.group], make("legend", {}, label.group_name));
        add(set, groups[label.group]);
      }
      var id = ID + "-label-" + label.id;
      var option = make("div", { class: ID + "__option" });
      add(option,
        make("input", { type: "radio", name: ID + "-label", id: id, value: label.id,
                        "aria-describedby": id + "-definition" }),
        add(make("label", { for: id }),
          make("span", { class: ID + "__swatch dossier-hl--" + label.id, "aria-hidden": "true" }),
          make("span", {}, label.name)),
        make("span", { class: ID + "__definition", id: id + "-definition" }, label.definition));
      add(groups[label.group], option);
    });
    set.addEventListener("change", render);
    return set;
  }

  function actorPicker(data) {
    var set = add(make("fieldset", { class: ID + "__actors" }), make("legend", {}, "Actors"));
    var filter = make("input", { type: "search", id: ID + "-actor-filter", autocomplete: "off" });
    var list = make("div", { class: ID + "__list" });
    data.actors.forEach(function (actor) {
      var id = ID + "-actor-" + actor.id;
      var row = add(make("div", { class: ID + "__check", "data-key": fold(actor.name + " " + actor.id) }),
        make("input", { type: "checkbox", id: id, value: actor.id }),
        make("label", { for: id }, actor.name));
      row.dataset.name = actor.name;
      add(list, row);
    });
    filter.addEventListener("input", function () {
      var query = fold(filter.value.trim());
      list.querySelectorAll("." + ID + "__check").forEach(function (row) {
        row.hidden = query !== "" && row.getAttribute("data-key").indexOf(query) < 0;
      });
    });
    list.addEventListener("change", render);
    fields.actorList = list;
    return add(set, field("Filter actors", filter), list);
  }

  function build(data) {
    el = make("div", { class: ID, role: "dialog", "aria-labelledby": ID + "-title", tabindex: "-1" });
    el.hidden = true;
    var close = make("button", { type: "button", class: ID + "__close", "aria-label": "Close the annotate panel" });
    add(close, make("span", { "aria-hidden": "true" }, "\u00d7"));
    close.addEventListener("click", hide);
    var body = make("div", { class: ID + "__body" });
    fields.error = make("p", { class: ID + "__error", role: "alert" });
    fields.content = make("div", {});
    fields.quote = make("blockquote", { class: ID + "__quote" });
    fields.where = make("p", { class: ID + "__where" });
    fields.trim = make("p", { class: ID + "__trim" });
    var trim = make("button", { type: "button", class: ID + "__small" }, "Trim the spaces");
    trim.addEventListener("click", function () {
      window.DossierAnnotate.trim(current);
      current.selector = null;
      window.DossierAnnotate.highlight(current);
      render();
    });
    fields.trimText = make("span", {});
    add(fields.trim, fields.trimText, document.createTextNode(" "), trim);
    fields.verdict = make("select", { id: ID + "-verdict" });
    fields.verdictRow = field("Verdict", fields.verdict);
    fields.narrative = make("select", { id: ID + "-narrative" });
    add(fields.narrative, make("option", { value: "" }, "None"));
    data.narratives.forEach(function (n) { add(fields.narrative, make("option", { value: n.id }, n.title)); });
    fields.note = make("textarea", { id: ID + "-note", rows: "3" });
    fields.target = make("p", { class: ID + "__target" });
    fields.yaml = make("code", {});
    fields.copy = make("button", { type: "button", class: ID + "__copy" }, "Copy YAML");
    fields.copy.addEventListener("click", copy);
    fields.status = make("span", { class: ID + "__status", role: "status" });
    [fields.verdict, fields.narrative].forEach(function (c) { c.addEventListener("change", render); });
    fields.note.addEventListener("input", render);
    add(fields.content, fields.quote, fields.where, fields.trim, labelPicker(data), fields.verdictRow,
      actorPicker(data), field("Narrative", fields.narrative), field("Note", fields.note));
    add(body, fields.error, fields.content);
    // The YAML and Copy stay in view below the pickers (the panel's body scrolls).
    fields.foot = add(make("div", { class: ID + "__foot" }), make("h3", {}, "YAML to paste"), fields.target,
      add(make("pre", { class: ID + "__yaml" }), fields.yaml),
      add(make("div", { class: ID + "__actions" }), fields.copy, fields.status));
    add(el, add(make("div", { class: ID + "__head" }), make("h2", { id: ID + "-title" }, "Annotate this passage"), close),
      body, fields.foot);
    el.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); hide(); }
    });
    (document.querySelector("main") || document.body).appendChild(el);
    builtFor = data;
  }

  function chosen() {
    var radio = el.querySelector("input[name='" + ID + "-label']:checked");
    return radio ? radio.value : "";
  }

  function shorten(text) {
    var cps = Array.from(text);
    return cps.length <= 300 ? text : cps.slice(0, 140).join("") + " \u2026 " + cps.slice(-140).join("");
  }

  function where(article) {
    if (!article) return "This article is not in the dossier's data (does its file have problems?).";
    var file = article.path;
    if (article.annotations_line == null) {
      return file + " has no annotations: key yet: add this block to its front matter, before the closing ---.";
    }
    if (article.annotations) {
      return "Add this item to the annotations: list (line " + article.annotations_line + ") of " + file +
        ", after its last item.";
    }
    return "Add this item under annotations: (line " + article.annotations_line + ") of " + file +
      "; if that line reads annotations: [], remove the [].";
  }

  function render() {
    if (!current) return;
    var api = window.DossierAnnotate, data = api.data();
    if (!current.selector) current.selector = api.selectorOf(current);
    var sel = current.selector, label = chosen(), labels = {};
    data.labels.forEach(function (l) { labels[l.id] = l; });
    var quote = sel.quote, count = window.DossierAnnotateCore.occurrences(
      Array.from(current.text.body), Array.from(quote)).length;
    fields.quote.textContent = shorten(quote);
    fields.where.textContent = "Characters " + current.start + "\u2013" + current.end + " of the text. " + (
      sel.start != null ? "The text repeats this passage: its offsets pick it." :
      sel.prefix != null ? "The quote occurs " + count + " times: a prefix picks this one." :
      sel.suffix != null ? "The quote occurs " + count + " times: a suffix picks this one." :
      "The quote is found once: no prefix needed.");
    var lead = /^\s/.test(quote), tail = /\s$/.test(quote);
    fields.trim.hidden = !(lead || tail);
    fields.trimText.textContent = "The selection " + (lead && tail ? "starts and ends" : lead ? "starts" : "ends") +
      " with white space, kept in the quote.";
    var verdicts = label && labels[label] ? labels[label].verdicts : [];
    fields.verdictRow.hidden = !verdicts.length;
    if (fields.verdict.getAttribute("data-for") !== label) {
      fields.verdict.textContent = "";
      add(fields.verdict, make("option", { value: "" }, "No verdict"));
      verdicts.forEach(function (v) { add(fields.verdict, make("option", { value: v }, v)); });
      fields.verdict.setAttribute("data-for", label);
    }
    var actors = [];
    fields.actorList.querySelectorAll("input:checked").forEach(function (box) { actors.push(box.value); });
    var item = window.DossierAnnotateCore.yamlItem({
      selector: sel, label: label, verdict: verdicts.length ? fields.verdict.value : "",
      narrative: fields.narrative.value, actors: actors, note: fields.note.value.trim()
    });
    var article = current.article;
    fields.target.textContent = where(article);
    fields.yaml.textContent = article && article.annotations_line == null ? "annotations:\n" + item : item;
    fields.copy.disabled = !label;
    fields.status.textContent = label ? "" : "Pick a label to copy.";
  }

  function copy() {
    var text = fields.yaml.textContent;
    var done = function () { fields.status.textContent = "Copied."; };
    var failed = function () {
      var range = document.createRange();
      range.selectNodeContents(fields.yaml);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      fields.status.textContent = "The browser did not allow copying: the YAML is selected, press Ctrl+C.";
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, failed);
    else failed();
  }

  /** Actors mentioned in the passage first, then the rest by name. */
  function orderActors(mentioned) {
    var rows = Array.from(fields.actorList.children);
    rows.sort(function (a, b) {
      var i = mentioned.indexOf(a.querySelector("input").value), j = mentioned.indexOf(b.querySelector("input").value);
      if ((i < 0) !== (j < 0)) return i < 0 ? 1 : -1;
      return i >= 0 ? i - j : a.dataset.name.localeCompare(b.dataset.name);
    });
    rows.forEach(function (row) {
      row.classList.toggle(ID + "__check--mentioned", mentioned.indexOf(row.querySelector("input").value) >= 0);
      fields.actorList.appendChild(row);
    });
  }

  function open(state, error) {
    var data = window.DossierAnnotate.data();
    if (!el || (data && builtFor !== data)) {
      if (el) el.remove();
      build(data || { labels: [], actors: [], narratives: [] }); // no data: the error alone
    }
    fields.error.hidden = !error;
    fields.error.textContent = error || "";
    fields.content.hidden = fields.foot.hidden = !!error;
    if (state && state !== current) { // a new passage; the choices stay until the panel closes
      current = state;
      orderActors(state.mentioned);
    }
    render();
    window.DossierAnnotate.highlight(current);
    if (el.hidden) {
      el.hidden = false;
      document.documentElement.classList.add(ID + "-open");
      returnTo = document.activeElement;
      el.focus({ preventScroll: true });
    }
    reveal();
    return el;
  }

  /** Keep the passage in view: the page makes room for the panel on wide screens
   * (annotate.css), which moves the text; on narrow ones the sheet covers the bottom of
   * the page, so the passage goes above it. */
  function reveal() {
    if (!current || !current.range) return;
    var sheet = el.getBoundingClientRect(), box = current.range.getBoundingClientRect();
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var bottom = sheet.left <= 0 ? sheet.top : window.innerHeight;
    if (box.top < top + 16 || box.bottom > bottom - 16) { // its top a third down the view
      window.scrollBy(0, box.top - top - Math.max(16, (bottom - top - box.height) / 3));
    }
  }

  function hide() {
    if (!el || el.hidden) return;
    el.hidden = true;
    document.documentElement.classList.remove(ID + "-open");
    current = null;
    el.querySelectorAll("input[type='radio'], input[type='checkbox']").forEach(function (box) { box.checked = false; });
    [fields.verdict, fields.narrative, fields.note, el.querySelector("input[type='search']")].forEach(function (c) {
      c.value = "";
    });
    el.querySelectorAll("." + ID + "__check").forEach(function (row) { row.hidden = false; });
    window.DossierAnnotate.closed();
    if (returnTo && document.contains(returnTo) && returnTo.focus) returnTo.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && el && !el.hidden && !event.defaultPrevented) hide();
  });

  window.DossierAnnotatePanel = { open: open, hide: hide };
})();
