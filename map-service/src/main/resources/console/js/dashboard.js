// The node dashboard for city and province officers: open incidents by
// county (or city) and grade, incidents per hour by category (ECharts, served
// locally), escalation notices from below to acknowledge, overdue reports,
// and the mutual-aid requests addressed to the node, to approve or decline.
import {get, post} from './api.js';
import {t, word, clock, when} from './i18n.js';
import {esc} from './map.js';
import {ask, report} from './ui.js';

const GRADES = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'GRADE_IV'];

export class NodeDashboard {
  constructor(stream, officer, groups, counties) {
    this.stream = stream;
    this.officer = officer;
    this.groups = groups; // adcode of a county -> [group adcode, group name]
    this.counties = counties; // adcode of a county -> its name
    this.chart = null;
    this.aid = []; // the open mutual-aid requests addressed to the node, as last read
    document.getElementById('mutual-aid').addEventListener('click', async e => {
      const b = e.target.closest('button[data-aid]');
      if (!b) {
        return;
      }
      const path = `/v1/mutual-aid/${encodeURIComponent(b.dataset.aid)}`;
      if (b.dataset.act === 'approve') {
        // no units named: the node commits the recommender's best units among those it may supply
        report(await post(`${path}/approve`, {}));
      } else {
        const form = await ask(t('action.decline_aid'), [{name: 'reason', label: t('prompt.decline_reason')}]);
        if (!form) return;
        report(await post(`${path}/decline`, form));
      }
      await this.refreshMutualAid();
    });
    document.getElementById('escalations').addEventListener('click', async e => {
      const b = e.target.closest('button[data-ack]');
      if (b) {
        report(await post(`/v1/nodes/${officer.adcode}/escalations/${encodeURIComponent(b.dataset.ack)}/ack`,
          {revision: Number(b.dataset.revision)}));
      }
    });
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
          <span class="why">${esc(r.note)}</span>
          ${(r.committedUnitIds || []).length
            ? `<span>${esc(t('mutual_aid.units'))}: ${r.committedUnitIds.map(esc).join(', ')}</span>` : ''}
          ${r.state === 'REQUESTED' ? `<button data-aid="${esc(r.requestId)}" data-act="approve">${esc(t('action.approve_aid'))}</button>
          <button data-aid="${esc(r.requestId)}" data-act="decline">${esc(t('action.decline_aid'))}</button>` : ''}</li>`).join('');
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
