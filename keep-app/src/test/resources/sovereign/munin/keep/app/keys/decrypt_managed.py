# Peer check for Munin Keep's managed-key ciphertext layout (docs/FORMATS.md), with Python's cryptography package:
# argv: AES-256 key (hex), key id, ciphertext file. Prints the plaintext (UTF-8) or exits 1 when it does not open.
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

key, key_id, path = bytes.fromhex(sys.argv[1]), sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
if data[0] != 0x01:
    sys.exit("not format 0x01")
version = int.from_bytes(data[1:5], "big")
body = data[5:]
if body[0] != 0x01:
    sys.exit("not AES-GCM body version 0x01")
aad = ("managed-key-data|%s|%d" % (key_id, version)).encode("utf-8")
try:
    print(AESGCM(key).decrypt(body[1:13], body[13:], aad).decode("utf-8"))
except Exception as e:  # InvalidTag: wrong key, associated data or altered ciphertext
    sys.exit("does not open: %r" % e)
