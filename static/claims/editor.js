// Editor pages: text selection -> character offsets, and actor search. Plain JavaScript, no library.
// Every form works without this file; it only fills the same inputs faster.
(function () {
  "use strict";

  // Offsets on the server are Python string indexes (code points); JavaScript counts UTF-16 units,
  // so the article text is handled as an array of code points.
  function codePoints(text) {
    return Array.from(text).length;
  }

  var article = document.querySelector("[data-article-text]");
  var tools = document.querySelector("[data-selection-tools]");
  var preview = document.querySelector("[data-selection-preview]");
  var chars = article ? Array.from(article.textContent) : [];
  var current = null;
  var ROLES = ["speaker", "cue", "content"];
  var WORD = /[\p{L}\p{N}_'’\-]/u;

  function isWord(index) {
    return index >= 0 && index < chars.length && WORD.test(chars[index]);
  }

  // A selection that starts or ends inside a word takes the whole word (a drag rarely lands exactly on
  // a word's edge, least of all with a finger); white space at the edges is dropped.
  function snapped(start, end) {
    while (start < end && /\s/.test(chars[start])) start++;
    while (end > start && /\s/.test(chars[end - 1])) end--;
    if (start === end) return null;
    while (isWord(start - 1) && isWord(start)) start--;
    while (isWord(end) && isWord(end - 1)) end++;
    return { start: start, end: end, text: chars.slice(start, end).join("") };
  }

  function selectionOffsets() {
    var selection = window.getSelection();
    if (!article || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return null;
    var before = document.createRange();
    before.selectNodeContents(article);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(before.toString());
    return snapped(start, start + codePoints(range.toString()));
  }

  function shorten(text) {
    return text.length > 80 ? text.slice(0, 77) + "…" : text;
  }

  // The bar keeps its place and size whatever is selected: only the buttons' state and the one-line
  // preview change, so the text under a drag never moves.
  function onSelection() {
    var found = selectionOffsets();
    if (!found) return; // a click on a button or elsewhere keeps the last selection usable
    current = found;
    tools.querySelectorAll("[data-use-selection]").forEach(function (button) { button.disabled = false; });
    preview.textContent = "“" + shorten(current.text) + "” (" + current.start + "–" + current.end + ")";
  }

  function spanInputs(role) {
    return [document.getElementById("id_" + role + "_start"), document.getElementById("id_" + role + "_end")];
  }

  function spanOf(role) {
    var inputs = spanInputs(role);
    if (!inputs[0] || !inputs[1] || inputs[0].value === "" || inputs[1].value === "") return null;
    var start = parseInt(inputs[0].value, 10), end = parseInt(inputs[1].value, 10);
    if (isNaN(start) || isNaN(end) || start < 0 || end > chars.length || start >= end) return null;
    return { start: start, end: end };
  }

  // The article's marks follow the offsets in the form, so what will be saved is what is shown.
  function redrawMarks() {
    var spans = {};
    ROLES.forEach(function (role) { spans[role] = spanOf(role); });
    var cuts = [0, chars.length];
    ROLES.forEach(function (role) { if (spans[role]) cuts.push(spans[role].start, spans[role].end); });
    cuts = cuts.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var text = chars.slice(cuts[i], cuts[i + 1]).join("");
      var roles = ROLES.filter(function (role) {
        var span = spans[role];
        return span && span.start <= cuts[i] && cuts[i + 1] <= span.end;
      });
      if (!roles.length) { fragment.appendChild(document.createTextNode(text)); continue; }
      var mark = document.createElement("mark");
      mark.className = roles.map(function (role) { return "ed-" + role; }).join(" ");
      mark.textContent = text;
      fragment.appendChild(mark);
    }
    article.textContent = "";
    article.appendChild(fragment);
  }

  function showWords(role) {
    var output = document.querySelector('[data-span-words="' + role + '"]');
    if (!output) return;
    var span = spanOf(role);
    output.textContent = span ? chars.slice(span.start, span.end).join("") : "";
  }

  function setSpan(role, start, end) {
    var inputs = spanInputs(role);
    if (!inputs[0] || !inputs[1]) return;
    inputs[0].value = start;
    inputs[1].value = end;
    inputs[1].closest(".span-row").classList.add("changed");
    showWords(role);
    redrawMarks();
  }

  // Word by word: where the previous or next word starts (for a span's start) or ends (for its end).
  function wordEdge(from, step, edge) {
    var at = from + step;
    while (at > 0 && at < chars.length) {
      var isEdge = edge === "start" ? isWord(at) && !isWord(at - 1) : isWord(at - 1) && !isWord(at);
      if (isEdge) return at;
      at += step;
    }
    return Math.max(0, Math.min(chars.length, at));
  }

  function nudge(role, edge, step) {
    var span = spanOf(role);
    if (!span) return;
    var start = span.start, end = span.end;
    if (edge === "start") start = Math.min(wordEdge(start, step, "start"), end - 1);
    else end = Math.max(wordEdge(end, step, "end"), start + 1);
    setSpan(role, Math.max(0, start), Math.min(chars.length, end));
  }

  // Buttons that move a span's edges a word at a time: span correction by keyboard and by touch,
  // without typing offsets. Made here because they need this script.
  function addNudgeButtons(row, role) {
    var label = row.querySelector(".span-label").textContent.trim().toLowerCase();
    var group = document.createElement("span");
    group.className = "nudge";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Move the " + label + " a word at a time");
    [["start", -1, "◂ start", "Start the " + label + " one word earlier"],
     ["start", 1, "start ▸", "Start the " + label + " one word later"],
     ["end", -1, "◂ end", "End the " + label + " one word earlier"],
     ["end", 1, "end ▸", "End the " + label + " one word later"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[2];
      button.setAttribute("aria-label", spec[3]);
      button.setAttribute("data-nudge", role + "-" + spec[0] + (spec[1] < 0 ? "-back" : "-forward"));
      button.addEventListener("click", function () { nudge(role, spec[0], spec[1]); });
      group.appendChild(button);
    });
    row.querySelector(".span-words").before(group);
  }

  if (article && tools) {
    document.addEventListener("selectionchange", onSelection);
    // Pressing a button must not clear the selection it is about to use.
    tools.addEventListener("mousedown", function (event) { if (event.target.closest("button")) event.preventDefault(); });
    tools.querySelectorAll("[data-use-selection]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!current) return;
        setSpan(button.getAttribute("data-use-selection"), current.start, current.end);
        preview.textContent = "Set the " + button.textContent + " to “" + shorten(current.text) + "”.";
      });
    });
    ROLES.forEach(function (role) {
      var row = document.querySelector('[data-span-row="' + role + '"]');
      if (!row) return;
      addNudgeButtons(row, role);
      spanInputs(role).forEach(function (input) {
        if (!input) return;
        input.addEventListener("input", function () { showWords(role); redrawMarks(); });
      });
    });
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
