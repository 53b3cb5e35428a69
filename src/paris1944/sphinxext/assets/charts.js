/* Paris 1944: charts that turn interactive when a reader asks.
 * Each chart ships as a static drawing (phone or desktop width, light or dark) plus its plotly spec.
 * The basic plotly.js bundle (about 395 kB compressed) comes from this site, never a CDN. It is
 * fetched and run, at idle, once the reader scrolls or touches the page (on the way to a chart), so
 * that a tap then only draws. The interactive chart replaces the drawing, never both. */
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var loading = null;
  var root = document.documentElement;

  function dark() { return root.dataset.theme === "dark"; }

  function library() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + "plotly-basic.min.js";
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = function () { loading = null; reject(new Error("plotly.js failed to load")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  // Deep merge of the dark colours (only colour keys are stored) into a copy of the spec.
  function merged(target, patch) {
    if (Array.isArray(patch)) {
      return (target || []).map(function (t, i) { return i < patch.length ? merged(t, patch[i]) : t; });
    }
    if (patch && typeof patch === "object") {
      var out = Object.assign({}, target);
      Object.keys(patch).forEach(function (k) { out[k] = merged(target ? target[k] : undefined, patch[k]); });
      return out;
    }
    return patch;
  }

  function spec(chart) {
    var s = chart._p44spec || (chart._p44spec = JSON.parse(chart.querySelector(".p44-chart-spec").textContent));
    if (!dark()) return s;
    var d = s.layout.meta.paris1944.dark;
    return { data: merged(s.data, d.data), layout: merged(s.layout, d.layout) };
  }

  function themeImages() {
    document.querySelectorAll(".p44-chart-static [data-light]").forEach(function (el) {
      var want = el.getAttribute(dark() ? "data-dark" : "data-light");
      var attr = el.tagName === "SOURCE" ? "srcset" : "src";
      if (el.getAttribute(attr) !== want) el.setAttribute(attr, want);
    });
  }

  function draw(chart) {
    if (chart.dataset.state === "drawn") return Promise.resolve();
    if (chart._p44) return chart._p44;
    chart.dataset.state = "loading";
    chart._p44 = library().then(function (Plotly) {
      var target = chart.querySelector(".p44-chart-plot");
      var s = spec(chart);
      target.hidden = false;
      // No zoom, pan or toolbar (the axes are fixed): a swipe on the chart scrolls the page; a tap shows a value.
      return Plotly.newPlot(target, s.data, s.layout, { responsive: true, displayModeBar: false, scrollZoom: false, doubleClick: false });
    }).then(function () {
      chart.dataset.state = "drawn";
      var button = chart.querySelector(".p44-chart-open");
      if (button) button.setAttribute("aria-pressed", "true");
    }, function (err) {
      chart.dataset.state = "";
      chart._p44 = null;
      console.warn(err);
    });
    return chart._p44;
  }

  function redraw() {
    themeImages();
    if (!window.Plotly) return;
    document.querySelectorAll('.p44-chart[data-state="drawn"]').forEach(function (chart) {
      var s = spec(chart);
      window.Plotly.react(chart.querySelector(".p44-chart-plot"), s.data, s.layout);
    });
  }

  var charts = Array.prototype.slice.call(document.querySelectorAll(".p44-chart"));
  charts.forEach(function (chart) {
    var go = function () { draw(chart); };
    chart.querySelector(".p44-chart-open").addEventListener("click", go);
    chart.querySelector(".p44-chart-static").addEventListener("click", go);
    chart.addEventListener("pointerenter", function () { library().catch(function () {}); }, { passive: true, once: true });
  });
  themeImages();
  new MutationObserver(redraw).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  if (charts.length) {
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 200); };
    // A reader who scrolls is on the way to a chart: fetch and run the library then, at idle, so that a tap
    // only draws. A reader who only reads the top of the page never pays for it.
    var ready = function () { idle(function () { library().catch(function () {}); }); };
    window.addEventListener("scroll", ready, { once: true, passive: true });
    window.addEventListener("touchstart", ready, { once: true, passive: true });
  }
  window.paris1944Charts = { draw: draw, library: library, drawAll: function () { return Promise.all(charts.map(draw)); } };
})();
