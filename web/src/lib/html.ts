/**
 * Text into an HTML string (issue 13: a unit name reached an ECharts tooltip, which renders its
 * formatter's output as HTML). React escapes everything it renders; this is for the few places
 * that build HTML text themselves — every user-written value is escaped
 * (core's escapeMarkup) first.
 */
import { escapeMarkup } from '../../../src/core/text/markup.ts';

/** An HTML template whose interpolated values are escaped: html`${name}<br />` keeps the tag. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < values.length ? escapeMarkup(values[i]) : ''),
    '',
  );
}
