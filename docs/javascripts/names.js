/* The reader's switch for name underlines on article pages.
 *
 * Names of actors in an article's text are links with a light dotted underline. A
 * reader who finds them busy can turn the underlines off with a switch in the article
 * card; the names stay links (hover or focus still underlines them). The choice is kept
 * in localStorage and applied on every page as the class dossier-names-plain on <html>
 * (dossier.css). Without JavaScript there is no switch and names keep their underline.
 */
(function () {
  "use strict";

  var KEY = "dossier.names";
  var PLAIN = "dossier-names-plain";

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage blocked (private mode, file://): the switch still works
    }
  }

  function store(value) {
    try {
      window.localStorage.setItem(KEY, value);
    } catch (error) {
      /* not remembered, nothing else lost */
    }
  }

  function apply(plain) {
    document.documentElement.classList.toggle(PLAIN, plain);
  }

  // Before the page is shown where possible (this script loads at the end of <body>).
  apply(stored() === "plain");

  function addSwitch() {
    var text = document.querySelector(".dossier-text");
    if (!text || !text.querySelector("a.mention")) return;
    var holder = document.createElement("p");
    holder.className = "dossier-names-switch";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.setAttribute("role", "switch");
    box.checked = stored() !== "plain";
    box.addEventListener("change", function () {
      store(box.checked ? "underlined" : "plain");
      apply(!box.checked);
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" Underline names of actors"));
    holder.appendChild(label);
    // In the card above the text when there is one, else just above the text.
    var card = document.querySelector(".dossier-card");
    if (card) card.appendChild(holder);
    else text.parentNode.insertBefore(holder, text);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addSwitch);
  } else {
    addSwitch();
  }
})();
