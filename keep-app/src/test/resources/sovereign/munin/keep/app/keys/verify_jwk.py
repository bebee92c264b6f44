# Peer check for Munin Keep's JWK Sets and signature conventions, with Python's cryptography package:
# reads cases (name, jwk, message hex, signature hex) from the JSON file named on the command line and prints
# "<name> true|false" for each, true when the signature verifies under the key the JWK describes.
import base64
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def number(text):
    return int.from_bytes(b64url(text), "big")


def verify(jwk, message, signature):
    if jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519":
        ed25519.Ed25519PublicKey.from_public_bytes(b64url(jwk["x"])).verify(signature, message)
    elif jwk["kty"] == "EC" and jwk["crv"] == "P-384":
        key = ec.EllipticCurvePublicNumbers(number(jwk["x"]), number(jwk["y"]), ec.SECP384R1()).public_key()
        key.verify(signature, message, ec.ECDSA(hashes.SHA384()))
    elif jwk["kty"] == "RSA":
        key = rsa.RSAPublicNumbers(number(jwk["e"]), number(jwk["n"])).public_key()
        key.verify(signature, message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                   hashes.SHA256())
    else:
        raise ValueError("unexpected JWK " + json.dumps(jwk))


for case in json.load(open(sys.argv[1])):
    try:
        verify(case["jwk"], bytes.fromhex(case["msg"]), bytes.fromhex(case["sig"]))
        print(case["name"], "true")
    except InvalidSignature:
        print(case["name"], "false")
