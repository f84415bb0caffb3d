// Filters rows by code (prefix) or by text in the locales the page carries; hides empty tables.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-codes]"));
  var data = rows.map(function (row) {
    return {
      row: row,
      codes: row.getAttribute("data-codes").toLowerCase().split("\n"),
      texts: row.getAttribute("data-texts").toLowerCase()
    };
  });
  // The intro, notices and contents step aside while a query is typed.
  var browse = document.getElementById("browse");
  var blocks = Array.prototype.slice.call(document.querySelectorAll("main .block, main section"));
  function apply() {
    var q = input.value.trim().toLowerCase();
    var count = 0;
    data.forEach(function (d) {
      var hit = q === "" || d.texts.indexOf(q) >= 0 ||
        d.codes.some(function (c) { return c.indexOf(q) === 0; });
      d.row.hidden = !hit;
      if (hit) { count += 1; }
    });
    blocks.forEach(function (block) {
      var any = block.querySelector("tr[data-codes]:not([hidden])") !== null;
      block.hidden = q !== "" && !any;
    });
    browse.hidden = q !== "";
    shown.textContent = q === "" ? "" :
      (count === 0 ? shown.getAttribute("data-none") : shown.getAttribute("data-template").replace("{n}", String(count)));
  }
  input.addEventListener("input", apply);
  apply();
  // The locale switcher keeps the anchor: the same code on the other page.
  Array.prototype.forEach.call(document.querySelectorAll(".locales a"), function (a) {
    a.addEventListener("click", function () {
      a.setAttribute("href", a.getAttribute("href").split("#")[0] + location.hash);
    });
  });
})();
