// Pagefind search for the dossier, served from the site itself (no third-party host).
//
// - The header box answers as you type, in a list under the box (Pagefind's JS API;
//   the index is loaded when the box is first focused, not on every page view).
//   Enter, or "All results and filters", opens the search page.
// - The search page lists every result, ten at a time, with filters (loaded when the
//   reader opens them).
// - "/" focuses the header box.
// Large dossiers are indexed in several bundles (plugins/mkdocs_dossier/search.py):
// pagefind/shards.json lists the bundles to merge into the first one.
(function () {
  "use strict";

  var MAX_RESULTS = 8;

  function siteRoot() {
    var base = document.querySelector("[data-md-component=logo]");
    return base ? new URL(base.getAttribute("href"), location.href) : new URL("/", location.href);
  }

  var root = siteRoot();
  var bundle = new URL("pagefind/", root);

  function shards() {
    return fetch(new URL("shards.json", bundle))
      .then(function (response) { return response.ok ? response.json() : { merge: [] }; })
      .then(function (manifest) {
        return (manifest.merge || []).map(function (path) { return new URL(path, bundle).pathname; });
      })
      .catch(function () { return []; });
  }

  // ---- shared: folding, and telling real matches from Pagefind's prefix fallback

  function textFold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function sharedPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
    return n;
  }

  // Pagefind retries a word that an index lacks with shorter and shorter prefixes
  // ("rosneft" -> "r"), and it does so per index: with shards, a shard without the
  // word returns pages that only share a prefix with it, marking "R." in "John R.
  // Bolton" (Pagefind/pagefind#1246). A result is kept when a marked word shares most
  // of a query word (all of a short one): prefixes typed so far ("guai" -> Guaidó) and
  // stemmed forms ("sanctions" -> sanctioned) pass, single letters and stubs do not.
  function marksQuery(excerpt, words) {
    var marked = (excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) {
      return textFold(m.slice(6, -7)).replace(/[^\p{L}\p{N}]+/gu, "");
    });
    return marked.some(function (m) {
      return words.some(function (q) {
        var need = q.length < 4 ? q.length : Math.max(4, q.length - 3);
        return sharedPrefix(m, q) >= need;
      });
    });
  }

  // ---- the header box -------------------------------------------------------

  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = Promise.all([import(new URL("pagefind.js", bundle).href), shards()])
        .then(function (loaded) {
          var api = loaded[0];
          return api.options({ basePath: bundle.pathname, excerptLength: 20 })
            .then(function () { return api.init(); })
            .then(function () {
              return Promise.all(loaded[1].map(function (path) { return api.mergeIndex(path); }));
            })
            .then(function () { return api; });
        });
    }
    return pagefind;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // One result, in both views: title, then Pagefind's excerpt (the page's own indexed
  // text, escaped, with <mark> around the matched words).
  function resultItem(item) {
    var entry = element("li", "dossier-search__result");
    var link = element("a");
    link.href = item.url;
    link.appendChild(element("span", "dossier-search__title", (item.meta && item.meta.title) || item.url));
    var excerpt = element("span", "dossier-search__excerpt");
    excerpt.innerHTML = item.excerpt;
    link.appendChild(excerpt);
    entry.appendChild(link);
    return entry;
  }

  // A search in progress: its results, how far they were checked, the real ones kept.
  function searchState(query, results) {
    return {
      query: query,
      words: textFold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean),
      results: results, next: 0, kept: [], dropped: 0,
    };
  }

  // Check results a batch at a time (see marksQuery) until `enough` real ones are kept
  // or none is left; resolves to false if `stillWanted()` turned false meanwhile.
  function collect(state, enough, stillWanted) {
    if (!stillWanted()) return Promise.resolve(false);
    if (state.kept.length >= enough || state.next >= state.results.length) {
      return Promise.resolve(true);
    }
    var batch = state.results.slice(state.next, state.next + 10);
    state.next += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      items.forEach(function (item) {
        if (marksQuery(item.excerpt, state.words)) state.kept.push(item); else state.dropped += 1;
      });
      return collect(state, enough, stillWanted);
    });
  }

  // "12 results", "about 340 results" (not every result checked yet), "No results".
  function countText(state) {
    var count = state.results.length - state.dropped;
    var exact = state.next >= state.results.length;
    if (count === 0) return "No results";
    if (count === 1 && exact) return "1 result";
    return (exact ? "" : "about ") + count + " results";
  }

  function startHeaderSearch(form) {
    var input = form.querySelector("[data-dossier-search]");
    var panel = form.querySelector(".dossier-search__results");
    var status = form.querySelector(".dossier-search__status");
    if (!input || !panel || !status) return;
    var latest = 0;
    var timer = null;

    function close() {
      panel.hidden = true;
    }

    function allResultsLink(query, count) {
      var link = element("a", "dossier-search__all",
        count > MAX_RESULTS ? "All " + count + " results, with filters" : "Search page, with filters");
      link.href = new URL("search/?q=" + encodeURIComponent(query), root).href;
      return link;
    }

    function render(found) {
      panel.textContent = "";
      status.textContent = countText(found);
      if (!found.kept.length) {
        panel.appendChild(element("p", "dossier-search__empty", "No results for \u201c" + found.query + "\u201d"));
      } else {
        var list = element("ol", "dossier-search__list");
        found.kept.slice(0, MAX_RESULTS).forEach(function (item) { list.appendChild(resultItem(item)); });
        panel.appendChild(list);
      }
      panel.appendChild(allResultsLink(found.query, found.results.length - found.dropped));
      panel.hidden = false;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) {
        close();
        status.textContent = "";
        return;
      }
      loadPagefind()
        .then(function (api) { return api.search(query); })
        .then(function (search) {
          if (ticket !== latest || !search) return null;
          var found = searchState(query, search.results);
          var current = function () { return ticket === latest; };
          return collect(found, MAX_RESULTS, current).then(function (wanted) {
            if (wanted) render(found);
          });
        })
        .catch(function (error) {
          status.textContent = "Search is unavailable";
          if (window.console) console.error(error);
        });
    }

    // Start loading the index as soon as a reader heads for the box.
    input.addEventListener("focus", function () { loadPagefind(); });
    form.addEventListener("pointerenter", function () { loadPagefind(); });
    input.addEventListener("input", function () {
      if (input.value.trim().length >= 3) {
        // Fetch the index chunks for what is typed while the debounce waits (not for
        // one or two letters, whose chunks would span much of the vocabulary).
        loadPagefind().then(function (api) {
          var query = input.value.trim();
          return query.length >= 3 ? api.preload(query) : null;
        }).catch(function () {});
      }
      clearTimeout(timer);
      // The index is static and local: 30 ms is enough to coalesce fast typing.
      timer = setTimeout(run, 30);
    });
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var index = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        close();
        input.focus();
      } else if (event.key === "ArrowDown" && !panel.hidden && links.length) {
        event.preventDefault();
        links[Math.min(index + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && index >= 0) {
        event.preventDefault();
        if (index === 0) input.focus(); else links[index - 1].focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
    });
  }

  // ---- the search page -------------------------------------------------------
  // Every result, ten at a time, with filters by outlet, outlet label, actor,
  // annotation label, language and year. The filter indexes are loaded only when the
  // reader opens the filters (on a sharded index they weigh more than a search).

  var PAGE_SIZE = 10;
  var EXACT_UP_TO = 40;
  var FILTER_ORDER = ["Outlet", "Outlet label", "Actor", "Annotation", "Language", "Year"];

  function startSearchPage(mount) {
    var form = element("form", "dossier-search-page__form");
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "All results");
    var input = element("input", "dossier-search-page__input");
    input.type = "search";
    input.id = "dossier-search-page-input";
    input.setAttribute("aria-label", "Search the dossier");
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = "Search";
    form.appendChild(input);
    var filtersBox = element("details", "dossier-search-page__filters");
    filtersBox.appendChild(element("summary", "", "Filters"));
    var filterGroups = element("div", "dossier-search-page__groups");
    filtersBox.appendChild(filterGroups);
    var status = element("p", "dossier-search-page__status");
    status.setAttribute("role", "status");
    var list = element("ol", "dossier-search__list dossier-search-page__list");
    var more = element("button", "dossier-search-page__more", "More results");
    more.type = "button";
    more.hidden = true;
    mount.textContent = "";
    [form, filtersBox, status, list, more].forEach(function (node) { mount.appendChild(node); });

    var chosen = {};  // filter name -> [values]
    var filtersLoaded = false;
    var latest = 0;
    var state = null;  // the search shown (searchState)
    var timer = null;

    function filterOption() {
      var filters = {};
      Object.keys(chosen).forEach(function (name) {
        if (chosen[name].length) filters[name] = { any: chosen[name] };
      });
      return filters;
    }

    function renderFilters(counts) {
      var open = {};
      filterGroups.querySelectorAll("fieldset").forEach(function (set) {
        open[set.dataset.name] = true;
      });
      filterGroups.textContent = "";
      FILTER_ORDER.filter(function (name) { return counts[name]; }).forEach(function (name) {
        var set = element("fieldset", "dossier-search-page__group");
        set.dataset.name = name;
        set.appendChild(element("legend", "", name));
        Object.keys(counts[name]).sort().forEach(function (value, index) {
          var id = "filter-" + FILTER_ORDER.indexOf(name) + "-" + index;
          var box = element("input");
          box.type = "checkbox";
          box.id = id;
          box.checked = (chosen[name] || []).indexOf(value) >= 0;
          box.addEventListener("change", function () {
            var values = chosen[name] || (chosen[name] = []);
            if (box.checked) values.push(value); else values.splice(values.indexOf(value), 1);
            run();
          });
          var label = element("label", "", value + " (" + counts[name][value] + ")");
          label.htmlFor = id;
          var row = element("div", "dossier-search-page__option");
          row.appendChild(box);
          row.appendChild(label);
          set.appendChild(row);
        });
        filterGroups.appendChild(set);
      });
    }

    // The next PAGE_SIZE real results. Up to EXACT_UP_TO results, all are checked at
    // once, so that the count is exact.
    function showMore() {
      var current = state;
      if (!current) return Promise.resolve();
      more.disabled = true;
      var enough = current.results.length <= EXACT_UP_TO ? Infinity : PAGE_SIZE;
      return collect(current, enough, function () { return current === state; }).then(function (wanted) {
        if (!wanted) return;
        current.kept.splice(0, PAGE_SIZE).forEach(function (item) { list.appendChild(resultItem(item)); });
        status.textContent = countText(current) + " for \u201c" + current.query + "\u201d";
        more.hidden = current.next >= current.results.length && !current.kept.length;
        more.disabled = false;
      });
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      if (!query) {
        state = null;
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      return loadPagefind()
        .then(function (api) { return api.search(query, { filters: filterOption() }); })
        .then(function (search) {
          if (ticket !== latest || !search) return null;
          state = searchState(query, search.results);
          list.textContent = "";
          if (filtersLoaded) renderFilters(search.filters);
          return showMore();
        })
        .catch(function (error) {
          status.textContent = "Search is unavailable";
          if (window.console) console.error(error);
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 30);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    more.addEventListener("click", function () { showMore(); });
    filtersBox.addEventListener("toggle", function () {
      if (!filtersBox.open || filtersLoaded) return;
      filtersLoaded = true;
      status.textContent = "Loading filters\u2026";
      loadPagefind()
        .then(function (api) { return api.filters(); })
        .then(function (totals) {
          renderFilters(totals);
          return run();
        });
    });

    input.value = new URLSearchParams(location.search).get("q") || "";
    input.focus();  // and so loads the index before the first keystroke
    loadPagefind();
    if (input.value) run();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var input = document.querySelector("[data-dossier-search]");
      if (input) {
        event.preventDefault();
        input.focus();
      }
    }
  });

  var form = document.querySelector("form.dossier-search");
  if (form) {
    startHeaderSearch(form);
  }
  var searchPage = document.getElementById("dossier-search");
  if (searchPage) {
    startSearchPage(searchPage);
  }
})();
