/** Messages for result folders that cannot be read as asked (bad input: exit 2). */
export const resultsMessages = {
  noResults: (dir: string) =>
    `${dir}: no finished runs found (expected <results>/<experiment>/<run-id>/summary.json); run "bench run EXPERIMENT --out ${dir}" first`,
  unreadableJson: (path: string, what: string, reason: string) => `${path}: not a valid ${what} (${reason}); regenerate it`,
} as const;
