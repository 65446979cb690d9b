// The search page (search/): every result, ten at a time, with filters by outlet,
// outlet label, actor, annotation label, language and year, and a date range. It uses
// what search.js shares (window.dossierSearch): the same search, order and results as
// the header box.
//
// Filters are loaded when the reader opens them (on a sharded index they weigh more
// than a search). Each lists its values by number of results, most first (the numbers
// of the search without filters, so that the order does not move under the pointer as
// boxes are ticked); the first SHOWN, then "Show all"; a long one has a box to find a
// value. A value that the search cannot match is left out, unless it is ticked.
//
// The date range: Pagefind has no range filter, so every article carries a `Month`
// filter ("2019-05"; "2019" when dated only by its year; none when undated), and a
// range becomes `any` of the months inside it. Only articles have a month: a range
// lists dated articles only. At 20,000 articles the Month filter is one small file
// (a few dozen values, every article once), fetched when the filters open.
(function () {
  "use strict";

  var search = window.dossierSearch;
  var mount = document.getElementById("dossier-search");
  if (!search || !mount) return;
  var element = search.element;

  var PAGE_SIZE = 10;
  var EXACT_UP_TO = 40;
  var SHOWN = 10;  // values of a filter listed before "Show all"
  var FILTER_ORDER = ["Outlet", "Outlet label", "Actor", "Annotation", "Language", "Year"];
  var NOUNS = {
    Outlet: "outlets", "Outlet label": "outlet labels", Actor: "actors",
    Annotation: "annotation labels", Language: "languages", Year: "years",
  };
  var MONTH = "Month";
  var NO_MONTH = "none";  // a Month value no article has: an empty range finds nothing

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
  var order = element("p", "dossier-search-page__order");
  order.hidden = true;
  var list = element("ol", "dossier-search__list dossier-search-page__list");
  var more = element("button", "dossier-search-page__more", "More results");
  more.type = "button";
  more.hidden = true;
  mount.textContent = "";
  [form, filtersBox, status, order, list, more].forEach(function (node) { mount.appendChild(node); });

  var chosen = {};  // filter name -> [values]
  var expanded = {};  // filter name -> every value listed
  var finding = {};  // filter name -> the text of its find box
  var shownCounts = {};  // the latest counts: {filters, totals}
  var months = [];  // every Month value of the index, once the filters are loaded
  var range = { from: null, to: null };  // the date range's selects
  var filtersLoaded = false;
  var latest = 0;
  var state = null;  // the search shown (search.searchState)
  var timer = null;

  // ---- the date range -------------------------------------------------------

  // The Month values inside [from, to] ("YYYY-MM", either may be empty); a year-only
  // value counts when its whole year is inside. null: no range set.
  function monthsInRange(from, to) {
    if (!from && !to) return null;
    var low = from || "0000-00";
    var high = to || "9999-99";
    if (low > high) { var swap = low; low = high; high = swap; }
    var inside = months.filter(function (value) {
      if (/^\d{4}$/.test(value)) return low <= value + "-01" && value + "-12" <= high;
      return low <= value && value <= high;
    });
    return inside.length ? inside : [NO_MONTH];
  }

  function rangeText() {
    var from = range.from ? range.from.value : "";
    var to = range.to ? range.to.value : "";
    if (from && to) return from <= to ? "dated " + from + " to " + to : "dated " + to + " to " + from;
    if (from) return "dated from " + from;
    return to ? "dated up to " + to : "";
  }

  // The label holds its select: one target, wider than 24 px.
  function monthSelect(id, text) {
    var wrap = element("label", "dossier-search-page__when", text);
    var select = element("select");
    select.id = id;
    var any = element("option", "", "any date");
    any.value = "";
    select.appendChild(any);
    months.filter(function (m) { return /^\d{4}-\d{2}$/.test(m); }).forEach(function (m) {
      var option = element("option", "", m);
      option.value = m;
      select.appendChild(option);
    });
    select.addEventListener("change", run);
    wrap.appendChild(select);
    return { wrap: wrap, select: select };
  }

  function dateRange() {
    var set = element("fieldset", "dossier-search-page__group dossier-search-page__dates");
    set.dataset.name = "Date";
    set.appendChild(element("legend", "", "Date"));
    var from = monthSelect("dossier-date-from", "From");
    var to = monthSelect("dossier-date-to", "To");
    range = { from: from.select, to: to.select };
    set.appendChild(from.wrap);
    set.appendChild(to.wrap);
    set.appendChild(element("p", "dossier-search-page__hint", "Articles only: a range leaves out undated ones."));
    return set;
  }

  // ---- the filter lists -----------------------------------------------------

  function filterOption() {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name] };
    });
    var inside = monthsInRange(range.from ? range.from.value : "", range.to ? range.to.value : "");
    if (inside) filters[MONTH] = { any: inside };
    return filters;
  }

  // Focus survives a redraw: the control with the same key gets it back.
  function focusKey() {
    var active = document.activeElement;
    return active && filterGroups.contains(active) ? active.dataset.key || null : null;
  }

  function refocus(key) {
    if (!key) return;
    var again = Array.prototype.find.call(filterGroups.querySelectorAll("[data-key]"), function (node) {
      return node.dataset.key === key;
    });
    if (!again || again === document.activeElement) return;
    again.focus();
    if (again.type === "search") again.setSelectionRange(again.value.length, again.value.length);
  }

  function option(name, value, count, id) {
    var box = element("input");
    box.type = "checkbox";
    box.id = id;
    box.dataset.key = name + "\u0000" + value;
    box.checked = (chosen[name] || []).indexOf(value) >= 0;
    box.addEventListener("change", function () {
      var values = chosen[name] || (chosen[name] = []);
      if (box.checked) values.push(value); else values.splice(values.indexOf(value), 1);
      run();
    });
    var label = element("label", "", value + " (" + count + ")");
    label.htmlFor = id;
    var row = element("div", "dossier-search-page__option");
    row.appendChild(box);
    row.appendChild(label);
    return row;
  }

  // A filter's values by number of results (the search's without filters), most first,
  // then by name; those the search cannot match left out, unless ticked.
  function valuesOf(name) {
    var counts = shownCounts.filters[name] || {};
    var totals = (shownCounts.totals && shownCounts.totals[name]) || counts;
    var picked = chosen[name] || [];
    var size = function (value) { return totals[value] || counts[value] || 0; };
    return Object.keys(Object.assign({}, totals, counts))
      .filter(function (value) { return size(value) > 0 || picked.indexOf(value) >= 0; })
      .sort(function (a, b) { return size(b) - size(a) || a.localeCompare(b); });
  }

  // One filter: a legend, a find box if it is long, then its values (fillValues).
  function group(name) {
    var values = valuesOf(name);
    var set = element("fieldset", "dossier-search-page__group");
    set.dataset.name = name;
    set.appendChild(element("legend", "", name));
    if (values.length > SHOWN) {
      var box = element("input", "dossier-search-page__find");
      box.type = "search";
      box.value = finding[name] || "";
      box.placeholder = "Find";
      box.dataset.key = "find\u0000" + name;
      box.setAttribute("aria-label", "Find among the " + values.length + " " + (NOUNS[name] || "values"));
      box.addEventListener("input", function () {
        finding[name] = box.value;
        fillValues(set, name);
      });
      set.appendChild(box);
    }
    set.appendChild(element("div", "dossier-search-page__values"));
    fillValues(set, name);
    return set;
  }

  // The values listed: the first SHOWN (and any ticked), every one after "Show all",
  // those that hold the find box's text while it has some.
  function fillValues(set, name) {
    var key = focusKey();
    var values = valuesOf(name);
    var counts = shownCounts.filters[name] || {};
    var picked = chosen[name] || [];
    var holder = set.querySelector(".dossier-search-page__values");
    holder.textContent = "";
    var wanted = search.textFold((finding[name] || "").trim());
    var matching = values.filter(function (value) {
      return !wanted || search.textFold(value).indexOf(wanted) >= 0;
    });
    var listed = wanted || expanded[name] ? matching : matching.filter(function (value, index) {
      return index < SHOWN || picked.indexOf(value) >= 0;
    });
    listed.forEach(function (value) {
      var id = "filter-" + FILTER_ORDER.indexOf(name) + "-" + values.indexOf(value);
      holder.appendChild(option(name, value, counts[value] || 0, id));
    });
    if (wanted && !matching.length) holder.appendChild(element("p", "dossier-search-page__hint", "None found"));
    if (!wanted && values.length > SHOWN) {
      var open = Boolean(expanded[name]);
      var toggle = element("button", "dossier-search-page__toggle",
        open ? "Show the first " + SHOWN : "Show all " + values.length + " " + (NOUNS[name] || "values"));
      toggle.type = "button";
      toggle.dataset.key = "toggle\u0000" + name;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.addEventListener("click", function () {
        expanded[name] = !open;
        fillValues(set, name);
      });
      holder.appendChild(toggle);
    }
    refocus(key);
  }

  function renderFilters(counts, totals) {
    var key = focusKey();
    shownCounts = { filters: counts || {}, totals: totals || null };
    filterGroups.querySelectorAll("fieldset[data-name]:not([data-name='Date'])").forEach(function (set) {
      set.remove();
    });
    var dates = filterGroups.querySelector("fieldset[data-name='Date']");
    FILTER_ORDER.filter(function (name) { return shownCounts.filters[name]; }).forEach(function (name) {
      filterGroups.insertBefore(group(name), dates);
    });
    refocus(key);
  }

  // ---- the results ----------------------------------------------------------

  // The precomputed results of a frequent name, in the list at once (search.topResults).
  function showTop(top, query) {
    list.textContent = "";
    top.results.forEach(function (result) { list.appendChild(search.topItem(result)); });
    order.textContent = search.orderText(top, query);
    order.hidden = false;
  }

  function statusText(current) {
    var when = rangeText();
    return search.countText(current) + " for \u201c" + current.query + "\u201d" + (when ? ", " + when : "");
  }

  // The next PAGE_SIZE real results (the first page begins with the precomputed
  // ones, if any). Up to EXACT_UP_TO results, all are checked at once, so that the
  // count is exact.
  function showMore() {
    var current = state;
    if (!current) return Promise.resolve();
    more.disabled = true;
    var take = PAGE_SIZE;
    if (current.top && !current.topShown) {
      current.topShown = true;
      if (!current.topInList) showTop(current.top, current.query);
      take = Math.max(0, PAGE_SIZE - current.top.results.length);
    }
    var enough = current.results.length <= EXACT_UP_TO ? Infinity : take;
    return search.collect(current, enough, function () { return current === state; }).then(function (wanted) {
      if (!wanted) return;
      current.kept.splice(0, take).forEach(function (item) { list.appendChild(search.resultItem(item)); });
      status.textContent = statusText(current);
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
      order.hidden = true;
      more.hidden = true;
      return Promise.resolve();
    }
    var filters = filterOption();
    // Precomputed results hold for the whole set only: not when filters narrow it.
    var topFound = Object.keys(filters).length ? Promise.resolve(null) : search.topResults(query);
    var shownTop = null;
    topFound.then(function (top) {
      if (!top || ticket !== latest || (state && state.ticket === ticket)) return;
      state = null;
      shownTop = top;
      showTop(top, query);
      status.textContent = "Best matches shown, counting every result\u2026";
      more.hidden = true;
    });
    return Promise.all([
      search.loadPagefind().then(function (api) { return search.rankedSearch(api, query, filters); }),
      topFound,
    ])
      .then(function (both) {
        var found = both[0];
        if (ticket !== latest || !found) return null;
        state = search.searchState(query, found.results, both[1]);
        state.ticket = ticket;
        state.topInList = shownTop !== null && shownTop === both[1];
        if (!state.topInList) {
          list.textContent = "";
          order.hidden = true;
        }
        if (filtersLoaded) renderFilters(found.filters, found.totalFilters);
        return showMore();
      })
      .catch(function (error) {
        status.textContent = "Search is unavailable";
        if (window.console) console.error(error);
      });
  }

  input.addEventListener("input", function () {
    search.topResults(input.value);  // a frequent name's file, fetched before the debounce ends
    clearTimeout(timer);
    timer = setTimeout(run, search.debounce(input.value));
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
    search.loadPagefind()
      .then(function (api) { return api.filters(); })
      .then(function (totals) {
        months = Object.keys(totals[MONTH] || {}).sort();
        if (months.length) filterGroups.appendChild(dateRange());
        renderFilters(totals, totals);
        return run();
      });
  });

  input.value = new URLSearchParams(location.search).get("q") || "";
  input.focus();  // and so loads the index before the first keystroke
  search.loadPagefind();
  search.loadTopTerms();
  if (input.value) run();
})();
