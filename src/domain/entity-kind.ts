/** The object types a global id can name (`<provider>:<EntityKind>:<locator>`). */
export type EntityKind = 'Interview' | 'InterviewTemplate' | 'Report';
