"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";

const ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/campaigns", label: "Campaigns" },
  { href: "/testbeds", label: "Testbeds" },
  { href: "/profiles", label: "VM profiles" },
  { href: "/compare", label: "Compare" },
  { href: "/what-if", label: "What if" },
  { href: "/series", label: "Series" },
  { href: "/schedules", label: "Schedules" },
];

const ADMIN_ITEMS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
];

/**
 * Top navigation; marks the section the current page belongs to. Admins also see theirs. Below the `md`
 * breakpoint it folds behind a "Menu" button, with `children` (the user menu) inside the fold.
 */
export function MainNav({ isAdmin = false, children }: { isAdmin?: boolean; children?: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // A followed link closes the menu: the state is remembered per page it was opened on.
  const [openedOn, setOpenedOn] = useState(pathname);
  const shown = open && openedOn === pathname;
  const items = [...ITEMS, ...(isAdmin ? ADMIN_ITEMS : [])];
  return (
    <>
      <button
        type="button"
        className="ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 md:hidden"
        aria-expanded={shown}
        aria-controls="main-menu"
        onClick={() => {
          setOpen(!shown);
          setOpenedOn(pathname);
        }}
      >
        {shown ? "Close" : "Menu"}
      </button>
      <div
        id="main-menu"
        className={`${shown ? "flex" : "hidden"} w-full flex-col gap-3 md:flex md:w-auto md:flex-1 md:flex-row md:items-center`}
      >
        <nav aria-label="Main" className="flex flex-col gap-1 text-sm md:flex-row md:flex-wrap">
          {items.map((item) => {
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
        {children ? (
          <div className="border-t border-slate-200 pt-2 md:ml-auto md:border-0 md:pt-0">{children}</div>
        ) : null}
      </div>
    </>
  );
}
