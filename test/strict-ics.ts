import ICAL from 'ical.js';

// RFC 7986 defines NAME and REFRESH-INTERVAL, and X-WR-CALNAME is its older twin; ical.js does not know them and would
// hand back their text still escaped. Declaring their value types makes it unescape them as any TEXT.
const design = ICAL.design.icalendar.property as Record<string, { defaultType: string }>;
design['name'] ??= { defaultType: 'text' };
design['x-wr-calname'] ??= { defaultType: 'text' };

/**
 * The problems of an .ics text by RFC 5545, line by line, or [] when there are none: every line ends with CRLF (the
 * last one too) and holds at most 75 octets; VCALENDAR has VERSION and PRODID, and all its properties come before
 * its first component; BEGIN/END nest; every VEVENT has a UID and a UTC DTSTAMP; and ical.js parses the whole.
 */
export function icsProblems(ics: string): string[] {
  const problems: string[] = [];
  if (!ics.endsWith('\r\n')) problems.push('does not end with CRLF');
  const lines = ics.split('\r\n');
  lines.pop();
  const stack: string[] = [];
  let calendarComponents = 0;
  const calendarProps = new Set<string>();
  let vevent: Set<string> | null = null;
  lines.forEach((line, i) => {
    const at = `line ${i + 1} ${JSON.stringify(line.slice(0, 40))}`;
    if (/[\r\n]/.test(line)) problems.push(`${at}: bare CR or LF`);
    if (new TextEncoder().encode(line).length > 75) problems.push(`${at}: longer than 75 octets`);
    if (line.startsWith(' ') || line.startsWith('\t')) return;
    const name = /^[A-Za-z0-9-]+/.exec(line)?.[0]?.toUpperCase() ?? '';
    if (!/^[A-Za-z0-9-]+[;:]/.test(line)) problems.push(`${at}: not a content line`);
    const value = line.slice(line.indexOf(':') + 1);
    if (name === 'BEGIN') {
      if (stack.length === 1) calendarComponents++;
      stack.push(value);
      if (value === 'VEVENT') vevent = new Set();
    } else if (name === 'END') {
      if (stack.pop() !== value) problems.push(`${at}: END without its BEGIN`);
      if (value === 'VEVENT' && vevent) {
        for (const needed of ['UID', 'DTSTAMP']) if (!vevent.has(needed)) problems.push(`${at}: VEVENT without ${needed}`);
        vevent = null;
      }
    } else if (stack.length === 1) {
      calendarProps.add(name);
      if (calendarComponents > 0) problems.push(`${at}: calendar property after the first component`);
    } else if (stack.at(-1) === 'VEVENT' && vevent) {
      vevent.add(name);
      if (name === 'DTSTAMP' && !/^DTSTAMP:\d{8}T\d{6}Z$/.test(line)) problems.push(`${at}: DTSTAMP not in UTC`);
    }
  });
  if (stack.length) problems.push(`unclosed ${stack.join(' > ')}`);
  for (const needed of ['VERSION', 'PRODID']) if (!calendarProps.has(needed)) problems.push(`no ${needed}`);
  try {
    ICAL.parse(ics);
  } catch (error) {
    problems.push(`ical.js: ${(error as Error).message}`);
  }
  return problems;
}

/** The parsed calendar and its VEVENTs. */
export function parseIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, vevents: calendar.getAllSubcomponents('vevent') };
}
