/**
 * Import a published report file (PDF, DOCX, XLSX annex, HTML or plain text) into a dossier.
 * The file type is told by its bytes, not its name. Files that cannot be a report — empty,
 * encrypted, scanned without a text layer, corrupt, legacy binary Office, or text that is not a
 * budget-performance report — become InputErrors with code 'file.unsupported' (exit 2), never a
 * crash.
 */
import { readFile } from 'node:fs/promises';
import { InputErrors, type InputError, type Lang } from '../core/errors/input-error.ts';
import { extractDossier, type ImportReport } from './extract/index.ts';
import type { SourceDoc } from './model.ts';
import { unreadableFile } from '../io/load-dossier.ts';
import { readDocx, readXlsx } from './read-office.ts';
import { PdfReadError, readPdf } from './read-pdf.ts';
import { htmlToText, readText } from './read-text.ts';

export type { ImportReport } from './extract/index.ts';

const unsupported = (file: string, zh: string, en: string, lang: Lang): InputError => ({
  code: 'file.unsupported',
  where: { file },
  message: lang === 'zh' ? `${file}：${zh}` : `${file}: ${en}`,
});

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function decodeText(buf: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    try {
      // Chinese government files are often GB18030/GBK encoded.
      return new TextDecoder('gb18030', { fatal: true }).decode(buf);
    } catch {
      return undefined;
    }
  }
}

/** Bytes → positioned lines; throws InputErrors for files that are not readable reports. */
export async function readSourceBytes(
  buf: Uint8Array,
  file: string,
  lang: Lang = 'zh',
): Promise<SourceDoc> {
  const fail = (zh: string, en: string): never => {
    throw new InputErrors([unsupported(file, zh, en, lang)]);
  };
  if (buf.length === 0) fail('文件为空', 'the file is empty');
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) {
    try {
      return await readPdf(buf, file);
    } catch (err) {
      if (err instanceof PdfReadError) {
        if (err.reason === 'encrypted')
          fail(
            'PDF 已加密（需要密码），请提供未加密的文件',
            'the PDF is encrypted (password protected)',
          );
        if (err.reason === 'scanned')
          fail(
            'PDF 没有文字层（扫描件），请先做文字识别（OCR）再导入',
            'the PDF has no text layer (a scan); run OCR first',
          );
        fail(`PDF 文件已损坏，无法读取（${err.message}）`, `the PDF is corrupt (${err.message})`);
      }
      throw err;
    }
  }
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0]))
    fail(
      '这是旧版 Word/Excel（.doc/.xls）或加密的 Office 文件，请另存为未加密的 .docx/.xlsx',
      'legacy .doc/.xls or an encrypted Office file; save it as an unencrypted .docx/.xlsx',
    );
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const head = Buffer.from(buf).toString('latin1');
    try {
      if (head.includes('word/')) return await readDocx(buf, file);
      if (head.includes('xl/')) return await readXlsx(buf, file);
    } catch (err) {
      if (err instanceof InputErrors) throw err; // a limit (zip-guard.ts), not corruption
      fail(
        `Office 文件已损坏，无法读取（${(err as Error).message}）`,
        `the Office file is corrupt (${(err as Error).message})`,
      );
    }
    fail(
      '压缩包里既不是 Word（.docx）也不是 Excel（.xlsx）文件',
      'a zip archive that is neither .docx nor .xlsx',
    );
  }
  const nul = buf.subarray(0, 4096).filter((b) => b === 0).length;
  const text = nul > 0 ? undefined : decodeText(buf);
  if (text === undefined)
    return fail(
      '无法识别的文件类型（不是 PDF、Word、Excel 或文本）',
      'unrecognised file type (not PDF, Word, Excel or text)',
    );
  if (/^\s*</.test(text) && /<(html|body|table|p|div)[\s>]/i.test(text))
    return { ...readText(htmlToText(text), file), kind: 'html' };
  return readText(text, file);
}

/** A budget-performance report says so: without these words it is some other document. */
const REPORT_WORDS = /绩效|自评|预算|决算/g;

export function checkIsReport(doc: SourceDoc, lang: Lang = 'zh'): void {
  const text = doc.lines.map((l) => l.text).join('');
  if (text.trim().length === 0)
    throw new InputErrors([
      unsupported(doc.file, '文件中没有文字', 'the file holds no text', lang),
    ]);
  const hits = text.match(REPORT_WORDS)?.length ?? 0;
  if (hits < 2)
    throw new InputErrors([
      unsupported(
        doc.file,
        '这不像绩效自评报告（没有“绩效”“预算”“自评”等字样）',
        'this does not look like a performance self-evaluation report (no 绩效/预算/自评 wording)',
        lang,
      ),
    ]);
}

/**
 * Import one file: read, recognise, extract. Throws InputErrors for unusable files; extraction
 * problems come back in the report.
 */
export async function importFile(file: string, lang: Lang = 'zh'): Promise<ImportReport> {
  let buf: Uint8Array;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw unreadableFile(file, err, lang);
  }
  return importBytes(buf, file, lang);
}

export async function importBytes(
  buf: Uint8Array,
  file: string,
  lang: Lang = 'zh',
): Promise<ImportReport> {
  const doc = await readSourceBytes(buf, file, lang);
  checkIsReport(doc, lang);
  return extractDossier(doc, lang);
}

/** Text path only (pure, synchronous): used by tests, the fuzz test and the eval. */
export function importText(text: string, file: string, lang: Lang = 'zh'): ImportReport {
  const doc = readText(text, file);
  checkIsReport(doc, lang);
  return extractDossier(doc, lang);
}
