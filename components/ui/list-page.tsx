import { Suspense } from "react";
import { PageHeader } from "./page-header";
import { ButtonLink } from "./button-link";
import { ListSkeleton } from "./skeleton";

/**
 * A page that lists one kind of record: its header, a "New …" button for those allowed to create one,
 * and the list streamed in behind a skeleton of `skeletonRows` rows.
 */
export function ListPage({
  title,
  description,
  create,
  skeletonRows,
  children,
}: {
  title: string;
  description: React.ReactNode;
  /** The create button; null for people whose role may not create. */
  create: { href: string; label: string } | null;
  skeletonRows: number;
  children: React.ReactNode;
}) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={create ? <ButtonLink href={create.href}>{create.label}</ButtonLink> : undefined}
      />
      <Suspense fallback={<ListSkeleton rows={skeletonRows} />}>{children}</Suspense>
    </>
  );
}
