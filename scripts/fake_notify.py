#!/usr/bin/env python3
"""A fake GOV.UK Notify on 127.0.0.1 for the scripts that run real Onramp processes: every
template exists and is right, each send is recorded (its reference, one line each, in the file
given) before it is answered, and Notify's search by reference answers from what it was sent,
as the real one does, so an Onramp killed after sending finds the message there.

    python3 scripts/fake_notify.py PORT RECORD_FILE [SECONDS_PER_SEND]
"""
import json
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

port, record = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)
delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
sent, lock = {}, threading.Lock()  # reference -> [notification ids]


class Notify(BaseHTTPRequestHandler):
    def answer(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        message = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        notification = str(uuid.uuid4())
        with lock:
            sent.setdefault(message["reference"], []).append(notification)
            record.write(message["reference"] + "\n")
        time.sleep(delay)  # Notify's own time to answer: a process may be killed meanwhile
        self.answer(201, {"id": notification})

    def do_GET(self):
        url = urlparse(self.path)
        if url.path.startswith("/v2/template/"):
            kind = {"1": "email", "2": "sms", "3": "letter"}[url.path[-1]]
            self.answer(200, {"id": url.path.split("/")[-1], "type": kind, "subject": "((subject))", "body": "((body))"})
        elif url.path == "/v2/notifications":
            reference = parse_qs(url.query).get("reference", [""])[0]
            with lock:
                ids = list(sent.get(reference, []))
            self.answer(200, {"notifications": [{"id": i, "reference": reference, "status": "sending"} for i in ids]})
        else:
            self.answer(200, {"id": url.path.split("/")[-1], "status": "received"})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Notify).serve_forever()
