import { ActionButton } from "./action-button";
import { DataTable, type Column } from "./data-table";
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
  const columns: Column<TokenRow>[] = [
    { header: "Name", className: "font-medium", cell: (t) => t.name },
    ...(showOwner ? [{ header: "Owner", cell: (t: TokenRow) => t.user?.email }] : []),
    { header: "Role", cell: (t) => t.role },
    { header: "Token", className: "font-mono text-xs", cell: (t) => `${t.prefix}…` },
    { header: "Created", className: "whitespace-nowrap", cell: (t) => formatDateTime(t.createdAt) },
    { header: "State", cell: stateOf },
    {
      header: "",
      className: "text-right",
      cell: (t) =>
        !t.revokedAt ? (
          <ActionButton
            action={revoke(t.id)}
            label="Revoke"
            variant="danger"
            pendingLabel="Revoking…"
            confirmText={`Revoke the token “${t.name}”? Scripts using it stop working.`}
          />
        ) : null,
    },
  ];
  return <DataTable label="API tokens" density="card" rows={tokens} columns={columns} />;
}
