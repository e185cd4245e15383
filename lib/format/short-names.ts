/**
 * Short names for chart legends: a name without its trailing parenthesis ("40GbE (simulated, PCIe Gen2
 * x8 ~27 Gb/s)" → "40GbE"), kept whole where shortening would make two names alike or leave nothing.
 * The full name stays in tooltips and titles.
 */
export function shortNames(names: string[]): Map<string, string> {
  const cut = (name: string) => name.replace(/\s*\([^()]*\)\s*$/, "").trim();
  const distinct = [...new Set(names)];
  const owners = new Map<string, number>();
  for (const name of distinct) owners.set(cut(name).toLowerCase(), (owners.get(cut(name).toLowerCase()) ?? 0) + 1);
  return new Map(
    distinct.map((name) => [name, cut(name) && owners.get(cut(name).toLowerCase()) === 1 ? cut(name) : name]),
  );
}
