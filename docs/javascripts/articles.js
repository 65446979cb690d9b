/* The articles index (articles/): sort by a column, filter by outlet, outlet label,
   annotation label and tag, over the whole dossier, not only the page at hand.

   The page as built is the newest-first table of its numbered page, readable without
   this script. The script shows the filters, makes each sortable column header a
   button, and, only when the reader asks for another order or a filter, reads the
   articles data (articles/index.json, written by dossier_core/articledata.py) once
   and renders the matching articles in the same table, ROWS at a time, with "Show
   more". The state is kept in the query string (?sort=title&order=asc&outlet=tass),
   so a view can be shared and survives a reload. Rows are built with DOM methods, never from the data as HTML,
   except the outlet badges, which the engine wrote escaped. */
(() => {
  "use strict";

  const ROWS = 100; // rows rendered at a time in a sorted or filtered view
  // Sortable columns and the direction a first click sorts them in.
  const FIRST = { date: "desc", title: "asc", outlet: "asc", annotations: "desc" };
  const FILTERS = ["outlet", "olabel", "label", "tag"];
  const SORT_NAMES = {
    date: { asc: "oldest first", desc: "newest first" },
    title: { asc: "by title, A to Z", desc: "by title, Z to A" },
    outlet: { asc: "by outlet, A to Z", desc: "by outlet, Z to A" },
    annotations: { asc: "fewest annotations first", desc: "most annotations first" },
  };

  function readState(search) {
    const params = new URLSearchParams(search);
    const sort = Object.hasOwn(FIRST, params.get("sort")) ? params.get("sort") : "date";
    const given = params.get("order");
    const state = { sort, order: given === "asc" || given === "desc" ? given : FIRST[sort] };
    for (const name of FILTERS) state[name] = params.get(name) || "";
    return state;
  }

  function isDefault(state) {
    return state.sort === "date" && state.order === "desc" && FILTERS.every((f) => !state[f]);
  }

  function query(state) {
    const params = new URLSearchParams();
    if (state.sort !== "date" || state.order !== "desc") {
      params.set("sort", state.sort);
      params.set("order", state.order);
    }
    for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
    const text = params.toString();
    return text ? `?${text}` : "";
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The data, made ready once: outlet badges parsed (their links made absolute),
     lookups from a filter's value to the places the articles refer to. */
  function prepare(data, base) {
    const badges = data.outlets.map((outlet) => {
      const template = document.createElement("template");
      template.innerHTML = outlet[2];
      for (const link of template.content.querySelectorAll("a[href]")) {
        link.href = new URL(link.getAttribute("href"), base).href;
      }
      return template.content;
    });
    const place = (list) => new Map(list.map((value, index) => [value, index]));
    const byOutletLabel = new Map();
    data.outlets.forEach((outlet, index) => {
      for (const label of outlet[3]) {
        if (!byOutletLabel.has(label)) byOutletLabel.set(label, new Set());
        byOutletLabel.get(label).add(index);
      }
    });
    return {
      articles: data.articles,
      outletNames: data.outlets.map((outlet) => outlet[1]),
      badges,
      outlets: place(data.outlets.map((outlet) => outlet[0])),
      labels: place(data.labels),
      tags: place(data.tags),
      byOutletLabel,
      url: (id) => new URL(data.article.replace("{id}", encodeURIComponent(id)), base).href,
    };
  }

  function matching(data, state) {
    const outlet = state.outlet ? data.outlets.get(state.outlet) ?? -1 : null;
    const outlets = state.olabel ? data.byOutletLabel.get(state.olabel) ?? new Set() : null;
    const label = state.label ? data.labels.get(state.label) ?? -1 : null;
    const tag = state.tag ? data.tags.get(state.tag) ?? -1 : null;
    return data.articles.filter(
      (a) =>
        (outlet === null || a[4] === outlet) &&
        (outlets === null || outlets.has(a[4])) &&
        (label === null || a[6].includes(label)) &&
        (tag === null || a[7].includes(tag)),
    );
  }

  /* The data is newest first (date, then id): a stable sort on one key keeps that
     order among equals, so every order is deterministic. Undated articles stay last
     whichever way the dates are sorted. */
  function sorted(list, data, state) {
    const sign = state.order === "asc" ? 1 : -1;
    const collator = new Intl.Collator(document.documentElement.lang || undefined, {
      sensitivity: "base",
      numeric: true,
    });
    const compare = {
      date: (a, b) => {
        if (!a[2] || !b[2]) return (!a[2] - !b[2]) * sign; // undated last (sign undone)
        return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
      },
      title: (a, b) => collator.compare(a[1], b[1]),
      outlet: (a, b) => collator.compare(data.outletNames[a[4]], data.outletNames[b[4]]),
      annotations: (a, b) => a[5] - b[5],
    }[state.sort];
    if (state.sort === "date" && state.order === "desc") return list.slice();
    return list.slice().sort((a, b) => sign * compare(a, b));
  }

  function row(article, data) {
    const [id, title, date, lang, outlet, count, , , summary] = article;
    const tr = element("tr");
    const when = element("td", "dossier-articles__date", date ? undefined : "undated");
    if (date) {
      const time = element("time", "", date);
      time.dateTime = date;
      when.append(time);
    }
    const name = element("td", "dossier-articles__title");
    const link = element("a", "", title);
    link.href = data.url(id);
    if (lang) link.lang = lang;
    name.append(link);
    if (summary) name.append(element("span", "dossier-articles__excerpt", summary));
    const badge = element("td", "dossier-articles__outlet");
    badge.append(data.badges[outlet].cloneNode(true));
    const notes = element("td", "dossier-articles__count", String(count));
    notes.append(
      element("span", "dossier-articles__unit", count === 1 ? " annotation" : " annotations"),
    );
    tr.append(when, name, badge, notes);
    return tr;
  }

  function describe(state, form, shown, total, all) {
    const parts = [`${total} of ${all} articles`];
    for (const name of FILTERS) {
      const select = form && form.querySelector(`select[name="${name}"]`);
      if (!state[name] || !select) continue;
      const option = select.selectedOptions[0];
      const label = select.closest("label").querySelector("span").textContent;
      const value = option ? option.textContent.replace(/ \(\d+\)$/, "") : state[name];
      parts.push(`${label.toLowerCase()}: ${value}`);
    }
    let text = `${parts.join("; ")}; ${SORT_NAMES[state.sort][state.order]}.`;
    if (total > shown) text += ` Showing the first ${shown}.`;
    return text;
  }

  function setUp(root) {
    const table = root.querySelector("table.dossier-articles-table");
    const form = root.querySelector(".dossier-articles__filters");
    const status = root.querySelector(".dossier-articles__status");
    if (!table || !table.tBodies[0] || !status) return;
    const body = table.tBodies[0];
    const pageRows = Array.from(body.rows);
    const pager = document.querySelector("nav.dossier-pager");
    const base = new URL(root.getAttribute("data-json") || "index.json", document.baseURI);
    const more = element("button", "md-button dossier-articles__more");
    more.type = "button";
    more.hidden = true;
    table.after(more);
    let state = readState(window.location.search);
    let loaded = null; // the data, once asked for (a promise)
    let ready = null; // the data, once loaded
    let view = []; // the articles of the current view
    let shown = 0;
    let generation = 0; // a newer change wins over a load still under way

    function load() {
      if (!loaded) {
        loaded = fetch(base.href)
          .then((response) => {
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            return response.json();
          })
          .then((data) => prepare(data, base));
        loaded.catch(() => {
          loaded = null; // a later change tries again
        });
      }
      return loaded;
    }

    root.classList.add("dossier-articles--sortable"); // the phone layout shows the buttons
    const buttons = new Map();
    for (const th of table.tHead ? table.tHead.querySelectorAll("th[data-sort]") : []) {
      const key = th.getAttribute("data-sort");
      if (!Object.hasOwn(FIRST, key)) continue;
      const button = element("button", "dossier-articles__sort");
      button.type = "button";
      button.append(...th.childNodes, element("span", "dossier-articles__arrow"));
      button.lastChild.setAttribute("aria-hidden", "true");
      th.append(button);
      buttons.set(key, th);
      button.addEventListener("click", () => {
        const order = state.sort === key ? (state.order === "asc" ? "desc" : "asc") : FIRST[key];
        change({ ...state, sort: key, order });
      });
    }

    function headers() {
      for (const [key, th] of buttons) {
        const arrow = th.querySelector(".dossier-articles__arrow");
        if (key === state.sort) {
          th.setAttribute("aria-sort", state.order === "asc" ? "ascending" : "descending");
          arrow.textContent = state.order === "asc" ? " ▲" : " ▼";
        } else {
          th.removeAttribute("aria-sort");
          arrow.textContent = " ↕";
        }
      }
    }

    function showRows(from) {
      const rows = view.slice(from, shown).map((article) => row(article, ready));
      body.append(...rows);
      more.hidden = shown >= view.length;
      const left = view.length - shown;
      more.textContent = `Show ${Math.min(ROWS, left)} more (${left} not shown)`;
      return rows;
    }

    function render(data) {
      ready = data;
      view = sorted(matching(data, state), data, state);
      shown = Math.min(ROWS, view.length);
      body.replaceChildren();
      if (!view.length) {
        const empty = element("td", "dossier-articles__empty", "No article matches these filters.");
        empty.colSpan = 4;
        const tr = element("tr");
        tr.append(empty);
        body.append(tr);
      }
      showRows(0);
      if (pager) pager.hidden = true;
      root.classList.add("dossier-articles--view");
      status.textContent = describe(state, form, shown, view.length, data.articles.length);
    }

    function restore() {
      body.replaceChildren(...pageRows);
      more.hidden = true;
      if (pager) pager.hidden = false;
      root.classList.remove("dossier-articles--view");
      status.textContent = "";
    }

    function apply() {
      headers();
      const current = ++generation;
      if (isDefault(state)) {
        restore();
        return;
      }
      status.textContent = "Loading the list of every article…";
      load()
        .then((data) => {
          if (current === generation) render(data);
        })
        .catch((error) => {
          if (current !== generation) return;
          status.textContent =
            `The list of every article could not be loaded (${error.message}); ` +
            "the table shows this page's articles, newest first.";
        });
    }

    function change(next) {
      state = next;
      const url = window.location.pathname + query(state) + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      apply();
    }

    more.addEventListener("click", () => {
      const from = shown;
      shown = Math.min(view.length, shown + ROWS);
      const rows = showRows(from);
      status.textContent = describe(state, form, shown, view.length, ready.articles.length);
      const first = rows[0] && rows[0].querySelector("a");
      if (first) first.focus(); // keyboard readers go on from the first new row
    });

    if (form) {
      form.hidden = false;
      const selects = {};
      for (const name of FILTERS) {
        const select = form.querySelector(`select[name="${name}"]`);
        selects[name] = select;
        if (!select) {
          state[name] = "";
          continue;
        }
        select.value = state[name];
        if (select.value !== state[name]) state[name] = select.value; // unknown: dropped
        select.addEventListener("change", () => change({ ...state, [name]: select.value }));
      }
      const reset = form.querySelector("button[data-reset]");
      if (reset) {
        reset.addEventListener("click", () => {
          for (const name of FILTERS) if (selects[name]) selects[name].value = "";
          change(readState(""));
        });
      }
    }
    apply();
  }

  function start() {
    for (const root of document.querySelectorAll("[data-dossier-articles]")) setUp(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
