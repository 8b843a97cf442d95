// Small behaviours shared by every page. No inline handlers: the CSP forbids them.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // The language switcher submits as soon as a language is chosen.
    document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () {
        select.form.submit();
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
})();
