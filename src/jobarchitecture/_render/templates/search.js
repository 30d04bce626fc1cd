// Client-side search over the index in search-index.js (window.JA_SEARCH).
// Loaded by a <script> tag, so it works from file://, where browsers refuse to fetch files.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  if (!box || !list || !window.JA_SEARCH) { return; }
  var root = box.getAttribute("data-root") || "";
  var none = box.getAttribute("data-none") || "";
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var docs = window.JA_SEARCH.map(function (d) {
    return { url: d.url, title: d.title, text: d.text, folded: fold(d.text + " " + d.title) };
  });
  function snippet(text, word) {
    var at = fold(text).indexOf(word);
    if (at < 0) { return text.slice(0, 140); }
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, at + word.length + 80) + "…";
  }
  function show() {
    var words = fold(box.value).split(/\s+/).filter(function (w) { return w.length > 1; });
    list.textContent = "";
    if (!words.length) { return; }
    var hits = docs.filter(function (d) {
      return words.every(function (w) { return d.folded.indexOf(w) >= 0; });
    }).slice(0, 30);
    if (!hits.length) {
      var li = document.createElement("li");
      li.textContent = none;
      list.appendChild(li);
      return;
    }
    hits.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + d.url;
      a.textContent = d.title;
      var small = document.createElement("small");
      small.textContent = snippet(d.text, words[0]);
      li.appendChild(a);
      li.appendChild(small);
      list.appendChild(li);
    });
  }
  box.addEventListener("input", show);
  box.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { box.value = ""; show(); }
  });
})();
