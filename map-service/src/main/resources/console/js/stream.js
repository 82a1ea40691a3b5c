// The live picture of the officer's command node: the node stream in JSON
// (/v1/nodes/<adcode>/stream?format=json), a snapshot then changes numbered
// by sequence. A change is applied only when it is the next one; after a
// disconnect the stream is resumed from the last applied sequence of the same
// epoch, so nothing is missed or applied twice. Anything else (a gap, a
// resync) falls back to the fresh snapshot the server sends.
export class NodeStream {
  constructor(adcode, token) {
    this.adcode = adcode;
    this.token = token;
    this.epoch = '';
    this.lastSequence = 0;
    this.incidents = new Map();
    this.units = new Map();
    this.escalations = new Map();
    this.overdue = new Map();
    this.summary = {};
    this.state = 'connecting';
    this.lastMessageAt = null;
    this.listeners = {};
    this.retry = 0;
    this.closed = false;
    this.hadSnapshot = false;
  }

  on(event, listener) {
    (this.listeners[event] = this.listeners[event] || []).push(listener);
    return this;
  }

  emit(event, ...args) {
    (this.listeners[event] || []).forEach(l => l(...args));
  }

  setState(state) {
    this.state = state;
    this.emit('state', state);
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams({format: 'json', access_token: this.token});
    if (this.epoch) {
      params.set('epoch', this.epoch);
      params.set('last_sequence', String(this.lastSequence));
    } else {
      params.set('last_sequence', '0');
    }
    return `${scheme}://${location.host}/v1/nodes/${this.adcode}/stream?${params}`;
  }

  connect() {
    this.setState(this.hadSnapshot ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.onopen = () => { this.retry = 0; };
    socket.onmessage = e => this.receive(JSON.parse(e.data));
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      if (this.closed) {
        this.setState('offline');
        return;
      }
      this.setState('reconnecting');
      const wait = Math.min(10000, 500 * 2 ** this.retry++);
      setTimeout(() => this.connect(), wait);
    };
  }

  close() {
    this.closed = true;
    if (this.socket) {
      this.socket.close();
    }
  }

  /** Drops the connection and resumes from the last applied sequence (also what a gap does). */
  reconnect() {
    if (this.socket) {
      this.socket.close();
    }
  }

  receive(m) {
    this.lastMessageAt = Date.now();
    const sequence = Number(m.sequence || 0);
    if (m.snapshot) {
      this.applySnapshot(m.snapshot);
      this.epoch = m.epoch;
      this.lastSequence = sequence;
      this.hadSnapshot = true;
      this.setState('live');
      this.emit('snapshot');
      return;
    }
    if (m.resync) {
      // keep the picture as of lastSequence; the server follows with a snapshot
      this.setState('resync');
      return;
    }
    if (m.epoch !== this.epoch || sequence <= this.lastSequence) {
      return; // already applied (a replay overlapping what we had) or another epoch's leftovers
    }
    if (sequence !== this.lastSequence + 1) {
      this.reconnect(); // a gap: resume from what we have, the server replays or snapshots
      return;
    }
    this.lastSequence = sequence;
    if (this.state !== 'live') {
      this.setState('live');
    }
    if (m.incidentChange) {
      this.applyIncident(m.incidentChange.incident, !!m.incidentChange.removed, true);
    } else if (m.unitChange) {
      const u = m.unitChange.unit;
      if (m.unitChange.removed) {
        this.units.delete(u.unitId);
      } else {
        this.units.set(u.unitId, u);
      }
      this.emit('unit', u, !!m.unitChange.removed);
    } else if (m.summary) {
      this.summary = m.summary;
      this.emit('summary', m.summary);
    } else if (m.escalation) {
      const n = m.escalation;
      if (n.acknowledged) {
        this.escalations.delete(n.incidentId);
      } else {
        this.escalations.set(n.incidentId, n);
      }
      this.emit('escalation', n);
    } else if (m.reportOverdue) {
      const o = m.reportOverdue;
      const key = `${o.incidentId}/${o.kind}`;
      if (o.filed) {
        this.overdue.delete(key);
      } else {
        this.overdue.set(key, o);
      }
      this.emit('overdue', o);
    }
  }

  applySnapshot(s) {
    const before = new Set(this.incidents.keys());
    this.incidents.clear();
    (s.incidents || []).forEach(i => this.incidents.set(i.incidentId, i));
    this.units.clear();
    (s.units || []).forEach(u => this.units.set(u.unitId, u));
    this.escalations.clear();
    (s.escalations || []).forEach(n => this.escalations.set(n.incidentId, n));
    this.overdue.clear();
    (s.overdueReports || []).forEach(o => this.overdue.set(`${o.incidentId}/${o.kind}`, o));
    this.summary = s.summary || {};
    // incidents that appeared while we were away are new to the officer too
    this.arrivedDuringGap = this.hadSnapshot ? [...this.incidents.keys()].filter(id => !before.has(id)) : [];
  }

  applyIncident(view, removed, live) {
    const isNew = !this.incidents.has(view.incidentId) && !removed;
    if (removed) {
      this.incidents.delete(view.incidentId);
    } else {
      this.incidents.set(view.incidentId, view);
    }
    this.emit('incident', view, removed, isNew && live);
  }
}
