/**
 * Checks a DOCX/XLSX zip container against the import limits before any library inflates it
 * (issue #13: a 583 KB .docx that inflates to 200 MB took the server to 4.5 GB and down).
 *
 * The central directory is read here (PKWARE APPNOTE §4.3.12–4.3.16): entry count, each entry's
 * declared inflated size, their total and the ratio to the compressed size. Declared sizes can lie,
 * so every entry is then inflated with a hard output cap (zlib maxOutputLength) of its declared
 * size: an entry that inflates past what it declares is refused. That pass also counts the
 * paragraphs of Word XML parts and the rows and cells of worksheets, which bound what mammoth and
 * exceljs will build in memory. Work and memory of the guard itself are bounded by maxEntryBytes
 * and maxTotalBytes.
 */
import { inflateRawSync } from 'node:zlib';
import { InputErrors, type Lang } from '../core/errors/input-error.ts';
import {
  currentImportLimits,
  formatBytes,
  limitError,
  RATIO_FLOOR_BYTES,
  type ImportLimits,
} from './limits.ts';

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const LFH_SIG = 0x04034b50;
/** EOCD record is 22 bytes plus a comment of at most 65,535 bytes. */
const EOCD_SEARCH = 22 + 0xffff;

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** What the guard measured (for tests, the fuzz report and messages). */
export interface ZipCounts {
  readonly entries: number;
  readonly totalBytes: number;
  readonly paragraphs: number;
  readonly rows: number;
  readonly cells: number;
}

class ZipFormatError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
  }
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_SEARCH);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  throw new ZipFormatError('找不到压缩包目录，文件不完整', 'no end of central directory');
}

/** The central directory's entries (no inflation). Throws ZipFormatError on a malformed one. */
export function readCentralDirectory(data: Uint8Array): ZipEntryInfo[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 22) throw new ZipFormatError('文件过短', 'too short');
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipFormatError('zip64', 'zip64');
  if (cdOffset + cdSize > eocd)
    throw new ZipFormatError('目录位置超出文件', 'central directory out of range');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  while (p + 46 <= end) {
    if (buf.readUInt32LE(p) !== CDH_SIG)
      throw new ZipFormatError('目录项损坏', 'bad central directory entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const localOffset = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff)
      throw new ZipFormatError('zip64', 'zip64');
    entries.push({
      name: buf.toString('utf8', p + 46, Math.min(end, p + 46 + nameLen)),
      method: buf.readUInt16LE(p + 10),
      compressedSize,
      size,
      localOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Occurrences of an XML start tag `<name` followed by space, `>` or `/` (prefix-free name). */
function countTags(xml: Buffer, tag: string): number {
  const needle = Buffer.from(`<${tag}`);
  let n = 0;
  let i = xml.indexOf(needle);
  while (i >= 0) {
    const next = xml[i + needle.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a) n++;
    i = xml.indexOf(needle, i + needle.length);
  }
  return n;
}

const isWordPart = (name: string) =>
  /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(name);
const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);

function entryData(buf: Buffer, e: ZipEntryInfo): Buffer {
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LFH_SIG)
    throw new ZipFormatError('文件头损坏', 'bad local header');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length)
    throw new ZipFormatError('数据超出文件末尾', 'entry out of range');
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Refuse a zip container above the limits (InputErrors code file.limit, the message names the
 * limit), or a malformed one (file.unsupported). Returns what it measured.
 */
export function assertZipWithinLimits(
  data: Uint8Array,
  file: string,
  lang: Lang = 'zh',
  limits: ImportLimits = currentImportLimits(),
): ZipCounts {
  const refuse = (zh: string, en: string) => limitError(file, zh, en, lang);
  const corrupt = (zh: string, en: string) =>
    new InputErrors([
      {
        code: 'file.unsupported',
        where: { file },
        message:
          lang === 'zh' ? `${file}：Office 文件已损坏（${zh}）` : `${file}: corrupt zip (${en})`,
      },
    ]);
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let entries: ZipEntryInfo[];
  try {
    entries = readCentralDirectory(buf);
  } catch (err) {
    if (!(err instanceof ZipFormatError)) throw err;
    if (err.message === 'zip64')
      throw refuse(
        '压缩包使用 ZIP64 格式（4 GB 以上的容器），不是正常的 Word/Excel 文件',
        'a ZIP64 container, not an ordinary Word/Excel file',
      );
    throw corrupt(err.zh, err.message);
  }
  if (entries.length > limits.maxZipEntries)
    throw refuse(
      `压缩包内有 ${entries.length} 个文件，超过上限 ${limits.maxZipEntries} 个`,
      `the container holds ${entries.length} entries, above the limit of ${limits.maxZipEntries}`,
    );
  const entryLimit = formatBytes(limits.maxEntryBytes);
  let total = 0;
  for (const e of entries) {
    if (e.size > limits.maxEntryBytes)
      throw refuse(
        `压缩包内「${e.name}」解压后 ${formatBytes(e.size)}，超过单个文件上限 ${entryLimit}`,
        `"${e.name}" inflates to ${formatBytes(e.size)}, ` +
          `above the per-entry limit of ${entryLimit}`,
      );
    total += e.size;
    if (total > limits.maxTotalBytes)
      throw refuse(
        `压缩包解压后超过总大小上限 ${formatBytes(limits.maxTotalBytes)}`,
        `the container inflates to more than ${formatBytes(limits.maxTotalBytes)}`,
      );
    const ratio = Math.round(e.size / Math.max(1, e.compressedSize));
    if (e.size > RATIO_FLOOR_BYTES && e.size > e.compressedSize * limits.maxRatio)
      throw refuse(
        `压缩包内「${e.name}」压缩比 ${ratio} 倍，超过上限 ${limits.maxRatio} 倍（疑似压缩炸弹）`,
        `"${e.name}" has a compression ratio of ${ratio}, above ${limits.maxRatio} (a zip bomb?)`,
      );
  }
  // Declared sizes can lie: inflate each entry with its declared size as a hard cap.
  let paragraphs = 0;
  let rows = 0;
  let cells = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) continue; // the reader refuses other methods
    let raw: Buffer;
    try {
      raw = entryData(buf, e);
    } catch (err) {
      if (!(err instanceof ZipFormatError)) throw err;
      throw corrupt(`「${e.name}」${err.zh}`, err.message);
    }
    let inflated: Buffer;
    if (e.method === 0) inflated = raw;
    else {
      try {
        inflated = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
          throw refuse(
            `压缩包内「${e.name}」解压后超过其声明的大小 ${formatBytes(e.size)}（疑似压缩炸弹）`,
            `"${e.name}" inflates past its declared size of ${formatBytes(e.size)} (a zip bomb?)`,
          );
        throw corrupt(`「${e.name}」无法解压`, `entry "${e.name}" does not inflate`);
      }
    }
    if (inflated.length !== e.size)
      throw corrupt(
        `「${e.name}」的大小与目录不符`,
        `entry "${e.name}" differs from the directory`,
      );
    if (isWordPart(e.name)) {
      paragraphs += countTags(inflated, 'w:p');
      if (paragraphs > limits.maxParagraphs)
        throw refuse(
          `Word 文件超过 ${limits.maxParagraphs} 个段落的上限`,
          `the document has more than ${limits.maxParagraphs} paragraphs`,
        );
    } else if (isSheet(e.name)) {
      rows += countTags(inflated, 'row');
      cells += countTags(inflated, 'c');
      if (rows > limits.maxRows)
        throw refuse(
          `Excel 文件超过 ${limits.maxRows} 行的上限`,
          `the workbook has more than ${limits.maxRows} rows`,
        );
      if (cells > limits.maxCells)
        throw refuse(
          `Excel 文件超过 ${limits.maxCells} 个单元格的上限`,
          `the workbook has more than ${limits.maxCells} cells`,
        );
    }
  }
  return { entries: entries.length, totalBytes: total, paragraphs, rows, cells };
}
