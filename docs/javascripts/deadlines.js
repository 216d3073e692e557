/* The deadline rules: window.goldcard.deadlines, the one implementation of the date rules. The rules
   themselves are data (data/deadlines.yaml), which the page embeds as JSON in <script id="gc-deadline-rules">.

   Contract (design.md): extension(expiry) -> {opens, locks, lastDay}; status(expiry, today) -> "not-open" |
   "open" | "locked" | "expired"; supplement(notice) -> {due, latest}; pickup(entry) -> {due};
   address(moveIn) -> {due}. ISO dates in and out; an impossible date throws RangeError. */
(function () {
  "use strict";

  var element = document.getElementById("gc-deadline-rules");
  var dates = window.goldcard && window.goldcard.dates;
  if (!element || !dates) return; // a page without calculators

  var config = JSON.parse(element.textContent);
  var calculators = {};
  config.calculators.forEach(function (calculator) { calculators[calculator.id] = calculator; });

  /* Every date of a calculator, and its input, by id. */
  function known(id, input) {
    var calculator = calculators[id];
    var values = {};
    values[calculator.input.id] = dates.parse(input);
    calculator.dates.forEach(function (rule) {
      values[rule.id] = dates.shift(values[rule.from], rule.months, rule.days);
    });
    return values;
  }

  function compute(id, input) {
    var values = known(id, input);
    var result = {};
    calculators[id].dates.forEach(function (rule) { result[rule.id] = values[rule.id]; });
    return result;
  }

  /* Where `today` stands: the last status whose start is on or before today. A status holds until the day
     before the next one starts; daysLeft counts the days it still holds, today included. Warnings that apply
     today come with the day they apply from. */
  function standing(id, input, today) {
    var calculator = calculators[id];
    var values = known(id, input);
    dates.parse(today);
    var starts = calculator.statuses.map(function (status) {
      return status.from ? dates.shift(values[status.from], 0, status.days) : null;
    });
    var index = 0;
    starts.forEach(function (start, i) { if (start !== null && start <= today) index = i; });
    var status = calculator.statuses[index];
    var next = starts[index + 1];
    var warnings = [];
    (calculator.warnings || []).forEach(function (warning) {
      var from = dates.shift(values[warning.from], warning.months, warning.days);
      if (warning.during.indexOf(status.id) >= 0 && from <= today) warnings.push({ id: warning.id, from: from });
    });
    return {
      status: status.id,
      daysLeft: next ? dates.daysBetween(today, next) : null,
      warnings: warnings,
      dates: values
    };
  }

  /* The stages that apply to one kind of applicant, each with the earliest and latest day it may end, and the
     range for the whole review, from the day of submission. */
  function timeline(applicant, submitted) {
    dates.parse(submitted);
    var listed = config.timeline.applicants.some(function (a) { return a.id === applicant; });
    if (!listed) throw new RangeError("unknown applicant type: " + JSON.stringify(applicant));
    var earliest = submitted, latest = submitted, stages = [];
    config.timeline.stages.forEach(function (stage) {
      var duration = stage.durations.filter(function (d) { return d.applicants.indexOf(applicant) >= 0; })[0];
      if (!duration) return;
      var start = { earliest: earliest, latest: latest };
      earliest = dates.shift(earliest, duration.min.months, duration.min.weeks * 7 + duration.min.days);
      latest = dates.shift(latest, duration.max.months, duration.max.weeks * 7 + duration.max.days);
      stages.push({ id: stage.id, start: start, end: { earliest: earliest, latest: latest } });
    });
    return { stages: stages, earliest: earliest, latest: latest };
  }

  var api = {
    status: function (expiry, today) { return standing("extension", expiry, today).status; },
    standing: standing,
    timeline: timeline,
    today: function () { return dates.today(config.utcOffsetMinutes); },
    config: config
  };
  // extension, supplement, pickup, address: one function per calculator in the data.
  Object.keys(calculators).forEach(function (id) {
    api[id] = function (input) { return compute(id, input); };
  });

  window.goldcard.deadlines = api;
})();
