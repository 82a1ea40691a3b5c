// Message bundles (console/i18n/messages_<lang>.json) and the page's language.
// Every visible string comes from a bundle; elements name theirs with data-i18n.
const bundles = {};
let language = 'zh';
const listeners = [];

export async function loadLanguage(lang) {
  if (!bundles[lang]) {
    const res = await fetch(`/console/i18n/messages_${lang}.json`);
    bundles[lang] = await res.json();
  }
  language = lang;
  localStorage.setItem('emcc.language', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  applyTo(document);
  listeners.forEach(l => l());
}

export function currentLanguage() {
  return language;
}

export function preferredLanguage(fallback) {
  return localStorage.getItem('emcc.language') || fallback || 'zh';
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** The text of key, with {name} placeholders filled from params; the key itself when a bundle lacks it. */
export function t(key, params) {
  const text = (bundles[language] || {})[key];
  if (text === undefined) {
    return key;
  }
  return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? params[name] : m)) : text;
}

/** An enum value in words: t('grade.GRADE_II'); the raw value when the bundle has none. */
export function word(prefix, value) {
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? String(value ?? '') : text;
}

// Arguments of a phrase that are enum names, and the bundle words that name their values.
const ARG_WORDS = {
  capability: 'capability', unit_type: 'unit_type', tier: 'unit_tier', grade: 'grade', from_grade: 'grade',
  to_grade: 'grade', from_status: 'status', to_status: 'status', category: 'category', incident_category: 'category',
  agency: 'agency', timer: 'timer_kind', order_state: 'order'
};

function known(p) {
  return Boolean(p && p.code && (bundles[language] || {})[p.code] !== undefined);
}

function argText(name, value) {
  if (ARG_WORDS[name]) {
    return word(ARG_WORDS[name], value);
  }
  if (name === 'deadline') {
    return clock(value);
  }
  if (name === 'plan') {
    return planText(value);
  }
  if (name === 'limit_seconds') {
    return duration(value);
  }
  return value;
}

/**
 * What the server said, in the officer's language: a phrase {code, args} is the bundle's template of that
 * code with its arguments filled (enum names in words); fallback (the server's English) when the bundle
 * has no such code or there is no phrase.
 */
export function phrase(p, fallback) {
  if (!known(p)) {
    return fallback ?? '';
  }
  const args = {};
  Object.entries(p.args || {}).forEach(([name, value]) => { args[name] = argText(name, value); });
  return t(p.code, args);
}

/**
 * A list of phrases as one text, joined by separator (a bundle key; clauses by default); fallback when the
 * list is empty or has a code the bundle lacks.
 */
export function phrases(list, fallback, separator) {
  if (!list || list.length === 0 || !list.every(known)) {
    return fallback ?? '';
  }
  return list.map(p => phrase(p)).join(t(separator || 'phrase.separator'));
}

/** A duration given in seconds, in words: whole minutes as minutes ("15 分钟"), anything else in seconds. */
function duration(seconds) {
  const s = Number(seconds);
  if (!Number.isFinite(s)) {
    return String(seconds ?? '');
  }
  return s % 60 === 0 ? t('duration.minutes', {minutes: s / 60}) : t('duration.seconds', {seconds: s});
}

/** A run card "FIRE_SUPPRESSION:2 RESCUE:1" in words; the text itself when it is not one. */
export function planText(plan) {
  const items = String(plan || '').trim().split(/\s+/).map(item => /^([A-Z][A-Z_]*):(\d+)$/.exec(item));
  if (items.length === 0 || items.some(m => !m)) {
    return String(plan ?? '');
  }
  return items.map(m => t('plan.item', {capability: word('capability', m[1]), count: m[2]})).join(t('phrase.list'));
}

export function applyTo(root) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  document.title = t('app.title');
}

/** A time of day in the console's language (24-hour), e.g. 14:05:09. */
export function clock(value) {
  return value ? new Date(value).toLocaleTimeString(locale(), {hour12: false}) : '';
}

/** A date and time in the console's language. */
export function when(value) {
  return value ? new Date(value).toLocaleString(locale(), {hour12: false}) : '';
}

function locale() {
  return language === 'zh' ? 'zh-CN' : 'en-GB';
}
