// The newsletter forms' checkbox groups (templates/newsletters/choice_group.html): the summary of each fold
// says how many boxes are ticked, also after ticking one. Without JavaScript the number is the page's own.
document.querySelectorAll("details.choice-group").forEach(function (group) {
  var count = group.querySelector(".choice-count");
  group.addEventListener("change", function () {
    var n = group.querySelectorAll("input[type=checkbox]:checked").length;
    count.textContent = "(" + (n ? n + " " + count.dataset.some : count.dataset.none) + ")";
  });
});
