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

  // Reply form: selecting words in the article text fills the correction's span
  // (offsets in code points, as the server counts them; the text element's text is
  // the article text exactly). Without this script the words are typed instead.
  function codePoints(text) { return Array.from(text).length; }

  function selectedSpan() {
    var root = document.getElementById("article-text");
    var selection = window.getSelection && window.getSelection();
    if (!root || !selection || !selection.rangeCount || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return null; }
    var before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = codePoints(before.toString());
    var text = range.toString();
    return { start: start, end: start + codePoints(text), text: text };
  }

  document.addEventListener("selectionchange", function () {
    var form = document.querySelector("form.reply-form");
    var span = form && selectedSpan();
    if (!span || !span.text.trim()) { return; }
    form.querySelector("#reply-start").value = span.start;
    form.querySelector("#reply-end").value = span.end;
    form.querySelector("#reply-words").value = span.text;
    var none = form.querySelector('input[name="correction"][value=""]');
    var words = form.querySelector('input[name="correction"][value="words"]');
    if (none && none.checked && words) { words.checked = true; }
    var status = document.getElementById("selection-status");
    if (status) { status.textContent = "Selected " + codePoints(span.text) + " characters of the article (" + span.start + "–" + span.end + ")."; }
  });

  // Typing the words by hand: the selection no longer says where they are.
  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "reply-words") {
      var start = document.getElementById("reply-start");
      var end = document.getElementById("reply-end");
      if (start && end) { start.value = ""; end.value = ""; }
    }
  });

  // A result of "Try it" comes back on the same page: bring it into view.
  document.addEventListener("DOMContentLoaded", function () {
    var result = document.getElementById("result-heading") || document.getElementById("try-error") ||
      document.getElementById("reply-error");
    if (result) {
      result.scrollIntoView({ block: "start" });
      if (result.id === "result-heading") { result.focus({ preventScroll: true }); }
    }
  });
})();
