/**
 * A grid of amount inputs: rows are items (income sources, 三公 items…), columns the money columns.
 */
import {
  MONEY_COLUMNS,
  MONEY_COLUMN_LABELS,
  type MoneyColumn,
} from '../../../src/core/dossier/concepts.ts';
import { pathToString, type Path } from '../lib/form.ts';
import { AmountField } from './fields.tsx';
import { RowNotes } from './row-comments.tsx';

export interface MoneyRow {
  readonly label: string;
  readonly path: Path;
}

export function MoneyTable({
  caption,
  rows,
  columns = MONEY_COLUMNS,
  footer,
}: {
  caption: string;
  rows: readonly MoneyRow[];
  columns?: readonly MoneyColumn[];
  footer?: React.ReactNode;
}) {
  return (
    <table className="grid-table">
      <caption>{caption}（万元）</caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {MONEY_COLUMN_LABELS[c].zh}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">
              {r.label}
              <RowNotes target={{ kind: 'row', ref: pathToString(r.path) }} label={r.label} />
            </th>
            {columns.map((c) => (
              <td key={c}>
                <AmountField
                  path={[...r.path, c]}
                  label={`${r.label}${MONEY_COLUMN_LABELS[c].zh}`}
                />
              </td>
            ))}
          </tr>
        ))}
        {footer}
      </tbody>
    </table>
  );
}
