import "server-only";
import { audit } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { testbedNameOf } from "@/lib/db/audit-names";
import { saveImportMapping } from "@/lib/db/import-mappings";
import type { SaveImportMapping } from "@/lib/schemas/import-mapping";
import { mayCreateThroughImport } from "./imports";

/**
 * Keeps the column mapping an import used, for the next file from the same source on the same testbed,
 * and audits it. A mapping that maps values to new links or profiles is kept only for an admin: anyone
 * else's would offer a choice the import refuses.
 */
export async function saveImportMappingAs(principal: Principal, input: SaveImportMapping) {
  const creates =
    Object.values(input.mapping.links).some((c) => c?.kind === "new") ||
    Object.values(input.mapping.profiles).some((c) => c?.kind === "new");
  if (creates && !mayCreateThroughImport(principal))
    return {
      ok: false as const,
      message: "Only an admin may map values to new links or VM profiles; choose existing ones",
      field: "mapping",
    };
  const testbedName = await testbedNameOf(input.testbedId);
  const result = await saveImportMapping(input);
  if (!result.ok) return result;
  await audit(principal, {
    action: "import-mapping.save",
    targetType: "testbed",
    targetId: input.testbedId,
    summary: `${result.value.created ? "Saved" : "Updated"} the import column mapping of testbed “${testbedName}” (#${input.testbedId}) for the source “${input.source.slice(0, 200)}”`,
  });
  return result;
}
