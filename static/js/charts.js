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
    // No toolbar: its buttons would be focusable inside the role="img" drawing, and the
    // table and CSV download beside every chart do what it did.
    var config = { responsive: true, displayModeBar: false };
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
