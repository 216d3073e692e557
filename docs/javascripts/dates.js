/* Calendar dates as ISO strings (YYYY-MM-DD): check, move by months and days, compare, format.
   window.goldcard.dates. Arithmetic is on whole day numbers, never on Date objects, so no time zone or
   daylight saving change can move a date; only today() looks at the clock. */
(function () {
  "use strict";

  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  function isLeap(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  }

  function daysInMonth(year, month) {
    return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = "0" + text;
    return text;
  }

  /* {year, month, day} of an ISO date; RangeError for anything that is not a real date. */
  function parse(iso) {
    var match = typeof iso === "string" ? ISO.exec(iso) : null;
    if (!match) throw new RangeError("not a date in the form YYYY-MM-DD: " + JSON.stringify(iso));
    var year = +match[1], month = +match[2], day = +match[3];
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      throw new RangeError("no such date: " + iso);
    }
    return { year: year, month: month, day: day };
  }

  function format(parts) {
    if (parts.year < 1 || parts.year > 9999) throw new RangeError("date out of range: year " + parts.year);
    return pad(parts.year, 4) + "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2);
  }

  /* Days since 1970-01-01 and back (the proleptic Gregorian calendar; H. Hinnant's civil-date algorithms). */
  function toDays(parts) {
    var y = parts.month <= 2 ? parts.year - 1 : parts.year;
    var era = Math.floor(y / 400);
    var yearOfEra = y - era * 400;
    var dayOfYear = Math.floor((153 * (parts.month + (parts.month > 2 ? -3 : 9)) + 2) / 5) + parts.day - 1;
    var dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }

  function fromDays(days) {
    var z = days + 719468;
    var era = Math.floor(z / 146097);
    var dayOfEra = z - era * 146097;
    var yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) / 365);
    var dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    var mp = Math.floor((5 * dayOfYear + 2) / 153);
    var month = mp < 10 ? mp + 3 : mp - 9;
    return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1 };
  }

  function addDays(iso, n) {
    return format(fromDays(toDays(parse(iso)) + n));
  }

  /* Calendar months; where the target month has no such day, its last day (Civil Code art. 121). */
  function addMonths(iso, n) {
    var parts = parse(iso);
    var index = parts.year * 12 + (parts.month - 1) + n;
    var year = Math.floor(index / 12), month = index - year * 12 + 1;
    if (year < 1 || year > 9999) throw new RangeError("date out of range: year " + year);
    return format({ year: year, month: month, day: Math.min(parts.day, daysInMonth(year, month)) });
  }

  /* Months first, then days: "the day before the date one month before expiry". */
  function shift(iso, months, days) {
    return addDays(addMonths(iso, months || 0), days || 0);
  }

  function daysBetween(from, to) {
    return toDays(parse(to)) - toDays(parse(from));
  }

  /* 0 for Monday ... 6 for Sunday. 1970-01-01 was a Thursday. */
  function weekday(iso) {
    return (((toDays(parse(iso)) + 3) % 7) + 7) % 7;
  }

  /* Today's date where the offset from UTC is `offsetMinutes` (Taiwan: +480), whatever the device's zone. */
  function today(offsetMinutes, now) {
    var ms = (now === undefined ? Date.now() : now) + offsetMinutes * 60000;
    return format(fromDays(Math.floor(ms / 86400000)));
  }

  /* 2027年4月29日（四） / Thu 29 April 2027, from the page's words (data/ui.yaml: date_long, weekdays, month_names). */
  function long(iso, words) {
    var parts = parse(iso);
    var values = {
      year: parts.year, month: parts.month, day: parts.day,
      weekday: words.weekdays.split(" ")[weekday(iso)],
      month_name: words.month_names.split(" ")[parts.month - 1]
    };
    return words.date_long.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? values[key] : whole;
    });
  }

  window.goldcard = window.goldcard || {};
  window.goldcard.dates = {
    parse: function (iso) { parse(iso); return iso; },
    addDays: addDays,
    addMonths: addMonths,
    shift: shift,
    daysBetween: daysBetween,
    weekday: weekday,
    today: today,
    long: long
  };
})();
