import { describe, expect, it } from 'vitest';
import { escapeMarkup } from './markup.ts';

describe('escapeMarkup', () => {
  it('escapes the five markup characters and leaves Chinese text alone', () => {
    expect(escapeMarkup(`<b title="x">甲&乙's</b>`)).toBe(
      '&lt;b title=&quot;x&quot;&gt;甲&amp;乙&#39;s&lt;/b&gt;',
    );
  });

  it('escapes an ampersand once, not an already written entity twice over', () => {
    // "&amp;" in the input is text the user wrote, so its & is escaped again (by design).
    expect(escapeMarkup('&amp;')).toBe('&amp;amp;');
  });

  it('prints null and undefined as empty text and numbers as written', () => {
    expect(escapeMarkup(null)).toBe('');
    expect(escapeMarkup(undefined)).toBe('');
    expect(escapeMarkup(12.5)).toBe('12.5');
  });
});
