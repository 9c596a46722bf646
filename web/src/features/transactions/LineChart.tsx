// A small SVG line chart over time (no chart library): an area under the line, nice value ticks, time ticks, and
// the value under the pointer; optionally a dashed limit line (a site's grid limit). Sized by its container's width
// through the viewBox.
import { useState } from 'react';
import { niceTicks, type Point } from './series';

const W = 720;
const H = 200;
const PAD = { l: 56, r: 12, t: 12, b: 24 };

function clock(t: number, spanMs: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return spanMs < 10 * 60_000 ? `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` : `${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function LineChart({
  points,
  label,
  format,
  color,
  testId,
  limit,
  span,
}: {
  points: readonly Point[];
  label: string;
  format: (v: number) => string;
  color: string; // a CSS colour
  testId?: string;
  limit?: { value: number; label: string }; // drawn as a dashed line, within the value axis
  span?: { from: number; to: number }; // the time axis (epoch ms); default: the points' own
}) {
  const [hover, setHover] = useState<Point | null>(null);
  if (points.length === 0) {
    return (
      <div className="flex h-40 items-center justify-center rounded-lg border border-dashed border-slate-200 text-sm text-slate-400" data-testid={testId}>
        No {label.toLowerCase()} readings yet
      </div>
    );
  }
  const t0 = Math.min(span?.from ?? Infinity, points[0]!.t);
  const t1 = Math.max(span?.to ?? -Infinity, points[points.length - 1]!.t, t0 + 1000);
  const vs = points.map((p) => p.v);
  const vmin = Math.min(0, ...vs);
  const vmaxRaw = Math.max(...vs, limit?.value ?? -Infinity);
  const vmax = vmaxRaw > vmin ? vmaxRaw * 1.05 : vmin + 1;
  const x = (t: number) => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - ((v - vmin) / (vmax - vmin)) * (H - PAD.t - PAD.b);
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const area = `${line} L${x(points[points.length - 1]!.t).toFixed(1)},${y(vmin)} L${x(points[0]!.t).toFixed(1)},${y(vmin)} Z`;
  const timeTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => t0 + f * (t1 - t0));
  const last = points[points.length - 1]!;
  const shown = hover ?? last;

  const onMove = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const t = t0 + (((e.clientX - box.left) / box.width) * W - PAD.l) / (W - PAD.l - PAD.r) * (t1 - t0);
    let best = points[0]!;
    for (const p of points) if (Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
    setHover(best);
  };

  return (
    <figure data-testid={testId} data-points={points.length}>
      <figcaption className="mb-1 flex items-baseline justify-between text-xs text-slate-500">
        <span className="font-medium uppercase tracking-wide">{label}</span>
        <span>
          <span className="font-semibold tabular-nums text-slate-900">{format(shown.v)}</span>
          <span className="ml-1.5">{hover ? 'at' : 'latest,'} {clock(shown.t, 0)}</span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full touch-none select-none" onMouseMove={onMove} onMouseLeave={() => setHover(null)} role="img" aria-label={`${label} over time`}>
        <defs>
          <linearGradient id={`fill-${label}`} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor={color} stopOpacity="0.25" />
            <stop offset="100%" stopColor={color} stopOpacity="0.02" />
          </linearGradient>
        </defs>
        {niceTicks(vmin, vmax).map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="stroke-slate-100" />
            <text x={PAD.l - 6} y={y(v) + 3} textAnchor="end" className="fill-slate-400 text-[10px]">
              {format(v)}
            </text>
          </g>
        ))}
        {timeTicks.map((t, i) => (
          <text key={i} x={x(t)} y={H - 6} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'} className="fill-slate-400 text-[10px]">
            {clock(t, t1 - t0)}
          </text>
        ))}
        {limit && (
          <g data-testid={testId ? `${testId}-limit` : undefined}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(limit.value)} y2={y(limit.value)} stroke="#e11d48" strokeWidth="1.5" strokeDasharray="6 4" />
            <text x={W - PAD.r} y={y(limit.value) - 4} textAnchor="end" className="fill-rose-600 text-[10px] font-medium">
              {limit.label}
            </text>
          </g>
        )}
        <path d={area} fill={`url(#fill-${label})`} />
        <path d={line} fill="none" stroke={color} strokeWidth="2" strokeLinejoin="round" />
        {points.length <= 60 && points.map((p) => <circle key={p.t} cx={x(p.t)} cy={y(p.v)} r="2" fill={color} />)}
        {hover && (
          <g>
            <line x1={x(hover.t)} x2={x(hover.t)} y1={PAD.t} y2={H - PAD.b} className="stroke-slate-300" strokeDasharray="3 3" />
            <circle cx={x(hover.t)} cy={y(hover.v)} r="4" fill="white" stroke={color} strokeWidth="2" />
          </g>
        )}
      </svg>
    </figure>
  );
}
