// The incident queue: the node's open incidents, most severe grade first, then
// newest; filters by category, status and county; a new incident flashes and
// (unless muted) sounds; overdue reports and pending escalations stand out.
import {t, word, clock, when} from './i18n.js';
import {esc} from './map.js';

const GRADE_ORDER = {GRADE_I: 0, GRADE_II: 1, GRADE_III: 2, GRADE_IV: 3};
const FLASH_MS = 15000;

export class IncidentQueue {
  constructor(stream, counties, onOpen) {
    this.stream = stream;
    this.counties = counties; // adcode -> name
    this.onOpen = onOpen;
    this.fresh = new Map(); // incident id -> time it arrived
    this.selected = null;
    this.list = document.getElementById('queue');
    this.filters = {
      category: document.getElementById('filter-category'),
      status: document.getElementById('filter-status'),
      county: document.getElementById('filter-county')
    };
    Object.values(this.filters).forEach(f => f.addEventListener('change', () => this.render()));
    this.list.addEventListener('click', e => {
      const item = e.target.closest('li[data-incident]');
      if (item) {
        this.select(item.dataset.incident);
        this.onOpen(item.dataset.incident);
      }
    });
  }

  markNew(id) {
    this.fresh.set(id, Date.now());
    setTimeout(() => { this.fresh.delete(id); this.render(); }, FLASH_MS);
  }

  sorted() {
    return [...this.stream.incidents.values()].sort((a, b) =>
      (GRADE_ORDER[a.grade] ?? 4) - (GRADE_ORDER[b.grade] ?? 4)
      || String(b.openedAt).localeCompare(String(a.openedAt))
      || a.incidentId.localeCompare(b.incidentId));
  }

  visible() {
    const c = this.filters.category.value, s = this.filters.status.value, k = this.filters.county.value;
    return this.sorted().filter(i => (!c || i.category === c) && (!s || i.status === s) && (!k || i.countyAdcode === k));
  }

  renderFilters() {
    const incidents = [...this.stream.incidents.values()];
    fill(this.filters.category, t('queue.filter.category'),
      unique(incidents.map(i => i.category)).map(v => [v, word('category', v)]));
    fill(this.filters.status, t('queue.filter.status'),
      unique(incidents.map(i => i.status)).map(v => [v, word('status', v)]));
    fill(this.filters.county, t('queue.filter.county'),
      [...this.counties.entries()].sort((a, b) => a[0].localeCompare(b[0])));
  }

  render() {
    this.renderFilters();
    const overdue = new Set([...this.stream.overdue.values()].map(o => o.incidentId));
    const escalated = new Set(this.stream.escalations.keys());
    const items = this.visible();
    document.getElementById('queue-count').textContent = t('queue.count', {n: items.length});
    if (items.length === 0) {
      this.list.innerHTML = `<li class="empty">${esc(t('queue.empty'))}</li>`;
      return;
    }
    this.list.innerHTML = items.map(i => {
      const classes = ['item', i.grade || 'GRADE_UNSPECIFIED'];
      if (this.fresh.has(i.incidentId)) classes.push('flash');
      if (overdue.has(i.incidentId)) classes.push('overdue');
      if (escalated.has(i.incidentId)) classes.push('escalated');
      if (this.selected === i.incidentId) classes.push('selected');
      const badges = [
        this.fresh.has(i.incidentId) ? `<span class="badge new">${esc(t('queue.new'))}</span>` : '',
        overdue.has(i.incidentId) ? `<span class="badge overdue">${esc(t('badge.overdue'))}</span>` : '',
        escalated.has(i.incidentId) ? `<span class="badge escalated">${esc(t('badge.escalation'))}</span>` : ''
      ].join('');
      const opened = clock(i.openedAt);
      return `<li class="${classes.join(' ')}" data-incident="${esc(i.incidentId)}" tabindex="0">
        <span class="grade-chip ${i.grade}">${esc(word('grade_short', i.grade || 'GRADE_UNSPECIFIED'))}</span>
        <span class="what"><b>${esc(word('category', i.category))}</b> ${badges}<br>
          <span class="title">${esc((i.location && i.location.address) || '')}</span></span>
        <span class="meta">${esc(word('status', i.status))}<br>${esc(this.counties.get(i.countyAdcode) || i.countyAdcode)} · ${esc(opened)}</span>
      </li>`;
    }).join('');
  }

  select(id) {
    this.selected = id;
    this.list.querySelectorAll('li.selected').forEach(li => li.classList.remove('selected'));
    const li = this.list.querySelector(`li[data-incident="${CSS.escape(id)}"]`);
    if (li) {
      li.classList.add('selected');
      li.scrollIntoView({block: 'nearest'});
    }
  }

  /** Moves the selection by step (J/K) and returns the selected id. */
  move(step) {
    const ids = this.visible().map(i => i.incidentId);
    if (ids.length === 0) {
      return null;
    }
    const at = ids.indexOf(this.selected);
    const next = ids[Math.max(0, Math.min(ids.length - 1, at < 0 ? 0 : at + step))];
    this.select(next);
    return next;
  }
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

/** A short alert tone from the Web Audio API: no sound file to ship. */
export function chime() {
  try {
    const ctx = new (window.AudioContext || window.webkitAudioContext)();
    [0, 0.25].forEach(offset => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = offset ? 660 : 880;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + offset + 0.22);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.23);
    });
  } catch (e) {
    // no audio device: the flash alone must do
  }
}
