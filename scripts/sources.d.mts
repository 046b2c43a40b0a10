// Types of sources.mjs for the TypeScript that imports it (the browser tests' set-up).
export declare const BUILD_SOURCES: readonly string[]
