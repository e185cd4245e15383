export type EmptyStateProps = { title: string; children?: React.ReactNode; action?: React.ReactNode };

/** Shown where a list or chart has nothing yet: says what to do next. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mx-auto mt-1 max-w-xl text-sm text-slate-500">{children}</div> : null}
      {action ? <div className="mt-4 flex justify-center">{action}</div> : null}
    </div>
  );
}
