// vanban serve: small enhancements over pages that work without script. Served as a file:
// the Content-Security-Policy allows no inline script at all.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  // Pointing at an item (in the list or the text) lights up all its pieces in the text.
  const pieces = (key) => document.querySelectorAll(`#doctext [data-item="${CSS.escape(key)}"]`);
  for (const el of document.querySelectorAll('[data-item]')) {
    const key = el.getAttribute('data-item');
    el.addEventListener('mouseenter', () => pieces(key).forEach((p) => p.classList.add('hover')));
    el.addEventListener('mouseleave', () => pieces(key).forEach((p) => p.classList.remove('hover')));
  }
  // The selected item's place in the text, brought into view beside the page image.
  const sel = document.querySelector('#doctext .sel');
  if (sel) sel.scrollIntoView({ block: 'center' });
  const item = document.querySelector('.doc-items li.sel');
  if (item) item.scrollIntoView({ block: 'nearest' });
});
