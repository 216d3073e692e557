/* One step at a time: a guide's steps shown one by one, for a reader going back and forth between the platform
   and the guide on a phone. The step is in the address, "?step=N#step-N" (a link or a reload keeps the place;
   without JavaScript the same address opens the whole guide at that step). The view only hides the other parts
   of the page (goldcard.css, "one step at a time"): the done boxes are the guide's own, so progress.js keeps
   them as ever. Steps replace each other in the history (the browser's Back leaves the guide, as from the whole
   page). An address whose step is not one of the guide's (0, 999, abc) opens the whole guide. */
(function () {
  "use strict";

  var guide = document.querySelector("[data-guide]");
  var head = document.querySelector(".gc-stepview-head");
  var bar = document.querySelector(".gc-stepview-bar");
  if (!guide || !head || !bar) return;
  var steps = Array.prototype.slice.call(guide.querySelectorAll("section[data-step]"));
  var root = document.documentElement;
  var position = head.querySelector(".gc-stepview-position");
  var back = bar.querySelector(".gc-stepview-back");
  var next = bar.querySelector(".gc-stepview-next");
  var current = 0; // the step shown alone, 1..N; 0 while the whole guide shows

  function stepFrom(text) {
    var n = /^[1-9][0-9]*$/.test(text || "") ? Number(text) : 0;
    return n <= steps.length ? n : 0;
  }

  function address(n) {
    var url = new URL(window.location.href);
    if (n) url.searchParams.set("step", String(n));
    else url.searchParams.delete("step");
    return url.pathname + url.search + (n ? "#step-" + n : url.hash);
  }

  // Move focus to the step's heading: a screen reader reads out the step now shown, and the arrow keys go on
  // working (a heading is not a text field).
  function announce(step) {
    var heading = step.querySelector("h3");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  function show(n) {
    steps.forEach(function (step, i) { step.classList.toggle("gc-stepview-current", i + 1 === n); });
    current = n;
    root.classList.add("gc-stepview-on");
    head.hidden = false;
    bar.hidden = false;
    position.textContent = position.getAttribute("data-template")
      .replace("{n}", String(n)).replace("{total}", String(steps.length));
    back.disabled = n === 1;
    next.disabled = n === steps.length;
    window.history.replaceState(window.history.state, "", address(n));
    window.scrollTo(0, 0);
    announce(steps[n - 1]);
  }

  function showWholeGuide() {
    var step = steps[current - 1];
    root.classList.remove("gc-stepview-on");
    head.hidden = true;
    bar.hidden = true;
    window.history.replaceState(window.history.state, "", address(0).split("#")[0] + "#" + step.id);
    current = 0;
    step.scrollIntoView();
    announce(step);
  }

  function move(by) {
    var n = current + by;
    if (current && n >= 1 && n <= steps.length) show(n);
  }

  function inTextField(element) {
    if (!element) return false;
    if (element.isContentEditable || /^(TEXTAREA|SELECT)$/.test(element.tagName)) return true;
    return element.tagName === "INPUT" && !/^(checkbox|button|submit|reset)$/.test(element.type);
  }

  back.addEventListener("click", function () { move(-1); });
  next.addEventListener("click", function () { move(1); });
  head.querySelector(".gc-stepview-whole").addEventListener("click", showWholeGuide);

  document.addEventListener("keydown", function (event) {
    if (!current || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (inTextField(event.target)) return;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      move(event.key === "ArrowRight" ? 1 : -1);
    }
  });

  // Ticking a step done moves on to the next (progress.js, loaded first, has recorded the tick by then).
  steps.forEach(function (step, i) {
    var box = step.querySelector("input[data-progress-item]");
    if (!box) return;
    box.addEventListener("change", function () {
      if (current === i + 1 && box.checked && current < steps.length) show(current + 1);
    });
  });

  // Opening: from the guide's button at the first step not done (where "Continue" points), from "Continue".
  var box = document.querySelector("[data-progress-for]");
  var continueLink = box && box.querySelector(".gc-progress-continue");
  function continueStep() {
    return continueLink ? stepFrom((continueLink.getAttribute("href") || "").replace(/^#step-/, "")) || 1 : 1;
  }
  if (continueLink) {
    continueLink.addEventListener("click", function (event) {
      event.preventDefault();
      show(continueStep());
    });
  }
  var open = box && box.querySelector(".gc-stepview-open");
  if (open) open.addEventListener("click", function () { show(continueStep()); });

  // A link to a step while the view is open (the table of contents beside it on a wide screen) shows that step.
  window.addEventListener("hashchange", function () {
    var match = /^#step-([0-9]+)(-title)?$/.exec(window.location.hash);
    if (current && match && stepFrom(match[1])) show(stepFrom(match[1]));
  });

  var asked = new URLSearchParams(window.location.search).get("step");
  if (asked !== null) {
    var n = stepFrom(asked);
    if (n) show(n);
    else window.history.replaceState(window.history.state, "", address(0));
  }
})();
