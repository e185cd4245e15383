import type { Metadata } from "next";
import { requirePageRole } from "@/lib/auth/guard";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, hasRole } from "@/lib/auth/roles";
import { listApiTokens } from "@/lib/db/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { TokenTable } from "@/components/ui/token-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ChangePasswordForm } from "./_components/change-password-form";
import { NewTokenForm } from "./_components/new-token-form";
import { changePasswordAction, createApiTokenAction, revokeOwnApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requirePageRole("viewer");
  if (me.kind === "anonymous") {
    return (
      <EmptyState title="Browsing without an account">Sign in to change your password or create API tokens.</EmptyState>
    );
  }
  const tokens = await listApiTokens({ userId: me.userId });
  return (
    <>
      <PageHeader
        title="Your account"
        description={
          <>
            {me.email} · <strong>{ROLE_LABELS[me.role]}</strong>: you may {ROLE_DESCRIPTIONS[me.role]}.
          </>
        }
      />
      <div className="grid gap-6">
        <Card title="Password">
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card
          title="API tokens"
          description="For scripts and pipelines: send it as Authorization: Bearer <token>. A token acts with its role, never above yours."
        >
          <NewTokenForm action={createApiTokenAction} roles={ROLES.filter((r) => hasRole(me.role, r))} />
          <div className="mt-6">
            {tokens.length === 0 ? (
              <p className="text-sm text-slate-500">No tokens yet.</p>
            ) : (
              <TokenTable tokens={tokens} revoke={(id) => revokeOwnApiTokenAction.bind(null, id)} />
            )}
          </div>
          <pre className="mt-4 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs text-slate-100">
            {`curl -s -H "Authorization: Bearer $MIGBENCH_TOKEN" http://<this host>/api/campaigns`}
          </pre>
        </Card>
      </div>
    </>
  );
}
