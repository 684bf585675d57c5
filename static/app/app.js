// Claims Tracker: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Tooltips over highlighted claims: the text comes from the element named by aria-describedby,
  // so screen readers and sighted users get the same words.
  var tip = null;
  var current = null;

  function claimOf(node) {
    return node && node.closest ? node.closest("[data-claim]") : null;
  }

  function describe(mark) {
    var id = mark.getAttribute("data-claim");
    var first = document.getElementById("claim-mark-" + id);
    var source = first && document.getElementById(first.getAttribute("aria-describedby"));
    return source ? source.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function setActive(id, on) {
    document.querySelectorAll('[data-claim="' + id + '"]').forEach(function (el) {
      el.classList.toggle("is-active", on);
    });
  }

  function show(mark) {
    var text = describe(mark);
    if (!text) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "tooltip";
      tip.setAttribute("aria-hidden", "true"); // the mark's aria-describedby already says it
      document.body.appendChild(tip);
    }
    if (current) setActive(current.getAttribute("data-claim"), false);
    current = mark;
    setActive(mark.getAttribute("data-claim"), true);
    tip.textContent = text;
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = window.scrollY + box.bottom + 6 + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (current) setActive(current.getAttribute("data-claim"), false);
    current = null;
  }

  // The claim filters fold away on a phone; on a wider screen they are always open.
  var filters = document.querySelector("details.more-filters");
  if (filters && window.matchMedia("(min-width: 901px)").matches) filters.open = true;

  var text = document.querySelector(".article-text");
  if (text) {
    text.addEventListener("mouseover", function (event) {
      var mark = claimOf(event.target);
      if (mark && mark !== current) show(mark);
    });
    text.addEventListener("mouseleave", hide);
    text.addEventListener("focusin", function (event) {
      var mark = claimOf(event.target);
      if (mark) show(mark);
    });
    text.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hide();
    });
  }

  // Name fields with suggestions (the claim list's speaker and story, the editors' actor fields):
  // typing fills the datalist from the server; choosing a suggestion stores its id, which tells
  // apart two of the same name. Without this script the server resolves the typed name alone.
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var idInput = document.getElementById(input.getAttribute("data-id-input"));
    var url = input.getAttribute("data-suggest");
    var found = {};
    var timer = null;
    if (idInput && idInput.value) found[input.value] = idInput.value;

    function remember() {
      var id = found[input.value];
      idInput.value = id === undefined ? "" : id;
    }

    function suggest() {
      var query = input.value.trim();
      if (query.length < 2) return;
      fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (item) {
            if (found[item.name] === undefined) found[item.name] = String(item.id);
            var option = document.createElement("option");
            option.value = item.name;
            if (item.kind) option.label = item.name + " (" + item.kind + ")";
            list.appendChild(option);
          });
          remember();
          input.setAttribute("data-suggested", query);
        })
        .catch(function () { /* the server resolves the typed name anyway */ });
    }

    input.addEventListener("input", function () {
      remember();
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });
    input.addEventListener("change", remember);
  });
})();
