/** The settings PGlite starts with (see pglite-settings.mjs). */
export const PGLITE_SETTINGS: readonly string[]
