// Imported first by tests that read the logs: the integration setup silences them, and the logger
// reads its level when first loaded (and returns to it on every warm invocation).
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
