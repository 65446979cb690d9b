/* The annotate panel: select a passage of an article's text and get the YAML item to
 * paste into the article's front matter (on under `mkdocs serve`; the plugin's
 * `annotate` option can turn it on in a built site).
 *
 * - The selection is mapped to offsets in the article body with the text block's
 *   markup: each <p data-o> starts at its offset (code points), paragraphs are
 *   separated by "\n" runs only, the block's data-length is the body's length; note
 *   markers (<sup>) are not text. A selection starting or ending outside the text is
 *   clamped to it; nothing else is trimmed unless the analyst asks.
 * - The selector (quote, and the shortest prefix or suffix if the quote needs one)
 *   comes from annotate-core.js, which follows the engine's matching rules, with the
 *   engine's tables from javascripts/annotate.json (dossier_core/annotatedata.py), the
 *   panel's labels, actors, narratives and article files too.
 * Pages without an article text are left alone.
 */
(function () {
  "use strict";
  var core = window.DossierAnnotateCore;
  var script = document.currentScript;
  if (!core || !script || !window.fetch) return;
  var DATA_URL = new URL("annotate.json", script.src);
  var ROOT = new URL("../", script.src);
  var SKIP = "sup, button, script, style, template, [aria-hidden='true']";
  var HIGHLIGHT = "dossier-annotate";
  var data = null, loading = null, panel = null, state = null, pointerDown = false, timer = 0;

  function cpLength(text) {
    var n = 0;
    for (var k = 0; k < text.length; k += 1) {
      var c = text.charCodeAt(k);
      if (c < 0xdc00 || c > 0xdfff || k === 0 || text.charCodeAt(k - 1) < 0xd800 ||
          text.charCodeAt(k - 1) > 0xdbff) n += 1;
    }
    return n;
  }

  /* ---- the page's text and offsets ------------------------------------------------ */

  function textNodes(p) {
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var skipped = node.parentElement.closest(SKIP);
        return skipped && p.contains(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  /** The block's paragraphs with their offsets and texts, and the body; null when the
   * markup does not add up to data-length (then no offset can be trusted). */
  function readText(block) {
    var paragraphs = [], body = "", length = 0;
    var ps = block.querySelectorAll(":scope > p[data-o]");
    for (var k = 0; k < ps.length; k += 1) {
      var start = parseInt(ps[k].getAttribute("data-o"), 10);
      var nodes = textNodes(ps[k]);
      var text = nodes.map(function (n) { return n.data; }).join("");
      if (!(start >= length)) return null;
      body += "\n".repeat(start - length) + text;
      length = start + cpLength(text);
      paragraphs.push({ p: ps[k], start: start, end: length, nodes: nodes });
    }
    var total = parseInt(block.getAttribute("data-length"), 10);
    if (!paragraphs.length || !(total >= length)) return null;
    return { block: block, paragraphs: paragraphs, body: body + "\n".repeat(total - length) };
  }

  /** The body offset of a boundary point; `side` says where a point between
   * paragraphs or outside the block goes: "start" to the next text, "end" to the last. */
  function offsetOf(text, node, offset, side) {
    var point = document.createRange();
    point.setStart(node, offset);
    var list = text.paragraphs;
    for (var k = 0; k < list.length; k += 1) {
      var para = list[k];
      if (point.comparePoint(para.p, 0) > 0) { // the point lies before this paragraph
        return side === "start" || k === 0 ? para.start : list[k - 1].end;
      }
      if (point.comparePoint(para.p, para.p.childNodes.length) < 0) continue; // after it
      var at = para.start;
      for (var j = 0; j < para.nodes.length; j += 1) {
        var n = para.nodes[j];
        if (n === node) return at + cpLength(n.data.slice(0, offset));
        if (point.comparePoint(n, 0) >= 0) return at; // this text comes after the point
        at += cpLength(n.data);
      }
      return at;
    }
    return list[list.length - 1].end;
  }

  /** The DOM point of a body offset (for the highlight of the pending passage). */
  function pointAt(text, offset, side) {
    var list = text.paragraphs;
    for (var k = 0; k < list.length; k += 1) {
      var para = list[k];
      if (offset > para.end || (side === "start" && offset === para.end && k + 1 < list.length)) {
        continue;
      }
      var at = Math.max(offset, para.start) - para.start;
      for (var j = 0; j < para.nodes.length; j += 1) {
        var units = Array.from(para.nodes[j].data);
        if (at <= units.length) return [para.nodes[j], units.slice(0, at).join("").length];
        at -= units.length;
      }
      return [para.p, para.p.childNodes.length];
    }
    return null;
  }

  function selectionIn() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (panel && panel.contains(range.commonAncestorContainer)) return null;
    var blocks = document.querySelectorAll("div.dossier-text[data-length]");
    for (var k = 0; k < blocks.length; k += 1) {
      if (!range.intersectsNode(blocks[k])) continue;
      var text = readText(blocks[k]);
      if (!text) return { error: "This page's text does not add up to its offsets: rebuild the site." };
      var start = offsetOf(text, range.startContainer, range.startOffset, "start");
      var end = offsetOf(text, range.endContainer, range.endOffset, "end");
      var quote = Array.from(text.body).slice(start, end).join("");
      if (end <= start || !quote.trim()) return null;
      return { text: text, start: start, end: end, range: range };
    }
    return null;
  }

  /** Actor ids of the mentions inside the selection, in order, each once. */
  function mentioned(block, range) {
    var ids = [];
    block.querySelectorAll("a.mention").forEach(function (a) {
      if (!range.intersectsNode(a)) return;
      var path = decodeURIComponent(new URL(a.href).pathname);
      var match = /\/actors\/([^/]+?)(?:\.html|\/)?$/.exec(path);
      if (match && ids.indexOf(match[1]) < 0) ids.push(match[1]);
    });
    return ids;
  }

  /* ---- the data --------------------------------------------------------------------- */

  function load() {
    if (!loading) {
      loading = fetch(DATA_URL, { cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + response.statusText);
          return response.json();
        })
        .then(function (json) { data = json; return json; });
      loading.catch(function () { loading = null; }); // the next selection tries again
    }
    return loading;
  }

  function thisArticle() {
    var page = decodeURIComponent(location.pathname).replace(/index\.html$/, "");
    var root = decodeURIComponent(ROOT.pathname);
    page = page.indexOf(root) === 0 ? page.slice(root.length) : page;
    var ids = Object.keys(data.articles);
    for (var k = 0; k < ids.length; k += 1) {
      if (data.articles[ids[k]].page === page) return data.articles[ids[k]];
    }
    return null;
  }

  /* ---- reacting to selections ----------------------------------------------------- */

  function check() {
    var found = selectionIn();
    if (!found) return;
    if (found.error) { window.DossierAnnotatePanel.open(null, found.error); return; }
    if (state && state.text.block === found.text.block && state.start === found.start &&
        state.end === found.end) return;
    load().then(function () {
      state = found;
      state.article = thisArticle();
      state.mentioned = mentioned(found.text.block, found.range);
      panel = window.DossierAnnotatePanel.open(state, null);
    }, function (error) {
      window.DossierAnnotatePanel.open(null, "The panel's data (" + DATA_URL.pathname +
        ") could not be read: " + error.message);
    });
  }

  /** The selector of the pending passage, with the engine's rules. */
  function selectorOf(current) {
    return core.selector(data, current.text.body, current.start, current.end);
  }

  /** Move the pending passage's ends past the white space at its ends. */
  function trim(current) {
    var body = Array.from(current.text.body), rules = new core.Rules(data);
    while (current.start < current.end && rules.isSpace(body[current.start])) current.start += 1;
    while (current.end > current.start && rules.isSpace(body[current.end - 1])) current.end -= 1;
  }

  function highlight(current) {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    CSS.highlights.delete(HIGHLIGHT);
    if (!current) return;
    var a = pointAt(current.text, current.start, "start"), b = pointAt(current.text, current.end, "end");
    if (!a || !b) return;
    var range = document.createRange();
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    CSS.highlights.set(HIGHLIGHT, new Highlight(range));
  }

  function closed() {
    state = null;
    highlight(null);
  }

  function init() {
    if (!document.querySelector("div.dossier-text[data-length]")) return;
    document.addEventListener("pointerdown", function () { pointerDown = true; });
    document.addEventListener("pointerup", function (event) {
      pointerDown = false;
      if (!(panel && panel.contains(event.target))) setTimeout(check, 0);
    });
    document.addEventListener("keyup", function (event) {
      if (event.shiftKey || event.key === "Shift") setTimeout(check, 0);
    });
    // Touch: a long press and the selection handles change the selection without
    // pointer events reaching the page; wait until the selection rests.
    document.addEventListener("selectionchange", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (!pointerDown) check(); }, 600);
    });
  }

  window.DossierAnnotate = {
    selectorOf: selectorOf, trim: trim, highlight: highlight, closed: closed,
    data: function () { return data; }, check: check
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
