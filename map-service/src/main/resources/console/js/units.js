// The unit board: the node's units by agency and status, filterable, with
// how long each has been in its status. Units come from the map's unit layer
// (/v1/map/units), and changes on the node stream when it carries units.
import {t, word} from './i18n.js';
import {esc} from './map.js';

export class UnitBoard {
  constructor() {
    this.units = [];
    this.agency = document.getElementById('unit-agency');
    this.status = document.getElementById('unit-status');
    this.text = document.getElementById('unit-text');
    [this.agency, this.status].forEach(s => s.addEventListener('change', () => this.render()));
    this.text.addEventListener('input', () => this.render());
  }

  setUnits(features) {
    this.units = features.map(f => f.properties);
    this.render();
  }

  /** A unit change from the node stream (UnitView, JSON). */
  applyChange(view) {
    const at = this.units.findIndex(u => u.unit_id === view.unitId);
    const row = {unit_id: view.unitId, agency: view.agency, unit_type: view.unitType, status: view.status,
      station_name: view.name || (at >= 0 ? this.units[at].station_name : ''), county_adcode: view.countyAdcode,
      status_since: view.statusSince, incident_id: view.incidentId};
    if (at >= 0) {
      this.units[at] = row;
    } else {
      this.units.push(row);
    }
    this.render();
  }

  render() {
    fill(this.agency, t('units.filter.agency'), unique(this.units.map(u => u.agency)).map(a => [a, word('agency', a)]));
    fill(this.status, t('units.filter.status'), unique(this.units.map(u => u.status)).map(s => [s, word('unit_status', s)]));
    const a = this.agency.value, s = this.status.value, q = this.text.value.trim().toLowerCase();
    const shown = this.units.filter(u => (!a || u.agency === a) && (!s || u.status === s)
      && (!q || u.unit_id.toLowerCase().includes(q) || String(u.station_name).toLowerCase().includes(q)))
      .sort((x, y) => x.agency.localeCompare(y.agency) || statusRank(x.status) - statusRank(y.status)
        || x.unit_id.localeCompare(y.unit_id));
    const counts = {};
    this.units.forEach(u => { counts[u.agency] = counts[u.agency] || {}; counts[u.agency][u.status] = (counts[u.agency][u.status] || 0) + 1; });
    document.getElementById('unit-summary').innerHTML = `<b>${esc(t('units.summary'))}</b> ` + Object.keys(counts).sort()
      .map(ag => `<span class="chip agency-${esc(ag)}">${esc(word('agency', ag))}: ${Object.entries(counts[ag])
        .sort((p, q2) => statusRank(p[0]) - statusRank(q2[0]))
        .map(([st, n]) => `${esc(word('unit_status', st))} ${n}`).join(' · ')}</span>`).join(' ');
    document.getElementById('unit-count').textContent = t('units.count', {n: shown.length});
    const now = Date.now();
    document.getElementById('unit-rows').innerHTML = shown.slice(0, 500).map(u => `
      <tr data-unit="${esc(u.unit_id)}" data-status="${esc(u.status)}" class="status-${esc(u.status)}">
        <td>${esc(u.unit_id)}</td><td>${esc(u.station_name)}</td><td>${esc(word('agency', u.agency))}</td>
        <td>${esc(word('unit_status', u.status))}</td>
        <td>${u.status_since ? esc(duration(now - Date.parse(u.status_since))) : '—'}</td></tr>`).join('');
  }
}

const ORDER = ['UNIT_STATUS_DISPATCHED', 'UNIT_STATUS_EN_ROUTE', 'UNIT_STATUS_ON_SCENE', 'UNIT_STATUS_RETURNING',
  'UNIT_STATUS_AVAILABLE', 'UNIT_STATUS_OUT_OF_SERVICE'];

function statusRank(s) {
  const i = ORDER.indexOf(s);
  return i < 0 ? ORDER.length : i;
}

function duration(ms) {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  return minutes < 60 ? t('unit.duration_minutes', {m: minutes})
    : t('unit.duration_hours', {h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0')});
}

function unique(values) {
  return [...new Set(values.filter(Boolean))].sort();
}

function fill(select, label, options) {
  const current = select.value;
  select.innerHTML = `<option value="">${esc(label)}: ${esc(t('queue.filter.all'))}</option>`
    + options.map(([v, text]) => `<option value="${esc(v)}">${esc(text)}</option>`).join('');
  select.value = options.some(([v]) => v === current) ? current : '';
}
