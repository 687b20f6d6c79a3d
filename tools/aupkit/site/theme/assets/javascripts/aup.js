// aupkit: give Material's search dialog an accessible name (axe: aria-dialog-name),
// taken from the search field's own label so it follows the site's language.
(function () {
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();

// aupkit: search for a site opened from a folder (file://), where browsers refuse the
// worker Material's search runs in. `aup build --offline` writes search/search_index.js;
// this searches it in the page and shows the results in Material's own search dialog.
(function () {
  if (location.protocol !== "file:") return;
  var config = document.getElementById("__config");
  var dialog = document.querySelector(".md-search");
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  if (!config || !dialog || !input || !list || !meta) return;
  var settings = JSON.parse(config.textContent);
  var base = new URL(settings.base + "/", location.href);
  var words = settings.translations || {};
  var docs = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load(then) {
    if (docs) return then();
    var script = document.createElement("script");
    script.src = new URL("search/search_index.js", base).href;
    script.onload = function () {
      docs = window.__index.docs.map(function (doc) {
        var text = new DOMParser().parseFromString(doc.text, "text/html").body.textContent || "";
        return { href: new URL(doc.location, base).href, title: doc.title, text: text,
                 folded: fold(doc.title + " " + text), title_folded: fold(doc.title) };
      });
      then();
    };
    document.head.appendChild(script);
  }

  function say(key, count) {
    var text = words[key] || "";
    return text.replace("#", String(count));
  }

  function show() {
    var terms = fold(input.value).split(/[\s\-]+/).filter(function (t) { return t.length > 1; });
    list.replaceChildren();
    if (!terms.length) { meta.textContent = say("search.result.placeholder"); return; }
    var found = docs.filter(function (doc) {
      return terms.every(function (t) { return doc.folded.indexOf(t) >= 0; });
    }).map(function (doc) {
      var score = terms.reduce(function (sum, t) { return sum + (doc.title_folded.indexOf(t) >= 0 ? 10 : 1); }, 0);
      return { doc: doc, score: score };
    }).sort(function (a, b) { return b.score - a.score; }).slice(0, 20);
    meta.textContent = found.length === 0 ? say("search.result.none")
      : say(found.length === 1 ? "search.result.one" : "search.result.other", found.length);
    found.forEach(function (hit) {
      var doc = hit.doc;
      var at = Math.max(0, fold(doc.text).indexOf(terms[0]) - 60);
      if (at) at = doc.text.indexOf(" ", at) + 1;  // start the excerpt on a whole word
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = doc.href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = doc.title;
      var excerpt = document.createElement("p");
      excerpt.textContent = (at ? "… " : "") + doc.text.slice(at, at + 200) + "…";
      article.append(title, excerpt);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  var toggle = document.getElementById("__search");
  dialog.removeAttribute("hidden");
  window.addEventListener("load", function () { dialog.removeAttribute("hidden"); });
  input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle) { toggle.checked = false; input.blur(); }
  });
  input.addEventListener("input", function () { load(show); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
})();

// aupkit: in a manual of several languages (one site per language, side by side: ../es/, ../en/),
// the language menu opens the same page, at the same rule, in the other language. The page's
// <link rel="alternate" hreflang> says where; without it the menu opens the other language's home.
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".md-select a[hreflang]") : null;
    if (!link) return;
    var same = document.querySelector('link[data-aup-same-page][hreflang="' + link.getAttribute("hreflang") + '"]');
    if (!same) return;
    event.preventDefault();
    location.href = same.href.split("#")[0] + location.hash;
  });
})();
