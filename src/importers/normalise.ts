/**
 * Repairs applied to every line before extraction (domain.md §6 "Input text from PDFs is messy"):
 * traditional characters of the domain's vocabulary to simplified, full-width digits and signs to
 * ASCII, and the OCR confusions seen in scanned reports (万兀 → 万元, IO → 10, l → 1, O → 0 inside
 * numbers). Table separators and comparison signs (＜, ≥) are kept: the grid parser reads them.
 */
import { asciiDigits, asciiPercent } from '../core/text/digits.ts';

// Traditional → simplified for the words budget-performance reports use. Deliberately small:
// a full conversion table is not needed to read 预算/绩效/指标 vocabulary.
const T2S_PAIRS =
  '預预執执績绩評评價价經经費费項项單单財财撥拨數数額额萬万億亿實实際际決决總总計计務务車车輛辆購购運运維维護护國国資资產产標标質质時时對对滿满會会濟济態态續续響响進进編编員员離离職职構构設设' +
  '辦办門门體体調调後后結结轉转專专戶户稅税採采電电節节約约議议訓训報报況况與与為为處处長长減减達达現现發发據据應应錄录聯联繫系話话級级優优險险監监業业銀银貸贷織织檢检類类顯显問问題题說说關关' +
  '規规範范開开場场個个機机衛卫環环測测試试區区縣县鄉乡鎮镇穩稳訪访傳传證证條条動动參参勞劳齊齐創创興兴營营區区團团權权僅仅優优紀纪記记風风險险層层統统築筑銷销條条碼码積积極极務务幣币標标準准' +
  '確确認认議议協协調调組组織织導导負负責责學学習习歸归並并' +
  '無无單单數数額额況况' +
  // Place names, agriculture, disaster relief and everyday words of published 自评 pages.
  '來来備备儲储內内凈净淨净凍冻別别勵励厲厉嚴严圍围圖图墻墙牆墙孫孙將将幫帮廟庙廣广廳厅強强復复' +
  '掛挂揮挥損损撐撑斷断書书東东楊杨樓楼橋桥毀毁氣气溫温澇涝瀏浏災灾烏乌畝亩當当盡尽礎础稈秆' +
  '稟禀種种稱称簡简糧粮綜综腦脑臨临蓋盖藥药蘭兰號号補补覽览變变貍狸貧贫買买貼贴賃赁賦赋農农' +
  '連连過过適适還还鉤钩鋼钢間间陽阳雙双難难頁页養养館馆驟骤鷹鹰麥麦黃黄點点黨党從从邊边貨货' +
  '歲岁寫写舊旧網网頭头龍龙藝艺醫医療疗殘残婦妇兒儿檔档屬属們们這这樣样義义劃划慶庆爾尔覺觉' +
  '壓压擔担廠厂線线車车費费學学習习縣县區区級级鄉乡鎮镇與与';

const T2S = new Map<string, string>();
for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2)
  T2S.set(T2S_PAIRS[i] as string, T2S_PAIRS[i + 1] as string);

/** Any of T2S's traditional characters (all in the BMP: a class of UTF-16 code units is exact). */
const TRADITIONAL = new RegExp(`[${[...T2S.keys()].join('')}]`, 'g');

/**
 * Traditional characters of the domain vocabulary to simplified. One regex pass instead of a
 * string built character by character: this ran on every PDF row and cell (issue 14).
 */
export function toSimplified(text: string): string {
  return text.replace(TRADITIONAL, (ch) => T2S.get(ch) ?? ch);
}

/** Full-width digits, letters used as digits, decimal points and percent signs to ASCII. */
export function toHalfWidthDigits(text: string): string {
  return asciiPercent(asciiDigits(text))
    .replace(/(?<=\d)[．](?=\d)/g, '.')
    .replace(/\u00a0|\u3000/g, ' ')
    .replace(/[−–](?=\d)/g, '-');
}

const OCR_SUSPECT = /[兀IlOo]/;

/**
 * OCR confusions inside numbers and units. Returns the repaired text and whether anything changed.
 * Only letters touching digits are changed, so Latin words (e.g. "A 类") are left alone.
 */
export function repairOcr(text: string): { text: string; repaired: boolean } {
  // Every repair below rewrites one of these characters; most lines have none (issue 14).
  if (!OCR_SUSPECT.test(text)) return { text, repaired: false };
  let t = text
    .replace(/万兀/g, '万元')
    .replace(/亿兀/g, '亿元')
    .replace(/(?<![A-Za-z])I[O0o](?![A-Za-z])/g, '10')
    .replace(/(?<![A-Za-z])[lI](?=[\d.]*\d)(?=\d|\.\d)/g, '1')
    .replace(/(?<=\d)[lI](?![A-Za-z])/g, '1')
    .replace(/(?<=\d)[Oo](?=[\d.%])/g, '0')
    .replace(/(?<=\d\.)[Oo]/g, '0')
    .replace(/(?<=\d)[Oo](?=\s*(?:万元|亿|%|分))/g, '0');
  // Repeat once: "lO" → "10" needs both passes.
  t = t.replace(/(?<=\d)[lI](?![A-Za-z])/g, '1').replace(/(?<=\d)[Oo](?=[\d.%])/g, '0');
  return { text: t, repaired: t !== text };
}

// PDF fonts often map CJK glyphs to radical code points (⼈ U+2F08 for 人, ⺠ U+2EA0 for 民).
const RADICALS: Record<string, string> = {
  '\u2E81': '厂',
  '\u2E9F': '母',
  '\u2EA0': '民',
  '\u2EAE': '竹',
  '\u2EC4': '西',
  '\u2EC5': '见',
  '\u2EC6': '角',
  '\u2EC9': '贝',
  '\u2ECB': '车',
  '\u2ED3': '长',
  '\u2ED4': '门',
  '\u2EDA': '页',
  '\u2EDB': '风',
  '\u2EDC': '飞',
  '\u2EDD': '食',
  '\u2EE2': '马',
  '\u2EE4': '鬼',
  '\u2EE5': '鱼',
  '\u2EE6': '鸟',
  '\u2EE8': '麦',
  '\u2EE9': '黄',
  '\u2EEC': '齐',
  '\u2EEE': '齿',
  '\u2EF0': '龙',
  '\u2EF3': '龟',
};

/**
 * Kangxi and supplementary radicals and CJK compatibility ideographs (U+F900–U+FAFF), as some
 * embedded TrueType PDF fonts (pdfjs text layer) encode CJK characters, to the unified ideographs.
 */
export function fromRadicals(text: string): string {
  return text.replace(/[\u2E80-\u2FDF\uF900-\uFAFF]/g, (c) => RADICALS[c] ?? c.normalize('NFKC'));
}

/**
 * C0 control characters other than tab and line feed to a space. A PDF font that maps the
 * controls to its space glyph gets a ToUnicode entry of U+0001 for every space (Chromium writes
 * the lowest code point of a glyph), so "53.18 万亩" reads back as "53.18\u0001万亩".
 */
export function controlsToSpace(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
}

/**
 * Pinyin glosses that machine conversion leaves after a character: "預(yù)算" → "預算". Only a
 * parenthesised run of lower-case Latin letters with at least one tone mark (or ü) right after a
 * CJK character is dropped, so "(A)" column letters and "(B/A)" survive.
 */
const TONE_MARKED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
const PINYIN_GLOSS = new RegExp(
  String.raw`(?<=[\u3400-\u9fff])[(（][a-zü]*[${TONE_MARKED}][a-z${TONE_MARKED}]*[)）]`,
  'g',
);

export function dropPinyinGlosses(text: string): string {
  return text.includes('(') || text.includes('（') ? text.replace(PINYIN_GLOSS, '') : text;
}

/** All repairs of one line: simplified characters, ASCII digits, OCR fixes. */
export function normaliseLine(raw: string): { text: string; repaired: boolean } {
  const simplified = toHalfWidthDigits(
    toSimplified(fromRadicals(dropPinyinGlosses(controlsToSpace(raw)))),
  );
  const ocr = repairOcr(simplified);
  return { text: ocr.text.replace(/\s+$/, ''), repaired: ocr.repaired };
}
