/**
 * Text into HTML or XML markup: the one escape used by the HTML report, the WordprocessingML body
 * of the DOCX and the web pages that build HTML text themselves (ECharts tooltips render their
 * formatter's output as HTML, issue 13). Quotes are escaped too, so the text is safe inside an
 * attribute value of either quote style.
 */
const MARKUP_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeMarkup(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c] as string);
}
