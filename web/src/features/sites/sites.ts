// Pure helpers of the Sites screens: sites and groups as a tree (by parentId), limits shown and entered in the
// units an operator thinks in (A per phase, kW) and sent in the API's (mA, W), and the power chart's points.
import type { LimitKind, Site, SitePowerPoint } from '../../api/enhanced';
import type { Point } from '../transactions/series';

export interface SiteNode {
  site: Site;
  depth: number;
  children: SiteNode[];
}

// The sites as a forest: a site whose parent is not in the list is a root; children in id order.
export function siteTree(sites: readonly Site[]): SiteNode[] {
  const ids = new Set(sites.map((s) => s.id));
  const byParent = new Map<string | null, Site[]>();
  for (const s of sites) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): SiteNode[] =>
    (byParent.get(parent) ?? [])
      .slice()
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((s) => !seen.has(s.id) && seen.add(s.id))
      .map((s) => ({ site: s, depth, children: build(s.id, depth + 1) }));
  return build(null, 0);
}

// Depth-first, parents before their children: the rows of the tree table.
export function flatten(nodes: readonly SiteNode[]): SiteNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

// The site and all groups below it (ids), e.g. to keep them out of its parent choices.
export function subtreeIds(sites: readonly Site[], id: string): Set<string> {
  const out = new Set<string>([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of sites) {
      if (s.parentId && out.has(s.parentId) && !out.has(s.id)) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}

function trimmed(n: number): string {
  return n.toFixed(3).replace(/\.?0+$/, '');
}

// "32 A per phase" or "22 kW".
export function formatLimit(kind: LimitKind, value: number): string {
  return kind === 'Power' ? `${trimmed(value / 1000)} kW` : `${trimmed(value / 1000)} A per phase`;
}

// A limit as entered (A per phase or kW, decimal) in the API's integer unit (mA or W); null when not a number >= 0.
export function limitFromInput(text: string): number | null {
  if (!/^\d+(\.\d{1,3})?$/.test(text.trim())) return null;
  return Math.round(Number(text.trim()) * 1000);
}

// The API's integer (mA or W) as an input's text (A or kW).
export function limitToInput(value: number): string {
  return trimmed(value / 1000);
}

export function formatAmps(ma: number): string {
  return `${trimmed(ma / 1000)} A`;
}

// The chart's points: buckets where some station reported (gaps are left out, the line joins across them).
export function powerPoints(points: readonly SitePowerPoint[]): Point[] {
  return points.filter((p) => p.powerW !== null).map((p) => ({ t: Date.parse(p.at), v: p.powerW as number }));
}
