#!/usr/bin/env node
// The licence notices ship: every store zip (Chrome, Firefox) and the sources zip AMO asks for
// hold THIRD_PARTY_NOTICES.txt naming mediabunny with its MPL-2.0 text (docs/local-processing.md).
// Runs after `wxt zip`; reads the zips with Node alone (central directory + zlib).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const out = new URL('../.output/', import.meta.url).pathname;
const NEEDED = ['mediabunny 1.61.0', 'Mozilla Public License Version 2.0'];

/** The bytes of the first entry whose name ends with `suffix`, or null. */
function entry(zip, suffix) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let at = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    if (name.endsWith(suffix)) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + skip;
  }
  return null;
}

const zips = readdirSync(out).filter((name) => name.endsWith('.zip'));
let failed = zips.length < 3;
if (failed) console.log(`expected the chrome, firefox and sources zips in .output/, found ${zips}`);
for (const name of zips) {
  const notice = entry(readFileSync(join(out, name)), 'THIRD_PARTY_NOTICES.txt');
  const text = notice?.toString('utf8') ?? '';
  const missing = NEEDED.filter((needle) => !text.includes(needle));
  if (!notice || missing.length) {
    failed = true;
    console.log(
      `${name}: ${notice ? `notice lacks ${missing.join(', ')}` : 'no THIRD_PARTY_NOTICES.txt'}`,
    );
  } else {
    console.log(`${name}: THIRD_PARTY_NOTICES.txt names mediabunny and carries the MPL-2.0`);
  }
}
process.exit(failed ? 1 : 0);
