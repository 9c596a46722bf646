// Sites: sites and the groups inside them (feeders) as a tree with their grid limits; a new site or group, and
// the dialog that creates or changes one (limit in A per phase or kW, parent). Operators and administrators edit;
// viewers only look.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useCreateSiteMutation, useListSitesQuery, useUpdateSiteMutation, type LimitKind, type Site } from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { useAppSelector } from '../../app/hooks';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Table, Td, Th, inputClass } from '../../components/form';
import { ProblemAlert } from '../../components/ui';
import { flatten, formatLimit, limitFromInput, limitToInput, siteTree, subtreeIds } from './sites';

// Changing sites needs the `command` permission (operator, admin).
export function useCanEditSites(): boolean {
  return useAppSelector((s) => s.auth.role === 'admin' || s.auth.role === 'operator');
}

// All sites (the tree needs them all; a network has few).
export function useAllSites() {
  return useListSitesQuery({ limit: 500 });
}

type Draft = { id: string; name: string; parentId: string; limitKind: LimitKind; limit: string };

export function SiteDialog({ editing, parentId, sites, onClose }: { editing: Site | null; parentId?: string; sites: readonly Site[]; onClose: () => void }) {
  const [create, created] = useCreateSiteMutation();
  const [update, updated] = useUpdateSiteMutation();
  const [d, setD] = useState<Draft>(
    editing
      ? { id: editing.id, name: editing.name, parentId: editing.parentId ?? '', limitKind: editing.limitKind, limit: limitToInput(editing.limitValue) }
      : { id: '', name: '', parentId: parentId ?? '', limitKind: 'CurrentPerPhase', limit: '32' },
  );
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setD({ ...d, [k]: e.target.value });
  const limitValue = limitFromInput(d.limit);
  const excluded = editing ? subtreeIds(sites, editing.id) : new Set<string>();
  const problem = describeError(created.error) ?? describeError(updated.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (limitValue === null) return;
    const common = { name: d.name.trim() || d.id.trim(), parentId: d.parentId || null, limitKind: d.limitKind, limitValue };
    const r = editing
      ? await update({ siteId: editing.id, siteUpdate: common })
      : await create({ siteCreate: { ...common, id: d.id.trim() } });
    if ('data' in r && r.data) onClose();
  };
  return (
    <Dialog title={editing ? `Change ${editing.id}` : 'New site or group'} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        {!editing && (
          <Field label="Id">
            <input required value={d.id} onChange={set('id')} pattern="[A-Za-z0-9._\-]{1,64}" placeholder="depot-north" className={inputClass} />
          </Field>
        )}
        <Field label="Name">
          <input value={d.name} onChange={set('name')} className={inputClass} />
        </Field>
        <Field label="Parent" hint="empty: a site of its own; else a group (feeder) inside the parent">
          <select aria-label="Parent" value={d.parentId} onChange={set('parentId')} className={inputClass}>
            <option value="">— none —</option>
            {sites
              .filter((s) => !excluded.has(s.id))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.id})
                </option>
              ))}
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="Limit kind">
            <select aria-label="Limit kind" value={d.limitKind} onChange={set('limitKind')} className={inputClass}>
              <option value="CurrentPerPhase">A per phase</option>
              <option value="Power">kW</option>
            </select>
          </Field>
          <Field label={d.limitKind === 'Power' ? 'Limit (kW)' : 'Limit (A per phase)'}>
            <input aria-label="Limit" required value={d.limit} onChange={set('limit')} inputMode="decimal" className={inputClass} />
          </Field>
        </div>
        {limitValue === null && <p className="text-xs text-rose-600">The limit is a number (up to three decimals).</p>}
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit={editing ? 'Save' : 'Create site'} disabled={limitValue === null || created.isLoading || updated.isLoading} />
      </form>
    </Dialog>
  );
}

export function SitesPage() {
  const { data, error, isLoading, refetch } = useAllSites();
  const canEdit = useCanEditSites();
  const [creating, setCreating] = useState(false);
  const problem = describeError(error);
  const sites = data?.items ?? [];
  const rows = flatten(siteTree(sites));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Sites"
        subtitle="Grid connections and the groups (feeders) inside them: each keeps its stations under its limit."
        actions={
          canEdit && (
            <Button tone="primary" onClick={() => setCreating(true)}>
              + New site
            </Button>
          )
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading sites…" empty={rows.length === 0} emptyTitle="No sites yet" emptyHint={canEdit ? 'Create one to share its grid limit among its stations.' : undefined}>
        <Table
          head={
            <>
              <Th>Site</Th>
              <Th>Id</Th>
              <Th>Limit</Th>
              <Th>Fallback</Th>
            </>
          }
        >
          {rows.map(({ site, depth }) => (
            <tr key={site.id} data-testid={`site-row-${site.id}`} className="hover:bg-slate-50">
              <Td>
                <span style={{ paddingLeft: `${depth * 1.25}rem` }} className="inline-flex items-center gap-1.5">
                  {depth > 0 && <span className="text-slate-300">└</span>}
                  <Link to={`/sites/${encodeURIComponent(site.id)}`} className="font-medium text-emerald-700 hover:underline">
                    {site.name}
                  </Link>
                  {depth > 0 && <span className="rounded bg-slate-100 px-1.5 text-[10px] uppercase text-slate-500">group</span>}
                </span>
              </Td>
              <Td className="font-mono text-xs text-slate-500">{site.id}</Td>
              <Td className="tabular-nums">{formatLimit(site.limitKind, site.limitValue)}</Td>
              <Td className="tabular-nums text-slate-500">{(site.fallbackLimitMa / 1000).toString()} A</Td>
            </tr>
          ))}
        </Table>
      </ListCard>
      {creating && <SiteDialog editing={null} sites={sites} onClose={() => setCreating(false)} />}
    </div>
  );
}
