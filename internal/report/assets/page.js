(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding-row"));
  var filter = document.getElementById("filter");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.sev-toggle"));
  var status = document.getElementById("finding-status");

  function apply() {
    var text = filter ? filter.value.toLowerCase() : "";
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var shown = 0;
    rows.forEach(function (r) {
      var visible = on[r.getAttribute("data-severity")] !== false &&
        (text === "" || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.classList.toggle("hidden", !visible);
      if (visible) { shown++; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("details.query"), function (d) {
      var all = d.querySelectorAll("tr.finding-row").length;
      var hidden = d.querySelectorAll("tr.finding-row.hidden").length;
      d.hidden = all > 0 && all === hidden;
    });
    if (status) {
      // Worded so that a page with nothing shown never reads as an all-clear.
      status.textContent = "Findings shown: " + shown + " of " + rows.length +
        (document.body.hasAttribute("data-incomplete") ? " (incomplete: not everything was checked)" : "");
      status.setAttribute("data-shown", String(shown));
    }
  }
  if (filter) { filter.addEventListener("input", apply); }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });

  Array.prototype.forEach.call(document.querySelectorAll(".legend button[data-vendor]"), function (btn) {
    btn.addEventListener("click", function () {
      var vendor = btn.getAttribute("data-vendor");
      var off = btn.classList.toggle("off");
      btn.setAttribute("aria-pressed", off ? "false" : "true");
      Array.prototype.forEach.call(document.querySelectorAll("rect.seg"), function (r) {
        if (r.getAttribute("data-vendor") === vendor) { r.classList.toggle("off", off); }
      });
    });
  });

  apply();
  var chart = document.getElementById("timeline");
  if (chart) {
    chart.setAttribute("data-rendered", "true");
    chart.setAttribute("data-bars", String(chart.querySelectorAll("rect.seg").length));
  }
  document.body.setAttribute("data-rendered", "true");
})();
