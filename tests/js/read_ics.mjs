// Read .ics files with ical.js (the parser behind many web calendars) and print
// what it understood, as JSON, for the Python tests to compare.
//
//   node read_ics.mjs FILE [DAYS]
//        every entry; a repeating one with its occurrences up to DAYS after its start
//   node read_ics.mjs --utc FILE < {"TZID": ["2026-11-01T00:30:00", ...], ...}
//        the instant (seconds since the epoch) ical.js takes each wall time in TZID
//        for, through the file's VTIMEZONEs
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const MAX_OCCURRENCES = 400;

function load(file) {
  return new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
}

// A date as YYYY-MM-DD; a date-time as the UTC instant YYYY-MM-DDTHH:MM:SSZ.
function show(time) {
  if (!time) return null;
  if (time.isDate) return time.toString();
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function value(component, name) {
  const v = component.getFirstPropertyValue(name);
  return v === null || v === undefined ? null : v;
}

function occurrences(component, start, days) {
  if (!component.hasProperty("rrule") || !start) return null;
  const expansion = new ICAL.RecurExpansion({ component, dtstart: start });
  const limit = start.clone();
  limit.adjust(days, 0, 0, 0);
  const out = [];
  for (let next = expansion.next(); next && out.length < MAX_OCCURRENCES; next = expansion.next()) {
    if (next.compare(limit) > 0) break;
    out.push(show(next));
  }
  return out;
}

function entry(component, days) {
  const start = value(component, "dtstart");
  const alarm = component.getFirstSubcomponent("valarm");
  const trigger = alarm ? alarm.getFirstProperty("trigger") : null;
  return {
    uid: value(component, "uid"),
    component: component.name,
    status: value(component, "status"),
    sequence: value(component, "sequence"),
    summary: value(component, "summary"),
    start: show(start),
    start_tzid: component.getFirstProperty("dtstart")?.getParameter("tzid") ?? null,
    end: show(value(component, "dtend")),
    due: show(value(component, "due")),
    completed: show(value(component, "completed")),
    rrule: component.hasProperty("rrule") ? value(component, "rrule").toString() : null,
    occurrences: occurrences(component, start, days),
    alarm: trigger ? trigger.getFirstValue().toString() : null,
  };
}

function entries(file, days) {
  const calendar = load(file);
  return calendar.getAllSubcomponents()
    .filter((c) => c.name === "vevent" || c.name === "vtodo")
    .map((c) => entry(c, days));
}

function instants(file, wallTimes) {
  const calendar = load(file);
  const out = {};
  for (const [tzid, walls] of Object.entries(wallTimes)) {
    const zone = calendar.getTimeZoneByID(tzid);
    if (!zone) throw new Error(`no VTIMEZONE ${tzid} in ${file}`);
    out[tzid] = walls.map((wall) => {
      const time = ICAL.Time.fromDateTimeString(wall);
      time.zone = zone;
      return time.toUnixTime();
    });
  }
  return out;
}

const args = process.argv.slice(2);
if (args[0] === "--utc") {
  const wallTimes = JSON.parse(readFileSync(0, "utf8"));
  console.log(JSON.stringify(instants(args[1], wallTimes)));
} else {
  console.log(JSON.stringify(entries(args[0], Number(args[1] ?? 366))));
}
