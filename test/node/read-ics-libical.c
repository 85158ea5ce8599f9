/*
 * Reads an iCalendar text from standard input with libical (Debian's
 * libical-dev, the library of Evolution, KDE's and many servers' calendars)
 * and prints, as JSON, what libical makes of it (test/node/libical.ts reads it):
 *
 * - "problems": every X-LIC-ERROR libical's parser attached (a property or
 *   value it could not read), every failed RFC 5545/5546 restriction of
 *   icalrestriction_check() (required, forbidden and exclusive properties
 *   per component, with the calendar's METHOD), and every TZID without a
 *   VTIMEZONE in the calendar (RFC 5545 3.2.19);
 * - "events": each VEVENT's UID, RECURRENCE-ID, STATUS, and the occurrences
 *   libical expands (icalcomponent_foreach_recurrence: RRULE, RDATE, EXDATE),
 *   as UTC instants, or dates with an exclusive end for all-day events, the
 *   TZIDs read with the calendar's own VTIMEZONEs.
 *
 * Usage: read-ics-libical FROM TO (UTC, YYYYMMDDTHHMMSSZ): the window to expand in.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void json_string(const char *text) {
    putchar('"');
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++) {
        if (*c == '"' || *c == '\\') printf("\\%c", *c);
        else if (*c < 0x20) printf("\\u%04x", *c);
        else putchar(*c);
    }
    putchar('"');
}

static char *read_all(FILE *in) {
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    for (size_t n; (n = fread(text + size, 1, capacity - size - 1, in)) > 0;) {
        size += n;
        if (capacity - size < 2) text = realloc(text, capacity *= 2);
    }
    text[size] = '\0';
    return text;
}

static int first_problem = 1;

static void problem(const char *where, const char *text) {
    printf("%s", first_problem ? "" : ",");
    first_problem = 0;
    putchar('{');
    printf("\"where\":");
    json_string(where);
    printf(",\"problem\":");
    json_string(text);
    putchar('}');
}

/* A component named by its kind and UID, "VEVENT abc@hytekello.fi". */
static const char *name_of(icalcomponent *component, char *where, size_t size) {
    const char *uid = icalcomponent_get_first_property(component, ICAL_UID_PROPERTY) ? icalcomponent_get_uid(component) : NULL;
    snprintf(where, size, "%s%s%s", icalcomponent_kind_to_string(icalcomponent_isa(component)), uid ? " " : "", uid ? uid : "");
    return where;
}

/* Every X-LIC-ERROR in the tree. */
static void errors_of(icalcomponent *component) {
    char where[512];
    name_of(component, where, sizeof where);
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY))
        problem(where, icalproperty_get_xlicerror(p));
    for (icalcomponent *c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        errors_of(c);
}

/* Every TZID parameter of the tree that the calendar has no VTIMEZONE for. */
static void tzids_of(icalcomponent *calendar, icalcomponent *component) {
    /* Named before the loop: name_of() moves the component's one property iterator. */
    char where[512];
    name_of(component, where, sizeof where);
    for (icalproperty *p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
        icalparameter *tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
        if (tzid && !icalcomponent_get_timezone(calendar, icalparameter_get_tzid(tzid))) {
            char text[512];
            snprintf(text, sizeof text, "%s;TZID=%s has no VTIMEZONE", icalproperty_get_property_name(p), icalparameter_get_tzid(tzid));
            problem(where, text);
        }
    }
    for (icalcomponent *c = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        if (icalcomponent_isa(c) != ICAL_VTIMEZONE_COMPONENT) tzids_of(calendar, c);
}

/*
 * icalrestriction_check() stops at the first component that fails; each
 * component is checked in a calendar of its own (with the calendar's
 * properties, METHOD among them), so that every failure is reported.
 */
static void restrictions_of(icalcomponent *calendar) {
    int first = 1;
    for (icalcomponent *c = icalcomponent_get_first_component(calendar, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(calendar, ICAL_ANY_COMPONENT)) {
        icalcomponent *alone = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
        for (icalproperty *p = icalcomponent_get_first_property(calendar, ICAL_ANY_PROPERTY); p;
             p = icalcomponent_get_next_property(calendar, ICAL_ANY_PROPERTY))
            icalcomponent_add_property(alone, icalproperty_new_clone(p));
        icalcomponent *inner = icalcomponent_new_clone(c);
        icalcomponent_add_component(alone, inner);
        icalrestriction_check(alone);
        if (first) {
            /* The calendar's own properties once. */
            for (icalproperty *p = icalcomponent_get_first_property(alone, ICAL_XLICERROR_PROPERTY); p;
                 p = icalcomponent_get_next_property(alone, ICAL_XLICERROR_PROPERTY))
                problem("VCALENDAR", icalproperty_get_xlicerror(p));
            first = 0;
        }
        errors_of(inner);
        icalcomponent_free(alone);
    }
}

static void instant(time_t t, int is_date) {
    char text[32];
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, is_date ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_string(text);
}

struct expansion {
    int is_date;
    int first;
};

static void occurrence(icalcomponent *comp, struct icaltime_span *span, void *data) {
    (void)comp;
    struct expansion *e = data;
    printf("%s[", e->first ? "" : ",");
    e->first = 0;
    instant(span->start, e->is_date);
    putchar(',');
    instant(span->end, e->is_date);
    putchar(']');
}

/* The instant of a date-time property, its TZID read with the calendar's VTIMEZONE; a date as a UTC midnight. */
static time_t time_of(icalproperty *p, icalcomponent *event) {
    struct icaltimetype t = icalproperty_get_datetime_with_component(p, event);
    return icaltime_as_timet_with_zone(t, t.is_date || !t.zone ? icaltimezone_get_utc_timezone() : t.zone);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s FROM TO\n", argv[0]);
        return 2;
    }
    char *text = read_all(stdin);
    icalcomponent *calendar = icalparser_parse_string(text);
    if (!calendar) {
        fprintf(stderr, "libical read no component: %s\n", icalerror_strerror(icalerrno));
        return 1;
    }
    if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
        fprintf(stderr, "libical read %s, not one VCALENDAR\n", icalcomponent_kind_to_string(icalcomponent_isa(calendar)));
        return 1;
    }
    printf("{\"problems\":[");
    errors_of(calendar); /* the parser's, before the restriction check adds its own */
    icalcomponent_strip_errors(calendar);
    restrictions_of(calendar);
    tzids_of(calendar, calendar);
    printf("],\"events\":[");

    struct icaltimetype from = icaltime_from_string(argv[1]), to = icaltime_from_string(argv[2]);
    int first = 1;
    for (icalcomponent *event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
        printf("%s{\"uid\":", first ? "" : ",");
        first = 0;
        json_string(icalcomponent_get_uid(event));
        icalproperty *status = icalcomponent_get_first_property(event, ICAL_STATUS_PROPERTY);
        printf(",\"status\":");
        json_string(status ? icalproperty_get_value_as_string(status) : "");
        icalproperty *start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
        int is_date = start && icalproperty_get_dtstart(start).is_date;
        icalproperty *recurrence_id = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
        printf(",\"recurrenceId\":");
        if (recurrence_id) instant(time_of(recurrence_id, event), is_date);
        else printf("null");
        printf(",\"occurrences\":[");
        struct expansion e = {is_date, 1};
        icalcomponent_foreach_recurrence(event, from, to, occurrence, &e);
        printf("]}");
    }
    printf("]}\n");
    icalcomponent_free(calendar);
    free(text);
    return 0;
}
