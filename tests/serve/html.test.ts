/** The one HTML template of the web page: every interpolation escaped unless made by html itself. */
import { describe, expect, it } from 'vitest';
import { html, raw } from '../../src/serve/html.ts';
import { shownDate } from '../../src/serve/i18n.ts';

describe('html``', () => {
  it('escapes text in content and in attributes', () => {
    const text = `<script>alert("x")</script> & 'q'`;
    expect(html`<p title="${text}">${text}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
  });

  it('inserts its own results and raw markup as they are, arrays joined, nothing for null and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}${raw('<br>')}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0<br>');
  });

  it('a string that looks like markup is still text', () => {
    const looks = '<b>bold</b>';
    expect(html`${looks}`.value).toBe('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('dates as Vietnamese write them', () => {
  it.each([
    ['2021-03-05', '05/03/2021'],
    ['2021-03', '03/2021'],
    ['2021', '2021'],
    [null, ''],
    ['quý I', 'quý I'],
  ])('%s → %s', (iso, shown) => expect(shownDate(iso)).toBe(shown));
});
