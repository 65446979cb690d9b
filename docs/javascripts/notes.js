// Notes at the highlight (article pages), and old links to passages kept working.
//
// - Clicking or tapping a highlighted passage, pressing Enter on it (its first piece
//   is a tab stop) or clicking its note marker opens its note in a popover beside the
//   passage, or in a bottom sheet on a narrow screen: label, verdict, note, actors,
//   narrative, evidence and "Copy link to this passage". Where annotations overlap,
//   it lists every one at that point. Escape or the close button closes it and gives
//   focus back to the passage. A link inside a highlight (a name) is still followed.
// - On a wide screen the notes sit in the right margin beside their passages (the
//   table of contents makes room); a passage then brings its note(s) forward there.
// - Links from earlier builds used positional anchors (#a-3, #fn:a-3, #fnref:a-3, an
//   actor page's #note-<article>-3): the element that had one names it in data-legacy,
//   and the address is rewritten to the stable anchor, which the page then shows.
// The notes are built from the Notes list (dossier_core/notes.py), which is what a
// reader without JavaScript, or a printed page, has.
(function () {
  "use strict";

  const WIDE = "(min-width: 87.5em)"; // 1400 px: the notes go into the right margin
  const SHEET = "(max-width: 37.4375em)"; // under 600 px: a bottom sheet
  const MARGIN_GAP = 8; // px between two margin notes
  const PASSAGES = ".dossier-text mark[data-a]";

  const root = document.documentElement;
  let popover = null; // the one popover, made when first opened
  let opener = null; // what opened it: focus goes back there
  let margin = null; // the margin notes, made when the screen is first wide

  function pieces(anchor) {
    return document.querySelectorAll(`.dossier-text mark[data-a="${CSS.escape(anchor)}"]`);
  }

  function item(anchor) {
    return document.getElementById("fn:" + anchor);
  }

  function noteNumber(anchor) {
    const li = item(anchor);
    return li ? Array.prototype.indexOf.call(li.parentElement.children, li) + 1 : 0;
  }

  function passageLink(anchor) {
    const url = new URL(location.href);
    url.hash = anchor;
    return url.href;
  }

  // ---- one note, built from its item in the Notes list

  function srOnly(text) {
    const span = document.createElement("span");
    span.className = "dossier-notes-sr";
    span.textContent = text;
    return span;
  }

  function noteBody(anchor, idPrefix, numbered) {
    const li = item(anchor);
    const section = document.createElement("section");
    section.className = "dossier-notecard";
    section.dataset.a = anchor;
    const head = li.querySelector(".dossier-notes__head").cloneNode(true);
    head.id = idPrefix + anchor;
    if (numbered) {
      const pill = document.createElement("span");
      pill.className = "dossier-pill";
      pill.append(srOnly("Note "), String(noteNumber(anchor)), srOnly(": "));
      head.prepend(pill);
    }
    section.setAttribute("aria-labelledby", head.id);
    section.append(head);
    for (const part of li.querySelectorAll(".dossier-notes__text, .dossier-notes__links")) {
      section.append(part.cloneNode(true));
    }
    section.append(copyButton(anchor));
    return section;
  }

  function copyButton(anchor) {
    const wrap = document.createElement("p");
    wrap.className = "dossier-copy";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "dossier-copy__button";
    button.textContent = "Copy link to this passage";
    const status = document.createElement("span");
    status.className = "dossier-copy__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      const link = passageLink(anchor);
      button.dataset.copied = link; // what was copied (read by the tests)
      copyText(link).then(
        () => { status.textContent = "Copied"; },
        () => { status.textContent = link; }, // no clipboard: the link, to copy by hand
      );
    });
    wrap.append(button, status);
    return wrap;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => legacyCopy(text));
    }
    return legacyCopy(text);
  }

  function legacyCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // ---- which annotations a click or a key is about

  // The annotations covering a piece of text: each piece is nested in one mark per
  // annotation over it. The one asked for first, then the others in reading order.
  function covering(piece, first) {
    const found = [];
    for (let el = piece; el && !el.classList.contains("dossier-text"); el = el.parentElement) {
      if (el.matches("mark[data-a]") && !found.includes(el.dataset.a)) found.push(el.dataset.a);
    }
    const rest = found.filter((a) => a !== first).sort((a, b) => noteNumber(a) - noteNumber(b));
    return (first ? [first] : []).concat(rest).filter((a) => item(a));
  }

  // ---- the popover (a bottom sheet on a narrow screen)

  function makePopover() {
    const pop = document.createElement("div");
    pop.className = "dossier-pop md-typeset";
    pop.id = "dossier-pop";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-labelledby", "dossier-pop-title");
    pop.tabIndex = -1;
    pop.hidden = true;
    const bar = document.createElement("div");
    bar.className = "dossier-pop__bar";
    const title = document.createElement("p");
    title.className = "dossier-pop__title";
    title.id = "dossier-pop-title";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "dossier-pop__close";
    close.setAttribute("aria-label", "Close the note");
    close.textContent = "\u00d7";
    close.addEventListener("click", () => closePopover(true));
    bar.append(title, close);
    const body = document.createElement("div");
    body.className = "dossier-pop__body";
    pop.append(bar, body);
    pop.addEventListener("focusout", (event) => {
      const next = event.relatedTarget;
      if (next && !pop.contains(next) && next !== opener) closePopover(false);
    });
    document.body.append(pop);
    return pop;
  }

  function titleOf(anchors) {
    const numbers = anchors.map(noteNumber).sort((a, b) => a - b);
    if (numbers.length === 1) return `Note ${numbers[0]}`;
    const last = numbers.pop();
    return `Notes ${numbers.join(", ")} and ${last} (overlapping passages)`;
  }

  function openPopover(anchors, from, point, quiet) {
    popover = popover || makePopover();
    const body = popover.querySelector(".dossier-pop__body");
    const numbered = anchors.length > 1; // one note: its number is the title's
    body.replaceChildren(...anchors.map((a) => noteBody(a, "dossier-pop-", numbered)));
    popover.querySelector(".dossier-pop__title").textContent = titleOf(anchors);
    popover.dataset.a = anchors.join(" ");
    opener = from;
    popover.hidden = false;
    place(from, point);
    if (!quiet) popover.focus({ preventScroll: true });
  }

  function closePopover(refocus) {
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    const back = opener;
    opener = null;
    if (refocus && back && document.contains(back)) back.focus({ preventScroll: true });
  }

  // Beside the passage: under the line clicked (or its first line), over it when there
  // is no room below; within the article's column. A narrow screen: a bottom sheet.
  function place(from, point) {
    const sheet = matchMedia(SHEET).matches;
    popover.classList.toggle("dossier-pop--sheet", sheet);
    popover.style.maxHeight = "";
    if (sheet) {
      popover.style.left = popover.style.top = "";
      return;
    }
    const rects = Array.from(from.getClientRects());
    let line = rects[0] || from.getBoundingClientRect();
    if (point) {
      line = rects.find((r) => point.y >= r.top && point.y <= r.bottom) || line;
    }
    const column = (from.closest(".md-content__inner") || document.body).getBoundingClientRect();
    const header = document.querySelector(".md-header");
    const ceiling = (header ? Math.max(0, header.getBoundingClientRect().bottom) : 0) + 8;
    const width = popover.offsetWidth;
    const height = popover.offsetHeight;
    const x = point ? point.x - 24 : line.left;
    const left = Math.max(column.left, Math.min(x, column.right - width, innerWidth - width - 8));
    // Below the line if it fits, else above; else on the roomier side, scrolling inside.
    const below = innerHeight - line.bottom - 16;
    const above = line.top - 8 - ceiling;
    let top = line.bottom + 8;
    if (height > below && (height <= above || above > below)) {
      if (height > above) popover.style.maxHeight = `${above}px`;
      top = line.top - 8 - Math.min(height, above);
    } else if (height > below) {
      popover.style.maxHeight = `${Math.max(below, 160)}px`;
    }
    popover.style.left = `${Math.max(8, left) + scrollX}px`;
    popover.style.top = `${top + scrollY}px`;
  }

  // ---- margin notes (wide screens)

  function marginMode() {
    return margin !== null && root.classList.contains("dossier-margin-notes");
  }

  // Each note shows its label and the start of its text; the one a reader opens (from
  // its passage, or by clicking or tabbing into it) shows all of it.
  function makeMargin(text, relayout) {
    const box = document.createElement("div");
    box.className = "dossier-margin";
    const sizes = window.ResizeObserver ? new ResizeObserver(relayout) : null;
    for (const li of document.querySelectorAll(".dossier-notes li[data-a]")) {
      const note = noteBody(li.dataset.a, "dossier-margin-", true);
      note.classList.add("dossier-mnote");
      note.tabIndex = -1;
      box.append(note);
      if (sizes) sizes.observe(note);
    }
    box.addEventListener("click", (event) => {
      const note = event.target instanceof Element && event.target.closest(".dossier-mnote");
      if (note && !note.classList.contains("is-active")) activate([note]);
    });
    box.addEventListener("focusin", (event) => {
      const note = event.target.closest(".dossier-mnote");
      if (note && !note.classList.contains("is-active")) activate([note]);
    });
    text.after(box);
    return box;
  }

  function activate(notes) {
    for (const note of margin.querySelectorAll(".dossier-mnote.is-active")) {
      if (!notes.includes(note)) note.classList.remove("is-active");
    }
    for (const note of notes) note.classList.add("is-active");
  }

  // Each note level with its passage's first line, moved down only as far as the note
  // above it needs: notes never overlap.
  function layoutMargin(relayout) {
    const text = document.querySelector(".dossier-text");
    const wide = matchMedia(WIDE).matches && text && document.querySelector(".dossier-notes li");
    root.classList.toggle("dossier-margin-notes", Boolean(wide));
    if (!wide) return;
    margin = margin || makeMargin(text, relayout);
    const article = text.closest(".md-content__inner") || text.parentElement;
    const base = margin.getBoundingClientRect().top;
    const notes = Array.from(margin.children).map((note) => {
      const first = document.getElementById(note.dataset.a);
      const rect = first ? first.getClientRects()[0] || first.getBoundingClientRect() : null;
      return { note, want: rect ? rect.top - base : 0 };
    });
    notes.sort((a, b) => a.want - b.want);
    let bottom = -Infinity;
    for (const { note, want } of notes) {
      const top = Math.max(want, bottom + MARGIN_GAP);
      note.style.top = `${top}px`;
      bottom = top + note.offsetHeight;
    }
    // The article is at least as tall as its margin, so no note runs into the footer.
    article.style.minHeight = "";
    const need = margin.getBoundingClientRect().top + bottom - article.getBoundingClientRect().top;
    if (need > article.offsetHeight) article.style.minHeight = `${Math.ceil(need)}px`;
  }

  function showInMargin(anchors, from, quiet) {
    const notes = anchors
      .map((a) => margin.querySelector(`[data-a="${CSS.escape(a)}"]`))
      .filter((note) => note);
    if (!notes.length) return;
    activate(notes);
    layoutMargin(null);
    opener = from;
    notes[0].scrollIntoView({ block: "nearest" });
    if (!quiet) notes[0].focus({ preventScroll: true });
  }

  // `quiet`: shown where an address leads, without taking the keyboard focus.
  function open(anchors, from, point, quiet) {
    if (!anchors.length) return;
    if (marginMode()) showInMargin(anchors, from, quiet);
    else openPopover(anchors, from, point, quiet);
  }

  // ---- events

  function onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (popover && !popover.hidden && !popover.contains(target)) closePopover(false);
    const marker = target.closest(".dossier-text a.footnote-ref");
    if (marker) {
      const anchor = (marker.getAttribute("href") || "").replace(/^#fn:/, "");
      if (!item(anchor)) return;
      event.preventDefault();
      open([anchor], marker, null);
      return;
    }
    if (target.closest("a, button, input, select, textarea")) return; // a name: followed
    const piece = target.closest(PASSAGES);
    if (!piece) return;
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return; // selecting text, not opening a note
    const first = piece.dataset.a;
    open(covering(piece, first), pieces(first)[0], { x: event.clientX, y: event.clientY });
  }

  function onKey(event) {
    if (event.key === "Escape") {
      if (popover && !popover.hidden) {
        closePopover(true);
      } else if (marginMode() && opener && document.activeElement.closest(".dossier-mnote")) {
        const back = opener;
        opener = null;
        back.focus();
      }
      return;
    }
    const el = document.activeElement;
    if (event.key === "Enter" && el && el.matches(PASSAGES)) {
      event.preventDefault();
      open(covering(el, el.dataset.a), el, null);
    }
  }

  // An address from an earlier build (#a-3, #fn:a-3, #fnref:a-3, #note-<article>-3)
  // becomes the stable one; a passage's address shows its note.
  function onHash() {
    let hash = location.hash.slice(1);
    try {
      hash = decodeURIComponent(hash);
    } catch (error) {
      return;
    }
    if (!hash) return;
    const target = document.getElementById(hash);
    if (!target) {
      const [, prefix, rest] = /^(fn:|fnref:)?(.*)$/.exec(hash);
      const old = document.querySelector(`[data-legacy="${CSS.escape(rest)}"]`);
      if (old && old.id) location.replace("#" + (prefix || "") + old.id);
      return; // replacing the address moves to it, and comes back here
    }
    if (target.matches(PASSAGES)) open(covering(target, target.dataset.a), target, null, true);
  }

  function start() {
    const passages = document.querySelectorAll(PASSAGES);
    if (passages.length) {
      root.classList.add("dossier-notes-js");
      const hint = document.createElement("span");
      hint.id = "dossier-notes-hint";
      hint.hidden = true;
      hint.textContent = "Annotated passage: press Enter to read its note.";
      document.body.append(hint);
      for (const piece of passages) {
        if (piece.id === piece.dataset.a) {
          piece.tabIndex = 0; // one tab stop per passage: its first piece
          piece.setAttribute("aria-describedby", hint.id);
        }
      }
      document.addEventListener("click", onClick);
      document.addEventListener("keydown", onKey);
      let queued = false;
      const relayout = () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          layoutMargin(relayout);
          if (popover && !popover.hidden && opener) place(opener, null);
        });
      };
      addEventListener("resize", relayout);
      const text = document.querySelector(".dossier-text");
      if (window.ResizeObserver && text) new ResizeObserver(relayout).observe(text);
      if (document.fonts) document.fonts.ready.then(relayout);
      layoutMargin(relayout);
    }
    addEventListener("hashchange", onHash);
    onHash();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
