// vanban serve: small enhancements over pages that work without script. Served as a file:
// the Content-Security-Policy allows no inline script at all.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const pieces = (key) => document.querySelectorAll(`#doctext [data-item="${CSS.escape(key)}"]`);
  const viewer = document.getElementById('viewer');
  const shown = viewer && viewer.dataset.page ? Number(viewer.dataset.page) : null;
  const svg = viewer && viewer.querySelector('svg.boxes');
  const preview = svg && svg.querySelector('rect.preview');
  const boxOf = (el) => (el.dataset.box ? el.dataset.box.split(',').map(Number) : null);
  const onShownPage = (el) => shown !== null && Number(el.dataset.page) === shown && boxOf(el);
  const place = (rect, b) => {
    rect.setAttribute('x', b[0] - 2);
    rect.setAttribute('y', b[1] - 2);
    rect.setAttribute('width', b[2] - b[0] + 4);
    rect.setAttribute('height', b[3] - b[1] + 4);
    rect.classList.remove('off');
  };
  for (const el of document.querySelectorAll('[data-item]')) {
    const key = el.getAttribute('data-item');
    // Pointing at an item lights up its pieces in the text and, on the page shown, its place.
    el.addEventListener('mouseenter', () => {
      pieces(key).forEach((p) => p.classList.add('hover'));
      if (preview && onShownPage(el)) place(preview, boxOf(el));
    });
    el.addEventListener('mouseleave', () => {
      pieces(key).forEach((p) => p.classList.remove('hover'));
      if (preview) preview.classList.add('off');
    });
    // Choosing an item on the page shown moves the box there without reloading the page.
    el.addEventListener('click', (ev) => {
      if (!svg || !onShownPage(el) || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault();
      let rect = svg.querySelector('rect.box:not(.preview)');
      if (!rect) {
        rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('class', 'box');
        svg.insertBefore(rect, preview);
      }
      rect.setAttribute('data-item', key);
      place(rect, boxOf(el));
      document.querySelectorAll('#doctext .sel').forEach((p) => p.classList.remove('sel'));
      pieces(key).forEach((p) => p.classList.add('sel'));
      document.querySelectorAll('.doc-items li.sel').forEach((li) => li.classList.remove('sel'));
      const li = document.querySelector(`.doc-items a.item[data-item="${CSS.escape(key)}"]`);
      if (li) li.parentElement.classList.add('sel');
      const note = viewer.querySelector('.note');
      if (note) note.remove();
      const url = new URL(location.href);
      url.searchParams.set('item', key);
      url.searchParams.delete('p');
      history.replaceState(null, '', url);
      viewer.scrollIntoView({ block: 'nearest' });
    });
  }
  // The selected item's place in the text, brought into view beside the page image.
  const sel = document.querySelector('#doctext .sel');
  if (sel) sel.scrollIntoView({ block: 'center' });
  const item = document.querySelector('.doc-items li.sel');
  if (item) item.scrollIntoView({ block: 'nearest' });
});
