"use server";

import { testbedSchema } from "@/lib/schemas/testbed";
import { linkSchema } from "@/lib/schemas/link";
import type { ActionState } from "@/lib/schemas/action-state";
import { formAction, idAction, type ActionReply } from "@/lib/http/server-actions";
import { checkTestbedAs, createTestbedAs, deleteTestbedAs, updateTestbedAs } from "@/lib/operations/testbeds";
import { applyModelFitAs, createLinkAs, deleteLinkAs, updateLinkAs } from "@/lib/operations/links";
import { setMinEffectAs } from "@/lib/operations/series";
import { addWebhookAs, pingWebhookAs, removeWebhookAs } from "@/lib/operations/webhooks";
import { webhookSchema } from "@/lib/schemas/webhook";
import { minEffectFormSchema } from "@/lib/schemas/series";
import type { CheckResult } from "@/lib/hypervisors/types";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { SignedIn } from "@/lib/auth/guard";
import type { WriteResult } from "@/lib/db/errors";

/**
 * A form on a testbed's page: bound to the testbed (checked as an id), the change made as the caller,
 * the page refreshed and a message shown.
 */
function onTestbedPage<S extends z.ZodType, T>(
  role: Role,
  testbedId: number,
  formData: FormData,
  schema: S,
  change: (me: SignedIn, data: z.output<S>) => Promise<WriteResult<T>>,
  message: (value: T) => string,
  extra: Record<string, unknown> = {},
) {
  return formAction(
    role,
    formData,
    schema,
    change,
    { refresh: () => [`/testbeds/${testbedId}`], message },
    {
      ids: [testbedId],
      extra,
    },
  );
}

export async function createTestbedAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction("admin", formData, testbedSchema, createTestbedAs, {
    refresh: ["/testbeds"],
    redirectTo: (value) => `/testbeds/${value.id}`,
  });
}

export async function updateTestbedAction(id: number, _prev: ActionState, formData: FormData): Promise<ActionState> {
  return formAction(
    "admin",
    formData,
    testbedSchema,
    (me, data) => updateTestbedAs(me, id, data),
    { refresh: ["/testbeds"], redirectTo: () => `/testbeds/${id}` },
    { ids: [id] },
  );
}

export async function deleteTestbedAction(id: number, _prev: ActionState): Promise<ActionState> {
  return idAction("admin", [id], (me) => deleteTestbedAs(me, id), {
    refresh: ["/testbeds"],
    redirectTo: () => "/testbeds",
  });
}

export async function createLinkAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return onTestbedPage(
    "admin",
    testbedId,
    formData,
    linkSchema,
    (me, data) => createLinkAs(me, testbedId, data),
    ({ name }) => `Link "${name}" added.`,
    { testbedId },
  );
}

export async function updateLinkAction(
  testbedId: number,
  linkId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return formAction(
    "admin",
    formData,
    linkSchema,
    (me, data) => updateLinkAs(me, testbedId, linkId, data),
    { refresh: () => [`/testbeds/${testbedId}`], redirectTo: () => `/testbeds/${testbedId}` },
    { ids: [testbedId, linkId], extra: { testbedId } },
  );
}

export async function deleteLinkAction(testbedId: number, linkId: number, _prev: ActionState): Promise<ActionState> {
  return idAction(
    "admin",
    [testbedId, linkId],
    (me) => deleteLinkAs(me, testbedId, linkId),
    () => [`/testbeds/${testbedId}`],
  );
}

export async function applyModelFitAction(testbedId: number, _prev: ActionState): Promise<ActionState> {
  return idAction("admin", [testbedId], (me) => applyModelFitAs(me, testbedId), {
    refresh: () => [`/testbeds/${testbedId}`],
    message: ({ links }) => `Model parameters of ${links} link${links === 1 ? "" : "s"} updated from measured runs.`,
  });
}

export type CheckState = ActionReply<{ check: CheckResult | null; checkedAt: string }>;

/** The testbed's adapter check, when an operator presses Check now (never while a page renders). */
export async function checkTestbedAction(testbedId: number, _prev: CheckState): Promise<CheckState> {
  return idAction("operator", [testbedId], (me) => checkTestbedAs(me, testbedId), {
    refresh: [],
    reply: ({ check }) => ({ check, checkedAt: new Date().toISOString() }),
  });
}

export async function setMinEffectAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return onTestbedPage(
    "operator",
    testbedId,
    formData,
    minEffectFormSchema,
    (me, data) => setMinEffectAs(me, testbedId, data.minEffectPct),
    ({ minEffectPct }) => `Saved: changes under ${minEffectPct}% are not regressions`,
  );
}

export async function createWebhookAction(
  testbedId: number,
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  return onTestbedPage(
    "admin",
    testbedId,
    formData,
    webhookSchema,
    (me, data) => addWebhookAs(me, testbedId, data),
    () => "Webhook added: verdicts of campaigns that finish from now on are sent to it",
  );
}

export async function deleteWebhookAction(
  testbedId: number,
  webhookId: number,
  _prev: ActionState,
): Promise<ActionState> {
  return idAction(
    "admin",
    [testbedId, webhookId],
    (me) => removeWebhookAs(me, testbedId, webhookId),
    () => [`/testbeds/${testbedId}`],
  );
}

export async function pingWebhookAction(
  testbedId: number,
  webhookId: number,
  _prev: ActionState,
): Promise<ActionState> {
  return idAction("admin", [testbedId, webhookId], (me) => pingWebhookAs(me, testbedId, webhookId), {
    refresh: () => [`/testbeds/${testbedId}`],
    message: () => "Test message queued: a worker serving this testbed sends it within seconds",
  });
}
