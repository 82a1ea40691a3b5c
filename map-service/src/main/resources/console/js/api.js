// The officer's session (POST/GET/DELETE /v1/session) and JSON calls with its bearer token.
let token = sessionStorage.getItem('emcc.token') || '';
let onExpired = () => {};

export function hasToken() {
  return token !== '';
}

export function bearer() {
  return token;
}

export function whenExpired(callback) {
  onExpired = callback;
}

export async function login(username, password) {
  const res = await fetch('/v1/session', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({username, password})
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    return {ok: false, status: res.status, reason: body.reason || ''};
  }
  token = body.token;
  sessionStorage.setItem('emcc.token', token);
  return {ok: true, officer: body.officer};
}

/** Replaces a one-time password; the answer is a new session like a login's. */
export async function changePassword(current, next) {
  const res = await call('POST', '/v1/session/password', {current_password: current, new_password: next});
  if (res.ok) {
    token = res.body.token;
    sessionStorage.setItem('emcc.token', token);
    return {ok: true, officer: res.body.officer};
  }
  return {ok: false, status: res.status, field: res.body.field || '', reason: res.body.reason || ''};
}

export async function currentOfficer() {
  if (!token) {
    return null;
  }
  const res = await fetch('/v1/session', {headers: {Authorization: `Bearer ${token}`}});
  if (!res.ok) {
    forget();
    return null;
  }
  return res.json();
}

export async function logout() {
  if (token) {
    await fetch('/v1/session', {method: 'DELETE', headers: {Authorization: `Bearer ${token}`}}).catch(() => {});
  }
  forget();
}

function forget() {
  token = '';
  sessionStorage.removeItem('emcc.token');
}

/** GET or POST JSON; resolves to {ok, status, body}. A 401 ends the session. */
export async function call(method, path, body) {
  const headers = {Authorization: `Bearer ${token}`};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    return {ok: false, status: 0, body: {reason: String(e)}};
  }
  const text = await res.text();
  let parsed = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch (e) {
    parsed = {reason: text};
  }
  if (res.status === 401 && path !== '/v1/session') {
    forget();
    onExpired();
  }
  return {ok: res.ok, status: res.status, body: parsed};
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
