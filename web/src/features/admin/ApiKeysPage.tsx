// API keys (admin only): keys for machines, with their scopes; created (the secret is shown this once) and
// revoked through /api/v1/api-keys.
import { useState, type FormEvent } from 'react';
import {
  useCreateApiKeyMutation,
  useListApiKeysQuery,
  useRevokeApiKeyMutation,
  type ApiKey,
  type ApiKeyCreated,
  type Permission,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, localToIso, useCursorPager } from '../../components/form';
import { ProblemAlert, timeAgo } from '../../components/ui';
import { AdminOnly } from './AdminOnly';

const scopes: { value: Permission; hint: string }[] = [
  { value: 'read', hint: 'read stations, transactions, tokens' },
  { value: 'command', hint: 'send commands, change data' },
  { value: 'admin', hint: 'accounts and the audit log' },
];

export function keyState(k: ApiKey, now: number = Date.now()): 'active' | 'revoked' | 'expired' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return 'expired';
  return 'active';
}

function NewKeyShown({ created, onClose }: { created: ApiKeyCreated; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(created.key).then(() => setCopied(true));
  };
  return (
    <Dialog title={`API key ${created.name} created`} onClose={onClose}>
      <div className="space-y-3">
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20">
          Copy the key now: it is shown only this once. Send it as the <code className="font-mono">X-API-Key</code> header.
        </p>
        <div className="flex items-center gap-2">
          <code className="min-w-0 flex-1 break-all rounded-lg bg-slate-900 px-3 py-2 font-mono text-xs text-emerald-300" data-testid="new-api-key">
            {created.key}
          </code>
          <Button onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>
        </div>
        <div className="flex justify-end">
          <Button tone="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (k: ApiKeyCreated) => void }) {
  const [create, { error, isLoading }] = useCreateApiKeyMutation();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Permission[]>(['read']);
  const [expires, setExpires] = useState('');
  const problem = describeError(error);
  const toggle = (p: Permission) => setChosen((c) => (c.includes(p) ? c.filter((x) => x !== p) : [...c, p]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ apiKeyCreate: { name: name.trim(), scopes: chosen, expiresAt: localToIso(expires) ?? null } });
    if (r.data) onCreated(r.data);
  };
  return (
    <Dialog title="New API key" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <Field label="Name">
          <input required maxLength={128} value={name} onChange={(e) => setName(e.target.value)} placeholder="billing-export" className={inputClass} />
        </Field>
        <fieldset>
          <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">Scopes</legend>
          <div className="mt-1 space-y-1">
            {scopes.map((s) => (
              <label key={s.value} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" checked={chosen.includes(s.value)} onChange={() => toggle(s.value)} className="size-4 accent-emerald-600" />
                <span className="font-mono">{s.value}</span>
                <span className="text-xs text-slate-400">{s.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="Expires" hint="leave empty for a key that does not expire">
          <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} className={inputClass} />
        </Field>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Create key" disabled={isLoading || chosen.length === 0 || !name.trim()} />
      </form>
    </Dialog>
  );
}

const stateStyle = {
  active: 'text-emerald-700',
  revoked: 'text-rose-700',
  expired: 'text-slate-500',
};

function ApiKeys() {
  const pager = useCursorPager();
  const { data, error, isLoading, refetch } = useListApiKeysQuery({ limit: 50, cursor: pager.cursor });
  const [revoke, revocation] = useRevokeApiKeyMutation();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const problem = describeError(error) ?? describeError(revocation.error);
  const keys = data?.items ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        subtitle="Credentials for scripts and other systems, each with its scopes."
        actions={
          <Button tone="primary" onClick={() => setCreating(true)}>
            + New API key
          </Button>
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading API keys…" empty={keys.length === 0} emptyTitle="No API keys" emptyHint="Create one for a script or another system.">
        <Table
          head={
            <>
              <Th>Name</Th>
              <Th>Scopes</Th>
              <Th>State</Th>
              <Th className="hidden md:table-cell">Last used</Th>
              <Th className="hidden lg:table-cell">Created</Th>
              <Th className="hidden lg:table-cell">Expires</Th>
              <Th />
            </>
          }
        >
          {keys.map((k) => {
            const state = keyState(k);
            return (
              <tr key={k.id} data-testid="api-key-row" className="hover:bg-slate-50">
                <Td>
                  <p className="font-medium text-slate-900">{k.name}</p>
                  <p className="font-mono text-xs text-slate-500">{k.prefix}…</p>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {k.scopes.map((s) => (
                      <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                        {s}
                      </span>
                    ))}
                  </div>
                </Td>
                <Td className={stateStyle[state]}>{state}</Td>
                <Td className="hidden text-slate-500 md:table-cell">{timeAgo(k.lastUsedAt)}</Td>
                <Td className="hidden text-slate-500 lg:table-cell">
                  {formatTime(k.createdAt)}
                  {k.createdBy && <span className="block text-xs text-slate-400">by {k.createdBy}</span>}
                </Td>
                <Td className="hidden text-slate-500 lg:table-cell">{formatTime(k.expiresAt)}</Td>
                <Td className="text-right">
                  {state === 'active' && (
                    <Button
                      tone="ghost"
                      className="text-rose-700"
                      aria-label={`Revoke ${k.name}`}
                      onClick={() => window.confirm(`Revoke the key ${k.name}? It stops working at once.`) && void revoke({ keyId: k.id })}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={keys.length} />
      </ListCard>
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(k) => {
            setCreating(false);
            setCreated(k);
          }}
        />
      )}
      {created && <NewKeyShown created={created} onClose={() => setCreated(null)} />}
    </div>
  );
}

export function ApiKeysPage() {
  return (
    <AdminOnly>
      <ApiKeys />
    </AdminOnly>
  );
}
