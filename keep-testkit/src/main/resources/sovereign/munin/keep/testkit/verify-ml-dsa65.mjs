// Verifies ML-DSA-65 signatures with @noble/post-quantum, an implementation independent of the JDK.
// Input: a JSON file of [{name, pub, msg, sig, ctx?}] in hex (pub = raw 1,952-byte key; ctx = FIPS 204 context).
// Output: "name true|false" per line.
import { readFileSync } from 'node:fs';
import { ml_dsa65 } from '@noble/post-quantum/ml-dsa.js';

const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const c of cases) {
  let verdict;
  try {
    // 0.7.1 argument order, per its ml-dsa.d.ts: verify(sig, msg, publicKey, opts?)
    verdict = c.ctx === undefined ? ml_dsa65.verify(hex(c.sig), hex(c.msg), hex(c.pub))
      : ml_dsa65.verify(hex(c.sig), hex(c.msg), hex(c.pub), { context: hex(c.ctx) });
  } catch (e) {
    verdict = 'error:' + e.message;
  }
  console.log(`${c.name} ${verdict}`);
}
