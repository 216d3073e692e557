/* The processing timeline form (<form data-timeline>, rendered by goldcard/deadlines.py): from the kind of
   applicant and the date of submission, the stages that apply, drawn as bars on one time axis, with the day
   each may end and the range for the whole review. ?timeline=2027-01-05&applicant=abroad reproduces it. */
(function () {
  "use strict";

  var goldcard = window.goldcard || {};
  var api = goldcard.deadlines, fields = goldcard.fields, dates = goldcard.dates;
  if (!api || !fields) return;
  var words = api.config.words, config = api.config.timeline;
  var element = fields.element;

  function stageOf(id) {
    return config.stages.filter(function (stage) { return stage.id === id; })[0];
  }

  function range(template, earliest, latest) {
    return fields.fill(template, { earliest: dates.long(earliest, words), latest: dates.long(latest, words) });
  }

  /* Bars on a shared axis from the submission date to the latest end, in percent of that span. */
  function chart(submitted, plan) {
    var span = Math.max(1, dates.daysBetween(submitted, plan.latest));
    var list = element("ol", "gc-timeline-chart");
    plan.stages.forEach(function (stage) {
      var item = element("li", "gc-timeline-item");
      item.setAttribute("data-stage", stage.id);
      var track = element("span", "gc-timeline-track");
      var bar = element("span", "gc-timeline-bar");
      var left = dates.daysBetween(submitted, stage.start.earliest) / span;
      var width = Math.max(dates.daysBetween(stage.start.earliest, stage.end.latest) / span, 0.01);
      bar.style.marginLeft = (left * 100).toFixed(2) + "%";
      bar.style.width = (width * 100).toFixed(2) + "%";
      track.appendChild(bar);
      item.append(element("span", "gc-timeline-name", stageOf(stage.id).label), track,
        element("span", "gc-timeline-dates", range(words.timeline_stage_done, stage.end.earliest, stage.end.latest)));
      list.appendChild(item);
    });
    return list;
  }

  function setUp(form) {
    var select = form.querySelector("select");
    var applicant = fields.queryValue("applicant");
    if (applicant && select.querySelector('option[value="' + CSS.escape(applicant) + '"]')) select.value = applicant;
    fields.connect(form, config.input.noun, "timeline", function (submitted, result, byReader) {
      var plan = api.timeline(select.value, submitted);
      var url = fields.share(form, { timeline: submitted, applicant: select.value }, byReader);
      result.appendChild(fields.factsTable([
        [config.applicant_label, document.createTextNode(select.options[select.selectedIndex].text)],
        [config.input.label, fields.dateNode(submitted)]
      ]));
      var figure = element("figure", "gc-timeline-result");
      figure.setAttribute("data-applicant", select.value);
      figure.appendChild(chart(submitted, plan));
      figure.appendChild(element("figcaption", "gc-timeline-completion",
        range(words.timeline_completion, plan.earliest, plan.latest)));
      result.appendChild(figure);
      var line = element("p", "gc-result-actions gc-interactive");
      line.appendChild(fields.shareLink(url));
      result.appendChild(line);
    });
  }

  document.querySelectorAll("form[data-timeline]").forEach(setUp);
})();
