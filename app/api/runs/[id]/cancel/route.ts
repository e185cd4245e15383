import { cancelRunAs } from "@/lib/operations/runs";
import { idOperationRoute } from "@/lib/http/api-responses";

/** POST /api/runs/:id/cancel: cancel a queued run, or ask a running one to stop. */
export const POST = idOperationRoute("operator", "Run", cancelRunAs);
