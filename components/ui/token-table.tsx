import { ActionButton } from "./action-button";
import { formatDateTime } from "@/lib/format/units";
import type { ActionState } from "@/lib/schemas/action-state";

export type TokenRow = {
  id: number;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  user?: { email: string };
};

export type TokenTableProps = {
  tokens: TokenRow[];
  revoke: (id: number) => (state: ActionState) => Promise<ActionState>;
  showOwner?: boolean;
};

function stateOf(t: TokenRow): string {
  if (t.revokedAt) return `revoked ${formatDateTime(t.revokedAt)}`;
  if (t.expiresAt && t.expiresAt.getTime() <= Date.now()) return `expired ${formatDateTime(t.expiresAt)}`;
  return t.expiresAt ? `active until ${formatDateTime(t.expiresAt)}` : "active, no expiry";
}

/** API tokens (never the token itself: its first characters only), with Revoke for active ones. */
export function TokenTable({ tokens, revoke, showOwner = false }: TokenTableProps) {
  return (
    <div className="overflow-x-auto">
      <table aria-label="API tokens" className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Name</th>
            {showOwner ? <th className="px-3 py-2">Owner</th> : null}
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Token</th>
            <th className="px-3 py-2">Created</th>
            <th className="px-3 py-2">State</th>
            <th className="px-3 py-2"></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="px-3 py-2 font-medium">{t.name}</td>
              {showOwner ? <td className="px-3 py-2">{t.user?.email}</td> : null}
              <td className="px-3 py-2">{t.role}</td>
              <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(t.createdAt)}</td>
              <td className="px-3 py-2">{stateOf(t)}</td>
              <td className="px-3 py-2 text-right">
                {!t.revokedAt ? (
                  <ActionButton
                    action={revoke(t.id)}
                    label="Revoke"
                    variant="danger"
                    pendingLabel="Revoking…"
                    confirmText={`Revoke the token “${t.name}”? Scripts using it stop working.`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
