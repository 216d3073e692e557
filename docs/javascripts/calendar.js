/* iCalendar files (RFC 5545) made in the browser: window.goldcard.calendar.
   ics(events, now) gives the text of a VCALENDAR with one all-day VEVENT per event, each with a display
   reminder; download(name, text) saves it. An event is {uid, date (ISO), summary, description, url,
   reminderDays}. The UID comes from the calculation, so saving the same result twice updates the event
   instead of adding a second one; DTSTAMP is the time the file is made, in UTC. */
(function () {
  "use strict";

  var dates = window.goldcard && window.goldcard.dates;
  if (!dates) return;

  /* TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
  function text(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  function utf8Length(character) {
    var code = character.codePointAt(0);
    return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }

  /* Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character (3.1). */
  function fold(line) {
    var out = "", octets = 0;
    Array.from(line).forEach(function (character) {
      var size = utf8Length(character);
      if (octets + size > 75) {
        out += "\r\n ";
        octets = 1;
      }
      out += character;
      octets += size;
    });
    return out;
  }

  function basic(iso) {
    return iso.replace(/-/g, "");
  }

  function stamp(now) {
    return new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /* A reminder at 09:00 local time, `days` before an all-day event (which starts at 00:00). */
  function trigger(days) {
    return days > 0 ? "-P" + (days - 1) + "DT15H" : "PT9H";
  }

  function event(item, now) {
    var lines = [
      "BEGIN:VEVENT",
      "UID:" + item.uid,
      "DTSTAMP:" + stamp(now),
      "DTSTART;VALUE=DATE:" + basic(item.date),
      "DTEND;VALUE=DATE:" + basic(dates.addDays(item.date, 1)),
      "SUMMARY:" + text(item.summary),
      "DESCRIPTION:" + text(item.description),
      "TRANSP:TRANSPARENT"
    ];
    if (item.url) lines.push("URL:" + item.url);
    lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + text(item.summary),
      "TRIGGER:" + trigger(item.reminderDays), "END:VALARM", "END:VEVENT");
    return lines;
  }

  function ics(events, now) {
    var when = now === undefined ? Date.now() : now;
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gold Card guides//Deadline calculator//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    events.forEach(function (item) { lines = lines.concat(event(item, when)); });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, content) {
    var url = URL.createObjectURL(new Blob([content], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoked later, not at once: the browser reads the blob after this function returns.
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  window.goldcard.calendar = { ics: ics, download: download };
})();
