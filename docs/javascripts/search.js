// Pagefind search for the dossier: the results page, and the "/" shortcut that
// focuses the header search box. The index and UI are served from the site itself.
(function () {
  "use strict";

  function siteRoot() {
    // The search page lives at <root>/search/; Pagefind's bundle at <root>/pagefind/.
    var base = document.querySelector("[data-md-component=logo]");
    return base ? new URL(base.getAttribute("href"), location.href) : new URL("/", location.href);
  }

  function loadPagefindUI(root, done) {
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind/pagefind-ui.css", root).href;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = new URL("pagefind/pagefind-ui.js", root).href;
    script.onload = done;
    document.head.appendChild(script);
  }

  function startSearchPage(mount) {
    var root = siteRoot();
    loadPagefindUI(root, function () {
      var ui = new PagefindUI({
        element: "#dossier-search",
        bundlePath: new URL("pagefind/", root).pathname,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true, // focusing the box loads the index before the first keystroke
        debounceTimeoutMs: 30, // the index is static and local: no need to wait 300 ms
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

  var mount = document.getElementById("dossier-search");
  if (mount) {
    startSearchPage(mount);
  }
})();
