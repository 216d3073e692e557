/* The deadline calculator forms (<form data-calculator="extension">, rendered by goldcard/deadlines.py):
   read the date, show every date the rules give, where today stands in Taiwan, warnings, a calendar file and
   a link that reproduces the calculation (?extension=2027-04-29). */
(function () {
  "use strict";

  var goldcard = window.goldcard || {};
  var api = goldcard.deadlines, fields = goldcard.fields, calendar = goldcard.calendar, dates = goldcard.dates;
  if (!api || !fields || !calendar) return;
  var words = api.config.words;
  var element = fields.element;

  function calculatorOf(id) {
    return api.config.calculators.filter(function (calculator) { return calculator.id === id; })[0];
  }

  /* A message with {date-id} and {days_left} filled in; dates as long dates. */
  function message(template, values, daysLeft) {
    var filled = {};
    Object.keys(values).forEach(function (key) { filled[key] = dates.long(values[key], words); });
    if (daysLeft !== null) filled.days_left = String(daysLeft);
    return fields.fill(template, filled);
  }

  /* The date entered, then each date the rules give. */
  function datesTable(calculator, input, values) {
    return fields.factsTable([[calculator.input.label, fields.dateNode(input)]].concat(
      calculator.dates.map(function (rule) { return [rule.label, fields.dateNode(values[rule.id])]; })));
  }

  function standingNodes(calculator, input) {
    var today = api.today();
    var standing = api.standing(calculator.id, input, today);
    var status = calculator.statuses.filter(function (s) { return s.id === standing.status; })[0];
    var todayLine = element("p", "gc-today");
    todayLine.textContent = fields.fill(words.today_in_taiwan, { date: dates.long(today, words) });
    var box = element("div", "gc-status-box gc-status--" + status.kind);
    box.setAttribute("data-status", status.id);
    box.append(element("strong", "gc-status-label", status.label), " ",
      element("span", "", message(status.message, standing.dates, standing.daysLeft)));
    var nodes = [todayLine, box];
    standing.warnings.forEach(function (applies) {
      var warning = (calculator.warnings || []).filter(function (w) { return w.id === applies.id; })[0];
      var note = element("div", "gc-status-box gc-status--warning gc-warning");
      note.setAttribute("data-warning", warning.id);
      note.append(element("strong", "", warning.title), " ",
        element("span", "", fields.fill(words.rule_from, { date: dates.long(applies.from, words) }) + warning.text));
      nodes.push(note);
    });
    return nodes;
  }

  function calendarEvents(calculator, input, values, url) {
    var description = fields.fill(words.calendar_description, {
      field: calculator.input.noun, date: dates.long(input, words)
    }) + "\n" + url;
    return calculator.dates.filter(function (rule) { return rule.calendar; }).map(function (rule) {
      return {
        uid: calculator.id + "-" + rule.id + "-" + input + "@goldcard-guides",
        date: values[rule.id],
        summary: rule.calendar.summary,
        description: description,
        url: url,
        reminderDays: rule.calendar.reminder_days
      };
    });
  }

  function actions(calculator, input, values, url) {
    var line = element("p", "gc-result-actions gc-interactive");
    var events = calendarEvents(calculator, input, values, url);
    if (events.length) {
      var button = element("button", "md-button gc-ics", words.add_to_calendar);
      button.type = "button";
      button.addEventListener("click", function () {
        calendar.download("gold-card-" + calculator.id + "-" + input + ".ics", calendar.ics(events));
      });
      line.append(button, " ");
    }
    line.appendChild(fields.shareLink(url));
    return line;
  }

  function setUp(form) {
    var calculator = calculatorOf(form.getAttribute("data-calculator"));
    fields.connect(form, calculator.input.noun, calculator.id, function (input, result, byReader) {
      var values = api[calculator.id](input);
      var query = {};
      query[calculator.id] = input;
      var url = fields.share(form, query, byReader);
      result.appendChild(datesTable(calculator, input, values));
      if (calculator.statuses && calculator.statuses.length) {
        standingNodes(calculator, input).forEach(function (node) { result.appendChild(node); });
      }
      result.appendChild(actions(calculator, input, values, url));
    });
  }

  document.querySelectorAll("form[data-calculator]").forEach(setUp);
})();
