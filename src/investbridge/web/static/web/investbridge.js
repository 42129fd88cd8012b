// Page behaviour without inline scripts: the Content-Security-Policy runs scripts from our own files only.
"use strict";

// <select data-autosubmit>: choosing an option submits its form (filters, merge target).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});

// The header's menus (<details class="navgroup">, <details class="phonenav">) work without this; it only makes
// them behave like menus: opening one closes the others, a click elsewhere or Escape closes them.
const closeMenus = (except) =>
  document.querySelectorAll("details.navgroup[open], details.phonenav[open]").forEach((menu) => {
    if (!except || !menu.contains(except)) menu.open = false;  // keep the one just opened and those around it
  });
document.addEventListener("toggle", (event) => {
  const menu = event.target;
  if (menu instanceof HTMLDetailsElement && menu.open && menu.matches(".navgroup, .phonenav")) {
    closeMenus(menu);
  }
}, true);
document.addEventListener("click", (event) => {
  if (!(event.target instanceof Element) || !event.target.closest("details.navgroup, details.phonenav")) {
    closeMenus(null);
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const menu = document.activeElement instanceof Element ? document.activeElement.closest("details[open]") : null;
  if (menu && menu.matches(".navgroup, .phonenav")) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
