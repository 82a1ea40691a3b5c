// One incident: facts, the timeline, the plan and recommendation table with
// confirm / edit / override in one or two clicks, the orders, the incident's
// mutual-aid requests (where each stands, who answered, which units; release
// the units of an approved one), and the officer's actions (verify, grade
// with a reason, 首报/续报/终报, control, close, false alarm, merge, a note on
// the timeline, a mutual-aid request).
import {get, post} from './api.js';
import {t, word, clock, when, phrase, phrases, planText} from './i18n.js';
import {esc} from './map.js';
import {ask, report, toast, unitTable} from './ui.js';

const GRADES = ['I', 'II', 'III', 'IV'];

export class IncidentDetail {
  constructor(panel, counties) {
    this.panel = panel;
    this.counties = counties;
    this.id = null;
    this.incident = null;
    this.dispatch = null;
    this.shown = '';
    this.choices = new Map(); // unit id -> ticked, kept across re-renders and for units a new proposal still offers
    this.noteDraft = ''; // what the officer is typing in the note box, kept across re-renders
    this.panel.addEventListener('change', e => {
      if (e.target.matches('#recommendation input[type=checkbox]')) {
        this.choices.set(e.target.value, e.target.checked);
      }
    });
    this.panel.addEventListener('input', e => {
      if (e.target.id === 'note-text') {
        this.noteDraft = e.target.value;
      }
    });
    this.panel.addEventListener('click', e => {
      const button = e.target.closest('button[data-action]');
      if (button) {
        this.act(button.dataset.action, button.dataset.arg);
      }
    });
    this.renderEmpty();
  }

  renderEmpty() {
    this.panel.innerHTML = `<p class="hint">${esc(t('detail.none'))}</p>`;
  }

  async open(id) {
    if (id !== this.id) {
      this.choices.clear();
      this.noteDraft = '';
    }
    this.id = id;
    await this.reload();
  }

  async reload() {
    if (!this.id) {
      this.renderEmpty();
      return;
    }
    const id = this.id;
    const [incident, dispatch, reports, aid] = await Promise.all([
      get(`/v1/incidents/${encodeURIComponent(id)}`), get(`/v1/incidents/${encodeURIComponent(id)}/dispatch`),
      get(`/v1/incidents/${encodeURIComponent(id)}/reports`), get(`/v1/incidents/${encodeURIComponent(id)}/mutual-aid`)]);
    if (id !== this.id) {
      return; // another incident was opened meanwhile
    }
    const proposalBefore = this.dispatch && this.dispatch.proposal && this.dispatch.proposal.at;
    this.incident = incident.ok ? incident.body : null;
    this.dispatch = dispatch.ok ? dispatch.body : null;
    this.reports = reports.ok ? reports.body : [];
    this.aid = aid.ok ? aid.body : [];
    const proposal = this.dispatch && this.dispatch.proposal;
    if ((proposal && proposal.at) !== proposalBefore) {
      // a new proposal: the officer's ticks still hold for the units it offers again, not for the others
      const offered = new Set(proposal ? [...proposal.units, ...proposal.alternates].map(u => u.unitId) : []);
      [...this.choices.keys()].filter(unit => !offered.has(unit)).forEach(unit => this.choices.delete(unit));
    }
    // re-render only when something changed, so the panel does not jump under the officer's hand
    const shown = JSON.stringify([this.incident, this.dispatch, this.reports, this.aid]);
    if (shown !== this.shown) {
      this.shown = shown;
      this.render();
    }
  }

  render() {
    const i = this.incident;
    if (!i) {
      this.renderEmpty();
      return;
    }
    const c = i.counts || {};
    // the live panel re-renders under the officer's hand: keep the note box's focus and caret
    const box = document.activeElement && document.activeElement.id === 'note-text' ? document.activeElement : null;
    const caret = box ? [box.selectionStart, box.selectionEnd] : null;
    this.panel.innerHTML = `
      <div class="detail-head ${esc(i.grade)}">
        <span class="grade-chip ${esc(i.grade)}">${esc(word('grade_short', i.grade))}</span>
        <div><h2>${esc(word('category', i.category))} <small id="detail-id">${esc(i.incidentId)}</small></h2>
        <div>${esc(i.address || '')}</div></div>
      </div>
      <dl class="facts">
        <dt>${esc(t('detail.status'))}</dt><dd id="detail-status" data-status="${esc(i.status)}">${esc(word('status', i.status))}</dd>
        <dt>${esc(t('detail.grade'))}</dt><dd>${esc(word('grade', i.grade))} ${i.gradeOverridden ? esc(t('detail.grade_overridden')) : ''}
          <span class="why">${esc(phrase(i.gradeReasonPhrase, i.gradeReason || ''))}</span></dd>
        <dt>${esc(t('detail.lead'))}</dt><dd>${esc(word('tier', i.leadTier))}</dd>
        <dt>${esc(t('detail.county'))}</dt><dd>${esc(this.counties.get(i.countyAdcode) || i.countyAdcode)}</dd>
        <dt>${esc(t('detail.opened'))}</dt><dd>${esc(when(i.openedAt))}</dd>
        <dt>${esc(t('detail.casualties'))}</dt><dd>${esc(t('detail.casualty_line', {dead: c.dead ?? 0,
          injured: c.injured ?? 0, trapped: c.trapped ?? 0, missing: c.missing ?? 0}))}</dd>
      </dl>
      <div class="actions">
        ${button('verify', 'action.verify', 'V')}
        ${button('grade', 'action.grade', 'G')}
        ${i.gradeOverridden ? button('lift-grade', 'action.lift_grade') : ''}
        ${button('report', 'action.report', 'R')}
        ${button('controlled', 'action.controlled')}
        ${button('close', 'action.close')}
        ${button('false-alarm', 'action.false_alarm')}
        ${button('merge', 'action.merge')}
        ${this.capabilities().length ? button('mutual-aid', 'action.mutual_aid') : ''}
      </div>
      ${this.renderDispatch()}
      ${this.renderAid()}
      <h3>${esc(t('detail.timeline'))}</h3>
      <div class="note-box">
        <textarea id="note-text" rows="2" maxlength="2000" placeholder="${esc(t('detail.note_placeholder'))}">${esc(this.noteDraft)}</textarea>
        ${button('note', 'action.note')}
      </div>
      <ol id="timeline" class="timeline">${[...(i.timeline || [])].sort((a, b) => String(a.at).localeCompare(String(b.at)))
        .map(e => `<li><time>${esc(clock(e.at))}</time>
          <span class="who">${esc(word('who', e.who && e.who.kind))} ${esc(e.who ? e.who.id : '')}</span>
          <span class="what">${esc(phrase(e.whatPhrase, e.what))}</span>${e.why
            ? `<span class="why">${esc(phrases(e.whyPhrases, e.why))}</span>` : ''}</li>`).join('')}</ol>
      ${this.renderReports()}`;
    if (box) {
      const again = this.panel.querySelector('#note-text');
      again.focus();
      again.setSelectionRange(caret[0], caret[1]);
    }
  }

  /** What the county filed to the nodes above (首报/续报/终报), oldest first. */
  renderReports() {
    const reports = this.reports || [];
    return `<h3>${esc(t('detail.filed_reports'))}</h3>${reports.length === 0
      ? `<p class="hint">${esc(t('detail.no_filed_reports'))}</p>`
      : `<ol id="filed-reports" class="timeline">${reports.map(r => `<li data-kind="${esc(r.kind)}">
          <time>${esc(clock(r.at))}</time><span class="who">${esc(t(`report.${r.kind}`))} · ${esc(r.by)}</span>
          <span class="what">${esc(r.text)}</span></li>`).join('')}</ol>`}`;
  }

  /**
   * The incident's mutual-aid requests, oldest first: what was asked of which node, where it stands, who
   * answered and which units; an approved one can be released (its units ordered home).
   */
  renderAid() {
    const requests = this.aid || [];
    const who = w => w ? `${word('who', w.kind)} ${w.id}` : '';
    return `<h3>${esc(t('detail.mutual_aid'))}</h3>${requests.length === 0
      ? `<p class="hint">${esc(t('detail.no_mutual_aid'))}</p>`
      : `<ul id="aid-requests" class="aid-list">${requests.map(r => `<li data-mutual-aid="${esc(r.requestId)}"
          data-state="${esc(r.state)}">
          <span>${esc(word('capability', r.capability))}${r.unitType ? ` (${esc(word('unit_type', r.unitType))})` : ''} × ${esc(r.count)}
          · ${esc(t('mutual_aid.to'))} ${esc(r.providingName || r.providingAdcode)}
          · <strong class="aid-state">${esc(word('mutual_aid_state', r.state))}</strong></span>
          ${r.state === 'COMMITTED' ? `<button data-action="release-aid" data-arg="${esc(r.requestId)}">${esc(
            t('action.release_aid'))}</button>` : ''}
          <span class="why">${esc(r.requestId)} · ${esc(t('mutual_aid.requested_by'))}${esc(t('phrase.colon'))}${esc(
            who(r.requestedBy))} · ${esc(clock(r.requestedAt))} · ${esc(phrase(r.notePhrase, r.note))}</span>
          ${r.decidedBy ? `<span class="aid-line">${esc(t('mutual_aid.answered_by'))}${esc(t('phrase.colon'))}${esc(
            who(r.decidedBy))}</span>` : ''}
          ${(r.committedUnitIds || []).length ? `<span class="aid-line aid-units">${esc(t('mutual_aid.units'))}${esc(
            t('phrase.colon'))}${r.committedUnitIds.map(esc).join(esc(t('phrase.list')))}</span>` : ''}
          ${(r.refused || []).length ? `<span class="aid-line overdue" title="${esc(r.refused.join('; '))}">${esc(
            t('mutual_aid.not_ordered'))}${esc(t('phrase.colon'))}${r.refused.map(x => esc(String(x).split(':')[0]))
            .join(esc(t('phrase.list')))}</span>` : ''}
          ${r.remark ? `<span class="why">${esc(r.remark)}</span>` : ''}</li>`).join('')}</ul>`}`;
  }

  /** The capabilities of the incident's plan ("FIRE_SUPPRESSION:2 RESCUE:1") and of its proposed units. */
  capabilities() {
    const p = this.dispatch && this.dispatch.proposal;
    if (!p) {
      return []; // mutual aid is asked for on top of a proposal
    }
    const found = new Set([...String(p.plan || '').matchAll(/\b([A-Z][A-Z_]+):\d+/g)].map(m => m[1]));
    [...(p.units || []), ...(p.alternates || [])].forEach(u => { if (u.capability) found.add(u.capability); });
    return [...found];
  }

  renderDispatch() {
    const d = this.dispatch;
    const p = d && d.proposal;
    let html = `<h3>${esc(t('detail.plan'))}</h3>`;
    if (!p) {
      return html + `<p class="hint">${esc(t('detail.no_proposal'))}</p>
        <div class="actions">${button('propose', 'action.propose')}</div>${this.renderOrders()}`;
    }
    html += `<p class="plan" data-at="${esc(p.at)}">${esc(phrases(p.planPhrases, planText(p.plan), 'phrase.list'))}</p>`;
    if (p.shortfalls && p.shortfalls.length) {
      html += `<p class="shortfall">${esc(t('detail.shortfalls'))}${esc(t('phrase.colon'))}${esc(
        phrases(p.shortfallPhrases, p.shortfalls.join('; ')))}</p>`;
    }
    html += `${unitTable('recommendation', p.units, p.alternates, unit => this.choices.get(unit))}
      <div class="actions">
        ${button('confirm', 'action.confirm', 'C', 'primary')}
        ${button('confirm-selected', 'action.confirm_selected')}
        ${button('add-unit', 'action.add_unit')}
        ${button('propose', 'action.propose')}
      </div>`;
    return html + this.renderOrders();
  }

  renderOrders() {
    const orders = (this.dispatch && this.dispatch.orders) || [];
    if (orders.length === 0) {
      return `<h3>${esc(t('detail.orders'))}</h3><p class="hint">${esc(t('detail.no_orders'))}</p>`;
    }
    return `<h3>${esc(t('detail.orders'))}</h3><table class="grid" id="orders"><thead><tr>
      <th>${esc(t('col.unit'))}</th><th>${esc(t('col.agency'))}</th><th>${esc(t('col.state'))}</th>
      <th>${esc(t('col.since'))}</th><th></th></tr></thead><tbody>
      ${orders.map(o => `<tr data-order="${esc(o.orderId)}" data-state="${esc(o.state)}">
        <td>${esc(o.unitId)}</td><td>${esc(word('agency', o.agency))}</td>
        <td class="${o.overdue ? 'overdue' : ''}">${esc(word('order', o.state))}${o.overdue ? ` · ${esc(t('order.overdue'))}` : ''}</td>
        <td>${esc(clock(o.stateSince))}</td>
        <td>${['ACCEPTED', 'EN_ROUTE', 'ON_SCENE'].includes(o.state)
          ? `<button data-action="release" data-arg="${esc(o.unitId)}">${esc(t('action.release'))}</button>` : ''}</td>
      </tr>`).join('')}</tbody></table>`;
  }

  async act(action, arg) {
    const id = this.id;
    if (!id) {
      return;
    }
    const path = `/v1/incidents/${encodeURIComponent(id)}`;
    let res;
    switch (action) {
      case 'verify':
        res = await post(`${path}/status`, {to: 'VERIFIED', why: t('prompt.why_verify')});
        // the workflow proposes by itself; ask for a proposal only when none came
        if (res.ok && !(await get(`${path}/dispatch/proposal`)).ok) {
          await post(`${path}/dispatch/proposal`);
        }
        break;
      case 'controlled':
      case 'close':
      case 'false-alarm': {
        const to = {controlled: 'CONTROLLED', close: 'CLOSED', 'false-alarm': 'CANCELLED'}[action];
        const form = await ask(t(`action.${action === 'false-alarm' ? 'false_alarm' : action}`),
          [{name: 'why', label: t('prompt.why')}]);
        if (!form) return;
        res = await post(`${path}/status`, {to, why: form.why});
        break;
      }
      case 'grade': {
        const form = await ask(t('action.grade'), [
          {name: 'grade', label: t('detail.grade'), type: 'select',
            options: GRADES.map(g => [g, word('grade', `GRADE_${g}`)]), value: (this.incident.grade || '').replace('GRADE_', '')},
          {name: 'why', label: t('prompt.why')}]);
        if (!form) return;
        res = await post(`${path}/grade`, form);
        break;
      }
      case 'lift-grade': {
        const form = await ask(t('action.lift_grade'), [{name: 'why', label: t('prompt.why')}]);
        if (!form) return;
        res = await post(`${path}/grade-override/lift`, form);
        break;
      }
      case 'report': {
        const form = await ask(t('action.report'), [
          {name: 'kind', label: t('action.report'), type: 'select',
            options: ['INITIAL', 'FOLLOW_UP', 'FINAL'].map(k => [k, t(`report.${k}`)])},
          {name: 'text', label: t('prompt.report_text'), type: 'textarea'}]);
        if (!form) return;
        res = await post(`${path}/reports`, form);
        break;
      }
      case 'merge': {
        const form = await ask(t('action.merge'), [{name: 'into', label: t('prompt.merge_into')},
          {name: 'why', label: t('prompt.why')}]);
        if (!form) return;
        res = await post(`${path}/merge`, form);
        break;
      }
      case 'note':
        res = await post(`${path}/notes`, {text: this.noteDraft});
        if (res.ok) {
          this.noteDraft = '';
          this.shown = ''; // show the empty box even when the reload finds nothing else changed
        }
        break;
      case 'mutual-aid': {
        const form = await ask(t('action.mutual_aid'), [
          {name: 'capability', label: t('prompt.capability'), type: 'select',
            options: this.capabilities().map(c => [c, word('capability', c)])},
          {name: 'count', label: t('prompt.count'), type: 'number', min: 1, max: 50, value: 1},
          {name: 'note', label: t('prompt.aid_note'), type: 'textarea'},
          {name: 'scope', label: t('prompt.scope'), type: 'select',
            options: [['city', t('mutual_aid.scope_city')], ['province', t('mutual_aid.scope_province')]]}]);
        if (!form) return;
        res = await post(`${path}/mutual-aid`, {...form, count: Number(form.count)});
        if (res.ok) {
          toast(t('msg.aid_requested', {id: res.body.requestId}));
          await this.reload();
          return;
        }
        break;
      }
      case 'propose':
        res = await post(`${path}/dispatch/proposal`);
        break;
      case 'confirm':
        res = await this.confirm([], []);
        break;
      case 'confirm-selected': {
        const boxes = [...this.panel.querySelectorAll('#recommendation input[type=checkbox]')];
        const drop = boxes.filter(b => b.dataset.kind === 'proposed' && !b.checked).map(b => b.value);
        const add = boxes.filter(b => b.dataset.kind === 'alternate' && b.checked).map(b => b.value);
        res = await this.confirm(drop, add);
        break;
      }
      case 'add-unit': {
        const form = await ask(t('action.add_unit'), [{name: 'unit', label: t('col.unit')}]);
        if (!form) return;
        res = await this.confirm([], [form.unit]);
        break;
      }
      case 'release-aid': {
        // the confirm step: the dialog names the units that will be ordered home and asks why
        const request = (this.aid || []).find(r => r.requestId === arg);
        const units = ((request && request.committedUnitIds) || []).join(t('phrase.list'));
        const form = await ask(t('prompt.release_aid', {request: arg}),
          [{name: 'why', label: t('prompt.release_aid_why', {units})}]);
        if (!form) return;
        res = await post(`/v1/mutual-aid/${encodeURIComponent(arg)}/release`, {why: form.why});
        break;
      }
      case 'release': {
        const form = await ask(`${t('action.release')} ${arg}`, [{name: 'why', label: t('prompt.why')}]);
        if (!form) return;
        res = await post(`${path}/dispatch/release`, {unit: arg, why: form.why});
        break;
      }
      default:
        return;
    }
    report(res);
    await this.reload();
  }

  async confirm(drop, add) {
    const res = await post(`/v1/incidents/${encodeURIComponent(this.id)}/dispatch/confirm`, {drop, add});
    const refused = res.ok && res.body.refused;
    if (refused && refused.length) {
      // each is "unit: reason" with the reason in English: the units in the message, the reasons on hover
      toast(t('msg.refused_units', {units: refused.map(r => String(r).split(':')[0]).join(t('phrase.list'))}), true,
        refused.join('; '));
    }
    return res;
  }
}

function button(action, key, shortcut, extra) {
  return `<button data-action="${action}" class="${extra || ''}" id="action-${action}"${shortcut
    ? ` title="${shortcut}"` : ''}>${esc(t(key))}${shortcut ? ` <kbd>${shortcut}</kbd>` : ''}</button>`;
}
