"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/campaigns", label: "Campaigns" },
  { href: "/testbeds", label: "Testbeds" },
  { href: "/profiles", label: "VM profiles" },
  { href: "/compare", label: "Compare" },
  { href: "/series", label: "Series" },
];

const ADMIN_ITEMS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
];

/** Top navigation; marks the section the current page belongs to. Admins also see theirs. */
export function MainNav({ isAdmin = false }: { isAdmin?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1 text-sm">
      {[...ITEMS, ...(isAdmin ? ADMIN_ITEMS : [])].map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            // Live pages re-render as runs finish; re-prefetching every section each time was a request storm.
            prefetch={false}
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
