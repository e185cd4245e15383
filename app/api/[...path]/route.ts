import { apiError } from "@/lib/http/api-responses";

/** Any other /api path: a JSON 404 (not the HTML page), whoever asks. */
function notFound(request: Request) {
  return apiError(
    404,
    `No API route ${request.method} ${new URL(request.url).pathname}; see the README's JSON API table`,
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
