#!/usr/bin/env python3
"""Independent implementation of Signet signing format v1 (lib/chain/README.md), standard library
only. Recomputes every known-answer vector in vectors.json from its inputs and exits non-zero on
any difference. Written from the README, not from the TypeScript code, so that a mistake in either
shows up as a mismatch."""
import base64, hashlib, hmac, json, sys
from decimal import Decimal


class Num:
    """A JSON number kept as its literal."""
    def __init__(self, literal):
        self.literal = literal


def no_dupes(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def load(text):
    return json.loads(text, parse_float=Num, parse_int=Num, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)), object_pairs_hook=no_dupes)


def canon_number(literal):
    sign, digits, exp = Decimal(literal).as_tuple()
    digits = "".join(map(str, digits)).lstrip("0")
    if digits == "":
        return "0"
    stripped = digits.rstrip("0")
    exp += len(digits) - len(stripped)
    digits = stripped
    if exp >= 0:
        out = digits + "0" * exp
    elif len(digits) + exp > 0:
        out = digits[: len(digits) + exp] + "." + digits[len(digits) + exp:]
    else:
        out = "0." + "0" * (-(len(digits) + exp)) + digits
    return ("-" if sign else "") + out


ESC = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def canon_string(s):
    out = []
    for ch in s:
        if ch in ESC:
            out.append(ESC[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def canon(v):
    if isinstance(v, dict):
        keys = sorted(v, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(canon_string(k) + ":" + canon(v[k]) for k in keys) + "}"
    if isinstance(v, list):
        return "[" + ",".join(canon(x) for x in v) + "]"
    if isinstance(v, Num):
        return canon_number(v.literal)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return canon_number(repr(v))
    if isinstance(v, str):
        return canon_string(v)
    return {True: "true", False: "false", None: "null"}[v]


def select(log, paths):
    """include_fields selection: a path follows nested objects and also matches keys that contain
    dots; reaching a path's end selects the whole value; no descent into arrays."""
    def matches(prefix_segments, path_segments):
        return path_segments[: len(prefix_segments)] == prefix_segments

    def walk(obj, prefix):
        out = {}
        for key, value in obj.items():
            segs = prefix + key.split(".")
            if any(matches(p, segs) for p in paths):  # a listed path ends at or above this key
                out[key] = value
            elif any(matches(segs, p) for p in paths) and isinstance(value, dict):
                sub = walk(value, segs)
                if sub:
                    out[key] = sub
        return out

    paths = [p.split(".") for p in paths]
    return walk(log, [])


def step(key):
    return hashlib.sha256(key.encode()).hexdigest()


def mac(key, message):
    return hmac.new(key.encode(), message.encode("utf-8"), hashlib.sha256).hexdigest()


def main(path):
    v = json.load(open(path, encoding="utf-8"))
    failures = []

    def check(what, got, want):
        if got != want:
            failures.append(f"{what}: got {got!r}, want {want!r}")

    key = v["key0"]
    for e in v["key_evolution"]:
        check(f"key[{e['iteration']}]", key, e["key"])
        key = step(key)
    for n in v["numbers"]:
        check(f"number {n['literal']}", canon_number(n["literal"]), n["canonical"])
    for c in v["canonical_json"]:
        check(f"canonical {c['json'][:30]}", canon(load(c["json"])), c["canonical"])
    for chain in v["chains"]:
        key, prev, it = chain["head"]["key"], chain["head"]["previous_hash"], chain["head"]["iteration"]
        for text, exp in zip(chain["logs"], chain["expected"]):
            fields = canon(select(load(text), chain["include_fields"]))
            message = ('{"fields":' + fields + ',"iteration":' + str(it) + ',"previous_hash":' + ("null" if prev is None else '"' + prev + '"')
                       + ',"timestamp_ms":' + str(chain["timestamp_ms"]) + ',"version":1}')
            name = f"chain {chain['name']} iteration {it}"
            check(name + " key", key, exp["key"])
            check(name + " previous_hash", prev, exp["previous_hash"])
            check(name + " fields", fields, exp["fields_canonical"])
            check(name + " message", message, exp["signing_message"])
            h = mac(key, message)
            check(name + " hash", h, exp["hash"])
            key, prev, it = step(key), h, it + 1
        check(f"chain {chain['name']} final head", {"key": key, "iteration": it, "previous_hash": prev}, chain["final_head"])
    for c in v["corruption_ids"]:
        d = c["data"]
        order = ["from_iteration", "to_iteration", "previous_hash"] + (["next_hash"] if "next_hash" in d else []) + ["acknowledge_blockchain_id"]
        compact = json.dumps({k: d[k] for k in order}, separators=(",", ":"), ensure_ascii=False)
        check("corruption id", base64.b64encode(compact.encode()).decode(), c["id"])
    for a in v["acknowledgements"]:
        doc = dict(a["acknowledgement"])
        want = doc.pop("hash")
        ack_key = hmac.new(a["key_at_from"].encode(), b"signet acknowledgement v1", hashlib.sha256).hexdigest()
        check("acknowledgement hash", hmac.new(ack_key.encode(), canon(doc).encode(), hashlib.sha256).hexdigest(), want)

    for f in failures:
        print("MISMATCH", f)
    total = len(v["key_evolution"]) + len(v["numbers"]) + len(v["canonical_json"]) + sum(len(c["logs"]) for c in v["chains"]) + len(v["corruption_ids"]) + len(v["acknowledgements"])
    print(f"{total} vectors cross-checked, {len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
