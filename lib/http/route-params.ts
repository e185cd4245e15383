import "server-only";
import { notFound } from "next/navigation";
import { parseId } from "@/lib/schemas/ids";

type Load<T> = (args: { id: number }) => Promise<T | null>;

/** The row a route's `[id]` names, or null (also when the segment is not an id): for metadata. */
export async function findFromParams<T>(params: Promise<{ id: string }>, load: Load<T>): Promise<T | null> {
  const id = parseId((await params).id);
  return id ? load({ id }) : null;
}

/** The row a page's `[id]` names, or Next's not-found page (a real 404): how every detail page opens. */
export async function loadFromParams<T>(params: Promise<{ id: string }>, load: Load<T>): Promise<T> {
  const row = await findFromParams(params, load);
  if (!row) notFound();
  return row;
}
