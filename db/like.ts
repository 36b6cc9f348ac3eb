/**
 * LIKE patterns from what a user typed. `!` escapes the wildcards: one
 * character MariaDB and SQLite read alike, so a search for "50%" means those
 * characters, not a pattern. Use with `like ? escape '!'`.
 */
const escaped = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/** Matches text containing `s`. */
export const containing = (s: string): string => `%${escaped(s)}%`;

/** Matches text starting with `s`. */
export const startingWith = (s: string): string => `${escaped(s)}%`;
