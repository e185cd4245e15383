import Link from "next/link";

export type ButtonLinkProps = { href: string; children: React.ReactNode; variant?: "primary" | "secondary" };

export const BUTTON_CLASSES = {
  primary:
    "inline-flex items-center gap-1 rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-sky-800 disabled:cursor-not-allowed disabled:opacity-60",
  secondary:
    "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60",
  danger:
    "inline-flex items-center gap-1 rounded-md border border-red-300 bg-white px-3 py-2 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60",
} as const;

/** A link styled as a button. */
export function ButtonLink({ href, children, variant = "primary" }: ButtonLinkProps) {
  return (
    <Link href={href} className={BUTTON_CLASSES[variant]}>
      {children}
    </Link>
  );
}
