"use client";

import { useActionState, useState } from "react";
import { INITIAL_ACTION_STATE, type ActionState } from "@/lib/schemas/action-state";
import { errorsFor, FormMessage, SubmitButton } from "@/components/ui/form-fields";
import { BUTTON_CLASSES } from "@/components/ui/button-link";

/** Copies the page's URL, which fully describes the view. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={BUTTON_CLASSES.secondary}
      onClick={async () => {
        await navigator.clipboard.writeText(window.location.href);
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? "Link copied" : "Copy link"}
    </button>
  );
}

/** Saves the current comparison under a short, immutable link. */
export function SaveComparisonForm({
  action,
  query,
  defaultTitle,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  query: string;
  defaultTitle: string;
}) {
  const [state, formAction] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2" aria-label="Save comparison">
      <input type="hidden" name="query" value={query} />
      <label className="text-xs text-slate-600">
        Title
        <input
          name="title"
          defaultValue={defaultTitle}
          maxLength={200}
          aria-describedby="title-error"
          className="block w-full max-w-80 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
      </label>
      <SubmitButton pendingLabel="Saving…">Save comparison</SubmitButton>
      <div id="title-error">
        <FormMessage state={state} />
        {[...errorsFor(state, "title"), ...errorsFor(state, "query")]
          .filter((e) => state.ok !== false || e !== state.message)
          .map((e) => (
            <p key={e} className="mt-1 text-sm text-red-600">
              {e}
            </p>
          ))}
      </div>
    </form>
  );
}
