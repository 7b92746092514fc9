// saidwhat: small enhancements; every page works without this script.
// Attribution links already work as plain links (?mark=<id>#attr-<id> re-renders
// the article with the attribution marked); here they mark in place instead.
(function () {
  "use strict";

  function marksOf(index) {
    var prefix = index + ":";
    return Array.prototype.filter.call(document.querySelectorAll("mark.hl"), function (el) {
      return (el.getAttribute("data-marks") || "").split(" ").some(function (t) {
        return t.indexOf(prefix) === 0;
      });
    });
  }

  function markAttribution(index, key, scroll) {
    document.querySelectorAll(".marked").forEach(function (el) { el.classList.remove("marked"); });
    marksOf(index).forEach(function (el) { el.classList.add("marked"); });
    var item = document.getElementById("item-" + key);
    if (item) { item.classList.add("marked"); }
    var anchor = document.getElementById("attr-" + key);
    if (anchor && scroll) {
      anchor.scrollIntoView({ block: "center" });
      anchor.focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.jump");
    if (link) {
      event.preventDefault();
      var key = link.getAttribute("data-key");
      markAttribution(link.getAttribute("data-index"), key, true);
      var url = new URL(link.href, window.location.href);
      if (url.pathname === window.location.pathname) {
        history.replaceState(null, "", url.search + url.hash);
      } else {
        history.replaceState(null, "", "#attr-" + key);
      }
      return;
    }
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark) {
      var first = (mark.getAttribute("data-marks") || "").split(" ")[0].split(":")[0];
      var jump = document.querySelector('a.jump[data-index="' + first + '"]');
      if (jump) {
        markAttribution(first, jump.getAttribute("data-key"), false);
        var item = document.getElementById("item-" + jump.getAttribute("data-key"));
        if (item) { item.scrollIntoView({ block: "nearest" }); }
      }
    }
  });

  // A result of "Try it" comes back on the same page: bring it into view.
  document.addEventListener("DOMContentLoaded", function () {
    var result = document.getElementById("result-heading") || document.getElementById("try-error");
    if (result) {
      result.scrollIntoView({ block: "start" });
      if (result.id === "result-heading") { result.focus({ preventScroll: true }); }
    }
  });
})();
