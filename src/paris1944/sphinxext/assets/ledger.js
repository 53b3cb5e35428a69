/* Paris 1944: the claims ledger. Filter as you type, or keep only the claims in a finding, across every
 * source's group (every row stays in the page); a group with a match opens, one without closes; a link to
 * a claim opens its group first. */
(function () {
  "use strict";
  var input = document.getElementById("p44-ledger-filter");
  var only = document.getElementById("p44-ledger-findings");
  if (!input || !only) return;
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.p44-ledger-group"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("details.p44-ledger-group tbody tr"));
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var count = document.querySelector(".p44-filter-count");
  var total = count.textContent;
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var filtering = words.length > 0 || only.checked;
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = (!only.checked || row.hasAttribute("data-finding")) && words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) shown++;
    });
    groups.forEach(function (group) {
      var any = group.querySelector("tbody tr:not([hidden])") !== null;
      group.hidden = filtering && !any;
      if (filtering) group.open = any;
    });
    count.textContent = filtering ? shown + " of " + rows.length + " claims shown." : total;
  }
  // the column headers stick under the controls, whose height changes with the width
  var controls = document.querySelector(".p44-ledger-controls");
  var ledger = document.querySelector(".p44-ledger");
  if (window.ResizeObserver) new ResizeObserver(function () { ledger.style.setProperty("--p44-controls", controls.offsetHeight + "px"); }).observe(controls);
  input.addEventListener("input", apply);
  only.addEventListener("change", apply);
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var group = target && target.closest("details.p44-ledger-group");
    if (!group) return;
    if (target.hidden) { input.value = ""; only.checked = false; apply(); }
    group.open = true;
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
