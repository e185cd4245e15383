/**
 * "Export CSV" and "Export JSON" (or "<what> CSV/JSON"): plain links to a route that answers in either
 * format, so the browser downloads the file. `href` is the route with its query, without `format`.
 */
export function DownloadLinks({ href, what = "Export" }: { href: string; what?: string }) {
  const sep = href.includes("?") ? "&" : "?";
  return (
    <>
      {(["csv", "json"] as const).map((format) => (
        <a key={format} className="text-sm text-sky-700 hover:underline" href={`${href}${sep}format=${format}`}>
          {what} {format.toUpperCase()}
        </a>
      ))}
    </>
  );
}
