// whosaid HTML report: sortable index, and finding <-> sentence highlighting. No network.
(function () {
  "use strict";
  document.querySelectorAll("table.index").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.setAttribute("tabindex", "0");
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
          var nx = parseFloat(x), ny = parseFloat(y), c;
          if (!isNaN(nx) && !isNaN(ny)) { c = nx - ny; } else { c = String(x).localeCompare(String(y)); }
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
  document.querySelectorAll("ol.findings li[data-s]").forEach(function (li) {
    var s = document.getElementById(li.getAttribute("data-s"));
    if (!s) { return; }
    li.addEventListener("mouseenter", function () { s.classList.add("hl"); });
    li.addEventListener("mouseleave", function () { s.classList.remove("hl"); });
  });
})();
