# Peer check of a Munin Keep audit export (C2SP tlog-tiles), written from the public specs only: c2sp.org/signed-note,
# tlog-checkpoint, tlog-tiles and RFC 9162 section 2.1, with keep-log/README-formats.md for the ML-DSA-65 key type.
# argv: export directory, file of pinned vkeys. Verifies the checkpoint's Ed25519 signature with Python's
# cryptography package and recomputes the tree root from the entry bundles. Prints what it checked, and the
# ML-DSA-65 signature with its key and the signed text (hex) for a second verifier; exits 1 on any mismatch.
import base64
import hashlib
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MLDSA_TYPE = b"\xff" + b"sovereign.munin.keep/ml-dsa-65"
directory, pins = sys.argv[1], sys.argv[2]

def fail(why):
    print("FAIL " + why)
    sys.exit(1)

keys = {}
for line in open(pins, encoding="ascii"):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    name, keyid, material = line.split("+", 2)
    raw = base64.b64decode(material)
    if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != keyid:
        fail("vkey key id does not match: " + line[:40])
    keys[bytes.fromhex(keyid)] = (name, raw)

note = open(directory + "/checkpoint", "rb").read()
text, _, sigs = note.partition(b"\n\n")
text += b"\n"
origin, size, root = text.decode().split("\n")[:3]
size = int(size)
root = base64.b64decode(root)
found = {}
for line in sigs.decode().splitlines():
    if not line.startswith("\u2014 "):
        fail("not a signature line")
    name, sig = line[2:].split(" ", 1)
    blob = base64.b64decode(sig)
    if blob[:4] in keys and keys[blob[:4]][0] == name:
        found[keys[blob[:4]][1][:1] == b"\x01" and "ed25519" or "ml-dsa-65"] = (keys[blob[:4]][1], blob[4:])
if "ed25519" not in found or "ml-dsa-65" not in found:
    fail("the checkpoint lacks a signature by a pinned key: " + ", ".join(found))
ed_key, ed_sig = found["ed25519"]
try:
    Ed25519PublicKey.from_public_bytes(ed_key[1:]).verify(ed_sig, text)
except Exception as e:
    fail("Ed25519 signature: %r" % e)
print("signature ed25519 ok")

def bundle_path(n):
    s = "%03d" % (n % 1000)
    n //= 1000
    while n > 0:
        s = "x%03d/%s" % (n % 1000, s)
        n //= 1000
    return s

leaves = []
full, rest = divmod(size, 256)
for n in range(full + (1 if rest else 0)):
    path = directory + "/tile/entries/" + bundle_path(n) + (".p/%d" % rest if n == full else "")
    data = open(path, "rb").read()
    i = 0
    while i < len(data):
        length = int.from_bytes(data[i:i + 2], "big")
        leaves.append(hashlib.sha256(b"\x00" + data[i + 2:i + 2 + length]).digest())
        i += 2 + length
if len(leaves) != size:
    fail("the bundles hold %d entries, the checkpoint says %d" % (len(leaves), size))

def mth(hashes):
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(hashes[:k]) + mth(hashes[k:])).digest()

computed = mth(leaves) if leaves else hashlib.sha256(b"").digest()
if computed != root:
    fail("the entries give root %s, the checkpoint says %s" % (computed.hex(), root.hex()))
print("root ok %d" % size)
ml_key, ml_sig = found["ml-dsa-65"]
if not ml_key.startswith(MLDSA_TYPE):
    fail("not an ML-DSA-65 vkey")
print("mldsa-pub " + ml_key[len(MLDSA_TYPE):].hex())
print("mldsa-sig " + ml_sig.hex())
print("text " + text.hex())
