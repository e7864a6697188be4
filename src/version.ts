/**
 * Version of the processing pipeline. Every stored document records the version that made
 * it; `vanban reprocess` reruns documents made by another version. Bump it whenever a stage
 * changes what it produces for the same input (a rule, a data table, a model).
 */
export const PIPELINE_VERSION = '0.3.0';
