// Users (admin only): the console's accounts with their role, created, edited (role, e-mail, password, disabled)
// and deleted through /api/v1/users.
import { useState, type FormEvent } from 'react';
import {
  useCreateUserMutation,
  useDeleteUserMutation,
  useListUsersQuery,
  useUpdateUserMutation,
  type Role,
  type User,
  type UserUpdate,
} from '../../api/enhanced';
import { describeError } from '../../api/problem';
import { useAppSelector } from '../../app/hooks';
import { Button, Dialog, DialogActions, Field, ListCard, PageHeader, Pager, Table, Td, Th, formatTime, inputClass, useCursorPager } from '../../components/form';
import { ProblemAlert, timeAgo } from '../../components/ui';
import { AdminOnly } from './AdminOnly';

const roles: { value: Role; label: string; hint: string }[] = [
  { value: 'viewer', label: 'Viewer', hint: 'sees the network' },
  { value: 'operator', label: 'Operator', hint: 'also sends commands and changes data' },
  { value: 'admin', label: 'Admin', hint: 'also manages accounts and reads the audit log' },
];

export function RoleBadge({ role }: { role: Role }) {
  const style =
    role === 'admin' ? 'bg-violet-50 text-violet-700 ring-violet-600/20' : role === 'operator' ? 'bg-sky-50 text-sky-700 ring-sky-600/20' : 'bg-slate-100 text-slate-600 ring-slate-500/20';
  return <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ${style}`}>{role}</span>;
}

function RoleSelect({ value, onChange }: { value: Role; onChange: (r: Role) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Role)} className={inputClass}>
      {roles.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label} — {r.hint}
        </option>
      ))}
    </select>
  );
}

function EmailAndRole(p: { email: string; setEmail: (e: string) => void; role: Role; setRole: (r: Role) => void }) {
  return (
    <>
      <Field label="E-mail">
        <input type="email" value={p.email} onChange={(e) => p.setEmail(e.target.value)} className={inputClass} />
      </Field>
      <Field label="Role">
        <RoleSelect value={p.role} onChange={p.setRole} />
      </Field>
    </>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const [create, { error, isLoading }] = useCreateUserMutation();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [password, setPassword] = useState('');
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await create({ userCreate: { username: username.trim(), email: email.trim() || null, role, password } });
    if (!('error' in r)) onClose();
  };
  return (
    <Dialog title="New user" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <Field label="User name" hint="letters, digits and . _ @ -">
          <input required value={username} onChange={(e) => setUsername(e.target.value)} pattern="[A-Za-z0-9._@\-]{1,64}" className={inputClass} />
        </Field>
        <EmailAndRole email={email} setEmail={setEmail} role={role} setRole={setRole} />
        <Field label="Password" hint="at least 8 characters">
          <input required type="password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" className={inputClass} />
        </Field>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Create user" disabled={isLoading} />
      </form>
    </Dialog>
  );
}

// Only what changed is sent (the API wants at least one member).
export function userChanges(user: User, form: { email: string; role: Role; disabled: boolean; password: string }): UserUpdate {
  const u: UserUpdate = {};
  const email = form.email.trim() || null;
  if (email !== (user.email ?? null)) u.email = email;
  if (form.role !== user.role) u.role = form.role;
  if (form.disabled !== user.disabled) u.disabled = form.disabled;
  if (form.password) u.password = form.password;
  return u;
}

function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const [update, { error, isLoading }] = useUpdateUserMutation();
  const [email, setEmail] = useState(user.email ?? '');
  const [role, setRole] = useState<Role>(user.role);
  const [disabled, setDisabled] = useState(user.disabled);
  const [password, setPassword] = useState('');
  const changes = userChanges(user, { email, role, disabled, password });
  const problem = describeError(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await update({ userId: user.id, userUpdate: changes });
    if (!('error' in r)) onClose();
  };
  return (
    <Dialog title={`Edit ${user.username}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} className="space-y-3">
        <EmailAndRole email={email} setEmail={setEmail} role={role} setRole={setRole} />
        <Field label="New password" hint="leave empty to keep the current one">
          <input type="password" minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" className={inputClass} />
        </Field>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} className="size-4 accent-emerald-600" />
          Disabled (cannot sign in; sessions end)
        </label>
        {problem && <ProblemAlert problem={problem} />}
        <DialogActions onCancel={onClose} submit="Save" disabled={isLoading || Object.keys(changes).length === 0} />
      </form>
    </Dialog>
  );
}

function Users() {
  const pager = useCursorPager();
  const me = useAppSelector((s) => s.auth.username);
  const { data, error, isLoading, refetch } = useListUsersQuery({ limit: 50, cursor: pager.cursor });
  const [remove, removal] = useDeleteUserMutation();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const problem = describeError(error) ?? describeError(removal.error);
  const users = data?.items ?? [];

  const del = (u: User) => {
    if (window.confirm(`Delete the user ${u.username}? Their sessions end at once.`)) void remove({ userId: u.id });
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Users"
        subtitle="People who sign in to the console, and what their role lets them do."
        actions={
          <Button tone="primary" onClick={() => setCreating(true)}>
            + New user
          </Button>
        }
      />
      {problem && <ProblemAlert problem={problem} onRetry={() => void refetch()} />}
      <ListCard loading={isLoading} loadingLabel="Loading users…" empty={users.length === 0} emptyTitle="No users" emptyHint="Create the first one.">
        <Table
          head={
            <>
              <Th>User</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th className="hidden md:table-cell">Last sign-in</Th>
              <Th className="hidden lg:table-cell">Created</Th>
              <Th />
            </>
          }
        >
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" className="hover:bg-slate-50">
              <Td>
                <p className="font-medium text-slate-900">
                  {u.username}
                  {u.username === me && <span className="ml-2 text-xs font-normal text-slate-400">(you)</span>}
                </p>
                <p className="text-xs text-slate-500">{u.email ?? '—'}</p>
              </Td>
              <Td>
                <RoleBadge role={u.role} />
              </Td>
              <Td>{u.disabled ? <span className="text-rose-700">Disabled</span> : <span className="text-emerald-700">Active</span>}</Td>
              <Td className="hidden text-slate-500 md:table-cell">{timeAgo(u.lastLoginAt)}</Td>
              <Td className="hidden text-slate-500 lg:table-cell">{formatTime(u.createdAt)}</Td>
              <Td className="whitespace-nowrap text-right">
                <Button tone="ghost" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                  Edit
                </Button>
                <Button tone="ghost" className="text-rose-700" onClick={() => del(u)} aria-label={`Delete ${u.username}`}>
                  Delete
                </Button>
              </Td>
            </tr>
          ))}
        </Table>
        <Pager pager={pager} nextCursor={data?.nextCursor} count={users.length} />
      </ListCard>
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      {editing && <EditUserDialog user={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

export function UsersPage() {
  return (
    <AdminOnly>
      <Users />
    </AdminOnly>
  );
}
