#!/usr/bin/env python3
"""Load checks for skills sessions against a running `onramp demo` (or `onramp serve` with the
demo accounts), over real HTTP:

1. 200 booking requests at once for a new 20-place session: exactly 20 booked and 180 on the
   waiting list, nobody twice (the same 200 people again are all refused), no 5xx.
2. With --sqlite FILE (the server's SQLite file) or --postgres URL (its database, through
   psql), 5,000 upcoming sessions at the council's places and 100,000 bookings are added
   straight into the database, then /sessions near a postcode is measured with wrk: p50, p99
   and requests a second, as a share of /healthz measured the same way on the same server.

    python3 scripts/sessions_load.py --base http://127.0.0.1:8080 [--sqlite onramp.sqlite | --postgres URL]
"""
import argparse
import datetime
import http.client
import re
import secrets
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from zoneinfo import ZoneInfo

OFFICER = "officer@demo.onramp.test"
PASSWORD = "demo-password-not-for-real-use"
LONDON = ZoneInfo("Europe/London")


class Client:
    """One browser: its own cookies, no redirects followed."""

    def __init__(self, base):
        self.url = urllib.parse.urlsplit(base)
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(self.url.hostname, self.url.port or 80, timeout=120)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form + [("_csrf", self.csrf())])
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, response.getheader("Location"), text

    def csrf(self):
        # Before sign-in the form token is the double-submit cookie, which a browser gets from
        # any page; after sign-in the pages carry the session's token.
        if "onramp_session" in self.cookies:
            return self.form_token
        self.cookies.setdefault("onramp_csrf", secrets.token_urlsafe(32)[:43])
        return self.cookies["onramp_csrf"]

    def sign_in(self, email):
        self.request("GET", "/sign-in")
        status, _, _ = self.request("POST", "/sign-in", [("email", email), ("password", PASSWORD)])
        assert status == 303, f"sign-in answered {status}"
        _, _, page = self.request("GET", "/sessions/manage/new")
        self.form_token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        return page


def new_session(staff, page, capacity):
    organisation = re.search(r'<select class="govuk-select" id="organisation" name="organisation"><option value="([^"]+)"', page).group(1)
    day = (datetime.datetime.now(LONDON) + datetime.timedelta(days=2)).date()
    status, location, _ = staff.request("POST", "/sessions/manage/new", [
        ("title", f"Load check {uuid.uuid4().hex[:6]}"), ("kind", "drop-in"), ("organisation", organisation), ("mode", "phone"),
        ("date-day", str(day.day)), ("date-month", str(day.month)), ("date-year", str(day.year)), ("starts", "10:00"), ("ends", "12:00"),
        ("capacity", str(capacity)), ("language", "en"), ("areas", "communicating")])
    assert status == 303, f"creating the session answered {status}"
    return location.rsplit("/", 1)[-1]


def book_at_once(base, session_id, people, tag):
    """`people` bookings fired together, each from its own browser; returns the statuses."""
    statuses = [None] * people
    start = threading.Barrier(people)

    def book(number):
        client = Client(base)
        client.csrf()
        start.wait()
        try:
            statuses[number] = client.request("POST", f"/sessions/{session_id}/book", [
                ("name", f"Load Person {number}"), ("way", "email"), ("email", f"{tag}-{number}@example.com"), ("waitlist", "yes")])[0]
        except Exception as error:  # a dropped connection counts as a failure
            statuses[number] = f"error {error}"

    threads = [threading.Thread(target=book, args=(n,)) for n in range(people)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, time.monotonic() - began


def concurrency(base):
    staff = Client(base)
    page = staff.sign_in(OFFICER)
    session_id = new_session(staff, page, 20)
    tag = uuid.uuid4().hex[:8]
    statuses, seconds = book_at_once(base, session_id, 200, tag)
    _, _, view = staff.request("GET", f"/sessions/manage/{session_id}")
    taken, waiting = map(int, re.search(r"(\d+) of 20 places taken, (\d+) waiting", view).groups())
    again, _ = book_at_once(base, session_id, 200, tag)
    errors = [s for s in statuses + again if not isinstance(s, int) or s >= 500]
    print(f"200 bookings at once for 20 places in {seconds:.2f} s: {statuses.count(303)} accepted, {taken} booked, {waiting} waiting; "
          f"the same 200 again: {again.count(422)} refused as already booked; server errors: {len(errors)}")
    ok = statuses.count(303) == 200 and taken == 20 and waiting == 180 and again.count(422) == 200 and not errors
    print("  " + ("PASS" if ok else "FAIL"))
    return ok


def seed(path, sessions=5000, bookings_each=20):
    """Upcoming sessions at the council's places and their bookings, straight into SQLite (ids
    as upper-case text, dates as seconds since 1970, as SQLiteKit stores them)."""
    db = sqlite3.connect(path, timeout=60)
    council, organisation = db.execute("SELECT council_id, organisation_id FROM skill_sessions LIMIT 1").fetchone()
    places = [row[0] for row in db.execute("SELECT id FROM directory_locations WHERE council_id = ?", (council,))]
    assert places, "the demo's directory has no places: run the demo with ../shared/data"
    now = time.time()
    session_rows, booking_rows = [], []
    for number in range(sessions):
        session_id = str(uuid.uuid4()).upper()
        starts = now + 3600 + (number * 997) % (56 * 86400)
        session_rows.append((session_id, council, organisation, ["drop-in", "course", "one-to-one"][number % 3], f"Seeded session {number}", "", "in-person",
                             places[number % len(places)], starts, starts + 7200, 1, bookings_each + 5, "en", "", "communicating", 0, bookings_each, now, now))
        for seat in range(bookings_each):
            booking_rows.append((str(uuid.uuid4()).upper(), council, session_id, f"Seeded {number}-{seat}", "email", f"s{number}-{seat}@example.com",
                                 f"s{number}-{seat}@example.com", "", secrets.token_hex(32), "booked", seat + 1, 0, "seed", now, now))
    with db:
        db.executemany("INSERT INTO skill_sessions (id, council_id, organisation_id, kind, title, description, mode, location_id, starts_at, ends_at, meetings, "
                       "capacity, language, access_notes, skills_areas, cancelled, booking_sequence, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", session_rows)
        db.executemany("INSERT INTO session_bookings (id, council_id, session_id, name, contact_way, contact, contact_key, access_needs, token_hash, status, "
                       "position, walk_in, booked_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", booking_rows)
    total = db.execute("SELECT (SELECT COUNT(*) FROM skill_sessions), (SELECT COUNT(*) FROM session_bookings)").fetchone()
    print(f"seeded: {total[0]} sessions and {total[1]} bookings in the database")


SEED_POSTGRES = """
CREATE TEMP TABLE seeded AS
SELECT gen_random_uuid() AS id, s.council_id, s.organisation_id, n,
       (SELECT array_agg(id ORDER BY id) FROM directory_locations WHERE council_id = s.council_id) AS places
FROM (SELECT council_id, organisation_id FROM skill_sessions LIMIT 1) s, generate_series(0, {sessions} - 1) n;
INSERT INTO skill_sessions (id, council_id, organisation_id, kind, title, description, mode, location_id, starts_at, ends_at, meetings,
    capacity, language, access_notes, skills_areas, cancelled, booking_sequence, created_at, updated_at)
SELECT id, council_id, organisation_id, (ARRAY['drop-in', 'course', 'one-to-one'])[n % 3 + 1], 'Seeded session ' || n, '', 'in-person',
       places[n % array_length(places, 1) + 1], now() + interval '1 hour' + (n * 997 % (56 * 86400)) * interval '1 second',
       now() + interval '3 hours' + (n * 997 % (56 * 86400)) * interval '1 second', 1, {each} + 5, 'en', '', 'communicating', false, {each}, now(), now()
FROM seeded;
INSERT INTO session_bookings (id, council_id, session_id, name, contact_way, contact, contact_key, access_needs, token_hash, status, position,
    walk_in, booked_by, created_at, updated_at)
SELECT gen_random_uuid(), council_id, id, 'Seeded ' || n || '-' || seat, 'email', 's' || n || '-' || seat || '@example.com',
       's' || n || '-' || seat || '@example.com', '', md5(random()::text) || md5(random()::text), 'booked', seat + 1, false, 'seed', now(), now()
FROM seeded, generate_series(0, {each} - 1) seat;
ANALYZE skill_sessions; ANALYZE session_bookings;
SELECT (SELECT COUNT(*) FROM skill_sessions) || ' sessions and ' || (SELECT COUNT(*) FROM session_bookings) || ' bookings in the database';
"""


def seed_postgres(url, sessions=5000, bookings_each=20):
    out = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", SEED_POSTGRES.format(sessions=sessions, each=bookings_each)],
                         capture_output=True, text=True, check=True).stdout
    print("seeded: " + out.strip().splitlines()[-1])


def wrk(url, seconds, connections):
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, latency(50), latency(99), int(non2xx.group(1)) if non2xx else 0


def listing(base, seconds=10, connections=16):
    health = wrk(base + "/healthz", seconds, connections)
    near = wrk(base + "/sessions?postcode=SE1+7PB", seconds, connections)
    print(f"/healthz: {health[0]:.0f} req/s, p50 {health[1]:.1f} ms, p99 {health[2]:.1f} ms")
    print(f"/sessions near SE1 7PB: {near[0]:.0f} req/s, p50 {near[1]:.1f} ms, p99 {near[2]:.1f} ms, non-2xx {near[3]}; "
          f"throughput {100 * near[0] / health[0]:.1f}% of /healthz ({connections} connections, {seconds} s each)")
    return near[3] == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--sqlite", help="the server's SQLite file, to add 5,000 sessions and 100,000 bookings")
    parser.add_argument("--postgres", help="the server's PostgreSQL URL, to add them there instead")
    arguments = parser.parse_args()
    ok = concurrency(arguments.base)
    if arguments.sqlite or arguments.postgres:
        seed(arguments.sqlite) if arguments.sqlite else seed_postgres(arguments.postgres)
        ok = listing(arguments.base) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
