import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guard";
import { listUsers } from "@/lib/db/users";
import { listApiTokens } from "@/lib/db/api-tokens";
import { formatDateTime } from "@/lib/format/units";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { TokenTable } from "@/components/ui/token-table";
import { AddUserForm } from "./_components/add-user-form";
import { RoleForm } from "./_components/role-form";
import { addUserAction, revokeAnyApiTokenAction, setUserDisabledAction, setUserRoleAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  const [users, tokens] = await Promise.all([listUsers(), listApiTokens()]);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, with which role. Disabling a user signs them out everywhere and stops their API tokens."
      />
      <Card title={`${users.length} user${users.length === 1 ? "" : "s"}`} className="mb-6">
        <div className="overflow-x-auto">
          <table aria-label="Users" className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2">User</th>
                <th className="px-3 py-2">Role</th>
                <th className="px-3 py-2">State</th>
                <th className="px-3 py-2 text-right">Active tokens</th>
                <th className="px-3 py-2">Since</th>
                <th className="px-3 py-2"></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="px-3 py-2">
                    <span className="font-medium">{u.email}</span>
                    {u.name && u.name !== u.email.split("@")[0] ? (
                      <span className="block text-xs text-slate-500">{u.name}</span>
                    ) : null}
                    {"userId" in me && me.userId === u.id ? (
                      <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">you</span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <RoleForm action={setUserRoleAction.bind(null, u.id)} role={u.role} email={u.email} />
                  </td>
                  <td className="px-3 py-2">
                    {u.banned ? (
                      <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">disabled</span>
                    ) : (
                      "enabled"
                    )}
                  </td>
                  <td className="num px-3 py-2 text-right">{u._count.apiTokens}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(u.createdAt)}</td>
                  <td className="px-3 py-2 text-right">
                    {u.banned ? (
                      <ActionButton
                        action={setUserDisabledAction.bind(null, u.id, false)}
                        label="Enable"
                        pendingLabel="Enabling…"
                      />
                    ) : (
                      <ActionButton
                        action={setUserDisabledAction.bind(null, u.id, true)}
                        label="Disable"
                        variant="danger"
                        pendingLabel="Disabling…"
                        confirmText={`Disable ${u.email}? They are signed out and their tokens stop working.`}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title="Add a user" className="mb-6">
        <AddUserForm action={addUserAction} />
      </Card>
      <Card title="API tokens of everyone" description="Revoke any token; its owner sees it as revoked.">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <TokenTable tokens={tokens} showOwner revoke={(id) => revokeAnyApiTokenAction.bind(null, id)} />
        )}
      </Card>
    </>
  );
}
