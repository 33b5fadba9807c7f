#!/usr/bin/env python3
"""Writes N made-up ORUK 3.0 services as ndjson, for load tests of the directory.

Each service has one to three locations scattered over Greater London, a taxonomy term from
Onramp's shipped taxonomy, weekly hours and a cost. Names and descriptions draw on the words
of digital help and on 400 made-up words, so that, as in a real directory, a search of two
words finds a few services in a thousand rather than a quarter of them.

    python3 scripts/generate_services.py 10000 > services.ndjson
"""
import json
import random
import sys
import uuid

TERMS = {  # Onramp's shipped term ids (Sources/OnrampCore/Directory/DigitalInclusionTaxonomy.swift)
    "free-wifi": "9e30f66e-ae9f-54ff-90af-57871fb076d2",
    "public-computers": "12c11c19-134d-5d19-9bd4-1aa308989f8d",
    "skills-classes": "66867407-e944-5a9e-ab02-77135c9a28f9",
    "one-to-one-help": "a62107cb-157d-5336-9c64-7c900e605830",
    "device-loan": "0a416eeb-384f-5758-8c9d-afba9de2d0b6",
    "data-sims": "6d4cd501-d602-5326-a70a-0ca0e48650a1",
}
WORDS = ["wifi", "computers", "classes", "laptop", "tablet", "help", "forms", "email", "phone", "community",
         "library", "centre", "hub", "club", "drop-in", "beginners", "seniors", "family", "jobs", "skills"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vo", "bel", "dan", "fi", "gor", "hal", "jun", "lex", "mor", "nip", "pa", "quin", "ros", "tek"]
PLACES = ["Library", "Community Centre", "Hub", "Church Hall", "Youth Club", "Job Centre", "Cafe"]


def ident(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def vocabulary(rng):
    made_up = {"".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(450)}
    return WORDS + sorted(made_up)[:400]


def service(rng, number, organizations, words):
    sid = ident(rng)
    term = rng.choice(list(TERMS))
    name = f"{rng.choice(words).capitalize()} {rng.choice(words)} {number}"
    links = []
    for _ in range(rng.randint(1, 3)):
        lid = ident(rng)
        lat, lon = 51.29 + rng.random() * 0.39, -0.50 + rng.random() * 0.82
        links.append({
            "id": ident(rng), "service_id": sid, "location_id": lid,
            "location": {
                "id": lid, "location_type": "physical", "name": f"{rng.choice(WORDS).capitalize()} {rng.choice(PLACES)}",
                "latitude": round(lat, 6), "longitude": round(lon, 6),
                "addresses": [{"id": ident(rng), "location_id": lid, "address_1": f"{rng.randint(1, 300)} High Street",
                               "city": "London", "state_province": "Greater London", "postal_code": "SE1 7PB",
                               "country": "GB", "address_type": "physical"}],
            },
            "schedules": [{"id": ident(rng), "freq": "WEEKLY", "interval": 1, "byday": "MO,TU,WE,TH,FR",
                           "opens_at": "09:00", "closes_at": "17:00"}],
        })
    organization = rng.choice(organizations)
    return {
        "id": sid, "organization_id": organization["id"], "organization": organization, "name": name, "status": "active",
        "description": " ".join(rng.choice(words) for _ in range(12)),
        "service_at_locations": links,
        "attributes": [{"id": ident(rng), "link_id": sid, "link_type": "service", "taxonomy_term_id": TERMS[term]}],
        "cost_options": [{"id": ident(rng), "service_id": sid, "option": "Free", "amount": 0}],
        "languages": [{"id": ident(rng), "service_id": sid, "name": "English", "code": "en"}],
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20261122)
    organizations = [{"id": ident(rng), "name": f"Load test organisation {i}", "description": "Made up for a load test."} for i in range(50)]
    words = vocabulary(rng)
    out = sys.stdout
    for number in range(1, count + 1):
        out.write(json.dumps(service(rng, number, organizations, words), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
