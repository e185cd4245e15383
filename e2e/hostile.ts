import fc from "fast-check";

/*
 * Hostile input for property-based tests (fast-check arbitraries): the strings, numbers and nested
 * values that once broke a parser here or elsewhere, and random ones besides.
 */

export const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "0x10",
    "1e308",
    "-1",
    "1.5",
    "NaN",
    "Infinity",
    "null",
    "true",
    "[]",
    "{}",
    "\u0000",
    "\ud800",
    "a\u0007b",
    "<script>alert(1)</script>",
    "'; DROP TABLE Run;--",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "$undefined",
    "x".repeat(5000),
    // Separators and whitespace that parsers drop or split on (the second security review's findings).
    "qemu+ssh://kvm-01/system?no_tty=1;command=/usr/bin/env;keyfile=-Ssh%20-c%20'id'",
    "qemu+ssh://kvm-01/system?no_tty=1\ncommand=/bin/sh",
    "qemu+ssh://kvm-01\t/system",
    "qemu+ssh://ｋｖｍ-01/system?no_tty=1；command=/bin/sh",
    "tcp://10.0.0.2:49152\n--xml /etc/passwd",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\u3000/evil.example",
    "//evil.example",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal./",
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);
export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e308, -0, 2 ** 31, 2 ** 53 + 2, 0.1),
  fc.integer({ min: -1000, max: 0 }),
  fc.integer({ min: 10_000_000, max: 2 ** 40 }),
  fc.double({ noInteger: true, noNaN: true }),
);
export const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
export const { value: hostileValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileScalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 5 }),
  ),
}));
/** Path segments: hostile, never a small real id (nor empty, "." or "..", which make another URL). */
export const hostileSegment = fc
  .oneof(hostileString, hostileNumber.map(String))
  .filter((s) => !/^\s*\+?0*[1-9]\d{0,6}\s*$/.test(s) && !["", ".", ".."].includes(s.trim()));
