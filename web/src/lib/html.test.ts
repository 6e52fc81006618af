import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.ts';

describe('escapeHtml', () => {
  it('turns markup into text', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    );
    expect(escapeHtml(`a&b 'c'`)).toBe('a&amp;b &#39;c&#39;');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('escapes interpolated values but not the template', () => {
    expect(html`${'<b>单位</b>'}<br />得分 ${97.5}`).toBe('&lt;b&gt;单位&lt;/b&gt;<br />得分 97.5');
  });
});
