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
import { CellWithDetail, DataTable } from "@/components/ui/data-table";

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
        <DataTable
          label="Users"
          density="card"
          rows={users}
          columns={[
            {
              header: "User",
              cell: (u) => (
                <CellWithDetail main={u.email} detail={u.name && u.name !== u.email.split("@")[0] ? u.name : null}>
                  {"userId" in me && me.userId === u.id ? (
                    <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">you</span>
                  ) : null}
                </CellWithDetail>
              ),
            },
            {
              header: "Role",
              cell: (u) => <RoleForm action={setUserRoleAction.bind(null, u.id)} role={u.role} email={u.email} />,
            },
            {
              header: "State",
              cell: (u) =>
                u.banned ? (
                  <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-800">disabled</span>
                ) : (
                  "enabled"
                ),
            },
            { header: "Active tokens", numeric: true, cell: (u) => u._count.apiTokens },
            { header: "Since", className: "whitespace-nowrap", cell: (u) => formatDateTime(u.createdAt) },
            {
              header: "",
              className: "text-right",
              cell: (u) =>
                u.banned ? (
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
                ),
            },
          ]}
        />
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
