// The duty officer's console: sign-in, then the officer's own command node —
// map, incident queue, incident detail, unit board and (city, province) the
// node dashboard — kept live by the node stream.
import * as api from './api.js';
import {loadLanguage, currentLanguage, preferredLanguage, t, word, applyTo, onLanguageChange} from './i18n.js';
import {NodeStream} from './stream.js';
import {ConsoleMap} from './map.js';
import {IncidentQueue, chime} from './queue.js';
import {IncidentDetail} from './detail.js';
import {UnitBoard} from './units.js';
import {NodeDashboard} from './dashboard.js';
import {toast, layerRead} from './ui.js';

const $ = id => document.getElementById(id);
// A failure anywhere is written to the browser console with its stack, not swallowed.
window.addEventListener('unhandledrejection', e => console.error('console failure:', e.reason && (e.reason.stack || e.reason)));
let muted = localStorage.getItem('emcc.muted') === 'true';
let config = {};

async function start() {
  config = await fetch('/console/config.json').then(r => r.json()).catch(() => ({}));
  await loadLanguage(preferredLanguage(config.default_language));
  document.querySelectorAll('.lang-toggle').forEach(b => b.addEventListener('click', toggleLanguage));
  api.whenExpired(() => { toast(t('msg.session_expired'), true); setTimeout(() => location.reload(), 1500); });
  const officer = await api.currentOfficer();
  if (officer && officer.must_change_password) {
    await api.logout(); // the one-time password is needed again to change it
    showLogin();
  } else if (officer) {
    await open(officer);
  } else {
    showLogin();
  }
}

function toggleLanguage() {
  loadLanguage(currentLanguage() === 'zh' ? 'en' : 'zh');
}

function showLogin() {
  $('app').hidden = true;
  $('login').hidden = false;
  $('login-username').focus();
  $('login-form').addEventListener('submit', async e => {
    e.preventDefault();
    $('login-error').textContent = '';
    let result;
    try {
      result = await api.login($('login-username').value.trim(), $('login-password').value);
    } catch (err) {
      $('login-error').textContent = t('login.unavailable');
      return;
    }
    if (!result.ok) {
      $('login-error').textContent = t(result.status === 429 ? 'login.locked' : 'login.failed');
      return;
    }
    if (result.officer.must_change_password) {
      changePassword($('login-password').value);
      return;
    }
    $('login').hidden = true;
    await open(result.officer);
  });
}

function changePassword(current) {
  $('login-form').hidden = true;
  $('password-form').hidden = false;
  $('new-password').focus();
  $('password-form').addEventListener('submit', async e => {
    e.preventDefault();
    if ($('new-password').value !== $('repeat-password').value) {
      $('password-error').textContent = t('login.mismatch');
      return;
    }
    const result = await api.changePassword(current, $('new-password').value);
    if (!result.ok) {
      // the server's reason is English: the officer reads the bundle's words, the reason is there on hover
      $('password-error').textContent = t(result.status === 0 ? 'login.unavailable'
        : result.field === 'current_password' ? 'login.current_wrong'
          : result.field === 'new_password' ? 'login.password_rejected' : 'login.password_failed');
      $('password-error').title = result.reason;
      return;
    }
    await open(result.officer);
  });
}

async function open(officer) {
  $('login').hidden = true;
  $('app').hidden = false;
  $('node-name').textContent = officer.jurisdiction_name;
  $('node-name').dataset.adcode = officer.adcode;
  $('node-tier').dataset.tier = officer.tier;
  const showTier = () => { $('node-tier').textContent = t(`tier.${officer.tier}`); };
  showTier();
  onLanguageChange(showTier);
  $('officer').textContent = officer.display_name || officer.username;
  $('logout').addEventListener('click', async () => { await api.logout(); location.reload(); });
  $('tab-dashboard').hidden = officer.tier === 'COUNTY';

  const {counties, groups, parents} = await jurisdictionNames(officer);
  const map = new ConsoleMap($('map'), officer.adcode, config, id => openIncident(id));
  map.onLayerRead = layerRead;
  let boundariesLoaded = map.loadBoundaries();
  const staleAfter = 1000 * (Number(config.stale_after_seconds) || 45);
  const stream = new NodeStream(officer.adcode, api.bearer(), staleAfter);
  map.countIncidents = adcode => parents.size === 0 ? null
    : [...stream.incidents.values()].filter(i => within(adcode, i.countyAdcode, parents)).length;
  const queue = new IncidentQueue(stream, counties, id => openIncident(id));
  const detail = new IncidentDetail($('panel-detail'), counties);
  const units = new UnitBoard();
  const dashboard = new NodeDashboard(stream, officer, groups, counties);
  applyTo(document);

  function openIncident(id) {
    queue.select(id);
    showTab('detail');
    map.focus(id);
    detail.open(id);
  }

  function showTab(name) {
    document.querySelectorAll('[data-panel]').forEach(p => { p.hidden = p.dataset.panel !== name; });
    document.querySelectorAll('[data-tab]').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
    if (name === 'dashboard') {
      dashboard.render();
      dashboard.renderChart();
      dashboard.refreshMutualAid();
    }
  }

  document.querySelectorAll('[data-tab]').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  document.body.addEventListener('click', e => {
    const link = e.target.closest('[data-open]');
    if (link) {
      e.preventDefault();
      openIncident(link.dataset.open);
    }
  });

  stream.on('snapshot', () => {
    map.setIncidents([...stream.incidents.values()]);
    (stream.arrivedDuringGap || []).forEach(id => queue.markNew(id));
    queue.render();
    dashboard.render();
  });
  stream.on('incident', (view, removed, isNew) => {
    if (removed) {
      map.removeIncident(view.incidentId);
    } else {
      map.upsertIncident(view);
    }
    if (isNew) {
      queue.markNew(view.incidentId);
      if (!muted) {
        chime();
      }
      // the view's title is English ("fire_building · …"): the category in words and the address instead
      const address = view.location && view.location.address;
      toast(t('msg.new_incident', {title: `${word('category', view.category)}${address ? ` · ${address}` : ''}`}));
    }
    queue.render();
    dashboard.renderCounts();
    if (detail.id === view.incidentId) {
      detail.reload();
    }
  });
  stream.on('unit', (view, removed) => {
    units.applyChange(view);
    map.applyUnit(view, removed);
  });
  ['escalation', 'overdue'].forEach(e => stream.on(e, () => { queue.render(); dashboard.render(); }));
  stream.on('state', () => showConnection(stream));
  stream.connect();
  setInterval(() => { stream.watch(); showConnection(stream); }, 1000);

  const refreshUnits = async () => {
    if (!(await boundariesLoaded)) {
      boundariesLoaded = map.loadBoundaries(); // the base layer failed at first: try it again with the others
    }
    const features = await map.refreshSituation();
    if (features) {
      units.setUnits(features);
    }
  };
  refreshUnits();
  // a province's thousands of units are a large answer: refresh them less often there
  setInterval(refreshUnits, officer.tier === 'PROVINCE' ? 30000 : 10000);
  setInterval(() => { if (!$('panel-detail').hidden) detail.reload(); }, 5000);
  setInterval(() => { if (!$('panel-dashboard').hidden) dashboard.renderChart(); }, 60000);
  // mutual-aid requests are not on the node stream: read them again while the dashboard is shown
  setInterval(() => { if (!$('panel-dashboard').hidden) dashboard.refreshMutualAid(); }, 10000);
  onLanguageChange(() => { queue.render(); detail.render(); units.render(); dashboard.render(); showConnection(stream);
    if (!$('panel-dashboard').hidden) dashboard.renderChart(); });
  showSound();
  $('sound-toggle').addEventListener('click', toggleSound);
  $('help-toggle').addEventListener('click', () => $('help').showModal());
  window.addEventListener('resize', () => map.invalidate());
  showTab('queue');
  installShortcuts({queue, detail, showTab, openIncident});
}

function showConnection(stream) {
  const el = $('conn');
  el.className = `conn conn-${stream.state}`;
  el.dataset.state = stream.state;
  $('conn-text').textContent = t(`conn.${stream.state}`);
  $('conn-age').textContent = stream.lastMessageAt
    ? `${t('conn.last')}: ${t('conn.seconds_ago', {n: Math.round((Date.now() - stream.lastMessageAt) / 1000)})}` : '';
}

function showSound() {
  $('sound-toggle').textContent = t(muted ? 'header.sound_off' : 'header.sound_on');
  $('sound-toggle').classList.toggle('muted', muted);
}

function toggleSound() {
  muted = !muted;
  localStorage.setItem('emcc.muted', String(muted));
  showSound();
}
onLanguageChange(showSound);

/** Names for filters and the dashboard, from the boundaries layer of the officer's subtree. */
async function jurisdictionNames(officer) {
  const res = await api.get(`/v1/map/boundaries?within=${officer.adcode}&tolerance=0.01`);
  const counties = new Map();
  const groups = new Map();
  const parents = new Map();
  if (!res.ok) {
    return {counties, groups, parents};
  }
  const names = new Map(res.body.features.map(f => [f.properties.adcode, f.properties]));
  for (const p of names.values()) {
    if (p.parent) parents.set(p.adcode, p.parent);
    if (p.tier !== 'COUNTY') continue;
    counties.set(p.adcode, p.name);
    const city = names.get(p.parent);
    groups.set(p.adcode, officer.tier === 'PROVINCE' && city ? [city.adcode, city.name] : [p.adcode, p.name]);
  }
  return {counties, groups, parents};
}

/** Whether a county lies in (or is) the jurisdiction adcode, by the parents of the officer's subtree. */
function within(adcode, county, parents) {
  for (let a = county; a; a = parents.get(a)) {
    if (a === adcode) {
      return true;
    }
  }
  return false;
}

function installShortcuts({queue, detail, showTab, openIncident}) {
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select, dialog')) {
      return;
    }
    const key = e.key.toLowerCase();
    const actions = {
      '1': () => showTab('queue'), '2': () => showTab('units'), '3': () => showTab('dashboard'),
      'j': () => { queue.move(1); }, 'k': () => { queue.move(-1); },
      'enter': () => { if (queue.selected) openIncident(queue.selected); },
      'v': () => detail.act('verify'), 'c': () => detail.act('confirm'),
      'g': () => detail.act('grade'), 'r': () => detail.act('report'),
      's': toggleSound, 'l': toggleLanguage, '?': () => $('help').showModal(),
      'escape': () => showTab('queue')
    };
    const action = actions[key];
    if (action) {
      e.preventDefault();
      action();
    }
  });
}

start();
