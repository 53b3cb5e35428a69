/* Paris 1944: small helpers on every page.
 * - "Copy" buttons (links, citations, BibTeX, embed code) put their data-copy text on the clipboard.
 * - A page opened from the search results scrolls to the first highlighted match.
 * - A region that scrolls can be reached with the keyboard: the theme's script does this on load, but it
 *   now runs only when the reader first does something (see _templates/layout.html). */
(function () {
  "use strict";
  function copied(button, ok) {
    var label = button.textContent;
    button.textContent = ok ? "Copied" : "Press Ctrl+C to copy";
    setTimeout(function () { button.textContent = label; }, 1600);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.p44-copy");
    if (!button) return;
    var text = button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button, true); }, function () { copied(button, false); });
    } else {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      copied(button, ok);
    }
  });
  var SCROLLERS = "pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container";
  window.addEventListener("load", function () {
    (window.requestIdleCallback || setTimeout)(function () {
      // all sizes first, then the changes: reading after each change would lay the page out again
      var regions = Array.prototype.slice.call(document.querySelectorAll(SCROLLERS));
      var scrolls = regions.map(function (el) { return el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight; });
      regions.forEach(function (el, i) { el.tabIndex = scrolls[i] ? 0 : -1; });
      document.documentElement.dataset.p44Scrollers = "ready";  // tests wait for this, as a keyboard user arrives later
    });
  });
  // Sphinx highlights the searched words (from the URL or, coming from the results page, from localStorage)
  // and clears them, possibly before this runs: so look for its marks for a moment instead.
  if (!location.hash) {
    var tries = 0;
    var look = setInterval(function () {
      var hit = document.querySelector("main .highlighted");
      if (hit || ++tries > 40) {
        clearInterval(look);
        if (hit) hit.scrollIntoView({ block: "center" });
      }
    }, 50);
  }
})();
