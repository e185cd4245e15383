import Link from "next/link";

export type PageHeaderProps = {
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  /** The link above the title to the page this one belongs to. */
  breadcrumb?: { href: string; label: string; prefetch?: false };
};

/** Title block at the top of every page. */
export function PageHeader({ title, description, actions, breadcrumb }: PageHeaderProps) {
  return (
    <div className="mb-6">
      {breadcrumb ? (
        <div className="mb-2 text-sm text-slate-500">
          <Link href={breadcrumb.href} prefetch={breadcrumb.prefetch} className="hover:underline">
            {breadcrumb.label}
          </Link>
        </div>
      ) : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {description ? <div className="mt-1 max-w-3xl text-sm text-slate-600">{description}</div> : null}
        </div>
        {actions ? <div className="flex shrink-0 gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
