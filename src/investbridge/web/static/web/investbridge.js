// Page behaviour without inline scripts: the Content-Security-Policy runs scripts from our own files only.
"use strict";

// <select data-autosubmit>: choosing an option submits its form (filters, merge target).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});
