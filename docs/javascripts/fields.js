/* What the calculator forms share: reading a date a reader typed, showing an error next to its field, showing
   a date, and the address that reproduces a calculation. window.goldcard.fields. Every word comes from the
   page's embedded data (data/ui.yaml), none from here. */
(function () {
  "use strict";

  var goldcard = window.goldcard || {};
  var dates = goldcard.dates, api = goldcard.deadlines;
  if (!dates || !api) return;
  var words = api.config.words;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  /* Year, month, day with -, / or . between them, or 2027年4月29日; full-width digits (from a Chinese input
     method) count as digits. */
  var TYPED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

  function two(n) { return n.length < 2 ? "0" + n : n; }

  /* {iso} for a real date, or {error} with the message to show. */
  function readDate(input, noun) {
    var value = input.value.normalize("NFKC").trim();
    if (!value) return { error: fill(words.date_error_empty, { field: noun }) };
    var match = TYPED.exec(value);
    if (!match) return { error: words.date_error_format };
    var range = api.config.yearRange;
    if (+match[1] < range[0] || +match[1] > range[1]) {
      return { error: fill(words.date_error_range, { min: range[0], max: range[1] }) };
    }
    var iso = match[1] + "-" + two(match[2]) + "-" + two(match[3]);
    try {
      dates.parse(iso);
    } catch (error) {
      if (error instanceof RangeError) return { error: fill(words.date_error_impossible, { value: value }) };
      throw error;
    }
    return { iso: iso };
  }

  function errorOf(input) {
    return document.getElementById(input.id + "-error");
  }

  function showError(input, message) {
    var element = errorOf(input);
    element.textContent = message;
    element.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function clearError(input) {
    var element = errorOf(input);
    element.textContent = "";
    element.hidden = true;
    input.removeAttribute("aria-invalid");
  }

  /* <time datetime="2027-04-29">2027年4月29日（四）</time> 2027-04-29 */
  function dateNode(iso) {
    var wrapper = document.createElement("span");
    wrapper.className = "gc-date";
    var time = document.createElement("time");
    time.dateTime = iso;
    time.textContent = dates.long(iso, words);
    var plain = document.createElement("span");
    plain.className = "gc-iso";
    plain.textContent = iso;
    wrapper.append(time, " ", plain);
    return wrapper;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* A two-column table of facts: [label, node] pairs, the label as a row header. */
  function factsTable(pairs) {
    var table = element("table", "gc-result-dates");
    var body = element("tbody");
    pairs.forEach(function (pair) {
      var row = element("tr");
      var head = element("th", "", pair[0]);
      head.scope = "row";
      var cell = element("td");
      cell.appendChild(pair[1]);
      row.append(head, cell);
      body.appendChild(row);
    });
    table.appendChild(body);
    return table;
  }

  /* The page's address with these query parameters set (others kept) and the form as fragment. After a
     reader's own calculation the address bar shows it too, so that a bookmark reproduces it; a calculation
     replayed from the address leaves the address (and the place it scrolled to) alone. */
  function share(form, values, showInAddressBar) {
    var url = new URL(window.location.href);
    Object.keys(values).forEach(function (key) { url.searchParams.set(key, values[key]); });
    url.hash = form.id;
    if (showInAddressBar) {
      try {
        window.history.replaceState(null, "", url.href);
      } catch (error) { /* some file:// pages refuse; the link in the result still has the address */ }
    }
    return url.href;
  }

  function shareLink(href) {
    var link = element("a", "gc-share-link", words.share_link);
    link.href = href;
    return link;
  }

  function queryValue(name) {
    return new URL(window.location.href).searchParams.get(name);
  }

  /* A form does nothing without its script: it is hidden in the HTML and shown here, with the note saying
     that it needs JavaScript hidden instead. */
  function reveal(form) {
    form.hidden = false;
    var note = form.previousElementSibling;
    if (note && note.classList.contains("gc-needs-js")) note.hidden = true;
  }

  /* Shows the form and runs `calculate(iso, result, byReader)` when it is submitted with a real date, or at
     once when the address names one (?<queryName>=...). A date that is not one gets its message beside the
     field, the result stays empty, and a reader who submitted is taken back to the field. */
  function connect(form, noun, queryName, calculate) {
    var input = form.querySelector("[data-date-field]");
    var result = form.querySelector(".gc-result");

    function run(byReader) {
      var read = readDate(input, noun);
      result.textContent = "";
      if (read.error) {
        showError(input, read.error);
        if (byReader) input.focus();
        return;
      }
      clearError(input);
      input.value = read.iso;
      calculate(read.iso, result, byReader);
    }

    reveal(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(true);
    });
    var shared = queryValue(queryName);
    if (shared !== null) {
      input.value = shared;
      run(false);
    }
  }

  goldcard.fields = {
    fill: fill, dateNode: dateNode, element: element, factsTable: factsTable, share: share, shareLink: shareLink,
    queryValue: queryValue, connect: connect
  };
})();
