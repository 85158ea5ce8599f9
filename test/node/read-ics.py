"""Reads an iCalendar text from standard input with Debian's python3-icalendar
and python3-vobject and prints, as JSON, what each of them makes of it: the
calendar's name, each event's texts, and the occurrences of each UID as
'start -> end' (UTC instants, or dates with an exclusive end for all-day
events), ' cancelled' added for cancelled ones, in the form the feed tests
compare (test/feed-readers.ts).

icalendar parses values but does not expand recurrences; they are expanded
here as Python consumers do: dateutil's rrule on the wall-clock start, each
time then read in the zone the calendar's VTIMEZONE defines (icalendar's
to_tz()), a skipped time with the offset before, a repeated one as the
first (RFC 5545 3.3.5). vobject expands with its own rules: getrruleset(),
in the zone its VTIMEZONE defines. Overrides (RECURRENCE-ID) are related by
UID and instant, as clients do.
"""
import datetime
import json
import sys

import icalendar
import pytz
import vobject
from dateutil import rrule

UTC = datetime.timezone.utc


def text_instance(start, end, cancelled):
    if isinstance(start, datetime.datetime):
        start, end = (value.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ') for value in (start, end))
    else:
        start, end = start.isoformat(), end.isoformat()
    return f"{start} \u2192 {end}{' cancelled' if cancelled else ''}"


def is_date(value):
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


# icalendar -------------------------------------------------------------------


class Zones:
    """The zones of a calendar as its VTIMEZONEs define them (icalendar's to_tz()), not as the machine's tz data
    does: that is what RFC 5545 says a TZID means, and the machine's data may be older than the feed's."""

    def __init__(self, calendar):
        self.zones = {str(c['TZID']): c.to_tz() for c in calendar.walk('VTIMEZONE')}

    def instant(self, naive, tzid):
        """The instant of a wall-clock time: a skipped one with the offset before the change, the first of two."""
        if tzid is None:
            return naive.replace(tzinfo=UTC)
        zone = self.zones[tzid]
        try:
            return zone.localize(naive, is_dst=None).astimezone(UTC)
        except pytz.AmbiguousTimeError:
            return min(zone.localize(naive, is_dst=flag).astimezone(UTC) for flag in (True, False))
        except pytz.NonExistentTimeError:
            before = zone.normalize(zone.localize(naive - datetime.timedelta(hours=3))).utcoffset()
            return (naive - before).replace(tzinfo=UTC)


def written(prop):
    """(wall-clock or date, TZID or None) of a DTSTART-like property, as written in the file."""
    value = prop.dt
    if is_date(value):
        return value, None
    tzid = prop.params.get('TZID')
    if tzid:
        return value.replace(tzinfo=None), str(tzid)
    return value.astimezone(UTC).replace(tzinfo=None), None


def values_of(component, name):
    found = component.get(name)
    if found is None:
        return []
    result = []
    for values in found if isinstance(found, list) else [found]:
        tzid = str(values.params['TZID']) if 'TZID' in values.params else None
        for item in values.dts:
            value = item.dt
            result.append((value, None) if is_date(value) else (value.replace(tzinfo=None) if tzid else value.astimezone(UTC).replace(tzinfo=None), tzid))
    return result


def icalendar_read(text):
    calendar = icalendar.Calendar.from_ical(text)
    zones = Zones(calendar)
    events = calendar.walk('VEVENT')

    def at(value, tzid):
        return value if is_date(value) else zones.instant(value, tzid)

    overrides = {}
    for event in events:
        if event.get('RECURRENCE-ID') is not None:
            overrides.setdefault(str(event['UID']), []).append(event)
    occurrences, texts = {}, {}
    for event in events:
        uid = str(event['UID'])
        if event.get('RECURRENCE-ID') is not None:
            continue
        texts[uid] = {key: str(event[key]) for key in ('SUMMARY', 'LOCATION', 'DESCRIPTION') if key in event}
        start, tzid = written(event['DTSTART'])
        end, end_tzid = written(event['DTEND'])
        if not is_date(start) and end_tzid != tzid:
            # DTEND written in UTC: the same instant on the start's wall clock.
            end = zones.instant(end, end_tzid).astimezone(zones.zones[tzid] if tzid else UTC).replace(tzinfo=None)
        length = end - start
        cancelled = str(event.get('STATUS', '')).upper() == 'CANCELLED'
        starts = [(start, tzid)]
        if event.get('RRULE') is not None:
            rule = dict(event['RRULE'])
            if 'UNTIL' in rule and not is_date(start):
                until = rule['UNTIL'][0]
                until = until.astimezone(UTC) if isinstance(until, datetime.datetime) and until.tzinfo else until
                rule['UNTIL'] = [until.astimezone(zones.zones[tzid]).replace(tzinfo=None) if tzid else until.replace(tzinfo=None)]
            rule_text = icalendar.vRecur(rule).to_ical().decode()
            base = start if not is_date(start) else datetime.datetime.combine(start, datetime.time())
            generated = [s if not is_date(start) else s.date() for s in rrule.rrulestr(rule_text, dtstart=base)]
            excluded = {at(v, z) for v, z in values_of(event, 'EXDATE')}
            starts = [(s, tzid) for s in generated if at(s, tzid) not in excluded] + values_of(event, 'RDATE')
        moved = {}
        for override in overrides.get(uid, []):
            moved[at(*written(override['RECURRENCE-ID']))] = override
        result = []
        for s, z in starts:
            if at(s, z) in moved:
                continue
            result.append(text_instance(at(s, z), at(s + length, z), cancelled))
        for override in moved.values():
            status = cancelled or str(override.get('STATUS', '')).upper() == 'CANCELLED'
            result.append(text_instance(at(*written(override['DTSTART'])), at(*written(override['DTEND'])), status))
        occurrences[uid] = sorted(result)
    names = {key: str(calendar[key]) for key in ('NAME', 'X-WR-CALNAME') if key in calendar}
    return {'name': names, 'texts': texts, 'occurrences': occurrences}


# vobject ---------------------------------------------------------------------


def instant(value):
    return value.astimezone(UTC) if isinstance(value, datetime.datetime) else value



def vobject_read(text):
    calendar = vobject.readOne(text)
    events = list(getattr(calendar, 'vevent_list', []))
    overrides = {}
    for event in events:
        if hasattr(event, 'recurrence_id'):
            overrides.setdefault(event.uid.value, []).append(event)
    occurrences, texts = {}, {}
    for event in events:
        if hasattr(event, 'recurrence_id'):
            continue
        uid = event.uid.value
        texts[uid] = {key.upper(): getattr(event, key).value for key in ('summary', 'location', 'description') if hasattr(event, key)}
        start, end = event.dtstart.value, event.dtend.value
        length = end - start
        cancelled = hasattr(event, 'status') and event.status.value.upper() == 'CANCELLED'
        rules = event.getrruleset(addRDate=True)
        starts = list(rules) if rules is not None else [start]
        if rules is not None and is_date(start):
            starts = [s.date() if isinstance(s, datetime.datetime) else s for s in starts]
        moved = {}
        for override in overrides.get(uid, []):
            moved[instant(override.recurrence_id.value)] = override
        result = []
        for s in starts:
            if instant(s) in moved:
                continue
            result.append(text_instance(s, s + length, cancelled))
        for override in moved.values():
            result.append(text_instance(override.dtstart.value, override.dtend.value, cancelled or (hasattr(override, 'status') and override.status.value.upper() == 'CANCELLED')))
        occurrences[uid] = sorted(result)
    names = {key.upper(): calendar.contents[key][0].value for key in ('name', 'x-wr-calname') if key in calendar.contents}
    return {'name': names, 'texts': texts, 'occurrences': occurrences}


def main():
    text = sys.stdin.read()
    print(json.dumps({'icalendar': icalendar_read(text), 'vobject': vobject_read(text)}, ensure_ascii=False))


if __name__ == '__main__':
    main()
