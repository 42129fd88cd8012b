// Filters a long checkbox list: an <input type="search" data-filter-for="ID"> hides the items of the list
// with that id whose text does not contain what is typed. Checked items always stay visible.
(function () {
  "use strict";
  function setup(input) {
    var list = document.getElementById(input.getAttribute("data-filter-for"));
    if (!list) { return; }
    input.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      list.querySelectorAll("label").forEach(function (label) {
        var box = label.querySelector("input");
        var match = !query || label.textContent.toLowerCase().indexOf(query) !== -1 || (box && box.checked);
        var item = label.closest("div") || label;
        item.hidden = !match;
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter-for]").forEach(setup);
  });
})();
