/** The workspace's views, loaded as one chunk after signing in. */
export const views: Record<string, unknown> = {};
