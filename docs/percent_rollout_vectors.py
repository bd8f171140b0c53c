"""Independent reference implementation of FeatureFlags' percent-rollout bucket, used to generate
percent-rollout-vectors.csv. Another language can port these dozen lines and check itself against the CSV.

bucket = fmix64(fnv1a64(utf8(full_name + ":" + user_id))) % 100000
"""
import csv
import sys

MASK = (1 << 64) - 1


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK
    return h


def fmix64(k: int) -> int:
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & MASK
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & MASK
    k ^= k >> 33
    return k


def bucket(full_name: str, user_id: str) -> int:
    return fmix64(fnv1a64(f"{full_name}:{user_id}".encode("utf-8"))) % 100000


CASES = [
    ("checkout.new_cart", "1"),
    ("checkout.new_cart", "2"),
    ("checkout.new_cart", "42"),
    ("checkout.new_cart", "alice"),
    ("checkout.new_cart", "bob"),
    ("checkout.new_cart", ""),
    ("lms.courseware.new_outline", "user-1000"),
    ("lms.courseware.new_outline", "anon-7f3c2a"),
    ("tests.beta", "alice"),
    ("tests.beta", "Zoë"),
    ("tests.beta", "用户"),
    ("tests.beta", "emoji-\U0001F680"),
    ("a.b", "0"),
    ("a.b", "999999999999"),
    ("billing.invoice_v2", "org:acme:user:17"),
    ("billing.invoice_v2", "550e8400-e29b-41d4-a716-446655440000"),
]

if __name__ == "__main__":
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["toggle", "user", "bucket"])
    for name, user in CASES:
        writer.writerow([name, user, bucket(name, user)])
