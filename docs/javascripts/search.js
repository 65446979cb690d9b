// Pagefind search for the dossier, served from the site itself (no third-party host).
//
// - The header box answers as you type, in a list under the box (Pagefind's JS API;
//   the index is loaded when the box is first focused, not on every page view).
//   Enter, or "All results and filters", opens the search page.
// - The search page runs Pagefind's own UI, with filters.
// - "/" focuses the header box.
// Large dossiers are indexed in shards (see plugins/mkdocs_dossier/search.py):
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

    function render(query, found, items) {
      panel.textContent = "";
      var count = found.count;
      var number = found.exact ? String(count) : "about " + count;
      status.textContent = count === 0 ? "No results" : count === 1 && found.exact ? "1 result" : number + " results";
      if (count === 0) {
        panel.appendChild(element("p", "dossier-search__empty", "No results for \u201c" + query + "\u201d"));
      } else {
        var list = element("ol", "dossier-search__list");
        items.forEach(function (item) {
          var entry = element("li", "dossier-search__result");
          var link = element("a");
          link.href = item.url;
          link.appendChild(element("span", "dossier-search__title", (item.meta && item.meta.title) || item.url));
          var excerpt = element("span", "dossier-search__excerpt");
          // Pagefind's excerpt is the page's own indexed text, escaped, with <mark>
          // around the matched words.
          excerpt.innerHTML = item.excerpt;
          link.appendChild(excerpt);
          entry.appendChild(link);
          list.appendChild(entry);
        });
        panel.appendChild(list);
      }
      panel.appendChild(allResultsLink(query, count));
      panel.hidden = false;
    }

    // Pagefind retries a word that an index lacks with shorter and shorter prefixes
    // ("rosneft" -> "r"), and it does so per index: with shards, a shard without the
    // word returns pages that only share a prefix with it, marking "R." in "John R.
    // Bolton" (Pagefind/pagefind#1246). A result is kept when a marked word shares
    // most of a query word (all of a short one): prefixes typed so far ("guai" ->
    // Guaidó) and stemmed forms ("sanctions" -> sanctioned) pass, single letters and
    // short stubs do not. Results are checked a few at a time, until MAX_RESULTS
    // real ones are found.
    function fold(text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    function sharedPrefix(a, b) {
      var n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
      return n;
    }

    function marksTheQuery(excerpt, words) {
      var marked = (excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) {
        return fold(m.slice(6, -7)).replace(/[^\p{L}\p{N}]+/gu, "");
      });
      return marked.some(function (m) {
        return words.some(function (q) {
          var need = q.length < 4 ? q.length : Math.max(4, q.length - 3);
          return sharedPrefix(m, q) >= need;
        });
      });
    }

    function matching(results, query, ticket) {
      var words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      var kept = [];
      var dropped = 0;
      var next = 0;
      function step() {
        if (ticket !== latest) return Promise.resolve(null);
        if (kept.length >= MAX_RESULTS || next >= results.length) {
          return Promise.resolve({
            items: kept.slice(0, MAX_RESULTS),
            count: results.length - dropped,
            exact: next >= results.length,
          });
        }
        var batch = results.slice(next, next + MAX_RESULTS);
        next += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
          items.forEach(function (item) {
            if (marksTheQuery(item.excerpt, words)) kept.push(item); else dropped += 1;
          });
          return step();
        });
      }
      return step();
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
          return matching(search.results, query, ticket).then(function (found) {
            if (found && ticket === latest) render(query, found, found.items);
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

  function loadPagefindUI(done) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", bundle).href;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = new URL("pagefind-ui.js", bundle).href;
    script.onload = done;
    document.head.appendChild(script);
  }

  function startSearchPage() {
    Promise.all([new Promise(loadPagefindUI), shards()]).then(function (loaded) {
      var ui = new PagefindUI({
        element: "#dossier-search",
        bundlePath: bundle.pathname,
        mergeIndex: loaded[1].map(function (path) { return { bundlePath: path }; }),
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true, // focusing the box loads the index before the first keystroke
        debounceTimeoutMs: 30,
      });
      // Pagefind's input is labelled only by a title; give it an accessible name.
      var input = document.querySelector("#dossier-search input");
      if (input) {
        input.setAttribute("aria-label", "Search the dossier");
      }
      var query = new URLSearchParams(location.search).get("q");
      if (query) {
        ui.triggerSearch(query);
      }
    });
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
  if (document.getElementById("dossier-search")) {
    startSearchPage();
  }
})();
