/**
 * A small zip writer (store or deflate, no zip64) for building test and fuzz containers, including
 * ones that lie: an entry may declare a size other than what it inflates to.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntryInput {
  readonly name: string;
  /** Inflated content. */
  readonly data?: Uint8Array;
  /** Already-deflated content (raw deflate) with its true inflated size, for big bombs. */
  readonly deflated?: { readonly bytes: Uint8Array; readonly size: number; readonly crc: number };
  /** 0 = stored, 8 = deflate (default). */
  readonly method?: 0 | 8;
  /** Size written into the headers instead of the true one (a lying entry). */
  readonly declaredSize?: number;
}

export function writeZip(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.deflated ? 8 : (e.method ?? 8);
    let body: Buffer;
    let size: number;
    let crc: number;
    if (e.deflated) {
      body = Buffer.from(e.deflated.bytes);
      size = e.deflated.size;
      crc = e.deflated.crc;
    } else {
      const data = Buffer.from(e.data ?? new Uint8Array());
      body = method === 8 ? deflateRawSync(data) : data;
      size = data.length;
      crc = crc32(data);
    }
    const declared = e.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
