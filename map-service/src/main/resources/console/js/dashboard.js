// The node dashboard for city and province officers: open incidents by
// county (or city) and grade, incidents per hour by category (ECharts, served
// locally), escalation notices from below to acknowledge, overdue reports,
// and the mutual-aid requests addressed to the node, to approve (the
// recommended units, or units the officer ticks among those offered) or
// decline.
import {get, post} from './api.js';
import {t, word, clock, when, phrase} from './i18n.js';
import {esc} from './map.js';
import {ask, report, toast, unitTable} from './ui.js';

const GRADES = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'GRADE_IV'];

export class NodeDashboard {
  constructor(stream, officer, groups, counties) {
    this.stream = stream;
    this.officer = officer;
    this.groups = groups; // adcode of a county -> [group adcode, group name]
    this.counties = counties; // adcode of a county -> its name
    this.chart = null;
    this.aid = []; // the open mutual-aid requests addressed to the node, as last read
    // request id -> {count, units, alternates, ticked: unit id -> ticked}: the units offered for a request the
    // officer is choosing for, kept across the list's refreshes
    this.picks = new Map();
    const list = document.getElementById('mutual-aid');
    list.addEventListener('change', e => {
      const box = e.target.closest('[data-aid-units]');
      const pick = box && this.picks.get(box.dataset.aidUnits);
      if (pick && e.target.matches('input[type=checkbox]')) {
        pick.ticked.set(e.target.value, e.target.checked);
      }
    });
    list.addEventListener('click', async e => {
      const b = e.target.closest('button[data-aid]');
      if (b) {
        await this.act(b.dataset.act, b.dataset.aid);
      }
    });
    document.getElementById('escalations').addEventListener('click', async e => {
      const b = e.target.closest('button[data-ack]');
      if (b) {
        report(await post(`/v1/nodes/${officer.adcode}/escalations/${encodeURIComponent(b.dataset.ack)}/ack`,
          {revision: Number(b.dataset.revision)}));
      }
    });
  }

  async act(action, requestId) {
    const path = `/v1/mutual-aid/${encodeURIComponent(requestId)}`;
    if (action === 'approve') {
      // no units named: the node commits the recommender's best units among those it may supply
      report(await post(`${path}/approve`, {}));
    } else if (action === 'pick') {
      const res = await get(`${path}/candidates`);
      if (!res.ok) {
        report(res);
        return;
      }
      this.picks.set(requestId, {...res.body, ticked: new Map()});
      this.renderMutualAid();
      return;
    } else if (action === 'cancel-pick') {
      this.picks.delete(requestId);
      this.renderMutualAid();
      return;
    } else if (action === 'approve-picked') {
      const pick = this.picks.get(requestId);
      const units = [...pick.units.filter(u => pick.ticked.get(u.unitId) ?? true),
        ...pick.alternates.filter(u => pick.ticked.get(u.unitId) ?? false)].map(u => u.unitId);
      if (units.length === 0 || units.length > pick.count) {
        toast(t('msg.pick_count', {count: pick.count}), true);
        return;
      }
      if (!report(await post(`${path}/approve`, {units}))) return;
      this.picks.delete(requestId);
    } else {
      const form = await ask(t('action.decline_aid'), [{name: 'reason', label: t('prompt.decline_reason')}]);
      if (!form) return;
      report(await post(`${path}/decline`, form));
    }
    await this.refreshMutualAid();
  }

  render() {
    const esc_ = [...this.stream.escalations.values()];
    document.getElementById('escalations').innerHTML = esc_.length === 0
      ? `<li class="hint">${esc(t('dashboard.no_escalations'))}</li>`
      : esc_.map(n => `<li data-escalation="${esc(n.incidentId)}">
          <span class="grade-chip ${esc(n.grade)}">${esc(word('grade_short', n.grade))}</span>
          <span>${esc(word('escalation', n.kind))} · <a href="#" data-open="${esc(n.incidentId)}">${esc(n.incidentId)}</a>
          · ${esc(this.groups.get(n.countyAdcode)?.[1] || n.countyAdcode)}</span>
          <button data-ack="${esc(n.incidentId)}" data-revision="${n.revision || 0}">${esc(t('action.acknowledge'))}</button></li>`).join('');
    const overdue = [...this.stream.overdue.values()];
    document.getElementById('overdue').innerHTML = overdue.length === 0
      ? `<li class="hint">${esc(t('dashboard.no_overdue'))}</li>`
      : overdue.map(o => `<li class="overdue"><a href="#" data-open="${esc(o.incidentId)}">${esc(o.incidentId)}</a>
          · ${esc(word('report', o.kind))} · ${esc(t('dashboard.due'))} ${esc(clock(o.dueAt))}</li>`).join('');
    this.renderCounts();
    this.renderMutualAid();
  }

  async refreshMutualAid() {
    const res = await get(`/v1/nodes/${this.officer.adcode}/mutual-aid`);
    if (res.ok) {
      this.aid = res.body;
      // a request answered meanwhile (here or elsewhere) has nothing left to choose
      const open = new Set(this.aid.filter(r => r.state === 'REQUESTED').map(r => r.requestId));
      [...this.picks.keys()].filter(id => !open.has(id)).forEach(id => this.picks.delete(id));
      this.renderMutualAid();
    }
  }

  renderMutualAid() {
    document.getElementById('mutual-aid').innerHTML = this.aid.length === 0
      ? `<li class="hint">${esc(t('dashboard.no_mutual_aid'))}</li>`
      : this.aid.map(r => `<li data-mutual-aid="${esc(r.requestId)}" data-state="${esc(r.state)}">
          <span>${esc(word('capability', r.capability))}${r.unitType ? ` (${esc(word('unit_type', r.unitType))})` : ''} × ${esc(r.count)}
          · ${esc(t('mutual_aid.from'))} ${esc(this.counties.get(r.requestingAdcode) || r.requestingAdcode)}
          · <a href="#" data-open="${esc(r.incidentId)}">${esc(r.incidentId)}</a>
          · ${esc(word('mutual_aid_state', r.state))}</span>
          <span class="why">${esc(phrase(r.notePhrase, r.note))}</span>
          ${(r.committedUnitIds || []).length
            ? `<span>${esc(t('mutual_aid.units'))}: ${r.committedUnitIds.map(esc).join(', ')}</span>` : ''}
          ${r.state === 'REQUESTED' ? `<button data-aid="${esc(r.requestId)}" data-act="approve">${esc(t('action.approve_aid'))}</button>
          <button data-aid="${esc(r.requestId)}" data-act="pick">${esc(t('action.pick_aid_units'))}</button>
          <button data-aid="${esc(r.requestId)}" data-act="decline">${esc(t('action.decline_aid'))}</button>` : ''}
          ${this.picks.has(r.requestId) ? this.renderPick(r.requestId) : ''}</li>`).join('');
  }

  /** The units offered for a request, to tick: the recommended ones ticked, the next best not. */
  renderPick(requestId) {
    const pick = this.picks.get(requestId);
    const county = adcode => this.counties.get(adcode) || adcode;
    const id = esc(requestId);
    return `<div class="aid-pick" data-aid-units="${id}">
      ${pick.units.length + pick.alternates.length === 0
        ? `<p class="hint">${esc(t('mutual_aid.no_candidates'))}</p>`
        : `<p class="hint">${esc(t('mutual_aid.pick_hint', {count: pick.count}))}</p>
          ${unitTable(`aid-units-${requestId}`, pick.units, pick.alternates, unit => pick.ticked.get(unit), county)}`}
      <div class="actions">
        <button class="primary" data-aid="${id}" data-act="approve-picked">${esc(t('action.approve_picked'))}</button>
        <button data-aid="${id}" data-act="cancel-pick">${esc(t('action.cancel'))}</button>
      </div></div>`;
  }

  renderCounts() {
    const rows = new Map();
    for (const i of this.stream.incidents.values()) {
      const [key, name] = this.groups.get(i.countyAdcode) || [i.countyAdcode, i.countyAdcode];
      const row = rows.get(key) || {name, counts: {}};
      row.counts[i.grade] = (row.counts[i.grade] || 0) + 1;
      rows.set(key, row);
    }
    const groupLabel = t(this.officer.tier === 'PROVINCE' ? 'col.city' : 'col.county');
    document.getElementById('county-head').innerHTML = `<tr><th>${esc(groupLabel)}</th>`
      + GRADES.map(g => `<th>${esc(word('grade_short', g))}</th>`).join('') + `<th>${esc(t('col.total'))}</th></tr>`;
    document.getElementById('county-rows').innerHTML = [...rows.entries()].sort((a, b) => a[0].localeCompare(b[0]))
      .map(([key, row]) => `<tr data-county="${esc(key)}"><td>${esc(row.name)}</td>`
        + GRADES.map(g => `<td class="${row.counts[g] ? g : ''}">${row.counts[g] || ''}</td>`).join('')
        + `<td>${Object.values(row.counts).reduce((a, b) => a + b, 0)}</td></tr>`).join('');
  }

  async renderChart() {
    const res = await get(`/v1/nodes/${this.officer.adcode}/incidents/hourly?hours=24`);
    if (!res.ok || typeof echarts === 'undefined') {
      return;
    }
    const element = document.getElementById('hourly-chart');
    if (!this.chart) {
      this.chart = echarts.init(element);
    }
    const hours = res.body.hours.map(h => new Date(h).getHours() + ':00');
    this.chart.setOption({
      animation: false,
      tooltip: {trigger: 'axis'},
      legend: {type: 'scroll', bottom: 0},
      grid: {left: 30, right: 10, top: 10, bottom: 50},
      xAxis: {type: 'category', data: hours},
      yAxis: {type: 'value', minInterval: 1},
      series: Object.entries(res.body.byCategory).map(([category, counts]) => ({
        name: word('category', category), type: 'bar', stack: 'all', data: counts}))
    }, true);
    this.chart.resize();
  }
}
