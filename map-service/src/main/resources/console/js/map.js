// The map: jurisdiction boundaries as the base layer (works offline), an
// optional tile layer, incidents coloured by grade and clustered when zoomed
// out, units by agency and status, weather warnings by colour, traffic
// closures and congestion as coloured lines; a layer switcher; click for details
// (a jurisdiction: its name, tier, code and open incidents). A layer that could
// not be read is reported through onLayerRead, so a failed poll is never silent.
import {get} from './api.js';
import {t, word, onLanguageChange, when} from './i18n.js';

const WARNING_COLOURS = {
  WARNING_COLOUR_BLUE: '#1e6fd9', WARNING_COLOUR_YELLOW: '#f2c500',
  WARNING_COLOUR_ORANGE: '#ff7f00', WARNING_COLOUR_RED: '#e01b1b'
};
const AGENCY_COLOURS = {
  AGENCY_FIRE: '#d62728', AGENCY_POLICE: '#1f4e9c', AGENCY_TRAFFIC: '#e0a400',
  AGENCY_MEDICAL: '#2ca02c', AGENCY_EMERGENCY_MGMT: '#ff7f0e', AGENCY_URBAN_MGMT: '#7f7f7f'
};

export class ConsoleMap {
  constructor(element, node, config, onIncidentClick) {
    this.node = node;
    this.onIncidentClick = onIncidentClick;
    // markers are drawn on a canvas, not as elements: the map object is reachable from its element instead
    element.emccMap = this;
    this.map = L.map(element, {preferCanvas: true, zoomControl: true, attributionControl: !!config.tile_url,
      minZoom: 5, maxZoom: 18});
    this.map.setView([36.4, 118.3], 7);
    this.boundaries = L.geoJSON(null, {style: f => boundaryStyle(f), onEachFeature: (f, layer) => {
      layer.bindTooltip(f.properties.name, {sticky: true});
      layer.on('click', e => this.popup(e.latlng, this.jurisdictionText(f.properties)));
    }});
    // open incidents in a jurisdiction (adcode → count); the console sets it from the node stream
    this.countIncidents = () => null;
    // told after each read of a layer: (layer name, the answer)
    this.onLayerRead = () => {};
    this.incidents = L.markerClusterGroup({disableClusteringAtZoom: 12, maxClusterRadius: 50,
      iconCreateFunction: cluster => clusterIcon(cluster)});
    this.units = L.layerGroup();
    this.warnings = L.geoJSON(null, {style: f => warningStyle(f), onEachFeature: (f, layer) =>
      layer.on('click', e => this.popup(e.latlng, warningText(f.properties)))});
    this.traffic = L.geoJSON(null, {style: f => trafficStyle(f), onEachFeature: (f, layer) =>
      layer.on('click', e => this.popup(e.latlng, trafficText(f.properties)))});
    this.markers = new Map();
    this.unitData = [];
    this.overlays = {};
    this.boundaries.addTo(this.map);
    if (config.tile_url) {
      this.tiles = L.tileLayer(config.tile_url, {attribution: config.tile_attribution, maxZoom: 18});
      this.tiles.addTo(this.map);
      this.tiles.bringToBack();
    }
    this.warnings.addTo(this.map);
    this.traffic.addTo(this.map);
    this.units.addTo(this.map);
    this.incidents.addTo(this.map);
    this.buildSwitcher();
    this.map.on('zoomend', () => this.renderUnits());
    onLanguageChange(() => { this.buildSwitcher(); this.renderUnits(); this.refreshIncidentIcons(); });
  }

  buildSwitcher() {
    if (this.switcher) {
      this.switcher.remove();
    }
    const base = {};
    const overlays = {[t('map.layers.boundaries')]: this.boundaries};
    if (this.tiles) {
      overlays[t('map.layers.tiles')] = this.tiles;
    }
    overlays[t('map.layers.warnings')] = this.warnings;
    overlays[t('map.layers.traffic')] = this.traffic;
    overlays[t('map.layers.units')] = this.units;
    overlays[t('map.layers.incidents')] = this.incidents;
    this.switcher = L.control.layers(base, overlays, {collapsed: false, position: 'topright'}).addTo(this.map);
  }

  async loadBoundaries() {
    const res = await get(`/v1/map/boundaries?within=${this.node}`);
    this.onLayerRead('boundaries', res);
    if (res.ok) {
      this.boundaries.clearLayers();
      this.boundaries.addData(res.body);
      this.map.getContainer().dataset.boundaries = String(res.body.features.length);
      const bounds = this.boundaries.getBounds();
      if (bounds.isValid()) {
        this.map.fitBounds(bounds, {padding: [10, 10]});
      }
    }
    return res.ok;
  }

  /** Warnings, traffic and units: the layers that do not come over the node stream. */
  async refreshSituation() {
    const [warnings, traffic, units] = await Promise.all([
      get(`/v1/map/warnings?within=${this.node}`), get(`/v1/map/traffic?within=${this.node}`),
      get(`/v1/map/units?within=${this.node}`)]);
    this.onLayerRead('warnings', warnings);
    this.onLayerRead('traffic', traffic);
    this.onLayerRead('units', units);
    if (warnings.ok) {
      this.warnings.clearLayers();
      this.warnings.addData(warnings.body);
    }
    if (traffic.ok) {
      this.traffic.clearLayers();
      this.traffic.addData(traffic.body);
    }
    if (units.ok) {
      this.unitData = units.body.features;
      this.renderUnits();
    }
    return units.ok ? units.body.features : null;
  }

  /**
   * A unit change from the node stream (status at once, positions as often as
   * the node sends them): moves its marker without waiting for the next poll.
   */
  applyUnit(view, removed) {
    if (!this.unitData) {
      return; // the first poll brings every unit
    }
    const at = this.unitData.findIndex(f => f.properties.unit_id === view.unitId);
    if (removed) {
      if (at >= 0) this.unitData.splice(at, 1);
    } else {
      const p = view.position || {};
      const feature = at >= 0 ? this.unitData[at] : {type: 'Feature', geometry: {type: 'Point', coordinates: [0, 0]},
        properties: {unit_id: view.unitId, station_name: view.name || ''}};
      if (Number.isFinite(p.longitude) && Number.isFinite(p.latitude)) {
        feature.geometry.coordinates = [p.longitude, p.latitude];
      }
      Object.assign(feature.properties, {agency: view.agency, status: view.status, incident_id: view.incidentId || ''});
      if (at < 0) this.unitData.push(feature);
    }
    // many changes may come at once: draw them together
    if (!this.unitsPending) {
      this.unitsPending = setTimeout(() => { this.unitsPending = null; this.renderUnits(); }, 250);
    }
  }

  renderUnits() {
    this.units.clearLayers();
    // thousands of units wait at their stations province-wide: show those only when zoomed in
    const showIdle = this.map.getZoom() >= 10;
    for (const f of this.unitData) {
      const p = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const busy = p.status !== 'UNIT_STATUS_AVAILABLE';
      if (!busy && !showIdle) {
        continue;
      }
      const marker = L.circleMarker([lat, lon], {
        radius: busy ? 7 : 4, color: busy ? '#111' : '#fff', weight: busy ? 2 : 1,
        fillColor: AGENCY_COLOURS[p.agency] || '#555', fillOpacity: p.status === 'UNIT_STATUS_OUT_OF_SERVICE' ? 0.3 : 0.9
      });
      marker.bindTooltip(`${p.unit_id} · ${word('agency', p.agency)} · ${word('unit_status', p.status)}`);
      marker.on('click', e => this.popup(e.latlng, `<b>${esc(p.unit_id)}</b><br>${esc(p.station_name)}<br>`
        + `${esc(word('agency', p.agency))} · ${esc(word('unit_status', p.status))}`));
      marker.unitId = p.unit_id;
      this.units.addLayer(marker);
    }
  }

  setIncidents(views) {
    this.incidents.clearLayers();
    this.markers.clear();
    views.forEach(v => this.upsertIncident(v));
  }

  upsertIncident(view) {
    this.removeIncident(view.incidentId);
    const point = view.location && view.location.point;
    if (!point) {
      return;
    }
    const marker = L.marker([point.latitude || 0, point.longitude || 0], {icon: incidentIcon(view), title: view.incidentId});
    marker.view = view;
    marker.on('click', () => this.onIncidentClick(view.incidentId));
    marker.bindTooltip(`${word('grade', view.grade)} · ${word('category', view.category)}<br>${esc((view.location && view.location.address) || '')}`);
    this.markers.set(view.incidentId, marker);
    this.incidents.addLayer(marker);
  }

  removeIncident(id) {
    const old = this.markers.get(id);
    if (old) {
      this.incidents.removeLayer(old);
      this.markers.delete(id);
    }
  }

  refreshIncidentIcons() {
    [...this.markers.values()].map(m => m.view).forEach(v => this.upsertIncident(v));
  }

  focus(id) {
    const marker = this.markers.get(id);
    if (marker) {
      this.incidents.zoomToShowLayer(marker, () => {});
    }
  }

  /** A jurisdiction's details: name, tier, GB/T 2260 code and its open incidents (when the stream has them). */
  jurisdictionText(p) {
    const open = this.countIncidents(p.adcode);
    return `<div class="jurisdiction-popup" data-adcode="${esc(p.adcode)}"><b>${esc(p.name)}</b>`
      + `<dl><dt>${esc(t('jurisdiction.tier'))}</dt><dd data-field="tier">${esc(word('tier', `TIER_${p.tier}`))}</dd>`
      + `<dt>${esc(t('jurisdiction.adcode'))}</dt><dd data-field="adcode">${esc(p.adcode)}</dd>`
      + (open === null ? '' : `<dt>${esc(t('jurisdiction.open_incidents'))}</dt><dd data-field="open">${open}</dd>`)
      + '</dl></div>';
  }

  popup(latlng, html) {
    L.popup().setLatLng(latlng).setContent(html).openOn(this.map);
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

function boundaryStyle(f) {
  const tier = f.properties.tier;
  return {color: tier === 'COUNTY' ? '#6b7a8f' : '#2b3a55', weight: tier === 'COUNTY' ? 1 : 2.5,
    fillColor: '#e9eef5', fillOpacity: tier === 'COUNTY' ? 0.35 : 0.05};
}

function warningStyle(f) {
  const c = WARNING_COLOURS[f.properties.colour] || '#888';
  return {color: c, weight: 2, fillColor: c, fillOpacity: 0.25};
}

function trafficStyle(f) {
  const p = f.properties;
  if (p.type === 'TRAFFIC_CONDITION_TYPE_CLOSURE') {
    return {color: '#c00000', weight: 6, dashArray: '8 6'};
  }
  const factor = p.speed_factor ?? 0.5;
  return {color: factor < 0.3 ? '#d7301f' : factor < 0.6 ? '#fc8d59' : '#fdcc8a', weight: 5};
}

function incidentIcon(v) {
  const grade = v.grade || 'GRADE_UNSPECIFIED';
  return L.divIcon({className: '', iconSize: [30, 30], iconAnchor: [15, 15],
    html: `<div class="inc-marker ${grade}" data-incident="${esc(v.incidentId)}">${esc(word('grade_short', grade))}</div>`});
}

function clusterIcon(cluster) {
  const order = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'GRADE_IV'];
  const worst = cluster.getAllChildMarkers().map(m => order.indexOf(m.view.grade)).filter(i => i >= 0)
    .reduce((a, b) => Math.min(a, b), 4);
  const grade = order[worst] || 'GRADE_UNSPECIFIED';
  return L.divIcon({className: '', iconSize: [38, 38],
    html: `<div class="inc-cluster ${grade}">${cluster.getChildCount()}</div>`});
}

function warningText(p) {
  return `<b>${esc(word('warning', p.colour))}</b> ${esc(p.headline || '')}<br>${esc(p.issuer || '')}`
    + (p.expires ? `<br>${esc(t('warning.expires'))}: ${esc(when(p.expires))}` : '');
}

function trafficText(p) {
  const speed = p.speed_kmh ? t('unit.kmh', {n: p.speed_kmh}) : p.speed_factor !== undefined ? `${Math.round(p.speed_factor * 100)}%` : '';
  return `<b>${esc(word('traffic', p.type))}</b> ${esc(p.road_name || '')}<br>${esc(p.description || '')}`
    + (speed ? `<br>${esc(t('traffic.speed'))}: ${esc(speed)}` : '');
}

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
}
