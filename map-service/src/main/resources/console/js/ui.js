// Small shared pieces: a modal form dialog, a toast line and the notices of
// map layers that could not be read.
import {t, word, clock, onLanguageChange} from './i18n.js';
import {esc} from './map.js';

/**
 * Shows a modal form; resolves to {name: value} when submitted, null when cancelled.
 * fields: [{name, label, type: 'text'|'textarea'|'select'|'number', options: [[value, text]], value, min, max}]
 */
export function ask(title, fields) {
  const dialog = document.getElementById('dialog');
  document.getElementById('dialog-title').textContent = title;
  document.getElementById('dialog-body').innerHTML = fields.map(f => {
    const id = `field-${f.name}`;
    const value = esc(f.value ?? '');
    let input;
    if (f.type === 'select') {
      input = `<select id="${id}" name="${f.name}">${f.options.map(([v, text]) =>
        `<option value="${esc(v)}"${v === f.value ? ' selected' : ''}>${esc(text)}</option>`).join('')}</select>`;
    } else if (f.type === 'number') {
      input = `<input id="${id}" name="${f.name}" type="number" min="${f.min ?? ''}" max="${f.max ?? ''}" value="${value}" required>`;
    } else if (f.type === 'textarea') {
      input = `<textarea id="${id}" name="${f.name}" rows="4" required>${value}</textarea>`;
    } else {
      input = `<input id="${id}" name="${f.name}" value="${value}" required>`;
    }
    return `<label for="${id}">${esc(f.label)}</label>${input}`;
  }).join('');
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'ok') {
        resolve(null);
        return;
      }
      const out = {};
      fields.forEach(f => { out[f.name] = document.getElementById(`field-${f.name}`).value.trim(); });
      resolve(out);
    }, {once: true});
    dialog.returnValue = '';
    dialog.showModal();
    const first = dialog.querySelector('input, textarea, select');
    if (first) {
      first.focus();
    }
  });
}

let toastTimer;

/** A short message at the bottom; detail (the server's own words, if any) shows on hover. */
export function toast(text, bad, detail) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.title = detail || '';
  el.className = 'toast show' + (bad ? ' bad' : '');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = 'toast'; }, 6000);
}

// What a refused action's status means, in the bundle's words; the server's reason (English) is the detail.
const FAILURES = {0: 'msg.failed_unavailable', 400: 'msg.failed_bad_request', 403: 'msg.failed_forbidden',
  404: 'msg.failed_not_found', 409: 'msg.failed_conflict', 413: 'msg.failed_bad_request',
  503: 'msg.failed_unavailable'};

/** Shows what an action answered: done, or why not in the officer's language (the server's reason on hover). */
export function report(res) {
  if (res.ok) {
    toast(t('msg.done'));
  } else {
    const key = FAILURES[res.status];
    toast(key ? t(key) : t('msg.failed', {reason: res.status}), true, res.body && res.body.reason);
  }
  return res.ok;
}

const layers = new Map(); // layer → {failure: {status} | null (status 0: unreachable), loadedAt}

/**
 * Records how a read of a map layer went ({ok, status, body} from api.get):
 * a failure shows a notice over the map until the next read succeeds.
 */
export function layerRead(layer, res) {
  const held = layers.get(layer) || {failure: null, loadedAt: null};
  if (res.ok) {
    held.failure = null;
    held.loadedAt = Date.now();
  } else {
    held.failure = {status: res.status};
  }
  layers.set(layer, held);
  showLayerNotices();
}

function showLayerNotices() {
  const box = document.getElementById('layer-notices');
  if (!box) {
    return;
  }
  box.innerHTML = [...layers].filter(([, l]) => l.failure).map(([layer, l]) => {
    const why = l.failure.status ? `HTTP ${l.failure.status}` : t('layer.unreachable');
    const params = {layer: word('map.layers', layer), why, time: clock(l.loadedAt)};
    const text = l.loadedAt ? t('layer.failed_since', params) : t('layer.failed', params);
    return `<div class="layer-notice" data-layer="${esc(layer)}" role="alert">${esc(text)}</div>`;
  }).join('');
}
onLanguageChange(showLayerNotices);
