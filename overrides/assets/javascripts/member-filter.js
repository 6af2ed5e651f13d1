// Member directory filters: search box + country, type, programme and year joined.
// Reads the JSON index the build writes next to the page (members/index.json) and hides
// the list items that do not match; the full list stays in the HTML for readers without
// JavaScript. Values are only compared and shown with textContent, never as HTML.
(function () {
  "use strict";
  function normalise(text) {
    return (text || "").toLowerCase().normalize("NFKC").replace(/\s+/g, " ").trim();
  }
  function start(form) {
    fetch(form.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
      var entries = index.map(function (m) {
        return {
          item: document.getElementById("m-" + m.id),
          text: normalise([m.id, m.name, ...m.other_names, m.country_name].join(" ")),
          member: m,
        };
      }).filter(function (e) { return e.item; });
      var sections = Array.prototype.slice.call(document.querySelectorAll(".view-country"));
      var count = form.elements.count;
      function apply() {
        var q = normalise(form.elements.q.value);
        var country = form.elements.country.value, type = form.elements.type.value;
        var programme = form.elements.programme.value, joined = form.elements.joined.value;
        var shown = 0;
        entries.forEach(function (e) {
          var m = e.member;
          var ok = (!q || e.text.indexOf(q) !== -1) && (!country || m.country === country) &&
            (!type || m.type === type) && (!programme || m.programmes.indexOf(programme) !== -1) &&
            (!joined || m.joined === joined);
          e.item.hidden = !ok;
          if (ok) shown += 1;
        });
        sections.forEach(function (section) {
          var visible = section.querySelectorAll("li:not([hidden])").length;
          section.hidden = visible === 0;
          section.querySelector("h2 [data-count]").textContent = String(visible);
        });
        count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", entries.length);
      }
      form.addEventListener("input", apply);
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.hidden = false;
      apply();
    });
  }
  var form = document.getElementById("member-filter");
  if (form && window.fetch) start(form);
})();
