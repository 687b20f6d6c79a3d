// aupkit: give Material's search dialog an accessible name (axe: aria-dialog-name),
// taken from the search field's own label so it follows the site's language.
(function () {
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var input = document.querySelector(".md-search__input");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
})();
