import "server-only";
/** Prisma's known request error codes that the UI turns into messages. */
function codeOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** A unique constraint was violated (e.g. a second testbed with the same name). */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === "P2002";
}

/** A row is still referenced by another (e.g. deleting a link that runs used). */
export function isForeignKeyViolation(error: unknown): boolean {
  return codeOf(error) === "P2003" || codeOf(error) === "P2014";
}

/** The row to update or delete does not exist. */
export function isNotFound(error: unknown): boolean {
  return codeOf(error) === "P2025";
}

/** Outcome of a write that can be refused for a reason the user must read. */
export type WriteResult<T = undefined> =
  | { ok: true; value: T }
  | {
      ok: false;
      message: string;
      field?: string;
      /** not_found: the row is missing (HTTP 404); otherwise a refusal (409/400). */ code?: "not_found";
    };

/** A write's result with its value reshaped (a refusal passes through as it is). */
export function mapResult<T, U>(result: WriteResult<T>, reshape: (value: T) => U): WriteResult<U> {
  return result.ok ? { ok: true, value: reshape(result.value) } : result;
}

/** What to tell the user when the database refuses a write for a known reason. */
export type WriteRefusals = {
  /** A unique name is taken (reported on the name field). */
  nameTaken?: string;
  /** The row to update or delete is gone. */
  notFound?: string;
  /** A reference is missing or still in use. */
  reference?: string;
};

/**
 * Runs a write and turns Prisma's known refusals into a WriteResult with the given messages; any
 * other error is thrown (a bug, not a user's mistake).
 */
export async function guardedWrite<T>(write: () => Promise<T>, refusals: WriteRefusals): Promise<WriteResult<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (refusals.nameTaken && isUniqueViolation(error))
      return { ok: false, message: refusals.nameTaken, field: "name" };
    if (refusals.notFound && isNotFound(error)) return { ok: false, message: refusals.notFound };
    if (refusals.reference && isForeignKeyViolation(error)) return { ok: false, message: refusals.reference };
    throw error;
  }
}

/**
 * Deletes a row unless `uses` other rows still need it (runs are results: they are never lost as a
 * side effect), with the refusal in words; otherwise as guardedWrite.
 */
export async function deleteUnlessUsed(
  uses: number,
  refusal: (uses: number) => string,
  remove: () => Promise<unknown>,
  refusals: WriteRefusals,
): Promise<WriteResult> {
  if (uses > 0) return { ok: false, message: refusal(uses) };
  return guardedWrite(async () => void (await remove()), refusals);
}

/** What namedRecordWrites needs of a Prisma model: create and update by id. */
type NamedDelegate<D> = {
  create(args: { data: D; select: { id: true } }): Promise<{ id: number }>;
  update(args: { where: { id: number }; data: D; select: { id: true } }): Promise<{ id: number }>;
};

/**
 * Create and update of a record whose name is unique (testbeds, links, VM profiles), with the
 * database's refusals in words: a taken name on the name field, a vanished row, a missing reference.
 * `noun` names the record in the messages; `editable` picks what an update may change.
 */
export function namedRecordWrites<D extends { name: string }>(
  model: NamedDelegate<D>,
  noun: string,
  {
    nameTaken = (name) => `A ${noun} named "${name}" already exists; choose another name`,
    reference,
    editable = (data) => data,
  }: { nameTaken?: (name: string) => string; reference?: string; editable?: (data: D) => D } = {},
) {
  const notFound = `This ${noun} no longer exists`;
  return {
    create: ({ data }: { data: D }): Promise<WriteResult<{ id: number }>> =>
      guardedWrite(() => model.create({ data, select: { id: true } }), { nameTaken: nameTaken(data.name), reference }),
    update: ({ id, data }: { id: number; data: D }): Promise<WriteResult<{ id: number }>> =>
      guardedWrite(() => model.update({ where: { id }, data: editable(data), select: { id: true } }), {
        nameTaken: nameTaken(data.name),
        notFound,
      }),
  };
}
