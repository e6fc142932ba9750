// wangluo serve: the reading view's filter (served from the binary, no network). Without it the
// panel of claims is plain links; with it, choosing a perspective, claimant or characterization
// keeps only the matching claims in the panel and highlighted in the text.
(function () {
  "use strict";
  var form = document.querySelector("form.filter");
  if (!form) {
    return;
  }
  var keys = ["perspective", "claimant", "characterization"];
  var marks = document.querySelectorAll("#text mark.quote[data-claim]");
  var items = document.querySelectorAll(".claim-list li[data-claim]");
  var count = form.querySelector(".filter-count");
  function matches(element) {
    return keys.every(function (key) {
      var wanted = form.elements[key].value;
      var values = (element.getAttribute("data-" + key) || "").split(" ");
      return !wanted || values.indexOf(wanted) >= 0;
    });
  }
  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var keep = matches(item);
      item.hidden = !keep;
      if (keep) {
        shown += 1;
      }
    });
    marks.forEach(function (mark) {
      mark.classList.toggle("dimmed", !matches(mark));
    });
    count.textContent = shown + " of " + items.length + " claims shown";
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
})();
