/** Test doubles and port compliance suites for this package (filled in by its issue). */
export const TESTING_STATUS = "planned" as const;
