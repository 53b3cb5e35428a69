/* Paris 1944: interactive charts on demand.
 * Each chart ships as a static image plus its plotly spec. plotly.js (4.8 MB)
 * is fetched from this site, never a CDN, and only when a reader reaches for
 * a chart (pointer, touch, focus, click), so pages stay light. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loading = null;

  function library() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + "plotly.min.js";
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { loading = null; reject(new Error("plotly.js failed to load")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(chart) {
    if (chart.dataset.state) return chart.dataset.state === "drawn" ? Promise.resolve() : chart._p44;
    chart.dataset.state = "loading";
    var spec = JSON.parse(chart.querySelector(".p44-chart-spec").textContent);
    chart._p44 = library().then(function (Plotly) {
      var target = document.createElement("div");
      target.className = "p44-chart-plot";
      chart.appendChild(target);
      return Plotly.newPlot(target, spec.data, spec.layout, {
        responsive: true, displaylogo: false, modeBarButtonsToRemove: ["toImage"]
      });
    }).then(function () {
      chart.dataset.state = "drawn";
    }, function (err) {
      chart.dataset.state = "";
      console.warn(err);
    });
    return chart._p44;
  }

  function arm(chart) {
    var go = function () { draw(chart); };
    ["pointerenter", "touchstart", "focusin", "click"].forEach(function (ev) {
      chart.addEventListener(ev, go, { passive: true });
    });
  }

  window.paris1944Charts = { draw: draw, drawAll: function () {
    return Promise.all(Array.prototype.map.call(document.querySelectorAll(".p44-chart"), draw));
  } };
  document.querySelectorAll(".p44-chart").forEach(arm);
})();
