/** A value that survives JSON (a stored dialog state, a notification payload). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
