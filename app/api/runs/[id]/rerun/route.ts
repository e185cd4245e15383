import { rerunRunAs } from "@/lib/operations/runs";
import { idOperationRoute } from "@/lib/http/api-responses";

/** POST /api/runs/:id/rerun: queue a failed, cancelled or interrupted run again. */
export const POST = idOperationRoute("operator", "Run", rerunRunAs);
