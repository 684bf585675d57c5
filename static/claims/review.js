// Review queue: keyboard shortcuts on a claim's review page, "tick all" on the queue. Plain JavaScript;
// every action is also a visible link or button, so the page works without this file.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) window.location.assign(link.href);
    return Boolean(link);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var handled = false;
    switch (event.key) {
      case "v": {
        var verify = document.querySelector("[data-verify-form]");
        if (verify) { verify.requestSubmit(); handled = true; }
        break;
      }
      case "r": {
        var reason = document.querySelector("[data-reject-reason]");
        if (reason) { reason.focus(); handled = true; }
        break;
      }
      case "e": handled = follow("[data-edit-link]"); break;
      case "j": case "n": case "ArrowRight": handled = follow("[data-next]"); break;
      case "k": case "p": case "ArrowLeft": handled = follow("[data-previous]"); break;
    }
    if (handled) event.preventDefault();
  });

  var all = document.querySelector("[data-tick-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll('[data-bulk-form] input[name="claim"]').forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
