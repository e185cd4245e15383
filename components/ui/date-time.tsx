import { formatDateTime, isoDateTime } from "@/lib/format/units";

export type DateTimeProps = {
  value: Date | string | null | undefined;
  className?: string;
};

/**
 * A moment as people read it (UTC, to the second) in a `<time>` whose `dateTime` and hover text are the
 * full ISO 8601 value, so the exact time can be copied or compared. Unknown moments read "—".
 */
export function DateTime({ value, className }: DateTimeProps) {
  const iso = isoDateTime(value);
  if (!iso) return <span className={className}>{formatDateTime(value)}</span>;
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formatDateTime(value)}
    </time>
  );
}
