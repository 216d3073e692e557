/* Done boxes and progress of a guide, kept in this browser (localStorage). One key per guide,
   "goldcard:progress:<slug>", holding {"version": 1, "done": [ids]}: a step's stable id, or
   "checklist:<hash>" for a "before you start" item (goldcard/progress.py). The Chinese and English pages of a
   guide use the same key, so progress is shared between them; other guides' keys are never touched. Anything
   unreadable under the key counts as no progress, and is replaced at the next tick. */
(function () {
  "use strict";

  var guide = document.querySelector("[data-guide]");
  var box = document.querySelector("[data-progress-for]");
  if (!guide || !box) return;
  var key = "goldcard:progress:" + guide.getAttribute("data-guide");
  var inputs = Array.prototype.slice.call(guide.querySelectorAll("input[data-progress-item]"));
  var steps = Array.prototype.slice.call(guide.querySelectorAll("section[data-step-id]"));

  function read() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(key));
      if (stored && Array.isArray(stored.done)) {
        return stored.done.filter(function (id) { return typeof id === "string"; });
      }
    } catch (error) { /* not JSON, or storage refused: no progress */ }
    return [];
  }

  function write(done) {
    try {
      if (done.length) window.localStorage.setItem(key, JSON.stringify({ version: 1, done: done }));
      else window.localStorage.removeItem(key);
      return true;
    } catch (error) {
      return false; // storage full or refused: the ticks still work until the page is left
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  function stepDone(step) {
    var input = step.querySelector("input[data-progress-item]");
    return Boolean(input && input.checked);
  }

  function show() {
    var count = box.querySelector(".gc-progress-count");
    var done = steps.filter(stepDone).length;
    count.textContent = fill(count.getAttribute("data-template"), { done: done, total: steps.length });
    var next = steps.filter(function (step) { return !stepDone(step); })[0];
    var link = box.querySelector(".gc-progress-continue");
    box.querySelector(".gc-progress-all-done").hidden = Boolean(next);
    link.hidden = !next;
    if (next) {
      link.href = "#" + next.id;
      var label = next.querySelector(".gc-step-number").textContent;
      link.textContent = fill(link.getAttribute(done ? "data-template" : "data-start-template"), { step: label });
    }
  }

  function load() {
    var done = read();
    inputs.forEach(function (input) {
      input.checked = done.indexOf(input.getAttribute("data-progress-item")) >= 0;
    });
    show();
  }

  function record(input) {
    var id = input.getAttribute("data-progress-item");
    var done = read().filter(function (item) { return item !== id; }); // read again: another tab may have ticked
    if (input.checked) done.push(id);
    box.querySelector(".gc-progress-not-kept").hidden = write(done);
    show();
  }

  inputs.forEach(function (input) {
    input.addEventListener("change", function () { record(input); });
  });
  box.querySelector(".gc-progress-reset").addEventListener("click", function () {
    inputs.forEach(function (input) { input.checked = false; });
    box.querySelector(".gc-progress-not-kept").hidden = write([]);
    show();
  });
  // The same guide open in another tab (or in the other language) ticks here too.
  window.addEventListener("storage", function (event) {
    if (event.key === key || event.key === null) load();
  });
  box.hidden = false;
  load();
})();
