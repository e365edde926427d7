export const BUILTIN_CATALOG_FILES: Record<string, string> = {};
