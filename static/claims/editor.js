// Editor pages: text selection -> character offsets, and actor search. Plain JavaScript, no library.
// Every form works without this file; it only fills the same inputs faster.
(function () {
  "use strict";

  // Offsets on the server are Python string indexes (code points); JavaScript counts UTF-16 units.
  function codePoints(text) {
    return Array.from(text).length;
  }

  var article = document.querySelector("[data-article-text]");
  var tools = document.querySelector("[data-selection-tools]");
  var preview = document.querySelector("[data-selection-preview]");
  var current = null;

  function selectionOffsets() {
    var selection = window.getSelection();
    if (!article || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return null;
    var before = document.createRange();
    before.selectNodeContents(article);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(before.toString());
    var chosen = range.toString();
    return { start: start, end: start + codePoints(chosen), text: chosen };
  }

  function onSelection() {
    current = selectionOffsets();
    if (!tools) return;
    tools.hidden = !current;
    if (preview) preview.textContent = current ? "“" + current.text.slice(0, 80) + "” (" + current.start + "–" + current.end + ")" : "";
  }

  if (article && tools) {
    document.addEventListener("selectionchange", onSelection);
    tools.querySelectorAll("[data-use-selection]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!current) return;
        var role = button.getAttribute("data-use-selection");
        var start = document.getElementById("id_" + role + "_start");
        var end = document.getElementById("id_" + role + "_end");
        if (!start || !end) return;
        start.value = current.start;
        end.value = current.end;
        start.dispatchEvent(new Event("change", { bubbles: true }));
        end.closest(".span-row").classList.add("changed");
      });
    });
  }

  // Actor search: fills the input's datalist; choosing an entry stores the actor's id.
  document.querySelectorAll("[data-actor-autocomplete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var idInput = document.getElementById(input.getAttribute("data-id-input"));
    var url = input.getAttribute("data-lookup-url");
    var timer = null;
    var found = {};

    function remember() {
      var id = found[input.value];
      if (idInput) idInput.value = id === undefined ? "" : id;
    }

    function search() {
      var query = input.value.trim();
      if (query.length < 2) return;
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (actor) {
            found[actor.name] = actor.id;
            var option = document.createElement("option");
            option.value = actor.name;
            option.label = actor.name + " (" + actor.kind + ")";
            list.appendChild(option);
          });
          remember();
        })
        .catch(function () { /* the server resolves the typed name anyway */ });
    }

    input.addEventListener("input", function () {
      remember();
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("change", remember);
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
