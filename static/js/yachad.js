// Small behaviours shared by every page. No inline handlers: the CSP forbids them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // On a narrow screen the menu waits behind its button (the stylesheet hides it while the
    // button says it is collapsed); without script the button stays hidden and the menu open.
    document.querySelectorAll("[data-menu-toggle]").forEach(function (button) {
      var menu = document.getElementById(button.getAttribute("aria-controls"));
      if (!menu) {
        return;
      }
      function expand(open) {
        button.setAttribute("aria-expanded", String(open));
        menu.classList.toggle("is-collapsed", !open);
      }
      button.hidden = false;
      expand(false);
      button.addEventListener("click", function () {
        expand(button.getAttribute("aria-expanded") !== "true");
      });
      // Escape closes the open menu wherever the focus is: on the button or in the menu.
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
          expand(false);
          button.focus();
        }
      });
    });
    // A funder brief's print page: its Print button, hidden until script can press it.
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    // Buttons that change something irreversible ask first.
    document.querySelectorAll("[data-confirm]").forEach(function (button) {
      button.addEventListener("click", function (event) {
        if (!window.confirm(button.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  });
  // A form that did not save lists its problems above it, and the list takes the focus, so
  // that a screen reader reads what to correct first and its links lead to each field.
  // Otherwise, on the page of every indicator, the grid just saved (or the next one) is where
  // the partner goes on typing: its first number takes the focus. Once loaded: the browser's
  // own move to the page's #fragment comes first.
  window.addEventListener("load", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
      return;
    }
    var grid = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (grid && grid.hasAttribute("data-entry-grid")) {
      var first = grid.querySelector("input[type=number]");
      if (first) {
        first.focus();
      }
    }
  });
})();
