/**
 * The report model (issue #4): the whole self-evaluation report — narrative, 附件1, 附件2 and one
 * 项目支出绩效自评表 per project with indicators — as plain data. Renderers (src/render/) turn it into
 * DOCX, XLSX, HTML and PDF without deciding anything about content; this model is what the snapshot
 * tests pin down.
 */

import type { ConceptKey } from '../concepts/index.ts';

/** A piece of text; `figure` names the concept a generated figure stands for (registry key). */
export interface Run {
  readonly text: string;
  /**
   * Concept key of a figure computed from the dossier (e.g. "execution.rate"); absent for prose.
   */
  readonly figure?: ConceptKey;
  readonly scope?: string;
}

/**
 * How a paragraph sits on the page: body text (default), the 落款 lines (unit, date) set flush
 * right, the "附件：" list (GB/T 9704 7.3.4: "附件：1．…", later items aligned under the first).
 */
export type ParagraphRole = 'body' | 'signature' | 'annex-list' | 'annex-item';

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly text: string }
  | {
      readonly kind: 'paragraph';
      readonly runs: readonly Run[];
      /** generated = written by jixiao from figures; written = a person's text inserted as is. */
      readonly source: 'generated' | 'written' | 'missing';
      readonly role?: ParagraphRole;
    }
  /** A table inside the narrative (the 评分复核说明 table). */
  | { readonly kind: 'table'; readonly table: Table };

/** How a number in a cell should be shown by spreadsheets (the text is always given too). */
export type CellFormat = 'wan' | 'percent' | 'points' | 'count';

export interface Cell {
  readonly text: string;
  readonly rowSpan?: number;
  readonly colSpan?: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  /** Stable name other cells' formulas refer to, e.g. "a2.total.actual". */
  readonly id?: string;
  /**
   * Exact numeric value (decimal string): 万元 for wan, points for points, a fraction for percent
   * ("0.9308" = 93.08%). Absent when the figure is not filled or not applicable.
   */
  readonly value?: string;
  readonly format?: CellFormat;
  /**
   * A spreadsheet formula over other cells, written with `{id}` placeholders that the XLSX renderer
   * replaces by A1 addresses, e.g. `IFERROR({a}/{b},"")`. `value` is its cached result.
   */
  readonly formula?: string;
}

export interface Row {
  readonly cells: readonly Cell[];
  /** Header rows: bold, and repeated on every page when they lead the table. */
  readonly header?: boolean;
}

export interface Table {
  readonly id: string;
  /** Relative column widths (sum does not matter). */
  readonly columns: readonly number[];
  readonly rows: readonly Row[];
}

/** An annex: a title page block with its tables; one spreadsheet sheet. */
export interface Annex {
  readonly id: string;
  /** "附件1", "附件2", "附件3-1". */
  readonly label: string;
  readonly title: string;
  /** Sheet name for spreadsheets (≤ 31 characters, no []:*?/\). */
  readonly sheet: string;
  /** Lines above the table, e.g. "填报单位：…". */
  readonly before: readonly string[];
  readonly tables: readonly Table[];
  /** Lines below the tables (notes, 填表人/日期). */
  readonly after: readonly string[];
  readonly landscape: boolean;
}

export interface ReportModel {
  readonly format: 'jixiao/report@1';
  readonly year: number;
  readonly unitName: string;
  /** "（2023年度）部门整体支出绩效自评报告". */
  readonly title: string;
  readonly body: readonly Block[];
  readonly annexes: readonly Annex[];
  /** A draft: every page carries 草稿 (the dossier is not ready for submission). */
  readonly draft?: boolean;
  /** The headline figures, for file names, summaries and cross-checks. */
  readonly summary: {
    readonly total: string | null;
    readonly grade: string | null;
    readonly ruleset: string | null;
    readonly executionRate: string;
  };
}

/** All text of a block list, one paragraph a line (used by tests and the text comparison). */
export function blockText(b: Block): string {
  if (b.kind === 'heading') return b.text;
  if (b.kind === 'table')
    return b.table.rows.map((r) => r.cells.map((c) => c.text).join('\t')).join('\n');
  return b.runs.map((r) => r.text).join('');
}
