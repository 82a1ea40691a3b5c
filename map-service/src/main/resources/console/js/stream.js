// The live picture of the officer's command node: the node stream in JSON
// (/v1/nodes/<adcode>/stream?format=json), a snapshot then changes numbered
// by sequence. A change is applied only when it is the next one; after a
// disconnect the stream is resumed from the last applied sequence of the same
// epoch, so nothing is missed or applied twice. Anything else (a gap, a
// resync) falls back to the fresh snapshot the server sends.
//
// Nothing goes stale silently: the server sends something at least every
// heartbeat (emcc.nodes.heartbeat-every, its summary again when nothing else
// happened), so a stream silent for staleAfter is called 'stale' — a
// half-open socket, a stuck proxy — and after twice that the socket is given
// up for a new one that resumes. A connection attempt that hangs is given up
// after connectTimeout. States: connecting, live, stale, reconnecting, resync, offline.
export class NodeStream {
  constructor(adcode, token, staleAfter = 45000) {
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
    this.heardAt = 0; // the last message, or the opening of the socket that resumed
    this.staleAfter = staleAfter;
    this.connectTimeout = 10000;
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

  /** Opens a socket; {@code state} is what the indicator says meanwhile (by default connecting or reconnecting). */
  connect(state) {
    this.setState(state || (this.hadSnapshot ? 'reconnecting' : 'connecting'));
    const socket = new WebSocket(this.url());
    this.socket = socket;
    this.attemptAt = Date.now();
    socket.onopen = () => {
      if (this.socket !== socket) {
        return;
      }
      this.retry = 0;
      this.heardAt = Date.now();
      if (this.epoch) {
        // resuming: the server attached us as the socket opened and sends what we missed first
        this.setState('live');
      }
    };
    socket.onmessage = e => {
      if (this.socket === socket) {
        this.receive(JSON.parse(e.data));
      }
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      if (this.closed) {
        this.setState('offline');
        return;
      }
      this.setState('reconnecting');
      this.socket = null;
      const wait = Math.min(10000, 500 * 2 ** this.retry++);
      setTimeout(() => this.connect(), wait);
    };
  }

  /**
   * Called every second: a live stream silent for staleAfter turns stale; one
   * silent for twice that, or an attempt to connect that hangs, is given up for
   * a new socket (which resumes), the indicator staying as it is meanwhile.
   */
  watch(now = Date.now()) {
    const socket = this.socket;
    if (this.closed || !socket) {
      return;
    }
    const silentFor = now - this.heardAt;
    if (this.state === 'live' && silentFor > this.staleAfter) {
      this.setState('stale');
    }
    if (socket.readyState === WebSocket.OPEN && this.state === 'stale' && silentFor > 2 * this.staleAfter) {
      this.abandon();
    } else if (socket.readyState === WebSocket.CONNECTING && now - this.attemptAt > this.connectTimeout) {
      this.abandon();
    }
  }

  /** Forgets the current socket (whatever it still delivers is ignored) and opens another. */
  abandon() {
    const old = this.socket;
    this.socket = null;
    old.close();
    this.connect(this.state);
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
    this.heardAt = this.lastMessageAt;
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
