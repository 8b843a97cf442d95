// Draws every Plotly figure on the page. Figures are built in Python and arrive as JSON in a
// <script type="application/json"> element (Django's json_script), so pages carry no inline
// script and the Content Security Policy can stay at script-src 'self'.
(function () {
  "use strict";

  function draw(element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source || element.dataset.rendered === "true") {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var config = element.dataset.static === "true"
      ? { staticPlot: true }
      : { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.dataset.rendered = "true";
    });
  }

  function drawAll(root) {
    root.querySelectorAll("[data-figure]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll(document);
  });
  // Figures that arrive in an htmx partial are drawn when it is swapped in.
  document.addEventListener("htmx:afterSwap", function (event) {
    drawAll(event.target);
  });
})();
