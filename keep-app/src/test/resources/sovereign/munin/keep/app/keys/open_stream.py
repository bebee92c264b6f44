# Peer check for Munin Keep's segmented stream layout (docs/FORMATS.md, "Large files"), with Python's cryptography
# package: argv: data key (hex), stream file (the part after the wrapped key: prefix and segments).
# Prints the SHA-256 (hex) of the plaintext, or exits 1 when a segment does not open or the stream is cut.
import hashlib
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEGMENT, TAG = 64 * 1024, 16
key, path = bytes.fromhex(sys.argv[1]), sys.argv[2]
data = open(path, "rb").read()
prefix, rest = data[:7], data[7:]
aad = b"MKS1" + prefix
digest = hashlib.sha256()
i = 0
while True:
    chunk, rest = rest[:SEGMENT + TAG], rest[SEGMENT + TAG:]
    last = len(rest) == 0
    nonce = prefix + i.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
    try:
        digest.update(AESGCM(key).decrypt(nonce, chunk, aad))
    except Exception as e:  # InvalidTag
        sys.exit("segment %d does not open: %r" % (i, e))
    if last:
        break
    i += 1
print(digest.hexdigest())
