// Turns a transaction's meter values into the series its chart draws: energy (Wh, the import register) and power
// (W) over time. Whole-station readings (no phase) are used when the station sends them; otherwise the phases of
// one sample are summed. Readings at the outlet (or without location) only; other units than the API's are
// converted (kWh, kW).
import type { MeterValue } from '../../api/enhanced';

export const ENERGY = 'Energy.Active.Import.Register';
export const POWER = 'Power.Active.Import';

export interface Point {
  t: number; // epoch ms
  v: number;
}

function scale(unit: string | null, base: 'Wh' | 'W'): number {
  if (unit === `k${base}`) return 1000;
  return 1;
}

export function seriesOf(values: readonly MeterValue[], measurand: string): Point[] {
  const base = measurand === POWER ? 'W' : 'Wh';
  const relevant = values.filter((m) => m.measurand === measurand && (m.location === null || m.location === 'Outlet'));
  const total = relevant.filter((m) => m.phase === null);
  const use = total.length > 0 ? total : relevant;
  const byTime = new Map<number, number>();
  for (const m of use) {
    const t = Date.parse(m.sampledAt);
    if (Number.isNaN(t)) continue;
    const v = m.value * scale(m.unit, base);
    // One total per instant; phases of the same instant add up.
    byTime.set(t, total.length > 0 ? v : (byTime.get(t) ?? 0) + v);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
}

// Power from the energy register when the station reports no power: the slope between successive readings.
export function powerFromEnergy(energy: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 1; i < energy.length; i++) {
    const a = energy[i - 1]!;
    const b = energy[i]!;
    const hours = (b.t - a.t) / 3_600_000;
    if (hours > 0) out.push({ t: b.t, v: Math.max(0, (b.v - a.v) / hours) });
  }
  return out;
}

// "Nice" axis ticks (1, 2, 5 × 10^n steps) covering [min, max].
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function formatEnergy(wh: number | null | undefined): string {
  if (wh === null || wh === undefined) return '—';
  return Math.abs(wh) >= 1000 ? `${(wh / 1000).toFixed(2)} kWh` : `${Math.round(wh)} Wh`;
}

export function formatPower(w: number | null | undefined): string {
  if (w === null || w === undefined) return '—';
  return Math.abs(w) >= 1000 ? `${(w / 1000).toFixed(1)} kW` : `${Math.round(w)} W`;
}

export function formatDuration(fromIso: string | null, toIso: string | null, now: number = Date.now()): string {
  if (!fromIso) return '—';
  const ms = (toIso ? Date.parse(toIso) : now) - Date.parse(fromIso);
  if (Number.isNaN(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}
