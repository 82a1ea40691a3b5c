// Small shared pieces: a modal form dialog, a toast line, the notices of
// map layers that could not be read, and the table of units to tick.
import {t, word, clock, phrases, onLanguageChange} from './i18n.js';
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

/**
 * A table of units to tick, best first: a dispatch proposal, or what a node could send for mutual aid.
 * units are ticked unless ticked(unitId) says otherwise, alternates (under their heading) are not; each
 * box has the unit id as value and data-kind proposed or alternate. county(adcode), when given, names the
 * unit's county under its jurisdiction tier.
 */
export function unitTable(id, units, alternates, ticked, county) {
  return `<table class="grid recommendation" id="${esc(id)}"><thead><tr><th></th>
    <th>${esc(t('col.unit'))}</th><th>${esc(t('col.agency'))}</th><th>${esc(t('col.eta'))}</th>
    <th>${esc(t('col.distance'))}</th><th>${esc(t('col.jurisdiction'))}</th><th>${esc(t('col.reason'))}</th></tr></thead><tbody>
    ${units.map(u => unitRow(u, ticked(u.unitId) ?? true, 'proposed', county)).join('')}
    ${alternates.length ? `<tr><th colspan="7">${esc(t('detail.alternates'))}</th></tr>` : ''}
    ${alternates.map(u => unitRow(u, ticked(u.unitId) ?? false, 'alternate', county)).join('')}
    </tbody></table>`;
}

function unitRow(u, checked, kind, county) {
  const name = county ? county(u.countyAdcode) : '';
  const tier = esc(word('unit_tier', u.tier)) + (u.mutualAid && !String(u.tier).startsWith('OFFICER')
    ? `<br><small class="mutual-aid">${esc(t('unit_tier.mutual_aid'))}</small>` : '')
    + (name ? `<br><small>${esc(name)}</small>` : '');
  return `<tr class="${kind}" data-unit="${esc(u.unitId)}">
    <td><input type="checkbox" value="${esc(u.unitId)}" data-kind="${kind}"${checked ? ' checked' : ''}></td>
    <td>${esc(u.unitId)}<br><small>${esc(word('capability', u.capability))}</small></td>
    <td class="nowrap">${esc(word('agency', u.agency))}</td>
    <td class="nowrap">${esc(t('unit.minutes', {n: Math.max(1, Math.round((u.etaSeconds || 0) / 60))}))}</td>
    <td class="nowrap">${u.distanceMetres ? esc(t('unit.km', {n: (u.distanceMetres / 1000).toFixed(1)})) : '—'}</td>
    <td class="nowrap">${tier}</td>
    <td class="reason" title="${esc(phrases(u.reasonPhrases, u.reason))}"><span>${esc(phrases(u.reasonPhrases, u.reason))}</span></td></tr>`;
}
