#!/usr/bin/env python3
"""Check a running Open Referral UK 3.0 API against the official JSON schemas (draft 2020-12).

Fetches every endpoint (plus paging, filtering, error and ndjson variants), validates each body
against the matching schema in ../shared/specs/oruk-3.0/schema (relative to the repository root,
or $ONRAMP_SPECS_DIR/oruk-3.0/schema), checks pagination keys, HTTP status and CORS headers, prints
one line per URL and exits 1 if anything failed.

    python3 scripts/oruk_validate.py http://127.0.0.1:8089/openreferral
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import quote

try:
    import jsonschema
    import referencing
    import referencing.jsonschema
except ImportError:
    print("missing dependencies: pip install jsonschema referencing")
    sys.exit(2)

SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"
PAGE_KEYS = {"total_items": int, "total_pages": int, "page_number": int, "size": int,
             "first_page": bool, "last_page": bool, "empty": bool, "contents": list}
MAX_ERRORS = 5


def schema_dir():
    specs = os.environ.get("ONRAMP_SPECS_DIR")
    root = Path(specs) if specs else Path(__file__).resolve().parent.parent / ".." / "shared" / "specs"
    return (root / "oruk-3.0" / "schema").resolve()


def build_validators(folder):
    """Register every schema file under SCHEMA_BASE + file name (the files carry no $id, so one
    is added to make the file's own URL its base URI) and return {file name: validator}."""
    resources = {}
    for path in sorted(folder.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        contents.setdefault("$id", SCHEMA_BASE + path.name)
        resources[path.name] = referencing.Resource.from_contents(
            contents, default_specification=referencing.jsonschema.DRAFT202012)
    registry = referencing.Registry().with_resources(
        (SCHEMA_BASE + name, res) for name, res in resources.items())
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return {name: jsonschema.Draft202012Validator(res.contents, registry=registry, format_checker=checker)
            for name, res in resources.items()}


def format_report():
    checkers = jsonschema.Draft202012Validator.FORMAT_CHECKER.checkers
    hints = {"uri": "rfc3987 or rfc3986-validator", "date-time": "rfc3339-validator"}
    wanted = ["uuid", "email", "uri", "date-time", "date"]
    missing = [f"{f} (pip install {hints[f]})" for f in wanted if f not in checkers]
    print("formats checked:", ", ".join(f for f in wanted if f in checkers),
          "| not checked:", ", ".join(missing) or "none")


def schema_errors(validator, instance):
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    return [f"{e.message[:200]} at {e.json_path}" for e in errors[:MAX_ERRORS]]


def page_errors(data):
    if not isinstance(data, dict):
        return ["list response is not an object"]
    errors = [f"pagination key {key!r} missing or not {kind.__name__}" for key, kind in PAGE_KEYS.items()
              if not isinstance(data.get(key), kind) or (kind is int and isinstance(data.get(key), bool))]
    if not errors:
        if data["size"] != len(data["contents"]):
            errors.append(f"size {data['size']} != len(contents) {len(data['contents'])}")
        if data["empty"] != (len(data["contents"]) == 0):
            errors.append(f"empty is {data['empty']} but contents has {len(data['contents'])} items")
    return errors


class Checker:
    def __init__(self, base, validators):
        self.base, self.validators = base.rstrip("/"), validators
        self.checked, self.failed = 0, []

    def fetch(self, url):
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as resp:
                return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read().decode("utf-8", "replace")

    def report(self, url, errors):
        self.checked += 1
        if not errors:
            print(f"ok  {url}")
            return
        self.failed.append(url)
        print(f"FAIL {url}: {errors[0]}")
        for extra in errors[1:]:
            print(f"     {extra}")

    def check(self, path, schema=None, statuses=(200,), extra=None, ndjson=False, cors=True):
        """GET path (or an absolute URL), check status/CORS/JSON/schema/extra; return parsed body."""
        url = path if "://" in path else self.base + path
        try:
            status, headers, body = self.fetch(url)
        except (OSError, ValueError) as err:
            self.report(url, [f"request failed: {err}"])
            return None
        errors = [] if status in statuses else [f"HTTP {status}, expected {'/'.join(map(str, statuses))}"]
        if cors and headers.get("Access-Control-Allow-Origin") != "*":
            errors.append(f"Access-Control-Allow-Origin is {headers.get('Access-Control-Allow-Origin')!r}, expected '*'")
        try:
            data = [json.loads(ln) for ln in body.splitlines() if ln.strip()] if ndjson else json.loads(body)
        except ValueError as err:
            self.report(url, errors + [f"body is not valid JSON: {err}"])
            return None
        if schema:
            for i, item in enumerate(data if ndjson else [data]):
                errors += [f"line {i + 1}: {e}" if ndjson else e
                           for e in schema_errors(self.validators[schema], item)]
            if schema.endswith("_list.json"):
                errors += page_errors(data)
        if extra and not errors:
            errors += extra(data)
        self.report(url, errors[:MAX_ERRORS])
        return data


def ids(page, limit=5):
    items = page.get("contents", []) if isinstance(page, dict) else []
    return [x["id"] for x in items if isinstance(x, dict) and isinstance(x.get("id"), str)][:limit]


def run(c):
    details = c.check("/", "api_details.json", extra=lambda d: [] if d.get("version") == "HSDS-UK-3.0"
                      else [f"version is {d.get('version')!r}, expected 'HSDS-UK-3.0'"])
    if isinstance(details, dict) and isinstance(details.get("openapi_url"), str):
        c.check(urllib.parse.urljoin(c.base + "/", details["openapi_url"]), cors=False,
                extra=lambda d: [] if isinstance(d, dict) and ("openapi" in d or "paths" in d)
                else ["OpenAPI document has neither 'openapi' nor 'paths'"])

    services = c.check("/services", "service_list.json")
    for query in ("page=1&per_page=2", "search=wifi", "full=true&per_page=5", "minimal=true"):
        c.check(f"/services?{query}", "service_list.json")
    c.check("/services?page=9999", "service_list.json",
            extra=lambda d: [] if d["empty"] is True and d["contents"] == [] else ["page 9999 is not empty"])
    c.check("/services?per_page=100000", "service_list.json",
            extra=lambda d: [] if d["size"] <= 200 else [f"per_page not capped: size {d['size']}"])
    c.check("/services?format=ndjson", "service.json", ndjson=True)
    for sid in ids(services):
        c.check(f"/services/{quote(sid, safe='')}", "service.json")

    taxonomies = c.check("/taxonomies", "taxonomy_list.json")
    for tid in ids(taxonomies):
        c.check(f"/taxonomies/{quote(tid, safe='')}", "taxonomy.json")

    terms = c.check("/taxonomy_terms", "taxonomy_term_list.json")
    c.check("/taxonomy_terms?top_only=true", "taxonomy_term_list.json")
    for tid in ids(taxonomies, 1):
        c.check(f"/taxonomy_terms?taxonomy_id={quote(tid, safe='')}", "taxonomy_term_list.json")
    term_list = terms.get("contents", []) if isinstance(terms, dict) else []
    parents = [t.get("parent_id") for t in term_list if isinstance(t, dict) and t.get("parent_id")]
    if parents:
        c.check(f"/taxonomy_terms?parent_id={quote(parents[0])}", "taxonomy_term_list.json")
    else:
        print("skip parent_id filter: no term on the first page has a parent")
    for tid in ids(terms):
        c.check(f"/taxonomy_terms/{quote(tid, safe='')}", "taxonomy_term.json")

    orgs = c.check("/organizations", "organization_list.json")
    for oid in ids(orgs):
        c.check(f"/organizations/{quote(oid, safe='')}", "organization.json")

    sals = c.check("/service_at_locations", "service_at_location_list.json")
    c.check("/service_at_locations?postcode=SE1%207PB&proximity=5000", "service_at_location_list.json")
    for sid in ids(sals):
        c.check(f"/service_at_locations/{quote(sid, safe='')}", "service_at_location.json")

    for tid in ids(terms, 1):
        c.check(f"/services?taxonomy_term_id={quote(tid, safe='')}", "service_list.json")
    for oid in ids(orgs, 1):
        c.check(f"/services?organization_id={quote(oid, safe='')}", "service_list.json")

    c.check("/services/not-a-uuid", statuses=(400, 404))
    c.check("/service_at_locations?postcode=NOTAPOSTCODE&proximity=1000", statuses=(400,))


def main(argv):
    if len(argv) != 2 or argv[1].startswith("-"):
        print(__doc__.strip())
        return 2
    if not (folder := schema_dir()).is_dir():
        print(f"schema folder not found: {folder} (set ONRAMP_SPECS_DIR to the folder holding oruk-3.0)")
        return 2
    format_report()
    checker = Checker(argv[1], build_validators(folder))
    run(checker)
    print(f"{checker.checked} responses checked, {len(checker.failed)} failed")
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
