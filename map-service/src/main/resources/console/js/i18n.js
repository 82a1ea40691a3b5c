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
