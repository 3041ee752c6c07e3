import type { Notice } from '../api/resolve.js';

/** What a data-safety rule lets through, and the Warnings it owes the user. */
export type Kept<T> = { readonly value: T; readonly notices: readonly Notice[] };
