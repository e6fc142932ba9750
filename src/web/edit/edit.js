// wangluo serve --edit: the words selected in the reading view become character offsets in the
// editor's form. Every element of #text that directly holds a run of the text carries
// data-char, the offset (in Unicode scalar values) of its first character; the server makes the
// quote from the offsets. Picking a sentence from the list does the same without a mouse.
(function () {
  "use strict";
  var text = document.getElementById("text");
  var form = document.getElementById("edit-form");
  if (!text || !form) { return; }
  var start = form.elements.start, end = form.elements.end, sentence = form.elements.sentence;
  var shown = document.getElementById("selection-text");

  function length(s) { return Array.from(s).length; }

  function runOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var run = element && element.closest("[data-char]");
    return run && text.contains(run) ? run : null;
  }

  // The offset of a boundary point: inside a run, its data-char plus the characters before the
  // point; between runs, the start of the next run (a start) or the end of the previous (an end).
  function offset(node, at, isEnd) {
    var run = runOf(node);
    if (run) {
      var before = document.createRange();
      before.selectNodeContents(run);
      before.setEnd(node, at);
      return Number(run.dataset.char) + length(before.toString());
    }
    var point = document.createRange();
    point.setStart(node, at);
    var runs = text.querySelectorAll("[data-char]");
    var found = null;
    for (var i = 0; i < runs.length; i++) {
      if (!isEnd && point.comparePoint(runs[i], 0) >= 0) { found = Number(runs[i].dataset.char); break; }
      if (isEnd && point.comparePoint(runs[i], runs[i].childNodes.length) <= 0) {
        found = Number(runs[i].dataset.char) + length(runs[i].textContent);
      }
    }
    return found;
  }

  function show(words) {
    shown.textContent = words ? "Selected: “" + words + "”" : "Select words in the text, or pick a sentence.";
  }

  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) { return; }
    var from = offset(range.startContainer, range.startOffset, false);
    var to = offset(range.endContainer, range.endOffset, true);
    if (from === null || to === null || to <= from) { return; }
    start.value = from;
    end.value = to;
    sentence.value = "";
    show(range.toString().trim());
  });

  // Several subjects in one field: the suggestions are the ids after the ones already typed
  // (a datalist matches the whole value).
  var subjects = form.elements.subjects, ids = document.getElementById("subject-ids");
  if (subjects && ids) {
    var known = Array.from(ids.options).map(function (o) { return [o.value, o.textContent]; });
    subjects.addEventListener("input", function () {
      var cut = subjects.value.lastIndexOf(",");
      var head = cut < 0 ? "" : subjects.value.slice(0, cut + 1).trim() + " ";
      ids.replaceChildren.apply(ids, known.map(function (pair) {
        var option = document.createElement("option");
        option.value = head + pair[0];
        option.textContent = pair[1];
        return option;
      }));
    });
  }

  sentence.addEventListener("change", function () {
    var span = sentence.value.split(",");
    if (span.length !== 2) { return; }
    start.value = span[0];
    end.value = span[1];
    show(sentence.options[sentence.selectedIndex].text.replace(/^\d+\. /, ""));
  });
})();
