/** Random identifiers: short, URL-safe, lower case. */
import { customAlphabet } from 'nanoid';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** The id of a new event, e.g. 'k3v9x0q2m7ab'. */
export const newEventId = customAlphabet(alphabet, 12);

/** A new revision: the ETag of a stored version, and the guard of its write. */
export const newRevision = customAlphabet(alphabet, 16);
