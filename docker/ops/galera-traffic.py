#!/usr/bin/env python3
"""Concurrent conflicting money traffic over several replicas, for docker/ops/galera-conflicts.sh.

BASES (space-separated base URLs), CLIENTS, DURATION (s), USERS, WORK (a directory) from the environment. Writes the
references of the movements answered 200 to WORK/references, prints the answers by kind, and creates WORK/failed if a
fresh key got 409, anything got 500 or a connection error, or the two answers of a duplicate pair disagree.
"""
import http.client
import json
import os
import random
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

BASES = os.environ["BASES"].split()
CLIENTS = int(os.environ.get("CLIENTS", "12"))
DURATION = float(os.environ.get("DURATION", "40"))
USERS = int(os.environ.get("USERS", "8"))
WORK = os.environ["WORK"]

counts = Counter()
references = []
problems = []
lock = threading.Lock()
local = threading.local()


def call(base, method, path, body=None, headers=None):
    """(status, headers, parsed body) over one kept-alive connection per thread and replica."""
    conns = getattr(local, "conns", None)
    if conns is None:
        conns = local.conns = {}
    for attempt in range(2):
        conn = conns.get(base)
        if conn is None:
            url = urlparse(base)
            conn = conns[base] = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            conn.request(method, path, body=None if body is None else json.dumps(body),
                         headers={"Content-Type": "application/json", **(headers or {})})
            response = conn.getresponse()
            raw = response.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw.decode(errors="replace")
            return response.status, dict(response.getheaders()), parsed, response.getheader("Set-Cookie")
        except (http.client.HTTPException, OSError):
            conn.close()
            conns.pop(base, None)
            if attempt == 1:
                return 0, {}, None, None


class User:
    def __init__(self, n):
        self.email = f"galera-{uuid.uuid4().hex}@example.com"
        mobile = "6281" + str(random.randrange(10**9, 10**10))
        status, _, body, _ = call(BASES[0], "POST", "/users", {"email": self.email, "password": "correct-horse-42",
                                                             "name": f"User {n}", "mobile": mobile})
        assert status == 201, (status, body)
        self.account = body["accountNumber"]
        conn = http.client.HTTPConnection(urlparse(BASES[0]).hostname, urlparse(BASES[0]).port)
        conn.request("POST", "/token/auth", json.dumps({"email": self.email, "password": "correct-horse-42"}),
                     {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                k, v = value.split(";", 1)[0].split("=", 1)
                cookies[k] = v
        self.headers = {"Cookie": "access_token_cookie=" + cookies["access_token_cookie"],
                        "X-CSRF-TOKEN": cookies["csrf_access_token"], "location": "galera",
                        "ip-address": "10.0.0.1"}

    def money(self, base, path, body, key):
        return call(base, "POST", path, body, {**self.headers, "Idempotency-Key": key})


def record(kind, status, headers, body, fresh=True):
    with lock:
        replayed = headers.get("Idempotent-Replayed") == "true"
        counts[(kind, status, "replayed" if replayed else "fresh")] += 1
        if status == 200 and isinstance(body, dict) and body.get("reference"):
            references.append(body["reference"])
        if status in (0, 500) or (fresh and status == 409):
            problems.append(f"{kind}: {status} {body}")
        if status == 503 and "Retry-After" not in headers:
            problems.append(f"{kind}: 503 without Retry-After")


def one(users, hot):
    base = random.choice(BASES)
    roll = random.random()
    if roll < 0.35:
        payee = random.choice([u for u in users if u is not hot])
        kind, user, path, body = "hot payer", hot, "/api/transfer", {"amount": random.randint(1, 50),
                                                                      "account": payee.account}
    elif roll < 0.55:
        user = random.choice(users)
        kind, path, body = "top-up", "/api/topup", {"amount": random.randint(1, 1000)}
    elif roll < 0.75:
        user, payee = random.sample(users, 2)
        kind, path, body = "wallet transfer", "/api/transfer", {"amount": random.randint(1, 200),
                                                                 "account": payee.account}
    elif roll < 0.85:
        user = random.choice(users)
        kind, path, body = "bank transfer", "/api/transfer", {"amount": random.randint(1, 100), "code": "bni"}
    else:
        duplicate(users, hot)
        return
    status, headers, answer, _ = user.money(base, path, body, str(uuid.uuid4()))
    record(kind, status, headers, answer)


def duplicate(users, hot):
    """One key and body to every replica at the same moment: one fresh answer, the others its replay."""
    payee = random.choice([u for u in users if u is not hot])
    body = {"amount": random.randint(1, 50), "account": payee.account}
    key = str(uuid.uuid4())
    start = threading.Barrier(len(BASES))
    answers = [None] * len(BASES)

    def send(i):
        start.wait()
        answers[i] = hot.money(BASES[i], "/api/transfer", body, key)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(BASES))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for status, headers, answer, _ in answers:
        record("duplicate pair", status, headers, answer, fresh=False)
    oks = [a for a in answers if a[0] == 200]
    with lock:
        if len({a[2]["reference"] for a in oks}) > 1:
            problems.append(f"duplicate pair moved money twice: {[a[2] for a in oks]}")
        if len(oks) == len(answers) and sum(a[1].get("Idempotent-Replayed") != "true" for a in oks) != 1:
            problems.append(f"duplicate pair: not one fresh answer and replays: {[a[1] for a in oks]}")
        if any(a[0] == 409 for a in answers):
            counts[("duplicate pair", "one got 409", "")] += 1


def main():
    users = [User(n) for n in range(USERS)]
    hot = users[0]
    for user in users:
        status, headers, body, _ = user.money(BASES[0], "/api/topup", {"amount": 50_000_000 if user is hot else 100_000},
                                               str(uuid.uuid4()))
        assert status == 200, (status, body)
    deadline = time.time() + DURATION

    def client():
        while time.time() < deadline:
            one(users, hot)

    started = time.time()
    with ThreadPoolExecutor(CLIENTS) as pool:
        for f in [pool.submit(client) for _ in range(CLIENTS)]:
            f.result()
    elapsed = time.time() - started
    total = sum(v for (kind, status, how), v in counts.items() if status != "one got 409")
    print(f"{total} answers in {elapsed:.0f} s over {len(BASES)} replicas, {CLIENTS} clients")
    for (kind, status, how), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]), kv[0][2])):
        print(f"  {kind:16} {status!s:12} {how:9} {n}")
    fresh409 = sum(n for (kind, status, how), n in counts.items() if status == 409 and kind != "duplicate pair")
    errors = sum(n for (kind, status, how), n in counts.items() if status in (0, 500))
    print(f"fresh keys answered 409: {fresh409}; 500 or no answer: {errors}; problems: {len(problems)}")
    for problem in problems[:10]:
        print("  " + problem)
    with open(os.path.join(WORK, "references"), "w") as out:
        out.write("\n".join(references) + "\n")
    if problems:
        open(os.path.join(WORK, "failed"), "w").close()


if __name__ == "__main__":
    main()
