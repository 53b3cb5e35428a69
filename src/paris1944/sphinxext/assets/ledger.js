/* Paris 1944: filter the claims ledger as you type (every row stays in the page). */
(function () {
  "use strict";
  var input = document.getElementById("p44-ledger-filter");
  if (!input) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("#p44-ledger-table tbody tr"));
  var count = document.querySelector(".p44-filter-count");
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown + " of " + rows.length + " claims.";
  });
})();
