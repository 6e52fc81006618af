/** The bureau listing as a file: CSV (UTF-8 with BOM, so Excel reads the Chinese) and XLSX. */
import ExcelJS from 'exceljs';
import { DOSSIER_STATUS_LABELS } from '../core/dossier/status.ts';
import type { ListItem } from '../storage/dossiers.ts';

const HEADERS = [
  '编号',
  '单位',
  '年度',
  '状态',
  '版本',
  '总分',
  '等级',
  '预算执行率(%)',
  '错误',
  '警告',
  '提示',
  '更新时间',
];

function row(i: ListItem): (string | number)[] {
  return [
    i.id,
    i.unitName,
    i.year,
    DOSSIER_STATUS_LABELS[i.status],
    i.version,
    i.summary.total ?? '',
    i.summary.grade ?? '',
    i.summary.executionRate ?? '',
    i.summary.findings.error,
    i.summary.findings.warning,
    i.summary.findings.info,
    i.updatedAt,
  ];
}

/**
 * Text cells starting with = + - @ are prefixed with ' so a spreadsheet does not run them as
 * formulas.
 */
function safeText(v: string | number): string {
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: string | number): string {
  const s = safeText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCsv(items: readonly ListItem[]): string {
  const lines = [HEADERS, ...items.map(row)].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function exportXlsx(items: readonly ListItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效自评汇总');
  ws.addRow(HEADERS).font = { bold: true };
  for (const i of items) {
    const r = row(i);
    // Scores and rates as numbers (two decimals) so the bureau can sort and sum in Excel.
    ws.addRow(
      r.map((v, k) =>
        k >= 5 && k <= 7 && v !== '' && k !== 6
          ? Number(v)
          : typeof v === 'string'
            ? safeText(v)
            : v,
      ),
    );
  }
  ws.getColumn(2).width = 36;
  ws.getColumn(12).width = 26;
  for (const c of [6, 8]) ws.getColumn(c).numFmt = '0.00';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
