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
})();
